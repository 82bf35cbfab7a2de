"""One room's digital host while the show runs: the queue, the engine, the label, the loop.

:class:`RoomHost` carries out what :class:`~console.host.queue.HostQueue` decides. One task
(the runner) takes the next line (from the queue, else from the autopilot), makes sure the
AI label is on in the program scene, prepares the line and puts it on air, then waits for
its natural end or for a command that cuts it. Commands act at once: an interruption, a
skip or the panic stop silence the engine themselves (under the engine lock, so a start
under way finishes first and is then stopped) and only then wake the runner. Every line
that ends is written to the air log with how it ended.
"""

from __future__ import annotations

import asyncio
import enum
import logging
import time
from collections.abc import Callable, Coroutine, Mapping
from typing import Any

from console.commands import CommandError, ErrorCode
from console.host.air_log import AirLog
from console.host.answers import Draft
from console.host.autopilot import Autopilot
from console.host.draft import Drafter
from console.host.engine import Engine, EngineError, Playback, Take
from console.host.label import AiLabel, LabelRefused
from console.host.lines import Line, Placement
from console.host.queue import HostQueue
from console.observers import Observers, Unsubscribe
from console.show.compliance import Finding, TermList
from console.show.product import Product
from console.tasks import TaskSet
from console.text import Listed, Text

log = logging.getLogger(__name__)

LineStarted = Callable[[str, Line], Coroutine[Any, Any, None]]


class HostState(enum.StrEnum):
    IDLE = "idle"
    PREPARING = "preparing"
    ON_AIR = "on_air"
    CLOSED = "closed"


class ComplianceBlocked(CommandError):
    """A line not aired because its text has prohibited terms (override to air it)."""

    error_code = ErrorCode.COMPLIANCE

    def __init__(self, title: str, findings: list[Finding]) -> None:
        listed = Listed([finding.describe() for finding in findings[:5]])
        super().__init__(
            Text(
                "compliance",
                "{line} not aired: {findings}. Reword it, or air it with override=true (logged)",
            ).format(line=title, findings=listed),
            data={"findings": [finding.describe() for finding in findings]},
        )
        self.findings = findings


def findings_in(terms: TermList, line: Line) -> list[Finding]:
    texts = [("text", line.text)] if line.text else []
    return terms.check_fields(texts)


