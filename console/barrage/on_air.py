"""The comment pinned on air in one room: shown for a while, then taken off by a timer.

One ``PinnedComment`` per room (the room's runtime owns it). It holds what is pinned, the
timer that takes it off, and what went wrong last; it shows the text through the room's
``CommentPin`` (the OBS text source). Which comment may go on air is the moderation's
decision, made before ``show`` is called.

Pinned is not the same as on air: the text source may sit in a scene that is not on
program. ``on_air`` is what OBS reports: the source enabled in the program scene (or a
scene nested in it), checked after each pin and again whenever the program scene, a scene
item or the link changes; ``missing`` says where it is missing.
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
from console.obs.visibility import shown_in
from console.observers import Observers, Unsubscribe
from console.tasks import TaskSet
from console.text import Text

log = logging.getLogger(__name__)

PIN_MAX_CHARS = 80  # a lower third, not a wall of text
RECHECK_ON = frozenset(
    {
        "CurrentProgramSceneChanged",
        "SceneItemEnableStateChanged",
        "SceneItemCreated",
        "SceneItemRemoved",
        "InputNameChanged",
        "SceneNameChanged",
    }
)
"""OBS events after which the pinned comment may have appeared or disappeared."""


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
        self.on_air: bool | None = None
        """Whether OBS shows the pinned comment in the program scene; None: not known."""
        self.missing = ""
        """Why it is not on air, when it is not."""
        self._checking: asyncio.Task[None] | None = None
        self._check_again = False
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
            await self._check()
        self._observers.notify(self)
        return pin

    def adopt(self, message: Message, seconds_left: float) -> None:
        """Take ``message`` as pinned for what is left of its time, without showing it (a
        show restored from its journal): the room compares it with OBS once connected."""
        seconds = max(1, round(seconds_left))
        pin = Pin(self.room, message, pin_text(message), "", seconds, time.monotonic() + seconds)
        self.current = pin
        self._set_timer(seconds, pin)
        self._observers.notify(self)

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
            self.on_air, self.missing = None, ""
        self._observers.notify(self)
        return pin

    async def close(self) -> None:
        self._cancel_timer()
        await self._tasks.cancel()

    # -- what OBS shows -------------------------------------------------------------------

    def on_obs_event(self, name: str, data: dict[str, object]) -> None:
        """An OBS event that may change what viewers see: look again."""
        if name in RECHECK_ON and self.current is not None:
            self.recheck()

    def on_link_changed(self, connected: bool) -> None:
        """A link that went down leaves on air unknown; one that came back is looked at."""
        if self.current is None:
            return
        if connected and self.current.left() <= 0:
            # Its time ran out while OBS was away: take it off now that OBS is back.
            self._tasks.spawn(self._expire(self.current), f"unpin-{self.room}")
        elif connected:
            self.recheck()
        else:
            self.on_air, self.missing = None, Text("pin", "OBS is not connected: not known")
            self._observers.notify(self)

    def recheck(self) -> None:
        """Ask OBS again (at most one check at a time; another follows if asked meanwhile)."""
        if self._checking is not None and not self._checking.done():
            self._check_again = True
            return
        self._checking = self._tasks.spawn(self._recheck(), f"pin-check-{self.room}")

    async def _recheck(self) -> None:
        while True:
            self._check_again = False
            try:
                await self._check()
            except CommandError as exc:  # the link dropped meanwhile
                self.on_air = None
                self.missing = Text("pin", "not known: {why}").format(why=exc.text)
            self._observers.notify(self)
            if not self._check_again:
                return

    async def _check(self) -> None:
        pin = self.current
        if pin is None:
            self.on_air, self.missing = None, ""
            return
        link = self.output.link
        program = link.state.program
        source = self.output.source
        if await shown_in(link, program, source):
            self.on_air, self.missing = True, ""
        elif program == pin.scene:
            self.on_air = False
            self.missing = Text("pin", "{source!r} is hidden in {scene!r}, the program scene")
            self.missing = self.missing.format(source=source, scene=program)
        else:
            self.on_air = False
            self.missing = Text(
                "pin", "the program scene {scene!r} does not show {source!r} (it is in {pinned!r})"
            ).format(scene=program, source=source, pinned=pin.scene)

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
