"""Upgrading profiles written for an older schema version.

``MIGRATIONS[n]`` turns a version-n tree into a version-(n+1) tree. They run on the
composed YAML nodes before validation, so problems in an old file still point at its own
lines. The current version is one past the last migration: adding a format change means
adding one function here and changing the schema, nothing else. The file on disk is never
rewritten by an upgrade.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

import yaml

from console.profile.nodes import UnreadableValue, construct
from console.profile.source import Problem, problem_at

Migration = Callable[[yaml.MappingNode], yaml.MappingNode]

FIRST_VERSION = 1
"""The version of the first profile format, and of files that do not say."""

MIGRATIONS: dict[int, Migration] = {}
"""Version n → the function that upgrades a version-n tree to version n+1."""


def current_version() -> int:
    """The schema version this console reads natively and writes."""
    return FIRST_VERSION + len(MIGRATIONS)


def upgrade(path: Path, root: yaml.MappingNode) -> tuple[yaml.MappingNode, list[Problem]]:
    """The tree brought to the current version, or problems if it is from a newer console.

    A ``schema_version`` that is not a plain integer (or not one this console can read) is
    left to the validator to report; the tree is then checked as the current version.
    """
    version_node = next((value for key, value in root.value if key.value == "schema_version"), None)
    version = FIRST_VERSION
    if isinstance(version_node, yaml.ScalarNode) and version_node.tag.endswith(":int"):
        with contextlib.suppress(UnreadableValue):
            version = construct(version_node)
    if version_node is not None and version > current_version():
        message = (
            f"schema_version {version} was written by a newer console "
            f"(this one reads up to {current_version()}); update the console"
        )
        return root, [problem_at(path, version_node, message)]
    for step in range(max(version, FIRST_VERSION), current_version()):
        root = MIGRATIONS[step](root)
    return root, []
