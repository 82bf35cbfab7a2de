"""Fire-and-track: surfaces (buttons, hotkeys, the command palette) run commands as tasks.

Every task is kept until it ends, so none is garbage-collected mid-flight, and every
failure reaches the operator through the registry's action records; an unexpected
exception also goes to the log with its traceback.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Mapping
from typing import Any

from console.commands import CommandError, CommandRegistry, Context, Invocation, Result
from console.tasks import TaskSet

log = logging.getLogger(__name__)


class Dispatcher:
    """Runs commands on the loop without making the caller wait."""

    def __init__(self, registry: CommandRegistry) -> None:
        self.registry = registry
        self._tasks = TaskSet()

    def fire(
        self, name: str, arguments: Mapping[str, Any], context: Context
    ) -> asyncio.Task[Result | None]:
        """A command by name with its arguments (buttons and other widgets)."""
        return self._start(self.registry.call(name, arguments, context), name)

    def fire_line(self, line: str, context: Context) -> asyncio.Task[Result | None]:
        """A typed command line (the command palette)."""
        return self._start(self.registry.run(line, context), line)

    def fire_invocation(
        self, invocation: Invocation, context: Context
    ) -> asyncio.Task[Result | None]:
        """An invocation checked when the profile loaded (hotkeys)."""
        return self._start(self.registry.invoke(invocation, context), invocation.line)

    def _start(self, run: Awaitable[Result], what: str) -> asyncio.Task[Result | None]:
        return self._tasks.spawn(_quietly(run, what), f"command {what}")

    async def drain(self) -> None:
        """Wait for every running command (used at shutdown and by tests)."""
        await self._tasks.drain()


async def _quietly(run: Awaitable[Result], what: str) -> Result | None:
    try:
        return await run
    except CommandError:
        return None  # already recorded and shown as a failed action
    except Exception:
        log.exception("command %r failed unexpectedly", what)
        return None
