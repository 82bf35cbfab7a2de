"""The barrage log: every judged message on disk once its batch is written, and replayable."""

from __future__ import annotations

import asyncio
import json
import math
from pathlib import Path

from barrage_samples import msg

from console.barrage.log import BarrageLog, log_path
from console.barrage.message import Message
from console.barrage.sources import ReplaySource, SourcePhase
from console.barrage.verdict import PASSED, Action, Judged, Verdict

HELD = Verdict(Action.HOLD, "contact", (2, 4), "contact word '微信'")


def test_log_path_is_per_show_and_day(tmp_path: Path) -> None:
    assert log_path(tmp_path, "JD 618 Steak Night!", "2024-04-16") == (
        tmp_path / "jd-618-steak-night-2024-04-16.barrage.jsonl"
    )


def test_a_written_batch_is_on_disk_before_close(tmp_path: Path) -> None:
    path = tmp_path / "show.barrage.jsonl"
    log = BarrageLog(path)
    log.write([Judged(msg("多少钱"), PASSED, "多少钱"), Judged(msg("加微信"), HELD, "加微信")])
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    log.close()
    assert [line["text"] for line in lines] == ["多少钱", "加微信"]
    assert lines[0]["verdict"] == "pass" and "rule" not in lines[0]
    assert (lines[1]["verdict"], lines[1]["rule"], lines[1]["span"]) == ("hold", "contact", [2, 4])
    assert log.written == 2


def test_appends_across_restarts(tmp_path: Path) -> None:
    path = tmp_path / "show.barrage.jsonl"
    for text in ("one", "two"):
        log = BarrageLog(path)
        log.write([Judged(msg(text), PASSED, text)])
        log.close()
    assert len(path.read_text(encoding="utf-8").splitlines()) == 2


def test_a_lone_surrogate_does_not_lose_the_batch(tmp_path: Path) -> None:
    path = tmp_path / "show.barrage.jsonl"
    log = BarrageLog(path)
    log.write([Judged(msg("bad \ud800 text"), PASSED, ""), Judged(msg("fine"), PASSED, "")])
    log.close()
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["text"] for line in lines] == ["bad \ud800 text", "fine"]


def test_review_decisions_are_logged(tmp_path: Path) -> None:
    path = tmp_path / "show.barrage.jsonl"
    log = BarrageLog(path)
    log.write_review("m7", "approved")
    log.close()
    line = json.loads(path.read_text(encoding="utf-8"))
    assert (line["review"], line["id"], line["by"]) == ("approved", "m7", "operator")


def test_a_log_plays_back_through_replay(tmp_path: Path) -> None:
    path = tmp_path / "show.barrage.jsonl"
    log = BarrageLog(path)
    originals = [msg(f"comment {n}", at=1000.0 + n) for n in range(5)]
    log.write([Judged(m, PASSED, m.text) for m in originals])
    log.write_review(originals[0].id, "approved")
    log.close()

    async def scenario() -> list[Message]:
        played: list[Message] = []
        finished = asyncio.Event()
        source = ReplaySource("log", path, "main", played.append, speed=math.inf)
        source.subscribe(lambda s: finished.set() if s.phase is SourcePhase.FINISHED else None)
        source.start()
        async with asyncio.timeout(5):
            await finished.wait()
        await source.close()
        return played

    played = asyncio.run(scenario())
    assert [(m.id, m.text, m.user_id) for m in played] == [
        (m.id, m.text, m.user_id) for m in originals
    ]
