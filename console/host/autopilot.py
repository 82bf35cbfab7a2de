"""The unattended loop, with a person in charge.

The autopilot of a room cycles the rundown's products; for each, it says the product's
segments in order, each in one of its script variants, never the variant said last time
(so the same line never airs back to back while there is another). The room's host asks it
for a line only when nothing else waits, and cuts its line on air for any line the operator
queues, so it yields at once and resumes after (the cut line from its start).

Platform rules want a real person behind a virtual host: while running, the autopilot
expects a sign of the operator (any command, or ``host.confirm``) every ``presence_s``
seconds. ``warn_s`` before that it warns; then it pauses, asks for the room's safe scene,
and logs it. Nobody is driving the host then, so its line on air is cut at once rather than
finished over the safe scene, and nothing more is said until the operator gives a sign (the
room's host does that, seeing :attr:`Autopilot.absent`); on resume the autopilot starts
again from the start of the cut segment. A pause the operator asks for lets the line on
air finish: someone is there.
"""

from __future__ import annotations

import asyncio
import enum
import logging
import random
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass, field
from typing import Any

from console.host.air_log import AirLog
from console.host.lines import Line, Priority
from console.host.prosody import Prosody
from console.observers import Observers, Unsubscribe
from console.tasks import TaskSet
from console.text import Text

log = logging.getLogger(__name__)

MAX_FAILURES = 3  # lines in a row that could not air before the autopilot pauses


class AutoState(enum.StrEnum):
    STOPPED = "stopped"
    RUNNING = "running"
    PAUSED = "paused"


@dataclass(frozen=True)
class Script:
    """One segment the autopilot can say: its versions (text variants, or a clip)."""

    segment: str
    sku: str | None
    versions: tuple[str, ...]
    clip: Any = None
    prosody: Prosody = field(default_factory=Prosody)


@dataclass(frozen=True)
class Presence:
    """How often the operator must give a sign, and how long before that the warning shows."""

    every_s: float = 600.0
    warn_s: float = 60.0


