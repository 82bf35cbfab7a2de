"""Loading a show profile: read, compose, upgrade, validate, then build the model.

Every stage reports located problems; the model is built only from a profile with none,
so a profile the console cannot fully understand is never half-used. After the schema walk
come the checks that span keys: hotkeys and barrage sources naming rooms, rundown items
naming products, honest prices and deals, and the prohibited-terms check of every product
text that can reach air.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from console.catalog import catalog
from console.commands import ALL_ROOMS, ROOM_ARG, CommandRegistry, Invocation
from console.profile.arguments import check_arguments
from console.profile.barrage_schema import build_barrage, check_barrage
from console.profile.compliance_check import check_compliance, term_list
from console.profile.host_schema import build_host, build_segments, check_host
from console.profile.keys import global_refusal
from console.profile.layout_schema import build_layout, check_layout
from console.profile.log_dirs import check_log_dirs
from console.profile.migrate import upgrade
from console.profile.model import (
    Control,
    Hotkey,
    ObsEndpoint,
    Profile,
    Room,
    Scenes,
    Show,
    Transition,
)
from console.profile.nodes import node_at
from console.profile.products import build_products, check_products
from console.profile.rundown import build_rundown, check_rundown
from console.profile.schema import PROFILE
from console.profile.source import Problem, ProfileError, compose, read_text
from console.profile.spec import Context
from console.profile.validate import Entry, Validator


def load_profile(path: Path, registry: CommandRegistry | None = None) -> Profile:
    """The profile at ``path``; ProfileError listing every problem if it has any.

    Hotkey command lines are checked against ``registry`` (default: the full catalogue).
    """
    return parse_profile(path, read_text(path), registry)


def check_profile(path: Path, registry: CommandRegistry | None = None) -> list[Problem]:
    """Every problem in the profile at ``path``; empty if it loads."""
    try:
        load_profile(path, registry)
    except ProfileError as exc:
        return exc.problems
    return []


def parse_profile(path: Path, text: str, registry: CommandRegistry | None = None) -> Profile:
    """The profile ``text`` would be if saved at ``path`` (relative paths resolve there)."""
    root, problems = upgrade(path, compose(path, text))
    if problems:
        raise ProfileError(problems)
    base_dir = path.resolve().parent
    validator = Validator(path, Context(base_dir, catalog() if registry is None else registry))
    data = validator.check(PROFILE, root)
    _check_room_arguments(validator, data)
    _check_global_hotkeys(validator, data)
    check_arguments(validator, data)
    _check_control(validator, root, data)
    check_products(validator, root, data)
    check_rundown(validator, root, data)
    check_barrage(validator, root, data)
    check_compliance(validator, root, data, text)
    check_host(validator, root, data, text)
    check_layout(validator, root, data)
    check_log_dirs(validator, root, data)
    if validator.problems:
        raise ProfileError(sorted(validator.problems, key=lambda p: (p.line, p.col)))
    return _build(path.resolve(), root, data)


def _check_room_arguments(validator: Validator, data: dict[str, Any]) -> None:
    """Hotkeys that name a room (``room=...``) must name a room of this profile.

    Skipped while some room lacks a valid id, so one mistake is not reported twice.
    """
    rooms = data["rooms"]
    if not isinstance(rooms, list) or any(room is None or room["id"] is None for room in rooms):
        return
    ids = [room["id"] for room in rooms]
    for entry in data["hotkeys"] or []:
        invocation: Invocation | None = entry.value and entry.value["command"]
        if invocation is None:
            continue
        room = invocation.kwargs.get("room")
        takes_all = invocation.spec.room or ROOM_ARG in invocation.spec.args
        if room is not None and not (takes_all and room == ALL_ROOMS) and room not in ids:
            known = ", ".join(ids) + ("; or all" if takes_all else "")
            message = f"no room {room!r} in this profile (rooms: {known})"
            validator.report(_command_node(entry), f"{invocation.spec.name}: {message}")


def _command_node(entry: Entry) -> yaml.Node:
    """Where a hotkey's command line is written (the value, or its ``command:``)."""
    return node_at(entry.value_node, ["command"]) or entry.value_node


def _check_global_hotkeys(validator: Validator, data: dict[str, Any]) -> None:
    """A global hotkey must be a key no other application types with (see
    :func:`console.profile.keys.global_refusal`); reported at ``global: true``."""
    for entry in data["hotkeys"] or []:
        refusal = global_refusal(entry.key) if entry.value and entry.value["global"] else None
        if refusal is not None:
            validator.report(node_at(entry.value_node, ["global"]) or entry.key_node, refusal)


LOOPBACK = ("127.0.0.1", "::1", "localhost")


def _check_control(validator: Validator, root: yaml.Node, data: dict[str, Any]) -> None:
    """A control API reachable from other machines only when the profile says so."""
    control = data["control"]
    if control is None or control["host"] is None or control["host"] in LOOPBACK:
        return
    if not control["allow_remote"]:
        node = node_at(root, ["control", "host"])
        assert node is not None, "a host other than the default was written"
        validator.report(
            node,
            f"control.host: {control['host']} is not loopback: other machines could drive "
            "the show; add allow_remote: true if that is meant",
        )


def _build(path: Path, root: yaml.MappingNode, data: dict[str, Any]) -> Profile:
    """The model from checked data, in which every key is present and well typed."""
    products = build_products(data["products"])
    terms = term_list(root, data)
    assert terms is not None, "a checked compliance section gives a term list"
    return Profile(
        path=path,
        schema_version=data["schema_version"],
        show=Show(**data["show"]),
        rooms=tuple(_room(room) for room in data["rooms"]),
        hotkeys=tuple(_hotkey(entry) for entry in data["hotkeys"]),
        control=Control(**data["control"]),
        products=products,
        compliance=terms,
        rundown=build_rundown(data["rundown"], {p.sku: p.name for p in products}),
        barrage=build_barrage(data["barrage"]),
        segments=build_segments(data["segments"]),
    )


def _hotkey(entry: Entry) -> Hotkey:
    mark = entry.key_node.start_mark
    invocation = entry.value["command"]
    return Hotkey(
        entry.key,
        invocation.line,
        mark.line + 1,
        mark.column + 1,
        invocation,
        entry.value["global"],
    )


def _room(data: dict[str, Any]) -> Room:
    scenes = data["scenes"]
    return Room(
        id=data["id"],
        name=data["name"],
        obs=ObsEndpoint(**data["obs"]),
        scenes=Scenes(
            scenes["opening"],
            scenes["host"],
            scenes["product"],
            scenes["break"],
            tuple(scenes["others"]),
        ),
        transition=Transition(**data["transition"]),
        slide_source=data["slide_source"],
        comment_source=data["comment_source"],
        canvas=None
        if data["canvas"] is None
        else (data["canvas"]["width"], data["canvas"]["height"]),
        host=build_host(data["host"]),
        layout=build_layout(data["layout"]),
    )
