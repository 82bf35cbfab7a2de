"""The barrage in numbers, for the stats panel: rate, moderation (with the false alarms the
operator released), questions, product mentions.

Fed one judged batch at a time (an ingest listener), so the per-message cost is a few
dictionary updates; the panel reads a ``StatsSnapshot`` about once a second. Time is the
console's wall clock at arrival, in whole seconds and minutes: platform stamps can be late
or skewed, and the operator wants "now", not the platform's idea of it.
"""

from __future__ import annotations

import time
from collections import Counter, deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from console.barrage.blocked import BlockedList
from console.barrage.classify import ProductMatcher, is_question
from console.barrage.message import Kind
from console.barrage.verdict import Action, Judged

RATE_WINDOW = 60  # seconds of per-second counts behind "messages per minute"
CHART_MINUTES = 30  # one-minute buckets the mentions chart keeps
QUESTION_KEY_CHARS = 24  # questions are counted by the start of their normalised text
MAX_QUESTIONS = 4000  # distinct questions remembered before the rare ones are dropped


@dataclass(frozen=True)
class TopQuestion:
    """A question viewers keep asking: one of its texts as sent, and how often."""

    text: str
    count: int


@dataclass(frozen=True)
class StatsSnapshot:
    """Everything the stats panel shows, read at once."""

    per_minute: int
    """Messages received in the last 60 seconds."""
    total: int
    held: dict[str, int]
    """Held messages by rule (most first)."""
    blocked: dict[str, int]
    """Blocked messages by rule (most first)."""
    false_alarms: dict[str, int]
    """Blocked messages the operator released, by the rule that had blocked them."""
    questions: list[TopQuestion]
    minutes: list[int]
    """The chart's minutes (epoch minutes, oldest first, the current one last)."""
    mentions: dict[str, list[int]]
    """Product id → mentions in each of ``minutes``."""


class BarrageStats:
    """Accumulates judged batches; ``snapshot()`` for the panel."""

    def __init__(
        self,
        products: ProductMatcher | None = None,
        clock: Callable[[], float] = time.time,
        chart_minutes: int = CHART_MINUTES,
        blocked: BlockedList | None = None,
    ) -> None:
        self.products = products
        self.blocked = blocked  # counts the releases: the false alarms of each rule
        self.clock = clock
        self.chart_minutes = chart_minutes
        self.total = 0
        self.by_rule: Counter[tuple[Action, str]] = Counter()
        self._seconds: deque[list[int]] = deque()  # [second, count], oldest first
        self._questions: Counter[str] = Counter()
        self._question_text: dict[str, str] = {}
        self._minutes: deque[tuple[int, Counter[str]]] = deque()  # (minute, mentions)

    def add(self, batch: Sequence[Judged]) -> None:
        """Count one judged batch (an ingest listener)."""
        if not batch:
            return
        now = self.clock()
        self.total += len(batch)
        self._count_second(int(now), len(batch))
        mentions = self._bucket(int(now // 60))
        products = self.products
        questions = self._questions
        by_rule = self.by_rule
        for message, verdict, normalised in batch:
            action = verdict.action
            if action is not Action.PASS:
                by_rule[action, verdict.rule] += 1
            if message.kind is not Kind.COMMENT or action is Action.BLOCK:
                continue  # blocked texts are spam, not what viewers want to know
            if products:
                for product in products.mentions(normalised):
                    mentions[product] += 1
            if is_question(message.text, normalised):
                key = normalised[:QUESTION_KEY_CHARS] or message.text[:QUESTION_KEY_CHARS]
                if key not in questions:
                    self._question_text[key] = message.text
                questions[key] += 1
        if len(questions) > MAX_QUESTIONS:
            self._forget_rare_questions()

    def set_products(self, products: ProductMatcher | None) -> None:
        self.products = products

    def per_minute(self) -> int:
        """Messages received in the last ``RATE_WINDOW`` seconds."""
        self._count_second(int(self.clock()), 0)
        return sum(count for _, count in self._seconds)

    def top_questions(self, limit: int = 5) -> list[TopQuestion]:
        return [
            TopQuestion(self._question_text[key], count)
            for key, count in self._questions.most_common(limit)
        ]

    def mention_series(self) -> tuple[list[int], dict[str, list[int]]]:
        """The chart's minutes (the last ``chart_minutes``, current last) and, per product
        mentioned in them, the mentions per minute (0 where there were none)."""
        current = int(self.clock() // 60)
        minutes = list(range(current - self.chart_minutes + 1, current + 1))
        series: dict[str, list[int]] = {}
        first = minutes[0]
        for minute, counts in self._minutes:
            if minute < first or minute > current:
                continue
            for product, count in counts.items():
                series.setdefault(product, [0] * len(minutes))[minute - first] = count
        return minutes, series

    def snapshot(self, questions: int = 5) -> StatsSnapshot:
        held = {
            rule: n for (action, rule), n in self.by_rule.most_common() if action is Action.HOLD
        }
        blocked = {
            rule: n for (action, rule), n in self.by_rule.most_common() if action is Action.BLOCK
        }
        minutes, mentions = self.mention_series()
        return StatsSnapshot(
            per_minute=self.per_minute(),
            total=self.total,
            held=held,
            blocked=blocked,
            false_alarms={} if self.blocked is None else self.blocked.false_alarms(),
            questions=self.top_questions(questions),
            minutes=minutes,
            mentions=mentions,
        )

    # -- buckets --------------------------------------------------------------------------

    def _count_second(self, second: int, count: int) -> None:
        seconds = self._seconds
        if seconds and seconds[-1][0] == second:
            seconds[-1][1] += count
        elif count:
            seconds.append([second, count])
        while seconds and seconds[0][0] <= second - RATE_WINDOW:
            seconds.popleft()

    def _bucket(self, minute: int) -> Counter[str]:
        minutes = self._minutes
        if minutes and minutes[-1][0] == minute:
            return minutes[-1][1]
        bucket: Counter[str] = Counter()
        minutes.append((minute, bucket))
        while minutes and minutes[0][0] <= minute - self.chart_minutes:
            minutes.popleft()
        return bucket

    def _forget_rare_questions(self) -> None:
        """Keep the most asked half: a question asked once an hour ago is not "top"."""
        keep = dict(self._questions.most_common(MAX_QUESTIONS // 2))
        self._questions = Counter(keep)
        self._question_text = {key: self._question_text[key] for key in keep}
