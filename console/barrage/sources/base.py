"""What every barrage source shares: a reconnecting loop, a state to show, and counters.

A source reads one platform (a grabber's WebSocket, Twitch IRC, a recording) and hands
each message to its sink. Anything it cannot read is counted by reason and dropped with a
log line (rate-limited, so a flood of garbage does not become a flood of log lines); it
never stops the source. Its connection is kept by the console's one reconnecting loop
(``console.reconnect``): failures are retried with exponential backoff and jitter; a
failure retrying cannot fix (a refused login) is shown as failed and retried rarely.
"""

from __future__ import annotations

import asyncio
import logging
import time
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from console import reconnect
from console.barrage.clean import clean_text
from console.barrage.message import Message
from console.observers import Observers, Unsubscribe
from console.reconnect import Outcome, Reconnector, Retry, Stop

log = logging.getLogger(__name__)

Sink = Callable[[Message], None]
Pace = Callable[[], Awaitable[None]]
"""Awaited by a source between runs of messages: returns once the sink has room (the
loop has run at least once), so a burst waits in the socket, not in memory."""


async def next_turn() -> None:
    """The pace of a sink that always has room: let the loop run once."""
    await asyncio.sleep(0)


SourcePhase = reconnect.Phase
"""Where a source is: idle, connecting, connected, reconnecting, failed, finished (a
recording played to its end) or closed."""

SourceState = reconnect.Status
"""A source's phase, the reason, and ``retry_at`` (a ``time.monotonic()`` deadline) while
it waits; ``describe()`` is its line in the status bar."""


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
class Backoff(reconnect.Backoff):
    """Reconnect timing in seconds: exponential from ``base`` to ``cap``, jittered; a
    failure retrying cannot fix waits ``failed_retry``."""

    failed_retry: float = 60.0


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
        self.pace: Pace = next_turn
        """Awaited between runs of messages; the console sets the ingest's (``room``)."""
        self.backoff = backoff or Backoff()
        self.max_text = max_text
        self.counters = SourceCounters()
        self._observers: Observers[SourceState] = Observers()
        self._reconnector = Reconnector(
            f"barrage-{name}", self._attempt, self._observers.notify, self.backoff
        )
        self._logged: dict[str, float] = {}
        self._serial = 0

    # -- public ---------------------------------------------------------------------------

    @property
    def state(self) -> SourceState:
        return self._reconnector.status

    def subscribe(self, listener: Callable[[SourceState], None]) -> Unsubscribe:
        return self._observers.subscribe(listener)

    def start(self) -> None:
        """Start (or restart) the read/reconnect loop; only one ever runs."""
        self._reconnector.start()

    def reconnect_now(self) -> None:
        """Skip the wait before the next attempt, or restart a source that stopped."""
        self._reconnector.retry_now()

    async def close(self) -> None:
        """Stop reading for good (the source is not started again)."""
        await self._reconnector.close()

    # -- for subclasses -------------------------------------------------------------------

    @abstractmethod
    async def _session(self) -> str | None:
        """Connect and read until the connection ends; return why it ended (the source
        reconnects), or None when there is nothing more to read (the source finishes).
        Call ``_connected()`` once the platform accepted the connection."""

    def _connected(self, note: str = "") -> None:
        self.counters.connects += 1
        self._reconnector.connected(note)

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

    # -- one attempt ----------------------------------------------------------------------

    async def _attempt(self) -> Outcome:
        """One session, and what the loop does after it."""
        try:
            reason = await self._session()
        except SourceFailed as exc:
            return Retry(str(exc), after=self.backoff.failed_retry, failed=True)
        except (SourceError, OSError) as exc:
            return Retry(str(exc) or type(exc).__name__)
        if reason is None:
            return Stop("end of recording")
        return Retry(reason)
