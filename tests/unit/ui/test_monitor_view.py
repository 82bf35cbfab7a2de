"""The monitors in a room's column: they say when the operator can see them (and so when OBS
is asked for screenshots), and they draw a frame as live only while it is."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QRect
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot
from qasync import QEventLoop

from console.obs.monitor import Frame, Status, decode
from console.obs.state import LinkPhase, LinkState
from console.services import Console
from console.ui.language import CHINESE, ENGLISH, Language
from console.ui.main_window import MainWindow
from console.ui.monitor_view import MonitorView
from tests.conftest import Drive
from tests.unit.test_monitor import BLUE, jpeg_uri
from tests.unit.ui.rooms import connected_rooms


def _window(tmp_path: Path, qtbot: QtBot, extra: str = "") -> tuple[MainWindow, Console]:
    console = connected_rooms(tmp_path, 2, extra=extra)
    window = MainWindow(console)
    qtbot.addWidget(window)
    window.setGeometry(QRect(0, 0, 1920, 1040))
    window.show()
    qtbot.waitExposed(window)
    return window, console


def test_the_monitors_are_asked_for_only_while_the_operator_can_see_them(
    tmp_path: Path, qtbot: QtBot, aloop: QEventLoop, drive: Drive
) -> None:
    window, console = _window(tmp_path, qtbot)
    monitors = [monitor for room in window.rooms for monitor in room.monitors]
    qtbot.waitUntil(lambda: all(monitor.width > 0 for monitor in monitors))
    panel = window.panels["room1"]
    program_view = panel.monitor_views[0]
    assert program_view.monitor is window.rooms.get("room1").monitors.program
    assert program_view.monitor.width >= program_view.picture_rect().width()
    program_view.hide()
    assert program_view.monitor.width == 0
    assert panel.monitor_views[1].monitor.width > 0  # the other one is still in view
    program_view.show()
    qtbot.waitUntil(lambda: program_view.monitor.width > 0)
    window.showMinimized()
    qtbot.waitUntil(lambda: all(monitor.width == 0 for monitor in monitors))
    window.showNormal()
    qtbot.waitUntil(lambda: all(monitor.width > 0 for monitor in monitors))
    window.close()
    assert all(monitor.width == 0 for monitor in monitors)
    drive(console.close())


def test_turned_off_in_the_profile_the_column_has_no_monitors(
    tmp_path: Path, qtbot: QtBot, aloop: QEventLoop, drive: Drive
) -> None:
    window, console = _window(tmp_path, qtbot, extra="monitors: false\n")
    assert all(panel.monitor_views == [] for panel in window.panels.values())
    window.close()
    drive(console.close())


def _centre(window: MainWindow) -> QColor:
    view = window.panels["room1"].monitor_views[0]
    view.repaint()
    return view.grab().toImage().pixelColor(view.picture_rect().center())


def test_a_frame_is_drawn_as_it_is_only_while_live_then_dimmed_with_no_signal(
    tmp_path: Path, qtbot: QtBot, aloop: QEventLoop, drive: Drive
) -> None:
    window, console = _window(tmp_path, qtbot)
    room = window.rooms.get("room1")
    monitor = room.monitors.program
    now = time.monotonic()
    monitor.frame = Frame("Host", decode(jpeg_uri(BLUE)), monitor.connection, now, now)
    live = _centre(window)
    assert abs(live.blue() - BLUE.blue()) < 8 and abs(live.red() - BLUE.red()) < 8
    room.state.set_link(LinkState(LinkPhase.RECONNECTING, "link lost"))
    dimmed = _centre(window)
    assert dimmed.blue() < BLUE.blue() / 2  # the last frame, never shown as live
    window.close()
    drive(console.close())


class Paints(QObject):
    """What a view's monitor could claim each time the view was painted."""

    def __init__(self, view: MonitorView) -> None:
        super().__init__(view)
        self.statuses: list[Status] = []
        self._view = view
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.statuses.append(self._view.monitor.status(time.monotonic()))
        return False


