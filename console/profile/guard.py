"""What a profile's YAML may hold, checked on its event stream before anything composes it.

PyYAML composes and constructs recursively and expands an alias every time it is used, so
a few hundred bytes can exhaust the stack (10,000 nested brackets), never end (an alias
inside the collection its anchor names) or grow to billions of values (an alias bomb, as
in "billion laughs"). The events are read once, without recursion, and such a profile is
refused at the construct's line and column before any recursive code sees it:

- nesting deeper than :data:`MAX_DEPTH` lists and mappings;
- an alias used inside the collection its anchor names (a recursive alias);
- aliases that, expanded, would add more than :data:`MAX_ALIAS_VALUES` values;
- a tag other than YAML's plain types (text, integer, number, true/false, null, date,
  list, mapping): an unknown tag, or a ``!!python/...`` tag that asks for a Python object;
- a scalar tagged explicitly (``!!int abc``, ``!!bool maybe``, ``!!timestamp 2024-02-30``)
  that is not what its tag says.

Anchors and aliases themselves stay allowed (two rooms sharing one ``obs:`` block): only
their expansion is counted. An untagged scalar is checked where a kind of value reads it.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from console.profile.nodes import UnreadableValue, construct, preview
from console.profile.secret import NOT_SHOWN, secret_key

MAX_DEPTH = 64
"""Lists and mappings inside each other; a real profile needs fewer than ten."""
MAX_ALIAS_VALUES = 100_000
"""Values that aliases may add to the profile once expanded, all aliases together."""

TAG = "tag:yaml.org,2002:"
SCALAR_TAGS = frozenset(TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp"))
_COLLECTION_TAGS = {yaml.SequenceStartEvent: TAG + "seq", yaml.MappingStartEvent: TAG + "map"}


@dataclass
class _Open:
    """A list or mapping whose end has not been read yet."""

    where: str
    anchor: str | None
    mapping: bool
    size: int = 1
    """Values in it so far, aliases expanded, itself included."""
    index: int = 0
    """Items read (a list) or keys and values read (a mapping)."""
    key: str | None = None
    """In a mapping: the last key read, for naming the value that follows."""


DEEP = (
    f"lists and mappings nested more than {MAX_DEPTH} deep here; a profile needs only a few levels"
)


class GuardedLoader(yaml.SafeLoader):
    """PyYAML's safe loader, whose scanner stops at the first flow collection nested past
    :data:`MAX_DEPTH`. At every open ``[`` or ``{`` it looks up to 1,024 characters ahead
    for a possible key, so 10,000 brackets would cost seconds of scanning before the
    parser hands over the event the depth check stops at."""

    def fetch_flow_sequence_start(self) -> None:
        self._check_flow_depth()
        super().fetch_flow_sequence_start()

    def fetch_flow_mapping_start(self) -> None:
        self._check_flow_depth()
        super().fetch_flow_mapping_start()

    def _check_flow_depth(self) -> None:
        if self.flow_level >= MAX_DEPTH:
            mark = self.get_mark()
            raise yaml.scanner.ScannerError(None, None, DEEP, mark)


def short_tag(tag: str) -> str:
    """A tag as written: ``!!int``, ``!!python/object:os.system``, ``!custom``."""
    return "!!" + tag.removeprefix(TAG) if tag.startswith(TAG) else tag


Found = tuple[int, int, str]
"""A problem: the line and column (1-based) it starts at, and what it is."""


def check_events(text: str) -> list[Found]:
    """The problems of structure and tags in ``text``; empty if it may be composed.

    Malformed YAML raises ``yaml.YAMLError`` as composing it would.
    """
    problems: list[Found] = []
    stack: list[_Open] = []
    sizes: dict[str, int] = {}  # anchor -> values it stands for, expanded
    expanded = 0

    def report(event: yaml.Event, message: str) -> None:
        mark = event.start_mark
        assert mark is not None, "the parser marks every event"
        problems.append((mark.line + 1, mark.column + 1, message))

    for event in yaml.parse(text, Loader=GuardedLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            if len(stack) >= MAX_DEPTH:
                report(event, DEEP)
                return problems
            where = _where(stack)
            expected = _COLLECTION_TAGS[type(event)]
            if event.tag not in (None, "!", expected):
                report(event, _tag_problem(where, event.tag))
            mapping = isinstance(event, yaml.MappingStartEvent)
            stack.append(_Open(where, event.anchor, mapping))
        elif isinstance(event, yaml.CollectionEndEvent):
            done = stack.pop()
            if done.anchor is not None:
                sizes[done.anchor] = done.size
            _add(stack, done.size, None)
        elif isinstance(event, yaml.ScalarEvent):
            where = _where(stack)
            if event.tag not in (None, "!"):
                message = _scalar_problem(where, event)
                if message:
                    report(event, message)
            if event.anchor is not None:
                sizes[event.anchor] = 1
            _add(stack, 1, event.value)
        elif isinstance(event, yaml.AliasEvent):
            where = _where(stack) or "the profile"
            name = event.anchor
            if any(opened.anchor == name for opened in stack):
                inside = f"alias *{name} is inside the collection &{name} names"
                report(event, f"{where}: {inside}, so it never ends; write the values out")
                return problems
            size = sizes.get(name or "", 0)  # an unknown anchor: composing says so
            expanded += size
            if expanded > MAX_ALIAS_VALUES:
                grows = f"aliases here expand the profile by more than {MAX_ALIAS_VALUES:,} values"
                report(event, f"{where}: {grows}; write the values out or use fewer aliases")
                return problems
            _add(stack, size, None)
    return problems


def _where(stack: list[_Open]) -> str:
    """The key path of the value the next event starts (``rooms[0].obs.port``)."""
    if not stack:
        return ""
    parent = stack[-1]
    if parent.mapping:
        if parent.index % 2 == 0:  # a key
            return parent.where
        name = parent.key if parent.key is not None else "?"
        return f"{parent.where}.{name}" if parent.where else name
    return f"{parent.where}[{parent.index}]"


def _add(stack: list[_Open], size: int, scalar: str | None) -> None:
    """One value read into the innermost open collection."""
    if not stack:
        return
    parent = stack[-1]
    parent.size += size
    if parent.mapping and parent.index % 2 == 0:
        parent.key = scalar
    parent.index += 1


def _tag_problem(where: str, tag: str) -> str:
    prefix = f"{where}: " if where else ""
    if tag.startswith(TAG + "python/"):
        return f"{prefix}tag {short_tag(tag)} is not allowed: it asks for a Python object"
    return (
        f"{prefix}unknown tag {short_tag(tag)}: a profile holds text, numbers, true/false, "
        "dates, lists and mappings"
    )


def _scalar_problem(where: str, event: yaml.ScalarEvent) -> str | None:
    """Why an explicitly tagged scalar cannot be read; None if it can."""
    tag = event.tag
    assert tag is not None
    if tag not in SCALAR_TAGS:
        return _tag_problem(where, tag)
    node = yaml.ScalarNode(tag, event.value, style=event.style)
    try:
        construct(node)
    except UnreadableValue as exc:
        prefix = f"{where}: " if where else ""
        if secret_key(where):
            return f"{prefix}this value {exc} ({NOT_SHOWN})"
        return f"{prefix}{short_tag(tag)} {preview(event.value)} {exc}"
    return None
