"""The host in a show, against a real OBS: a viewer's question answered through the host
(barrage.answer → host.answer, edited by the operator, facts from the live catalogue), the
autopilot (each product's slide as its line starts, yielding at once and resuming, the
presence check cutting the host and pausing on the safe scene), and the operator's free
text preempting scripted copy."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from pathlib import Path

from console.control.state import show_state
from console.host.host import HostState, RoomHost
from console.services import Console
from tests.conftest import Drive
from tests.harness import ObsProbe, ObsStudio
from tests.integration.test_host_obs import (  # noqa: F401 (the fixtures)
    LONG,
    MEDIA,
    _speech_cache,  # the fixture
    aired,
    host_console,
    media_file,
    media_state,
    start_console,
    until_host,
)
from tests.support import connected

PRODUCTS = """\
products:
  - sku: oats
    name: 燕麦片 1kg
    price: 39.9
    link_no: 2
  - sku: steak
    name: 眼肉牛排 1kg
    price: 69
    link_no: 1
    faq:
      - keywords: [多少钱]
        answer: 牛排现在直播间价 {price} 元，在 {link_no}号链接。
"""

SEGMENTS = f"""\
segments:
  - id: oats-copy
    product: oats
    text: {LONG}
  - id: steak-copy
    product: steak
    text: 牛排直播间价 {{price}} 元。
    variants: ['牛排在 {{link_no}}号链接。']
  - id: short
    text: 你好，欢迎。
