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

from PySide6.QtCore import Qt
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
from console.ui.theme import mark, named

WINDOW_KEYS = {
    "Ctrl+K": "the command palette",
    ":": "the command palette",
    "Ctrl+Alt+L": "the window's other language",
}
"""Keys the window itself uses besides the reserved ones (see console.profile.keys)."""


def clash(hotkeys: Sequence[Hotkey], binding: Hotkey, pressed: str) -> tuple[str | None, str]:
    """The canonical key ``pressed`` (Qt's portable text) would bind ``binding`` to, and
    what is wrong with it; (None, why) if it cannot be used at all, (key, "") if fine."""
    try:
        key = canonical_hotkey(pressed)
    except HotkeyError as exc:
        return None, str(exc)
    if key == binding.key:
        return None, f"{key} is already this binding's key"
    if key in WINDOW_KEYS:
        return None, f"{key} opens {WINDOW_KEYS[key]}"
    other = next((hotkey for hotkey in hotkeys if hotkey.key == key), None)
    if other is not None:
        return None, f"{key} is bound to {other.command} already"
    refusal = global_refusal(key) if binding.is_global else None
    if refusal is not None:
        return None, f"{refusal} (this binding is global)"
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
        self.setWindowTitle("Rebind a hotkey")
        self.resize(720, 560)
        self._path: Path = profile.path
        self._hotkeys: tuple[Hotkey, ...] = profile.hotkeys
        self._applied = applied
        self._new_key: str | None = None
        self._closed = False  # a save may end after the dialog is gone
        self._tasks = TaskSet()
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rebind-writer")

        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels(["Key", "Command", "Global"])
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
        self.save_button = QPushButton("Save to profile", self)
        self.save_button.setEnabled(False)
        close = QPushButton("Close", self)
        for button in (self.save_button, close):  # Enter on the table picks, never closes
            button.setAutoDefault(False)

        layout = QVBoxLayout(self)
        hint = QLabel("↑/↓ pick a binding · Enter, then press its new key · Enter saves", self)
        hint.setProperty("dim", True)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addWidget(QLabel("New key:", self))
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
            self.table.setItem(row, 2, QTableWidgetItem("global" if hotkey.is_global else ""))
        keys = [hotkey.key for hotkey in self._hotkeys]
        self.table.selectRow(keys.index(selected) if selected in keys else 0)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _say(self, text: str, alert: bool) -> None:
        self.verdict.setText(text)
        mark(self.verdict, "alert", alert)

    # -- slots ------------------------------------------------------------------------------

    def on_table_item_activated(self, item: QTableWidgetItem) -> None:
        self.capture.clear()
        self.capture.setFocus(Qt.FocusReason.OtherFocusReason)
        binding = self.binding
        if binding is not None:
            self._say(f"press the new key for {binding.command} (now {binding.key})", False)

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
            self._say(f"✗ {problem}", True)
        else:
            self._say(f"{binding.key} → {key} for {binding.command}: free · Enter saves", False)

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
            why = exc.strerror or exc if isinstance(exc, OSError) else exc
            if not self._closed:
                self._say(f"✗ not saved to {self._path.name}: {why}", True)
                self.save_button.setEnabled(True)
            return
        self._applied(profile)  # the file has the new key: so must the window, dialog or not
        if self._closed:
            return
        self._hotkeys = profile.hotkeys
        self.capture.clear()
        self._fill(new)
        self._say(f"✓ {old} → {new}, saved to {self._path.name} (the old file is .bak.1)", False)

    def done(self, result: int) -> None:
        self._closed = True
        self._writer.shutdown(wait=False)  # a save under way still ends
        super().done(result)