class Autopilot:
    """One room's loop over the products' scripts (see the module docstring)."""

    def __init__(
        self,
        room_id: str,
        products: Sequence[str],
        scripts: Sequence[Script],
        presence: Presence,
        air_log: AirLog,
        to_safe_scene: Callable[[], Coroutine[Any, Any, None]] | None = None,
        draw: random.Random | None = None,
        render: Callable[[str, str | None], str] = lambda text, sku: text,
    ) -> None:
        """``render(text, sku)`` fills a script's ``{fields}`` from the live catalogue."""
        self.room_id = room_id
        self.scripts = {
            sku: [s for s in scripts if s.sku == sku] for sku in products if sku is not None
        }
        self.order = [sku for sku in products if self.scripts.get(sku)]
        self.presence = presence
        self.air_log = air_log
        self.state = AutoState.STOPPED
        self.reason = ""
        self.warning = ""
        self.absent = False
        """Paused because no sign of the operator came: the host must fall silent."""
        self._to_safe_scene = to_safe_scene
        self._render = render
        self._draw = draw or random.Random()
        self._product = 0
        self._segment = 0
        self._last_version: dict[str, int] = {}
        self._last_text: str | None = None
        self._next: Line | None = None
        self._failures = 0
        self._last_sign = 0.0  # the loop's clock at the last sign (set by start)
        self._timer: asyncio.TimerHandle | None = None
        self._tasks = TaskSet()
        self._observers: Observers[Autopilot] = Observers()

    def subscribe(self, listener: Callable[[Autopilot], None]) -> Unsubscribe:
        return self._observers.subscribe(listener)

    @property
    def running(self) -> bool:
        return self.state is AutoState.RUNNING

    @property
    def product(self) -> str | None:
        """The product the autopilot is on."""
        return self.order[self._product] if self.order else None

    def snapshot(self) -> dict[str, Any]:
        left = self.sign_due_in()
        return {
            "state": self.state.value,
            "reason": self.reason,
            "product": self.product,
            "warning": self.warning,
            "absent": self.absent,
            "sign_due_s": None if left is None else round(left, 1),
        }

    def sign_due_in(self) -> float | None:
        if not self.running:
            return None
        return max(0.0, self._last_sign + self.presence.every_s - asyncio.get_running_loop().time())

    # -- operator -------------------------------------------------------------------------

    def start(self) -> None:
        if not self.order:
            raise ValueError("no product in the rundown has host segments")
        self.state, self.reason, self.warning = AutoState.RUNNING, "", ""
        self.absent = False
        self._failures = 0
        self.air_log.note(self.room_id, "autopilot started")
        self.saw_operator()
        self._notify()

    def pause(self, reason: str) -> None:
        if self.state is not AutoState.RUNNING:
            return
        self.state, self.reason = AutoState.PAUSED, reason
        self._cancel_timer()
        self.air_log.note(self.room_id, "autopilot paused", reason=reason)
        self._notify()

    def stop(self, reason: str = "") -> None:
        if self.state is AutoState.STOPPED:
            return
        self.state, self.reason, self.warning = AutoState.STOPPED, reason, ""
        self._cancel_timer()
        self.air_log.note(self.room_id, "autopilot stopped", reason=reason or None)
        self._notify()

    async def close(self) -> None:
        self._cancel_timer()
        await self._tasks.cancel()

    def go_to(self, sku: str) -> bool:
        """Continue with ``sku`` (a viewer asked about it); False if it has no scripts."""
        if sku not in self.order:
            return False
        if self.product != sku:
            self._product, self._segment, self._next = self.order.index(sku), 0, None
            self._notify()
        return True

    def rewind(self, line: Line) -> None:
        """``line`` (one of the autopilot's) was cut: its segment comes again next."""
        if line.sku not in self.order:
            return
        segments = [script.segment for script in self.scripts[line.sku]]
        if line.segment in segments:
            self._product = self.order.index(line.sku)
            self._segment, self._next = segments.index(line.segment), None
            self._notify()

    def position(self) -> dict[str, Any]:
        """Where the loop is, as the show's journal keeps it."""
        sku = self.product
        segment = self.scripts[sku][self._segment].segment if sku is not None else None
        return {"state": self.state.value, "sku": sku, "segment": segment}

    def restore(self, position: dict[str, Any]) -> None:
        """Back where the journal says it was; if it was on, paused until the operator
        resumes it (nothing airs by itself after a restart)."""
        sku, segment = position.get("sku"), position.get("segment")
        if sku in self.order:
            segments = [script.segment for script in self.scripts[sku]]
            self._product = self.order.index(sku)
            self._segment = segments.index(segment) if segment in segments else 0
            self._next = None
        if position.get("state") in (AutoState.RUNNING.value, AutoState.PAUSED.value):
            restarted = Text("host", "the console restarted: resume when ready")
            self.state, self.reason = AutoState.PAUSED, restarted
        self._notify()

    def forget_next(self) -> None:
        """The catalogue changed: the line made ahead is made again, with the new facts."""
        self._next = None

    def saw_operator(self) -> None:
        """A sign of the person in charge: the presence clock starts again, and a host
        silenced for their absence may talk again (the autopilot resumes only when asked)."""
        self._last_sign = asyncio.get_running_loop().time()
        if self.warning or self.absent:
            self.warning, self.absent = "", False
            self._notify()
        if self.running:
            self._arm(self.presence.every_s - self.presence.warn_s, self._warn)

    def failed(self, line: Line) -> None:
        self._failures += 1
        if self._failures >= MAX_FAILURES:
            self.pause(f"{MAX_FAILURES} lines in a row could not air; last: {line.title}")

    # -- lines ----------------------------------------------------------------------------

    def peek(self) -> Line | None:
        """The line the autopilot will give next, without moving on."""
        if not self.running or not self.order:
            return None
        if self._next is None:
            self._next = self._make()
        return self._next

    def next_line(self) -> Line | None:
        line = self.peek()
        if line is None:
            return None
        self._next = None
        self._advance()
        self._last_text = line.text
        return line

    def aired(self) -> None:
        """One of its lines went on air: failures in a row start again from none."""
        self._failures = 0

    def _make(self) -> Line:
        sku = self.order[self._product]
        script = self.scripts[sku][self._segment]
        count = len(script.versions)
        last = self._last_version.get(script.segment)
        choices = [i for i in range(count) if i != last] or [0]
        if self._last_text is not None and len(choices) > 1:
            fresh = [i for i in choices if script.versions[i] != self._last_text]
            choices = fresh or choices
        version = self._draw.choice(choices) if count else 0
        self._last_version[script.segment] = version
        text = self._render(script.versions[version], sku) if count else None
        return Line(
            title=script.segment if count < 2 else f"{script.segment} ({version + 1}/{count})",
            text=text,
            clip=script.clip,
            priority=Priority.COPY,
            segment=script.segment,
            sku=sku,
            prosody=script.prosody,
            origin="autopilot",
        )

    def _advance(self) -> None:
        segments = self.scripts[self.order[self._product]]
        self._segment += 1
        if self._segment >= len(segments):
            self._segment = 0
            self._product = (self._product + 1) % len(self.order)
        self._notify()

    # -- presence -------------------------------------------------------------------------

    def _arm(self, delay: float, then: Callable[[], None]) -> None:
        self._cancel_timer()
        self._timer = asyncio.get_running_loop().call_later(max(0.0, delay), then)

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _warn(self) -> None:
        if not self.running:
            return
        self.warning = (
            f"operator check: press confirm within {self.presence.warn_s:.0f} s or the "
            "autopilot pauses"
        )
        self.air_log.note(self.room_id, "operator check due")
        self._notify()
        self._arm(self.presence.warn_s, self._absent)

    def _absent(self) -> None:
        self.warning = ""
        self.absent = True
        self.pause("no sign of the operator: paused on the safe scene")
        if self._to_safe_scene is not None:
            self._tasks.spawn(self._to_safe_scene(), f"autopilot-safe-scene-{self.room_id}")

    def _notify(self) -> None:
        self._observers.notify(self)
