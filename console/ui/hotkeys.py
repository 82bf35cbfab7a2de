"""Profile hotkeys as application-wide shortcuts, and the cheat sheet that lists them (and
opens the rebinding of one)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from console.commands import CommandSpec
from console.profile import Hotkey

CHEAT_SHEET_KEYS = ("F1", "?")
PALETTE_KEYS = ("Ctrl+K", ":")


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


BINDING_COLUMNS = 4
"""Key/command pairs side by side: every binding of a show fits a laptop screen unscrolled."""


class CheatSheet(QDialog):
    """Every hotkey of the show at a glance (no scrolling), and every command with its usage
    and help on a second tab. Enter on a binding (or Rebind…) asks to rebind it."""

    rebind_wanted = Signal(str)
    """The key of the binding to rebind ("" for none in particular)."""

    def __init__(
        self, hotkeys: Iterable[Hotkey], specs: Iterable[CommandSpec], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Hotkeys and commands")
        self.resize(1200, 640)
        self.hotkey_table = _grid([], BINDING_COLUMNS)
        self.show_hotkeys(hotkeys)
        self.command_table = _table(
            ("Command", "Does"), [(spec.usage(), spec.help) for spec in specs]
        )
        tabs = QTabWidget(self)
        keys = QWidget(tabs)
        keys_layout = QVBoxLayout(keys)
        title = QHBoxLayout()
        note = QLabel(
            "Hotkeys work whenever the console window is active; bold ones (global) also "
            "while another window (OBS) has focus. Enter on a binding rebinds it.",
            keys,
        )
        note.setWordWrap(True)
        title.addWidget(note, 1)
        rebind = QPushButton("Rebind…", keys)
        rebind.setAutoDefault(False)  # Enter on a binding rebinds that one
        rebind.clicked.connect(lambda: self.rebind_wanted.emit(""))
        title.addWidget(rebind)
        keys_layout.addLayout(title)
        keys_layout.addWidget(self.hotkey_table, 1)
        tabs.addTab(keys, "Hotkeys")
        tabs.addTab(self.command_table, "Commands")
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        self.hotkey_table.itemActivated.connect(self.on_hotkey_item_activated)

    def show_hotkeys(self, hotkeys: Iterable[Hotkey]) -> None:
        """Fill the sheet with these bindings (again, after a rebinding)."""
        listed = list(hotkeys)
        self._bound = {hotkey.key for hotkey in listed}
        rows = [(h.key, h.command) for h in listed]
        rows += [(" / ".join(CHEAT_SHEET_KEYS), "this cheat sheet")]
        rows += [(" / ".join(PALETTE_KEYS), "command palette: every command, completed")]
        _fill_grid(self.hotkey_table, rows, BINDING_COLUMNS)
        marked = {hotkey.key for hotkey in listed if hotkey.is_global}
        for row in range(self.hotkey_table.rowCount()):
            for column in range(0, self.hotkey_table.columnCount(), 2):
                item = self.hotkey_table.item(row, column)
                if item is not None and item.text() in marked:
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                    item.setToolTip("global: also fires while another window has focus")

    def on_hotkey_item_activated(self, item: QTableWidgetItem) -> None:
        column = item.column() - item.column() % 2
        key = self.hotkey_table.item(item.row(), column)
        if key is not None and key.text() in self._bound:
            self.rebind_wanted.emit(key.text())

    def bindings(self) -> dict[str, str]:
        """Key → command line, read back from the sheet as it shows them."""
        table, shown = self.hotkey_table, {}
        for row in range(table.rowCount()):
            for column in range(0, table.columnCount(), 2):
                key, command = table.item(row, column), table.item(row, column + 1)
                if key is not None and command is not None:
                    shown[key.text()] = command.text()
        return shown


def _grid(rows: list[tuple[str, str]], columns: int) -> QTableWidget:
    """Key/command pairs filled column by column, ``columns`` pairs side by side."""
    table = QTableWidget(0, 2 * columns)
    table.setHorizontalHeaderLabels(["Key", "Command"] * columns)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(22)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    header = table.horizontalHeader()
    for column in range(columns):
        header.setSectionResizeMode(2 * column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2 * column + 1, QHeaderView.ResizeMode.Stretch)
    _fill_grid(table, rows, columns)
    return table


def _fill_grid(table: QTableWidget, rows: list[tuple[str, str]], columns: int) -> None:
    per_column = max(1, -(-len(rows) // columns))
    table.clearContents()
    table.setRowCount(per_column)
    for index, (key, command) in enumerate(rows):
        row, column = index % per_column, index // per_column
        table.setItem(row, 2 * column, QTableWidgetItem(key))
        table.setItem(row, 2 * column + 1, QTableWidgetItem(command))


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
