"""Ingest: sources' messages judged in batches, logged, queued for review, handed on."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from barrage_samples import msg

from console.barrage.ingest import BarrageIngest
from console.barrage.log import BarrageLog
from console.barrage.message import Message
from console.barrage.pipeline import Judgements, Pipeline
from console.barrage.review import ReviewQueue, UserHistory
from console.barrage.verdict import Action, Judged


@pytest.fixture
def log(tmp_path: Path) -> Iterator[BarrageLog]:
    barrage_log = BarrageLog(tmp_path / "log.jsonl")
    yield barrage_log
    barrage_log.close()


def test_a_burst_is_judged_as_one_batch_and_reaches_everyone(
    tmp_path: Path, log: BarrageLog
) -> None:
    async def scenario() -> tuple[BarrageIngest, list[Sequence[Judged]]]:
        batches: list[Sequence[Judged]] = []
        arrived = asyncio.Event()
        ingest = BarrageIngest(
            Pipeline(),
            log,
            ReviewQueue(),
            UserHistory(),
            interval=0.01,
        )
        ingest.subscribe(lambda batch: (batches.append(batch), arrived.set()))
        for text in ["多少钱", "加我微信", "加薇心", "好看"]:
            ingest.put(msg(text, user=text))
        async with asyncio.timeout(5):
            await arrived.wait()
        return ingest, batches

    ingest, batches = asyncio.run(scenario())
    assert len(batches) == 1
    assert [j.verdict.action for j in batches[0]] == [
        Action.PASS,
        Action.BLOCK,
        Action.HOLD,
        Action.PASS,
    ]
    assert ingest.received == ingest.judged == 4 and ingest.pending == 0
    assert ingest.actions == {Action.PASS: 2, Action.BLOCK: 1, Action.HOLD: 1}
    assert ingest.rules == {"contact": 2}
    assert ingest.review is not None and [j.message.text for j in ingest.review.held()] == [
        "加薇心"
    ]
    assert ingest.history is not None and len(ingest.history) == 4
    logged = (tmp_path / "log.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["verdict"] for line in logged] == ["pass", "block", "hold", "pass"]


def test_flush_judges_what_is_buffered_at_once() -> None:
    async def scenario() -> list[Judged]:
        ingest = BarrageIngest(Pipeline(), interval=60.0)
        ingest.put(msg("hi"))
        return ingest.flush()

    assert [j.message.text for j in asyncio.run(scenario())] == ["hi"]


class Broken(Pipeline):
    def judge_batch(self, messages: Sequence[Message]) -> Judgements:
        raise RuntimeError("bug")


def test_a_failing_pipeline_holds_the_batch_instead_of_losing_it(
    tmp_path: Path, log: BarrageLog, caplog: pytest.LogCaptureFixture
) -> None:
    async def scenario() -> list[Judged]:
        ingest = BarrageIngest(Broken(), log, ReviewQueue())
        ingest.put(msg("hi"))
        return ingest.flush()

    judged = asyncio.run(scenario())
    assert [(j.verdict.action, j.verdict.rule) for j in judged] == [(Action.HOLD, "error")]
    assert "moderation pipeline failed" in caplog.text
    assert json.loads((tmp_path / "log.jsonl").read_text(encoding="utf-8"))["rule"] == "error"


def test_a_log_that_cannot_be_written_does_not_stop_the_feed(tmp_path: Path) -> None:
    log = BarrageLog(tmp_path / "log.jsonl")
    log.close()  # every write now fails

    async def scenario() -> tuple[BarrageIngest, list[Judged]]:
        ingest = BarrageIngest(Pipeline(), log)
        ingest.put(msg("hi"))
        return ingest, ingest.flush()

    ingest, judged = asyncio.run(scenario())
    assert len(judged) == 1 and ingest.log_errors == 1


def test_a_burst_is_judged_a_batch_per_loop_turn_in_order() -> None:
    """Each loop turn judges at most ``batch`` messages once its budget is spent (here at
    once), so the loop runs between batches; nothing is lost or reordered."""

    async def scenario() -> tuple[list[int], list[str], int]:
        ingest = BarrageIngest(Pipeline(), interval=0.0, batch=100, turn_budget=0.0)
        sizes: list[int] = []
        texts: list[str] = []
        left_after_first: list[int] = []
        everything = asyncio.Event()

        def on_batch(batch: Sequence[Judged]) -> None:
            if not sizes:
                left_after_first.append(ingest.pending)
            sizes.append(len(batch))
            texts.extend(j.message.text for j in batch)
            if len(texts) == 1000:
                everything.set()

        ingest.subscribe(on_batch)
        for n in range(1000):
            ingest.put(msg(f"m{n}", user=f"u{n}"))
        async with asyncio.timeout(10):
            await everything.wait()
        return sizes, texts, left_after_first[0]

    sizes, texts, left_after_first = asyncio.run(scenario())
    assert sizes == [100] * 10
    assert left_after_first == 900  # the first turn stopped after one batch
    assert texts == [f"m{n}" for n in range(1000)]


def test_a_source_waits_for_room_while_the_backlog_is_past_its_high_water_mark() -> None:
    """``room`` (the sources' pace) returns at once below the mark; past it, only once the
    judging has brought the backlog down to half of it."""

    async def scenario() -> list[tuple[int, int]]:
        ingest = BarrageIngest(Pipeline(), interval=0.0, batch=100, turn_budget=0.0, high_water=400)
        await asyncio.wait_for(ingest.room(), 1)  # nothing waits: room at once
        seen: list[tuple[int, int]] = []
        for n in range(1000):  # a burst the source already read
            ingest.put(msg(f"m{n}", user=f"u{n}"))
        waiting = ingest.pending
        await asyncio.wait_for(ingest.room(), 10)
        seen.append((waiting, ingest.pending))
        for n in range(100):
            ingest.put(msg(f"n{n}", user=f"v{n}"))
        await asyncio.wait_for(ingest.room(), 10)  # 300 wait: under the mark
        seen.append((ingest.judged, ingest.pending))
        return seen

    (before, after), (judged, left) = asyncio.run(scenario())
    assert before == 1000 and after <= 200  # it waited until half the mark was left
    assert judged + left == 1100
