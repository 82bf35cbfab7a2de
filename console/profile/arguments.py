"""Command lines in the profile checked against the show they will run in.

The registry checks a command line's shape (the command exists, its arguments have the
right types); this checks what the arguments name, by the argument's name in the
catalogue: a ``sku`` must be a product of the profile (and ``product.add`` must add a new
one), a ``scene`` one the rooms declare (when the profile declares scenes at all), an
``item`` a rundown item by number or title. Every command line the schema reads (the
hotkeys, and any other key of the command kind) is checked; each problem points at the
command line. A check is skipped while what it compares with has problems of its own, so
one mistake is not reported twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from difflib import get_close_matches
from typing import Any

from console.commands import ALL_ROOMS, Invocation
from console.profile.spec import COMMAND
from console.profile.validate import Validator

ADDS_PRODUCT = "product.add"
SCENE_ROLES = ("opening", "host", "product", "break")


@dataclass(frozen=True)
class Show:
    """What command arguments may name; None where the profile's own section has problems."""

    skus: list[str] | None
    scenes: dict[str, list[str]] | None
    """Room id → the scenes it declares (rooms that declare none are left out)."""
    titles: list[str] | None
    """The rundown's item titles, in order."""

    @classmethod
    def of(cls, data: dict[str, Any], added: list[str]) -> Show:
        """From checked data; ``added`` are the skus ``product.add`` command lines add."""
        products = data["products"]
        skus = None
        if products is not None and all(p is not None and p["sku"] for p in products):
            skus = [product["sku"] for product in products]
        return cls(skus, _scenes(data["rooms"]), _titles(data["rundown"], products))


def check_arguments(validator: Validator, data: dict[str, Any]) -> None:
    """Report each command line argument that names something this show does not have."""
    commands = [(node, value) for kind, node, value in validator.converted if kind is COMMAND]
    added = [i.kwargs["sku"] for _, i in commands if i.spec.name == ADDS_PRODUCT]
    show = Show.of(data, added)
    for node, invocation in commands:
        for arg in invocation.spec.all_args:
            value = invocation.kwargs.get(arg.name)
            check = CHECKS.get(arg.name)
            if value is None or check is None:
                continue
            message = check(show, invocation, str(value), added)
            if message is not None:
                validator.report(node, f"{invocation.spec.name}: {message}")


def _sku(show: Show, invocation: Invocation, sku: str, added: list[str]) -> str | None:
    if show.skus is None:
        return None
    if invocation.spec.name == ADDS_PRODUCT:
        return f"product {sku!r} is already in the catalogue" if sku in show.skus else None
    if sku in show.skus or sku in added:
        return None
    known = [*show.skus, *added]
    return f"no product {sku!r}{_hint(sku, known, 'products', 'the profile has no products')}"


def _scene(show: Show, invocation: Invocation, scene: str, added: list[str]) -> str | None:
    if not show.scenes:
        return None
    room = invocation.kwargs.get("room")
    if room is not None and room != ALL_ROOMS and room in show.scenes:
        names = show.scenes[room]
        if scene in names:
            return None
        return f"room {room} declares no scene {scene!r}{_hint(scene, names, 'its scenes', '')}"
    every = list(dict.fromkeys(name for names in show.scenes.values() for name in names))
    if scene in every:
        return None
    if get_close_matches(scene, every, n=1):
        return f"no room declares a scene {scene!r}{_hint(scene, every, '', '')}"
    listed = ", ".join(every)
    return (
        f"no room declares a scene {scene!r} (declared: {listed}); list a room's other OBS "
        "scenes under its scenes.others"
    )


def _item(show: Show, invocation: Invocation, item: str, added: list[str]) -> str | None:
    titles = show.titles
    if titles is None:
        return None
    if not titles:
        return f"no rundown item {item!r}: the profile has no rundown"
    if item.isdigit():
        if 1 <= int(item) <= len(titles):
            return None
        return f"no rundown item {item} (the rundown has items 1 to {len(titles)})"
    if any(title.casefold() == item.casefold() for title in titles):
        return None
    return f"no rundown item {item!r}{_hint(item, titles, 'items', '')}"


Check = Callable[[Show, Invocation, str, list[str]], str | None]
CHECKS: dict[str, Check] = {"sku": _sku, "scene": _scene, "item": _item}
"""What an argument of each name must name."""


def _hint(wanted: str, known: list[str], noun: str, empty: str) -> str:
    close = get_close_matches(wanted, known, n=1)
    if close:
        return f" (did you mean {close[0]!r}?)"
    if known:
        return f" ({noun}: {', '.join(known)})"
    return f" ({empty})" if empty else ""


def _scenes(rooms: Any) -> dict[str, list[str]] | None:
    if not isinstance(rooms, list) or any(room is None or not room["id"] for room in rooms):
        return None
    declared: dict[str, list[str]] = {}
    for room in rooms:
        scenes = room["scenes"]
        if scenes is None or scenes["others"] is None or None in scenes["others"]:
            return None
        names = [scenes[role] for role in SCENE_ROLES if scenes[role] is not None]
        names += scenes["others"]
        if names:
            declared[room["id"]] = list(dict.fromkeys(names))
    return declared


def _titles(rundown: Any, products: Any) -> list[str] | None:
    if rundown is None or products is None or any(item is None for item in rundown):
        return None
    names = {p["sku"]: p["name"] for p in products if p is not None}
    titles: list[str] = []
    for item in rundown:
        sku = item.get("sku")
        title = item["title"] or (names.get(sku) if sku is not None else item["kind"])
        if title is None:
            return None  # an item naming no product (reported), or a nameless product
        titles.append(title)
    return titles
