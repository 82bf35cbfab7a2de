"""The command palette in the window: Ctrl+K or : opens it, typing filters, Tab completes
the command and then its arguments from the show, Enter runs the line through the registry
(trigger ``palette``), Esc closes it; the keys go back to the room column either way."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from qasync import QEventLoop

from console.commands import ActionRecord
from console.services import Console
from console.ui.main_window import MainWindow
from console.ui.palette import ROWS, Palette
from tests.conftest import Drive
from tests.unit.ui.rooms import SCENES, connected_rooms, open_window

SHOW = """\
products:
  - {sku: steak-ribeye-1kg, name: 眼肉牛排 1kg, price: 69}
  - {sku: oats-1kg, name: 燕麦片 1kg, price: 29}
"""


Opened = tuple[MainWindow, Palette, list[ActionRecord]]


@pytest.fixture
def opened(
    tmp_path: Path, qtbot: QtBot, aloop: QEventLoop, drive: Drive
) -> Iterator[Callable[..., Opened]]:
    """``opened(hotkeys="")``: the window of a two-room show, active, its records kept."""
    consoles: list[Console] = []

    def make(hotkeys: str = "") -> Opened:
        console = connected_rooms(tmp_path, 2, extra_hotkeys=hotkeys, extra=SHOW)
        consoles.append(console)
        window, records = open_window(console, qtbot)
        return window, window.command_palette, records

    yield make
    for console in consoles:
        drive(console.close())  # qtbot closes the window after this


def _press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier | None = None) -> None:
    """A key where a real key press goes: to the application's focus widget."""
    target = QApplication.focusWidget()
    assert target is not None
    if modifier is None:
        qtbot.keyClick(target, key)
    else:
        qtbot.keyClick(target, key, modifier)


