"""A clip made by the project's clip script plays in OBS through the ``clip`` engine: OBS
plays the file, shows the drawn host and hears its speech, and ends it by itself; a line
without a clip is spoken through the same source."""

from __future__ import annotations

import base64
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QColor, QImage

from assets.host.make_clips import FPS, make_clip
from console.host.host import HostState, RoomHost
from console.services import Console
from tests.conftest import Drive
from tests.harness import ObsProbe, ObsStudio
from tests.harness.obs_client import ALL_LOW_VOLUME_EVENTS
from tests.integration.test_host_obs import (  # noqa: F401 (the fixtures)
    INPUT_VOLUME_METERS,
    MEDIA,
    _speech_cache,  # the fixture
    aired,
    host_console,
    media_state,
    start_console,
    until_host,
)

SAID = "你好，欢迎来到直播间。"


def forget_video(probe: ObsProbe) -> None:
    """Take the host media source out of OBS after it played a video: OBS 29 can crash as
    it quits while such a source still exists (about 1 quit in 5 in a bare OBS, no console
    connected), which would fail the module's clean stop. Only at the end of a module: a
    source of the same name cannot be placed again at once."""
    probe.clear_events()
    probe.call("RemoveInput", inputName=MEDIA)
    probe.wait_for_event("InputRemoved", lambda d: d["inputName"] == MEDIA)


def host_pixels(probe: ObsProbe) -> int:
    """How many pixels of the program scene, as OBS renders it now, are the host's red jacket."""
    program = probe.program_scene()
    shot = probe.call("GetSourceScreenshot", sourceName=program, imageFormat="png", imageWidth=320)
    image = QImage.fromData(base64.b64decode(shot["imageData"].split(",", 1)[1]))
    red = 0
    for y in range(image.height()):
        for x in range(image.width()):
            colour = QColor(image.pixel(x, y))
            red += colour.red() > 150 and colour.green() < 70 and colour.blue() < 90
    return red


def drawn(probe: ObsProbe, within: float = 3.0) -> bool:
    """The host seen in OBS's picture (no event says a video frame was drawn: polled)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if host_pixels(probe) > 200:
            return True
    return False


def test_a_generated_clip_plays_in_obs_through_the_clip_engine(
    tmp_path: Path, obs: ObsStudio, start: Callable[[Console], RoomHost], drive: Drive
) -> None:
    clip = tmp_path / "hello.mp4"
    levels = make_clip(SAID, clip)
    assert max(levels) == 1.0 and 0.0 in levels  # the mouth opens and closes
    segments = f"segments:\n  - id: hello\n    text: {SAID}\n    clip: hello.mp4\n"
    console = host_console(tmp_path, obs, "clip", segments=segments)
    host = start(console)
    with ObsProbe(
        obs.host, obs.port, obs.password,
        event_subscriptions=ALL_LOW_VOLUME_EVENTS | INPUT_VOLUME_METERS,
    ) as probe:  # fmt: skip
        drive(console.registry.run("host.play hello", "test"))
        until_host(host, lambda: host.state is HostState.ON_AIR, drive)
        settings = probe.call("GetInputSettings", inputName=MEDIA)["inputSettings"]
        assert Path(settings["local_file"]) == clip  # the clip itself, not speech made for it
        status = probe.call("GetMediaInputStatus", inputName=MEDIA)
        assert status["mediaState"] == "OBS_MEDIA_STATE_PLAYING"
        assert abs(status["mediaDuration"] - len(levels) * 1000 / FPS) < 300
        assert drawn(probe), "the drawn host is on screen"
        until_host(host, lambda: aired(console) == [("hello", "ended")], drive)
        assert media_state(probe) == "OBS_MEDIA_STATE_ENDED"
        peak = max(
            float(channel[1])
            for event in probe.events("InputVolumeMeters")
            for meter in event.data["inputs"]
            if meter["inputName"] == MEDIA
            for channel in meter["inputLevelsMul"]
        )
        assert peak > 0.1, f"OBS's meter for the clip peaked at {peak}"
        # A line with no clip (an answer) is spoken through the same source.
        drive(console.registry.run('host.answer "在一号链接。"', "test"))
        until_host(host, lambda: ("在一号链接。", "ended") in aired(console), drive)
        settings = probe.call("GetInputSettings", inputName=MEDIA)["inputSettings"]
        assert settings["local_file"].endswith(".wav")
        assert host.state is HostState.IDLE
        forget_video(probe)
