"""The comment pinned on air in one room: shown for a while, then taken off by a timer.

One ``PinnedComment`` per room (the room's runtime owns it). It holds what is on air, the
timer that takes it off, and what went wrong last; it shows the text through the room's
``CommentPin`` (the OBS text source). Which comment may go on air is the moderation's
decision, made before ``show`` is called.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from console.barrage.message import Message
from console.barrage.pin import CommentPin
from console.commands import CommandError
from console.observers import Observers, Unsubscribe
from console.tasks import TaskSet

log = logging.getLogger(__name__)

PIN_MAX_CHARS = 80  # a lower third, not a wall of text


@dataclass(frozen=True)
class Pin:
    """A comment on air in one room until ``until`` (``time.monotonic()``)."""

    room: str
    message: Message
    text: str
    scene: str
    seconds: int
    until: float

    @property
    def message_id(self) -> str:
        return self.message.id

    def left(self, now: float | None = None) -> float:
        return max(0.0, self.until - (time.monotonic() if now is None else now))


def pin_text(message: Message) -> str:
    """``<nick>: <text>`` on one line, cut to ``PIN_MAX_CHARS``."""
    line = " ".join(f"{message.user_name}: {message.text}".split())
    return line if len(line) <= PIN_MAX_CHARS else line[: PIN_MAX_CHARS - 1] + "…"


class PinnedComment:
    """What is pinned in one room, and the timer that ends it."""

    def __init__(self, room: str, pin: CommentPin) -> None:
        self.room = room
        self.output = pin
        self.current: Pin | None = None
        self.problem = ""
        """What went wrong last (a timer that could not take the comment off air)."""
        self._lock = asyncio.Lock()
        self._timer: asyncio.TimerHandle | None = None
        self._tasks = TaskSet()
        self._observers: Observers[PinnedComment] = Observers()

    def subscribe(self, listener: Callable[[PinnedComment], None]) -> Unsubscribe:
        """``listener(self)`` after each change of what is on air or of ``problem``."""
        return self._observers.subscribe(listener)

    async def show(self, message: Message, seconds: int) -> Pin:
        """Put ``message`` on air for ``seconds``, replacing what was pinned."""
        text = pin_text(message)
        async with self._lock:
            scene = await self.output.show(text)
            pin = Pin(self.room, message, text, scene, seconds, time.monotonic() + seconds)
            self._set_timer(seconds, pin)
            self.current = pin
            self.problem = ""
        self._observers.notify(self)
        return pin

    async def clear(self, only: Pin | None = None) -> Pin | None:
        """Take the pinned comment off air (if ``only`` is given: only if that pin is still
        up); returns the pin taken off, if any."""
        async with self._lock:
            if only is not None and self.current is not only:
                return None  # replaced or cleared while the timer's task waited for the lock
            self._cancel_timer()
            await self.output.clear()
            pin, self.current = self.current, None
            self.problem = ""
        self._observers.notify(self)
        return pin

    async def close(self) -> None:
        self._cancel_timer()
        await self._tasks.cancel()

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _set_timer(self, seconds: float, pin: Pin) -> None:
        self._cancel_timer()
        loop = asyncio.get_running_loop()
        self._timer = loop.call_later(seconds, self._on_timer, pin)

    def _on_timer(self, pin: Pin) -> None:
        self._timer = None
        self._tasks.spawn(self._expire(pin), f"unpin-{self.room}")

    async def _expire(self, pin: Pin) -> None:
        try:
            await self.clear(only=pin)
        except CommandError as exc:
            self.problem = f"room {self.room}: could not take the pinned comment off air: {exc}"
            log.warning("%s", self.problem)
            self._observers.notify(self)
