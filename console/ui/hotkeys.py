"""Profile hotkeys as application-wide shortcuts, and the cheat sheet that lists them."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from console.commands import CommandSpec
from console.profile import Hotkey
from console.ui.language import language_changed, shown

CHEAT_SHEET_KEYS = ("F1", "?")
COMMAND_BAR_KEYS = ("Ctrl+K", ":")
LANGUAGE_KEYS = ("Ctrl+Alt+L",)


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
    and help on a second tab."""

    def __init__(
        self, hotkeys: Iterable[Hotkey], specs: Iterable[CommandSpec], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.resize(1200, 640)
        self._specs = list(specs)
        rows = [(h.key, h.command) for h in hotkeys]
        rows += [(" / ".join(keys), "") for keys in WINDOW_KEYS]
        self.hotkey_table = _grid(rows, BINDING_COLUMNS)
        self.command_table = _table(len(self._specs))
        self.tabs = tabs = QTabWidget(self)
        keys = QWidget(tabs)
        keys_layout = QVBoxLayout(keys)
        self.keys_title = QLabel(keys)
        keys_layout.addWidget(self.keys_title)
        keys_layout.addWidget(self.hotkey_table, 1)
        tabs.addTab(keys, "")
        tabs.addTab(self.command_table, "")
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        self.retranslate()

    def retranslate(self) -> None:
        """The sheet's headings, the window's own keys and each command's help, in the
        window's language (keys and command lines stay as they are typed)."""
        self.setWindowTitle(self.tr("Hotkeys and commands"))
        self.keys_title.setText(self.tr("Hotkeys (work whenever the console window is active)"))
        self.tabs.setTabText(0, self.tr("Hotkeys"))
        self.tabs.setTabText(1, self.tr("Commands"))
        headers = [self.tr("Key"), self.tr("Command")] * BINDING_COLUMNS
        self.hotkey_table.setHorizontalHeaderLabels(headers)
        self.command_table.setHorizontalHeaderLabels([self.tr("Command"), self.tr("Does")])
        does = {" / ".join(keys): _window_key_does(keys) for keys in WINDOW_KEYS}
        table = self.hotkey_table
        for row in range(table.rowCount()):
            for column in range(0, table.columnCount(), 2):
                key, command = table.item(row, column), table.item(row, column + 1)
                if key is not None and command is not None and key.text() in does:
                    command.setText(does[key.text()])
        for row, spec in enumerate(self._specs):
            self.command_table.setItem(row, 0, QTableWidgetItem(spec.usage()))
            self.command_table.setItem(row, 1, QTableWidgetItem(shown(spec.help)))

    def changeEvent(self, event: QEvent) -> None:
        if language_changed(event):
            self.retranslate()
        super().changeEvent(event)

    def bindings(self) -> dict[str, str]:
        """Key → command line, read back from the sheet as it shows them."""
        table, bindings = self.hotkey_table, {}
        for row in range(table.rowCount()):
            for column in range(0, table.columnCount(), 2):
                key, command = table.item(row, column), table.item(row, column + 1)
                if key is not None and command is not None:
                    bindings[key.text()] = command.text()
        return bindings


WINDOW_KEYS = (CHEAT_SHEET_KEYS, COMMAND_BAR_KEYS, LANGUAGE_KEYS)
"""The window's own keys, listed after the show's."""


def _window_key_does(keys: tuple[str, ...]) -> str:
    if keys == CHEAT_SHEET_KEYS:
        return QCoreApplication.translate("CheatSheet", "this cheat sheet")
    if keys == COMMAND_BAR_KEYS:
        return QCoreApplication.translate("CheatSheet", "type a command")
    return QCoreApplication.translate("CheatSheet", "中文 / English")


def _grid(rows: list[tuple[str, str]], columns: int) -> QTableWidget:
    """Key/command pairs filled column by column, ``columns`` pairs side by side."""
    per_column = max(1, -(-len(rows) // columns))
    table = QTableWidget(per_column, 2 * columns)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(22)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    header = table.horizontalHeader()
    for column in range(columns):
        header.setSectionResizeMode(2 * column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2 * column + 1, QHeaderView.ResizeMode.Stretch)
    for index, (key, command) in enumerate(rows):
        row, column = index % per_column, index // per_column
        table.setItem(row, 2 * column, QTableWidgetItem(key))
        table.setItem(row, 2 * column + 1, QTableWidgetItem(command))
    return table


def _table(rows: int) -> QTableWidget:
    table = QTableWidget(rows, 2)
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table
