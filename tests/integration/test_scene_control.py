"""Scene control through the console's commands, checked on OBS through a separate client."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from console.commands import CommandError
from console.services import Console
from tests.conftest import Drive
from tests.harness import ObsProbe, ObsStudio
from tests.support import FAST, connected, until, write_profile


@pytest.fixture
def console(tmp_path: Path, obs: ObsStudio, drive: Drive) -> Iterator[Console]:
    """A console on the module's OBS, connected, with studio mode off and Opening on air."""
    service = Console(write_profile(tmp_path, obs.port, obs.password), FAST)
    state = service.rooms.get("main").state

    async def ready() -> None:
        service.start()
        await connected(state)
        if state.studio_mode:
            await service.registry.run("studio.toggle", "test")
        await service.registry.run("scene.program Opening", "test")
        await until(state, lambda: state.program == "Opening" and not state.studio_mode)

    drive(ready())
    yield service
    drive(service.close())


def test_resync_mirrors_obs_scenes_in_obs_order(console: Console, obs_probe: ObsProbe) -> None:
    state = console.rooms.get("main").state
    assert state.scenes == obs_probe.scene_names()
    assert state.program == obs_probe.program_scene()
    assert "Fade" in state.transitions


def test_program_switch_reaches_obs(console: Console, obs_probe: ObsProbe, drive: Drive) -> None:
    drive(console.registry.run("scene.program Product", "test"))
    assert obs_probe.program_scene() == "Product"


def test_preview_and_take_in_studio_mode(
    console: Console, obs_probe: ObsProbe, drive: Drive
) -> None:
    state = console.rooms.get("main").state

    async def show() -> None:
        await console.registry.run("studio.toggle", "test")
        await until(state, lambda: state.studio_mode)
        await console.registry.run("transition.set Cut", "test")
        await console.registry.run("scene.preview Host", "test")
        await until(state, lambda: state.preview == "Host")
        assert obs_probe.preview_scene() == "Host"
        assert obs_probe.program_scene() == "Opening"
        obs_probe.clear_events()
        await console.registry.run("scene.take", "test")

    drive(show())
    obs_probe.wait_for_event("CurrentProgramSceneChanged", lambda d: d["sceneName"] == "Host")
    assert obs_probe.program_scene() == "Host"
    assert obs_probe.call("GetCurrentSceneTransition")["transitionName"] == "Cut"
    drive(console.registry.run("transition.set Fade 300", "test"))


def test_change_made_in_obs_reaches_the_console(
    console: Console, obs_probe: ObsProbe, drive: Drive
) -> None:
    state = console.rooms.get("main").state
    obs_probe.set_program("Break")
    drive(until(state, lambda: state.program == "Break", within=5))
    obs_probe.set_studio_mode(True)  # a Ui event: only arrives with the full subscription
    drive(until(state, lambda: state.studio_mode and state.preview != "", within=5))
    assert state.preview == obs_probe.preview_scene()


def test_failed_request_carries_obs_reason(console: Console, drive: Drive) -> None:
    records = []
    console.registry.add_listener(records.append)
    with pytest.raises(CommandError, match="No source was found by the name of `Nowhere`"):
        drive(console.registry.run("scene.program Nowhere", "test"))
    assert records[-1].ok is False
    assert "code 600" in records[-1].result


def test_preview_without_studio_mode_says_how_to_fix_it(console: Console, drive: Drive) -> None:
    with pytest.raises(CommandError, match=r"studio mode is off: turn it on first"):
        drive(console.registry.run("scene.preview Host", "test"))


def test_stats_poll_reports_obs_rendering(console: Console, drive: Drive) -> None:
    state = console.rooms.get("main").state
    drive(until(state, lambda: state.stats.render_total > 0 and state.stats.fps > 0))


def test_record_toggle_starts_and_stops_recording(
    tmp_path: Path, obs_fresh: ObsStudio, drive: Drive
) -> None:
    console = Console(write_profile(tmp_path, obs_fresh.port, obs_fresh.password), FAST)
    state = console.rooms.get("main").state

    async def record() -> None:
        console.start()
        await connected(state)
        await console.registry.run("record.toggle", "test")
        await until(state, lambda: state.stats.recording)
        await console.registry.run("record.toggle", "test")
        await until(state, lambda: not state.stats.recording)
        await console.close()

    with obs_fresh.probe() as probe:
        drive(record())
        probe.wait_for_event("RecordStateChanged", lambda d: d["outputActive"])
        probe.wait_for_event("RecordStateChanged", lambda d: not d["outputActive"])
    # OBS 29 under Xvfb may crash or hang on SIGINT right after a recording stopped (its
    # shutdown repaints the status bar: "Recursive repaint detected"); this OBS is ours alone.
    obs_fresh.kill()


def test_action_log_file_keeps_every_command(console: Console, drive: Drive) -> None:
    drive(console.registry.run("obs.ping", "test"))
    path = console.action_log.path
    assert path is not None
    lines = path.read_text(encoding="utf-8").splitlines()
    assert '"command": "obs.ping"' in lines[-1]
    assert '"ok": true' in lines[-1]
