"""The command registry: every operator action is a named command.

Buttons, hotkeys, rundown cues, the command palette and the control API all call commands by
name through one registry, so each action is reachable from every surface and every call
lands in the action log with who triggered it, its result and its timing.

- A command runs in a :class:`Context` the surface passes in: the trigger (button, hotkey,
  cue, palette, api...), the room the operator is working in and their selection (the
  comment selected in the feed). Handlers read nothing else: there is no global "selected
  room" for a hotkey, a cue and an API call to fight over.
- A room command (``CommandSpec(room=True)``) takes ``room=ROOM`` or ``room=all``. Without
  it, it acts on the context's room (or the show's only room). ``all`` runs the handler in
  every room at once and reports each room's outcome separately: one room failing or
  hanging does not fail or delay the others.
- Results and errors are structured: a handler returns text or a :class:`Result` (message
  and data), or raises :class:`CommandError` with a stable :class:`ErrorCode`. The action
  log, the window and the API all read them.

A command line reads like a shell line: ``scene.program "Product A" room=main``.
Positional words fill the arguments in declared order; ``name=value`` words set an
argument by name. Surfaces that know the arguments call :meth:`CommandRegistry.call` with
them instead of building a line.
"""

from __future__ import annotations

import asyncio
import enum
import logging
import shlex
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from difflib import get_close_matches
from typing import Any

from console.observers import Observers, Unsubscribe
from console.text import Text

log = logging.getLogger(__name__)

ALL_ROOMS = "all"
"""``room=all``: every room of the show."""


class ErrorCode(enum.StrEnum):
    """Why a command failed, stable for the log, the API and translations."""

    UNKNOWN_COMMAND = "unknown_command"
    BAD_ARGUMENT = "bad_argument"
    UNKNOWN_ROOM = "unknown_room"
    NOT_CONNECTED = "not_connected"
    OBS_REFUSED = "obs_refused"
    COMPLIANCE = "compliance"
    NOT_FOUND = "not_found"
    """The thing named (a product, a message, a rundown item) does not exist (any more)."""
    REFUSED = "refused"
    """The command cannot run in the current state (studio mode off, message not held...)."""
    UNAVAILABLE = "unavailable"
    """This console cannot do it at all (no handler, slides without fonts...)."""
    FAILED = "failed"
    """It was tried and did not work (a file not saved, a timeout)."""
    INTERNAL = "internal"
    """A bug: the log has the traceback."""

    @property
    def headline(self) -> Text:
        """What the code means, in a few words the window shows with the error."""
        return HEADLINES[self]


HEADLINES = {
    ErrorCode.UNKNOWN_COMMAND: Text("errors", "unknown command"),
    ErrorCode.BAD_ARGUMENT: Text("errors", "wrong arguments"),
    ErrorCode.UNKNOWN_ROOM: Text("errors", "unknown room"),
    ErrorCode.NOT_CONNECTED: Text("errors", "OBS not connected"),
    ErrorCode.OBS_REFUSED: Text("errors", "OBS refused"),
    ErrorCode.COMPLIANCE: Text("errors", "prohibited terms"),
    ErrorCode.NOT_FOUND: Text("errors", "not found"),
    ErrorCode.REFUSED: Text("errors", "not now"),
    ErrorCode.UNAVAILABLE: Text("errors", "not available"),
    ErrorCode.FAILED: Text("errors", "failed"),
    ErrorCode.INTERNAL: Text("errors", "internal error"),
}


class CommandError(Exception):
    """A failure an operator can read and act on, with a stable code and data."""

    error_code: ErrorCode = ErrorCode.REFUSED

    def __init__(
        self, message: str, code: ErrorCode | None = None, data: Mapping[str, Any] | None = None
    ) -> None:
        super().__init__(message)
        self.text = message
        """The message as given: a ``Text`` the window can translate, or plain words."""
        if code is not None:
            self.error_code = code
        self.data: dict[str, Any] = dict(data or {})

    @property
    def message(self) -> str:
        return str(self)


