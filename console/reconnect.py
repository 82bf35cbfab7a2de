"""One reconnecting loop for everything the console keeps connected.

The OBS link of each room and every barrage source run the same life: make an attempt
(connect, then serve until the connection ends), wait, try again. :class:`Reconnector` is
that life, once, for any owner. The owner gives it a *step*: one attempt, awaited to its
end, which returns what to do next:

- :class:`Retry`: try again after the backoff's next delay (exponential from ``base`` to
  ``cap``, jittered, so many consoles never retry in lockstep), or after a delay the step
  names instead (a wrong password: retrying in seconds would only repeat the refusal), shown
  as failed when retrying soon cannot help;
- :class:`Stop`: do not try again (a session another client took over; a recording played
  to its end).

A step that raises is a bug, not a lost connection: it is logged with its traceback and
retried with backoff (the reason says so), so one bug never silences a room for the rest of
a show.

While it runs, the loop reports a :class:`Status` (phase, reason, the ``time.monotonic()``
of the next attempt) to its owner, who shows it to the operator. A step says
``connected()`` once its connection is accepted (the backoff starts again from ``base``)
and may say ``progress(note)`` on the way there.

Only one step ever runs: starting again cancels the run under way and makes the first
attempt only once it has ended. ``retry_now()`` skips the wait under way (the operator asked
to reconnect) or starts a loop that stopped. ``close()`` ends it for good, and cannot hang
on a lost cancellation: Python 3.11's ``asyncio.wait_for`` swallows a cancellation that
races with its inner future finishing, so ``close`` cancels again until the run has ended,
and a step's own inner loops can watch ``stopping``.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import logging
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from console.tasks import watch
from console.text import Text

log = logging.getLogger(__name__)

RECANCEL_EVERY = 0.5  # seconds between cancellations of a run that has not ended yet
_MAX_DOUBLINGS = 1000  # 2.0 ** 1024 overflows: an OBS closed overnight fails thousands of times


class Phase(enum.StrEnum):
    """Where the loop is; the values are the words the operator sees."""

    IDLE = "idle"  # not started
    CONNECTING = "connecting"  # an attempt is under way
    CONNECTED = "connected"  # the step said its connection was accepted
    RECONNECTING = "reconnecting"  # waiting out the backoff before the next attempt
    FAILED = "failed"  # waiting long (retrying soon cannot help), or stopped for good
    FINISHED = "finished"  # the step said there is nothing more to do
    CLOSED = "closed"


@dataclass(frozen=True)
class Status:
    """Where the loop is. ``reason`` says why it waits, failed or finished (while
    connecting or connected: the step's note); ``retry_at`` is the ``time.monotonic()`` of
    the next attempt while waiting."""

    phase: Phase
    reason: str = ""
    retry_at: float | None = None

    def describe(self, now: float | None = None) -> Text:
        """One line for a status bar: ``reconnecting in 4 s: connection refused``."""
        text = PHASE_WORDS[self.phase]
        if self.retry_at is not None:
            left = f"{max(0.0, self.retry_at - (time.monotonic() if now is None else now)):.0f}"
            text = (
                Text("reconnect", "{phase} (retry in {seconds} s)")
                if self.phase is Phase.FAILED
                else Text("reconnect", "{phase} in {seconds} s")
            ).format(phase=text, seconds=left)
        if self.reason:
            return Text("reconnect", "{phase}: {reason}").format(phase=text, reason=self.reason)
        return text


PHASE_WORDS = {
    Phase.IDLE: Text("reconnect", "idle"),
    Phase.CONNECTING: Text("reconnect", "connecting"),
    Phase.CONNECTED: Text("reconnect", "connected"),
    Phase.RECONNECTING: Text("reconnect", "reconnecting"),
    Phase.FAILED: Text("reconnect", "failed"),
    Phase.FINISHED: Text("reconnect", "finished"),
    Phase.CLOSED: Text("reconnect", "closed"),
}


@dataclass(frozen=True)
class Backoff:
    """Waits between attempts in seconds: exponential from ``base`` to ``cap``, jittered."""

    base: float = 0.5
    cap: float = 30.0

    def delay(self, attempt: int) -> float:
        """The wait after failed attempt number ``attempt`` (0 first): half the step fixed,
        half random, so many clients of one server never retry in lockstep."""
        step = min(self.cap, self.base * 2.0 ** min(attempt, _MAX_DOUBLINGS))
        return float(step / 2 + random.uniform(0, step / 2))


@dataclass(frozen=True)
class Retry:
    """The attempt ended; try again after the backoff's next delay, or after ``after``
    seconds when given (that wait does not count as a step up the backoff). ``failed``
    shows the wait as failed: the reason needs the operator, not time."""

    reason: str
    after: float | None = None
    failed: bool = False


@dataclass(frozen=True)
class Stop:
    """The attempt ended and the loop must not try again by itself; ``failed`` shows it as
    failed (gave up), else as finished. ``retry_now()`` or ``start()`` begin again."""

    reason: str
    failed: bool = False


Outcome = Retry | Stop
Step = Callable[[], Awaitable[Outcome]]
StatusListener = Callable[[Status], None]


class Reconnector:
    """Runs ``step`` over and over with backoff until closed (see the module docstring).

    ``name`` names the task and the log lines; ``on_status`` hears every status change.
    Call ``start``, ``retry_now`` and ``close`` on the running loop.
    """

    def __init__(
        self, name: str, step: Step, on_status: StatusListener, backoff: Backoff | None = None
    ) -> None:
        self.name = name
        self.backoff = backoff or Backoff()
        self._step = step
        self._on_status = on_status
        self._status = Status(Phase.IDLE)
        self._runs: set[asyncio.Task[None]] = set()  # the current run and any still ending
        self._current: asyncio.Task[None] | None = None
        self._stepping: asyncio.Task[Any] | None = None  # the run whose step may be running
        self._wake = asyncio.Event()
        self._attempt = 0  # failed attempts since the last accepted connection
        self._closed = False

    @property
    def status(self) -> Status:
        return self._status

    @property
    def running(self) -> bool:
        """Whether a run is under way (not stopped, finished or closed)."""
        return self._current is not None and not self._current.done()

    @property
    def stopping(self) -> bool:
        """True once the running step should end: closed, or started over. A step that
        loops checks it, so a cancellation that ``wait_for`` swallowed cannot keep it."""
        return self._ending()

    def start(self) -> None:
        """Start the loop, or start it over: a run under way is cancelled, and the new one
        makes its first attempt once the old one has ended. Nothing after ``close``."""
        if self._closed:
            return
        older = set(self._runs)  # the new run cancels them first (see _end)
        run = asyncio.get_running_loop().create_task(self._run(older), name=self.name)
        self._runs.add(run)
        run.add_done_callback(self._runs.discard)
        self._current = watch(run)

    def retry_now(self) -> None:
        """Skip the wait under way and attempt at once; start a loop that is not running.
        While a step runs there is no wait to skip, and nothing changes."""
        if not self.running:
            self.start()
        else:
            self._wake.set()

    def connected(self, note: str = "") -> None:
        """For the step: its connection was accepted. The backoff starts again from
        ``base`` for the next failure."""
        if self.stopping:
            return
        self._attempt = 0
        self._report(Status(Phase.CONNECTED, note))

    def progress(self, note: str) -> None:
        """For the step: still connecting, now doing ``note`` (loading the server's state)."""
        if not self.stopping:
            self._report(Status(Phase.CONNECTING, note))

    async def close(self) -> None:
        """End the loop for good: cancel the step or the wait under way until the run has
        ended (see the module docstring), then report closed."""
        self._closed = True
        await _end(self._runs)
        self._report(Status(Phase.CLOSED))

    # -- the loop -------------------------------------------------------------------------

    async def _run(self, older: set[asyncio.Task[None]]) -> None:
        await _end(older)
        self._stepping = asyncio.current_task()  # stopping: as soon as it is not current
        self._attempt = 0
        while not self._ending():
            self._report(Status(Phase.CONNECTING))
            try:
                outcome = await self._step()
            except Exception as exc:
                log.exception("%s: attempt failed", self.name)
                outcome = Retry(f"internal error: {exc!r}")
            if self._ending():
                return
            if isinstance(outcome, Stop):
                phase = Phase.FAILED if outcome.failed else Phase.FINISHED
                self._report(Status(phase, outcome.reason))
                log.info("%s: %s; not trying again", self.name, outcome.reason)
                return
            if outcome.after is not None:
                delay = outcome.after
            else:
                delay = self.backoff.delay(self._attempt)
                self._attempt += 1
            await self._wait(Phase.FAILED if outcome.failed else Phase.RECONNECTING, outcome, delay)

    async def _wait(self, phase: Phase, outcome: Retry, delay: float) -> None:
        self._report(Status(phase, outcome.reason, retry_at=time.monotonic() + delay))
        log.info("%s: %s; next attempt in %.1f s", self.name, outcome.reason, delay)
        self._wake.clear()
        # asyncio.timeout, not wait_for: it never swallows a cancellation.
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(delay):
                await self._wake.wait()

    def _ending(self) -> bool:
        # A method: mypy would take a property it checked once as unchanged across awaits.
        return self._closed or self._stepping is not self._current

    def _report(self, status: Status) -> None:
        self._status = status
        self._on_status(status)


async def _end(runs: set[asyncio.Task[None]]) -> None:
    """Cancel ``runs`` and wait until every one has ended.

    A cancellation can be lost (see the module docstring): a run still going after
    ``RECANCEL_EVERY`` is cancelled again. A run already cancelled is not cancelled a second
    time at once, which would cut its teardown short (closing a connection politely).
    """
    pending = {run for run in runs if not run.done()}
    for run in pending:
        if not run.cancelling():
            run.cancel()
    while pending:
        _, pending = await asyncio.wait(pending, timeout=RECANCEL_EVERY)
        for run in pending:
            run.cancel()
