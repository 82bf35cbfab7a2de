"""The ``barrage:`` section: comment sources per room, moderation rules, pinning.

The ``moderation`` mapping is the barrage's own format: it is handed to
``ModerationConfig.from_mapping`` as plain data, and each problem that reader reports
(``terms[2].action: must be hold or block``) is mapped back to the line and column of that
path in the file. A websocket source's ``mapping`` is read by ``FieldMapping`` the same way.
"""

from __future__ import annotations

from dataclasses import replace
from difflib import get_close_matches
from pathlib import Path
from typing import Any

import yaml

from console.barrage.config import FIELD_HELP, ConfigError, ModerationConfig
from console.barrage.message import ALL_ROOMS
from console.profile.model import (
    Barrage,
    BarrageSourceSettings,
    ReplaySourceSettings,
    TwitchSourceSettings,
    WebSocketSourceSettings,
)
from console.profile.nodes import nearest, node_at, parse_path
from console.profile.spec import (
    DIRECTORY,
    FILE,
    INTEGER,
    TEXT,
    ListOf,
    Located,
    Raw,
    Record,
    Scalar,
    Variant,
)
from console.profile.validate import Validator
from console.profile.values import BOOLEAN, ENV_MEANS, ENV_NAME, HOST_PORT, SPEED, choice

ALL = "all"
"""How the profile says "every room"."""

MAPPING_HELP: dict[str, str] = {
    "kind": "path of the event-type field (left out: every frame is default_kind)",
    "kinds": "event-type value → comment, gift, enter, like, follow or order",
    "text": "path of the comment text (required)",
    "user_name": "path of the viewer's shown name (required)",
    "user_id": "path of the viewer's id",
    "id": "path of the message id",
    "time": "path of the time stamp in epoch seconds (times time_scale)",
    "time_scale": "0.001 when the grabber sends milliseconds",
    "room": "path of the room the message belongs to",
    "data": "path of the payload the other paths read from (an object or a JSON string)",
    "extra": "extra name → path, kept with the message (gift name, count ...)",
    "default_kind": "kind of frames without an event type",
}
"""The keys ``console.barrage.sources.mapping.FieldMapping`` reads, for the reference."""

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
            "mapping": Raw(
                "field paths into the grabber's JSON (with preset: mapping)", MAPPING_HELP
            ),
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
        "moderation": Raw(
            "moderation rules, checked by the barrage pipeline (contact details are on "
            "unless contact: false)",
            FIELD_HELP,
        ),
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
    _check_moderation(validator, barrage["moderation"])


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
    located: Located = source["mapping"]
    preset = source["preset"]
    if located.node is None:
        if preset == "mapping":
            message = f"{where}.preset: preset mapping needs a 'mapping:' of field paths"
            validator.report(_at(root, [*path, "preset"]), message)
        return
    if preset not in (None, "mapping"):
        message = f"{where}.mapping: a mapping is read only with preset: mapping (not {preset})"
        validator.report(located.key_node, message)
        return
    try:
        _field_mapping(located.value)
    except ValueError as exc:
        validator.report(located.node, f"{where}.mapping: {exc}")


def _field_mapping(value: Any) -> Any:
    from console.barrage.sources.mapping import FieldMapping  # aiohttp: only when needed

    if not isinstance(value, dict):
        raise ValueError("expected a mapping of field paths")
    return FieldMapping.from_mapping(value)


def _check_moderation(validator: Validator, located: Located) -> None:
    try:
        ModerationConfig.from_mapping(located.value)
    except ConfigError as exc:
        base = located.node or located.key_node
        for path, message in exc.problems:
            where = "barrage.moderation"
            node = base
            if path != "moderation":
                where += f".{path}"
                on_key = message.startswith("unknown key")
                node = nearest(base, parse_path(path), on_key=on_key)
            validator.report(node, f"{where}: {message}")


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
    moderation: Located = data["moderation"]
    log_dir: Path | None = data["log_dir"]
    return Barrage(
        sources=tuple(sources),
        moderation=ModerationConfig.from_mapping(moderation.value),
        pin_seconds=data["pin_seconds"],
        log_dir=log_dir,
    )


def _source(data: dict[str, Any]) -> BarrageSourceSettings:
    room = ALL_ROOMS if data["room"] == ALL else data["room"]
    kind = data["kind"]
    if kind == "websocket":
        located: Located = data["mapping"]
        mapping = None if located.node is None else _field_mapping(located.value)
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
