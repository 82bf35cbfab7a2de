"""The command bar: type any command line, with completion and history."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from console.commands import CommandSpec
from console.ui.language import language_changed


class CommandBar(QLineEdit):
    """Enter runs the line and hands the keyboard back to the show keys; Up/Down walk the
    history; Esc hands the keyboard back without running anything."""

    def __init__(
        self,
        specs: Iterable[CommandSpec],
        fire: Callable[[str], object],
        done: Callable[[], object],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("commandBar")
        self.retranslate()
        completer = QCompleter([spec.name for spec in specs], self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)
        self._fire = fire
        self._done = done
        self._history: list[str] = []
        self._cursor = 0
        self.returnPressed.connect(self.on_return_pressed)

    def retranslate(self) -> None:
        self.setPlaceholderText(
            self.tr("Type a command (Ctrl+K or :), e.g. scene.program Host — F1 lists them all")
        )

    def changeEvent(self, event: QEvent) -> None:
        if language_changed(event):
            self.retranslate()
        super().changeEvent(event)

    def on_return_pressed(self) -> None:
        line = self.text().strip()
        if not line:
            return
        self._fire(line)
        if not self._history or self._history[-1] != line:
            self._history.append(line)
        self._cursor = len(self._history)
        self.clear()
        self._done()  # the show keys work again at once: Space takes, A approves

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.clear()
            self._done()
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self._history:
            step = -1 if key == Qt.Key.Key_Up else 1
            self._cursor = max(0, min(len(self._history), self._cursor + step))
            self.setText(self._history[self._cursor] if self._cursor < len(self._history) else "")
        else:
            super().keyPressEvent(event)