def _open(palette: Palette, qtbot: QtBot) -> None:
    _press(qtbot, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(palette.input.hasFocus)


def _labels(palette: Palette) -> list[str]:
    rows = palette.list
    return [rows.topLevelItem(i).text(0) for i in range(rows.topLevelItemCount())]  # type: ignore[union-attr]


def _chosen(palette: Palette) -> str | None:
    row = palette.chosen()
    return None if row is None else row.label


def test_ctrl_k_opens_the_palette_over_every_command_with_the_keys_in_it(
    opened: Callable[..., Opened], qtbot: QtBot
) -> None:
    window, palette, _records = opened()
    assert not palette.isVisible()
    _open(palette, qtbot)
    assert palette.isVisible() and window.typing_banner.isVisible()
    assert _labels(palette) == [spec.name for spec in window.registry.specs()]
    assert _chosen(palette) is None  # Enter on an empty line runs nothing
    program = palette.list.findItems("scene.program", Qt.MatchFlag.MatchExactly, 0)[0]
    assert program.text(1) == window.registry.spec("scene.program").help
    assert program.text(2).split()[:2] == ["F2", "F3"]  # its keys, from the profile


def test_colon_opens_it_too(opened: Callable[..., Opened], qtbot: QtBot) -> None:
    _window, palette, _records = opened()
    _press(qtbot, Qt.Key.Key_Colon)
    qtbot.waitUntil(palette.input.hasFocus)
    assert palette.input.text() == ""  # the key opened it and typed nothing


def test_typing_filters_and_the_best_command_is_chosen(
    opened: Callable[..., Opened], qtbot: QtBot
) -> None:
    _window, palette, _records = opened()
    _open(palette, qtbot)
    qtbot.keyClicks(palette.input, "take")
    assert _labels(palette) == ["scene.take"]
    assert _chosen(palette) == "scene.take"
    assert palette.action.text() == "Enter runs  scene.take"
    palette.input.clear()
    qtbot.keyClicks(palette.input, "spg")
    assert _labels(palette)[0] == "scene.program" and len(_labels(palette)) < 5


def test_tab_completes_the_command_then_offers_the_scenes_obs_has(
    opened: Callable[..., Opened], qtbot: QtBot
) -> None:
    window, palette, _records = opened()
    _open(palette, qtbot)
    qtbot.keyClicks(palette.input, "spg")
    qtbot.keyClick(palette.input, Qt.Key.Key_Tab)
    assert palette.input.text() == "scene.program "
    assert palette.input.hasFocus()  # Tab stayed in the line, not the focus chain
    assert _labels(palette) == SCENES  # the working room's, as its mirror holds them
    host = palette.list.topLevelItem(1)
    assert host is not None and (host.text(1), host.text(2)) == ("on program", "F3")
    assert palette.usage.text().startswith("scene.program <scene> [room=]  ·  scene: ")
    # OBS renames a scene: the palette offers what OBS has now.
    window.rooms.get("room1").state.apply(
        "SceneNameChanged", {"oldSceneName": "Standby", "sceneName": "Lucky Draw"}
    )
    qtbot.keyClicks(palette.input, "luck")
    assert _labels(palette) == ["Lucky Draw"] and _chosen(palette) == "Lucky Draw"
    qtbot.keyClick(palette.input, Qt.Key.Key_Tab)
    assert palette.input.text() == "scene.program 'Lucky Draw' "


def test_enter_runs_the_completed_line_through_the_registry_in_the_room_named(
    opened: Callable[..., Opened], qtbot: QtBot
) -> None:
    window, palette, records = opened()
    _open(palette, qtbot)
    qtbot.keyClicks(palette.input, "spg")
    qtbot.keyClick(palette.input, Qt.Key.Key_Tab)
    qtbot.keyClicks(palette.input, "Ho")
    qtbot.keyClick(palette.input, Qt.Key.Key_Tab)
    assert _labels(palette) == ["room=room1", "room=room2", "room=all"]
    qtbot.keyClick(palette.input, Qt.Key.Key_Down)
    qtbot.keyClick(palette.input, Qt.Key.Key_Down)
    assert _chosen(palette) == "room=room2"
    assert palette.action.text() == "Enter runs  scene.program Host room=room2"
    qtbot.keyClick(palette.input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(records) == 1)
    record = records[0]
    assert (record.line, record.source, record.room) == (
        "scene.program Host room=room2",
        "palette",
        "room2",
    )
    # Shown as every command is (nothing listens for this room's OBS: it fails).
    assert window.last_action.text() == (
        f"✗ OBS not connected · scene.program Host room=room2: {record.result}"
    )
    assert not palette.isVisible()
    assert QApplication.focusWidget() is window.panels["room1"]  # where the keys came from


def test_enter_takes_the_product_named_in_part(opened: Callable[..., Opened], qtbot: QtBot) -> None:
    _window, palette, records = opened()
    _open(palette, qtbot)
    qtbot.keyClicks(palette.input, "slide.show ")
    palette.input.insert("牛排")  # as an input method commits it
    assert _chosen(palette) == "steak-ribeye-1kg"
    qtbot.keyClick(palette.input, Qt.Key.Key_Enter)  # the keypad's Enter
    qtbot.waitUntil(lambda: len(records) == 1)
    assert records[0].line == "slide.show steak-ribeye-1kg"


def test_enter_on_a_command_that_needs_an_argument_completes_it(
    opened: Callable[..., Opened], qtbot: QtBot
) -> None:
    _window, palette, records = opened()
    _open(palette, qtbot)
    qtbot.keyClicks(palette.input, "spg")
    assert palette.action.text() == "Enter takes scene.program, then: scene"
    qtbot.keyClick(palette.input, Qt.Key.Key_Return)
    assert palette.input.text() == "scene.program " and palette.isVisible()
    assert records == []


def test_an_unknown_command_is_said_while_typing_and_shown_in_red_when_run(
    opened: Callable[..., Opened], qtbot: QtBot
) -> None:
    window, palette, records = opened()
    _open(palette, qtbot)
    qtbot.keyClicks(palette.input, "scnee.program Host")
    assert palette.action.text().startswith("✗ unknown command 'scnee.program'")
    assert palette.action.property("alert") is True
    qtbot.keyClick(palette.input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(records) == 1)
    assert records[0].code == "unknown_command" and records[0].source == "palette"
    assert window.last_action.property("alert") is True
    _open(palette, qtbot)
    assert "scnee.program Host" not in _labels(palette)  # never ran: not offered again


def test_recent_lines_come_first_and_run_again_from_the_list(
    opened: Callable[..., Opened], qtbot: QtBot
) -> None:
    _window, palette, records = opened()
    for line in ("scene.take room=room2", "studio.toggle room=room1"):
        _open(palette, qtbot)
        qtbot.keyClicks(palette.input, line)
        palette.choose(None)  # run the line as typed
        qtbot.keyClick(palette.input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(records) == 2)
    _open(palette, qtbot)
    assert _labels(palette)[:3] == [
        "studio.toggle room=room1",
        "scene.take room=room2",
        "barrage.answer",
    ]
    qtbot.keyClick(palette.input, Qt.Key.Key_Down)
    qtbot.keyClick(palette.input, Qt.Key.Key_Down)
    qtbot.keyClick(palette.input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(records) == 3)
    assert (records[2].line, records[2].room) == ("scene.take room=room2", "room2")


def test_escape_closes_it_and_gives_the_keys_back_without_firing_an_escape_hotkey(
    opened: Callable[..., Opened], qtbot: QtBot
) -> None:
    window, palette, records = opened(hotkeys="  Escape: host.stop\n")
    window.panels["room2"].setFocus()
    qtbot.waitUntil(lambda: window.working_room == "room2")
    _open(palette, qtbot)
    qtbot.keyClicks(palette.input, "scene.pro")
    _press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not palette.isVisible())
    assert QApplication.focusWidget() is window.panels["room2"]
    assert not window.typing_banner.isVisible()
    assert records == []  # host.stop did not fire while the palette had the keys
    _press(qtbot, Qt.Key.Key_Escape)  # the show's Escape works again at once
    qtbot.waitUntil(lambda: len(records) == 1)
    assert (records[0].line, records[0].source) == ("host.stop", "hotkey Esc")


def test_a_click_elsewhere_closes_it(opened: Callable[..., Opened], qtbot: QtBot) -> None:
    window, palette, records = opened()
    _open(palette, qtbot)
    qtbot.keyClicks(palette.input, "scene")
    qtbot.mouseClick(window.panels["room2"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not palette.isVisible())
    assert window.working_room == "room2" and records == []
    _open(palette, qtbot)
    assert palette.input.text() == ""  # opened afresh


def test_it_shows_a_dozen_rows_inside_the_window(
    opened: Callable[..., Opened], qtbot: QtBot
) -> None:
    window, palette, _records = opened()
    _open(palette, qtbot)
    assert window.rect().contains(palette.geometry())
    view = palette.list
    last = view.topLevelItem(ROWS - 1)
    assert last is not None
    assert view.visualItemRect(last).bottom() <= view.viewport().height()
