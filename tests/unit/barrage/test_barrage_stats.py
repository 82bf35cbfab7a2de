"""Stats: messages per minute over a sliding minute, moderation by rule, top questions and
mentions per product in one-minute buckets."""

from __future__ import annotations

from barrage_samples import msg

from console.barrage.blocked import BlockedList
from console.barrage.classify import ProductMatcher
from console.barrage.message import Kind
from console.barrage.pipeline import Pipeline
from console.barrage.stats import BarrageStats
from console.barrage.verdict import Judged


class Clock:
    def __init__(self) -> None:
        self.now = 60_000.0

    def __call__(self) -> float:
        return self.now


def judged(*texts: str, kind: Kind = Kind.COMMENT) -> list[Judged]:
    messages = [msg(text, user=f"user-{n}-{text}", kind=kind) for n, text in enumerate(texts)]
    verdicts, normalised = Pipeline().judge_batch(messages)
    return [Judged(m, v, n) for m, v, n in zip(messages, verdicts, normalised, strict=True)]


def test_per_minute_counts_the_last_sixty_seconds() -> None:
    clock = Clock()
    stats = BarrageStats(clock=clock)
    stats.add(judged("a", "b"))
    clock.now += 30
    stats.add(judged("c"))
    assert stats.per_minute() == 3
    clock.now += 31  # the first batch is now 61 s old
    assert stats.per_minute() == 1 and stats.total == 3


def test_held_and_blocked_are_counted_by_rule() -> None:
    stats = BarrageStats(clock=Clock())
    stats.add(judged("加我微信 abc12345", "加薇心", "你好"))
    snapshot = stats.snapshot()
    assert snapshot.blocked == {"contact": 1} and snapshot.held == {"contact": 1}


def test_releases_are_the_false_alarms_of_each_rule() -> None:
    blocked = BlockedList()
    stats = BarrageStats(clock=Clock(), blocked=blocked)
    batch = judged("加我微信 abc12345", "电话13812345678", "你好")
    stats.add(batch)
    for item in batch:
        blocked.add(item)
    assert stats.snapshot().false_alarms == {}
    blocked.release(batch[1].message.id)
    snapshot = stats.snapshot()
    assert snapshot.false_alarms == {"contact": 1} and snapshot.blocked == {"contact": 2}


def test_top_questions_group_spellings_and_skip_blocked() -> None:
    stats = BarrageStats(clock=Clock())
    stats.add(judged("多少钱？", "多少钱", "多 少 钱", "几号链接", "加微信多少钱", "好看"))
    top = stats.top_questions()
    assert [(q.text, q.count) for q in top] == [("多少钱？", 3), ("几号链接", 1)]


def test_mentions_fill_one_minute_buckets_for_the_chart() -> None:
    clock = Clock()
    stats = BarrageStats(ProductMatcher({"steak": ["牛排"], "lego": ["乐高"]}), clock, 5)
    stats.add(judged("牛排好吃", "乐高呢"))
    clock.now += 60
    stats.add(judged("牛排", "牛排多少钱"))
    minutes, series = stats.mention_series()
    assert minutes == [996, 997, 998, 999, 1000, 1001][1:]
    assert series == {"steak": [0, 0, 0, 1, 2], "lego": [0, 0, 0, 1, 0]}
    clock.now += 5 * 60  # both minutes left the chart
    assert stats.mention_series()[1] == {}


def test_events_count_towards_the_rate_only() -> None:
    stats = BarrageStats(ProductMatcher({"steak": ["牛排"]}), Clock())
    stats.add(judged("牛排?", kind=Kind.GIFT))
    snapshot = stats.snapshot()
    assert snapshot.per_minute == 1 and snapshot.questions == [] and snapshot.mentions == {}