@dataclass(frozen=True)
class Context:
    """Where a command comes from: set by the surface, read by handlers."""

    trigger: str
    """``button``, ``hotkey F3``, ``cue``, ``palette``, ``api``..."""
    room: str | None = None
    """The room the operator is working in (for a room command: the room it runs in)."""
    selection: str | None = None
    """The id of the comment selected in the window, for commands on "the selected one"."""


@dataclass(frozen=True)
class Result:
    """What a command did: a line for the operator and data for programs."""

    message: str
    data: dict[str, Any] = field(default_factory=dict)
    outcomes: tuple[RoomOutcome, ...] = ()
    """Each room's outcome, when the command ran in several rooms."""

    @property
    def ok(self) -> bool:
        return all(outcome.ok for outcome in self.outcomes)

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class RoomOutcome:
    """One room's part of a ``room=all`` run."""

    room: str
    ok: bool
    message: str
    code: str = ""
    data: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        if self.ok:
            return {"ok": True, "message": self.message, "data": self.data}
        error = {"code": self.code, "message": self.message, **self.data}
        return {"ok": False, "error": error}


_TYPE_NAMES: dict[type, str] = {
    str: Text("commands", "text"),
    int: Text("commands", "an integer"),
    bool: Text("commands", "true or false"),
    float: Text("commands", "a number"),
}


class ArgKind(enum.StrEnum):
    """What an argument's value names in the show, so a surface (the palette) can offer
    the show's own names for it."""

    TEXT = "text"
    """Anything: nothing to offer."""
    SCENE = "scene"
    """A scene of the room's OBS."""
    TRANSITION = "transition"
    """A scene transition of the room's OBS."""
    SKU = "sku"
    """A product of the catalogue."""
    ITEM = "item"
    """A rundown item, by its number or title."""
    ROOM = "room"
    """A room of the show."""
    SEGMENT = "segment"
    """A host segment of the profile."""


@dataclass(frozen=True)
class Arg:
    """One typed argument of a command."""

    name: str
    type: type
    help: str
    required: bool = True
    default: Any = None
    kind: ArgKind = ArgKind.TEXT
    choices: tuple[str, ...] = ()
    """Fixed words it takes (besides the show's names of its kind)."""
    free_text: bool = False
    """Other text is a value too: the names and choices are suggestions (a segment id, or
    the text to say)."""

    @property
    def type_name(self) -> str:
        return _TYPE_NAMES.get(self.type, self.type.__name__)

    def convert(self, command: str, raw: object) -> Any:
        """Turn a command line word, or a JSON value, into this argument's type."""
        if isinstance(raw, self.type) and not (self.type is int and isinstance(raw, bool)):
            return raw
        if not isinstance(raw, str):
            raise _bad(self._must(command, raw))
        if self.type is bool:
            lowered = raw.lower()
            if lowered in ("1", "true", "yes", "on"):
                return True
            if lowered in ("0", "false", "no", "off"):
                return False
            raise _bad(
                Text("commands", "{command}: {name} must be true or false, not {raw!r}").format(
                    command=command, name=self.name, raw=raw
                )
            )
        try:
            return self.type(raw)
        except ValueError:
            raise _bad(self._must(command, raw)) from None

    def _must(self, command: str, raw: object) -> Text:
        return Text("commands", "{command}: {name} must be {type}, not {raw!r}").format(
            command=command, name=self.name, type=self.type_name, raw=raw
        )


ROOM_ARG = Arg(
    "room",
    str,
    "room id, or all for every room (default: the room you work in)",
    False,
    kind=ArgKind.ROOM,
    choices=(ALL_ROOMS,),
)


