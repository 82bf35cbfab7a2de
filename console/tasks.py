"""Background tasks, kept and watched: the one way the console runs work it does not await.

asyncio keeps only a weak reference to a task, so a task nobody holds can vanish mid-flight,
and an exception in a task nobody awaits is lost until garbage collection. Every background
task of the console (link loops, resyncs, slide refreshes, background saves, pin timers,
comment sources) is started through :class:`TaskSet` or watched with :func:`watch`: it is
kept until it ends, and a failure is logged with its traceback and handed to every
listener registered with :func:`on_failure` (the window shows them), never dropped.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any, TypeVar

from console.observers import Observers, Unsubscribe

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True)
class Failure:
    """A background task that ended with an exception."""

    task: str
    error: BaseException

    def describe(self) -> str:
        return f"{self.task}: {self.error or type(self.error).__name__}"


_failures: Observers[Failure] = Observers()


def on_failure(listener: Callable[[Failure], None]) -> Unsubscribe:
    """Hear of every background task that fails, console-wide."""
    return _failures.subscribe(listener)


def watch(task: asyncio.Task[T], quiet: tuple[type[BaseException], ...] = ()) -> asyncio.Task[T]:
    """Log and report ``task``'s failure when it ends. ``quiet`` exceptions are expected
    endings (a link that went down): logged at info level and not reported."""
    task.add_done_callback(lambda done: _report(done, quiet))
    return task


def _report(task: asyncio.Task[Any], quiet: tuple[type[BaseException], ...]) -> None:
    if task.cancelled():
        return
    error = task.exception()
    if error is None:
        return
    if quiet and isinstance(error, quiet):
        log.info("task %s ended: %s", task.get_name(), error)
        return
    log.error("task %s failed", task.get_name(), exc_info=error)
    _failures.notify(Failure(task.get_name(), error))


class TaskSet:
    """The background tasks of one owner: started, kept, watched, drained or cancelled."""

    def __init__(self, quiet: tuple[type[BaseException], ...] = ()) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()
        self._quiet = quiet

    def spawn(self, coro: Coroutine[Any, Any, T], name: str) -> asyncio.Task[T]:
        task = asyncio.get_running_loop().create_task(coro, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return watch(task, self._quiet)

    def __len__(self) -> int:
        return len(self._tasks)

    async def drain(self) -> None:
        """Wait until every task (including those started meanwhile) has ended."""
        while self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    async def cancel(self) -> None:
        """Cancel every task and wait for them to end."""
        for task in list(self._tasks):
            task.cancel()
        await self.drain()


def hand_over(loop: asyncio.AbstractEventLoop, callback: Callable[..., None], *args: Any) -> None:
    """Run ``callback(*args)`` on ``loop``, called from a library's own thread (an OBS
    session's, the keyboard listener's); never raises into that thread."""
    with contextlib.suppress(RuntimeError):  # the loop is closed: the console is exiting
        loop.call_soon_threadsafe(callback, *args)
