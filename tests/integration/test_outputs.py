"""Stream and record toggles report what OBS's output did, from its own output events.

The test OBS has no stream server configured (as a fresh OBS), so starting the stream is
accepted by the request and then stopped by OBS at once: the console must say it did not
start, and why, never "streaming".
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from console.commands import CommandError, ErrorCode
from console.services import Console
from tests.conftest import Drive
from tests.harness import ObsProbe, ObsStudio
from tests.support import FAST, connected, until, write_profile


@pytest.fixture
def console(tmp_path: Path, obs: ObsStudio, drive: Drive) -> Iterator[Console]:
    service = Console(write_profile(tmp_path, obs.port, obs.password), FAST, log_actions=False)

    async def ready() -> None:
        service.start()
        await connected(service.rooms.get("main").state)

    drive(ready())
    yield service
    drive(service.close())


def test_a_stream_that_obs_stops_at_once_is_reported_as_not_started(
    console: Console, obs_probe: ObsProbe, drive: Drive
) -> None:
    with pytest.raises(CommandError, match=r"the stream did not start: .*Settings → Stream") as err:
        drive(console.registry.run("stream.toggle", "test"))
    assert err.value.error_code is ErrorCode.FAILED
    assert obs_probe.call("GetStreamStatus")["outputActive"] is False


def test_recording_starts_and_stops_as_obs_reports_it(
    console: Console, obs_probe: ObsProbe, drive: Drive
) -> None:
    started = drive(console.registry.run("record.toggle", "test"))
    assert (started.message, started.data) == ("recording", {"recording": True})
    assert obs_probe.call("GetRecordStatus")["outputActive"] is True
    state = console.rooms.get("main").state
    drive(_until_recording(console, True))
    obs_probe.clear_events()
    stopped = drive(console.registry.run("record.toggle", "test"))
    assert stopped.data["recording"] is False
    assert Path(stopped.data["path"]).is_file()
    # What the console said is what OBS itself reported (its status can lag its event).
    obs_probe.wait_for_event(
        "RecordStateChanged", lambda d: d["outputState"] == "OBS_WEBSOCKET_OUTPUT_STOPPED"
    )
    assert not state.stats.recording


async def _until_recording(console: Console, recording: bool) -> None:
    state = console.rooms.get("main").state
    await until(state, lambda: state.stats.recording is recording)
