"""What every barrage source shares: a reconnecting task, a state to show, and counters.

A source reads one platform (a grabber's WebSocket, Twitch IRC, a recording) and hands
each message to its sink. Anything it cannot read is counted by reason and dropped with a
log line (rate-limited, so a flood of garbage does not become a flood of log lines); it
never stops the source. Connection failures are retried with exponential backoff and
jitter; a failure retrying cannot fix (a refused login) is shown as failed and retried
rarely.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, ClassVar

from console.barrage.clean import clean_text
from console.barrage.message import Message
from console.observers import Observers, Unsubscribe

log = logging.getLogger(__name__)

Sink = Callable[[Message], None]


class SourcePhase(StrEnum):
    IDLE = "idle"
    CONNECTING = "connecting"
    CONNECTED = "connected"
    RECONNECTING = "reconnecting"
    FAILED = "failed"
    FINISHED = "finished"  # a recording played to its end
    CLOSED = "closed"


@dataclass(frozen=True)
class SourceState:
    """Where a source is; ``retry_at`` is a ``time.monotonic()`` deadline when waiting."""

    phase: SourcePhase
    reason: str = ""
    retry_at: float | None = None

    def describe(self, now: float | None = None) -> str:
        """One line for the status bar: ``reconnecting in 4 s: connection refused``."""
        text = self.phase.value
        if self.retry_at is not None:
            left = max(0.0, self.retry_at - (time.monotonic() if now is None else now))
            text += (
                f" (retry in {left:.0f} s)"
                if self.phase is SourcePhase.FAILED
                else (f" in {left:.0f} s")
            )
        return f"{text}: {self.reason}" if self.reason else text


@dataclass
class SourceCounters:
    """What came in and what became of it."""

    received: int = 0  # frames or lines read
    delivered: int = 0  # messages handed to the sink
    ignored: int = 0  # well-formed events the console does not show (room stats, ...)
    dropped: Counter[str] = field(default_factory=Counter)  # bad input, by reason
    stripped: Counter[str] = field(default_factory=Counter)  # characters removed, by kind
    connects: int = 0

    @property
    def dropped_total(self) -> int:
        return sum(self.dropped.values())


@dataclass(frozen=True)
class Backoff:
    """Reconnect timing in seconds: exponential from ``base`` to ``cap``, jittered."""

    base: float = 0.5
    cap: float = 30.0
    failed_retry: float = 60.0

    def delay(self, attempt: int) -> float:
        """Half the step fixed, half random, so many consoles never retry in lockstep."""
        step = min(self.cap, self.base * 2**attempt)
        return float(step / 2 + random.uniform(0, step / 2))


class SourceError(Exception):
    """The connection failed or broke; the source will retry with backoff."""


class SourceFailed(SourceError):
    """Retrying soon cannot help (login refused, bad address): shown as failed."""


class BadFrame(ValueError):
    """One frame or line that cannot be read; ``str(exc)`` is the reason it is counted by."""


class Source(ABC):
    """A reconnecting reader of one platform, delivering messages to ``sink``."""

    platform: ClassVar[str] = ""
    log_every = 10.0  # seconds between log lines about the same kind of bad input

    def __init__(
        self,
        name: str,
        room: str,
        sink: Sink,
        backoff: Backoff | None = None,
        max_text: int = 2000,
    ) -> None:
        self.name = name
        self.room = room
        self.sink = sink
        self.backoff = backoff or Backoff()
        self.max_text = max_text
        self.counters = SourceCounters()
        self._state = SourceState(SourcePhase.IDLE)
        self._observers: Observers[SourceState] = Observers()
        self._task: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        self._logged: dict[str, float] = {}
        self._serial = 0
        self._attempt = 0  # reconnect attempts since the last successful connection

    # -- public ---------------------------------------------------------------------------

    @property
    def state(self) -> SourceState:
        return self._state

    def subscribe(self, listener: Callable[[SourceState], None]) -> Unsubscribe:
        return self._observers.subscribe(listener)

    def start(self) -> None:
        """Start (or restart) the read/reconnect loop; only one ever runs."""
        if self._task is not None and not self._task.done():
            self._task.cancel()
        self._task = asyncio.get_running_loop().create_task(
            self._run(), name=f"barrage-{self.name}"
        )
        self._task.add_done_callback(self._report_crash)

    def reconnect_now(self) -> None:
        """Skip the wait before the next attempt, or restart a source that stopped."""
        if self._task is None or self._task.done():
            self.start()
        else:
            self._wake.set()

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        self._set(SourceState(SourcePhase.CLOSED))

    # -- for subclasses -------------------------------------------------------------------

    @abstractmethod
    async def _session(self) -> str | None:
        """Connect and read until the connection ends; return why it ended (the source
        reconnects), or None when there is nothing more to read (the source finishes).
        Call ``_connected()`` once the platform accepted the connection."""

    def _connected(self, note: str = "") -> None:
        self.counters.connects += 1
        self._attempt = 0
        self._set(SourceState(SourcePhase.CONNECTED, note))

    def _deliver(self, message: Message) -> None:
        self.counters.delivered += 1
        self.sink(message)

    def _drop(self, reason: str, detail: str = "") -> None:
        """Count a bad frame by ``reason``; log it now and then, never raise."""
        counters = self.counters
        counters.dropped[reason] += 1
        now = time.monotonic()
        last = self._logged.get(reason)
        if last is None or now - last >= self.log_every:
            self._logged[reason] = now
            log.warning(
                "barrage source %s dropped input (%s, %d so far)%s",
                self.name,
                reason,
                counters.dropped[reason],
                f": {detail[:120]!r}" if detail else "",
            )

    def _text(self, value: Any, name: str = "text") -> str:
        """A field's text, cleaned of bad characters; raise ``BadFrame`` if unusable."""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise BadFrame(f"bad field {name}")
        text = clean_text(str(value), self.counters.stripped)
        if len(text) > self.max_text:
            raise BadFrame(f"{name} too long")
        return text

    def _next_id(self) -> str:
        self._serial += 1
        return f"{self.name}:{self._serial}"

    # -- the loop -------------------------------------------------------------------------

    async def _run(self) -> None:
        self._attempt = 0
        while True:
            self._set(SourceState(SourcePhase.CONNECTING))
            try:
                reason = await self._session()
            except SourceFailed as exc:
                await self._wait(SourcePhase.FAILED, str(exc), self.backoff.failed_retry)
                continue
            except (SourceError, OSError) as exc:
                reason = str(exc) or type(exc).__name__
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                # A bug, not bad input: log it with its traceback, and keep the feed alive.
                log.exception("barrage source %s failed", self.name)
                reason = f"internal error: {exc!r}"
            if reason is None:
                self._set(SourceState(SourcePhase.FINISHED, "end of recording"))
                return
            delay = self.backoff.delay(self._attempt)
            self._attempt += 1
            await self._wait(SourcePhase.RECONNECTING, reason, delay)

    async def _wait(self, phase: SourcePhase, reason: str, delay: float) -> None:
        self._set(SourceState(phase, reason, retry_at=time.monotonic() + delay))
        log.info("barrage source %s: %s; next attempt in %.1f s", self.name, reason, delay)
        self._wake.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), delay)

    def _set(self, state: SourceState) -> None:
        self._state = state
        self._observers.notify(state)

    def _report_crash(self, task: asyncio.Task[None]) -> None:
        if not task.cancelled() and task.exception() is not None:
            log.error("barrage source %s stopped", self.name, exc_info=task.exception())
