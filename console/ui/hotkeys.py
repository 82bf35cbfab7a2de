"""Profile hotkeys as application-wide shortcuts, and the cheat sheet that lists them (and
opens the rebinding of one)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
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
from console.ui.language import language_changed, shown

CHEAT_SHEET_KEYS = ("F1", "?")
PALETTE_KEYS = ("Ctrl+K", ":")
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
    and help on a second tab. Enter on a binding (or Rebind…) asks to rebind it."""

    rebind_wanted = Signal(str)
    """The key of the binding to rebind ("" for none in particular)."""

    def __init__(
        self, hotkeys: Iterable[Hotkey], specs: Iterable[CommandSpec], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.resize(1200, 640)
        self._specs = list(specs)
        self.hotkey_table = _grid(BINDING_COLUMNS)
        self.command_table = _table(len(self._specs))
        self.tabs = tabs = QTabWidget(self)
        keys = QWidget(tabs)
        keys_layout = QVBoxLayout(keys)
        title = QHBoxLayout()
        self.keys_title = QLabel(keys)
        self.keys_title.setWordWrap(True)
        title.addWidget(self.keys_title, 1)
        self.rebind_button = QPushButton(keys)
        self.rebind_button.setAutoDefault(False)  # Enter on a binding rebinds that one
        self.rebind_button.clicked.connect(lambda: self.rebind_wanted.emit(""))
        title.addWidget(self.rebind_button)
        keys_layout.addLayout(title)
        keys_layout.addWidget(self.hotkey_table, 1)
        tabs.addTab(keys, "")
        tabs.addTab(self.command_table, "")
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        self.hotkey_table.itemActivated.connect(self.on_hotkey_item_activated)
        self._hotkeys: list[Hotkey] = []
        self.show_hotkeys(hotkeys)

    def retranslate(self) -> None:
        """The sheet's headings, the window's own keys and each command's help, in the
        window's language (keys and command lines stay as they are typed)."""
        self.setWindowTitle(self.tr("Hotkeys and commands"))
        self.keys_title.setText(
            self.tr(
                "Hotkeys work whenever the console window is active; bold ones (global) also "
                "while another window (OBS) has focus. Enter on a binding rebinds it."
            )
        )
        self.rebind_button.setText(self.tr("Rebind…"))
        self.tabs.setTabText(0, self.tr("Hotkeys"))
        self.tabs.setTabText(1, self.tr("Commands"))
        headers = [self.tr("Key"), self.tr("Command")] * BINDING_COLUMNS
        self.hotkey_table.setHorizontalHeaderLabels(headers)
        self.command_table.setHorizontalHeaderLabels([self.tr("Command"), self.tr("Does")])
        does = {" / ".join(keys): _window_key_does(keys) for keys in WINDOW_KEYS}
        marked = {hotkey.key for hotkey in self._hotkeys if hotkey.is_global}
        table = self.hotkey_table
        for row in range(table.rowCount()):
            for column in range(0, table.columnCount(), 2):
                key, command = table.item(row, column), table.item(row, column + 1)
                if key is None or command is None:
                    continue
                if key.text() in does:
                    command.setText(does[key.text()])
                if key.text() in marked:
                    key.setToolTip(self.tr("global: also fires while another window has focus"))
        for row, spec in enumerate(self._specs):
            self.command_table.setItem(row, 0, QTableWidgetItem(spec.usage()))
            self.command_table.setItem(row, 1, QTableWidgetItem(shown(spec.help)))

    def changeEvent(self, event: QEvent) -> None:
        if language_changed(event):
            self.retranslate()
        super().changeEvent(event)

    def show_hotkeys(self, hotkeys: Iterable[Hotkey]) -> None:
        """Fill the sheet with these bindings (again, after a rebinding)."""
        self._hotkeys = list(hotkeys)
        self._bound = {hotkey.key for hotkey in self._hotkeys}
        rows = [(h.key, h.command) for h in self._hotkeys]
        rows += [(" / ".join(keys), "") for keys in WINDOW_KEYS]
        _fill_grid(self.hotkey_table, rows, BINDING_COLUMNS)
        marked = {hotkey.key for hotkey in self._hotkeys if hotkey.is_global}
        for row in range(self.hotkey_table.rowCount()):
            for column in range(0, self.hotkey_table.columnCount(), 2):
                item = self.hotkey_table.item(row, column)
                if item is not None and item.text() in marked:
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
        self.retranslate()

    def on_hotkey_item_activated(self, item: QTableWidgetItem) -> None:
        column = item.column() - item.column() % 2
        key = self.hotkey_table.item(item.row(), column)
        if key is not None and key.text() in self._bound:
            self.rebind_wanted.emit(key.text())

    def bindings(self) -> dict[str, str]:
        """Key → command line, read back from the sheet as it shows them."""
        table, bindings = self.hotkey_table, {}
        for row in range(table.rowCount()):
            for column in range(0, table.columnCount(), 2):
                key, command = table.item(row, column), table.item(row, column + 1)
                if key is not None and command is not None:
                    bindings[key.text()] = command.text()
        return bindings


WINDOW_KEYS = (CHEAT_SHEET_KEYS, PALETTE_KEYS, LANGUAGE_KEYS)
"""The window's own keys, listed after the show's."""


def _window_key_does(keys: tuple[str, ...]) -> str:
    if keys == CHEAT_SHEET_KEYS:
        return QCoreApplication.translate("CheatSheet", "this cheat sheet")
    if keys == PALETTE_KEYS:
        return QCoreApplication.translate("CheatSheet", "command palette: every command, completed")
    return QCoreApplication.translate("CheatSheet", "中文 / English")


def _grid(columns: int) -> QTableWidget:
    """A table for key/command pairs, ``columns`` pairs side by side (``_fill_grid``)."""
    table = QTableWidget(0, 2 * columns)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(22)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    header = table.horizontalHeader()
    for column in range(columns):
        header.setSectionResizeMode(2 * column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2 * column + 1, QHeaderView.ResizeMode.Stretch)
    return table


def _fill_grid(table: QTableWidget, rows: list[tuple[str, str]], columns: int) -> None:
    """Key/command pairs filled column by column."""
    per_column = max(1, -(-len(rows) // columns))
    table.clearContents()
    table.setRowCount(per_column)
    for index, (key, command) in enumerate(rows):
        row, column = index % per_column, index // per_column
        table.setItem(row, 2 * column, QTableWidgetItem(key))
        table.setItem(row, 2 * column + 1, QTableWidgetItem(command))


def _table(rows: int) -> QTableWidget:
    table = QTableWidget(rows, 2)
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table
