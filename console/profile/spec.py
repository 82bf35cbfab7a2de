"""The vocabulary the profile format is declared in: kinds of value and shapes of data.

A :class:`Kind` says what YAML must hold for a scalar (values of some YAML types, or any
scalar read as the text written) and turns it into the value the model keeps: a path
resolved against the profile's folder, a canonical hotkey, a command line the registry
accepts. Its messages are complete sentences, because they reach the operator as they are.
:class:`Scalar`, :class:`Record`, :class:`ListOf`, :class:`MapOf` and :class:`Variant`
arrange values into the key tree. More kinds live in
:mod:`console.profile.values`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from console.commands import CommandError, CommandRegistry, Invocation
from console.profile.keys import HotkeyError, canonical_hotkey


class InvalidValueError(Exception):
    """A scalar value that has the right type but cannot be used; the message says why."""


class KeyedValueError(InvalidValueError):
    """An unusable value whose message reads after the key's path (``price: expected ...``)."""


@dataclass(frozen=True)
class Context:
    """What some checks need besides the value: the profile's folder and the commands."""

    base_dir: Path
    registry: CommandRegistry


@dataclass(frozen=True)
class Kind:
    """A type of scalar value, as the schema declares it and the validator checks it."""

    name: str
    """How the schema reference prints the type."""
    expected: str
    """How a type error names it: "expected an integer, got ..."."""
    tags: frozenset[str] | None
    """YAML types accepted (``int``, ``bool``...), handed to ``convert`` as constructed
    values; None: any scalar, handed over as the text written."""
    convert: Callable[[Any, Context], Any]
    """Turn the checked value into the model's value; InvalidValueError if it is unusable."""


def _as_is(value: Any, context: Context) -> Any:
    return value


def _path(text: str, context: Context) -> Path:
    try:
        return (context.base_dir / Path(text).expanduser()).resolve()
    except (OSError, RuntimeError) as exc:  # a name too long, a symlink loop, no home
        raise InvalidValueError(f"not a usable path: {_why(exc)}") from None


def _why(exc: BaseException) -> str:
    return exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)


def _existing_file(text: str, context: Context) -> Path:
    path = _path(text, context)
    try:
        found = path.is_file()
    except OSError as exc:  # Python 3.11 raises for a name too long instead of saying no
        raise InvalidValueError(f"not a usable file path: {_why(exc)}") from None
    if not found:
        where = "" if Path(text).is_absolute() else " (relative to the profile's folder)"
        raise InvalidValueError(f"file not found: {text}{where}")
    return path


def _hotkey(text: str, context: Context) -> str:
    try:
        return canonical_hotkey(text)
    except HotkeyError as exc:
        raise InvalidValueError(str(exc)) from None


def _command(text: str, context: Context) -> Invocation:
    try:
        return context.registry.parse(text)
    except CommandError as exc:
        raise InvalidValueError(str(exc)) from None


TEXT = Kind("string", "a string", None, _as_is)
INTEGER = Kind("integer", "an integer", frozenset({"int"}), _as_is)
DIRECTORY = Kind("folder path", "a folder path", None, _path)
FILE = Kind("file path (must exist)", "a file path", None, _existing_file)
HOTKEY = Kind("hotkey", "a hotkey such as Ctrl+1", None, _hotkey)
COMMAND = Kind("command line", "a command line", None, _command)


@dataclass(frozen=True)
class Scalar:
    """A single value. A key given with nothing after it counts as not given."""

    kind: Kind
    help: str
    default: object = None
    required: bool = False
    minimum: int | None = None
    maximum: int | None = None
    pattern: str | None = None
    """A regular expression the whole text must match."""
    means: str = ""
    """The pattern in words, for messages and the reference."""
    default_from: str | None = None
    """A sibling key whose value is the default."""


@dataclass(frozen=True)
class Record:
    """A mapping with a fixed set of keys; a misspelt key is an error, not ignored."""

    fields: dict[str, Node]
    help: str
    required: bool = False
    exclusive: tuple[tuple[str, str], ...] = ()
    """Pairs of keys that cannot both be given."""
    optional: bool = False
    """True: left out, the record is None (its required keys are required only if given).
    False: left out, it is the mapping of its defaults."""
    off: dict[str, object] | None = None
    """Set: the record is a rule that can also be written ``true`` (its defaults) or
    ``false`` (its defaults with these values, which turn it off)."""
    shorthand: str | None = None
    """Set: the record can also be written as a plain value, which is this key's value
    (the other keys take their defaults): ``F3: scene.program Host`` for
    ``F3: {command: scene.program Host}``."""


@dataclass(frozen=True)
class ListOf:
    """A list of items of one shape."""

    item: Node
    help: str
    required: bool = False
    min_items: int = 0
    unique: tuple[tuple[str, str], ...] = ()
    """(key, message) pairs: the items' values of each key must all differ; the message
    for a repeated value has ``{}`` for the value."""
    default: tuple[object, ...] | None = None
    """The items of a list left out (None: empty); only for lists of scalars."""


@dataclass(frozen=True)
class MapOf:
    """A mapping whose keys are data (each key checked as ``key``)."""

    key: Scalar
    value: Scalar | Record
    help: str
    duplicate: str
    """Message for two keys that are the same once converted; ``{}`` is the key."""
    required: bool = False


@dataclass(frozen=True)
class Variant:
    """A mapping whose ``tag`` key picks its set of keys, as ``kind: replay`` picks ``file``.

    Checked as a :class:`Record` of the tag, the ``common`` keys and the chosen variant's.
    A key of another variant is named as such; with no valid tag, no key is required.
    """

    tag: str
    tag_help: str
    common: dict[str, Node]
    variants: dict[str, dict[str, Node]]
    help: str
    noun: str
    """What the mapping is, for messages: "unknown source kind", "is for replay sources"."""
    required: bool = False


Node = Scalar | Record | ListOf | MapOf | Variant
