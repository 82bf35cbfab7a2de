"""Setting one top-level section of a profile's YAML (or renaming a key in it), keeping
everything else as written.

ruamel.yaml reads the file as a round-trip tree (comments, key order, quoting, flow or
block style and blank lines attached to it) and writes it back; the indentation it
writes with is the file's own, found by trying the common ones until the untouched file
comes back byte for byte. Where no setting gives the file back exactly (ruamel spells a
few things its own way), only the edited section is taken from ruamel's text and the rest
of the file is kept as it was, byte for byte.

The new value is merged into the old one rather than swapped for it: a mapping keeps its
keys' order and comments, a value that means the same (``69.00`` and 69, a date and its
ISO text) keeps its spelling, and list items are matched to the old items they came from,
so moving a product moves its comments too.

ruamel attaches the blank lines and comments that follow a value to the last scalar
before them, even when they introduce the next section (``# The prohibited terms...``
hangs off the last product's last FAQ answer). Those "separators" belong to the place
in the list, not to the item: they are taken off every item before a list is rebuilt
and put back by position.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedBase, CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, ScalarString
from ruamel.yaml.tokens import CommentToken

INDENTS = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 4, 0), (2, 4, 0), (4, 6, 4))
"""(mapping, sequence, offset) indentations tried, the demo's first."""
_WIDTH = 4096  # never fold a long line the operator wrote on one line
_IDENTITY = ("sku", "id")
"""Keys that say which old list item a new one is (a product by its sku)."""


def set_section(text: str, key: str, value: Any) -> str:
    """``text`` with the top-level ``key`` set to ``value`` (plain data), appended if
    absent; ``text`` must hold a YAML mapping."""
    writer, document, exact = _writer_for(text)
    assert isinstance(document, CommentedMap), "a profile is a mapping"
    if key in document:
        document[key] = _merge(document[key], value, _shared(document))
    else:
        _append(document, key, value)
    out = io.StringIO()
    writer.dump(document, out)
    return out.getvalue() if exact else _splice(text, out.getvalue(), key)


def rename_key(text: str, section: str, old: str, new: str) -> str:
    """``text`` with the key ``old`` of the top-level mapping ``section`` renamed ``new``,
    at the same place, with its value and the comments after it as written."""
    writer, document, exact = _writer_for(text)
    mapping = document[section]
    assert isinstance(mapping, CommentedMap), f"{section} is a mapping"
    assert new not in mapping, f"{section} has {new} already"
    position = list(mapping).index(old)
    comments = mapping.ca.items.pop(old, None)
    value = mapping.pop(old)
    mapping.insert(position, new, value)
    if comments is not None:
        mapping.ca.items[new] = comments
    out = io.StringIO()
    writer.dump(document, out)
    return out.getvalue() if exact else _splice(text, out.getvalue(), section)


def _splice(text: str, written: str, key: str) -> str:
    """``text`` with the section ``key`` as ruamel ``written`` it, the rest untouched."""
    start, end = _span(text, key)
    new_start, new_end = _span(written, key)
    section = written[new_start:new_end]
    if start == end:  # the section is new: after everything, on a line of its own
        return text.rstrip("\n") + "\n\n" + section.lstrip("\n")
    return text[:start] + section + text[end:]


