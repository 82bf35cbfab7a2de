"""A room's column says only what its OBS confirmed: once the link is down, program and
preview are unknown (the last one seen is named as such) and no scene is marked on air."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot
from qasync import QEventLoop

from console.obs.state import LinkPhase, LinkState
from console.ui.main_window import MainWindow
from tests.conftest import Drive
from tests.unit.ui.rooms import connected_rooms


def test_a_room_whose_link_dropped_shows_program_as_unknown(
    tmp_path: Path, qtbot: QtBot, aloop: QEventLoop, drive: Drive
) -> None:
    console = connected_rooms(tmp_path, 2)
    window = MainWindow(console)
    qtbot.addWidget(window)
    panel = window.panels["room2"]
    assert panel.program_label.text() == "PGM  Host"
    assert panel.scene_buttons["Host"].property("program") is True
    console.rooms.get("room2").state.set_link(LinkState(LinkPhase.RECONNECTING, "link lost"))
    assert panel.program_label.text() == "PGM  unknown (last seen: Host)"
    assert panel.preview_label.text() == "PVW  unknown"
    assert not any(button.property("program") for button in panel.scene_buttons.values())
    assert not any(button.property("preview") for button in panel.scene_buttons.values())
    other = window.panels["room1"]
    assert other.program_label.text() == "PGM  Host"  # the other room is untouched
    window.close()
    drive(console.close())


def test_quitting_while_streaming_asks_first_and_stays_open_when_cancelled(
    tmp_path: Path, qtbot: QtBot, aloop: QEventLoop, drive: Drive
) -> None:
    console = connected_rooms(tmp_path, 2)
    window = MainWindow(console)
    qtbot.addWidget(window)
    window.show()
    asked: list[list[str]] = []

    def refuse(running: list[str]) -> bool:
        asked.append(running)
        return False

    window.confirm_quit = refuse  # type: ignore[method-assign]
    assert window.close()  # nothing on air: closes without asking
    assert asked == []
    window.show()
    state = console.rooms.get("room2").state
    state.stats.streaming = True
    state.changed("stats")
    assert not window.close()
    assert asked == [["room2 is streaming"]] and window.isVisible()
    window.confirm_quit = lambda running: True  # type: ignore[method-assign]
    assert window.close()
    drive(console.close())


def test_a_log_that_cannot_be_written_is_said_in_the_status_bar_until_it_works(
    tmp_path: Path, qtbot: QtBot, aloop: QEventLoop, drive: Drive
) -> None:
    console = connected_rooms(tmp_path, 1)
    window = MainWindow(console)
    qtbot.addWidget(window)
    window.show()
    window.on_log_problem("action log", "[Errno 27] File too large")
    assert window.log_problem.isVisible()
    assert window.log_problem.text() == "✗ action log: [Errno 27] File too large"
    window.on_log_problem("action log", "")
    assert not window.log_problem.isVisible()
    window.close()
    drive(console.close())


def test_a_slide_obs_cannot_confirm_is_marked_as_such_while_the_link_is_down(
    tmp_path: Path, qtbot: QtBot, aloop: QEventLoop, drive: Drive
) -> None:
    products = "products:\n  - {sku: steak, name: 眼肉牛排 1kg, price: 69}\n"
    console = connected_rooms(tmp_path, 1, extra=products)
    room = console.rooms.get("room1")
    room.slides.adopt(console.products["steak"])  # as a show restored from its journal
    window = MainWindow(console)
    qtbot.addWidget(window)
    panel = window.panels["room1"]
    assert panel.slide_label.text() == "SLIDE  眼肉牛排 1kg"
    room.state.set_link(LinkState(LinkPhase.RECONNECTING, "link lost"))
    assert panel.slide_label.text() == "SLIDE  ? 眼肉牛排 1kg · OBS not connected"
    room.state.set_link(LinkState(LinkPhase.CONNECTED, obs_version="29.0.2"))
    assert panel.slide_label.text() == "SLIDE  眼肉牛排 1kg"
    window.close()
    drive(console.close())
