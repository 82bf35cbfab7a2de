"""The one interface every host engine has: prepare a line, start it, know it ended, stop.

- ``clip`` and ``tts`` (:mod:`console.host.media_engine`): a file played through the room's
  host media source in OBS, a pre-rendered clip or speech synthesised off the GUI thread;
- ``livetalking`` (:mod:`console.host.livetalking`): an external real-time digital human
  whose video is already a source in OBS, driven over HTTP.

An engine reports trouble as :class:`EngineError` (a command error the operator reads); a
playback's ``ended`` future resolves on a natural end only, and fails when the engine lost
the line (a dead engine, a link gone) so the queue never waits on it forever.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from console.commands import CommandError, ErrorCode
from console.host.lines import Line


class EngineError(CommandError):
    """The engine cannot say a line now; the message says why."""

    error_code = ErrorCode.FAILED


@dataclass(frozen=True)
class Take:
    """A line made ready: the file to play (clip, synthesised speech) or the text to send."""

    line: Line
    file: Path | None = None
    text: str | None = None
    prepared_ms: float = 0.0
    cached: bool = False


@dataclass
class Playback:
    """A take on air: since when, for how long (when the engine knows), and its end."""

    take: Take
    ended: asyncio.Future[None]
    started: float = field(default_factory=time.monotonic)
    duration: float | None = None
    """Seconds, once known (OBS's media status); None for an engine that cannot tell."""
    cursor: float | None = None
    """Seconds played when last asked; with ``asked`` it gives the position now."""
    asked: float | None = None

    def elapsed(self, now: float | None = None) -> float:
        now = time.monotonic() if now is None else now
        if self.cursor is not None and self.asked is not None:
            return self.cursor + (now - self.asked)
        return now - self.started

    def remaining(self, now: float | None = None) -> float | None:
        if self.duration is None:
            return None
        return max(0.0, self.duration - self.elapsed(now))


class Engine(Protocol):
    """What the room's host needs of an engine."""

    name: str

    async def prepare(self, line: Line) -> Take:
        """Make the line ready to air (synthesise, check the clip); EngineError if not."""
        ...

    async def start(self, take: Take) -> Playback:
        """Put the take on air; returns once the engine confirms it is playing."""
        ...

    async def stop(self) -> None:
        """Silence now; returns once the engine confirms it. The playback's ``ended`` is
        not resolved by a stop: the caller knows it stopped it."""
        ...

    async def ahead(self, lines: list[Line]) -> int:
        """Prepare lines that will be said later (the rundown's), as far as it can."""
        ...

    async def close(self) -> None: ...
