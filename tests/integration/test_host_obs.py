"""The digital host against a real OBS: clips (one made by the project's clip script) and
speech played by OBS, the queue moved by OBS's own events, answers preempting copy, the
panic stop, and the AI label.

Everything is checked through a separate client (``ObsProbe``): the media source's status
and settings, the events OBS sends, the label's scene item in the program scene, and the
audio level OBS's own meters report.
"""

from __future__ import annotations

import asyncio
import base64
import json
import subprocess
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor, QImage

from assets.host.make_clips import FPS
from assets.host.make_clips import make_clip as make_host_clip
from console.host.host import HostState, RoomHost
from console.services import Console
from tests.conftest import Drive
from tests.harness import ObsProbe, ObsStudio
from tests.harness.obs_client import ALL_LOW_VOLUME_EVENTS
from tests.support import FAST, connected, write_rooms

INPUT_VOLUME_METERS = 1 << 16
MEDIA = "Host Media"
LABEL = "AI Label"
SAID = "你好，欢迎来到直播间。"
LONG = "欢迎来到京东超市直播间，今天给大家带来南美草饲原切眼肉牛排，整块原切，油花均匀，煎好多汁。"


def make_clip(path: Path, seconds: float, frequency: int) -> Path:
    """A short video with a tone, as a pre-rendered host clip would be."""
    subprocess.run(
        ["ffmpeg", "-loglevel", "error", "-y",
         "-f", "lavfi", "-i", f"color=c=blue:s=320x240:r=25:d={seconds}",
         "-f", "lavfi", "-i", f"sine=frequency={frequency}:duration={seconds}",
         "-shortest", "-pix_fmt", "yuv420p", str(path)],
        check=True,
    )  # fmt: skip
    return path


SEGMENTS = f"""\
segments:
  - id: intro
    text: {LONG}
  - id: short
    text: 你好，欢迎。
  - id: clip-a
    clip: a.mp4
    text: 开场片段
  - id: clip-b
    clip: b.mp4
    text: 收尾片段
"""


def host_console(
    directory: Path,
    obs: ObsStudio,
    engine: str = "tts",
    label_source: str = LABEL,
    segments: str = SEGMENTS,
    host: str = "",
    extra: str = "",
    slides: bool = False,
) -> Console:
    """A one-room console on ``obs`` with the room's host section (engine, label source and
    ``host``'s lines) and ``segments``; ``extra`` is more of the profile (products...)."""
    rooms = [("main", obs.port, obs.password)]
    profile = write_rooms(directory, rooms, hotkeys="", extra="")
    text = profile.path.read_text(encoding="utf-8")
    room_end = text.index("\n", text.index("    obs:")) + 1
    section = f"    host:\n      engine: {engine}\n      label_source: {label_source}\n" + host
    text = text[:room_end] + section + text[room_end:] + extra + segments
    profile.path.write_text(text, encoding="utf-8")
    from console.profile import load_profile

    return Console(load_profile(profile.path), FAST, log_actions=True, slides=slides)


def _console(
    directory: Path, obs: ObsStudio, engine: str = "tts", label_source: str = LABEL
) -> Console:
    make_clip(directory / "a.mp4", 1.0, 440)
    make_clip(directory / "b.mp4", 1.2, 660)
    return host_console(directory, obs, engine, label_source)


@pytest.fixture(autouse=True)
def _speech_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.fixture(name="start")
def start_console(drive: Drive) -> Iterator[Callable[[Console], RoomHost]]:
    """``start(console)``: the console started on the module's OBS, program on Host; its
    room's host returned; the console closed after the test."""
    started: list[Console] = []

    def run(console: Console) -> RoomHost:
        async def ready() -> None:
            console.start()
            await connected(console.rooms.get("main").state)
            await console.registry.run("scene.program Host", "test")

        drive(ready())
        started.append(console)
        return console.host("main")

    yield run
    for console in started:
        drive(console.close())


def aired(console: Console) -> list[tuple[str, str]]:
    return [(e["title"], e["outcome"]) for e in console.air_log.recent if "outcome" in e]


def air_file(console: Console) -> list[dict[str, object]]:
    assert console.air_log.path is not None
    return [json.loads(line) for line in console.air_log.path.read_text().splitlines()]


def until_host(
    host: RoomHost, predicate: Callable[[], bool], drive: Drive, within: float = 15
) -> None:
    async def wait() -> None:
        reached = asyncio.Event()
        unsubscribe = host.subscribe(lambda _: reached.set() if predicate() else None)
        try:
            if not predicate():
                await asyncio.wait_for(reached.wait(), within)
        finally:
            unsubscribe()

    drive(wait(), timeout=within + 5)


def label_visible_in_program(probe: ObsProbe) -> bool:
    program = probe.program_scene()
    item = probe.call("GetSceneItemId", sceneName=program, sourceName=LABEL)["sceneItemId"]
    enabled = probe.call("GetSceneItemEnabled", sceneName=program, sceneItemId=item)
    return bool(enabled["sceneItemEnabled"])


