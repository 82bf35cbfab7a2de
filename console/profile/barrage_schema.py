"""The ``barrage:`` section: comment sources per room, moderation rules, pinning.

Everything is declared for the one validator: a websocket source's ``mapping`` (field
paths into a grabber's JSON) here, the ``moderation`` rules in
:mod:`console.profile.moderation_schema`. The barrage's data classes (``FieldMapping``,
``ModerationConfig``) are built from the checked data.
"""

from __future__ import annotations

from dataclasses import replace
from difflib import get_close_matches
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from console.barrage.config import ModerationConfig
from console.barrage.message import ALL_ROOMS, Kind
from console.profile.model import (
    Barrage,
    BarrageSourceSettings,
    ReplaySourceSettings,
    TwitchSourceSettings,
    WebSocketSourceSettings,
)
from console.profile.moderation_schema import MODERATION, check_moderation
from console.profile.nodes import key_node, node_at
from console.profile.spec import (
    DIRECTORY,
    FILE,
    INTEGER,
    TEXT,
    ListOf,
    MapOf,
    Record,
    Scalar,
    Variant,
)
from console.profile.validate import Entry, Validator
from console.profile.values import BOOLEAN, ENV_MEANS, ENV_NAME, HOST_PORT, SPEED, choice, number

if TYPE_CHECKING:
    from console.barrage.sources.mapping import FieldMapping

ALL = "all"
"""How the profile says "every room"."""

KINDS = choice(tuple(kind.value for kind in Kind), "kind")


def _path(help: str, required: bool = False) -> Scalar:
    return Scalar(TEXT, help, required=required)


MAPPING = Record(
    {
        "kind": _path("path of the event-type field (left out: every frame is default_kind)"),
        "kinds": MapOf(
            Scalar(TEXT, "an event-type value, as text"),
            Scalar(KINDS, "the kind of message it is", required=True),
            "event-type value → comment, gift, enter, like, follow or order; others are ignored",
            duplicate="event type {!r} given twice",
        ),
        "text": _path("path of the comment text", required=True),
        "user_name": _path("path of the viewer's shown name", required=True),
        "user_id": _path("path of the viewer's id"),
        "id": _path("path of the message id"),
        "time": _path("path of the time stamp in epoch seconds (times time_scale)"),
        "time_scale": Scalar(number(above=True), "0.001 when the grabber sends milliseconds", 1.0),
        "room": _path("path of the room the message belongs to"),
        "data": _path("path of the payload the other paths read from (an object or JSON text)"),
        "extra": MapOf(
            Scalar(TEXT, "a name the message keeps the value under"),
            Scalar(TEXT, "path of the value", required=True),
            "extra name → path, kept with the message (gift name, count ...)",
            duplicate="extra {!r} given twice",
        ),
        "default_kind": Scalar(KINDS, "kind of frames without an event type", Kind.COMMENT.value),
    },
    "field paths into the grabber's JSON (with preset: mapping)",
    optional=True,
)
"""The keys of ``console.barrage.sources.mapping.FieldMapping``."""

SOURCE = Variant(
    "kind",
    "where the comments come from: websocket (a local grabber), twitch or replay",
    common={
        "room": Scalar(TEXT, "room id whose feed gets the comments, or all", ALL),
    },
    variants={
        "websocket": {
            "url": Scalar(
                TEXT,
                "the grabber's address, e.g. ws://127.0.0.1:8888",
                required=True,
                pattern=r"wss?://\S+",
                means="a ws:// or wss:// address",
            ),
            "preset": Scalar(
                choice(("type_data", "msg_type", "mapping"), "preset"),
                "frame shape: type_data ({Type, Data}), msg_type ({msg_type, ...}) or mapping; "
                "left out: mapping if a mapping is given, else type_data",
            ),
            "mapping": MAPPING,
        },
        "twitch": {
            "channel": Scalar(
                TEXT,
                "Twitch channel to read",
                required=True,
                pattern=r"#?[A-Za-z0-9_]{2,25}",
                means="a Twitch channel name",
            ),
            "nick": Scalar(TEXT, "login the token belongs to (needed with token_env)"),
            "token_env": Scalar(
                TEXT,
                "environment variable holding the OAuth token; left out: read anonymously",
                pattern=ENV_NAME,
                means=ENV_MEANS,
            ),
            "server": Scalar(HOST_PORT, "IRC server", "irc.chat.twitch.tv:6697"),
            "tls": Scalar(BOOLEAN, "connect with TLS (off only for a local test server)", True),
        },
        "replay": {
            "file": Scalar(FILE, "JSONL recording, relative to the profile", required=True),
            "speed": Scalar(SPEED, "playback speed: 1 real time, 10 ten times faster, max", 1),
            "loop": Scalar(BOOLEAN, "start over at the end", False),
        },
    },
    help="a source of viewer comments",
    noun="source",
)

