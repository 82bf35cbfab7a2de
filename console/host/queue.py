"""One room's queue of lines: what plays next, what a new line does to the one on air.

Pure bookkeeping, no OBS and no engine: :class:`HostQueue` decides; the room's host
(:mod:`console.host.host`) carries the decision out. Every rule of :mod:`console.host.lines`
is here, so a table of situations tests all of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from console.host.lines import Line, Placement
from console.observers import Observers, Unsubscribe


@dataclass(frozen=True)
class Decision:
    """What adding a line means for the line on air: cut it (it goes back to the queue)."""

    cut: Line | None = None


class HostQueue:
    """The lines waiting, in order, and the one on air."""

    def __init__(self) -> None:
        self.on_air: Line | None = None
        self._waiting: list[Line] = []
        self._observers: Observers[str] = Observers()

    def subscribe(self, listener: Callable[[str], None]) -> Unsubscribe:
        """``listener("queue")`` after each change of the waiting lines or the one on air."""
        return self._observers.subscribe(listener)

    def __iter__(self) -> Iterator[Line]:
        return iter(self._waiting)

    def __len__(self) -> int:
        return len(self._waiting)

    @property
    def waiting(self) -> tuple[Line, ...]:
        return tuple(self._waiting)

    def add(self, line: Line, placement: Placement = Placement.QUEUE) -> Decision:
        """Put ``line`` where it belongs; say whether the line on air must be cut for it."""
        current = self.on_air
        cut: Line | None = None
        if placement is Placement.NOW and current is not None:
            cut = current
        elif (
            placement is Placement.QUEUE
            and not line.is_copy
            and current is not None
            and current.is_copy
        ):
            cut = current  # an answer, or the operator's own words, preempts copy
        if cut is not None:
            self.on_air = None
            self._insert(cut, at_front_of_band=True)
            if placement is Placement.NOW:
                self._waiting.insert(0, line)
            else:
                self._insert(line, at_front_of_band=False)
        elif placement is Placement.QUEUE:
            self._insert(line, at_front_of_band=False)
        else:
            self._waiting.insert(0, line)
        self._notify()
        return Decision(cut)

    def _insert(self, line: Line, at_front_of_band: bool) -> None:
        """By priority: before the first lower line (``at_front_of_band``: before the first
        line of the same priority or lower, as a cut line resumes before its kind)."""
        for index, waiting in enumerate(self._waiting):
            if waiting.priority < line.priority or (
                at_front_of_band and waiting.priority == line.priority
            ):
                self._waiting.insert(index, line)
                return
        self._waiting.append(line)

    def take(self) -> Line | None:
        """The next line goes on air (None: nothing waits)."""
        if not self._waiting:
            return None
        self.on_air = self._waiting.pop(0)
        self._notify()
        return self.on_air

    def start(self, line: Line) -> None:
        """A line from outside the queue (the autopilot's) goes on air."""
        self.on_air = line
        self._notify()

    def finished(self, line: Line) -> None:
        """``line`` ended (naturally, skipped or failed): nothing is on air."""
        if self.on_air is line:
            self.on_air = None
            self._notify()

    def clear(self) -> list[Line]:
        """Drop every waiting line and the one on air (panic); returns what was dropped."""
        dropped = ([self.on_air] if self.on_air is not None else []) + self._waiting
        self.on_air = None
        self._waiting = []
        self._notify()
        return dropped

    def move(self, line_id: int, position: int) -> Line:
        """The operator reorders: the line goes to ``position`` (0 = next). KeyError if it
        is not waiting."""
        line = self.remove(line_id, notify=False)
        position = max(0, min(len(self._waiting), position))
        self._waiting.insert(position, line)
        self._notify()
        return line

    def remove(self, line_id: int, notify: bool = True) -> Line:
        for index, line in enumerate(self._waiting):
            if line.id == line_id:
                del self._waiting[index]
                if notify:
                    self._notify()
                return line
        raise KeyError(line_id)

    def _notify(self) -> None:
        self._observers.notify("queue")
