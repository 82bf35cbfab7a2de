"""Rebinding a hotkey in the window: pick a binding, press its new key, see at once what it
would clash with, and save it into the profile.

The saving is :func:`console.profile.edit.rebind_hotkey`: the key is renamed where it is
written, with its command, global mark and comments, validated as a whole and saved
atomically with backups, off the GUI thread. The window then binds the new keys at once.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QKeySequenceEdit,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.profile import (
    Hotkey,
    HotkeyError,
    Profile,
    ProfileError,
    canonical_hotkey,
    global_refusal,
)
from console.profile.edit import rebind_hotkey
from console.tasks import TaskSet
from console.text import Text
from console.ui.language import language_changed, shown
from console.ui.theme import mark, named

PALETTE = Text("rebind", "{key} opens the command palette")
WINDOW_KEYS = {
    "Ctrl+K": PALETTE,
    ":": PALETTE,
    "Ctrl+Alt+L": Text("rebind", "{key} switches the window's language"),
}
"""Keys the window itself uses besides the reserved ones (see console.profile.keys), and
what each one does."""


def clash(hotkeys: Sequence[Hotkey], binding: Hotkey, pressed: str) -> tuple[str | None, str]:
    """The canonical key ``pressed`` (Qt's portable text) would bind ``binding`` to, and
    what is wrong with it; (None, why) if it cannot be used at all, (key, "") if fine."""
    try:
        key = canonical_hotkey(pressed)
    except HotkeyError as exc:
        return None, exc.args[0]
    if key == binding.key:
        return None, Text("rebind", "{key} is already this binding's key").format(key=key)
    if key in WINDOW_KEYS:
        return None, WINDOW_KEYS[key].format(key=key)
    other = next((hotkey for hotkey in hotkeys if hotkey.key == key), None)
    if other is not None:
        return None, Text("rebind", "{key} is bound to {command} already").format(
            key=key, command=other.command
        )
    refusal = global_refusal(key) if binding.is_global else None
    if refusal is not None:
        return None, Text("rebind", "{refusal} (this binding is global)").format(refusal=refusal)
    return key, ""


class RebindDialog(QDialog):
    """The show's bindings; Enter on one captures its new key, Enter again saves it."""

    def __init__(
        self,
        profile: Profile,
        applied: Callable[[Profile], None],
        parent: QWidget,
        selected: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setModal(True)  # the show keys wait while keys are being captured
        self.resize(720, 560)
        self._path: Path = profile.path
        self._hotkeys: tuple[Hotkey, ...] = profile.hotkeys
        self._applied = applied
        self._new_key: str | None = None
        self._closed = False  # a save may end after the dialog is gone
        self._tasks = TaskSet()
        self._said: tuple[str, bool] = ("", False)
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rebind-writer")

        self.table = QTableWidget(0, 3, self)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.capture = QKeySequenceEdit(self)
        self.capture.setMaximumSequenceLength(1)  # one chord: a hotkey, not a sequence
        self.verdict = named(QLabel(self), "rebindVerdict")
        self.verdict.setWordWrap(True)
        self.save_button = QPushButton(self)
        self.save_button.setEnabled(False)
        self.close_button = close = QPushButton(self)
        for button in (self.save_button, close):  # Enter on the table picks, never closes
            button.setAutoDefault(False)

        layout = QVBoxLayout(self)
        self.hint = hint = QLabel(self)
        hint.setProperty("dim", True)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.new_key_label = QLabel(self)
        row.addWidget(self.new_key_label)
        row.addWidget(self.capture, 1)
        row.addWidget(self.save_button)
        row.addWidget(close)
        layout.addLayout(row)
        layout.addWidget(self.verdict)

        self.table.itemActivated.connect(self.on_table_item_activated)
        self.table.itemSelectionChanged.connect(self.on_table_selection_changed)
        self.capture.keySequenceChanged.connect(self.on_capture_changed)
        self.capture.editingFinished.connect(self.on_capture_finished)
        self.save_button.clicked.connect(self.on_save_clicked)
        close.clicked.connect(self.reject)
        self._fill(selected)
        self.retranslate()

    def retranslate(self) -> None:
        """The dialog's words in the window's language (keys and commands as typed)."""
        self.setWindowTitle(self.tr("Rebind a hotkey"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Key"), self.tr("Command"), self.tr("Global")]
        )
        self.save_button.setText(self.tr("Save to profile"))
        self.close_button.setText(self.tr("Close"))
        self.hint.setText(
            self.tr("↑/↓ pick a binding · Enter, then press its new key · Enter saves")
        )
        self.new_key_label.setText(self.tr("New key:"))
        for row, hotkey in enumerate(self._hotkeys):
            marked = self.table.item(row, 2)
            if marked is not None:
                marked.setText(self.tr("global") if hotkey.is_global else "")
        self._say(*self._said)

    def changeEvent(self, event: QEvent) -> None:
        if language_changed(event):
            self.retranslate()
        super().changeEvent(event)

    # -- reading ----------------------------------------------------------------------------

    @property
    def binding(self) -> Hotkey | None:
        """The binding selected in the table."""
        row = self.table.currentRow()
        return self._hotkeys[row] if 0 <= row < len(self._hotkeys) else None

    def _fill(self, selected: str | None) -> None:
        self.table.setRowCount(len(self._hotkeys))
        for row, hotkey in enumerate(self._hotkeys):
            key = QTableWidgetItem(hotkey.key)
            if hotkey.is_global:
                font = QFont(key.font())
                font.setBold(True)
                key.setFont(font)
            self.table.setItem(row, 0, key)
            self.table.setItem(row, 1, QTableWidgetItem(hotkey.command))
            self.table.setItem(
                row, 2, QTableWidgetItem(self.tr("global") if hotkey.is_global else "")
            )
        keys = [hotkey.key for hotkey in self._hotkeys]
        self.table.selectRow(keys.index(selected) if selected in keys else 0)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _say(self, text: str, alert: bool) -> None:
        """The verdict under the table (a ``Text`` shown in the window's language)."""
        self._said = (text, alert)
        self.verdict.setText(shown(text))
        mark(self.verdict, "alert", alert)

    # -- slots ------------------------------------------------------------------------------

    def on_table_item_activated(self, item: QTableWidgetItem) -> None:
        self.capture.clear()
        self.capture.setFocus(Qt.FocusReason.OtherFocusReason)
        binding = self.binding
        if binding is not None:
            said = Text("rebind", "press the new key for {command} (now {key})")
            self._say(said.format(command=binding.command, key=binding.key), False)

    def on_table_selection_changed(self) -> None:
        self.capture.clear()

    def on_capture_changed(self, sequence: QKeySequence) -> None:
        """Each key pressed is judged at once: free, or what it clashes with."""
        binding = self.binding
        self._new_key = None
        if binding is None or sequence.isEmpty():
            self.save_button.setEnabled(False)
            return
        text = sequence.toString(QKeySequence.SequenceFormat.PortableText)  # one chord
        key, problem = clash(self._hotkeys, binding, text)
        self._new_key = key
        self.save_button.setEnabled(key is not None)
        if key is None:
            self._say(Text("rebind", "✗ {problem}").format(problem=problem), True)
        else:
            free = Text("rebind", "{old} → {new} for {command}: free · Enter saves")
            self._say(free.format(old=binding.key, new=key, command=binding.command), False)

    def on_capture_finished(self) -> None:
        if self._new_key is not None:
            self.save_button.setDefault(True)
            self.save_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def on_save_clicked(self) -> None:
        binding, key = self.binding, self._new_key
        if binding is None or key is None:
            return
        self.save_button.setEnabled(False)
        self._tasks.spawn(self._save(binding.key, key), f"rebind {binding.key} to {key}")

    async def _save(self, old: str, new: str) -> None:
        loop = asyncio.get_running_loop()
        try:
            profile = await loop.run_in_executor(self._writer, rebind_hotkey, self._path, old, new)
        except (ProfileError, OSError) as exc:
            why = exc.strerror or str(exc) if isinstance(exc, OSError) else str(exc)
            if not self._closed:
                failed = Text("rebind", "✗ not saved to {file}: {why}")
                self._say(failed.format(file=self._path.name, why=why), True)
                self.save_button.setEnabled(True)
            return
        self._applied(profile)  # the file has the new key: so must the window, dialog or not
        if self._closed:
            return
        self._hotkeys = profile.hotkeys
        self.capture.clear()
        self._fill(new)
        saved = Text("rebind", "✓ {old} → {new}, saved to {file} (the old file is .bak.1)")
        self._say(saved.format(old=old, new=new, file=self._path.name), False)

    def done(self, result: int) -> None:
        self._closed = True
        self._writer.shutdown(wait=False)  # a save under way still ends
        super().done(result)
