"""The console's services for one show, built from a validated profile; no widgets here."""

from __future__ import annotations

from console.actionlog import ActionLog, log_path
from console.barrage.commands import bind as bind_barrage
from console.barrage.service import BarrageService
from console.catalog import declare_all
from console.commands import CommandRegistry
from console.dispatch import Dispatcher
from console.obs.link import LinkTiming
from console.obs.rooms import Rooms
from console.profile import Profile
from console.show.service import ShowService


class Console:
    """Registry, rooms with their OBS links, the show (products, rundown, slides), action
    log and dispatcher, wired together."""

    def __init__(
        self, profile: Profile, timing: LinkTiming | None = None, log_actions: bool = True
    ) -> None:
        self.profile = profile
        self.registry = declare_all(CommandRegistry())
        path = log_path(profile.show.log_dir, profile.show.title) if log_actions else None
        self.action_log = ActionLog(path)
        self.registry.add_listener(self.action_log)
        self.rooms = Rooms(profile.rooms, timing)
        self.rooms.bind(self.registry)
        self.show = ShowService(profile, self.rooms)
        self.show.bind(self.registry)
        self.barrage = BarrageService(profile, self.rooms, log_actions)
        bind_barrage(self.registry, self.barrage)
        self.dispatcher = Dispatcher(self.registry)

    def start(self) -> None:
        """Start connecting every room; returns at once, links retry in the background."""
        self.rooms.start()
        self.barrage.start()

    async def close(self) -> None:
        await self.dispatcher.drain()
        await self.barrage.close()  # before the rooms: takes a pinned comment off air
        await self.show.close()
        await self.rooms.close()
        self.action_log.close()