class RoomHost:
    """The digital host of one room (see the module docstring)."""

    def __init__(
        self,
        room_id: str,
        engine: Engine,
        label: AiLabel,
        terms: TermList,
        air_log: AirLog,
        autopilot: Autopilot,
        on_line_start: LineStarted | None = None,
        ahead: list[Line] | None = None,
    ) -> None:
        self.room_id = room_id
        self.ahead = ahead or []
        """Lines made ready when the host starts (every version of the show's segments)."""
        self.engine = engine
        self.label = label
        self.terms = terms
        self.air_log = air_log
        self.autopilot = autopilot
        self.queue = HostQueue()
        self.state = HostState.IDLE
        self.playback: Playback | None = None
        self.problem = ""
        """What went wrong last (a line that could not air), shown until the next line airs."""
        self.proposed: Draft | None = None
        """The answer waiting for the operator's confirmation (``host.answer``)."""
        self.drafter: Drafter | None = None
        """The show's language model for drafting answers, if the room has one."""
        self.products: Mapping[str, Product] = {}
        """The live catalogue, for checking an edited answer's figures."""
        self._on_line_start = on_line_start
        self._engine_lock = asyncio.Lock()
        self._wake = asyncio.Event()
        self._cut = asyncio.Event()
        self._prepared: dict[int, Take] = {}
        self._started_at: float | None = None  # time.time() the line on air started
        self._tasks = TaskSet()
        self._runner: asyncio.Task[None] | None = None
        self._observers: Observers[str] = Observers()
        self.held = False
        """Lines restored after a restart wait for the operator (``room.restore``)."""
        self.queue.subscribe(lambda _: self._notify("queue"))
        self.autopilot.subscribe(lambda _: self._on_autopilot())

    # -- observing ------------------------------------------------------------------------

    def subscribe(self, listener: Callable[[str], None]) -> Unsubscribe:
        """``listener(aspect)``: queue, state, problem, autopilot, proposed."""
        return self._observers.subscribe(listener)

    def _notify(self, aspect: str) -> None:
        self._observers.notify(aspect)

    @property
    def on_air(self) -> Line | None:
        return self.queue.on_air if self.state is HostState.ON_AIR else None

    def snapshot(self) -> dict[str, Any]:
        """The host as programs see it (the control API's state)."""
        line, playback = self.queue.on_air, self.playback
        now: dict[str, Any] | None = None
        if line is not None:
            now = {"title": line.title, "text": line.text, "sku": line.sku, "origin": line.origin}
            if playback is not None and playback.take.line is line:
                remaining = playback.remaining()
                now["elapsed_s"] = round(playback.elapsed(), 1)
                now["remaining_s"] = None if remaining is None else round(remaining, 1)
        check = self.label.check
        return {
            "engine": self.engine.name,
            "state": self.state.value,
            "now_playing": now,
            "queue_length": len(self.queue),
            "held": self.held,
            "label": {"on": check.visible, "text": check.text, "problem": check.problem},
            "autopilot": self.autopilot.snapshot(),
            "problem": self.problem,
            "proposed": None
            if self.proposed is None
            else {"question": self.proposed.question, "text": self.proposed.text},
        }

    # -- life -----------------------------------------------------------------------------

    def start(self) -> None:
        """Run the host, and make the show's scripted lines ready so their first play is warm."""
        if self._runner is None:
            self._runner = self._tasks.spawn(self._run(), f"host-{self.room_id}")
            if self.ahead:
                self._tasks.spawn(self.engine.ahead(self.ahead), f"host-ahead-{self.room_id}")

    async def close(self) -> None:
        """Silence the host (briefly trying), then stop everything."""
        self.autopilot.stop("console closing")
        if self.state is HostState.ON_AIR:
            try:
                await asyncio.wait_for(self._silence(), 2.0)
            except (CommandError, TimeoutError) as exc:
                log.warning("room %s: host not silenced at exit: %s", self.room_id, exc)
        self.state = HostState.CLOSED
        await self.autopilot.close()
        await self._tasks.cancel()
        await self.engine.close()
        await self.label.close()

    def restore(self, lines: list[Line], autopilot: dict[str, Any] | None) -> None:
        """The queue and the autopilot as the show's journal left them, held: nothing airs
        until the operator says so (:meth:`release`, through ``room.restore``)."""
        for line in lines:
            self.queue.add(line)
        self.held = bool(lines)
        if autopilot is not None:
            self.autopilot.restore(autopilot)
        self._notify("queue")

    def release(self) -> None:
        """The restored queue may air."""
        if self.held:
            self.held = False
            self._notify("queue")
            self._wake.set()

    def journaled(self) -> dict[str, Any]:
        """What the show's journal keeps of the host: the operator's lines (the one on air
        first, to be said again from its start) and where the autopilot is. The
        autopilot's own lines are not kept: it makes them again."""
        lines = [self.queue.on_air, *self.queue.waiting]
        return {
            "lines": [line.to_record() for line in lines if line and line.origin != "autopilot"],
            "autopilot": self.autopilot.position(),
        }

    # -- what commands do -----------------------------------------------------------------

    def check(self, line: Line) -> None:
        """ComplianceBlocked unless the line's text is clean or overridden."""
        findings = findings_in(self.terms, line)
        if findings and not line.override:
            self.air_log.write(
                self.room_id,
                line,
                "refused",
                None,
                findings=[f.describe() for f in findings],
            )
            raise ComplianceBlocked(line.title, findings)
        if findings:
            self.air_log.note(
                self.room_id,
                "compliance override",
                title=line.title,
                findings=[f.describe() for f in findings],
            )

    async def add(self, line: Line, placement: Placement = Placement.QUEUE) -> Line | None:
        """Queue ``line`` by the trade's rules; returns the line it cut off, if any."""
        self.check(line)
        self.autopilot.saw_operator()
        self.release()  # the operator is driving the host again
        if placement is Placement.NOW:
            # Ready before the cut: a line that cannot be made never silences the one on air.
            self._prepared[line.id] = await self.engine.prepare(line)
        on_air = self.queue.on_air
        if (
            placement is Placement.QUEUE
            and on_air is not None
            and on_air.origin == "autopilot"
            and line.origin != "autopilot"
        ):
            placement = Placement.NOW  # the autopilot yields at once to the operator
        decision = self.queue.add(line, placement)
        if decision.cut is not None:
            await self._cut_now(decision.cut, "cut")
        self._wake.set()
        return decision.cut

    async def skip(self) -> Line | None:
        """End the line on air now (it is not said again); the next one follows."""
        line = self.queue.on_air
        if line is None:
            return None
        self.queue.finished(line)
        await self._cut_now(line, "skipped")
        self._wake.set()
        return line

    async def stop(self) -> list[Line]:
        """Panic: silence now, clear the queue, pause the autopilot."""
        self.autopilot.pause("host.stop")
        self.held = False
        dropped = self.queue.clear()
        self._prepared.clear()
        await self._cut_now(dropped[0] if dropped else None, "stopped", always=True)
        return dropped

    def propose(self, draft: Draft | None) -> None:
        """Show an answer for the operator to confirm (None: the proposal is gone)."""
        self.proposed = draft
        self._notify("proposed")

    def catalogue_changed(self) -> None:
        """Facts may have changed: lines made ahead are made again when they come up."""
        self._prepared.clear()
        self.autopilot.forget_next()

    async def move(self, line_id: int, position: int) -> Line:
        try:
            return self.queue.move(line_id, position)
        except KeyError:
            raise CommandError(f"no line {line_id} waiting", ErrorCode.NOT_FOUND) from None

    async def hide_label(self) -> None:
        if self.state is not HostState.IDLE or self.queue.on_air is not None:
            raise CommandError(
                "the AI label cannot be hidden while the host is on air", ErrorCode.REFUSED
            )
        await self.label.hide()

    async def _cut_now(self, line: Line | None, outcome: str, always: bool = False) -> None:
        """Silence the engine (the runner then takes what the queue says is next)."""
        playing = self.state in (HostState.ON_AIR, HostState.PREPARING)
        if not playing and not always:
            return
        self._cut.set()
        async with self._engine_lock:
            if self.state is HostState.ON_AIR or always:
                await self._silence()
        if line is not None and playing:
            self._log_end(line, outcome)

    async def _silence(self) -> None:
        await self.engine.stop()
        self.playback = None
        self.state = HostState.IDLE
        self._notify("state")

    # -- the runner -----------------------------------------------------------------------

    async def _run(self) -> None:
        while True:
            waits = self.autopilot.absent or self.held
            line = None if waits else self.queue.take()
            if line is None and self.autopilot.running and not waits:
                line = self.autopilot.next_line()
                if line is not None:
                    self.queue.start(line)
            if line is None:
                self._wake.clear()
                await self._wake.wait()
                continue
            await self._air(line)

    async def _air(self, line: Line) -> None:
        self._cut.clear()
        self.state = HostState.PREPARING
        self._notify("state")
        try:
            await self.label.ensure()
            take = self._prepared.pop(line.id, None) or await self.engine.prepare(line)
            async with self._engine_lock:
                if self._cut.is_set() or self.queue.on_air is not line:
                    return  # cut while it was being made
                self.label.hold = True
                playback = await self.engine.start(take)
                self.playback = playback
                self.state = HostState.ON_AIR
                self._started_at = time.time()
                self.problem = ""
            if line.origin == "autopilot":
                self.autopilot.aired()
            self._notify("state")
            if self._on_line_start is not None:
                self._tasks.spawn(self._on_line_start(self.room_id, line), "host-line-start")
            self._prepare_next()
            cut = asyncio.ensure_future(self._cut.wait())
            waiters: set[asyncio.Future[Any]] = {playback.ended, cut}
            try:
                await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
            finally:
                cut.cancel()
            if playback.ended.done():
                playback.ended.result()  # an engine that lost the line raises here
                if self.queue.on_air is line:
                    self._log_end(line, "ended")
        except CommandError as exc:
            self._failed(line, exc)
        finally:
            self.label.hold = False
            if self.queue.on_air is line:
                self.queue.finished(line)
            if self.playback is not None and self.playback.take.line is line:
                self.playback = None
            # A cut still silencing the engine says IDLE itself, once OBS confirms it.
            if self.state is not HostState.CLOSED and not self._engine_lock.locked():
                self.state = HostState.IDLE
            self._notify("state")

    def _failed(self, line: Line, exc: CommandError) -> None:
        self.problem = f"{line.title}: {exc}"
        outcome = "refused" if isinstance(exc, LabelRefused) else "failed"
        self.air_log.write(self.room_id, line, outcome, self._started_at, reason=str(exc))
        log.warning("room %s: %s", self.room_id, self.problem)
        if isinstance(exc, LabelRefused):
            self.autopilot.pause(f"AI label: {exc}")
        elif isinstance(exc, EngineError) and line.origin == "autopilot":
            self.autopilot.failed(line)
        self._notify("problem")

    def _log_end(self, line: Line, outcome: str) -> None:
        self.air_log.write(self.room_id, line, outcome, self._started_at)
        self._started_at = None

    def _prepare_next(self) -> None:
        """Make the next line ready while this one plays, so the gap between them is short."""
        waiting = self.queue.waiting
        upcoming = waiting[0] if waiting else self.autopilot.peek()
        if upcoming is None or upcoming.id in self._prepared:
            return
        self._tasks.spawn(self._prepare(upcoming), f"host-prepare-{self.room_id}")

    async def _prepare(self, line: Line) -> None:
        try:
            self._prepared[line.id] = await self.engine.prepare(line)
        except CommandError as exc:  # reported when the line comes up
            log.info("room %s: %s not prepared ahead: %s", self.room_id, line.title, exc)
        while len(self._prepared) > 16:
            self._prepared.pop(next(iter(self._prepared)))

    def _on_autopilot(self) -> None:
        if self.autopilot.running:
            self.release()  # the operator started it: the restored queue goes on too
        self._notify("autopilot")
        if self.autopilot.absent:
            self._fall_silent()
        else:
            self._wake.set()  # running again, or the operator is back: the queue goes on

    def _fall_silent(self) -> None:
        """Nobody drives the host (see console.host.autopilot): the line on air stops now
        and nothing starts until the operator gives a sign. The autopilot's lines (on air,
        or waiting after it was cut) go back to the autopilot, to come again on resume; the
        operator's own lines wait in the queue, the one cut first."""
        waiting = [line for line in self.queue.waiting if line.origin == "autopilot"]
        for line in waiting:
            self.queue.remove(line.id)
        cut = self.queue.on_air
        if cut is not None:
            self.queue.finished(cut)
            if cut.origin != "autopilot":
                self.queue.add(cut, Placement.NEXT)
        ours = [line for line in (cut, *waiting) if line is not None and line.origin == "autopilot"]
        if ours:
            self.autopilot.rewind(ours[0])
        if cut is not None:
            self._tasks.spawn(self._cut_now(cut, "paused"), f"host-absent-{self.room_id}")
