"""How widgets run commands: by name, with arguments, saying which surface they are.

The window turns each call into a command in its context (the room the operator works in,
the selected comment) and fires it; widgets never build command lines.
"""

from __future__ import annotations

from typing import Any, Protocol


class Fire(Protocol):
    def __call__(
        self, name: str, trigger: str, room: str | None = None, **arguments: Any
    ) -> object:
        """Run command ``name`` with ``arguments``; ``room`` overrides the working room."""
        ...
