"""The room as the unit: one live room's OBS link, state mirror, monitors, slide pusher and
pin.

A show has one ``RoomRuntime`` per profile room, all in a ``RoomSet``. Each runtime owns
everything that belongs to one OBS, so a failure, a reconnect or a slow answer in one room
never touches another: its own link (with its own worker thread), its own slide pusher
(its own render thread and files), its own pinned comment and lock. What is show-wide (the
catalogue, the rundown, the moderation decisions) lives in the show's services, which reach
a room through ``RoomSet.get`` with the room a command's context names.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterator
from typing import Any

from console.barrage.on_air import PinnedComment
from console.barrage.pin import CommentPin
from console.commands import CommandError, ErrorCode, unknown_room
from console.host.host import RoomHost
from console.obs.link import LinkTiming, ObsLink
from console.obs.monitor import RoomMonitors
from console.obs.state import LinkPhase, RoomState
from console.profile import MissingSecret, Room
from console.room_reconcile import Reconciliation
from console.room_setup import RoomSetup
from console.show.fonts import FontMissing
from console.show.product import Product
from console.show.slides import SlidePusher
from console.text import Text

log = logging.getLogger(__name__)

CLOSE_UNPIN_WITHIN = 2.0  # seconds to take a pin off air at shutdown before giving up


class RoomRuntime:
    """One room while the show runs."""

    def __init__(
        self,
        room: Room,
        *,
        timing: LinkTiming | None = None,
        slides: Callable[[ObsLink], SlidePusher] | None = None,
        host: Callable[[ObsLink], RoomHost] | None = None,
    ) -> None:
        self.id = room.id
        self.settings = room
        try:
            password, note = room.obs.resolve_password(), ""
        except MissingSecret as exc:
            password, note = "", f"({exc})"
        self.state = RoomState()
        self.link = ObsLink(
            room.id, room.obs.host, room.obs.port, password, self.state, timing, note
        )
        self.monitors = RoomMonitors(self.link, room.monitors)
        """Live monitors of program and preview (they ask OBS only while on screen)."""
        self.slides_unavailable = ""
        self._slides: SlidePusher | None = None
        if slides is not None:
            try:
                self._slides = slides(self.link)
            except FontMissing as exc:
                # The window still opens: scenes work, slides say why they cannot.
                self.slides_unavailable = Text("show", "slides unavailable: {why}").format(
                    why=str(exc)
                )
                log.error("room %s: %s", room.id, self.slides_unavailable)
        pin = CommentPin(self.link, room.comment_source, self._comment_scene, room.layout)
        self.pin = PinnedComment(room.id, pin)
        self.host = host(self.link) if host is not None else None
        """The room's digital host (its queue, engine, AI label and autopilot)."""
        self.setup = RoomSetup(room, self.link, self.host is not None)
        """What the show needs in the room's OBS: checked on connect, made by obs.setup."""
        self.link.add_event_listener(self.pin.on_obs_event)
        self.state.subscribe(self._on_state_changed)
        self.reconciliation = Reconciliation(self)

    def _comment_scene(self) -> str | None:
        """Where pinned comments go: the overlay scene once OBS has it (nested in every show
        scene), else the host scene, else the program scene."""
        overlay = self.settings.layout.overlay_scene
        if overlay in self.state.scenes:
            return overlay
        return self.settings.scenes.host or self.state.program or None

    def _on_state_changed(self, aspect: str) -> None:
        if aspect == "link":
            self.pin.on_link_changed(self.state.link.phase is LinkPhase.CONNECTED)

    @property
    def slides(self) -> SlidePusher:
        """The room's slide pusher; CommandError when this console cannot draw slides."""
        if self._slides is None:
            raise CommandError(
                self.slides_unavailable or Text("show", "slides are off in this console"),
                ErrorCode.UNAVAILABLE,
            )
        return self._slides

    @property
    def has_slides(self) -> bool:
        return self._slides is not None

    def snapshot(self) -> dict[str, Any]:
        """The room as programs see it (the control API's state)."""
        state, link = self.state, self.state.link
        slide = self._slides.on_air if self._slides is not None else None
        pin = self.pin.current
        return {
            "id": self.id,
            "name": self.settings.name,
            "link": {"state": link.phase.value, "reason": link.reason},
            "obs_version": link.obs_version,
            "program": state.program,
            "preview": state.preview if state.studio_mode else None,
            "studio_mode": state.studio_mode,
            "scenes": list(state.scenes),
            "streaming": state.stats.streaming,
            "recording": state.stats.recording,
            "slide": _slide(slide),
            "differences": [d.text for d in self.reconciliation.differences],
            "pin": None
            if pin is None
            else {
                "text": pin.text,
                "left_s": round(pin.left(), 1),
                "on_air": self.pin.on_air,
                "missing": self.pin.missing,
            },
            "host": None if self.host is None else self.host.snapshot(),
        }

    def start(self) -> None:
        self.link.start()
        self.monitors.start()
        if self.host is not None:
            self.host.start()

    async def close(self) -> None:
        """Silence the host and take a pinned comment off air (briefly trying each), then
        stop slides and the link."""
        if self.host is not None:
            await self.host.close()
        if self.pin.current is not None:
            try:
                await asyncio.wait_for(self.pin.clear(), CLOSE_UNPIN_WITHIN)
            except (CommandError, TimeoutError) as exc:
                log.warning("room %s: pinned comment left on air at exit: %s", self.id, exc)
        await self.reconciliation.close()
        await self.setup.close()
        await self.pin.close()
        if self._slides is not None:
            await self._slides.close()
        await self.monitors.close()
        await self.link.close()


def _slide(product: Product | None) -> dict[str, str] | None:
    return None if product is None else {"sku": product.sku, "name": product.name}


class RoomSet:
    """The rooms of a show, in profile order."""

    def __init__(self, rooms: list[RoomRuntime]) -> None:
        self._rooms = {room.id: room for room in rooms}

    @property
    def ids(self) -> list[str]:
        return list(self._rooms)

    def __iter__(self) -> Iterator[RoomRuntime]:
        return iter(self._rooms.values())

    def __len__(self) -> int:
        return len(self._rooms)

    def __contains__(self, room_id: object) -> bool:
        return room_id in self._rooms

    def get(self, room_id: str | None) -> RoomRuntime:
        """The room a context names; CommandError for a missing or unknown one."""
        if room_id is None:
            if len(self._rooms) == 1:
                return next(iter(self._rooms.values()))
            raise CommandError("which room? say room=", ErrorCode.UNKNOWN_ROOM)
        try:
            return self._rooms[room_id]
        except KeyError:
            raise unknown_room(room_id, self.ids) from None

    def start(self) -> None:
        for room in self:
            room.start()

    async def close(self) -> None:
        for room in self:
            await room.close()
