"""Fire-and-track: surfaces (buttons, hotkeys, the command bar) run commands as tasks.

Every task is kept until it ends, so none is garbage-collected mid-flight, and every
failure reaches the operator through the registry's action records; an unexpected
exception also goes to the log with its traceback.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from console.commands import CommandError, CommandRegistry

log = logging.getLogger(__name__)


class Dispatcher:
    """Runs command lines on the loop without making the caller wait."""

    def __init__(self, registry: CommandRegistry) -> None:
        self.registry = registry
        self._tasks: set[asyncio.Task[Any]] = set()

    def fire(self, line: str, source: str) -> asyncio.Task[Any]:
        task = asyncio.get_running_loop().create_task(self._run(line, source))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def _run(self, line: str, source: str) -> Any:
        try:
            return await self.registry.run(line, source)
        except CommandError:
            return None  # already recorded and shown as a failed action
        except Exception:
            log.exception("command %r from %s failed unexpectedly", line, source)
            return None

    async def drain(self) -> None:
        """Wait for every running command (used at shutdown and by tests)."""
        while self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
