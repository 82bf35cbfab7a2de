"""The reconnecting loop on its own: backoff, waits, wake-up, single flight, close, stop.

Each test runs real steps on a real asyncio loop; waits are on the statuses the loop
reports (or on events the steps set), never on the clock.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Coroutine
from typing import Any

import pytest

from console.reconnect import (
    Backoff,
    Outcome,
    Phase,
    Reconnector,
    Retry,
    Status,
    Stop,
)

SLOW = Backoff(base=10.0, cap=1000.0)  # waits no test sits out: retry_now skips them


class Statuses:
    """What the loop reported, with the time of each report; awaitable."""

    def __init__(self) -> None:
        self.seen: list[tuple[Status, float]] = []
        self._changed = asyncio.Event()

    def __call__(self, status: Status) -> None:
        self.seen.append((status, time.monotonic()))
        self._changed.set()

    @property
    def phases(self) -> list[Phase]:
        return [status.phase for status, _ in self.seen]

    def count(self, phase: Phase) -> int:
        return self.phases.count(phase)

    def waits(self) -> list[float]:
        """Seconds from each report of a wait to the attempt it announced."""
        return [s.retry_at - at for s, at in self.seen if s.retry_at is not None]

    async def until(self, predicate: Callable[[], bool], within: float = 5.0) -> None:
        async with asyncio.timeout(within):
            while not predicate():
                self._changed.clear()
                await self._changed.wait()


class Script:
    """A step that plays one coroutine per attempt, then blocks until cancelled."""

    def __init__(self, *attempts: Callable[[], Coroutine[Any, Any, Outcome]]) -> None:
        self.attempts = list(attempts)
        self.made = 0

    async def __call__(self) -> Outcome:
        self.made += 1
        if self.made <= len(self.attempts):
            return await self.attempts[self.made - 1]()
        await asyncio.Event().wait()
        raise AssertionError("a never-set event was set")


def outcome(value: Outcome) -> Callable[[], Coroutine[Any, Any, Outcome]]:
    async def attempt() -> Outcome:
        return value

    return attempt


def loop_of(
    step: Callable[[], Coroutine[Any, Any, Outcome]], backoff: Backoff = SLOW
) -> tuple[Reconnector, Statuses]:
    statuses = Statuses()
    return Reconnector("test-loop", step, statuses, backoff), statuses


# -- backoff --------------------------------------------------------------------------------


def test_backoff_grows_then_stays_under_the_cap_with_jitter() -> None:
    backoff = Backoff(base=0.5, cap=10.0)
    for attempt, step in enumerate([0.5, 1.0, 2.0, 4.0, 8.0, 10.0, 10.0]):
        delays = {backoff.delay(attempt) for _ in range(50)}
        assert all(step / 2 <= d <= step for d in delays), (attempt, delays)
        assert len(delays) > 1  # jittered: many clients never retry in lockstep


def test_backoff_after_a_night_of_failures_stays_at_the_cap() -> None:
    backoff = Backoff(base=0.5, cap=10.0)
    assert all(5.0 <= backoff.delay(attempt) <= 10.0 for attempt in (1023, 1024, 100_000))


def test_failed_attempts_wait_longer_each_time_and_a_connection_starts_over() -> None:
    async def scenario() -> Statuses:
        loop: Reconnector

        async def connects_then_drops() -> Outcome:
            loop.connected("server 1.0")
            return Retry("dropped")

        script = Script(outcome(Retry("refused")), outcome(Retry("refused")), connects_then_drops)
        loop, statuses = loop_of(script)
        loop.start()
        for waits in (1, 2, 3):
            await statuses.until(lambda n=waits: statuses.count(Phase.RECONNECTING) == n)
            loop.retry_now()
        await statuses.until(lambda: script.made == 4)
        await loop.close()
        return statuses

    statuses = asyncio.run(scenario())
    first, second, after_connect = statuses.waits()
    assert 5.0 <= first <= 10.0 and 10.0 <= second <= 20.0 and 5.0 <= after_connect <= 10.0
    assert statuses.phases == [
        Phase.CONNECTING,
        Phase.RECONNECTING,
        Phase.CONNECTING,
        Phase.RECONNECTING,
        Phase.CONNECTING,
        Phase.CONNECTED,
        Phase.RECONNECTING,
        Phase.CONNECTING,
        Phase.CLOSED,
    ]
    assert statuses.seen[5][0].reason == "server 1.0"
    assert statuses.seen[6][0].reason == "dropped"


# -- waits, and skipping them ---------------------------------------------------------------


def test_a_step_can_name_its_own_wait_shown_as_failed() -> None:
    async def scenario() -> tuple[Statuses, str]:
        script = Script(
            outcome(Retry("wrong password", after=42.0, failed=True)), outcome(Retry("refused"))
        )
        loop, statuses = loop_of(script)
        loop.start()
        await statuses.until(lambda: Phase.FAILED in statuses.phases)
        shown = statuses.seen[-1][0].describe()
        loop.retry_now()
        await statuses.until(lambda: statuses.count(Phase.RECONNECTING) == 1)
        await loop.close()
        return statuses, shown

    statuses, shown = asyncio.run(scenario())
    named, backoff = statuses.waits()
    assert 41.0 < named <= 42.0
    assert shown.startswith("failed (retry in 4") and shown.endswith(" s): wrong password")
    assert 5.0 <= backoff <= 10.0  # a named wait is no step up the backoff


def test_retry_now_skips_the_wait() -> None:
    async def scenario() -> tuple[Script, float]:
        script = Script(outcome(Retry("refused", after=60.0)))
        loop, statuses = loop_of(script)
        loop.start()
        await statuses.until(lambda: Phase.RECONNECTING in statuses.phases)
        retry_at = statuses.seen[-1][0].retry_at
        assert retry_at is not None
        loop.retry_now()
        await statuses.until(lambda: script.made == 2)
        left = retry_at - time.monotonic()
        await loop.close()
        return script, left

    script, left = asyncio.run(scenario())
    assert script.made == 2 and left > 50.0


def test_retry_now_starts_a_loop_that_was_never_started() -> None:
    async def scenario() -> Script:
        script = Script()
        loop, statuses = loop_of(script)
        loop.retry_now()
        await statuses.until(lambda: script.made == 1)
        await loop.close()
        return script

    assert asyncio.run(scenario()).made == 1


# -- one run at a time ----------------------------------------------------------------------


def test_starting_again_cancels_the_run_and_attempts_only_once_it_ended() -> None:
    log: list[str] = []
    active = 0
    most = 0

    async def scenario() -> None:
        cancelled = asyncio.Event()
        release = asyncio.Event()
        entered = asyncio.Event()

        async def step() -> Outcome:
            nonlocal active, most
            active += 1
            most = max(most, active)
            number = len([line for line in log if line.startswith("enter")]) + 1
            log.append(f"enter {number}")
            entered.set()
            try:
                await asyncio.Event().wait()
            except asyncio.CancelledError:
                log.append(f"cancelled {number}")
                cancelled.set()
                await release.wait()  # a teardown that takes a while (closing a socket)
                log.append(f"ended {number}")
                raise
            finally:
                active -= 1
            raise AssertionError("a never-set event was set")

        loop, _ = loop_of(step)
        loop.start()
        await asyncio.wait_for(entered.wait(), 5)
        entered.clear()
        loop.start()
        await asyncio.wait_for(cancelled.wait(), 5)
        assert log == ["enter 1", "cancelled 1"]  # the new run waits for the old one
        release.set()
        await asyncio.wait_for(entered.wait(), 5)
        await loop.close()

    asyncio.run(scenario())
    assert log[:4] == ["enter 1", "cancelled 1", "ended 1", "enter 2"]
    assert most == 1


# -- closing --------------------------------------------------------------------------------


def test_close_during_a_wait_ends_at_once() -> None:
    async def scenario() -> tuple[Reconnector, Statuses, Script]:
        script = Script(outcome(Retry("refused", after=60.0)))
        loop, statuses = loop_of(script)
        loop.start()
        await statuses.until(lambda: Phase.RECONNECTING in statuses.phases)
        async with asyncio.timeout(1.0):  # far from the 60 s wait
            await loop.close()
        return loop, statuses, script

    loop, statuses, script = asyncio.run(scenario())
    assert statuses.phases[-2:] == [Phase.RECONNECTING, Phase.CLOSED]
    assert script.made == 1 and not loop.running


def test_close_during_a_step_cancels_it() -> None:
    ended: list[str] = []

    async def scenario() -> Statuses:
        entered = asyncio.Event()

        async def step() -> Outcome:
            entered.set()
            try:
                await asyncio.Event().wait()
            finally:
                ended.append("step ended")
            raise AssertionError("a never-set event was set")

        loop, statuses = loop_of(step)
        loop.start()
        await asyncio.wait_for(entered.wait(), 5)
        await loop.close()
        return statuses

    statuses = asyncio.run(scenario())
    assert ended == ["step ended"]
    assert statuses.phases == [Phase.CONNECTING, Phase.CLOSED]


def test_close_survives_a_swallowed_cancellation() -> None:
    """What Python 3.11's wait_for can do: the cancellation is lost, the step goes on."""

    async def scenario() -> tuple[Statuses, int]:
        entered = asyncio.Event()
        swallowed = 0

        async def step() -> Outcome:
            nonlocal swallowed
            entered.set()
            try:
                await asyncio.Event().wait()
            except asyncio.CancelledError:
                swallowed += 1  # lost, as wait_for can lose it
            await asyncio.Event().wait()  # and on with something else that never ends
            raise AssertionError("a never-set event was set")

        loop, statuses = loop_of(step)
        loop.start()
        await asyncio.wait_for(entered.wait(), 5)
        async with asyncio.timeout(5.0):
            await loop.close()
        return statuses, swallowed

    statuses, swallowed = asyncio.run(scenario())
    assert swallowed == 1 and statuses.phases[-1] is Phase.CLOSED


