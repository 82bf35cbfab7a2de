"""The console's services for one show, built from a validated profile; no widgets here."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import asdict
from functools import partial
from typing import Any

from console.actionlog import ActionLog, log_path
from console.barrage.commands import bind as bind_barrage
from console.barrage.decisions import UserBan
from console.barrage.message import Message
from console.barrage.on_air import PinnedComment
from console.barrage.service import BarrageService
from console.catalog import declare_all
from console.commands import ActionRecord, CommandError, CommandRegistry, Context, Result
from console.dispatch import Dispatcher
from console.host.air_log import AirLog, air_log_path
from console.host.build import make_host, segment_prosody
from console.host.commands import bind as bind_host
from console.host.host import RoomHost
from console.host.lines import Line
from console.journal import Journal, ShowState, journal_path, judged_from, replay
from console.obs import scene_commands
from console.obs.link import LinkTiming, ObsLink
from console.obs.state import LinkPhase
from console.profile import Profile, Room
from console.room import RoomRuntime, RoomSet
from console.room_setup import bind as bind_setup
from console.show.service import ShowService, slide_pusher
from console.text import Listed, Text

log = logging.getLogger(__name__)

HOST_TRIGGERS = ("host", "autopilot")
"""Commands the host runs by itself (a product's slide, the safe scene): not the operator."""


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
        log_dir = profile.show.log_dir
        journal = journal_path(log_dir, profile.show.title) if log_actions else None
        self.journal = Journal(journal)  # first: a show open elsewhere opens nothing here
        self.air_log = AirLog(air_log_path(log_dir, profile.show.title) if log_actions else None)
        self.rooms = RoomSet(
            [
                RoomRuntime(
                    room,
                    timing=timing,
                    slides=slide_pusher(profile, room, self.products, **pusher_options)
                    if slides
                    else None,
                    host=self._host_maker(room),
                )
                for room in profile.rooms
            ]
        )
        self.registry = declare_all(CommandRegistry(rooms=self.rooms.ids))
        path = log_path(profile.show.log_dir, profile.show.title) if log_actions else None
        self.action_log = ActionLog(path, max_bytes=profile.show.log_max_bytes)
        self.registry.add_listener(self.action_log)
        scene_commands.bind(self.registry, lambda room: self.rooms.get(room).link)
        self.registry.bind("room.restore", self.room_restore)
        bind_setup(self.registry, lambda room: self.rooms.get(room).setup)
        self.show = ShowService(profile, self.rooms, self.products)
        self.show.bind(self.registry)
        self.barrage = BarrageService(profile, self.rooms, log_actions)
        bind_barrage(self.registry, self.barrage)
        bind_host(
            self.registry,
            self.host,
            {segment.id: segment for segment in profile.segments},
            self.products,
            profile.compliance,
            lambda room, segment: segment_prosody(segment, self._room(room).host.voice),
            self.barrage,
        )
        self.registry.add_listener(self._on_action)
        self.show.subscribe(self._on_catalogue)
        self.dispatcher = Dispatcher(self.registry)
        self.restored = self._restore(replay(journal)) if journal is not None else []
        """What was taken back from the show's journal, in words (empty: a fresh show)."""
        self._host_kept: dict[str, dict[str, Any]] = {}
        self._keep_journal()

    async def room_restore(self, context: Context) -> Result:
        room = self.rooms.get(context.room)
        if not room.reconciliation.differences:
            return Result(
                Text(
                    "restore", "room {room}: OBS shows what the show had; nothing to restore"
                ).format(room=room.id)
            )
        done = await room.reconciliation.restore()
        restored = Listed(done, ", ") if done else Text("restore", "nothing")
        said = Text("restore", "room {room}: restored {what}").format(room=room.id, what=restored)
        return Result(said, {"restored": done})

    def host(self, room: str | None) -> RoomHost:
        """The digital host of the room a command's context names."""
        host = self.rooms.get(room).host
        assert host is not None, "every room of a console has a host"
        return host

    def _room(self, room: str | None) -> Room:
        return self.rooms.get(room).settings

    def _host_maker(self, room: Room) -> Callable[[ObsLink], RoomHost]:
        def make(link: ObsLink) -> RoomHost:
            return make_host(
                self.profile,
                room,
                link,
                self.products,
                self.air_log,
                self._line_started,
                lambda: self._to_safe_scene(room),
            )

        return make

    async def _line_started(self, room_id: str, line: Line) -> None:
        """A line about a product starts: that product's slide goes on air in the room."""
        runtime = self.rooms.get(room_id)
        if line.sku is None or not runtime.has_slides:
            return
        on_air = runtime.slides.on_air
        if on_air is not None and on_air.sku == line.sku:
            return
        try:
            await self.registry.call("slide.show", {"sku": line.sku, "room": room_id}, "host")
        except CommandError as exc:  # recorded in the action log, shown as a failed action
            log.warning("room %s: slide for %s not shown: %s", room_id, line.title, exc)

    async def _to_safe_scene(self, room: Room) -> None:
        scene = room.host.autopilot.safe_scene or room.scenes.break_
        if scene is None:
            return
        try:
            await self.registry.call(
                "scene.program", {"scene": scene, "room": room.id}, "autopilot"
            )
        except CommandError as exc:
            log.error("room %s: safe scene %s not cut to: %s", room.id, scene, exc)

    def _on_action(self, record: ActionRecord) -> None:
        """Any command the operator runs is a sign they are at the console."""
        if record.source in HOST_TRIGGERS:
            return
        for runtime in self.rooms:
            if runtime.host is not None and record.room in (None, runtime.id):
                runtime.host.autopilot.saw_operator()

    def _on_catalogue(self, what: str) -> None:
        for runtime in self.rooms:
            if runtime.host is not None:
                runtime.host.catalogue_changed()

    # -- the show's journal ----------------------------------------------------------------

    def _restore(self, state: ShowState) -> list[str]:
        """Give the journal's last state back: the rundown and the moderation as they were,
        what was on air as each room's expectation (compared with OBS once connected)."""
        said: list[str] = []
        rundown, entries = state.rundown, self.show.rundown.entries
        if rundown is not None and rundown.get("titles") == [e.item.title for e in entries]:
            for entry, actual in zip(entries, rundown.get("actual", []), strict=False):
                entry.actual_s = float(actual)
            current = int(rundown.get("current", -1))
            if 0 <= current < len(entries):
                self.show.rundown.go(current)
                said.append(f"rundown at {current + 1}: {entries[current].item.title}")
        for ban in state.bans:
            self.barrage.decisions.ban(UserBan(**ban))
        if state.bans:
            said.append(f"{len(state.bans)} ban(s)")
        held = [judged_from(record) for record in state.held.values()]
        self.barrage.moderator.on_batch(held)
        for judged in held:
            self.barrage.review.add(judged)
        if held:
            said.append(f"{len(held)} comment(s) waiting for review")
        for room in self.rooms:
            on_air = state.rooms.get(room.id)
            if on_air is None:
                continue
            room.reconciliation.adopt(on_air.program)
            product = self.products.get(on_air.slide) if on_air.slide else None
            if product is not None and room.has_slides:
                room.slides.adopt(product)
            if on_air.host is not None and room.host is not None:
                lines = self._restored_lines(room.id, on_air.host["lines"])
                room.host.restore(lines, on_air.host["autopilot"])
                if lines:
                    said.append(f"room {room.id}: {len(lines)} host line(s), held")
            pin = on_air.pin
            if pin is not None and pin["until"] > time.time():
                message = Message.from_record(pin["message"])
                room.pin.adopt(message, pin["until"] - time.time())
            said.append(f"room {room.id}: on air as the show left it, to compare with OBS")
        if said:
            log.info("restored from the show's journal: %s", "; ".join(said))
        return said

    @staticmethod
    def _restored_lines(room_id: str, records: list[dict[str, Any]]) -> list[Line]:
        lines: list[Line] = []
        for record in records:
            try:
                lines.append(Line.from_record(record))
            except (KeyError, ValueError, TypeError) as exc:
                log.warning("room %s: a journaled host line is unreadable: %s", room_id, exc)
        return lines

    def _keep_journal(self) -> None:
        """Journal each change of the live state from now on."""
        journal, rundown = self.journal, self.show.rundown

        def on_rundown(what: str) -> None:
            journal.write(
                "rundown",
                current=rundown.current,
                titles=[entry.item.title for entry in rundown.entries],
                actual=[round(rundown.elapsed(i), 1) for i in range(len(rundown.entries))],
            )

        journal.follow(rundown.subscribe(on_rundown))
        journal.follow(self.barrage.review.subscribe(journal.on_review))
        decisions = self.barrage.decisions

        def on_decisions(what: str) -> None:
            if what == "bans":
                journal.write("bans", bans=[asdict(ban) for ban in decisions.bans()])

        journal.follow(decisions.subscribe(on_decisions))
        for room in self.rooms:
            journal.follow(room.state.subscribe(partial(self._journal_program, room)))
            if room.has_slides:
                journal.follow(room.slides.subscribe(partial(self._journal_slide, room)))
            journal.follow(room.pin.subscribe(partial(self._journal_pin, room)))
            if room.host is not None:
                journal.follow(room.host.subscribe(partial(self._journal_host, room)))

    def _journal_program(self, room: RoomRuntime, aspect: str) -> None:
        if aspect == "program" and room.state.link.phase is LinkPhase.CONNECTED:
            self.journal.write("program", room=room.id, scene=room.state.program)

    def _journal_slide(self, room: RoomRuntime, what: str) -> None:
        if what == "pushed" and room.slides.last is not None:
            self.journal.write("slide", room=room.id, sku=room.slides.last.sku)
        elif what == "hidden":
            self.journal.write("slide", room=room.id, sku=None)

    def _journal_host(self, room: RoomRuntime, aspect: str) -> None:
        if aspect in ("queue", "autopilot") and room.host is not None:
            kept = room.host.journaled()
            if kept != self._host_kept.get(room.id):
                self._host_kept[room.id] = kept
                self.journal.write("host", room=room.id, **kept)

    def _journal_pin(self, room: RoomRuntime, pinned: PinnedComment) -> None:
        pin = pinned.current
        record = None
        if pin is not None:
            record = {"message": pin.message.to_record(), "until": time.time() + pin.left()}
        self.journal.write("pin", room=room.id, pin=record)

    def start(self) -> None:
        """Start connecting every room; returns at once, links retry in the background."""
        self.rooms.start()
        self.barrage.start()

    async def close(self) -> None:
        await self.dispatcher.drain()
        await self.barrage.close()
        await self.show.close()
        await self.rooms.close()  # silences the hosts and takes pinned comments off air first
        self.air_log.close()
        self.journal.close()
        self.action_log.close()
