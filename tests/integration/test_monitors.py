"""The room's monitors against a real OBS: frames at the configured rate showing the scene
as OBS renders it, the preview following studio mode, and nothing asked of OBS while the
monitors are out of sight or the link is down (then the last frame is never shown as live).

Requests are counted where they reach the room's real link (every call is passed on to
OBS). Where a test needs time to pass with nothing asked, it waits for OBS's own heartbeat
answers (the link polls GetStats four times a second) or for the link's reconnect attempts,
never for a sleep.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot
from qasync import QEventLoop

from console.obs.link import ObsLink
from console.obs.monitor import BusMonitor, Frame, Status, request_width
from console.obs.state import LinkPhase, RoomState
from console.services import Console
from console.ui.main_window import MainWindow
from tests.conftest import Drive
from tests.harness import SEED_SCENES, ObsStudio
from tests.support import FAST, HOTKEYS, connected, until, write_rooms

FPS = 4.0
SCENE_COLOURS = {scene.name: scene.colour_abgr for scene in SEED_SCENES}


@pytest.fixture
def console(tmp_path: Path, obs: ObsStudio, drive: Drive) -> Iterator[Console]:
    """A console whose room monitors run at ``FPS``, connected to the module's OBS with
    studio mode off and Opening on program (as it leaves OBS, too)."""
    rooms = [("main", obs.port, obs.password)]
    profile = write_rooms(tmp_path, rooms, HOTKEYS, extra=f"monitors: {{fps: {FPS:g}}}\n")
    service = Console(profile, FAST, log_actions=False)
    state = service.rooms.get("main").state

    async def as_found() -> None:
        await connected(state, within=30)
        if state.studio_mode:
            await service.registry.run("studio.toggle", "test")
        await service.registry.run("scene.program Opening", "test")
        await until(state, lambda: state.program == "Opening" and not state.studio_mode)

    async def start() -> None:
        service.start()
        await as_found()

    drive(start())
    yield service
    drive(as_found())
    drive(service.close())


@pytest.fixture
def window(console: Console, qtbot: QtBot) -> Iterator[MainWindow]:
    window = MainWindow(console)
    qtbot.addWidget(window)
    window.setGeometry(QRect(0, 0, 1920, 1040))
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()


class Asked:
    """Every screenshot the console asks of its OBS: the scene of each, in order."""

    def __init__(self, link: ObsLink, monkeypatch: pytest.MonkeyPatch) -> None:
        self.scenes: list[str] = []
        real = link.request

        async def request(name: str, reply_within: float | None = None, **data: Any) -> Any:
            if name == "GetSourceScreenshot":
                self.scenes.append(str(data["sourceName"]))
            return await real(name, reply_within, **data)

        monkeypatch.setattr(link, "request", request)


class Frames:
    """The frames a monitor receives, with the loop's time of each."""

    def __init__(self, monitor: BusMonitor, loop: QEventLoop) -> None:
        self.received: list[tuple[float, Frame]] = []

        def on_change(frame: Frame | None) -> None:
            if frame is not None:
                self.received.append((loop.time(), frame))

        self.stop = monitor.subscribe(on_change)

    def __len__(self) -> int:
        return len(self.received)


class Notices:
    """How many times the room's mirror said an aspect changed: the heartbeat's ``stats``
    come four times a second, the link's ``link`` at each reconnect step."""

    def __init__(self, state: RoomState) -> None:
        self.counts: dict[str, int] = {}

        def count(aspect: str) -> None:
            self.counts[aspect] = self.counts.get(aspect, 0) + 1

        self.stop = state.subscribe(count)

    def wait(self, qtbot: QtBot, aspect: str, more: int, timeout_s: float = 15) -> None:
        goal = self.counts.get(aspect, 0) + more
        qtbot.waitUntil(lambda: self.counts.get(aspect, 0) >= goal, timeout=int(timeout_s * 1e3))


def _near(pixel: QColor, abgr: int, tolerance: int = 16) -> bool:
    red, green, blue = abgr & 0xFF, (abgr >> 8) & 0xFF, (abgr >> 16) & 0xFF
    return (
        abs(pixel.red() - red) <= tolerance
        and abs(pixel.green() - green) <= tolerance
        and abs(pixel.blue() - blue) <= tolerance
    )


def _background(frame: Frame) -> QColor:
    """A pixel of the scene's full-canvas colour source, away from its text label."""
    image = frame.image
    return image.pixelColor(int(image.width() * 0.9), int(image.height() * 0.9))


