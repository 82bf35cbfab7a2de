"""How a grabber's JSON becomes a ``Message``: field paths, with presets for common shapes.

Two shapes are common among local barrage grabbers:

- ``type_data``: ``{"Type": 1, "Data": "<json string>"}``, Type 1 comment, 2 like, 3 member
  enter, 4 follow, 5 gift (others, such as 6 room statistics, are ignored), and Data holding
  ``{"MsgId", "User": {"Id", "Nickname"}, "Content", "GiftName", "GiftCount", ...}``;
- ``msg_type``: ``{"msg_type": "comment" | "room_enter" | "room_like" | "room_follow" |
  "live_order", "msg_id", "user_id", "nick_name", "content", ...}``.

Any other grabber is described by a ``FieldMapping`` (dotted paths into its JSON), which a
profile declares as a websocket source's ``mapping``.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from console.barrage.message import ALL_ROOMS, NO_EXTRA, Kind, Message
from console.barrage.sources.base import BadFrame


@dataclass(frozen=True)
class FieldMapping:
    """Where each message field is in a frame. Paths are dotted (``User.Nickname``) and read
    from the payload at ``data`` (an object or a JSON string inside the frame) if set, else
    from the frame itself; ``kind`` is always read from the frame."""

    kind: str  # path of the event-type field; empty: every frame is default_kind
    kinds: Mapping[str, Kind]  # event-type value (as text) → kind; other values are ignored
    text: str  # required for comments
    user_name: str  # required (falls back to user_id)
    user_id: str = ""
    id: str = ""
    time: str = ""  # epoch seconds (times time_scale); missing: the moment received
    time_scale: float = 1.0  # 0.001 when the grabber sends milliseconds
    room: str = ""  # when set, the message's room comes from the frame
    data: str = ""
    extra: Mapping[str, str] = field(default_factory=dict)  # extra name → path
    default_kind: Kind = Kind.COMMENT


TYPE_DATA = FieldMapping(
    kind="Type",
    kinds={"1": Kind.COMMENT, "2": Kind.LIKE, "3": Kind.ENTER, "4": Kind.FOLLOW, "5": Kind.GIFT},
    data="Data",
    text="Content",
    user_name="User.Nickname",
    user_id="User.Id",
    id="MsgId",
    extra={"gift": "GiftName", "count": "GiftCount", "likes": "Count", "diamonds": "DiamondCount"},
)

MSG_TYPE = FieldMapping(
    kind="msg_type",
    kinds={
        "comment": Kind.COMMENT,
        "room_enter": Kind.ENTER,
        "room_like": Kind.LIKE,
        "room_follow": Kind.FOLLOW,
        "live_order": Kind.ORDER,
    },
    text="content",
    user_name="nick_name",
    user_id="user_id",
    id="msg_id",
    time="time",
    extra={"product": "product_title", "order_status": "order_status"},
)

PRESETS: dict[str, FieldMapping] = {"type_data": TYPE_DATA, "msg_type": MSG_TYPE}

_MISSING = object()


def _get(obj: Any, path: str) -> Any:
    for part in path.split("."):
        if not isinstance(obj, Mapping):
            return _MISSING
        obj = obj.get(part, _MISSING)
        if obj is _MISSING:
            return _MISSING
    return obj


class FrameReader:
    """Turns one JSON text frame into messages (a frame may also be a list of events).

    ``clean`` is the source's text cleaner (it counts stripped characters and refuses
    over-long text by raising ``BadFrame``)."""

    def __init__(
        self,
        mapping: FieldMapping,
        platform: str,
        room: str,
        clean: Callable[[Any, str], str],
        next_id: Callable[[], str],
        max_frame: int = 64 * 1024,
    ) -> None:
        self.mapping = mapping
        self.platform = platform
        self.room = room
        self.clean = clean
        self.next_id = next_id
        self.max_frame = max_frame
        self.ignored = 0

    def read(self, frame: str) -> list[Message]:
        """The messages of ``frame``; raise ``BadFrame`` (reason) if it cannot be read."""
        if len(frame) > self.max_frame:
            raise BadFrame("frame too large")
        try:
            decoded = json.loads(frame)
        except (ValueError, RecursionError):  # RecursionError: nesting deeper than Python's
            raise BadFrame("invalid JSON") from None
        events = decoded if isinstance(decoded, list) else [decoded]
        out: list[Message] = []
        single = len(events) == 1
        for event in events:
            raw = frame if single else json.dumps(event, ensure_ascii=False)
            message = self._event(event, raw)
            if message is not None:
                out.append(message)
        return out

    def _event(self, event: Any, raw: str) -> Message | None:
        if not isinstance(event, Mapping):
            raise BadFrame("not a JSON object")
        mapping = self.mapping
        if mapping.kind:
            raw_kind = _get(event, mapping.kind)
            if raw_kind is _MISSING:
                raise BadFrame(f"missing field {mapping.kind}")
            kind = mapping.kinds.get(str(raw_kind))
            if kind is None:
                self.ignored += 1
                return None
        else:
            kind = mapping.default_kind
        payload: Any = event
        if mapping.data:
            payload = _get(event, mapping.data)
            if isinstance(payload, str):
                try:
                    payload = json.loads(payload)
                except (ValueError, RecursionError):
                    raise BadFrame(f"invalid JSON in {mapping.data}") from None
            if payload is _MISSING:
                raise BadFrame(f"missing field {mapping.data}")
            if not isinstance(payload, Mapping):
                raise BadFrame(f"bad field {mapping.data}")
        text = _get(payload, mapping.text)
        if text is _MISSING or text is None:
            if kind is Kind.COMMENT:
                raise BadFrame(f"missing field {mapping.text}")
            text = ""
        user_id = _get(payload, mapping.user_id) if mapping.user_id else _MISSING
        user_name = _get(payload, mapping.user_name)
        if user_name is _MISSING or user_name is None or user_name == "":
            if user_id is _MISSING:
                raise BadFrame(f"missing field {mapping.user_name}")
            user_name = user_id
        message_id = _get(payload, mapping.id) if mapping.id else _MISSING
        extra: dict[str, Any] = {}
        for name, path in mapping.extra.items():
            value = _get(payload, path)
            if isinstance(value, str | int | float) and not isinstance(value, bool):
                extra[name] = self.clean(value, name) if isinstance(value, str) else value
        room = self.room
        if mapping.room:
            frame_room = _get(payload, mapping.room)
            if isinstance(frame_room, str | int) and self.room == ALL_ROOMS:
                room = str(frame_room)
        return Message(
            platform=self.platform,
            room=room,
            id=self.clean(message_id, "id") if message_id is not _MISSING else self.next_id(),
            user_id=self.clean(user_id, "user_id") if user_id not in (_MISSING, None) else "",
            user_name=self.clean(user_name, "user_name"),
            text=self.clean(text, mapping.text),
            time=self._time(payload),
            kind=kind,
            extra=extra or NO_EXTRA,
            raw=raw,
        )

    def _time(self, payload: Any) -> float:
        if self.mapping.time:
            value = _get(payload, self.mapping.time)
            if isinstance(value, int | float | str) and not isinstance(value, bool):
                try:
                    stamp = float(value) * self.mapping.time_scale
                except (ValueError, OverflowError):  # float(10**400) overflows
                    stamp = 0.0
                if stamp > 1e12:  # milliseconds despite the scale: common enough to guess
                    stamp /= 1000.0
                if stamp > 0:
                    return stamp
        return time.time()
