"""The window against a real OBS: hotkeys, buttons, the command palette, the cheat sheet."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from console.commands import ActionRecord
from console.services import Console
from console.ui.main_window import MainWindow
from tests.conftest import Drive
from tests.harness import ObsProbe, ObsStudio
from tests.support import FAST, connected, write_profile


async def _start(console: Console) -> None:
    console.start()


def _open(console: Console, qtbot: QtBot) -> MainWindow:
    window = MainWindow(console)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def window(tmp_path: Path, obs: ObsStudio, qtbot: QtBot, drive: Drive) -> Iterator[MainWindow]:
    console = Console(write_profile(tmp_path, obs.port, obs.password), FAST)
    window = _open(console, qtbot)
    drive(_start(console))
    drive(connected(console.rooms.get("main").state))
    drive(console.registry.run("scene.program Opening", "test"))
    yield window
    drive(console.close())  # qtbot closes the window after this


def _program_became(probe: ObsProbe, scene: str) -> bool:
    return any(
        event.data["sceneName"] == scene for event in probe.events("CurrentProgramSceneChanged")
    )


def test_hotkey_cuts_program_in_obs(window: MainWindow, obs_probe: ObsProbe, qtbot: QtBot) -> None:
    records: list[ActionRecord] = []
    window.registry.add_listener(records.append)
    qtbot.keyClick(window, Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: _program_became(obs_probe, "Product"))
    assert obs_probe.program_scene() == "Product"
    assert [(r.source, r.line, r.ok) for r in records] == [
        ("hotkey F4", "scene.program Product", True)
    ]


def test_scene_button_cuts_program(window: MainWindow, obs_probe: ObsProbe, qtbot: QtBot) -> None:
    panel = window.panels["main"]
    qtbot.mouseClick(panel.scene_buttons["Host"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _program_became(obs_probe, "Host"))


def test_program_changed_in_obs_is_marked_on_its_button(
    window: MainWindow, obs_probe: ObsProbe, qtbot: QtBot
) -> None:
    panel = window.panels["main"]
    obs_probe.set_program("Break")
    qtbot.waitUntil(lambda: panel.scene_buttons["Break"].property("program") is True)
    assert panel.scene_buttons["Opening"].property("program") is False
    assert panel.program_label.text() == "PGM  Break"


def test_a_command_typed_in_the_palette_cuts_obs_program_to_a_scene_obs_offered(
    window: MainWindow, obs_probe: ObsProbe, qtbot: QtBot
) -> None:
    records: list[ActionRecord] = []
    window.registry.add_listener(records.append)
    palette = window.command_palette
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert palette.input.hasFocus()
    qtbot.keyClicks(palette.input, "spg")
    qtbot.keyClick(palette.input, Qt.Key.Key_Tab)
    offered = [row.label for row in palette.reading.rows]
    assert offered == obs_probe.scene_names()  # what this OBS has, in its own order
    qtbot.keyClicks(palette.input, "ho")
    assert palette.action.text() == "Enter runs  scene.program Host"
    qtbot.keyClick(palette.input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _program_became(obs_probe, "Host"))
    assert obs_probe.program_scene() == "Host"
    qtbot.waitUntil(lambda: bool(records))
    assert [(r.source, r.line, r.ok) for r in records] == [("palette", "scene.program Host", True)]
    assert not palette.isVisible() and window.panels["main"].hasFocus()


def test_failed_command_is_shown_in_red_with_obs_reason(window: MainWindow, qtbot: QtBot) -> None:
    palette = window.command_palette
    qtbot.keyClick(window, Qt.Key.Key_Colon)
    qtbot.keyClicks(palette.input, "scene.program Nowhere")
    assert palette.chosen() is None  # OBS has no such scene: nothing to complete
    qtbot.keyClick(palette.input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Nowhere" in window.last_action.text())
    assert "No source was found" in window.last_action.text()
    assert window.last_action.property("alert") is True


def test_f1_opens_the_cheat_sheet_with_the_show_hotkeys(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(window.cheat_sheet.isVisible)
    rows = window.cheat_sheet.bindings()
    assert rows["F4"] == "scene.program Product"
    assert rows["Space"] == "scene.take"
    window.cheat_sheet.close()


def test_window_opens_without_obs_and_says_why(tmp_path: Path, qtbot: QtBot, drive: Drive) -> None:
    with socket.create_server(("127.0.0.1", 0)) as unused:
        port = unused.getsockname()[1]
    console = Console(write_profile(tmp_path, port, "secret"), FAST)
    window = _open(console, qtbot)
    panel = window.panels["main"]
    drive(_start(console))
    qtbot.waitUntil(lambda: panel.link_pill.text() == "RECONNECTING")
    assert "cannot reach OBS" in panel.link_reason.text()
    assert not panel.take_button.isEnabled()
    drive(console.close())