def test_a_frame_not_followed_by_another_is_drawn_stale_on_time(
    tmp_path: Path, qtbot: QtBot, aloop: QEventLoop, drive: Drive
) -> None:
    window, console = _window(tmp_path, qtbot)
    window._ticker.stop()  # no once-a-second repaint: only the frame's own deadline
    view = window.panels["room1"].monitor_views[0]
    monitor = view.monitor
    paints = Paints(view)
    now = time.monotonic()
    monitor.frame = Frame("Host", decode(jpeg_uri(BLUE)), monitor.connection, now, now)
    view.on_monitor_changed(monitor.frame)  # as the monitor says when a frame arrives
    qtbot.waitUntil(lambda: Status.LIVE in paints.statuses)
    qtbot.waitUntil(lambda: Status.STALE in paints.statuses, timeout=3000)
    assert time.monotonic() - now >= monitor.stale_after
    window.close()
    drive(console.close())


@pytest.mark.parametrize(
    ("rooms", "screen", "beside"),
    [(1, QRect(0, 0, 1366, 728), True), (2, QRect(0, 0, 1920, 1040), False)],
)
def test_the_monitors_go_where_their_picture_is_larger(
    tmp_path: Path,
    qtbot: QtBot,
    aloop: QEventLoop,
    drive: Drive,
    rooms: int,
    screen: QRect,
    beside: bool,
) -> None:
    """A wide, short column (one room on a laptop) has its room beside the controls, one
    monitor above the other; a tall one (two rooms on a large screen) below them."""
    console = connected_rooms(tmp_path, rooms)
    window = MainWindow(console)
    qtbot.addWidget(window)
    window.setGeometry(screen)
    window.show()
    qtbot.waitExposed(window)
    panel = window.panels["room1"]
    area = panel.monitor_area
    assert area is not None
    program, preview = panel.monitor_views
    scene = panel.scene_buttons["Break"]  # the grid's last column

    def beside_the_controls() -> bool:  # one monitor above the other
        return (
            program.geometry().left() > scene.geometry().right()
            and preview.geometry().top() > program.geometry().bottom()
        )

    def below_the_controls() -> bool:  # side by side
        return (
            program.geometry().top() > scene.geometry().bottom()
            and preview.geometry().left() > program.geometry().right()
        )

    qtbot.waitUntil(beside_the_controls if beside else below_the_controls)
    assert area.beside is beside
    assert program.picture_rect().width() >= 120
    window.close()
    drive(console.close())


def test_the_monitors_words_follow_the_windows_language(
    tmp_path: Path, qtbot: QtBot, aloop: QEventLoop, drive: Drive
) -> None:
    """What the monitor draws (its label, its state over the picture) and its tooltip are
    in Chinese once the window is, and back in English after."""
    window, console = _window(tmp_path, qtbot)
    room = console.rooms.get("room1")
    view = window.panels["room1"].monitor_views[0]
    now = time.monotonic()
    frame = Frame("Host", decode(jpeg_uri(BLUE)), view.monitor.connection, now - 12, now - 12)
    room.state.set_link(LinkState(LinkPhase.RECONNECTING, "link lost"))
    language = Language(tmp_path / "translations")
    try:
        language.switch(CHINESE)
        qtbot.waitUntil(lambda: view.toolTip().startswith("节目监视器"))
        assert view.caption(Status.NO_SIGNAL, frame, now) == ["无信号", "最后一帧在 12 秒前"]
        assert view.note(Status.STALE, frame, now) == "画面过时 12 秒"
    finally:
        language.switch(ENGLISH)
    qtbot.waitUntil(lambda: view.toolTip().startswith("Program monitor"))
    assert view.caption(Status.NO_SIGNAL, frame, now) == ["NO SIGNAL", "last frame 12 s ago"]
    window.close()
    drive(console.close())
