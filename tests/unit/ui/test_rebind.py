"""Rebinding in the window: press the new key, see what it clashes with at once, save it into
the profile with its comments, and the new key works without a restart."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from qasync import QEventLoop

from console.commands import ActionRecord
from console.profile import load_profile
from console.profile.store import backup_path
from console.services import Console
from console.ui.main_window import MainWindow
from console.ui.rebind import RebindDialog, clash
from tests.support import FAST, write_rooms
from tests.unit.ui.rooms import connected_rooms, open_window

HOTKEYS = """\
# The cuts: one hand on the function keys.
hotkeys:
  F4: scene.program Product
  F5: scene.program Break      # the safe scene, in a hurry
  Space: scene.take
  # Cutting from OBS too:
  Ctrl+Alt+H: {command: scene.program Host, global: true}
"""


def _window(tmp_path: Path, qtbot: QtBot) -> tuple[MainWindow, list[ActionRecord]]:
    profile = write_rooms(tmp_path, [("main", 1, "")], HOTKEYS)
    return open_window(Console(profile, FAST, log_actions=False), qtbot)


def _rebind(window: MainWindow, qtbot: QtBot, key: str) -> RebindDialog:
    """The dialog for ``key``'s binding, as Enter on it in the cheat sheet opens it, with
    the key being captured (Enter on the binding)."""
    window.cheat_sheet.show()
    sheet = window.cheat_sheet.hotkey_table
    row, column = next(
        (r, c)
        for r in range(sheet.rowCount())
        for c in range(0, sheet.columnCount(), 2)
        if sheet.item(r, c) is not None and sheet.item(r, c).text() == key
    )
    sheet.setCurrentCell(row, column + 1)  # Enter on its command rebinds it as well
    sheet.setFocus()
    qtbot.keyClick(sheet, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), RebindDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, RebindDialog)
    assert dialog.binding is not None and dialog.binding.key == key
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.capture.hasFocus)
    return dialog


def test_f5_rebound_to_f6_is_saved_with_its_comments_and_works_at_once(
    tmp_path: Path, qtbot: QtBot, aloop: QEventLoop
) -> None:
    window, records = _window(tmp_path, qtbot)
    path = window.profile.path
    before = path.read_text(encoding="utf-8")
    dialog = _rebind(window, qtbot, "F5")
    qtbot.keyClick(dialog.capture, Qt.Key.Key_F6)
    assert dialog.verdict.text() == "F5 → F6 for scene.program Break: free · Enter saves"
    qtbot.waitUntil(dialog.save_button.hasFocus)
    qtbot.keyClick(dialog.save_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.verdict.text().startswith("✓"))

    after = path.read_text(encoding="utf-8")
    assert after == before.replace(
        "  F5: scene.program Break      # the safe scene, in a hurry",
        "  F6: scene.program Break      # the safe scene, in a hurry",
    )
    assert backup_path(path, 1).read_text(encoding="utf-8") == before
    assert [h.key for h in load_profile(path).hotkeys] == ["F4", "F6", "Space", "Ctrl+Alt+H"]
    assert "F6" in window.cheat_sheet.bindings() and "F5" not in window.cheat_sheet.bindings()
    palette_keys = [key for key, _ in window.command_palette.completer.hotkeys]
    assert "F6" in palette_keys and "F5" not in palette_keys  # the palette's rows say F6
    dialog.close()
    window.cheat_sheet.close()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F5)  # the old key does nothing any more
    qtbot.keyClick(window, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: bool(records))
    assert [(r.source, r.line) for r in records] == [("hotkey F6", "scene.program Break")]


@pytest.mark.parametrize(
    ("press", "said"),
    [
        (Qt.Key.Key_Space, "✗ Space is bound to scene.take already"),
        (Qt.Key.Key_F1, "✗ F1 is reserved for the cheat sheet"),
        (Qt.Key.Key_F5, "✗ F5 is already this binding's key"),
    ],
)
def test_a_clash_is_shown_at_once_and_nothing_is_saved(
    tmp_path: Path, qtbot: QtBot, aloop: QEventLoop, press: Qt.Key, said: str
) -> None:
    window, records = _window(tmp_path, qtbot)
    path = window.profile.path
    before = path.read_bytes()
    dialog = _rebind(window, qtbot, "F5")
    qtbot.keyClick(dialog.capture, press)
    assert dialog.verdict.text() == said
    assert dialog.verdict.property("alert") is True
    assert not dialog.save_button.isEnabled()
    qtbot.keyClick(dialog.capture, Qt.Key.Key_Return)  # Enter after a clash saves nothing
    assert path.read_bytes() == before
    assert not backup_path(path, 1).exists()
    assert records == []  # the keys pressed into the dialog fired no command
    dialog.close()


def test_a_global_binding_cannot_move_to_a_key_other_programs_type_with(
    tmp_path: Path, qtbot: QtBot, aloop: QEventLoop
) -> None:
    window, _ = _window(tmp_path, qtbot)
    dialog = _rebind(window, qtbot, "Ctrl+Alt+H")
    qtbot.keyClick(dialog.capture, Qt.Key.Key_G)
    assert dialog.verdict.text().startswith("✗ G cannot be global: other applications get")
    assert dialog.verdict.text().endswith("(this binding is global)")
    assert not dialog.save_button.isEnabled()
    dialog.close()


def test_what_each_pressed_key_would_clash_with(tmp_path: Path) -> None:
    hotkeys = write_rooms(tmp_path, [("main", 1, "")], HOTKEYS).hotkeys
    f5, global_h = hotkeys[1], hotkeys[3]
    assert clash(hotkeys, f5, "Shift+F6") == ("Shift+F6", "")
    assert clash(hotkeys, f5, "Ctrl+K") == (None, "Ctrl+K opens the command palette")
    assert clash(hotkeys, f5, "Shift+!")[1].startswith("hotkey 'Shift+!': unknown key '!'")
    assert clash(hotkeys, global_h, "Ctrl+Alt+J") == ("Ctrl+Alt+J", "")
    assert clash(hotkeys, global_h, "Space")[0] is None


def test_buttons_name_the_new_keys_at_once(tmp_path: Path, qtbot: QtBot, aloop: QEventLoop) -> None:
    console = connected_rooms(tmp_path, 1, extra_hotkeys="  A: barrage.approve\n")
    window = MainWindow(console)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    scene = window.panels["room1"].scene_buttons["Product"]
    approve = window.barrage_dock.action_buttons["barrage.approve"]
    assert (scene.text(), approve.text()) == ("Product  F4", "Approve (A)")
    for old, new in (("F4", Qt.Key.Key_F9), ("A", Qt.Key.Key_F10)):
        dialog = _rebind(window, qtbot, old)
        qtbot.keyClick(dialog.capture, new)
        qtbot.keyClick(dialog.save_button, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda d=dialog: d.verdict.text().startswith("✓"))
        dialog.close()
    scene = window.panels["room1"].scene_buttons["Product"]
    assert (scene.text(), approve.text()) == ("Product  F9", "Approve (F10)")
