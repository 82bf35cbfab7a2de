"""The rooms of a show, each with its OBS link, and the scene/output commands over them."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any

from console.commands import CommandError, CommandRegistry
from console.obs.errors import STUDIO_MODE_NOT_ACTIVE, RequestFailed
from console.obs.link import LinkTiming, ObsLink
from console.obs.state import RoomState
from console.observers import Observers, Unsubscribe
from console.profile import MissingSecret, Room


class Rooms:
    """Owns one ``ObsLink`` and ``RoomState`` per profile room, and the selected room."""

    def __init__(self, rooms: Iterable[Room], timing: LinkTiming | None = None) -> None:
        self.rooms = {room.id: room for room in rooms}
        self.states: dict[str, RoomState] = {}
        self.links: dict[str, ObsLink] = {}
        for room in self.rooms.values():
            try:
                password, note = room.obs.resolve_password(), ""
            except MissingSecret as exc:
                password, note = "", f"({exc})"
            state = RoomState()
            self.states[room.id] = state
            self.links[room.id] = ObsLink(
                room.id, room.obs.host, room.obs.port, password, state, timing, note
            )
        self.selected = next(iter(self.rooms))
        self._selection: Observers[str] = Observers()

    def start(self) -> None:
        for link in self.links.values():
            link.start()

    async def close(self) -> None:
        for link in self.links.values():
            await link.close()

    def link(self, room: str | None) -> ObsLink:
        room_id = room or self.selected
        try:
            return self.links[room_id]
        except KeyError:
            known = ", ".join(self.links)
            raise CommandError(f"no room {room_id!r} in this show (rooms: {known})") from None

    def on_selection(self, listener: Callable[[str], None]) -> Unsubscribe:
        return self._selection.subscribe(listener)

    # -- commands -------------------------------------------------------------------------

    def bind(self, registry: CommandRegistry) -> None:
        handlers: dict[str, Callable[..., Any]] = {
            "scene.program": self.scene_program,
            "scene.preview": self.scene_preview,
            "scene.take": self.scene_take,
            "studio.toggle": self.studio_toggle,
            "transition.set": self.transition_set,
            "stream.toggle": self.stream_toggle,
            "record.toggle": self.record_toggle,
            "room.select": self.room_select,
            "obs.ping": self.obs_ping,
            "obs.reconnect": self.obs_reconnect,
        }
        for name, handler in handlers.items():
            registry.bind(name, handler)

    async def scene_program(self, scene: str, room: str | None = None) -> str:
        await self.link(room).request("SetCurrentProgramScene", sceneName=scene)
        return f"program: {scene}"

    async def scene_preview(self, scene: str, room: str | None = None) -> str:
        await _studio_only(self.link(room).request("SetCurrentPreviewScene", sceneName=scene))
        return f"preview: {scene}"

    async def scene_take(self, room: str | None = None) -> str:
        link = self.link(room)
        preview = link.state.preview
        await _studio_only(link.request("TriggerStudioModeTransition"))
        return f"take: {preview} with {link.state.transition} {link.state.transition_ms} ms"

    async def studio_toggle(self, room: str | None = None) -> str:
        link = self.link(room)
        enable = not link.state.studio_mode
        await link.request("SetStudioModeEnabled", studioModeEnabled=enable)
        return "studio mode on" if enable else "studio mode off"

    async def transition_set(
        self, transition: str, duration: int | None = None, room: str | None = None
    ) -> str:
        link = self.link(room)
        await link.request("SetCurrentSceneTransition", transitionName=transition)
        if duration is not None:
            if not 50 <= duration <= 20000:
                raise CommandError("transition.set: duration must be 50 to 20000 ms")
            await link.request("SetCurrentSceneTransitionDuration", transitionDuration=duration)
        return f"transition: {transition}" + (f" {duration} ms" if duration is not None else "")

    async def stream_toggle(self, room: str | None = None) -> str:
        data = await self.link(room).request("ToggleStream")
        return "streaming" if data.get("outputActive") else "stream stopped"

    async def record_toggle(self, room: str | None = None) -> str:
        data = await self.link(room).request("ToggleRecord")
        return "recording" if data.get("outputActive") else "recording stopped"

    async def room_select(self, room: str) -> str:
        self.link(room)  # raises for an unknown room
        self.selected = room
        self._selection.notify(room)
        return f"room {room} selected"

    async def obs_ping(self, room: str | None = None) -> str:
        t0 = time.perf_counter()
        data = await self.link(room).request("GetVersion")
        elapsed = (time.perf_counter() - t0) * 1e3
        return f"OBS {data.get('obsVersion', '?')} answered in {elapsed:.1f} ms"

    async def obs_reconnect(self, room: str | None = None) -> str:
        link = self.link(room)
        link.reconnect_now()
        return f"room {link.room_id}: reconnecting now"


async def _studio_only(request: Any) -> Any:
    """Await a studio-mode request, telling the operator how to enable studio mode."""
    try:
        return await request
    except RequestFailed as exc:
        if exc.code == STUDIO_MODE_NOT_ACTIVE:
            raise CommandError("studio mode is off: turn it on first (studio.toggle)") from None
        raise
