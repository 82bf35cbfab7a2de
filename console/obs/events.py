"""Waiting for what OBS says happened, not what a request answered.

Some requests answer before the effect: ``ToggleStream`` answers ``outputActive: true`` and
OBS then reports STARTING and, when there is no server to stream to, STOPPED a moment
later. ``expect`` listens for an event *before* the request is sent (so an event that comes
right after the answer is not missed) and waits for the one that settles the question.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Protocol

from console.observers import Unsubscribe

EventListener = Callable[[str, dict[str, Any]], None]


class EventSource(Protocol):
    def add_event_listener(self, listener: EventListener) -> Unsubscribe: ...


class Expected:
    """The events of one name seen since ``expect`` began, in order."""

    def __init__(self) -> None:
        self._seen: list[dict[str, Any]] = []
        self._changed = asyncio.Event()

    def add(self, data: dict[str, Any]) -> None:
        self._seen.append(data)
        self._changed.set()

    async def until(
        self, settles: Callable[[dict[str, Any]], bool], within: float
    ) -> dict[str, Any] | None:
        """The first event that ``settles``; None when none came within ``within`` s."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        checked = 0
        while True:
            for data in self._seen[checked:]:
                if settles(data):
                    return data
            checked = len(self._seen)
            left = deadline - loop.time()
            if left <= 0:
                return None
            self._changed.clear()
            try:
                await asyncio.wait_for(self._changed.wait(), left)
            except TimeoutError:
                return None


@contextmanager
def expect(source: EventSource, name: str) -> Iterator[Expected]:
    """Collect the events called ``name`` while the block runs."""
    expected = Expected()

    def on_event(event: str, data: dict[str, Any]) -> None:
        if event == name:
            expected.add(data)

    stop = source.add_event_listener(on_event)
    try:
        yield expected
    finally:
        stop()
