"""The command registry: every operator action is a named command.

Buttons, hotkeys, rundown cues and the control API all call commands by name through
one registry, so each action is reachable from every surface and every call lands in the
action log with who triggered it, its result and its timing.

A command line reads like a shell line: ``scene.program "Product A" room=main``.
Positional words fill the arguments in declared order; ``name=value`` words set an
argument by name.
"""

from __future__ import annotations

import shlex
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from console.observers import Observers, Unsubscribe

Handler = Callable[..., Awaitable[Any]]


class CommandError(Exception):
    """A failure an operator can read and act on (shown in the log and the status bar)."""


@dataclass(frozen=True)
class Arg:
    """One typed argument of a command."""

    name: str
    type: type
    help: str
    required: bool = True
    default: Any = None

    def convert(self, command: str, raw: str) -> Any:
        """Turn the text of a command line into this argument's type."""
        if self.type is str:
            return raw
        if self.type is bool:
            lowered = raw.lower()
            if lowered in ("1", "true", "yes", "on"):
                return True
            if lowered in ("0", "false", "no", "off"):
                return False
            raise CommandError(f"{command}: {self.name} must be true or false, not {raw!r}")
        try:
            return self.type(raw)
        except ValueError:
            raise CommandError(
                f"{command}: {self.name} must be a {self.type.__name__}, not {raw!r}"
            ) from None


@dataclass(frozen=True)
class CommandSpec:
    """What a command is called, what it takes and what it does, without its code."""

    name: str
    help: str
    args: tuple[Arg, ...] = ()

    def usage(self) -> str:
        parts = [self.name]
        for arg in self.args:
            parts.append(f"<{arg.name}>" if arg.required else f"[{arg.name}=]")
        return " ".join(parts)


@dataclass(frozen=True)
class Invocation:
    """A parsed command line: the command and its converted arguments."""

    spec: CommandSpec
    kwargs: dict[str, Any]
    line: str


@dataclass(frozen=True)
class ActionRecord:
    """One executed command, as the action log keeps it."""

    started: float
    line: str
    source: str
    ok: bool
    result: str
    duration_ms: float


def _split(line: str) -> list[str]:
    try:
        return shlex.split(line)
    except ValueError as exc:
        raise CommandError(f"cannot read command line {line!r}: {exc}") from None


@dataclass
class CommandRegistry:
    """Command specs by name, the handlers bound to them, and the listeners of each run."""

    _specs: dict[str, CommandSpec] = field(default_factory=dict)
    _handlers: dict[str, Handler] = field(default_factory=dict)
    _listeners: Observers[ActionRecord] = field(default_factory=Observers)

    def declare(self, specs: Iterable[CommandSpec]) -> None:
        for spec in specs:
            if spec.name in self._specs:
                raise ValueError(f"command {spec.name} declared twice")
            self._specs[spec.name] = spec

    def bind(self, name: str, handler: Handler) -> None:
        if name not in self._specs:
            raise ValueError(f"cannot bind undeclared command {name}")
        self._handlers[name] = handler

    def specs(self) -> list[CommandSpec]:
        return sorted(self._specs.values(), key=lambda s: s.name)

    def spec(self, name: str) -> CommandSpec:
        try:
            return self._specs[name]
        except KeyError:
            raise CommandError(f"unknown command {name!r}{self._suggest(name)}") from None

    def _suggest(self, name: str) -> str:
        from difflib import get_close_matches

        close = get_close_matches(name, self._specs, n=1)
        return f" (did you mean {close[0]!r}?)" if close else ""

    def add_listener(self, listener: Callable[[ActionRecord], None]) -> Unsubscribe:
        return self._listeners.subscribe(listener)

    def parse(self, line: str) -> Invocation:
        """Check a command line against its spec; raise CommandError saying what is wrong."""
        words = _split(line)
        if not words:
            raise CommandError("empty command line")
        spec = self.spec(words[0])
        by_name = {arg.name: arg for arg in spec.args}
        kwargs: dict[str, Any] = {}
        positional = [arg for arg in spec.args]
        for word in words[1:]:
            key, sep, value = word.partition("=")
            if sep and key in by_name:
                arg = by_name[key]
            else:
                remaining = [a for a in positional if a.name not in kwargs]
                if not remaining:
                    raise CommandError(f"{spec.name}: too many arguments (usage: {spec.usage()})")
                arg, value = remaining[0], word
            if arg.name in kwargs:
                raise CommandError(f"{spec.name}: {arg.name} given twice")
            kwargs[arg.name] = arg.convert(spec.name, value)
        for arg in spec.args:
            if arg.name not in kwargs:
                if arg.required:
                    raise CommandError(f"{spec.name}: missing {arg.name} (usage: {spec.usage()})")
                kwargs[arg.name] = arg.default
        return Invocation(spec, kwargs, line)

    async def run(self, line: str, source: str) -> Any:
        """Parse and execute a command line, recording the outcome for every listener."""
        started = time.time()
        t0 = time.perf_counter()
        try:
            invocation = self.parse(line)
            handler = self._handlers.get(invocation.spec.name)
            if handler is None:
                raise CommandError(f"{invocation.spec.name} is not available in this console")
            result = await handler(**invocation.kwargs)
        except CommandError as exc:
            self._record(started, line, source, False, str(exc), t0)
            raise
        except Exception as exc:
            # A bug, not an operator error: still logged, then left to the excepthook.
            self._record(started, line, source, False, f"internal error: {exc!r}", t0)
            raise
        self._record(started, line, source, True, "" if result is None else str(result), t0)
        return result

    def _record(
        self, started: float, line: str, source: str, ok: bool, result: str, t0: float
    ) -> None:
        record = ActionRecord(started, line, source, ok, result, (time.perf_counter() - t0) * 1e3)
        self._listeners.notify(record)