def media_state(probe: ObsProbe) -> str:
    return str(probe.call("GetMediaInputStatus", inputName=MEDIA)["mediaState"])


def test_clips_play_and_the_queue_advances_on_playback_ended(
    tmp_path: Path, obs: ObsStudio, obs_probe: ObsProbe, start: Callable[[Console], RoomHost],
    drive: Drive,
) -> None:  # fmt: skip
    console = _console(tmp_path, obs, "clip")
    host = start(console)
    obs_probe.clear_events()
    drive(console.registry.run("host.play clip-a", "test"))
    drive(console.registry.run("host.play clip-b", "test"))
    until_host(host, lambda: host.state is HostState.ON_AIR, drive)
    obs_probe.wait_for_event("MediaInputPlaybackStarted", lambda d: d["inputName"] == MEDIA)
    assert label_visible_in_program(obs_probe)
    assert Path(media_file(obs_probe)).name == "a.mp4"
    until_host(host, lambda: aired(console) == [("clip-a", "ended"), ("clip-b", "ended")], drive)
    assert Path(media_file(obs_probe)).name == "b.mp4"
    ends = [e for e in obs_probe.events("MediaInputPlaybackEnded") if e.data["inputName"] == MEDIA]
    assert ends, "OBS's own end events moved the queue"
    assert media_state(obs_probe) == "OBS_MEDIA_STATE_ENDED"
    assert host.state is HostState.IDLE and len(host.queue) == 0


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
    levels = make_host_clip(SAID, clip)
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


def test_an_answer_preempts_copy_and_the_copy_resumes_from_its_start(
    tmp_path: Path, obs: ObsStudio, obs_probe: ObsProbe, start: Callable[[Console], RoomHost],
    drive: Drive,
) -> None:  # fmt: skip
    console = _console(tmp_path, obs)
    host = start(console)
    drive(console.registry.run("host.play intro", "test"))
    until_host(host, lambda: host.state is HostState.ON_AIR, drive)
    copy_file = media_file(obs_probe)
    assert label_visible_in_program(obs_probe)
    drive(console.registry.run('host.answer "69元，在1号链接。" question=多少钱', "test"))
    until_host(host, lambda: host.on_air is not None and host.on_air.origin == "answer", drive)
    assert media_state(obs_probe) == "OBS_MEDIA_STATE_PLAYING"
    assert media_file(obs_probe) != copy_file  # the copy's audio no longer plays
    until_host(host, lambda: host.on_air is not None and host.on_air.title == "intro", drive)
    assert media_file(obs_probe) == copy_file  # said again from its start
    cursor = obs_probe.call("GetMediaInputStatus", inputName=MEDIA)["mediaCursor"]
    assert cursor < 2000
    drive(console.registry.run("host.stop", "test"))
    assert aired(console) == [
        ("intro", "cut"),
        ("69元，在1号链接。", "ended"),
        ("intro", "stopped"),
    ]


async def obs_event(
    probe: ObsProbe, name: str, predicate: Callable[[dict[str, Any]], bool] | None = None
) -> dict[str, Any]:
    """Wait for an OBS event while the console's loop keeps running (the probe's own wait
    blocks this thread, which runs the loop): the blocking wait goes to a thread."""
    match = predicate or (lambda data: data.get("inputName") == MEDIA)
    with ThreadPoolExecutor(max_workers=1) as waiter:  # a plain thread, not qasync's QThreads
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(waiter, probe.wait_for_event, name, match, 10.0)


def media_file(probe: ObsProbe) -> str:
    settings = probe.call("GetInputSettings", inputName=MEDIA)["inputSettings"]
    return str(settings["local_file"])


def test_host_stop_silences_within_a_frame_and_is_not_taken_for_a_natural_end(
    tmp_path: Path, obs: ObsStudio, obs_probe: ObsProbe, start: Callable[[Console], RoomHost],
    drive: Drive,
) -> None:  # fmt: skip
    console = _console(tmp_path, obs)
    host = start(console)
    drive(console.registry.run("host.play intro", "test"))
    drive(console.registry.run("host.play short", "test"))
    until_host(host, lambda: host.state is HostState.ON_AIR, drive)
    obs_probe.clear_events()
    result = drive(console.registry.run("host.stop", "test"))
    # Asked right after the console's answer came back: OBS no longer plays it.
    assert media_state(obs_probe) != "OBS_MEDIA_STATE_PLAYING"
    assert result.data == {"dropped": 2}
    # Whatever end event the stop caused, nothing takes it for the line's natural end, and
    # the next line plays to its own end.
    drive(console.registry.run("host.play short", "test"))
    until_host(host, lambda: ("short", "ended") in aired(console), drive)
    assert host.state is HostState.IDLE and host.queue.on_air is None
    assert aired(console) == [("intro", "stopped"), ("short", "ended")]  # never "ended"
    assert [entry["outcome"] for entry in air_file(console)] == ["stopped", "ended"]


