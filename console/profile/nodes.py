"""Finding things in the composed YAML tree: a node by its path, plain data from a node.

Checks made after the schema walk (a rundown item naming a product, a moderation rule
rejected by the barrage's own reader) know a value by its path; these helpers find the
node it was read from, so the problem still points at the exact line and column.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import yaml

PathPart = str | int

_PART = re.compile(r"\[(\d+)\]|([^.\[\]]+)")


def parse_path(path: str) -> list[PathPart]:
    """``terms[2].action`` as ``["terms", 2, "action"]``."""
    return [int(index) if index else key for index, key in _PART.findall(path)]


def child(node: yaml.Node | None, part: PathPart) -> yaml.Node | None:
    """The value under a mapping key or at a list index; None if there is none."""
    if isinstance(node, yaml.MappingNode) and isinstance(part, str):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == part:
                found: yaml.Node = value_node
                return found
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        item: yaml.Node = node.value[part]
        return item
    return None


def key_node(node: yaml.Node | None, key: str) -> yaml.Node | None:
    """The node of ``key`` itself (not its value) in a mapping; None if absent."""
    if isinstance(node, yaml.MappingNode):
        for key_item, _ in node.value:
            if isinstance(key_item, yaml.ScalarNode) and key_item.value == key:
                found: yaml.Node = key_item
                return found
    return None


def node_at(root: yaml.Node, path: Sequence[PathPart]) -> yaml.Node | None:
    """The node at ``path`` below ``root``; None if some step is missing."""
    node: yaml.Node | None = root
    for part in path:
        node = child(node, part)
    return node


def nearest(root: yaml.Node, path: Sequence[PathPart], on_key: bool = False) -> yaml.Node:
    """The node at ``path``, or the deepest one on the way to it that exists.

    ``on_key``: when the path ends at a mapping key, the key's node rather than its value
    (so "unknown key" lands on the key's name).
    """
    node = root
    for index, part in enumerate(path):
        found = child(node, part)
        if found is None:
            return node
        if on_key and index == len(path) - 1 and isinstance(part, str):
            return key_node(node, part) or found
        node = found
    return node


def plain(node: yaml.Node, report: Callable[[yaml.Node, str], None]) -> Any:
    """The plain Python data a node holds (dicts, lists, scalars).

    Repeated keys keep the first value and are reported, like everywhere in a profile.
    """
    if isinstance(node, yaml.MappingNode):
        data: dict[Any, Any] = {}
        first: dict[Any, yaml.Node] = {}
        for key_item, value_node in node.value:
            key = plain(key_item, report)
            if isinstance(key, list | dict):
                report(key_item, "keys must be plain text")
                continue
            if key in first:
                mark = first[key].start_mark
                report(
                    key_item, f"duplicate key {key!r} (first at {mark.line + 1}:{mark.column + 1})"
                )
                continue
            first[key] = key_item
            data[key] = plain(value_node, report)
        return data
    if isinstance(node, yaml.SequenceNode):
        return [plain(item, report) for item in node.value]
    try:
        return yaml.constructor.SafeConstructor().construct_object(node)
    except yaml.YAMLError as exc:
        report(node, f"cannot read this value: {getattr(exc, 'problem', None) or exc}")
        return None