@dataclass(frozen=True)
class CommandSpec:
    """What a command is called, what it takes and what it does, without its code."""

    name: str
    help: str
    args: tuple[Arg, ...] = ()
    room: bool = False
    """A room command: takes ``room=`` (an id or ``all``) and runs in that room."""

    @property
    def all_args(self) -> tuple[Arg, ...]:
        return (*self.args, ROOM_ARG) if self.room else self.args

    def usage(self) -> str:
        parts = [self.name]
        for arg in self.all_args:
            parts.append(f"<{arg.name}>" if arg.required else f"[{arg.name}=]")
        return " ".join(parts)

    def describe(self) -> dict[str, Any]:
        """The spec as JSON for programs (the control API's command list)."""
        return {
            "name": self.name,
            "help": self.help,
            "room": self.room,
            "args": [
                {"name": a.name, "type": a.type_name, "required": a.required, "help": a.help}
                for a in self.all_args
            ],
        }


@dataclass(frozen=True)
class Invocation:
    """A checked call: the command and its converted arguments (``room`` included for a
    room command, None when not given)."""

    spec: CommandSpec
    kwargs: dict[str, Any]
    line: str


@dataclass(frozen=True)
class ActionRecord:
    """One executed command, as the action log keeps it."""

    started: float
    line: str
    source: str
    """The context's trigger."""
    ok: bool
    result: str
    duration_ms: float
    code: str = ""
    """The error code of a failure ("" when ok; ``partial`` when some rooms failed)."""
    room: str | None = None
    rooms: tuple[RoomOutcome, ...] = ()
    """Each room's outcome of a ``room=all`` run."""


def _bad(message: str) -> CommandError:
    return CommandError(message, ErrorCode.BAD_ARGUMENT)


def _split(line: str) -> list[str]:
    try:
        return shlex.split(line)
    except ValueError as exc:
        raise _bad(
            Text("commands", "cannot read command line {line!r}: {error}").format(
                line=line, error=str(exc)
            )
        ) from None


def assign(spec: CommandSpec, words: Sequence[str]) -> dict[str, str]:
    """Which argument each word after the command's name gives: ``name=value`` words by
    name, the others in declared order (the ones not named yet). Raises CommandError for a
    word too many or an argument given twice."""
    args = spec.all_args
    by_name = {arg.name: arg for arg in args}
    given: dict[str, str] = {}
    for word in words:
        key, sep, value = word.partition("=")
        if sep and key in by_name:
            arg = by_name[key]
        else:
            remaining = [a for a in args if a.name not in given]
            if not remaining:
                raise _bad(
                    Text("commands", "{command}: too many arguments (usage: {usage})").format(
                        command=spec.name, usage=spec.usage()
                    )
                )
            arg, value = remaining[0], word
        if arg.name in given:
            raise _bad(
                Text("commands", "{command}: {name} given twice").format(
                    command=spec.name, name=arg.name
                )
            )
        given[arg.name] = value
    return given


def command_line(name: str, kwargs: Mapping[str, Any]) -> str:
    """The command line that names these arguments (for the log and the history)."""
    words = [name]
    for key, value in kwargs.items():
        if value is None:
            continue
        text = ("true" if value else "false") if isinstance(value, bool) else str(value)
        words.append(f"{key}={shlex.quote(text)}")
    return " ".join(words)


Handler = Callable[..., Awaitable[Any]]
"""``handler(context, **arguments)``; a room command's context names its room."""