def test_an_interruption_stops_the_audio_playing_and_its_end_event_ends_nothing(
    tmp_path: Path, obs: ObsStudio, obs_probe: ObsProbe, start: Callable[[Console], RoomHost],
    drive: Drive,
) -> None:  # fmt: skip
    console = _console(tmp_path, obs)
    host = start(console)
    drive(console.registry.run("host.play intro", "test"))
    until_host(host, lambda: host.state is HostState.ON_AIR, drive)
    obs_probe.clear_events()
    drive(console.registry.run("host.interrupt 请注意，马上开抢。", "test"))
    until_host(host, lambda: host.on_air is not None and host.on_air.title != "intro", drive)
    assert host.state is HostState.ON_AIR and media_state(obs_probe) == "OBS_MEDIA_STATE_PLAYING"
    until_host(host, lambda: ("请注意，马上开抢。", "ended") in aired(console), drive)
    assert aired(console)[:2] == [("intro", "cut"), ("请注意，马上开抢。", "ended")]
    until_host(host, lambda: host.on_air is not None and host.on_air.title == "intro", drive)
    assert media_state(obs_probe) == "OBS_MEDIA_STATE_PLAYING"  # the cut copy is said again
    drive(console.registry.run("host.stop", "test"))


def test_the_default_speech_engine_is_played_by_obs_and_is_not_silent(
    tmp_path: Path, obs: ObsStudio, start: Callable[[Console], RoomHost], drive: Drive
) -> None:
    console = _console(tmp_path, obs)
    host = start(console)
    with ObsProbe(
        obs.host, obs.port, obs.password,
        event_subscriptions=ALL_LOW_VOLUME_EVENTS | INPUT_VOLUME_METERS,
    ) as probe:  # fmt: skip
        drive(console.registry.run("host.play short", "test"))
        until_host(host, lambda: host.state is HostState.ON_AIR, drive)
        status = probe.call("GetMediaInputStatus", inputName=MEDIA)
        assert status["mediaState"] == "OBS_MEDIA_STATE_PLAYING"
        assert status["mediaDuration"] > 500
        until_host(host, lambda: aired(console) == [("short", "ended")], drive)
        probe.wait_for_event("MediaInputPlaybackStarted", lambda d: d["inputName"] == MEDIA)
        probe.wait_for_event("MediaInputPlaybackEnded", lambda d: d["inputName"] == MEDIA)
        peak = 0.0
        for event in probe.events("InputVolumeMeters"):
            for meter in event.data["inputs"]:
                if meter["inputName"] == MEDIA:
                    for channel in meter["inputLevelsMul"]:
                        peak = max(peak, float(channel[1]))  # peak of each channel
        assert peak > 0.1, f"OBS's meter for the host peaked at {peak}"
    until_host(host, lambda: aired(console) == [("short", "ended")], drive)


def test_no_label_no_host(
    tmp_path: Path, obs: ObsStudio, obs_probe: ObsProbe, start: Callable[[Console], RoomHost],
    drive: Drive,
) -> None:  # fmt: skip
    console = _console(tmp_path, obs, label_source="Host Background")  # a colour source
    host = start(console)
    obs_probe.clear_events()
    drive(console.registry.run("host.play short", "test"))
    until_host(host, lambda: bool(host.problem), drive)
    assert "not a text source" in host.problem
    assert aired(console) == [("short", "refused")]
    assert not obs_probe.events("MediaInputPlaybackStarted")


def test_the_label_cannot_be_hidden_while_the_host_is_on_air(
    tmp_path: Path, obs: ObsStudio, obs_probe: ObsProbe, start: Callable[[Console], RoomHost],
    drive: Drive,
) -> None:  # fmt: skip
    console = _console(tmp_path, obs)
    host = start(console)
    drive(console.registry.run("host.play intro", "test"))
    until_host(host, lambda: host.state is HostState.ON_AIR, drive)
    with pytest.raises(Exception, match="cannot be hidden"):
        drive(console.registry.run("host.label false", "test"))
    # Hidden in OBS itself: the console puts it back at once.
    program = obs_probe.program_scene()
    item = obs_probe.call("GetSceneItemId", sceneName=program, sourceName=LABEL)["sceneItemId"]
    obs_probe.clear_events()
    obs_probe.call(
        "SetSceneItemEnabled", sceneName=program, sceneItemId=item, sceneItemEnabled=False
    )
    drive(
        obs_event(
            obs_probe,
            "SceneItemEnableStateChanged",
            lambda d: d["sceneItemId"] == item and d["sceneItemEnabled"],
        )
    )
    assert label_visible_in_program(obs_probe)
    text = obs_probe.call("GetInputSettings", inputName=LABEL)["inputSettings"]["text"]
    assert text == "AI数字人主播 · 内容由AI生成"
    drive(console.registry.run("host.stop", "test"))
    drive(console.registry.run("host.label false", "test"))
    assert not label_visible_in_program(obs_probe)
