"""Pinned comments against a real OBS: what the console pins is what OBS shows.

A replayed comment, held, approved and pinned, lands in the room's comment text source
(``GetInputSettings``) and on the Host scene's picture (``GetSourceScreenshot``, compared
with the same screenshot before the pin in the lower third where the text goes); unpinning
and the pin's expiry take it off again. Waits are on conditions: the service's notices, and
screenshots polled (paced, as in test_slides) until they show the change.
"""

from __future__ import annotations

import asyncio
import base64
import os
import signal
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from console.barrage.message import Kind
from console.barrage.on_air import PinnedComment
from console.barrage.pin import FONT_FACE, TEXT_KIND
from console.barrage.service import BarrageService
from console.commands import CommandError
from console.obs.state import LinkPhase
from console.services import Console
from console.ui.main_window import MainWindow
from tests.conftest import Drive
from tests.harness import ObsProbe, ObsStudio
from tests.support import FAST, connected, until
from tests.unit.barrage.barrage_show import played, write_show

SOURCE = "Pinned Comment"
SCENE = "Host"
SHOT_WIDTH = 320  # enough to see a line of text; light on OBS when polled
# Share of the lower third's pixels that must change (grey, 0-255, by more than CHANGED) for
# the comment to count as drawn: one line of 40 px text on a 1280x720 canvas changes about
# 4% of the lower third; nothing drawn changes none.
CHANGED = 40
DRAWN = 0.01

BARRAGE = """\
barrage:
  sources:
    - kind: replay
      room: main
      file: chat.jsonl
      speed: max
  moderation:
    terms:
      - name: links
        terms: [链接]
        action: hold
  pin_seconds: 30
"""
RECORDING = [
    ("c1", "ann", "牛排几号链接？", Kind.COMMENT),  # held (links): approve before pinning
    ("c2", "bob", "主播好，牛排看着不错", Kind.COMMENT),  # passed
]
HOTKEYS = "hotkeys:\n  A: barrage.approve\n  P: barrage.pin\n"


@dataclass
class Barrage:
    console: Console

    @property
    def service(self) -> BarrageService:
        return self.console.barrage

    async def run(self, line: str) -> str:
        return str(await self.console.registry.run(line, "test"))


async def _start(barrage: Barrage) -> None:
    barrage.console.start()
    await connected(barrage.console.rooms.get("main").state)
    await played(barrage.service)


async def _close(barrage: Barrage) -> None:
    await barrage.console.close()


@pytest.fixture
def barrage(tmp_path: Path, obs: ObsStudio, obs_probe: ObsProbe, drive: Drive) -> Iterator[Barrage]:
    profile = write_show(
        tmp_path, obs.port, obs.password, HOTKEYS, recording=RECORDING, barrage=BARRAGE
    )
    console = Console(profile, FAST, log_actions=False)
    made = Barrage(console)
    _take_comment_off(obs_probe)
    obs_probe.set_program("Opening")
    drive(_start(made))
    yield made
    drive(_close(made))
    _take_comment_off(obs_probe)


def _take_comment_off(probe: ObsProbe) -> None:
    """Leave the Host scene as the next test expects it: no comment showing. The source
    stays (OBS 29 keeps a removed input's name taken), shared by the tests of the module."""
    inputs = {i["inputName"] for i in probe.call("GetInputList")["inputs"]}
    if SOURCE not in inputs:
        return
    probe.call("SetInputSettings", inputName=SOURCE, inputSettings={"text": ""})
    item = probe.call("GetSceneItemId", sceneName=SCENE, sourceName=SOURCE)["sceneItemId"]
    probe.call("SetSceneItemEnabled", sceneName=SCENE, sceneItemId=item, sceneItemEnabled=False)


# -- what OBS shows -------------------------------------------------------------------------

_shooter = ThreadPoolExecutor(max_workers=1, thread_name_prefix="screenshots")


@pytest.fixture(scope="module", autouse=True)
def _stop_shooter() -> Iterator[None]:
    yield
    _shooter.shutdown(wait=True)


def screenshot(probe: ObsProbe) -> QImage:
    data = probe.call(
        "GetSourceScreenshot", sourceName=SCENE, imageFormat="png", imageWidth=SHOT_WIDTH
    )["imageData"]
    image = QImage.fromData(base64.b64decode(data.split(",", 1)[1]))
    assert not image.isNull()
    return image.convertToFormat(QImage.Format.Format_Grayscale8)


