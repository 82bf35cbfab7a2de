"""The window on a 1366x768 laptop screen, with one room and with two: nothing off-screen,
no minimum size above the screen, and a long error wraps instead of widening the window."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QDockWidget, QWidget
from pytestqt.qtbot import QtBot
from qasync import QEventLoop

from console.barrage.message import Message
from console.commands import ActionRecord
from console.obs.setup import Finding, Status, Survey
from console.obs.state import LinkPhase, LinkState
from console.profile import load_profile
from console.room_reconcile import Difference
from console.services import Console
from console.ui.main_window import MainWindow
from console.ui.monitor_view import MIN_PICTURE
from console.ui.theme import apply_theme
from tests.conftest import Drive
from tests.support import FAST
from tests.unit.ui.rooms import connected_rooms

LAPTOP = QRect(0, 0, 1366, 768)
TASKBAR = 40  # what a desktop panel usually takes off the screen's height

DEMO = Path(__file__).resolve().parents[3] / "profiles" / "demo.yaml"


def _shown(dock: QDockWidget) -> bool:
    """Visible and not a tab hidden behind another dock."""
    return dock.isVisible() and not dock.visibleRegion().isEmpty()


def _inside(widget: QWidget, window: MainWindow) -> bool:
    top_left = widget.mapTo(window, widget.rect().topLeft())
    return window.rect().contains(QRect(top_left, widget.size()))


@pytest.mark.parametrize("rooms", [1, 2])
def test_every_dock_and_room_lies_inside_a_laptop_screen(
    tmp_path: Path, qtbot: QtBot, aloop: QEventLoop, drive: Drive, rooms: int
) -> None:
    console = connected_rooms(tmp_path, rooms)
    window = MainWindow(console)
    qtbot.addWidget(window)
    minimum = window.minimumSizeHint()
    assert minimum.width() <= LAPTOP.width()
    assert minimum.height() <= LAPTOP.height() - TASKBAR
    window.setGeometry(QRect(0, 0, LAPTOP.width(), LAPTOP.height() - TASKBAR))
    window.show()
    qtbot.waitExposed(window)
    assert window.width() == LAPTOP.width() and window.height() == LAPTOP.height() - TASKBAR
    visible_docks = [d for d in window.findChildren(QDockWidget) if _shown(d)]
    assert {d.objectName() for d in visible_docks} >= {"showDock", "barrageDock"}
    window.command_palette.open()  # over the window, inside it
    for part in [*visible_docks, *window.panels.values(), window.command_palette]:
        assert part.width() > 0 and part.height() > 0, part.objectName()
        assert _inside(part, window), part.objectName()
    # The columns' free space goes to the monitors: program and preview of every room, in
    # view and large enough to be asked for.
    views = [view for panel in window.panels.values() for view in panel.monitor_views]
    assert len(views) == 2 * rooms
    qtbot.waitUntil(lambda: all(view.monitor.width > 0 for view in views))  # laid out
    for view in views:
        assert _inside(view, window)
        assert view.picture_rect().width() >= MIN_PICTURE
    shot = window.grab()
    assert (shot.width(), shot.height()) == (window.width(), window.height())
    shot.save(str(tmp_path / f"window-{rooms}-rooms.png"))
    window.close()
    drive(console.close())


def test_a_long_error_wraps_instead_of_widening_the_window(
    tmp_path: Path, qtbot: QtBot, aloop: QEventLoop, drive: Drive
) -> None:
    console = connected_rooms(tmp_path, 2)
    window = MainWindow(console)
    qtbot.addWidget(window)
    window.setGeometry(QRect(0, 0, LAPTOP.width(), LAPTOP.height() - TASKBAR))
    window.show()
    qtbot.waitExposed(window)
    reason = "OBS refused SetCurrentProgramScene: " + "no scene called that " * 40
    window.on_action_recorded(
        ActionRecord(time.time(), "scene.program Nope", "test", False, reason, 1.0)
    )
    qtbot.waitUntil(lambda: "no scene called that" in window.last_action.text())
    assert window.minimumSizeHint().width() <= LAPTOP.width()
    assert window.minimumSizeHint().height() <= LAPTOP.height() - TASKBAR
    assert (window.width(), window.height()) == (LAPTOP.width(), LAPTOP.height() - TASKBAR)
    assert window.last_action.toolTip().endswith(reason)  # whole, where the pointer asks
    for dock in window.findChildren(QDockWidget):
        if _shown(dock):
            assert _inside(dock, window), dock.objectName()
    window.close()
    drive(console.close())


def test_a_room_that_lost_its_obs_with_a_long_reason_still_fits(
    tmp_path: Path, qtbot: QtBot, aloop: QEventLoop, drive: Drive
) -> None:
    console = connected_rooms(tmp_path, 2)
    reason = "cannot reach OBS at 192.168.100.200:4455: [Errno 111] Connection refused " * 3
    console.rooms.get("room2").state.set_link(
        LinkState(LinkPhase.RECONNECTING, reason, retry_at=None)
    )
    window = MainWindow(console)
    qtbot.addWidget(window)
    assert window.minimumSizeHint().height() <= LAPTOP.height() - TASKBAR
    assert window.minimumSizeHint().width() <= LAPTOP.width()
    window.setGeometry(QRect(0, 0, LAPTOP.width(), LAPTOP.height() - TASKBAR))
    window.show()
    qtbot.waitExposed(window)
    assert window.height() == LAPTOP.height() - TASKBAR  # the window did not grow
    for part in [*window.panels.values(), window.barrage_dock]:
        assert _inside(part, window), part.objectName()
    panel = window.panels["room2"]
    assert panel.link_reason.toolTip().startswith("reconnecting: cannot reach OBS")
    assert panel.link_reason.height() < 2 * panel.fontMetrics().height()  # one line
    window.close()
    drive(console.close())


@pytest.fixture
def themed(qapp: QApplication) -> Iterator[None]:
    """The console's own theme (its fonts and paddings decide what fits), undone after."""
    sheet, palette, font = qapp.styleSheet(), qapp.palette(), qapp.font()
    apply_theme(qapp)
    yield
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    qapp.setFont(font)


