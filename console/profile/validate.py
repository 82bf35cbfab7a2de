"""Check a composed YAML tree against the declared schema, reporting every problem.

The walk never stops at the first problem: a bad value is reported and skipped, and the
rest of the tree is still checked. Positions come from the YAML nodes, so each problem
points at the key or value to fix; a missing key points at the mapping that lacks it.
A message quotes a value only when its key holds no secret (see
:mod:`console.profile.secret`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from difflib import get_close_matches
from pathlib import Path
from typing import Any

import yaml

from console.profile.nodes import UnreadableValue, construct, preview
from console.profile.secret import LOOKS_LIKE_SECRET, NOT_SHOWN, env_key, secret_key
from console.profile.source import Problem, at, problem_at
from console.profile.spec import (
    Context,
    InvalidValueError,
    KeyedValueError,
    Kind,
    ListOf,
    MapOf,
    Node,
    Record,
    Scalar,
    Variant,
)
from console.profile.values import choice

_TAG = "tag:yaml.org,2002:"
_NOUNS = {"int": "integer", "float": "number", "bool": "boolean", "timestamp": "date"}

Pair = tuple[str, yaml.Node, yaml.Node]
"""A mapping entry: key text, key node, value node."""


@dataclass(frozen=True)
class Entry:
    """One checked key/value pair of a :class:`MapOf`, with the nodes they were read from."""

    key: Any
    value: Any
    key_node: yaml.Node
    value_node: yaml.Node


def _describe(node: yaml.Node, where: str = "") -> str:
    """What a node holds, for "got ..." in type errors (without the value under a key
    that holds a secret)."""
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    kind = node.tag.removeprefix(_TAG)
    if kind == "null":
        return "null"
    noun = "string" if kind == "str" else _NOUNS.get(kind, "value")
    if secret_key(where):
        return f"a {noun} ({NOT_SHOWN})"
    return f"string {preview(node.value)}" if kind == "str" else f"{noun} {node.value}"


def _is_null(node: yaml.Node) -> bool:
    """Whether a node is YAML null, as for a key with nothing after it."""
    return isinstance(node, yaml.ScalarNode) and node.tag == _TAG + "null"


def _is_bool(node: yaml.Node | None) -> bool:
    """Whether a node is YAML true or false."""
    return isinstance(node, yaml.ScalarNode) and node.tag == _TAG + "bool"


class Validator:
    """Walks one profile's nodes against the schema, collecting problems as it goes."""

    def __init__(self, path: Path, context: Context) -> None:
        self.path = path
        self.context = context
        self.problems: list[Problem] = []
        self.converted: list[tuple[Kind, yaml.Node, Any]] = []
        """Every scalar converted without a problem: its kind, node and value, for checks
        that look at all values of a kind (the command lines, say)."""

    def check(self, spec: Node, node: yaml.Node) -> Any:
        """The checked data of a whole tree (meaningful only if no problem was reported).

        Records give dicts with every declared key, lists give lists and :class:`MapOf`
        gives :class:`Entry` lists.
        """
        return self._value(spec, node, "", node)

    def report(self, node: yaml.Node, message: str) -> None:
        """Record a problem at a node (also for checks made outside the schema walk)."""
        self.problems.append(problem_at(self.path, node, message))

    def report_at(self, line: int, col: int, message: str) -> None:
        """Record a problem at a 1-based position (inside a scalar, say)."""
        self.problems.append(Problem(self.path, line, col, message))

    def _value(self, spec: Node, node: yaml.Node | None, where: str, anchor: yaml.Node) -> Any:
        """Check one value; ``node`` None means absent, ``anchor`` is where to point then."""
        if isinstance(spec, Record) and spec.shorthand and isinstance(node, yaml.ScalarNode):
            return self._shorthand(spec, node, where)
        if node is not None and _is_null(node):
            if isinstance(spec, Scalar) and spec.required:
                self.report(node, f"{where}: needs a value")
            anchor, node = node, None
        if isinstance(spec, Scalar):
            if node is not None:
                return self._scalar(spec, node, where)
            # Defaults are declared valid, so converting them cannot fail.
            return None if spec.default is None else spec.kind.convert(spec.default, self.context)
        if isinstance(spec, Record) and spec.off is not None and _is_bool(node):
            assert isinstance(node, yaml.ScalarNode)
            switched = self._fields(spec, [], where, node)
            on = yaml.constructor.SafeConstructor().construct_object(node)
            return switched if on else {**switched, **spec.off}
        if isinstance(spec, ListOf):
            if node is None or isinstance(node, yaml.SequenceNode):
                return self._list(spec, node, where, anchor)
            expected = "a list"
        elif node is None or isinstance(node, yaml.MappingNode):
            if isinstance(spec, Record):
                if node is None and spec.optional:
                    return None
                return self._fields(spec, self._pairs(node), where, anchor)
            if isinstance(spec, Variant):
                return self._variant(spec, node, where, anchor)
            return self._map(spec, node, where)
        else:
            expected = "a mapping"
        self.report(node, f"{where}: expected {expected}, got {_describe(node, where)}")
        return None

    def _scalar(self, spec: Scalar, node: yaml.Node, where: str) -> Any:
        tags = spec.kind.tags
        if not isinstance(node, yaml.ScalarNode) or (
            tags is not None and node.tag.removeprefix(_TAG) not in tags
        ):
            got = _describe(node, where)
            self.report(node, f"{where}: expected {spec.kind.expected}, got {got}")
            return None
        secret = secret_key(where)
        value: Any = node.value
        if tags is not None:
            try:
                value = construct(node)
            except UnreadableValue as exc:
                shown = f"this value {exc} ({NOT_SHOWN})" if secret else None
                self.report(node, f"{where}: {shown or preview(node.value) + ' ' + str(exc)}")
                return None
        if isinstance(value, int) and not isinstance(value, bool):
            too_low = spec.minimum is not None and value < spec.minimum
            if too_low or (spec.maximum is not None and value > spec.maximum):
                limits = (
                    f"at least {spec.minimum}"
                    if spec.maximum is None
                    else f"in {spec.minimum}..{spec.maximum}"
                )
                got = NOT_SHOWN if secret else f"got {value}"
                self.report(node, f"{where}: expected an integer {limits}, {got}")
                return None
        elif (
            isinstance(value, str)
            and spec.pattern is not None
            and not re.fullmatch(spec.pattern, value)
        ):
            if env_key(where):
                self.report(node, f"{where}: {LOOKS_LIKE_SECRET}")
            else:
                got = f"({NOT_SHOWN})" if secret else f"got {preview(value)}"
                self.report(node, f"{where}: expected {spec.means}, {got}")
            return None
        try:
            converted = spec.kind.convert(value, self.context)
        except InvalidValueError as exc:
            if secret:  # the kind's own words may quote the value
                self.report(node, f"{where}: expected {spec.kind.expected} ({NOT_SHOWN})")
            elif isinstance(exc, KeyedValueError):
                self.report(node, f"{where}: {exc}")
            else:
                self.report(node, str(exc))
            return None
        self.converted.append((spec.kind, node, converted))
        return converted

    def _shorthand(self, spec: Record, node: yaml.ScalarNode, where: str) -> dict[str, Any]:
        """A record written as its shorthand key's value alone; the other keys' defaults.

        The value is checked under the record's own path (``hotkeys.F3: needs a value``), as
        it reads in the file."""
        assert spec.shorthand is not None
        data = {
            key: self._value(child, None, f"{where}.{key}", node)
            for key, child in spec.fields.items()
            if key != spec.shorthand
        }
        data[spec.shorthand] = self._value(spec.fields[spec.shorthand], node, where, node)
        return {key: data[key] for key in spec.fields}

    def _pairs(self, node: yaml.MappingNode | None) -> list[Pair]:
        """The mapping's (key text, key node, value node), minus bad and repeated keys."""
        pairs: list[Pair] = []
        first: dict[str, yaml.Node] = {}
        for key_node, value_node in [] if node is None else node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.report(key_node, f"keys must be plain text, got {_describe(key_node)}")
            elif key_node.value in first:
                message = f"duplicate key {key_node.value!r} (first at {at(first[key_node.value])})"
                self.report(key_node, message)
            else:
                first[key_node.value] = key_node
                pairs.append((key_node.value, key_node, value_node))
        return pairs

    def _fields(
        self, spec: Record, pairs: list[Pair], where: str, anchor: yaml.Node
    ) -> dict[str, Any]:
        """Check a mapping's pairs as the record's keys; every declared key gets a value."""
        given: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key, key_node, value_node in pairs:
            if key in spec.fields:
                given[key] = (key_node, value_node)
                continue
            close = get_close_matches(key, spec.fields, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            self.report(key_node, f"unknown key {key!r}{hint}")
        data: dict[str, Any] = {}
        for key, field_spec in spec.fields.items():
            path = f"{where}.{key}" if where else key
            if key in given:
                data[key] = self._value(field_spec, given[key][1], path, given[key][0])
            elif field_spec.required:
                prefix = f"{where}: " if where else ""
                self.report(anchor, f"{prefix}missing required key {key!r}")
                data[key] = None
            else:
                data[key] = self._value(field_spec, None, path, anchor)
        for key, field_spec in spec.fields.items():
            if isinstance(field_spec, Scalar) and field_spec.default_from and data[key] is None:
                data[key] = data[field_spec.default_from]
        for first, second in spec.exclusive:
            if data[first] is not None and data[second] is not None:
                later = max(given[first][0], given[second][0], key=lambda n: n.start_mark.index)
                prefix = f"{where}: " if where else ""
                self.report(later, f"{prefix}give {first} or {second}, not both")
        return data

    def _list(
        self, spec: ListOf, node: yaml.SequenceNode | None, where: str, anchor: yaml.Node
    ) -> list[Any]:
        if node is None and spec.default is not None:
            assert isinstance(spec.item, Scalar), "only lists of scalars have defaults"
            return [spec.item.kind.convert(value, self.context) for value in spec.default]
        items: list[yaml.Node] = [] if node is None else node.value
        if len(items) < spec.min_items:
            entries = "entry" if spec.min_items == 1 else "entries"
            self.report(node or anchor, f"{where}: needs at least {spec.min_items} {entries}")
        data = [self._value(spec.item, item, f"{where}[{i}]", item) for i, item in enumerate(items)]
        for key, duplicate in spec.unique:
            first: dict[Any, yaml.Node] = {}
            for item_node, item in zip(items, data, strict=True):
                value = item.get(key) if isinstance(item, dict) else None
                if value is None:
                    continue
                value_node = _child(item_node, key)
                if value in first:
                    message = duplicate.format(value) + f" (first at {at(first[value])})"
                    self.report(value_node, message)
                else:
                    first[value] = value_node
        return data

    def _variant(
        self, spec: Variant, node: yaml.MappingNode | None, where: str, anchor: yaml.Node
    ) -> dict[str, Any]:
        """Check a mapping against the key set its tag names (see :class:`Variant`)."""
        pairs = self._pairs(node)
        tag_node = next((value for key, _, value in pairs if key == spec.tag), None)
        chosen = tag_node.value if isinstance(tag_node, yaml.ScalarNode) else None
        options = tuple(spec.variants)
        tag = Scalar(choice(options, f"{spec.noun} {spec.tag}"), spec.tag_help, required=True)
        if chosen in spec.variants:
            fields = {spec.tag: tag, **spec.common, **spec.variants[chosen]}
            owners = {
                key: name
                for name, keys in spec.variants.items()
                for key in keys
                if key not in fields
            }
            kept: list[Pair] = []
            for pair in pairs:
                owner = owners.get(pair[0])
                if owner is None:
                    kept.append(pair)
                else:
                    message = f"{pair[0]!r} is for {owner} {spec.noun}s, not {chosen} ones"
                    self.report(pair[1], f"{where}.{pair[0]}: {message}")
            return self._fields(Record(fields, spec.help), kept, where, anchor)
        every: dict[str, Node] = {spec.tag: tag, **spec.common}
        for keys in spec.variants.values():
            every.update({key: _not_required(child) for key, child in keys.items()})
        return self._fields(Record(every, spec.help), pairs, where, anchor)

    def _map(self, spec: MapOf, node: yaml.MappingNode | None, where: str) -> list[Entry]:
        entries: list[Entry] = []
        first: dict[Any, yaml.Node] = {}
        for text, key_node, value_node in self._pairs(node):
            key = self._scalar(spec.key, key_node, where)
            value = self._value(spec.value, value_node, f"{where}.{text}", value_node)
            if key is None:
                continue
            if key in first:
                message = spec.duplicate.format(key) + f" (first at {at(first[key])})"
                self.report(key_node, message)
                continue
            first[key] = key_node
            entries.append(Entry(key, value, key_node, value_node))
        return entries


def _not_required(spec: Node) -> Node:
    """The same key, not required (for a variant whose tag is missing or unknown)."""
    return replace(spec, required=False)


def _child(node: yaml.Node, key: str) -> yaml.Node:
    """The value node under ``key`` in a mapping node known to hold it."""
    for key_node, value_node in node.value:
        if key_node.value == key:
            found: yaml.Node = value_node
            return found
    raise KeyError(key)
