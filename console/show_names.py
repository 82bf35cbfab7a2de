"""What command arguments can name in the running show, for the palette to offer.

Scenes and transitions are what the room's OBS has, as its mirror holds them, and only
while the link is up (a mirror of an OBS that is gone says nothing about it); the scenes
the profile declares for the room are offered too, saying when OBS does not have them.
Products come from the live catalogue (``product.add`` adds to it), items from the rundown
as it stands (reordered or not), then the rooms and the host's segments.
"""

from __future__ import annotations

from collections.abc import Callable

from console.commands import ArgKind
from console.obs.state import LinkPhase, RoomState
from console.palette_match import Choice
from console.profile import Profile, Room
from console.room import RoomSet
from console.show.product import Product
from console.show.rundown import Rundown

SEGMENT_GIST = 40
"""Letters of a segment's text shown beside its id."""


class ShowNames:
    """``names(kind, room)``: the choices for an argument of ``kind`` in ``room`` (None:
    every room), in the show's own order."""

    def __init__(
        self, profile: Profile, rooms: RoomSet, products: dict[str, Product], rundown: Rundown
    ) -> None:
        self.profile = profile
        self.rooms = rooms
        self.products = products
        self.rundown = rundown
        self._kinds: dict[ArgKind, Callable[[str | None], list[Choice]]] = {
            ArgKind.SCENE: self.scenes,
            ArgKind.TRANSITION: self.transitions,
            ArgKind.SKU: lambda room: [Choice(p.sku, p.name) for p in self.products.values()],
            ArgKind.ITEM: lambda room: self.items(),
            ArgKind.ROOM: lambda room: [Choice(r.id, r.settings.name) for r in self.rooms],
            ArgKind.SEGMENT: lambda room: [Choice(s.id, _gist(s.text)) for s in profile.segments],
        }

    def __call__(self, kind: ArgKind, room: str | None) -> list[Choice]:
        names = self._kinds.get(kind)
        return [] if names is None else names(room)

    def scenes(self, room: str | None) -> list[Choice]:
        return self._per_room(room, _scenes)

    def transitions(self, room: str | None) -> list[Choice]:
        return self._per_room(room, _transitions)

    def items(self) -> list[Choice]:
        rundown, choices = self.rundown, []
        for index, entry in enumerate(rundown.entries):
            where = " · on now" if index == rundown.current else ""
            if index == rundown.next_index:
                where = " · next"
            choices.append(Choice(str(index + 1), f"{entry.item.title}{where}"))
        return choices

    def _per_room(
        self, room: str | None, names: Callable[[RoomState, Room], list[Choice]]
    ) -> list[Choice]:
        """One room's choices; for every room, each name once, with what each room says."""
        if room is not None:
            if room not in self.rooms:
                return []
            runtime = self.rooms.get(room)
            return names(runtime.state, runtime.settings)
        said: dict[str, list[str]] = {}
        for runtime in self.rooms:
            for choice in names(runtime.state, runtime.settings):
                said.setdefault(choice.value, []).append(f"{runtime.id}: {choice.detail}")
        return [Choice(value, " · ".join(details)) for value, details in said.items()]


def _scenes(state: RoomState, room: Room) -> list[Choice]:
    scenes = room.scenes
    roles = (scenes.opening, scenes.host, scenes.product, scenes.break_, *scenes.others)
    declared = list(dict.fromkeys(name for name in roles if name))
    if state.link.phase is not LinkPhase.CONNECTED:
        return [Choice(name, "declared; OBS not connected") for name in declared]
    choices = [Choice(name, _bus(state, name)) for name in state.scenes]
    missing = [name for name in declared if name not in state.scenes]
    return choices + [Choice(name, "declared; OBS has no such scene") for name in missing]


def _bus(state: RoomState, scene: str) -> str:
    if scene == state.program:
        return "on program"
    if state.studio_mode and scene == state.preview:
        return "in preview"
    return "in OBS"


def _transitions(state: RoomState, room: Room) -> list[Choice]:
    if state.link.phase is not LinkPhase.CONNECTED:
        return []
    return [
        Choice(name, f"current, {state.transition_ms} ms" if name == state.transition else "")
        for name in state.transitions
    ]


def _gist(text: str | None) -> str:
    if not text:
        return ""
    text = " ".join(text.split())
    return text if len(text) <= SEGMENT_GIST else text[: SEGMENT_GIST - 1] + "…"