@dataclass
class CommandRegistry:
    """Command specs by name, the handlers bound to them, the show's rooms, and the
    listeners of each run."""

    rooms: Sequence[str] = ()
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

    def bound(self, name: str) -> bool:
        return name in self._handlers

    def specs(self) -> list[CommandSpec]:
        return sorted(self._specs.values(), key=lambda s: s.name)

    def spec(self, name: str) -> CommandSpec:
        try:
            return self._specs[name]
        except KeyError:
            close = get_close_matches(name, self._specs, n=1)
            hint = (
                Text("commands", " (did you mean {close!r}?)").format(close=close[0])
                if close
                else ""
            )
            raise CommandError(
                Text("commands", "unknown command {name!r}{hint}").format(name=name, hint=hint),
                ErrorCode.UNKNOWN_COMMAND,
            ) from None

    def add_listener(self, listener: Callable[[ActionRecord], None]) -> Unsubscribe:
        return self._listeners.subscribe(listener)

    # -- checking -------------------------------------------------------------------------

    def parse(self, line: str) -> Invocation:
        """Check a command line against its spec; raise CommandError saying what is wrong."""
        words = _split(line)
        if not words:
            raise _bad(Text("commands", "empty command line"))
        spec = self.spec(words[0])
        return self._checked(spec, assign(spec, words[1:]), line)

    def check(self, name: str, arguments: Mapping[str, Any]) -> Invocation:
        """Check named arguments (as a widget or the API gives them) against the spec."""
        spec = self.spec(name)
        known = {arg.name for arg in spec.all_args}
        unknown = sorted(set(arguments) - known)
        if unknown:
            raise _bad(
                Text("commands", "{command}: unknown argument {name!r} (usage: {usage})").format(
                    command=name, name=unknown[0], usage=spec.usage()
                )
            )
        given = {key: value for key, value in arguments.items() if value is not None}
        return self._checked(spec, given, None)

    def _checked(self, spec: CommandSpec, given: dict[str, Any], line: str | None) -> Invocation:
        kwargs: dict[str, Any] = {}
        for arg in spec.all_args:
            if arg.name in given:
                kwargs[arg.name] = arg.convert(spec.name, given[arg.name])
            elif arg.required:
                raise _bad(
                    Text("commands", "{command}: missing {name} (usage: {usage})").format(
                        command=spec.name, name=arg.name, usage=spec.usage()
                    )
                )
            else:
                kwargs[arg.name] = arg.default
        room = kwargs.get("room") if spec.room else None
        if room is not None and self.rooms and room != ALL_ROOMS and room not in self.rooms:
            raise unknown_room(room, self.rooms)
        return Invocation(
            spec, kwargs, line if line is not None else command_line(spec.name, kwargs)
        )

    # -- running --------------------------------------------------------------------------

    async def run(self, line: str, context: Context | str) -> Result:
        """Parse and execute a command line, recording the outcome for every listener."""
        context = Context(context) if isinstance(context, str) else context
        started, t0 = time.time(), time.perf_counter()
        try:
            invocation = self.parse(line)
        except CommandError as exc:
            self._record(started, t0, line, context, exc)
            raise
        return await self._execute(invocation, context, started, t0)

    async def call(self, name: str, arguments: Mapping[str, Any], context: Context | str) -> Result:
        """Execute a command by name with named arguments, recorded like any other run."""
        context = Context(context) if isinstance(context, str) else context
        started, t0 = time.time(), time.perf_counter()
        try:
            invocation = self.check(name, arguments)
        except CommandError as exc:
            self._record(started, t0, command_line(name, arguments), context, exc)
            raise
        return await self._execute(invocation, context, started, t0)

    async def invoke(self, invocation: Invocation, context: Context | str) -> Result:
        """Execute an invocation checked earlier (a hotkey keeps the one from the profile)."""
        context = Context(context) if isinstance(context, str) else context
        return await self._execute(invocation, context, time.time(), time.perf_counter())

    async def _execute(
        self, invocation: Invocation, context: Context, started: float, t0: float
    ) -> Result:
        spec, line = invocation.spec, invocation.line
        try:
            handler = self._handlers.get(spec.name)
            if handler is None:
                raise CommandError(
                    Text("commands", "{name} is not available in this console").format(
                        name=spec.name
                    ),
                    ErrorCode.UNAVAILABLE,
                )
            kwargs = dict(invocation.kwargs)
            if spec.room:
                rooms = target_rooms(kwargs.pop("room", None), context, self.rooms)
                # Recorded in the room it runs in, whether it succeeds or fails there.
                context = replace(context, room=rooms[0] if len(rooms) == 1 else None)
                result = await across(rooms, context, lambda c: handler(c, **kwargs))
            else:
                result = _as_result(await handler(context, **kwargs))
        except CommandError as exc:
            self._record(started, t0, line, context, exc)
            raise
        except Exception as exc:
            # A bug, not an operator error: still logged, then left to the excepthook.
            internal = CommandError(f"internal error: {exc!r}", ErrorCode.INTERNAL)
            self._record(started, t0, line, context, internal)
            raise
        self._record(started, t0, line, context, result)
        return result

    def _record(
        self,
        started: float,
        t0: float,
        line: str,
        context: Context,
        outcome: Result | CommandError,
    ) -> None:
        elapsed = (time.perf_counter() - t0) * 1e3
        rooms: tuple[RoomOutcome, ...] = ()
        if isinstance(outcome, CommandError):
            ok, text, code = False, outcome.text, str(outcome.error_code)
        else:
            rooms = outcome.outcomes
            ok = outcome.ok
            text, code = outcome.message, "" if ok else "partial"
        record = ActionRecord(
            started, line, context.trigger, ok, text, elapsed, code, context.room, rooms
        )
        self._listeners.notify(record)