def test_a_step_that_lost_its_cancellation_sees_stopping_and_is_not_retried() -> None:
    async def scenario() -> tuple[Statuses, list[bool], int]:
        entered = asyncio.Event()
        saw: list[bool] = []
        made = 0

        async def step() -> Outcome:
            nonlocal made
            made += 1
            entered.set()
            with contextlib.suppress(asyncio.CancelledError):  # lost, as wait_for can lose it
                await asyncio.Event().wait()
            saw.append(loop.stopping)
            return Retry("link lost")

        loop, statuses = loop_of(step)
        loop.start()
        await asyncio.wait_for(entered.wait(), 5)
        await loop.close()
        return statuses, saw, made

    statuses, saw, made = asyncio.run(scenario())
    assert saw == [True] and made == 1
    assert statuses.phases == [Phase.CONNECTING, Phase.CLOSED]


def test_nothing_starts_after_close() -> None:
    async def scenario() -> tuple[Reconnector, Script]:
        script = Script()
        loop, _ = loop_of(script)
        await loop.close()
        loop.start()
        loop.retry_now()
        return loop, script

    loop, script = asyncio.run(scenario())
    assert script.made == 0 and not loop.running and loop.status.phase is Phase.CLOSED


# -- stopping, and steps that fail ----------------------------------------------------------