def test_typing_moves_nothing_on_screen(
    tmp_path: Path, qtbot: QtBot, aloop: QEventLoop, drive: Drive, themed: None
) -> None:
    """The typing banner appears in the demo's header (a long title) without widening it:
    the room column and the docks stay where the operator's eyes know them."""
    console = Console(load_profile(DEMO), FAST, log_actions=False)
    window = MainWindow(console)
    qtbot.addWidget(window)
    window.setGeometry(QRect(0, 0, LAPTOP.width(), LAPTOP.height() - TASKBAR))
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(window.isActiveWindow)
    parts = [*window.panels.values(), *window.findChildren(QDockWidget)]
    before = [part.geometry() for part in parts]
    window.command_palette.open()
    qtbot.waitUntil(window.typing_banner.isVisible)
    QApplication.processEvents()  # let the layouts settle, as a shown frame does
    assert [part.geometry() for part in parts] == before
    banner = window.typing_banner
    assert banner.width() >= banner.sizeHint().width()  # and it is read whole
    window.close()
    drive(console.close())


def test_the_demo_on_a_laptop_has_room_for_its_monitors(
    tmp_path: Path, qtbot: QtBot, aloop: QEventLoop, drive: Drive, themed: None
) -> None:
    """Themed, the demo's one room fills a laptop screen's height with its controls: its
    monitors go beside them, one above the other, large enough to read a scene."""
    console = Console(load_profile(DEMO), FAST, log_actions=False)
    window = MainWindow(console)
    qtbot.addWidget(window)
    window.setGeometry(QRect(0, 0, LAPTOP.width(), LAPTOP.height() - TASKBAR))
    window.show()
    qtbot.waitExposed(window)
    assert window.height() == LAPTOP.height() - TASKBAR
    panel = window.panels["supermarket"]
    qtbot.waitUntil(lambda: panel.monitor_area is not None and panel.monitor_area.beside)
    for view in panel.monitor_views:
        assert _inside(view, window)
        assert view.picture_rect().width() >= 160
    window.close()
    drive(console.close())


@pytest.mark.parametrize("rooms", [1, 2])
def test_the_busiest_state_of_a_show_never_makes_the_window_taller_than_the_screen(
    tmp_path: Path, qtbot: QtBot, aloop: QEventLoop, drive: Drive, themed: None, rooms: int
) -> None:
    """Themed, each room at its busiest at once: six scenes and the overlay scene, OBS lacking
    pieces of the show, three differences after a restart, a pinned comment, a slide; the
    barrage with many questions. The window keeps the screen's height."""
    console = connected_rooms(tmp_path, rooms, more_scenes=("Show Overlays",))
    window = MainWindow(console)
    qtbot.addWidget(window)
    height = LAPTOP.height() - TASKBAR
    window.setGeometry(QRect(0, 0, LAPTOP.width(), height))
    window.show()
    qtbot.waitExposed(window)
    missing = tuple(
        Finding(Status.MISSING, scene, None, f"scene {scene!r}")
        for scene in ("Opening", "Host", "Product", "Break", "Show Overlays")
    )
    for room in console.rooms:
        room.setup.survey = Survey((1920, 1080), missing)
        room.setup._observers.notify(room.setup)  # as a check of OBS would
        room.reconciliation.differences = [
            Difference("program", "OBS is on 'Standby'; the show was on 'Product'"),
            Difference("slide", "OBS's slide is not the steak's, which the show had on air"),
            Difference("pin", "the pinned comment is not on air: 牛排几号链接？" * 3),
        ]
        room.reconciliation._observers.notify(room.reconciliation)
    for n in range(12):
        text = f"请问第{n}个问题是什么时候发货呢？"
        console.barrage.ingest.put(Message("test", "room1", f"q{n}", f"u{n}", f"u{n}", text, 1.0))
    console.barrage.ingest.flush()
    window.barrage_dock.stats_panel.show_stats(console.barrage.stats.snapshot())
    QApplication.processEvents()
    for panel in window.panels.values():
        shown = [button.text().split("\n")[0] for button in panel.scene_buttons.values()]
        assert "Show Overlays" not in shown  # nested in the show scenes, never cut to
        assert panel.setup_offer.isVisible() and panel.differences_label.isVisible()
    assert window.minimumSizeHint().height() <= height
    assert window.minimumSizeHint().width() <= LAPTOP.width()
    assert (window.width(), window.height()) == (LAPTOP.width(), height)
    for panel in window.panels.values():  # each alert's first words, beside its button
        assert panel.differences_label.width() >= 90
        assert panel.setup_offer.line.width() >= 90
    for part in [*window.panels.values(), window.statusBar()]:
        assert _inside(part, window), part.objectName()
    window.grab().save(str(tmp_path / f"busiest-{rooms}.png"))
    window.close()
    drive(console.close())