def test_frames_arrive_at_the_configured_rate_showing_the_scene_as_obs_renders_it(
    console: Console, window: MainWindow, qtbot: QtBot, aloop: QEventLoop
) -> None:
    monitor = console.rooms.get("main").monitors.program
    frames = Frames(monitor, aloop)
    qtbot.waitUntil(lambda: len(frames) >= 13, timeout=20_000)
    (first, _), (last, frame) = frames.received[0], frames.received[12]
    rate = 12 / (last - first)
    assert 0.75 * FPS <= rate <= 1.1 * FPS, f"{rate:.2f} frames a second, {monitor.dropped} late"
    assert frame.scene == "Opening"
    assert _near(_background(frame), SCENE_COLOURS["Opening"]), _background(frame).name()
    view = window.panels["main"].monitor_views[0]
    assert view.monitor is monitor
    # Scaled by OBS to the width drawn, within the rounding of OBS's height and the aspect
    # the picture is fitted to (a height-bound picture: a pixel or two).
    drawn = request_width(view.picture_rect().width())
    assert abs(frames.received[-1][1].image.width() - drawn) <= 2, (drawn, frame.image.size())
    assert monitor.status(time.monotonic()) is Status.LIVE


def test_the_preview_monitor_follows_studio_mode(
    console: Console,
    window: MainWindow,
    qtbot: QtBot,
    aloop: QEventLoop,
    drive: Drive,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    room = console.rooms.get("main")
    state, program, preview = room.state, room.monitors.program, room.monitors.preview
    asked = Asked(room.link, monkeypatch)
    assert preview.status(time.monotonic()) is Status.OFF

    async def studio(on: bool) -> None:
        await console.registry.run("studio.toggle", "test")
        # On, the mirror reads OBS's preview scene afresh (a resync): awaited, so that its
        # answer cannot land after the preview change below and put the old scene back.
        await until(state, lambda: state.studio_mode is on and bool(state.preview) is on)

    drive(studio(True))
    drive(console.registry.run("scene.preview Product", "test"))

    def preview_live() -> bool:
        return preview.status(time.monotonic()) is Status.LIVE and preview.scene == "Product"

    qtbot.waitUntil(preview_live, timeout=10_000)
    assert preview.frame is not None and _near(_background(preview.frame), SCENE_COLOURS["Product"])
    assert program.frame is not None and program.frame.scene == "Opening"
    drive(studio(False))
    asked_for_preview = asked.scenes.count("Product")
    frames = Frames(program, aloop)
    qtbot.waitUntil(lambda: len(frames) >= 6, timeout=10_000)  # the program monitor goes on
    assert asked.scenes.count("Product") == asked_for_preview
    assert preview.status(time.monotonic()) is Status.OFF


def test_nothing_is_asked_while_the_window_is_hidden_or_minimised(
    console: Console, window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    room = console.rooms.get("main")
    asked = Asked(room.link, monkeypatch)
    heartbeats = Notices(room.state)
    qtbot.waitUntil(lambda: len(asked.scenes) >= 3, timeout=10_000)
    for hide, show in ((window.hide, window.show), (window.showMinimized, window.showNormal)):
        hide()
        before = len(asked.scenes)
        heartbeats.wait(qtbot, "stats", 8)  # two seconds of OBS answering, eight ticks
        assert len(asked.scenes) == before, hide.__name__
        show()
        qtbot.waitUntil(lambda before=before: len(asked.scenes) >= before + 3, timeout=10_000)


def test_while_the_link_is_down_nothing_is_asked_and_the_last_frame_is_never_live(
    console: Console,
    window: MainWindow,
    obs: ObsStudio,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    room = console.rooms.get("main")
    monitor, state = room.monitors.program, room.state
    asked = Asked(room.link, monkeypatch)
    notices = Notices(state)
    qtbot.waitUntil(lambda: monitor.status(time.monotonic()) is Status.LIVE, timeout=10_000)
    assert obs.pid is not None
    late_before, connection = monitor.dropped, monitor.connection
    os.kill(obs.pid, signal.SIGSTOP)  # frozen: the socket stays open, nobody answers
    try:
        frozen_at = len(asked.scenes)
        qtbot.waitUntil(lambda: state.link.phase is not LinkPhase.CONNECTED, timeout=10_000)
        # One screenshot went out and hung until the link was given up; the ticks meanwhile
        # were dropped, not queued behind it.
        assert len(asked.scenes) - frozen_at == 1
        assert monitor.dropped > late_before
        assert monitor.status(time.monotonic()) is Status.NO_SIGNAL
        assert monitor.frame is not None  # kept, and drawn dimmed as the last frame
        down_at = len(asked.scenes)
        notices.wait(qtbot, "link", 4)  # reconnect attempts meet the frozen OBS
        assert len(asked.scenes) == down_at
    finally:
        os.kill(obs.pid, signal.SIGCONT)
    qtbot.waitUntil(lambda: monitor.status(time.monotonic()) is Status.LIVE, timeout=30_000)
    assert monitor.frame is not None and monitor.frame.connection > connection  # a new frame
