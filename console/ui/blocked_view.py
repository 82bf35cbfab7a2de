"""Blocked messages in the window: nothing the pipeline blocks disappears.

``BlockedModel`` mirrors the service's ``BlockedList`` (oldest first, the newest at the
bottom) with the rule as each row's tag and the matched span marked, drawn by the review
queue's ``SpanDelegate``. ``BlockedPane`` shows it with the Release button (the dock fires
``barrage.release`` with it, on the selected message: a false alarm let through).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.barrage.blocked import BlockedChange, Fate
from console.ui.language import language_changed
from console.ui.review_view import JudgedListModel, SpanDelegate


class BlockedModel(JudgedListModel):
    """Blocked messages, oldest first, as the blocked list keeps them."""

    def on_blocked_changed(self, change: BlockedChange) -> None:
        if change.fate is Fate.BLOCKED:
            self.added(change.blocked)
        else:
            self.removed(change.blocked)


class BlockedPane(QWidget):
    """The blocked list, its count and the Release button."""

    def __init__(self, model: BlockedModel, parent: QWidget) -> None:
        super().__init__(parent)
        self.model = model
        self.title = QLabel(self)
        self.view = QListView(self)
        self.view.setObjectName("blockedList")
        self.view.setModel(model)
        self.view.setUniformItemSizes(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setItemDelegate(SpanDelegate(self.view))
        self.release_button = QPushButton(self)  # its text, with its hotkey, is the dock's
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.release_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.show_count()

    def changeEvent(self, event: QEvent) -> None:
        if language_changed(event):
            self.show_count()
        super().changeEvent(event)

    def show_count(self) -> None:
        self.release_button.setToolTip(
            self.tr(
                "A false alarm: let the selected blocked comment through (barrage.release); "
                "counted for its rule"
            )
        )
        kept = self.model.rowCount()
        self.title.setText(
            self.tr("Blocked · %n kept · ↑/↓ select · Release lets a false alarm through", "", kept)
            if kept
            else self.tr("Blocked · nothing blocked")
        )
