"""Where the show is in its run: the current item, what comes next, planned and actual time.

Pure bookkeeping: moving through the rundown is the show service's job (it pushes the
product slide of a product item); this keeps the order, the position and the clock.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from console.observers import Observers, Unsubscribe
from console.profile.model import RundownItem


@dataclass
class Entry:
    """One rundown item as run: when it started and how long it was on."""

    item: RundownItem
    actual_s: float = 0.0
    started: float | None = None  # monotonic time while it is the current item


@dataclass
class Rundown:
    """An ordered run of items with a current position (-1 before the show starts)."""

    entries: list[Entry]
    current: int = -1
    clock: Callable[[], float] = time.monotonic
    _observers: Observers[str] = field(default_factory=Observers, repr=False)

    @classmethod
    def of(
        cls, items: Sequence[RundownItem], clock: Callable[[], float] = time.monotonic
    ) -> Rundown:
        return cls([Entry(item) for item in items], clock=clock)

    def subscribe(self, listener: Callable[[str], None]) -> Unsubscribe:
        """``listener(what)`` after "moved" or "reordered"."""
        return self._observers.subscribe(listener)

    @property
    def item(self) -> RundownItem | None:
        return self.entries[self.current].item if 0 <= self.current < len(self.entries) else None

    @property
    def next_index(self) -> int | None:
        return self.current + 1 if self.current + 1 < len(self.entries) else None

    def elapsed(self, index: int) -> float:
        """Seconds the item at ``index`` has been on air, including now if current."""
        entry = self.entries[index]
        running = self.clock() - entry.started if entry.started is not None else 0.0
        return entry.actual_s + running

    def go(self, index: int) -> RundownItem:
        """Make ``index`` the current item; the previous one stops its clock."""
        if not 0 <= index < len(self.entries):
            raise IndexError(index)
        now = self.clock()
        if 0 <= self.current < len(self.entries):
            entry = self.entries[self.current]
            if entry.started is not None:
                entry.actual_s += now - entry.started
                entry.started = None
        self.current = index
        self.entries[index].started = now
        self._observers.notify("moved")
        return self.entries[index].item

    def find(self, wanted: str) -> int:
        """An item by its 1-based position or its title (case-insensitive)."""
        if wanted.isdigit():
            return int(wanted) - 1
        for index, entry in enumerate(self.entries):
            if entry.item.title.casefold() == wanted.casefold():
                return index
        raise KeyError(wanted)

    def move(self, source: int, target: int) -> None:
        """Reorder: the item at ``source`` goes to ``target``; the current item stays current."""
        current = self.entries[self.current] if self.item is not None else None
        entry = self.entries.pop(source)
        self.entries.insert(target, entry)
        if current is not None:
            self.current = self.entries.index(current)
        self._observers.notify("reordered")

    def items(self) -> tuple[RundownItem, ...]:
        return tuple(entry.item for entry in self.entries)