def _span(text: str, key: str) -> tuple[int, int]:
    """Where the top-level ``key`` starts and where the next top-level key starts
    (comments before that key included, as ruamel attaches them); empty if absent."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    assert isinstance(root, yaml.MappingNode)
    keys = [node for node, _ in root.value]
    for index, node in enumerate(keys):
        if isinstance(node, yaml.ScalarNode) and node.value == key:
            after = keys[index + 1].start_mark.index if index + 1 < len(keys) else len(text)
            return node.start_mark.index, after
    return len(text), len(text)


def _yaml(mapping: int, sequence: int, offset: int) -> YAML:
    writer = YAML()
    writer.preserve_quotes = True
    writer.brace_single_entry_mapping_in_flow_sequence = True  # [{id: main}] stays so
    writer.width = _WIDTH
    writer.indent(mapping=mapping, sequence=sequence, offset=offset)
    return writer


def _writer_for(text: str) -> tuple[YAML, Any, bool]:
    """The writer whose output of the untouched file is the file, the file as it read it,
    and True; else the writer that comes closest, and False."""
    best: tuple[int, YAML, Any] | None = None
    lines = text.splitlines()
    for indents in INDENTS:
        writer = _yaml(*indents)
        document = writer.load(text)
        out = io.StringIO()
        writer.dump(document, out)  # writing leaves the tree as it was
        if out.getvalue() == text:
            return writer, document, True
        differing = sum(a != b for a, b in zip(lines, out.getvalue().splitlines(), strict=False))
        if best is None or differing < best[0]:
            best = (differing, writer, document)
    assert best is not None
    return best[1], best[2], False


# -- merging ----------------------------------------------------------------------------


def _merge(old: Any, new: Any, shared: set[int]) -> Any:
    """The value to write for ``new`` where ``old`` was, reusing what ``old`` keeps."""
    if id(old) in shared:
        return _fresh(new)  # an anchored node: editing it in place would change its aliases
    if isinstance(old, CommentedMap) and isinstance(new, dict):
        return _merge_map(old, new, shared)
    if isinstance(old, CommentedSeq) and isinstance(new, list):
        return _merge_seq(old, new, shared)
    if not isinstance(old, CommentedBase) and _same(old, new):
        return old
    if isinstance(old, ScalarString) and isinstance(new, str):
        return type(old)(new)  # keep the quoting the operator chose
    return _fresh(new)


def _merge_map(old: CommentedMap, new: dict[str, Any], shared: set[int]) -> CommentedMap:
    tail = _take_tail(old)
    for gone in [key for key in old if key not in new]:
        del old[gone]
    previous: str | None = None
    for key, value in new.items():
        if key in old:
            merged = _merge(old[key], value, shared)
            if merged is not old[key]:
                old[key] = merged
        else:
            keys = list(old)
            position = keys.index(previous) + 1 if previous in keys else len(keys)
            old.insert(position, key, _fresh(value))
        previous = key
    _put_tail(old, tail)
    return old


def _merge_seq(old: CommentedSeq, new: list[Any], shared: set[int]) -> CommentedSeq:
    separators = [_take_tail(item) for item in old]
    sources = _match(list(old), new)
    pairs = zip(sources, new, strict=True)
    items = [_fresh(n) if o is None else _merge(o, n, shared) for o, n in pairs]
    del old[:]
    old.extend(items)
    if separators and items:
        between = separators[:-1] or [""]
        for index, item in enumerate(items[:-1]):
            _put_tail(item, between[min(index, len(between) - 1)])
        _put_tail(items[-1], separators[-1])
    return old


def _match(old: list[Any], new: list[Any]) -> list[Any]:
    """For each new item, the old item it comes from (None for a new one): the same
    value, else the same identity key (sku, id), else the unused old item at its place."""
    used: set[int] = set()
    found: list[Any] = [None] * len(new)

    def claim(index: int, candidates: Iterator[int]) -> None:
        for candidate in candidates:
            if candidate not in used:
                used.add(candidate)
                found[index] = old[candidate]
                return

    plain_old = [_plain(item) for item in old]
    for index, item in enumerate(new):
        claim(index, (i for i, before in enumerate(plain_old) if _equal(before, item)))
    for index, item in enumerate(new):
        keys = [key for key in _IDENTITY if isinstance(item, dict) and key in item]
        if found[index] is None and keys:
            wanted = _identity(item, keys)
            claim(index, (i for i, o in enumerate(old) if _identity(o, keys) == wanted))
    for index, item in enumerate(new):
        if found[index] is None and index < len(old) and type(old[index]) is type(_fresh(item)):
            claim(index, iter([index]))
    return found


def _identity(item: Any, keys: list[str]) -> tuple[Any, ...] | None:
    if not isinstance(item, dict):
        return None
    return tuple(str(item.get(key)) for key in keys)


def _equal(before: Any, after: Any) -> bool:
    if isinstance(before, dict) and isinstance(after, dict):
        return before.keys() == after.keys() and all(_equal(before[k], after[k]) for k in before)
    if isinstance(before, list) and isinstance(after, list):
        return len(before) == len(after) and all(map(_equal, before, after))
    return _same(before, after)


def _same(old: Any, new: Any) -> bool:
    """Whether a scalar already written means ``new`` as the profile reads it."""
    if isinstance(old, bool) or isinstance(new, bool):
        return type(old) is type(new) and old == new
    old_time, new_time = _time(old), _time(new)
    if old_time is not None and new_time is not None:
        return old_time == new_time
    if isinstance(old, int | float | str) and isinstance(new, int | float | str):
        if str(old) == str(new):
            return True
        try:
            return Decimal(str(old)) == Decimal(str(new))
        except InvalidOperation:
            return False
    return bool(old == new)


def _time(value: Any) -> datetime | None:
    """A date and time as the profile reads it (no offset: local time); None if not one."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    if not isinstance(value, datetime):
        return None
    return value if value.tzinfo is not None else value.astimezone()


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {key: _plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_plain(item) for item in node]
    return node


