"""Blocked messages stay visible: a bounded list with the rule and span that blocked each,
and ``release`` for the ones the operator judges a false alarm.

Nothing the pipeline blocks disappears: the window lists these (the verdict of each
holds the rule, the matched span in the original text and a detail) and the release
command gives a message back to the feed (as ``released`` has it: passed). Each release
counts a false alarm for the rule that blocked it, for the show's statistics. Pure
Python, like the review queue.
"""

from __future__ import annotations

from collections import Counter, OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from console.barrage.message import Message
from console.barrage.verdict import Action, Judged, Verdict
from console.observers import Observers, Unsubscribe


def released(judged: Judged) -> Judged:
    """A released message as it stands from then on: passed, on the operator's word."""
    verdict = judged.verdict
    detail = f"released by the operator (was {verdict.describe()})"
    return judged._replace(verdict=Verdict(Action.PASS, "released", None, detail))


class ReleaseError(KeyError):
    """The message is not (or no longer) in the blocked list."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "not in the blocked list"


class Fate(StrEnum):
    BLOCKED = "blocked"
    RELEASED = "released"  # the operator let it through: a false alarm
    EXPIRED = "expired"  # pushed out of a full list, oldest first


@dataclass(frozen=True)
class BlockedChange:
    """A notice to listeners: what happened to which blocked message."""

    fate: Fate
    blocked: Judged


class BlockedList:
    """Blocked messages, oldest first, at most ``capacity`` (the oldest expire when full)."""

    def __init__(self, capacity: int = 1000, remember: int = 2000) -> None:
        self.capacity = capacity
        self._blocked: OrderedDict[str, Judged] = OrderedDict()
        self._released: OrderedDict[str, Judged] = OrderedDict()
        self._remember = remember
        self._false_alarms: Counter[str] = Counter()
        self._observers: Observers[BlockedChange] = Observers()
        self.expired = 0

    def subscribe(self, listener: Callable[[BlockedChange], None]) -> Unsubscribe:
        return self._observers.subscribe(listener)

    def __len__(self) -> int:
        return len(self._blocked)

    def __contains__(self, message_id: object) -> bool:
        return message_id in self._blocked

    def blocked(self) -> list[Judged]:
        """Oldest first."""
        return list(self._blocked.values())

    def get(self, message_id: str) -> Judged | None:
        return self._blocked.get(message_id)

    def add(self, judged: Judged) -> bool:
        """Keep a blocked message; other verdicts are ignored. True if it was kept."""
        if judged.verdict.action is not Action.BLOCK:
            return False
        self._blocked[judged.message.id] = judged
        self._observers.notify(BlockedChange(Fate.BLOCKED, judged))
        while len(self._blocked) > self.capacity:
            _, oldest = self._blocked.popitem(last=False)
            self.expired += 1
            self._observers.notify(BlockedChange(Fate.EXPIRED, oldest))
        return True

    def release(self, message_id: str) -> Message:
        """Let a blocked message through and count a false alarm for its rule."""
        judged = self._blocked.pop(message_id, None)
        if judged is None:
            raise ReleaseError(f"message {message_id} is not in the blocked list")
        self._false_alarms[judged.verdict.rule] += 1
        self._released[message_id] = judged
        while len(self._released) > self._remember:
            self._released.popitem(last=False)
        self._observers.notify(BlockedChange(Fate.RELEASED, judged))
        return judged.message

    def was_released(self, message_id: str) -> bool:
        """Whether the operator released this message (recent releases only)."""
        return message_id in self._released

    def false_alarms(self) -> dict[str, int]:
        """Releases so far, by the rule that had blocked the message."""
        return dict(self._false_alarms)
