"""Plain observer lists, so services can notify the window without knowing about Qt."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")
Unsubscribe = Callable[[], None]


class Observers(Generic[T]):
    """Listeners of one kind of notice; ``subscribe`` returns how to stop listening."""

    def __init__(self) -> None:
        self._listeners: list[Callable[[T], None]] = []

    def subscribe(self, listener: Callable[[T], None]) -> Unsubscribe:
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def notify(self, value: T) -> None:
        for listener in list(self._listeners):  # a listener may unsubscribe while notified
            listener(value)