def _fresh(value: Any) -> Any:
    """New plain data as round-trip nodes; text PyYAML would read as another type (``yes``,
    ``1.0``, a date) is quoted."""
    if isinstance(value, dict):
        return CommentedMap((key, _fresh(item)) for key, item in value.items())
    if isinstance(value, list):
        return CommentedSeq(_fresh(item) for item in value)
    if isinstance(value, str) and not _plain_text(value):
        return DoubleQuotedScalarString(value)
    return value


_RESOLVER = yaml.resolver.Resolver()


def _plain_text(value: str) -> bool:
    """Whether PyYAML (which loads the profile) reads ``value`` unquoted as this text."""
    resolve = _RESOLVER.resolve  # untyped in PyYAML's stubs
    tag: str = resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    return tag == "tag:yaml.org,2002:str"


def _shared(document: Any) -> set[int]:
    """The ids of collections reached more than once (anchored and aliased)."""
    seen: set[int] = set()
    shared: set[int] = set()
    stack = [document]
    while stack:
        node = stack.pop()
        if not isinstance(node, dict | list):
            continue
        if id(node) in seen:
            shared.add(id(node))
            continue
        seen.add(id(node))
        stack.extend(node.values() if isinstance(node, dict) else node)
    return shared


def _append(document: CommentedMap, key: str, value: Any) -> None:
    """A new last section, after a blank line; the file's trailing comments stay last."""
    tail = _take_tail(document)
    if document:
        last = list(document)[-1]
        _put_entry_tail(document, last, "\n")
    document[key] = _fresh(value)
    _put_tail(document, tail)


# -- the comments that follow a value ---------------------------------------------------


def _slot(container: Any, key: Any) -> tuple[CommentedBase, Any]:
    """Where the comment after ``container[key]`` is kept: at its deepest last scalar,
    unless the value is a flow collection (written on its own line or lines)."""
    value = container[key]
    if isinstance(value, CommentedMap | CommentedSeq) and value and not value.fa.flow_style():
        last = list(value)[-1] if isinstance(value, CommentedMap) else len(value) - 1
        return _slot(value, last)
    return container, key


def _last_slot(node: Any) -> tuple[CommentedBase, Any] | None:
    if isinstance(node, CommentedMap | CommentedSeq) and node and not node.fa.flow_style():
        return _slot(node, list(node)[-1] if isinstance(node, CommentedMap) else len(node) - 1)
    return None


def _token(container: CommentedBase, key: Any) -> CommentToken | None:
    entry = container.ca.items.get(key)
    index = 2 if isinstance(container, CommentedMap) else 0
    token = entry[index] if entry and len(entry) > index else None
    return token if isinstance(token, CommentToken) else None


def _take_tail(node: Any) -> str:
    """Remove and return the lines after ``node``'s last line (blank lines, comments);
    an end-of-line comment stays where it is."""
    slot = _last_slot(node)
    if slot is None:
        return ""
    token = _token(*slot)
    if token is None:
        return ""
    own, newline, rest = token.value.partition("\n")
    token.value = own + newline if own else "\n"
    return rest


def _put_tail(node: Any, lines: str) -> None:
    slot = _last_slot(node)
    if slot is not None and lines:
        _attach(*slot, lines)


def _put_entry_tail(container: CommentedMap, key: Any, lines: str) -> None:
    _attach(*_slot(container, key), lines)


def _attach(container: CommentedBase, key: Any, lines: str) -> None:
    token = _token(container, key)
    if token is not None:
        own = token.value.partition("\n")[0]
        token.value = f"{own}\n{lines}"
        return
    size, index = (4, 2) if isinstance(container, CommentedMap) else (2, 0)
    entry = container.ca.items.setdefault(key, [None] * size)
    entry[index] = CommentToken("\n" + lines, CommentMark(0), None)
