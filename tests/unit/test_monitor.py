"""A bus monitor claims only what OBS confirmed, decodes what OBS sends, and asks only while
someone sees it (without an OBS: the mirror is filled as a connected OBS would fill it, and
the link has no session, so every screenshot asked ends at once as the link being down)."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot
from qasync import QEventLoop

from console.obs.link import ObsLink
from console.obs.monitor import (
    MAX_WIDTH,
    MIN_WIDTH,
    Bus,
    BusMonitor,
    Frame,
    Status,
    decode,
    request_width,
)
from console.obs.state import LinkPhase, LinkState, RoomState
from tests.conftest import Drive
from tests.support import FAST

BLUE = QColor(30, 58, 138)


def jpeg_uri(colour: QColor = BLUE, width: int = 64, height: int = 36) -> str:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(colour)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, "JPG", 90)
    return "data:image/jpg;base64," + base64.b64encode(bytes(data.data())).decode()


def connect(state: RoomState, studio: bool = False) -> None:
    state.load(
        {
            "scenes": {
                "scenes": [{"sceneName": "Host", "sceneIndex": 1}, {"sceneName": "Product"}],
                "currentProgramSceneName": "Host",
                "currentPreviewSceneName": "Product",
            },
            "studio": {"studioModeEnabled": studio},
            "inputs": [],
            "transitions": {"transitions": []},
            "transition": {},
        }
    )
    state.set_link(LinkState(LinkPhase.CONNECTED, obs_version="29.0.2"))


@pytest.fixture
def link() -> Iterator[ObsLink]:
    yield ObsLink("main", "127.0.0.1", 1, "", RoomState(), FAST)  # never started


@pytest.fixture
def decoder() -> Iterator[ThreadPoolExecutor]:
    pool = ThreadPoolExecutor(1)
    yield pool
    pool.shutdown()


def frame_of(monitor: BusMonitor, scene: str, asked_at: float) -> Frame:
    image = decode(jpeg_uri())
    return Frame(scene, image, monitor.connection, asked_at, asked_at + 0.02)


def test_a_screenshot_is_decoded_to_its_image() -> None:
    image = decode(jpeg_uri(BLUE, 64, 36))
    assert (image.width(), image.height()) == (64, 36)
    pixel = image.pixelColor(32, 18)
    assert abs(pixel.red() - 30) < 6 and abs(pixel.green() - 58) < 6
    assert abs(pixel.blue() - 138) < 6


@pytest.mark.parametrize(
    "uri", ["", "data:image/jpg;base64,", "data:image/jpg;base64,@@@", "no comma at all"]
)
def test_what_holds_no_image_is_refused(uri: str) -> None:
    with pytest.raises(ValueError):
        decode(uri)


def test_the_width_asked_is_the_width_shown_within_obs_limits() -> None:
    assert request_width(200) == 200
    assert request_width(399.6) == 400
    assert request_width(0.5) == MIN_WIDTH
    assert request_width(10_000) == MAX_WIDTH


def test_a_recent_frame_of_the_scene_on_the_bus_is_live_and_nothing_else_is(
    link: ObsLink, decoder: ThreadPoolExecutor
) -> None:
    state = link.state
    monitor = BusMonitor(Bus.PROGRAM, link, 2.0, decoder)
    assert monitor.status(0.0) is Status.NO_SIGNAL
    connect(state)
    assert monitor.status(0.0) is Status.WAITING
    monitor.frame = frame_of(monitor, "Host", asked_at=100.0)
    assert monitor.status(100.5) is Status.LIVE
    assert monitor.status(100.0 + monitor.stale_after + 0.1) is Status.STALE
    state.apply("CurrentProgramSceneChanged", {"sceneName": "Product"})
    assert monitor.status(100.5) is Status.STALE  # of the scene that was on program
    state.apply("CurrentProgramSceneChanged", {"sceneName": "Host"})
    assert monitor.status(100.5) is Status.LIVE


def test_a_frame_from_before_the_link_dropped_is_never_live_again(
    link: ObsLink, decoder: ThreadPoolExecutor
) -> None:
    state = link.state
    monitor = BusMonitor(Bus.PROGRAM, link, 2.0, decoder)
    connect(state)
    monitor.frame = frame_of(monitor, "Host", asked_at=100.0)
    state.set_link(LinkState(LinkPhase.RECONNECTING, "link lost"))
    assert monitor.status(100.1) is Status.NO_SIGNAL
    connect(state)
    assert monitor.status(100.1) is Status.STALE  # recent, but OBS may have changed since


def test_the_preview_monitor_is_off_outside_studio_mode(
    link: ObsLink, decoder: ThreadPoolExecutor
) -> None:
    state = link.state
    monitor = BusMonitor(Bus.PREVIEW, link, 2.0, decoder)
    connect(state, studio=False)
    assert (monitor.scene, monitor.status(0.0)) == (None, Status.OFF)
    connect(state, studio=True)
    assert (monitor.scene, monitor.status(0.0)) == ("Product", Status.WAITING)


def test_the_stale_limit_follows_the_frame_rate(link: ObsLink, decoder: ThreadPoolExecutor) -> None:
    assert BusMonitor(Bus.PROGRAM, link, 0.2, decoder).stale_after == pytest.approx(12.5)
    assert BusMonitor(Bus.PROGRAM, link, 5.0, decoder).stale_after == pytest.approx(1.5)


class Clock:
    """A monitor of another room, seen and connected all along: while it asks again and
    again, time passes for every monitor at the same rate (no sleeping)."""

    def __init__(self, decoder: ThreadPoolExecutor, qtbot: QtBot) -> None:
        link = ObsLink("clock", "127.0.0.1", 1, "", RoomState(), FAST)
        connect(link.state)
        self.monitor = BusMonitor(Bus.PROGRAM, link, FPS, decoder)
        self.monitor.seen(self, 320)
        self._qtbot = qtbot

    def ticks(self, count: int) -> None:
        """Wait until the clock's monitor asked ``count`` more times."""
        goal = self.monitor.asked + count
        self._qtbot.waitUntil(lambda: self.monitor.asked >= goal)


