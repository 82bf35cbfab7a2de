"""One barrage message, the same for every platform once a source has read it.

Sources turn platform frames into ``Message``; the pipeline, the log, the review queue and
the feed only ever see this shape. ``raw`` keeps the frame as received so the log can be
audited (and replayed) without guessing what the platform actually sent.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any

ALL_ROOMS = "*"
# Shared by every message without platform details: no dict per message (thousands a
# second, each one more object for the garbage collector to walk).
NO_EXTRA: Mapping[str, Any] = MappingProxyType({})


class Kind(StrEnum):
    """What happened in the room: only comments carry text a viewer wrote."""

    COMMENT = "comment"
    GIFT = "gift"
    ENTER = "enter"
    LIKE = "like"
    FOLLOW = "follow"
    ORDER = "order"


@dataclass(frozen=True, slots=True)
class Message:
    """A normalised message: who said what, where and when.

    ``time`` is epoch seconds (the platform's stamp when it gives one, else the moment the
    console received it). ``room`` is a profile room id or ``ALL_ROOMS``. ``extra`` holds
    small JSON-safe platform details (badges, emotes, gift name and count, bits).
    """

    platform: str
    room: str
    id: str
    user_id: str
    user_name: str
    text: str
    time: float
    kind: Kind = Kind.COMMENT
    extra: Mapping[str, Any] = field(default_factory=lambda: NO_EXTRA)
    raw: str | None = None

    @property
    def user_key(self) -> str:
        """The identity rules count per user: the platform's id, else the shown name."""
        return self.user_id or self.user_name

    def to_record(self) -> dict[str, Any]:
        """The message as a JSON-safe dict (the log and replay format)."""
        record: dict[str, Any] = {
            "platform": self.platform,
            "room": self.room,
            "id": self.id,
            "user_id": self.user_id,
            "user": self.user_name,
            "text": self.text,
            "time": self.time,
            "kind": self.kind.value,
        }
        if self.extra:
            record["extra"] = dict(self.extra)
        if self.raw is not None:
            record["raw"] = self.raw
        return record

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Message:
        """Read a dict written by ``to_record``; raise ``ValueError`` saying what is wrong."""
        try:
            kind = Kind(str(record.get("kind", Kind.COMMENT.value)))
        except ValueError:
            raise ValueError(f"unknown kind {record.get('kind')!r}") from None
        text = record.get("text")
        user = record.get("user", record.get("user_name"))
        if not isinstance(text, str):
            raise ValueError("missing field text")
        if not isinstance(user, str):
            raise ValueError("missing field user")
        extra = record.get("extra") or NO_EXTRA
        if not isinstance(extra, Mapping):
            raise ValueError("extra must be an object")
        raw = record.get("raw")
        try:
            stamp = float(record.get("time", 0.0))
        except (TypeError, ValueError):
            raise ValueError(f"bad time {record.get('time')!r}") from None
        return cls(
            platform=str(record.get("platform", "")),
            room=str(record.get("room", ALL_ROOMS)),
            id=str(record.get("id", "")),
            user_id=str(record.get("user_id", "")),
            user_name=user,
            text=text,
            time=stamp,
            kind=kind,
            extra=dict(extra) if extra else NO_EXTRA,
            raw=raw if isinstance(raw, str) else None,
        )
