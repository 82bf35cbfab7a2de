"""Profile hotkeys as application-wide shortcuts, and the cheat sheet that lists them."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.commands import CommandSpec
from console.profile import Hotkey

CHEAT_SHEET_KEYS = ("F1", "?")
COMMAND_BAR_KEYS = ("Ctrl+K", ":")


def bind_hotkeys(
    window: QWidget, hotkeys: Iterable[Hotkey], pressed: Callable[[Hotkey], object]
) -> list[QShortcut]:
    """One application-wide shortcut per profile hotkey; ``pressed(hotkey)`` on each press
    (the window runs the hotkey's invocation, checked when the profile loaded)."""
    shortcuts = []
    for hotkey in hotkeys:
        shortcut = QShortcut(QKeySequence(hotkey.key), window)
        shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        shortcut.setAutoRepeat(False)  # a held key must not cut scenes ten times a second
        shortcut.activated.connect(lambda hotkey=hotkey: pressed(hotkey))
        shortcuts.append(shortcut)
    return shortcuts


class CheatSheet(QDialog):
    """Every hotkey of the show and every command with its usage and help."""

    def __init__(
        self, hotkeys: Iterable[Hotkey], specs: Iterable[CommandSpec], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Hotkeys and commands")
        self.resize(760, 560)
        hotkey_rows = [(h.key, h.command) for h in hotkeys]
        hotkey_rows += [(" / ".join(CHEAT_SHEET_KEYS), "this cheat sheet")]
        hotkey_rows += [(" / ".join(COMMAND_BAR_KEYS), "type a command")]
        self.hotkey_table = _table(("Key", "Command"), hotkey_rows)
        self.command_table = _table(
            ("Command", "Does"), [(spec.usage(), spec.help) for spec in specs]
        )
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Hotkeys (work whenever the console window is active)"))
        layout.addWidget(self.hotkey_table, 1)
        layout.addWidget(QLabel("Commands (buttons, hotkeys and the command bar all call these)"))
        layout.addWidget(self.command_table, 2)


def _table(headers: tuple[str, str], rows: list[tuple[str, str]]) -> QTableWidget:
    table = QTableWidget(len(rows), 2)
    table.setHorizontalHeaderLabels(list(headers))
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    for row, (left, right) in enumerate(rows):
        table.setItem(row, 0, QTableWidgetItem(left))
        table.setItem(row, 1, QTableWidgetItem(right))
    return table
