"""The console's services for one show, built from a validated profile; no widgets here."""

from __future__ import annotations

from typing import Any

from console.actionlog import ActionLog, log_path
from console.barrage.commands import bind as bind_barrage
from console.barrage.service import BarrageService
from console.catalog import declare_all
from console.commands import CommandRegistry, Context, Result
from console.dispatch import Dispatcher
from console.obs import scene_commands
from console.obs.link import LinkTiming
from console.profile import Profile
from console.room import RoomRuntime, RoomSet
from console.show.service import ShowService, slide_pusher


class Console:
    """The show's rooms (each with its OBS link, slides and pin), the show-wide services
    (catalogue and rundown, barrage and moderation), the registry every surface calls,
    the action log and the dispatcher, wired together."""

    def __init__(
        self,
        profile: Profile,
        timing: LinkTiming | None = None,
        log_actions: bool = True,
        slides: bool = True,
        **pusher_options: Any,
    ) -> None:
        self.profile = profile
        self.products = {product.sku: product for product in profile.products}
        self.rooms = RoomSet(
            [
                RoomRuntime(
                    room,
                    timing=timing,
                    slides=slide_pusher(profile, room, self.products, **pusher_options)
                    if slides
                    else None,
                )
                for room in profile.rooms
            ]
        )
        self.registry = declare_all(CommandRegistry(rooms=self.rooms.ids))
        path = log_path(profile.show.log_dir, profile.show.title) if log_actions else None
        self.action_log = ActionLog(path)
        self.registry.add_listener(self.action_log)
        scene_commands.bind(self.registry, lambda room: self.rooms.get(room).link)
        self.registry.bind("room.restore", self.room_restore)
        self.show = ShowService(profile, self.rooms, self.products)
        self.show.bind(self.registry)
        self.barrage = BarrageService(profile, self.rooms, log_actions)
        bind_barrage(self.registry, self.barrage)
        self.dispatcher = Dispatcher(self.registry)

    async def room_restore(self, context: Context) -> Result:
        room = self.rooms.get(context.room)
        if not room.reconciliation.differences:
            return Result(f"room {room.id}: OBS shows what the show had; nothing to restore")
        done = await room.reconciliation.restore()
        return Result(
            f"room {room.id}: restored {', '.join(done) or 'nothing'}", {"restored": done}
        )

    def start(self) -> None:
        """Start connecting every room; returns at once, links retry in the background."""
        self.rooms.start()
        self.barrage.start()

    async def close(self) -> None:
        await self.dispatcher.drain()
        await self.barrage.close()
        await self.show.close()
        await self.rooms.close()  # takes pinned comments off air first
        self.action_log.close()
