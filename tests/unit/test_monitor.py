"""A bus monitor claims only what OBS confirmed, decodes what OBS sends, and asks only while
someone sees it (without an OBS: the mirror is filled as a connected OBS would fill it, and
the link has no session, so every screenshot asked ends at once as the link being down)."""

from __future__ import annotations

import asyncio
import base64
from collections.abc import Awaitable, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage

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


def connect(state: RoomState, studio: bool = False, program: str = "Host") -> None:
    state.load(
        {
            "scenes": {
                "scenes": [{"sceneName": program, "sceneIndex": 1}, {"sceneName": "Product"}],
                "currentProgramSceneName": program,
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


FPS = 20.0


class Asked:
    """The screenshots a link is asked for, by scene, and a way to await more of them (the
    requests go on to the real link, which refuses them: it has no session)."""

    def __init__(self, link: ObsLink) -> None:
        self.scenes: list[str] = []
        self._more = asyncio.Event()
        real = link.request

        async def request(name: str, reply_within: float | None = None, **data: Any) -> Any:
            self.scenes.append(str(data["sourceName"]))
            self._more.set()
            return await real(name, reply_within, **data)

        link.request = request  # type: ignore[method-assign]

    def count(self, scene: str) -> int:
        return self.scenes.count(scene)

    async def more(self, scene: str, count: int) -> None:
        """Until ``count`` more screenshots of ``scene`` were asked for."""
        goal = self.count(scene) + count
        while self.count(scene) < goal:
            self._more.clear()
            await asyncio.wait_for(self._more.wait(), 5)


Scenario = Callable[[BusMonitor, BusMonitor, Asked, Asked], Awaitable[None]]


def run(link: ObsLink, decoder: ThreadPoolExecutor, scenario: Scenario) -> None:
    """``scenario(program, preview, asked, clock)`` on a loop of its own: the room's two
    monitors, what their link is asked, and a clock: a monitor of another room, seen and
    connected all along, whose screenshots of its scene ``Clock`` mark time passing for
    every monitor at the same rate (no sleeping)."""

    async def main() -> None:
        other = ObsLink("clock", "127.0.0.1", 1, "", RoomState(), FAST)
        connect(other.state, program="Clock")
        clock = BusMonitor(Bus.PROGRAM, other, FPS, decoder)
        clock.seen("window", 320)
        program = BusMonitor(Bus.PROGRAM, link, FPS, decoder)
        preview = BusMonitor(Bus.PREVIEW, link, FPS, decoder)
        asked, ticks = Asked(link), Asked(other)
        for monitor in (program, preview, clock):
            monitor.start()
        try:
            await scenario(program, preview, asked, ticks)
        finally:
            for monitor in (program, preview, clock):
                await monitor.close()

    asyncio.run(main())


def test_it_asks_only_while_someone_sees_it(link: ObsLink, decoder: ThreadPoolExecutor) -> None:
    async def scenario(program: BusMonitor, _: BusMonitor, asked: Asked, clock: Asked) -> None:
        connect(link.state)
        await clock.more("Clock", 5)
        assert asked.count("Host") == 0  # nobody sees it
        program.seen("window", 320)
        await asked.more("Host", 3)
        program.seen("window", 0)
        before = asked.count("Host")
        await clock.more("Clock", 5)
        assert asked.count("Host") == before
        program.seen("window", 320)
        await asked.more("Host", 1)

    run(link, decoder, scenario)


def test_it_asks_only_while_connected_and_the_bus_has_a_scene(
    link: ObsLink, decoder: ThreadPoolExecutor
) -> None:
    async def scenario(
        program: BusMonitor, preview: BusMonitor, asked: Asked, clock: Asked
    ) -> None:
        program.seen("window", 320)
        preview.seen("window", 320)
        await clock.more("Clock", 5)
        assert asked.scenes == []  # the link was never up
        connect(link.state, studio=False)
        await asked.more("Host", 3)
        await clock.more("Clock", 5)
        assert asked.count("Product") == 0  # studio mode is off: no preview to show
        connect(link.state, studio=True)
        await asked.more("Product", 3)
        link.state.set_link(LinkState(LinkPhase.RECONNECTING, "link lost"))
        before = len(asked.scenes)
        await clock.more("Clock", 5)
        assert len(asked.scenes) == before

    run(link, decoder, scenario)
