"""From the sources to everyone who needs a judged message, a batch at a time.

Sources hand messages to ``put`` one by one; ``BarrageIngest`` gathers them for a short
interval (20 ms by default) and then judges the whole batch with the pipeline, appends it
to the log (flushed), queues the held ones for review, remembers each user's recent
messages and notifies listeners (the feed) with the batch. One batch per interval keeps
the per-message cost low at thousands of messages a second, and the delay is below what
an operator can see.

A burst never holds the event loop: each loop turn judges batches of at most ``batch``
messages until ``turn_budget`` seconds are spent, then lets the loop run (the window, the
OBS links, the sources) and goes on at its next turn, in order. Only ``flush`` (at
shutdown) judges everything at once.

Nor does a burst pile up in memory: past ``high_water`` messages waiting, ``room`` (the
sources' pace) makes the sources stop reading until half of them are judged. The rest of
the burst waits in the sockets' buffers and the grabber slows down, instead of tens of
thousands of messages on the heap that every full garbage collection would walk (the
longest stall a burst caused, before).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter
from collections.abc import Callable, Sequence

from console.barrage.log import BarrageLog
from console.barrage.message import Kind, Message
from console.barrage.pipeline import Pipeline
from console.barrage.review import ReviewQueue, UserHistory
from console.barrage.verdict import Action, Judged, Verdict
from console.observers import Observers, Unsubscribe

log = logging.getLogger(__name__)

BatchListener = Callable[[Sequence[Judged]], None]
FAILED = Verdict(Action.HOLD, "error", None, "the moderation pipeline failed on this batch")


class BarrageIngest:
    """Judges buffered messages every ``interval`` seconds on the running asyncio loop."""

    def __init__(
        self,
        pipeline: Pipeline,
        log_file: BarrageLog | None = None,
        review: ReviewQueue | None = None,
        history: UserHistory | None = None,
        interval: float = 0.02,
        batch: int = 200,
        turn_budget: float = 0.005,
        high_water: int = 2000,
    ) -> None:
        self.pipeline = pipeline
        self.log_file = log_file
        self.review = review
        self.history = history
        self.interval = interval
        self.batch = batch
        """Messages judged, logged and handed on together."""
        self.turn_budget = turn_budget
        """Seconds of judging in one loop turn before the loop runs again."""
        self.high_water = high_water
        """Messages waiting at which the sources wait for room (see ``room``)."""
        self.received = 0
        self.judged = 0
        self.actions: Counter[Action] = Counter()
        self.rules: Counter[str] = Counter()
        self.log_errors = 0
        self._buffer: list[Message] = []
        self._timer: asyncio.Handle | None = None  # the next judging turn, if one is due
        self._drained = asyncio.Event()  # set while the backlog is at most half high_water
        self._listeners: Observers[Sequence[Judged]] = Observers()

    def subscribe(self, listener: BatchListener) -> Unsubscribe:
        return self._listeners.subscribe(listener)

    @property
    def pending(self) -> int:
        return len(self._buffer)

    async def room(self) -> None:
        """A source's pace: returns once fewer than ``high_water`` messages wait (after
        at least one loop turn)."""
        while len(self._buffer) >= self.high_water:
            self._drained.clear()
            await self._drained.wait()
        await asyncio.sleep(0)

    def put(self, message: Message) -> None:
        """A source's sink: buffer the message and make sure a flush is scheduled."""
        self._buffer.append(message)
        self.received += 1
        if self._timer is None:
            self._timer = asyncio.get_running_loop().call_later(self.interval, self._on_timer)

    def _on_timer(self) -> None:
        """One loop turn's share: batches until the budget is spent, then the next turn."""
        self._timer = None
        deadline = time.perf_counter() + self.turn_budget
        while self._buffer:
            self._process(self._take())
            if time.perf_counter() >= deadline:
                break
        if self._buffer:
            self._timer = asyncio.get_running_loop().call_soon(self._on_timer)
        if len(self._buffer) <= self.high_water // 2:
            self._drained.set()

    def flush(self) -> list[Judged]:
        """Judge everything buffered now (also called at shutdown); return the judged."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        out: list[Judged] = []
        while self._buffer:
            out.extend(self._process(self._take()))
        self._drained.set()
        return out

    def _take(self) -> list[Message]:
        """The oldest ``batch`` buffered messages, removed from the buffer."""
        taken = self._buffer[: self.batch]
        del self._buffer[: self.batch]
        return taken

    def _process(self, batch: list[Message]) -> list[Judged]:
        try:
            verdicts, normalised = self.pipeline.judge_batch(batch)
            judged = list(map(Judged, batch, verdicts, normalised))
        except Exception:
            # Fail closed and keep going: the batch is held for review and logged.
            log.exception("moderation pipeline failed on a batch of %d messages", len(batch))
            judged = [Judged(message, FAILED, message.text) for message in batch]
        self.judged += len(judged)
        if self.log_file is not None:
            try:
                self.log_file.write(judged)
            except ValueError as exc:  # closed; a disk error is the log's own problem
                self.log_errors += 1
                if self.log_errors == 1 or self.log_errors % 1000 == 0:
                    log.error("barrage log write failed (%d times): %s", self.log_errors, exc)
        review, history = self.review, self.history
        actions, rules = self.actions, self.rules
        passed = 0
        for item in judged:
            verdict = item.verdict
            if verdict.action is Action.PASS:
                passed += 1
            else:
                actions[verdict.action] += 1
                rules[verdict.rule] += 1
                if review is not None and verdict.action is Action.HOLD:
                    review.add(item)
            if history is not None and item.message.kind is Kind.COMMENT:
                history.add(item)
        actions[Action.PASS] += passed
        self._listeners.notify(judged)
        return judged
