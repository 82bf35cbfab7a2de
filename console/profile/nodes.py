"""Finding things in the composed YAML tree: a node by its path.

Checks made after the schema walk (a rundown item naming a product, two moderation rules
with one name) know a value by its path; these helpers find the node it was read from, so
the problem still points at the exact line and column.
"""

from __future__ import annotations

from collections.abc import Sequence

import yaml

PathPart = str | int


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
