"""From a profile file to a YAML node tree, and the located problems found on the way.

The tree is composed, not constructed: nodes keep their line and column, so every later
check can report a :class:`Problem` at the exact key or value to fix, and duplicate keys
are still visible. Checks report problems instead of stopping, so one run lists
everything that needs fixing.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

import yaml

from console.profile.guard import GuardedLoader, check_events


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a profile, at the key or value that needs changing."""

    path: Path
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message}"


class ProfileError(Exception):
    """A profile that cannot be used, with every problem found in it."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


def at(node: yaml.Node) -> str:
    """A node's position as ``LINE:COL`` (1-based), for messages that refer to another spot."""
    return f"{node.start_mark.line + 1}:{node.start_mark.column + 1}"


def problem_at(path: Path, node: yaml.Node, message: str) -> Problem:
    """A problem pointing at the start of a YAML node."""
    return Problem(path, node.start_mark.line + 1, node.start_mark.column + 1, message)


_WIDE_UNICODE = {
    codecs.BOM_UTF32_LE: "UTF-32",
    codecs.BOM_UTF32_BE: "UTF-32",
    codecs.BOM_UTF16_LE: "UTF-16",
    codecs.BOM_UTF16_BE: "UTF-16",
}
"""Byte order marks of encodings an editor may save in (longest first: UTF-32 LE starts
like UTF-16 LE)."""


def read_text(path: Path) -> str:
    """The file's text; ProfileError if it cannot be read or is not UTF-8 (a UTF-8 byte
    order mark is allowed)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        message = f"cannot read the profile: {exc.strerror or exc}"
        raise ProfileError([Problem(path, 1, 1, message)]) from None
    wide = _wide_encoding(data)
    if wide is not None:
        message = f"the profile is saved as {wide}; save it as UTF-8"
        raise ProfileError([Problem(path, 1, 1, message)])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        before = data[line_start : exc.start].decode("utf-8-sig")
        line = data.count(b"\n", 0, exc.start) + 1
        message = (
            f"the profile is not UTF-8 text (byte 0x{data[exc.start]:02x} here); save it as UTF-8"
        )
        raise ProfileError([Problem(path, line, len(before) + 1, message)]) from None


def _wide_encoding(data: bytes) -> str | None:
    """ "UTF-16" or "UTF-32" for text saved so (with a byte order mark, or ASCII in UTF-16
    without one: every other byte zero), else None."""
    for bom, name in _WIDE_UNICODE.items():
        if data.startswith(bom):
            return name
    head = data[:8]
    if len(head) == 8 and (head[1::2] == bytes(4) or head[0::2] == bytes(4)) and any(head):
        return "UTF-16"
    return None


def compose(path: Path, text: str) -> yaml.MappingNode:
    """The profile's top-level mapping node; ProfileError for malformed or empty YAML, and
    for YAML that composing would choke on (see :mod:`console.profile.guard`)."""
    try:
        found = check_events(text)
        if found:
            raise ProfileError([Problem(path, line, col, message) for line, col, message in found])
        root = yaml.compose(text, Loader=GuardedLoader)
    except yaml.MarkedYAMLError as exc:
        raise ProfileError([_syntax_problem(path, exc)]) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        message = f"character #x{exc.character:04x} is not allowed in YAML ({exc.reason})"
        raise ProfileError([Problem(path, line, col, message)]) from None
    if root is None or (isinstance(root, yaml.ScalarNode) and root.tag.endswith(":null")):
        message = "the profile is empty; it needs at least a 'rooms:' list"
        raise ProfileError([Problem(path, 1, 1, message)])
    if not isinstance(root, yaml.MappingNode):
        kind = "a list" if isinstance(root, yaml.SequenceNode) else "a single value"
        mark = root.start_mark
        message = f"the profile must be a mapping of keys such as 'rooms:', got {kind}"
        raise ProfileError([Problem(path, mark.line + 1, mark.column + 1, message)])
    return root


_HINTS = {
    "'\\t'": "indent with spaces, not tabs",
    "expected <block end>": "check the indentation of this line",
}
"""Plain advice added to YAML's messages for the mistakes operators make most."""


def _syntax_problem(path: Path, exc: yaml.MarkedYAMLError) -> Problem:
    """YAML's own words, at the spot it gave up, with where the broken construct began."""
    mark = exc.problem_mark or exc.context_mark
    message = exc.problem or exc.context or "malformed YAML"
    if exc.context and exc.problem:
        where = exc.context_mark
        started = f" at {where.line + 1}:{where.column + 1}" if where else ""
        message += f" ({exc.context}{started})"
    for clue, hint in _HINTS.items():
        if clue in message:
            message += f"; {hint}"
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Problem(path, line, col, message)
