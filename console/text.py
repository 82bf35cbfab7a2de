"""Operator-facing text that the window can show in the operator's language, without Qt.

A :class:`Text` is a ``str`` (its English words, so logs, the control API and every test
read it as before) that also remembers where it came from: a translation context, the
English template and the arguments it was filled with. The window translates the
template with Qt's translator and fills it with the same arguments (``console.ui.language``).

Templates are marked so that Qt's ``lupdate`` extracts them: ``Text("context", "words")``
with exactly two string literals (lupdate is run with ``-tr-function-alias
QT_TRANSLATE_NOOP+=Text``), and the arguments come after, through :meth:`Text.format`::

    Text("obs", "program: {scene}").format(scene=scene)

Arguments that are themselves ``Text`` are translated too (a reason inside a sentence), and
so is each part of a :class:`Listed` (the findings of a check, joined by ``; ``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class Text(str):
    """English words with their translation context, template and arguments."""

    context: str
    source: str
    arguments: Mapping[str, Any]

    def __new__(cls, context: str, source: str) -> Text:
        text = super().__new__(cls, source)
        text.context, text.source, text.arguments = context, source, {}
        return text

    def format(self, *args: object, **arguments: Any) -> Text:
        """The template filled with named arguments, still translatable."""
        if args:
            raise TypeError("Text.format takes named arguments only")
        filled = str.__new__(Text, self.source.format(**arguments))
        filled.context, filled.source, filled.arguments = self.context, self.source, arguments
        return filled

    def __reduce__(self) -> tuple[Any, ...]:
        """Copied and pickled as what it is (``str``'s own way would lose the template)."""
        return (_rebuilt, (self.context, self.source, dict(self.arguments)))


def _rebuilt(context: str, source: str, arguments: dict[str, Any]) -> Text:
    return Text(context, source).format(**arguments)


class Listed(str):
    """Words joined by a separator (``a; b; c``), each part translated on its own."""

    parts: tuple[str, ...]
    separator: str

    def __new__(cls, parts: list[str], separator: str = "; ") -> Listed:
        listed = super().__new__(cls, separator.join(parts))
        listed.parts, listed.separator = tuple(parts), separator
        return listed

    def __reduce__(self) -> tuple[Any, ...]:
        return (Listed, (list(self.parts), self.separator))
