"""Finding things in the composed YAML tree: a node by its path.

Checks made after the schema walk (a rundown item naming a product, two moderation rules
with one name) know a value by its path; these helpers find the node it was read from, so
the problem still points at the exact line and column.

Building a scalar's value (:func:`construct`) never raises what PyYAML raises for a
malformed one (``ValueError``, ``KeyError``, ``AttributeError``, depending on the type):
it raises :class:`UnreadableValue`, whose message says what the value is not without
quoting it, so the caller decides whether the value may be shown.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import yaml

PathPart = str | int

_NOUNS = {
    "int": "an integer",
    "float": "a number",
    "bool": "true or false",
    "timestamp": "a date or a date and time",
    "null": "null",
    "str": "text",
}
_PREVIEW = 40


class UnreadableValue(Exception):
    """A scalar that is not what its YAML type says; the message ("is not an integer")
    does not quote the value."""


def construct(node: yaml.ScalarNode) -> Any:
    """The value YAML builds from a scalar node; UnreadableValue if it cannot."""
    try:
        return yaml.constructor.SafeConstructor().construct_object(node)
    except Exception as exc:  # PyYAML's error for a malformed value depends on its type
        raise UnreadableValue(_unreadable(node, exc)) from None


def _unreadable(node: yaml.ScalarNode, exc: Exception) -> str:
    kind = node.tag.removeprefix("tag:yaml.org,2002:")
    noun = _NOUNS.get(kind, "a value of its type")
    if kind == "int" and len(node.value) > sys.get_int_max_str_digits():
        return f"is not {noun} this console reads: more than {sys.get_int_max_str_digits()} digits"
    if kind == "timestamp" and isinstance(exc, ValueError):
        return f"is not a real date or time ({exc})"
    return f"is not {noun}"


def preview(text: str) -> str:
    """A scalar's text for a message: quoted, and cut short if long."""
    if len(text) > _PREVIEW:
        return repr(text[:_PREVIEW]) + "…"
    return repr(text)


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
