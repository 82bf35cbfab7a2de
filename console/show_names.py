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
from console.text import Listed, Text

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
            title: str = entry.item.title
            if index == rundown.next_index:
                title = Text("palette", "{title} · next").format(title=title)
            elif index == rundown.current:
                title = Text("palette", "{title} · on now").format(title=title)
            choices.append(Choice(str(index + 1), title))
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
                in_room = Text("palette", "{room}: {detail}")
                said.setdefault(choice.value, []).append(
                    in_room.format(room=runtime.id, detail=choice.detail)
                )
        return [Choice(value, Listed(details, " · ")) for value, details in said.items()]


def _scenes(state: RoomState, room: Room) -> list[Choice]:
    scenes = room.scenes
    roles = (scenes.opening, scenes.host, scenes.product, scenes.break_, *scenes.others)
    declared = list(dict.fromkeys(name for name in roles if name))
    if state.link.phase is not LinkPhase.CONNECTED:
        return [Choice(name, Text("palette", "declared; OBS not connected")) for name in declared]
    choices = [Choice(name, _bus(state, name)) for name in state.scenes]
    missing = [name for name in declared if name not in state.scenes]
    lacking = Text("palette", "declared; OBS has no such scene")
    return choices + [Choice(name, lacking) for name in missing]


def _bus(state: RoomState, scene: str) -> str:
    if scene == state.program:
        return Text("palette", "on program")
    if state.studio_mode and scene == state.preview:
        return Text("palette", "in preview")
    return Text("palette", "in OBS")


def _transitions(state: RoomState, room: Room) -> list[Choice]:
    if state.link.phase is not LinkPhase.CONNECTED:
        return []
    return [
        Choice(
            name,
            Text("palette", "current, {ms} ms").format(ms=state.transition_ms)
            if name == state.transition
            else "",
        )
        for name in state.transitions
    ]


def _gist(text: str | None) -> str:
    if not text:
        return ""
    text = " ".join(text.split())
    return text if len(text) <= SEGMENT_GIST else text[: SEGMENT_GIST - 1] + "…"
