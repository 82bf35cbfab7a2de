"""Where the keys go: the show keys work at start-up and after a typed command, and the
window says so unmistakably while keys go into a text field."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from qasync import QEventLoop

from console.commands import ActionRecord
from console.ui.main_window import MainWindow
from tests.conftest import Drive
from tests.unit.ui.rooms import connected_rooms, open_window


def _window(tmp_path: Path, qtbot: QtBot) -> tuple[MainWindow, list[ActionRecord]]:
    console = connected_rooms(tmp_path, 2, extra_hotkeys="  Space: scene.take\n")
    return open_window(console, qtbot)


def _press_space(window: MainWindow, qtbot: QtBot) -> None:
    """Space where a real key press goes: to the application's focus widget."""
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, Qt.Key.Key_Space)


def test_at_start_up_a_single_key_hotkey_fires_and_types_nothing(
    tmp_path: Path, qtbot: QtBot, aloop: QEventLoop, drive: Drive
) -> None:
    window, records = _window(tmp_path, qtbot)
    assert window.focusWidget() is not window.command_palette.input
    assert not window.typing_banner.isVisible()
    _press_space(window, qtbot)
    qtbot.waitUntil(lambda: any(r.source == "hotkey Space" for r in records))
    assert window.command_palette.input.text() == ""
    window.close()


def test_after_a_typed_command_the_show_keys_work_again(
    tmp_path: Path, qtbot: QtBot, aloop: QEventLoop, drive: Drive
) -> None:
    window, records = _window(tmp_path, qtbot)
    line = window.command_palette.input
    window.command_palette.open()
    qtbot.waitUntil(line.hasFocus)
    assert window.typing_banner.isVisible()
    qtbot.keyClicks(line, "room.select room2")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not line.hasFocus())
    assert not window.typing_banner.isVisible()
    qtbot.waitUntil(lambda: window.working_room == "room2")
    _press_space(window, qtbot)
    qtbot.waitUntil(lambda: any(r.source == "hotkey Space" for r in records))
    taken = next(r for r in records if r.source == "hotkey Space")
    assert taken.room == "room2"  # in the room the typed command selected
    assert QApplication.focusWidget() is window.panels["room2"]
    assert line.text() == "" and not window.command_palette.isVisible()


def test_escape_in_the_palette_gives_the_keys_back(
    tmp_path: Path, qtbot: QtBot, aloop: QEventLoop
) -> None:
    window, records = _window(tmp_path, qtbot)
    line = window.command_palette.input
    window.command_palette.open()
    qtbot.waitUntil(line.hasFocus)
    qtbot.keyClicks(line, "scene.pro")
    qtbot.keyClick(line, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not line.hasFocus())
    assert line.text() == "" and not window.typing_banner.isVisible()
    assert QApplication.focusWidget() is window.panels["room1"]
    assert records == []
