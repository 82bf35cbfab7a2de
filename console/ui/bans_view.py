"""The bans made during the show, to undo one: who, since when, for which message.

``BansPane`` lists the show's moderation decisions' bans, newest first, and redraws when
they change (a ban or an unban from any surface). Its Unban button, or Delete on the
list, fires ``barrage.unban`` for the selected row through the registry; the ban itself
is only ever lifted by that command.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.barrage.decisions import ModerationDecisions, UserBan
from console.ui.follow import follow
from console.ui.language import language_changed

USER_ROLE = Qt.ItemDataRole.UserRole  # a row's UserBan.user: what barrage.unban is given


def ban_row(ban: UserBan) -> list[str]:
    """The columns of a ban: ``name (user)``, the time, the message it was made on."""
    who = ban.name if ban.name == ban.user else f"{ban.name} ({ban.user})"
    return [who, time.strftime("%H:%M:%S", time.localtime(ban.at)), ban.text]


class BansPane(QWidget):
    """The show's bans and the Unban button (see the module docstring)."""

    def __init__(
        self,
        decisions: ModerationDecisions,
        unban: Callable[[str], None],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.decisions = decisions
        self._unban = unban
        self._shown: tuple[str, ...] = ()
        self.title = QLabel(self)
        self.view = QTreeWidget(self)
        self.view.setObjectName("banList")
        self.view.setColumnCount(3)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.view.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.unban_button = QPushButton(self)  # its text, with its hotkey, is the dock's
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.unban_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.unban_button.clicked.connect(self.on_unban_clicked)
        delete = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.view)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.on_unban_clicked)
        follow(self, decisions.subscribe(self.on_decisions_changed))
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if language_changed(event):
            self.refresh()
        super().changeEvent(event)

    def on_decisions_changed(self, aspect: str) -> None:
        if aspect == "bans":
            self.refresh()

    def on_unban_clicked(self) -> None:
        user = self.selected_user()
        if user is not None:
            self._unban(user)

    def selected_user(self) -> str | None:
        item = self.view.currentItem()
        return None if item is None else str(item.data(0, USER_ROLE))

    def step(self, step: int) -> None:
        """Move the selected row ``step`` down (positive) or up, staying in the list."""
        count = self.view.topLevelItemCount()
        if not count:
            return
        current = self.view.currentItem()
        at = -1 if current is None else self.view.indexOfTopLevelItem(current)
        target = max(0, min(count - 1, at + step)) if at >= 0 else (0 if step > 0 else count - 1)
        self.view.setCurrentIndex(self.view.model().index(target, 0))

    def refresh(self) -> None:
        """Every ban, newest first. A new ban is selected (to undo at once); otherwise the
        selected one stays selected while it stands."""
        self.view.setHeaderLabels([self.tr("Who"), self.tr("Since"), self.tr("Banned for")])
        self.unban_button.setToolTip(
            self.tr("Lift the selected ban (barrage.unban); Delete does too")
        )
        kept = self.selected_user()
        bans = self.decisions.bans()
        shown = set(self._shown)
        self._shown = tuple(ban.user for ban in bans)
        if any(ban.user not in shown for ban in bans):
            kept = bans[-1].user
        self.view.clear()
        for ban in reversed(bans):
            item = QTreeWidgetItem(ban_row(ban))
            item.setData(0, USER_ROLE, ban.user)
            item.setToolTip(2, ban.text)
            self.view.addTopLevelItem(item)
            if ban.user == kept:
                self.view.setCurrentItem(item)
        if self.view.currentItem() is None and bans:
            self.view.setCurrentIndex(self.view.model().index(0, 0))
        self.unban_button.setEnabled(bool(bans))
        self.title.setText(
            self.tr("Bans · %n this show · ↑/↓ select · Unban (Delete) lifts one", "", len(bans))
            if bans
            else self.tr("Bans · nobody banned this show")
        )