@pytest.mark.parametrize(("failed", "phase"), [(True, Phase.FAILED), (False, Phase.FINISHED)])
def test_a_step_that_says_stop_is_not_retried_until_asked(failed: bool, phase: Phase) -> None:
    async def scenario() -> tuple[Statuses, bool, Script]:
        script = Script(outcome(Stop("kicked", failed=failed)))
        loop, statuses = loop_of(script)
        loop.start()
        await statuses.until(lambda: phase in statuses.phases)
        stopped = not loop.running
        loop.retry_now()  # the operator asks: it starts again
        await statuses.until(lambda: script.made == 2)
        await loop.close()
        return statuses, stopped, script

    statuses, stopped, script = asyncio.run(scenario())
    assert stopped and script.made == 2
    status = statuses.seen[1][0]
    assert (status.phase, status.reason, status.retry_at) == (phase, "kicked", None)


def test_a_step_that_raises_is_logged_and_retried(caplog: pytest.LogCaptureFixture) -> None:
    async def broken() -> Outcome:
        raise RuntimeError("boom")

    async def scenario() -> tuple[Statuses, Script]:
        script = Script(broken)
        loop, statuses = loop_of(script)
        loop.start()
        await statuses.until(lambda: Phase.RECONNECTING in statuses.phases)
        loop.retry_now()
        await statuses.until(lambda: script.made == 2)
        await loop.close()
        return statuses, script

    with caplog.at_level(logging.ERROR, logger="console.reconnect"):
        statuses, script = asyncio.run(scenario())
    assert statuses.seen[1][0].reason == "internal error: RuntimeError('boom')"
    assert script.made == 2
    (record,) = caplog.records
    assert record.message == "test-loop: attempt failed" and record.exc_info is not None


def test_progress_notes_are_reported_while_connecting() -> None:
    async def scenario() -> Statuses:
        loop: Reconnector

        async def loads() -> Outcome:
            loop.progress("loading state")
            loop.connected("v2")
            return Stop("done")

        loop, statuses = loop_of(Script(loads))
        loop.start()
        await statuses.until(lambda: Phase.FINISHED in statuses.phases)
        await loop.close()
        return statuses

    statuses = asyncio.run(scenario())
    assert [(s.phase, s.reason) for s, _ in statuses.seen] == [
        (Phase.CONNECTING, ""),
        (Phase.CONNECTING, "loading state"),
        (Phase.CONNECTED, "v2"),
        (Phase.FINISHED, "done"),
        (Phase.CLOSED, ""),
    ]
