"""After OBS restarts, the console lists how OBS differs from the show and restores it
with one command; a link that only dropped finds nothing to report."""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

from console.obs.state import LinkPhase
from console.services import Console
from tests.conftest import Drive
from tests.harness import ObsStudio
from tests.support import FAST, connected, until, write_profile

PRODUCTS = """\
products:
  - sku: steak
    name: 南美草饲原切眼肉牛排 1kg
    price: 69
"""


def _console(tmp_path: Path, obs: ObsStudio) -> Console:
    hotkeys = "hotkeys:\n  F2: scene.program Opening\n" + PRODUCTS
    return Console(write_profile(tmp_path, obs.port, obs.password, hotkeys=hotkeys), FAST)


def test_a_restarted_obs_is_compared_and_restored_with_one_command(
    tmp_path: Path, obs_fresh: ObsStudio, drive: Drive
) -> None:
    console = _console(tmp_path, obs_fresh)
    room = console.rooms.get("main")
    state = room.state

    async def before() -> None:
        console.start()
        await connected(state)
        await console.registry.run("scene.program Product", "test")
        await until(state, lambda: state.program == "Product")
        await console.registry.run("slide.show steak", "test")

    drive(before())
    reconciliation = room.reconciliation
    compared = asyncio.Event()
    reconciliation.subscribe(lambda _: compared.set())
    obs_fresh.restart()  # reseeded: Opening on program, no slide source
    drive(connected(state, within=30))
    drive(asyncio.wait_for(compared.wait(), 10))
    kinds = {d.what: d.text for d in reconciliation.differences}
    assert kinds["program"] == "OBS is on 'Opening'; the show was on 'Product'"
    assert "no 'Product Slide' source" in kinds["slide"]
    assert room.snapshot()["differences"]
    result = drive(console.registry.run("room.restore", "test"))
    assert result.data["restored"] == ["program Product", "slide steak"]
    with obs_fresh.probe() as probe:
        assert probe.program_scene() == "Product"
        file = probe.call("GetInputSettings", inputName="Product Slide")["inputSettings"]["file"]
    assert room.slides.last is not None and file == str(room.slides.last.path)
    drive(until(state, lambda: state.program == "Product"))
    assert drive(reconciliation.compare()) == []
    drive(console.close())


def test_a_link_that_only_dropped_finds_nothing_to_restore(
    tmp_path: Path, obs_fresh: ObsStudio, drive: Drive
) -> None:
    console = _console(tmp_path, obs_fresh)
    room = console.rooms.get("main")
    state = room.state
    assert obs_fresh.pid is not None

    async def scenario() -> None:
        console.start()
        await connected(state)
        await console.registry.run("scene.program Break", "test")
        await until(state, lambda: state.program == "Break")
        compared = asyncio.Event()
        room.reconciliation.subscribe(lambda _: compared.set())
        os.kill(obs_fresh.pid, signal.SIGSTOP)  # the heartbeat drops the link
        try:
            await until(state, lambda: state.link.phase is not LinkPhase.CONNECTED)
        finally:
            os.kill(obs_fresh.pid, signal.SIGCONT)
        await connected(state, within=30)
        await asyncio.wait_for(compared.wait(), 10)

    try:
        drive(scenario())
        assert room.reconciliation.differences == []
        result = drive(console.registry.run("room.restore", "test"))
        assert "nothing to restore" in result.message
    finally:
        drive(console.close())
        obs_fresh.kill()  # OBS 29 can crash on SIGINT after a SIGSTOP/SIGCONT
