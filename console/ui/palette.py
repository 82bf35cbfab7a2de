"""The command palette (Ctrl+K or :): every command, filtered as you type, with its help
and its key; arguments completed from the show; Enter runs the line through the registry.

Keyboard only: ↑/↓ choose a row, Tab takes it into the line, Enter takes it and runs the
line (or, while the line still lacks a required argument, takes it and waits for the
rest), Esc closes. The palette owns Esc, Enter, Tab and the arrows while it has the keys,
so a show hotkey on one of them (``Escape: host.stop`` in the demo) does not fire while
typing here; every other hotkey still does. After Enter or Esc the keys go back where they
came from (the window's ``done``). What the palette reads lives in
:mod:`console.palette_match`; what it offers from the show, in :mod:`console.show_names`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHeaderView,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.commands import ActionRecord, CommandError, ErrorCode
from console.palette_match import Completer, Reading, Row
from console.services import Console
from console.show_names import ShowNames
from console.ui.elided import ElidedLabel
from console.ui.follow import follow
from console.ui.language import language_changed, shown
from console.ui.theme import ATTENTION, DIM, mark, named

TRIGGER = "palette"
"""Who ran a command, in the action log."""
ROWS = 12
"""Rows shown at once."""
WIDTH = 880
MARGIN = 24
"""Space kept between the palette and the window's edges."""
TOP = 56
"""Below the window's header (show title, clock)."""
NOT_REMEMBERED = (ErrorCode.UNKNOWN_COMMAND, ErrorCode.BAD_ARGUMENT)
"""Lines that never ran are not offered again."""
OWNED_KEYS = (
    Qt.Key.Key_Escape,
    Qt.Key.Key_Return,
    Qt.Key.Key_Enter,
    Qt.Key.Key_Tab,
    Qt.Key.Key_Backtab,
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
)
PLAIN = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
"""Modifiers that leave a key the palette's (Ctrl+Return is still the show's)."""