FPS = 20.0


@pytest.fixture
def running(
    link: ObsLink, decoder: ThreadPoolExecutor, qtbot: QtBot, aloop: QEventLoop, drive: Drive
) -> Iterator[tuple[BusMonitor, BusMonitor, Clock]]:
    """The room's program and preview monitors and the clock, their loops running."""
    clock = Clock(decoder, qtbot)
    program = BusMonitor(Bus.PROGRAM, link, FPS, decoder)
    preview = BusMonitor(Bus.PREVIEW, link, FPS, decoder)
    monitors = (program, preview, clock.monitor)

    async def start() -> None:
        for monitor in monitors:
            monitor.start()

    drive(start())
    yield program, preview, clock
    for monitor in monitors:
        drive(monitor.close())


def test_it_asks_only_while_someone_sees_it(
    link: ObsLink, running: tuple[BusMonitor, BusMonitor, Clock], qtbot: QtBot
) -> None:
    program, _, clock = running
    connect(link.state)
    clock.ticks(5)
    assert program.asked == 0  # nobody sees it
    program.seen("window", 320)
    qtbot.waitUntil(lambda: program.asked >= 3)
    program.seen("window", 0)
    asked = program.asked
    clock.ticks(5)
    assert program.asked == asked
    program.seen("window", 320)
    qtbot.waitUntil(lambda: program.asked > asked)


def test_it_asks_only_while_connected_and_the_bus_has_a_scene(
    link: ObsLink, running: tuple[BusMonitor, BusMonitor, Clock], qtbot: QtBot
) -> None:
    program, preview, clock = running
    program.seen("window", 320)
    preview.seen("window", 320)
    clock.ticks(5)
    assert (program.asked, preview.asked) == (0, 0)  # the link was never up
    connect(link.state, studio=False)
    qtbot.waitUntil(lambda: program.asked >= 3)
    clock.ticks(5)
    assert preview.asked == 0  # studio mode is off: no preview to show
    connect(link.state, studio=True)
    qtbot.waitUntil(lambda: preview.asked >= 3)
    link.state.set_link(LinkState(LinkPhase.RECONNECTING, "link lost"))
    asked = (program.asked, preview.asked)
    clock.ticks(5)
    assert (program.asked, preview.asked) == asked