def unknown_room(room: str, rooms: Sequence[str]) -> CommandError:
    known = ", ".join(rooms)
    return CommandError(
        Text("commands", "no room {room!r} in this show (rooms: {known}; or all)").format(
            room=room, known=known
        ),
        ErrorCode.UNKNOWN_ROOM,
    )


def target_rooms(room: str | None, context: Context, rooms: Sequence[str]) -> list[str]:
    """The rooms a command runs in: the one named, every room for ``all``, else the room
    the operator works in (the context's), else the show's only room."""
    if room == ALL_ROOMS:
        return list(rooms)
    if room is None:
        room = context.room
    if room is None:
        if len(rooms) == 1:
            return [rooms[0]]
        if not rooms:
            raise CommandError(Text("commands", "this show has no rooms"), ErrorCode.UNKNOWN_ROOM)
        raise CommandError(
            Text("commands", "which room? say room= one of {rooms} or all").format(
                rooms=", ".join(rooms)
            ),
            ErrorCode.UNKNOWN_ROOM,
        )
    if room not in rooms:
        raise unknown_room(room, rooms)
    return [room]


RoomRun = Callable[[Context], Awaitable[Any]]


async def across(rooms: Sequence[str], context: Context, run: RoomRun) -> Result:
    """Run ``run`` in each room at once, with the context naming the room. One room: its
    result, or its error raised. Several: every room's outcome, none failing or delaying
    the others."""
    if len(rooms) == 1:
        return _as_result(await run(replace(context, room=rooms[0])))
    outcomes = await asyncio.gather(*(_outcome(run, replace(context, room=r)) for r in rooms))
    return _fan_in(outcomes)


def _as_result(value: object) -> Result:
    if isinstance(value, Result):
        return value
    return Result("" if value is None else str(value))


async def _outcome(run: RoomRun, context: Context) -> RoomOutcome:
    room = context.room or ""
    try:
        result = _as_result(await run(context))
    except CommandError as exc:
        return RoomOutcome(room, False, exc.text, str(exc.error_code), exc.data)
    except Exception as exc:
        log.exception("command in room %s failed unexpectedly", room)
        return RoomOutcome(room, False, f"internal error: {exc!r}", str(ErrorCode.INTERNAL))
    return RoomOutcome(room, True, result.message, data=result.data)


def _fan_in(outcomes: Sequence[RoomOutcome]) -> Result:
    """One result for a run in several rooms: each room's line, and each room's outcome."""
    parts = []
    for outcome in outcomes:
        mark = "" if outcome.ok else "✗ "
        parts.append(f"{outcome.room}: {mark}{outcome.message}")
    data = {"rooms": {o.room: o.as_json() for o in outcomes}}
    return Result("; ".join(parts), data, tuple(outcomes))