class PaletteInput(QLineEdit):
    """The palette's line. Takes Esc, Enter, Tab and the arrows before the window's
    shortcuts and Qt's focus chain do; leaving it (a click elsewhere) closes the palette."""

    def __init__(self, palette: Palette) -> None:
        super().__init__(palette)
        self._palette = palette

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QKeyEvent) and _owned(event):
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()  # the key comes here as a key press, not to a show hotkey
                return True
            if event.type() == QEvent.Type.KeyPress:
                self._palette.on_key(Qt.Key(event.key()))
                return True
        return super().event(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() not in (
            Qt.FocusReason.ActiveWindowFocusReason,
            Qt.FocusReason.PopupFocusReason,
        ):
            self._palette.dismiss()


def _owned(event: QKeyEvent) -> bool:
    return event.key() in OWNED_KEYS and not event.modifiers() & ~PLAIN


class Palette(QFrame):
    """Over the window, hidden until opened. ``fire(line)`` runs a line; ``done()`` gives
    the keyboard back; ``room()`` is the room the operator works in (whose scenes are
    offered when the line names none)."""

    def __init__(
        self,
        console: Console,
        fire: Callable[[str], object],
        done: Callable[[], object],
        room: Callable[[], str],
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self.setObjectName("palette")
        show = console.show
        names = ShowNames(console.profile, console.rooms, show.products, show.rundown)
        hotkeys = [(hotkey.key, hotkey.invocation) for hotkey in console.profile.hotkeys]
        self.completer = Completer(console.registry, names, hotkeys)
        self._fire, self._done, self._room, self._window = fire, done, room, window
        self.reading = Reading(())
        self.input = named(PaletteInput(self), "paletteInput")
        self.list = named(QTreeWidget(self), "paletteList")
        self.list.setColumnCount(3)
        self.list.setHeaderHidden(True)
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys stay in the line
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        self.usage = named(ElidedLabel("", self), "paletteUsage")
        self.action = named(ElidedLabel("", self), "paletteAction")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 8)
        layout.setSpacing(6)
        layout.addWidget(self.input)
        layout.addWidget(self.list)
        layout.addWidget(self.usage)
        layout.addWidget(self.action)
        self._dim, self._key = QBrush(QColor(DIM)), QBrush(QColor(ATTENTION))
        self.input.textChanged.connect(self.on_input_text_changed)
        self.list.itemClicked.connect(self.on_list_item_clicked)
        follow(self, console.registry.add_listener(self.on_action_recorded))
        window.installEventFilter(self)  # follow the window's size
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        """The palette's words in the window's language, its rows read again (commands,
        values and keys stay as they are typed)."""
        self.input.setPlaceholderText(self.tr("Type a command, e.g. scene.program Host"))
        chosen = self._chosen_index()
        self.refresh()
        if self.isVisible():
            self.choose(chosen)

    def changeEvent(self, event: QEvent) -> None:
        if language_changed(event):
            self.retranslate()
        super().changeEvent(event)

    # -- opening and closing --------------------------------------------------------------

    def open(self) -> None:
        """Show the palette with the keys in its line: fresh (recent lines first), or,
        when it is open already, with what is typed selected."""
        if not self.isVisible():
            self.input.clear()
            self.refresh()
            self.place()
            self.show()
            self.raise_()
        self.input.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.input.selectAll()

    def finish(self) -> None:
        """Close and give the keys back where they came from."""
        self._done()
        self.dismiss()

    def dismiss(self) -> None:
        """Close, the keys staying where they went (a click elsewhere)."""
        if self.isVisible():
            self.hide()
            self.input.clear()

    def place(self) -> None:
        window = self._window
        width = min(WIDTH, window.width() - 2 * MARGIN)
        rows = ROWS * max(self.list.sizeHintForRow(0), self.fontMetrics().height() + 4)
        self.list.setFixedHeight(rows + 2 * self.list.frameWidth())
        height = min(self.sizeHint().height(), window.height() - TOP - MARGIN)
        self.setGeometry((window.width() - width) // 2, TOP, width, height)
        self._fit_columns(width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        resized = watched is self._window and event.type() == QEvent.Type.Resize
        if resized and self.isVisible():
            self.place()
        return super().eventFilter(watched, event)

    # -- reading and choosing -------------------------------------------------------------

    def refresh(self) -> None:
        """Read the line again: its rows, the one Enter takes, what Enter does."""
        self.reading = reading = self.completer.read(self.input.text(), self._room())
        self.list.clear()
        items = [self._item(row) for row in reading.rows]
        self.list.addTopLevelItems(items)
        self.choose(0 if reading.pick else None)
        self._fit_columns(self.width())

    def _item(self, row: Row) -> QTreeWidgetItem:
        detail = shown(row.detail)
        item = QTreeWidgetItem([row.label, detail, row.key])
        item.setForeground(1, self._dim)
        item.setForeground(2, self._key)
        item.setToolTip(1, detail)
        return item

    def _fit_columns(self, width: int) -> None:
        """Labels as wide as the widest (at most half the palette), keys as wide as theirs;
        the help takes the rest."""
        metrics, rows = self.list.fontMetrics(), self.reading.rows
        labels = max((metrics.horizontalAdvance(row.label) for row in rows), default=0)
        keys = max((metrics.horizontalAdvance(row.key) for row in rows), default=0)
        self.list.setColumnWidth(0, min(labels + 24, width // 2))
        self.list.setColumnWidth(2, min(keys + 16, width // 4) if keys else 0)

    def choose(self, index: int | None) -> None:
        """Make row ``index`` the one Enter takes (None: none; Enter runs the line)."""
        self.list.clearSelection()
        if index is None or not self.reading.rows:
            self.list.setCurrentIndex(QModelIndex())
        else:
            item = self.list.topLevelItem(index)
            assert item is not None, "a row per item"
            self.list.setCurrentItem(item)
            self.list.scrollToItem(item)
        self._say()

    def chosen(self) -> Row | None:
        """The row Enter takes, if any."""
        index = self._chosen_index()
        return None if index is None else self.reading.rows[index]

    def _chosen_index(self) -> int | None:
        item = self.list.currentItem()
        if item is None or not item.isSelected():
            return None
        return self.list.indexOfTopLevelItem(item)

    def take(self, row: Row) -> None:
        """Put a row into the line (Tab): the rows that can follow are read at once."""
        self.input.setText(row.text)
        self.input.setFocus(Qt.FocusReason.OtherFocusReason)

    def enter(self) -> None:
        """Run the line, with the chosen row taken; a row that leaves a required argument
        missing is only taken."""
        row = self.chosen()
        if row is not None and row.needs:
            self.take(row)
            return
        line = row.line if row is not None else self.input.text().strip()
        if not line:
            return
        self._fire(line)
        self.finish()

    def _say(self) -> None:
        """Below the list: the command's usage and the argument being typed, then what
        Enter does with the line as it stands."""
        reading, row = self.reading, self.chosen()
        usage = self.tr("↑↓ choose · Tab completes · Enter runs · Esc closes")
        if reading.spec is not None:
            usage = reading.spec.usage()
            if reading.arg is not None:
                usage += f"  ·  {reading.arg.name}: {shown(reading.arg.help)}"
        if reading.more:
            usage += self.tr("  ·  %n more: type to narrow", "", reading.more)
        self.usage.setText(usage)
        typed = self.input.text().strip()
        if row is not None and row.needs:
            said = self.tr("Enter takes {line}, then: {needs}").format(
                line=row.line, needs=", ".join(row.needs)
            )
        elif row is not None:
            said = self.tr("Enter runs  {line}").format(line=row.line)
        elif reading.problem:
            said = f"✗ {shown(reading.problem)}"
        elif typed:
            said = self.tr("Enter runs  {line}").format(line=typed) + self._objection(typed)
        else:
            said = ""
        self.action.setText(said)
        mark(self.action, "alert", row is None and bool(reading.problem))

    def _objection(self, line: str) -> str:
        """What the registry will say against the line, if anything (it still runs: the
        error is then shown and logged like any other)."""
        try:
            self.completer.registry.parse(line)
        except CommandError as exc:
            return f"  — {shown(exc.text)}"
        return ""

    # -- slots ----------------------------------------------------------------------------

    def on_key(self, key: Qt.Key) -> None:
        rows, current, index = len(self.reading.rows), self.chosen(), self._chosen_index()
        if key == Qt.Key.Key_Escape:
            self.finish()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enter()
        elif key == Qt.Key.Key_Tab and rows:
            self.take(current or self.reading.rows[0])
        elif key == Qt.Key.Key_Down and rows:
            self.choose(0 if index is None else min(index + 1, rows - 1))
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Backtab) and rows:
            self.choose(rows - 1 if index is None else max(index - 1, 0))

    def on_input_text_changed(self, text: str) -> None:
        self.refresh()

    def on_list_item_clicked(self, item: QTreeWidgetItem, column: int) -> None:
        self.take(self.reading.rows[self.list.indexOfTopLevelItem(item)])

    def on_action_recorded(self, record: ActionRecord) -> None:
        if record.source == TRIGGER and record.code not in NOT_REMEMBERED:
            self.completer.remember(record.line)
