"""Tie a service subscription to a widget's life."""

from __future__ import annotations

from PySide6.QtCore import QObject

from console.observers import Unsubscribe


def follow(widget: QObject, unsubscribe: Unsubscribe) -> None:
    """Stop a service from notifying ``widget`` once Qt destroys it."""
    widget.destroyed.connect(lambda *_: unsubscribe())
