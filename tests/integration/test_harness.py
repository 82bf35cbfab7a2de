"""The integration harness itself: a real OBS starts, serves obs-websocket, and stops."""

from __future__ import annotations

import signal
import socket
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.harness import (
    SEED_SCENE_NAMES,
    SEED_SCENES,
    ObsProbe,
    ObsStartError,
    ObsStudio,
    visible_windows,
)


def _only_obs_main_window(display: str) -> list[str]:
    """Visible top-level windows that are not OBS's main window (i.e. dialogs)."""
    return [title for title in visible_windows(display) if "- Profile: Test -" not in title]


def test_obs_serves_get_version_with_websocket_5(
    obs: ObsStudio, obs_probe: ObsProbe, record_property: Callable[[str, object], None]
) -> None:
    version = obs_probe.call("GetVersion")

    assert version["obsWebSocketVersion"].startswith("5.")
    assert version["rpcVersion"] == 1
    assert obs.version["obsWebSocketVersion"] == version["obsWebSocketVersion"]
    record_property("obs_version", version["obsVersion"])
    record_property("obs_start_seconds", obs.start_seconds)


def test_fresh_home_shows_no_dialog(obs: ObsStudio) -> None:
    assert _only_obs_main_window(obs.display) == []


def test_seeded_scenes_exist_in_order_with_visible_sources(obs_probe: ObsProbe) -> None:
    assert obs_probe.scene_names() == list(SEED_SCENE_NAMES)
    for scene in SEED_SCENES:
        items = obs_probe.call("GetSceneItemList", sceneName=scene.name)["sceneItems"]
        shown = {
            item["sourceName"]: item["inputKind"] for item in items if item["sceneItemEnabled"]
        }
        assert shown == {
            scene.colour_source: "color_source_v3",
            scene.text_source: "text_ft2_source_v2",
        }


def test_program_scene_switch_is_observed_as_event(obs_probe: ObsProbe) -> None:
    target = "Host" if obs_probe.program_scene() != "Host" else "Product"
    obs_probe.clear_events()

    obs_probe.set_program(target)

    event = obs_probe.wait_for_event(
        "CurrentProgramSceneChanged", lambda data: data["sceneName"] == target
    )
    assert event == {"sceneName": target}
    assert obs_probe.program_scene() == target


def test_ui_events_arrive_for_studio_mode(obs_probe: ObsProbe) -> None:
    assert obs_probe.studio_mode() is False
    assert obs_probe.preview_scene() is None
    try:
        obs_probe.set_studio_mode(True)
        obs_probe.wait_for_event(
            "StudioModeStateChanged", lambda data: data["studioModeEnabled"] is True
        )
        assert obs_probe.studio_mode() is True
        assert obs_probe.preview_scene() in SEED_SCENE_NAMES
    finally:
        obs_probe.set_studio_mode(False)
    obs_probe.wait_for_event(
        "StudioModeStateChanged", lambda data: data["studioModeEnabled"] is False
    )
    assert obs_probe.preview_scene() is None


def test_failed_request_names_request_and_obs_status(obs_probe: ObsProbe) -> None:
    with pytest.raises(AssertionError, match=r"SetCurrentProgramScene.*code 600"):
        obs_probe.set_program("No Such Scene")


def test_start_record_writes_mkv_into_temp_dir(obs: ObsStudio, obs_probe: ObsProbe) -> None:
    obs_probe.clear_events()
    obs_probe.call("StartRecord")
    obs_probe.wait_for_event(
        "RecordStateChanged",
        lambda data: data["outputState"] == "OBS_WEBSOCKET_OUTPUT_STARTED",
        timeout=10,
    )

    output_path = Path(obs_probe.call("StopRecord")["outputPath"])
    obs_probe.wait_for_event(
        "RecordStateChanged",
        lambda data: data["outputState"] == "OBS_WEBSOCKET_OUTPUT_STOPPED",
        timeout=10,
    )

    assert output_path.parent == obs.recordings_dir
    assert output_path.suffix == ".mkv"
    assert output_path.stat().st_size > 0


def test_kill_then_restart_serves_same_port_without_dialog(obs_fresh: ObsStudio) -> None:
    port, password, first_pid = obs_fresh.port, obs_fresh.password, obs_fresh.pid

    assert obs_fresh.kill() == -signal.SIGKILL
    obs_fresh.restart()

    assert (obs_fresh.port, obs_fresh.password) == (port, password)
    assert obs_fresh.pid != first_pid
    with obs_fresh.probe() as probe:
        assert probe.call("GetVersion")["obsWebSocketVersion"].startswith("5.")
        assert probe.scene_names() == list(SEED_SCENE_NAMES)
    assert _only_obs_main_window(obs_fresh.display) == []


def test_stop_with_sigint_exits_cleanly(
    obs_fresh: ObsStudio, record_property: Callable[[str, object], None]
) -> None:
    with obs_fresh.probe() as probe:
        exit_code = obs_fresh.stop()

        probe.wait_for_event("ExitStarted")
        probe.wait_for_disconnect()

    assert exit_code == 0
    assert obs_fresh.stop_was_forced is False
    assert not obs_fresh.running
    record_property("obs_stop_seconds", obs_fresh.stop_seconds)


def test_start_fails_with_log_tail_when_obs_exits(tmp_path: Path, xvfb_display: str) -> None:
    fake = tmp_path / "fake-obs"
    fake.write_text("#!/bin/sh\necho 'fake obs: cannot open display'\nexit 3\n")
    fake.chmod(0o755)
    studio = ObsStudio(tmp_path / "obs", xvfb_display, "pw", binary=str(fake))

    with pytest.raises(ObsStartError, match=r"(?s)code 3.*fake obs: cannot open display"):
        studio.start(timeout=10)
    assert not studio.running


def test_start_refuses_a_port_another_server_listens_on(tmp_path: Path, xvfb_display: str) -> None:
    with socket.create_server(("127.0.0.1", 0)) as server:
        studio = ObsStudio(tmp_path / "obs", xvfb_display, "pw", port=server.getsockname()[1])

        with pytest.raises(ObsStartError, match="already taken"):
            studio.start(timeout=10)
    assert studio.pid is None