"""


def replay(directory: Path, *texts: str) -> str:
    """A barrage section replaying one viewer comment per text, at once."""
    lines = [
        json.dumps(
            {"platform": "jd", "room": "main", "id": f"q{index}", "user_id": f"u{index}",
             "user": f"观众{index}", "time": 1713262684.0 + index, "kind": "comment",
             "text": text},
            ensure_ascii=False,
        )
        for index, text in enumerate(texts, 1)
    ]  # fmt: skip
    (directory / "comments.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    source = "{kind: replay, room: main, file: comments.jsonl, speed: 50}"
    return f"barrage:\n  sources:\n    - {source}\n"


def until_message(console: Console, message_id: str, drive: Drive) -> None:
    async def wait() -> None:
        arrived = asyncio.Event()

        def known() -> bool:
            try:
                console.barrage.moderator.message(message_id, "test")
            except Exception:  # not there yet
                return False
            return True

        unsubscribe = console.barrage.subscribe_batches(
            lambda batch: arrived.set() if known() else None
        )
        try:
            if not known():
                await asyncio.wait_for(arrived.wait(), 10)
        finally:
            unsubscribe()

    drive(wait(), timeout=15)


def until_slide(console: Console, sku: str, drive: Drive) -> None:
    """The room's slide on air (the last one OBS accepted) becomes ``sku``'s."""
    slides = console.rooms.get("main").slides

    def shown() -> bool:
        return slides.last is not None and slides.last.sku == sku

    async def wait() -> None:
        reached = asyncio.Event()
        unsubscribe = slides.subscribe(lambda _: reached.set() if shown() else None)
        try:
            if not shown():
                await asyncio.wait_for(reached.wait(), 10)
        finally:
            unsubscribe()

    drive(wait(), timeout=15)


def test_a_viewers_question_is_answered_through_the_host_as_the_operator_edits_it(
    tmp_path: Path, obs: ObsStudio, obs_probe: ObsProbe, start: Callable[[Console], RoomHost],
    drive: Drive,
) -> None:  # fmt: skip
    extra = PRODUCTS + replay(tmp_path, "牛排多少钱呀")
    console = host_console(tmp_path, obs, segments=SEGMENTS, extra=extra, slides=True)
    host = start(console)
    run = console.registry.run
    drive(run("host.autopilot start", "test"))
    until_host(host, lambda: host.state is HostState.ON_AIR, drive)
    assert host.on_air is not None and host.on_air.segment == "oats-copy"
    until_slide(console, "oats", drive)  # its slide, as its line starts
    copy_file = media_file(obs_probe)

    drive(run("product.set steak price 59", "test"))  # the price changes during the show
    until_message(console, "q1", drive)
    result = drive(run("barrage.answer q1", "test"))
    assert result.data["answer"] == "牛排现在直播间价 59 元，在 1号链接。"  # the live price
    assert host.autopilot.product == "steak"  # the question named another product
    # Proposed, not said: OBS still plays the copy, nothing waits.
    assert host.on_air is not None and host.on_air.segment == "oats-copy"
    assert len(host.queue) == 0 and media_file(obs_probe) == copy_file

    edited = "牛排现在直播间价 59 元，在 1号链接，今晚都是这个价。"
    drive(run(f'host.answer "{edited}"', "test"))  # the operator's edit is what airs
    until_host(host, lambda: host.on_air is not None and host.on_air.origin == "answer", drive)
    assert host.proposed is None
    assert media_state(obs_probe) == "OBS_MEDIA_STATE_PLAYING"
    assert media_file(obs_probe) != copy_file
    until_slide(console, "steak", drive)

    def answers() -> list[dict[str, object]]:
        return [e for e in console.air_log.recent if e.get("origin") == "answer"]

    until_host(host, lambda: any(e["outcome"] == "ended" for e in answers()), drive, within=30)
    (entry,) = answers()
    assert entry["text"] == edited  # the operator's words, not the proposal
    assert entry["question"] == "牛排多少钱呀" and entry["sku"] == "steak"
    # The cut copy is said again from its start, then the autopilot goes on with the steak.
    until_host(host, lambda: host.on_air is not None and host.on_air.segment == "oats-copy", drive)
    assert media_file(obs_probe) == copy_file
    drive(run("host.skip", "test"))
    until_host(host, lambda: host.on_air is not None and host.on_air.segment == "steak-copy", drive)
    assert host.on_air.text in ("牛排直播间价 59 元。", "牛排在 1号链接。")
    drive(run("host.stop", "test"))
    assert [outcome for _, outcome in aired(console)][:2] == ["cut", "ended"]


def test_the_autopilot_yields_to_the_operator_and_stops_when_nobody_is_there(
    tmp_path: Path, obs: ObsStudio, obs_probe: ObsProbe, start: Callable[[Console], RoomHost],
    drive: Drive,
) -> None:  # fmt: skip
    presence = "      autopilot: {presence_s: 10, warn_s: 2, safe_scene: Break}\n"
    console = host_console(tmp_path, obs, segments=SEGMENTS, extra=PRODUCTS, host=presence)
    host = start(console)
    run = console.registry.run
    drive(run("host.autopilot start", "test"))
    until_host(host, lambda: host.state is HostState.ON_AIR, drive)
    drive(run("host.play short", "test"))  # the operator's copy: the autopilot yields at once
    assert aired(console) == [("oats-copy", "cut")]
    drive(run("host.play steak-copy", "test"))  # more of it, after the autopilot's cut line
    until_host(host, lambda: host.on_air is not None and host.on_air.title == "short", drive)
    until_host(host, lambda: ("short", "ended") in aired(console), drive)
    until_host(host, lambda: host.on_air is not None and host.on_air.segment == "oats-copy", drive)
    # No sign of the operator for 10 s: warned, then the host stops at once, on Break, and
    # the operator's line waiting is not said while nobody is there.
    until_host(host, lambda: bool(host.autopilot.warning), drive, within=15)
    until_host(host, lambda: host.autopilot.absent and host.state is HostState.IDLE, drive)
    assert media_state(obs_probe) != "OBS_MEDIA_STATE_PLAYING"
    assert aired(console)[-1] == ("oats-copy", "paused"), console.air_log.recent
    drive(obs_event_program(console, "Break"))
    assert obs_probe.program_scene() == "Break"
    events = [e.get("event") for e in console.air_log.recent]
    assert "operator check due" in events and "autopilot paused" in events
    assert [line.segment for line in host.queue.waiting] == ["steak-copy"]
    assert not drive(starts_within(host, 1.0))
    drive(run("host.confirm", "test"))  # back: the operator's line goes on, not the autopilot
    until_host(host, lambda: host.on_air is not None and host.on_air.segment == "steak-copy", drive)
    assert host.on_air.origin == "operator" and not host.autopilot.running
    until_host(host, lambda: aired(console)[-1][1] == "ended", drive)
    drive(run("host.autopilot resume", "test"))  # the cut segment again, from its start
    until_host(host, lambda: host.state is HostState.ON_AIR, drive)
    assert host.on_air is not None and host.on_air.segment == "oats-copy"
    assert obs_probe.call("GetMediaInputStatus", inputName=MEDIA)["mediaCursor"] < 2000
    drive(run("host.stop", "test"))
    drive(run("scene.program Host", "test"))


async def starts_within(host: RoomHost, seconds: float) -> bool:
    """Whether the host starts a line within ``seconds`` (a bounded wait for what must not
    happen)."""
    started = asyncio.Event()
    unsubscribe = host.subscribe(
        lambda _: started.set() if host.state is not HostState.IDLE else None
    )
    try:
        await asyncio.wait_for(started.wait(), seconds)
    except TimeoutError:
        return False
    finally:
        unsubscribe()
    return True


async def obs_event_program(console: Console, scene: str) -> None:
    """The room's mirror of OBS shows ``scene`` on program (OBS's own event moved it)."""
    from tests.support import until

    state = console.rooms.get("main").state
    await until(state, lambda: state.program == scene)


def test_the_operators_free_text_preempts_copy_they_queued_and_the_copy_resumes(
    tmp_path: Path, obs: ObsStudio, obs_probe: ObsProbe, start: Callable[[Console], RoomHost],
    drive: Drive,
) -> None:  # fmt: skip
    console = host_console(tmp_path, obs, segments=SEGMENTS, extra=PRODUCTS)
    host = start(console)
    run = console.registry.run
    drive(run("host.play oats-copy", "test"))
    until_host(host, lambda: host.state is HostState.ON_AIR, drive)
    copy_file = media_file(obs_probe)
    # GET /api/state: the room's host, now playing with elapsed and remaining time as OBS
    # reports the media's cursor and duration.
    status = obs_probe.call("GetMediaInputStatus", inputName=MEDIA)
    (room,) = show_state("Test show", console.rooms)["rooms"]
    now = room["host"]["now_playing"]
    assert room["host"]["state"] == "on_air" and now["title"] == "oats-copy"
    assert now["sku"] == "oats" and now["origin"] == "operator"
    obs_left = (status["mediaDuration"] - status["mediaCursor"]) / 1000
    assert abs(now["remaining_s"] - obs_left) < 0.5 and now["elapsed_s"] < 2
    assert room["host"]["label"]["on"] is True
    drive(run('host.answer "在二号链接。"', "test"))
    until_host(host, lambda: host.on_air is not None and host.on_air.origin == "answer", drive)
    drive(run('host.say "价格刚刚更正了。"', "test"))  # an answer on air is not cut
    assert host.on_air is not None and host.on_air.origin == "answer"
    correction = "价格刚刚更正了。"
    until_host(host, lambda: host.on_air is not None and host.on_air.title == correction, drive)
    assert media_file(obs_probe) != copy_file
    until_host(host, lambda: host.on_air is not None and host.on_air.segment == "oats-copy", drive)
    assert media_file(obs_probe) == copy_file
    drive(run('host.say "马上开抢。"', "test"))  # free text on copy: cut at once
    assert aired(console)[-1] == ("oats-copy", "cut")
    until_host(host, lambda: host.on_air is not None and host.on_air.title == "马上开抢。", drive)
    until_host(host, lambda: host.on_air is not None and host.on_air.segment == "oats-copy", drive)
    drive(run("host.stop", "test"))
    assert [outcome for _, outcome in aired(console)] == [
        "cut", "ended", "ended", "cut", "ended", "stopped"
    ]  # fmt: skip


def test_a_restarted_console_brings_the_hosts_queue_back_held_until_room_restore(
    tmp_path: Path, obs: ObsStudio, obs_probe: ObsProbe, start: Callable[[Console], RoomHost],
    drive: Drive,
) -> None:  # fmt: skip
    first = host_console(tmp_path, obs, segments=SEGMENTS, extra=PRODUCTS)
    host = first.host("main")

    async def queue_two_lines() -> None:
        first.start()
        await connected(first.rooms.get("main").state)
        await first.registry.run(f'host.say "{LONG}"', "test")
        await first.registry.run('host.say "马上开抢。"', "test")

    drive(queue_two_lines())
    until_host(host, lambda: host.state is HostState.ON_AIR, drive)
    # The console dies here (its journal closes with it, as the kernel closes a killed
    # process's files): the next one opens the same show from the journal as it stands.
    first.journal.close()
    second = host_console(tmp_path, obs, segments=SEGMENTS, extra=PRODUCTS)
    drive(first.close())
    restored = second.host("main")
    assert [line.text for line in restored.queue.waiting] == [LONG, "马上开抢。"]
    assert restored.held and restored.snapshot()["held"] is True
    host = start(second)
    room = second.rooms.get("main")

    async def differences() -> list[str]:
        compared = asyncio.Event()
        unsubscribe = room.reconciliation.subscribe(
            lambda r: compared.set() if r.differences else None
        )
        try:
            if not room.reconciliation.differences:
                await asyncio.wait_for(compared.wait(), 15)
        finally:
            unsubscribe()
        return [d.text for d in room.reconciliation.differences]

    reported = drive(differences())
    assert any("held since the restart" in text for text in reported), reported
    assert host.state is HostState.IDLE and len(host.queue) == 2  # nothing aired by itself
    assert media_state(obs_probe) != "OBS_MEDIA_STATE_PLAYING"
    result = drive(second.registry.run("room.restore", "test"))
    assert "host queue of 2 lines" in result.data["restored"]
    until_host(host, lambda: host.on_air is not None and host.on_air.text == LONG, drive)
    assert media_state(obs_probe) == "OBS_MEDIA_STATE_PLAYING"