BARRAGE = Record(
    {
        "sources": ListOf(SOURCE, "where viewer comments come from"),
        "moderation": MODERATION,
        "pin_seconds": Scalar(
            INTEGER, "seconds a pinned comment stays on screen", 15, minimum=1, maximum=3600
        ),
        "log_dir": Scalar(DIRECTORY, "folder for the barrage log; left out: the show's log_dir"),
    },
    "viewer comments (the barrage): sources, moderation and pinning",
)


def check_barrage(validator: Validator, root: yaml.Node, data: dict[str, Any]) -> None:
    """Rooms named by sources, websocket frame shapes, twitch logins and moderation rules."""
    barrage = data["barrage"]
    if barrage is None:
        return
    rooms = data["rooms"]
    ids = None
    if isinstance(rooms, list) and all(room is not None and room["id"] for room in rooms):
        ids = [room["id"] for room in rooms]
    for index, source in enumerate(barrage["sources"] or []):
        if source is None:
            continue
        where = f"barrage.sources[{index}]"
        path: list[str | int] = ["barrage", "sources", index]
        room_node = node_at(root, [*path, "room"])  # None: the default, all rooms
        if ids is not None and source["room"] is not None and room_node is not None:
            _check_room(validator, room_node, where, source["room"], ids)
        if source["kind"] == "websocket":
            _check_websocket(validator, root, path, where, source)
        if source["kind"] == "twitch" and source["token_env"] and not source["nick"]:
            node = _at(root, [*path, "token_env"])
            validator.report(node, f"{where}: nick is needed with token_env (the token's login)")
    check_moderation(validator, root, barrage["moderation"])


def _check_room(
    validator: Validator, node: yaml.Node, where: str, room: str, ids: list[str]
) -> None:
    if room == ALL or room in ids:
        return
    close = get_close_matches(room, [*ids, ALL], n=1)
    hint = f"did you mean {close[0]!r}?" if close else f"rooms: {', '.join(ids)}; or {ALL}"
    validator.report(node, f"{where}.room: no room {room!r} in this profile ({hint})")


def _check_websocket(
    validator: Validator, root: yaml.Node, path: list[str | int], where: str, source: Any
) -> None:
    preset = source["preset"]
    given = key_node(node_at(root, path), "mapping")
    if given is None:
        if preset == "mapping":
            message = f"{where}.preset: preset mapping needs a 'mapping:' of field paths"
            validator.report(_at(root, [*path, "preset"]), message)
    elif preset not in (None, "mapping"):
        message = f"{where}.mapping: a mapping is read only with preset: mapping (not {preset})"
        validator.report(given, message)


def _field_mapping(data: dict[str, Any]) -> FieldMapping:
    """The mapping of checked data (imported only here: the sources need aiohttp)."""
    from console.barrage.sources.mapping import FieldMapping

    kinds: list[Entry] = data["kinds"]
    extra: list[Entry] = data["extra"]
    paths = ("kind", "user_id", "id", "time", "room", "data")
    return FieldMapping(
        kinds={entry.key: Kind(entry.value) for entry in kinds},
        text=data["text"],
        user_name=data["user_name"],
        time_scale=data["time_scale"],
        extra={entry.key: entry.value for entry in extra},
        default_kind=Kind(data["default_kind"]),
        **{key: data[key] or "" for key in paths},
    )


def _at(root: yaml.Node, path: list[str | int]) -> yaml.Node:
    node = node_at(root, path)
    assert node is not None, "checked values come from nodes"
    return node


def build_barrage(data: dict[str, Any]) -> Barrage:
    """The barrage settings from checked data."""
    sources: list[BarrageSourceSettings] = []
    names: set[str] = set()
    for source in data["sources"]:
        settings = _source(source)
        name, number = settings.name, 1
        while name in names:
            number += 1
            name = f"{settings.name} ({number})"
        names.add(name)
        sources.append(replace(settings, name=name))
    log_dir: Path | None = data["log_dir"]
    return Barrage(
        sources=tuple(sources),
        moderation=ModerationConfig.from_mapping(data["moderation"]),
        pin_seconds=data["pin_seconds"],
        log_dir=log_dir,
    )


def _source(data: dict[str, Any]) -> BarrageSourceSettings:
    room = ALL_ROOMS if data["room"] == ALL else data["room"]
    kind = data["kind"]
    if kind == "websocket":
        mapping = None if data["mapping"] is None else _field_mapping(data["mapping"])
        preset = data["preset"] or ("mapping" if mapping is not None else "type_data")
        return WebSocketSourceSettings(
            f"websocket {data['url']}", room, data["url"], preset, mapping
        )
    if kind == "twitch":
        channel = data["channel"].lstrip("#").lower()
        host, port = data["server"]
        return TwitchSourceSettings(
            f"twitch #{channel}",
            room,
            channel,
            data["nick"],
            data["token_env"],
            host,
            port,
            data["tls"],
        )
    file: Path = data["file"]
    return ReplaySourceSettings(f"replay {file.name}", room, file, data["speed"], data["loop"])
