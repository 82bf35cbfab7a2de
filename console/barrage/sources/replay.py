"""A recording played back as if live: for rehearsals, demos and load tests.

Reads JSONL of message records (``Message.to_record``; a barrage log is one, its review
lines are skipped) and delivers them at the recorded pace times ``speed`` (``1``, ``N`` or
``math.inf`` for as fast as the loop allows). Each message is stamped with the time it is
delivered, so the console's rate rules see the pace the operator sees. The clock is
injectable so tests check the timing without sleeping.
"""

from __future__ import annotations

import asyncio
import json
import math
import time
from pathlib import Path
from typing import Protocol, TextIO

from console.barrage.message import ALL_ROOMS, Message
from console.barrage.sources.base import Backoff, BadFrame, Sink, Source, SourceFailed


class Clock(Protocol):
    def monotonic(self) -> float: ...

    def wall(self) -> float: ...

    async def sleep(self, seconds: float) -> None: ...


class RealClock:
    """The loop's clock (``time.monotonic``) and real sleeps."""

    def monotonic(self) -> float:
        return time.monotonic()

    def wall(self) -> float:
        return time.time()

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


class ReplaySource(Source):
    """Plays ``path`` once (then finishes) or over and over (``loop=True``)."""

    platform = "replay"
    yield_every = 500  # messages between yields to the loop when nothing makes us wait

    def __init__(
        self,
        name: str,
        path: Path,
        room: str,
        sink: Sink,
        speed: float = 1.0,
        loop: bool = False,
        clock: Clock | None = None,
        max_line: int = 256 * 1024,
        backoff: Backoff | None = None,
    ) -> None:
        super().__init__(name, room, sink, backoff)
        if not speed > 0:
            raise ValueError(f"replay speed must be above 0, not {speed}")
        self.path = path
        self.speed = speed
        self.loop = loop
        self.clock: Clock = clock or RealClock()
        self.max_line = max_line
        self.laps = 0

    async def _session(self) -> str | None:
        try:
            lines = self.path.open(encoding="utf-8", errors="surrogateescape")
        except OSError as exc:
            raise SourceFailed(f"cannot read recording {self.path}: {exc.strerror}") from None
        self._connected(self.path.name)
        with lines:
            while True:
                played = await self._lap(lines)
                self.laps += 1
                if not self.loop:
                    return None
                if played == 0:
                    return None  # nothing playable: looping would spin
                await self.clock.sleep(0)  # a short recording at full speed must still yield
                lines.seek(0)

    async def _lap(self, lines: TextIO) -> int:
        clock = self.clock
        speed = self.speed
        start = clock.monotonic()
        first: float | None = None
        previous = 0.0
        played = 0
        since_yield = 0
        for line in lines:
            self.counters.received += 1
            message = self._parse(line)
            if message is None:
                continue
            recorded = message.time if message.time > 0 else previous
            previous = recorded
            if first is None:
                first = recorded
            if not math.isinf(speed):
                due = start + (recorded - first) / speed
                wait = due - clock.monotonic()
                if wait > 0:
                    await clock.sleep(wait)
                    since_yield = 0
            since_yield += 1
            if since_yield >= self.yield_every:
                since_yield = 0
                await clock.sleep(0)
                await self.pace()
            self._deliver(self._restamp(message, clock.wall()))
            played += 1
        return played

    def _parse(self, line: str) -> Message | None:
        if len(line) > self.max_line:
            self._drop("line too long", line[:80])
            return None
        if not line.strip():
            return None
        try:
            record = json.loads(line)
        except (ValueError, RecursionError):  # RecursionError: nesting deeper than Python's
            self._drop("invalid JSON", line[:80])
            return None
        if not isinstance(record, dict):
            self._drop("not a JSON object", line[:80])
            return None
        if "review" in record:
            return None  # an operator's decision in a barrage log, not a message
        try:
            message = Message.from_record(record)
            return Message(
                platform=message.platform or self.platform,
                room=message.room if self.room == ALL_ROOMS else self.room,
                id=self._text(message.id, "id") or self._next_id(),
                user_id=self._text(message.user_id, "user_id"),
                user_name=self._text(message.user_name, "user_name"),
                text=self._text(message.text),
                time=message.time,
                kind=message.kind,
                extra=message.extra,
                raw=message.raw,
            )
        except BadFrame as exc:
            self._drop(str(exc), line[:80])
        except (ValueError, OverflowError) as exc:
            self._drop(
                str(exc) if str(exc).startswith("missing field") else "bad record", line[:80]
            )
        return None

    def _restamp(self, message: Message, now: float) -> Message:
        lap = self.laps
        return Message(
            platform=message.platform,
            room=message.room,
            id=message.id if lap == 0 else f"{message.id}~{lap}",
            user_id=message.user_id,
            user_name=message.user_name,
            text=message.text,
            time=now,
            kind=message.kind,
            extra=message.extra,
            raw=message.raw,
        )
