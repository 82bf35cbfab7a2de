"""Replay: recorded pace at 1× and N×, as fast as possible, looping, and bad lines."""

from __future__ import annotations

import asyncio
import json
import math
from pathlib import Path

import pytest

from console.barrage.message import Kind, Message
from console.barrage.sources import ReplaySource, SourcePhase, SourceState

EPOCH = 1_700_000_000.0


class FakeClock:
    """Time that moves only when the replay sleeps; every sleep is recorded."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def wall(self) -> float:
        return EPOCH + self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += max(0.0, seconds)
        await asyncio.sleep(0)


def record(text: str, at: float, ident: str = "", **extra: object) -> str:
    message = Message("douyin", "elsewhere", ident or f"id-{text}", "u1", "Ann", text, at)
    return json.dumps({**message.to_record(), **extra}, ensure_ascii=False)


def recording(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "show.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


class Played:
    """What a replay did: the source, its clock, (fake time, message) per delivery, and
    the phases it went through."""

    def __init__(self, source: ReplaySource, clock: FakeClock) -> None:
        self.source = source
        self.clock = clock
        self.delivered: list[tuple[float, Message]] = []
        self.phases: list[SourcePhase] = []


def play(path: Path, speed: float, loop: bool = False, laps: int = 1) -> Played:
    """Play ``path`` until it finishes (or has started lap ``laps``), on a fake clock."""
    clock = FakeClock()

    async def scenario() -> Played:
        done = asyncio.Event()

        def deliver(message: Message) -> None:
            played.delivered.append((clock.now, message))
            if played.source.laps >= laps:
                done.set()

        def phase(state: SourceState) -> None:
            played.phases.append(state.phase)
            if state.phase is SourcePhase.FINISHED:
                done.set()

        played = Played(ReplaySource("rec", path, "main", deliver, speed, loop, clock), clock)
        played.source.subscribe(phase)
        played.source.start()
        try:
            async with asyncio.timeout(5):
                await done.wait()
        finally:
            await played.source.close()
        return played

    return asyncio.run(scenario())


PACE = [record("a", 1000.0), record("b", 1000.5), record("c", 1002.0), record("d", 1002.0)]


def test_plays_at_the_recorded_pace(tmp_path: Path) -> None:
    delivered = play(recording(tmp_path, PACE), speed=1.0).delivered
    assert [(at, m.text) for at, m in delivered] == [(0.0, "a"), (0.5, "b"), (2.0, "c"), (2.0, "d")]


def test_plays_n_times_faster(tmp_path: Path) -> None:
    delivered = play(recording(tmp_path, PACE), speed=4.0).delivered
    assert [at for at, _ in delivered] == [0.0, 0.125, 0.5, 0.5]


def test_plays_as_fast_as_possible_without_waiting(tmp_path: Path) -> None:
    lines = [record(str(n), 1000.0 + n) for n in range(1200)]
    played = play(recording(tmp_path, lines), speed=math.inf)
    assert len(played.delivered) == 1200 and played.clock.now == 0.0
    assert played.clock.sleeps == [0, 0]  # only yields to the loop, every 500 messages
    assert played.phases[-2:] == [SourcePhase.FINISHED, SourcePhase.CLOSED]


def test_messages_are_stamped_when_played_and_moved_to_the_room(tmp_path: Path) -> None:
    delivered = play(recording(tmp_path, PACE), speed=1.0).delivered
    assert [m.time for _, m in delivered] == [EPOCH, EPOCH + 0.5, EPOCH + 2.0, EPOCH + 2.0]
    assert {m.room for _, m in delivered} == {"main"}


def test_looping_replays_with_fresh_ids(tmp_path: Path) -> None:
    played = play(recording(tmp_path, PACE[:2]), speed=math.inf, loop=True, laps=3)
    ids = [m.id for _, m in played.delivered][:6]
    assert ids == ["id-a", "id-b", "id-a~1", "id-b~1", "id-a~2", "id-b~2"]


BAD_LINES = [
    ("{not json", "invalid JSON"),
    ("[1, 2]", "not a JSON object"),
    (json.dumps({"user": "Ann", "time": 1000.0}), "missing field text"),
    (json.dumps({"text": "hi", "time": 1000.0}), "missing field user"),
    (json.dumps({"text": "hi", "user": "A", "kind": "shout"}), "bad record"),
    (json.dumps({"text": "x" * 300_000, "user": "A"}), "line too long"),
    (json.dumps({"text": "x" * 3000, "user": "A"}), "text too long"),
    (json.dumps({"text": {"a": 1}, "user": "A"}), "missing field text"),
    ("[" * 5000, "invalid JSON"),  # deeper than Python's recursion: one bad line, no restart
]


@pytest.mark.parametrize(("line", "reason"), BAD_LINES)
def test_bad_lines_are_counted_and_skipped(tmp_path: Path, line: str, reason: str) -> None:
    played = play(recording(tmp_path, [PACE[0], line, PACE[1]]), speed=math.inf)
    assert [m.text for _, m in played.delivered] == ["a", "b"]
    assert played.source.counters.dropped == {reason: 1}


def test_review_lines_of_a_barrage_log_are_skipped(tmp_path: Path) -> None:
    review = json.dumps({"review": "approved", "id": "id-a", "by": "operator", "at": 1.0})
    played = play(recording(tmp_path, [PACE[0], review]), speed=math.inf)
    assert [m.text for _, m in played.delivered] == ["a"] and not played.source.counters.dropped


def test_bad_characters_and_bytes_are_stripped(tmp_path: Path) -> None:
    path = tmp_path / "raw.jsonl"
    line = record("加\u200b微\u202e信", 1000.0, ident="x1").encode() + b"\n"
    path.write_bytes(line.replace("信".encode(), b"\xff\xfe"))  # invalid UTF-8
    played = play(path, speed=math.inf)
    assert [m.text for _, m in played.delivered] == ["加微"]
    assert played.source.counters.stripped == {"zero-width": 1, "bidi mark": 1, "lone surrogate": 2}


def test_gift_records_keep_their_kind(tmp_path: Path) -> None:
    gift = Message("douyin", "main", "g1", "u1", "Ann", "", 1000.0, Kind.GIFT, {"gift": "小心心"})
    delivered = play(recording(tmp_path, [json.dumps(gift.to_record())]), speed=1.0).delivered
    assert delivered[0][1].kind is Kind.GIFT and delivered[0][1].extra == {"gift": "小心心"}


def test_a_missing_recording_is_shown_as_failed(tmp_path: Path) -> None:
    async def scenario() -> str:
        failed = asyncio.Event()
        source = ReplaySource("rec", tmp_path / "nope.jsonl", "main", lambda m: None)
        source.subscribe(lambda s: failed.set() if s.phase is SourcePhase.FAILED else None)
        source.start()
        try:
            async with asyncio.timeout(5):
                await failed.wait()
            return source.state.describe()
        finally:
            await source.close()

    assert asyncio.run(scenario()).startswith("failed (retry in 60 s): cannot read recording")