def lower_third(image: QImage) -> QImage:
    height = image.height()
    return image.copy(QRect(0, height * 2 // 3, image.width(), height - height * 2 // 3))


def drawn_share(before: QImage, after: QImage) -> float:
    """Share of the lower third's pixels that changed between two screenshots."""
    first, second = lower_third(before), lower_third(after)
    assert first.size() == second.size()
    changed = 0
    for y in range(first.height()):
        row_a = memoryview(first.constScanLine(y)).cast("B")[: first.width()]
        row_b = memoryview(second.constScanLine(y)).cast("B")[: first.width()]
        changed += sum(1 for p, q in zip(row_a, row_b, strict=True) if abs(p - q) > CHANGED)
    return changed / (first.width() * first.height())


async def obs_draws(probe: ObsProbe, before: QImage, drawn: bool, within: float = 10.0) -> QImage:
    """Poll OBS's screenshot until the comment is drawn (or gone); return that screenshot."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while True:
        shot = await loop.run_in_executor(_shooter, screenshot, probe)
        share = drawn_share(before, shot)
        if (share > DRAWN) is drawn:
            return shot
        if loop.time() > deadline:
            state = "drawn" if drawn else "gone"
            raise AssertionError(f"the comment was never {state} (changed share {share:.3f})")


def comment_text(probe: ObsProbe) -> str:
    return str(probe.call("GetInputSettings", inputName=SOURCE)["inputSettings"].get("text", ""))


def comment_shown(probe: ObsProbe) -> bool:
    item = probe.call("GetSceneItemId", sceneName=SCENE, sourceName=SOURCE)["sceneItemId"]
    enabled = probe.call("GetSceneItemEnabled", sceneName=SCENE, sceneItemId=item)
    return bool(enabled["sceneItemEnabled"])


async def unpinned(service: BarrageService, within: float = 10.0) -> None:
    """Wait for the service to say no comment is pinned any more."""
    gone = asyncio.Event()

    def check(aspect: str) -> None:
        if aspect == "pin" and not service.pins():
            gone.set()

    stop = service.subscribe(check)
    try:
        check("pin")
        await asyncio.wait_for(gone.wait(), within)
    finally:
        stop()


# -- tests ----------------------------------------------------------------------------------


def test_an_approved_comment_pinned_shows_in_obs(
    barrage: Barrage, obs_probe: ObsProbe, drive: Drive
) -> None:
    before = screenshot(obs_probe)
    assert drive(barrage.run("barrage.approve c1")) == "approved ann-name: 牛排几号链接？"
    result = drive(barrage.run("barrage.pin c1"))
    assert result == "on air in main (Host) for 30 s: ann-name: 牛排几号链接？"
    assert comment_text(obs_probe) == "ann-name: 牛排几号链接？"
    assert comment_shown(obs_probe)
    drive(obs_draws(obs_probe, before, drawn=True))


def test_the_comment_source_is_made_for_cjk_text(
    barrage: Barrage, obs_probe: ObsProbe, drive: Drive
) -> None:
    drive(barrage.run("barrage.pin c2"))
    settings = obs_probe.call("GetInputSettings", inputName=SOURCE)
    assert settings["inputKind"] == TEXT_KIND
    font = settings["inputSettings"]["font"]
    assert font["face"] == FONT_FACE and font["size"] >= 40  # 720 px canvas: 45 px


def test_a_held_comment_is_refused_and_obs_untouched(
    barrage: Barrage, obs_probe: ObsProbe, drive: Drive
) -> None:
    with pytest.raises(CommandError, match="held for review"):
        drive(barrage.run("barrage.pin c1"))
    inputs = {i["inputName"] for i in obs_probe.call("GetInputList")["inputs"]}
    assert SOURCE not in inputs or comment_text(obs_probe) == ""


def test_unpin_takes_the_comment_off(barrage: Barrage, obs_probe: ObsProbe, drive: Drive) -> None:
    before = screenshot(obs_probe)
    drive(barrage.run("barrage.pin c2"))
    drive(obs_draws(obs_probe, before, drawn=True))
    assert drive(barrage.run("barrage.unpin")) == "pinned comment cleared in main"
    assert comment_text(obs_probe) == "" and not comment_shown(obs_probe)
    drive(obs_draws(obs_probe, before, drawn=False))


def test_the_pin_expires_by_itself(barrage: Barrage, obs_probe: ObsProbe, drive: Drive) -> None:
    before = screenshot(obs_probe)
    drive(barrage.run("barrage.pin c2 seconds=1"))
    assert comment_shown(obs_probe)
    drive(unpinned(barrage.service))
    assert comment_text(obs_probe) == "" and not comment_shown(obs_probe)
    drive(obs_draws(obs_probe, before, drawn=False))


def test_a_new_pin_replaces_the_old(barrage: Barrage, obs_probe: ObsProbe, drive: Drive) -> None:
    drive(barrage.run("barrage.approve c1"))
    drive(barrage.run("barrage.pin c1 seconds=1"))
    drive(barrage.run("barrage.pin c2"))
    assert comment_text(obs_probe) == "bob-name: 主播好，牛排看着不错"
    assert [pin.message_id for pin in barrage.service.pins()] == ["c2"]


def test_approve_and_pin_hotkeys_put_the_selected_comment_on_air(
    barrage: Barrage, obs_probe: ObsProbe, qtbot: QtBot, drive: Drive
) -> None:
    console = barrage.console
    window = MainWindow(console)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(window.isActiveWindow)  # activation comes in its own event
    before = screenshot(obs_probe)
    assert window.feed.selected_id == "c1"  # the held comment is selected
    qtbot.keyClick(window, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: barrage.service.moderator.status("c1") == "approved")
    qtbot.keyClick(window, Qt.Key.Key_P)
    qtbot.waitUntil(lambda: "c1" in {pin.message_id for pin in barrage.service.pins()})
    assert comment_text(obs_probe) == "ann-name: 牛排几号链接？"
    drive(obs_draws(obs_probe, before, drawn=True))


def test_banning_the_author_takes_their_comment_off_air(
    barrage: Barrage, obs_probe: ObsProbe, drive: Drive
) -> None:
    drive(barrage.run("barrage.pin c2"))
    assert drive(barrage.run("barrage.ban c2")) == "banned bob-name"
    assert barrage.service.pins() == []
    assert comment_text(obs_probe) == "" and not comment_shown(obs_probe)
    with pytest.raises(CommandError, match="bob-name is banned"):
        drive(barrage.run("barrage.pin c2"))


async def pinned_state(pinned: PinnedComment, wanted: bool | None, within: float = 10.0) -> None:
    """Wait until the room's pin says ``on_air`` is ``wanted`` (it rechecks on OBS events)."""
    reached = asyncio.Event()

    def check(_: PinnedComment) -> None:
        if pinned.on_air is wanted:
            reached.set()

    stop = pinned.subscribe(check)
    try:
        check(pinned)
        await asyncio.wait_for(reached.wait(), within)
    finally:
        stop()


def test_a_pin_is_on_air_only_while_obs_shows_it_on_program(
    barrage: Barrage, obs_probe: ObsProbe, drive: Drive
) -> None:
    pinned = barrage.console.rooms.get("main").pin
    drive(barrage.run("barrage.pin c2"))  # program is Opening; the comment lives in Host
    assert pinned.on_air is False
    assert "'Opening' does not show 'Pinned Comment' (it is in 'Host')" in pinned.missing
    assert barrage.console.rooms.get("main").snapshot()["pin"]["on_air"] is False
    obs_probe.set_program("Host")
    drive(pinned_state(pinned, True))
    assert pinned.missing == ""
    item = obs_probe.call("GetSceneItemId", sceneName=SCENE, sourceName=SOURCE)["sceneItemId"]
    obs_probe.call("SetSceneItemEnabled", sceneName=SCENE, sceneItemId=item, sceneItemEnabled=False)
    drive(pinned_state(pinned, False))
    assert "hidden in 'Host'" in pinned.missing
    obs_probe.set_program("Opening")


def test_the_window_says_not_on_air_where_obs_does_not_show_the_pin(
    barrage: Barrage, qtbot: QtBot, drive: Drive
) -> None:
    window = MainWindow(barrage.console)
    qtbot.addWidget(window)
    drive(barrage.run("barrage.pin c2"))
    label = window.panels["main"].pin_label
    qtbot.waitUntil(lambda: label.text().startswith("PIN  NOT ON AIR"))
    assert label.property("alert") is True
    assert "ON AIR main" not in window.barrage_dock.pin_label.text()


async def pin_problem(pinned: PinnedComment, within: float = 10.0) -> None:
    """Wait until the room's pin reports a problem (a timer that could not take it off)."""
    reached = asyncio.Event()

    def check(_: PinnedComment) -> None:
        if pinned.problem:
            reached.set()

    stop = pinned.subscribe(check)
    try:
        check(pinned)
        await asyncio.wait_for(reached.wait(), within)
    finally:
        stop()


def test_a_pin_whose_time_ran_out_while_obs_was_away_is_taken_off_when_it_returns(
    tmp_path: Path, obs_fresh: ObsStudio, drive: Drive
) -> None:
    profile = write_show(
        tmp_path, obs_fresh.port, obs_fresh.password, HOTKEYS, recording=RECORDING, barrage=BARRAGE
    )
    console = Console(profile, FAST, log_actions=False)
    room = console.rooms.get("main")
    assert obs_fresh.pid is not None

    async def scenario() -> None:
        await _start(Barrage(console))
        await console.registry.run("barrage.pin c2 seconds=1", "test")
        os.kill(obs_fresh.pid, signal.SIGSTOP)  # OBS away while the pin's time runs out
        try:
            await until(room.state, lambda: room.state.link.phase is not LinkPhase.CONNECTED)
            await pin_problem(room.pin)  # its time ran out: taking it off failed, OBS away
            assert room.pin.current is not None and room.pin.current.left() == 0
        finally:
            os.kill(obs_fresh.pid, signal.SIGCONT)
        await connected(room.state, within=30)
        await unpinned(console.barrage)

    try:
        drive(scenario())
        with obs_fresh.probe() as probe:
            assert comment_text(probe) == "" and not comment_shown(probe)
    finally:
        drive(console.close())
        obs_fresh.kill()  # OBS 29 can crash on SIGINT after a SIGSTOP/SIGCONT
