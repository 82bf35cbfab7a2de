"""What the rate rules remember: recent comments per user and recent texts across users.

Kept apart from the compiled rules so a reload does not forget who was flooding. Each
window is two fixed buckets (the current one and the one before) and the count over the
last ``window`` seconds is estimated by weighting the previous bucket by how much of it the
window still covers: O(1) per message, and memory is freed a whole bucket at a time, so a
20-million-viewer room never grows it without end.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class _Buckets(Generic[K, V]):
    """Two dictionaries: this bucket's values and the previous bucket's."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.start = float("-inf")
        self.current: dict[K, V] = {}
        self.previous: dict[K, V] = {}

    def advance(self, time: float) -> float:
        """Move to the bucket holding ``time``; return how far into it ``time`` is (0-1)."""
        seconds = self.seconds
        if time >= self.start + seconds:
            aligned = time - time % seconds
            self.previous = self.current if aligned - self.start < 2 * seconds else {}
            self.current = {}
            self.start = aligned
        return max(0.0, (time - self.start) / seconds)

    def __len__(self) -> int:
        return len(self.current) + len(self.previous)


class SlidingCount(_Buckets[str, int]):
    """How many events each key had in about the last ``seconds``.

    The pipeline inlines ``add`` on its hot path (reading ``current``, ``previous`` and
    ``start`` directly); keep the two in step."""

    def add(self, key: str, time: float) -> float:
        """Count one event of ``key`` at ``time``; return the estimate over the window."""
        into = self.advance(time)
        current = self.current
        count = current.get(key, 0) + 1
        current[key] = count
        return self.estimate(key, count, into)

    def estimate(self, key: str, count: int, into: float) -> float:
        """This bucket's ``count`` plus the share of the previous bucket still in the window."""
        earlier = self.previous.get(key)
        return count if earlier is None else count + earlier * (1.0 - into)


class DistinctSenders:
    """How many different users sent each text in about the last ``seconds``."""

    def __init__(self, seconds: float) -> None:
        self._buckets: _Buckets[str, set[str]] = _Buckets(seconds)

    @property
    def seconds(self) -> float:
        return self._buckets.seconds

    def add(self, key: str, user: str, time: float) -> float:
        buckets = self._buckets
        into = buckets.advance(time)
        users = buckets.current.get(key)
        if users is None:
            users = buckets.current[key] = set()
        users.add(user)
        earlier = buckets.previous.get(key)
        return len(users) if earlier is None else len(users) + len(earlier) * (1.0 - into)

    def __len__(self) -> int:
        return len(self._buckets)


class LastPass:
    """When each user last had a comment passed, remembered for ``seconds``."""

    def __init__(self, seconds: float) -> None:
        self._buckets: _Buckets[str, float] = _Buckets(seconds)

    @property
    def seconds(self) -> float:
        return self._buckets.seconds

    def waited(self, user: str, time: float) -> float | None:
        """Seconds since ``user``'s last passed comment, None if longer than the window."""
        buckets = self._buckets
        buckets.advance(time)
        last = buckets.current.get(user)
        if last is None:
            last = buckets.previous.get(user)
        return None if last is None else time - last

    def passed(self, user: str, time: float) -> None:
        self._buckets.current[user] = time

    def __len__(self) -> int:
        return len(self._buckets)


class RateState:
    """The rate memories, rebuilt only when a reload changes a window's length."""

    def __init__(self) -> None:
        self.flood = SlidingCount(10.0)
        self.repeat = DistinctSenders(30.0)
        self.slow = LastPass(1.0)

    def fit(self, flood: float, repeat: float, slow: float) -> None:
        """Use these window lengths (seconds); a changed length starts that memory afresh."""
        if flood > 0 and flood != self.flood.seconds:
            self.flood = SlidingCount(flood)
        if repeat > 0 and repeat != self.repeat.seconds:
            self.repeat = DistinctSenders(repeat)
        if slow > 0 and slow != self.slow.seconds:
            self.slow = LastPass(slow)

    @property
    def tracked(self) -> int:
        """Entries remembered across all windows (bounded by two buckets' worth each)."""
        return len(self.flood) + len(self.repeat) + len(self.slow)
