"""What all sources share: backoff with jitter, a state to show, rate-limited drop logs."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from console.barrage.sources.base import Backoff, SourcePhase, SourceState
from console.barrage.sources.replay import ReplaySource


def test_backoff_grows_then_stays_under_the_cap_with_jitter() -> None:
    backoff = Backoff(base=0.5, cap=8.0)
    for attempt, step in enumerate([0.5, 1.0, 2.0, 4.0, 8.0, 8.0]):
        delays = {backoff.delay(attempt) for _ in range(50)}
        assert all(step / 2 <= d <= step for d in delays), (attempt, delays)
        assert len(delays) > 1


@pytest.mark.parametrize(
    ("state", "text"),
    [
        (
            SourceState(SourcePhase.CONNECTED, "ws://127.0.0.1:8888"),
            "connected: ws://127.0.0.1:8888",
        ),
        (
            SourceState(SourcePhase.RECONNECTING, "refused", retry_at=104.2),
            "reconnecting in 4 s: refused",
        ),
        (
            SourceState(SourcePhase.FAILED, "login refused", retry_at=160.0),
            "failed (retry in 60 s): login refused",
        ),
        (SourceState(SourcePhase.CONNECTING), "connecting"),
    ],
)
def test_state_reads_as_one_line(state: SourceState, text: str) -> None:
    assert state.describe(now=100.0) == text


def test_drops_are_counted_every_time_but_logged_now_and_then(
    caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    source = ReplaySource("rec", tmp_path / "show.jsonl", "main", lambda m: None)
    with caplog.at_level(logging.WARNING):
        for _ in range(1000):
            source._drop("invalid JSON", "{oops")
        source._drop("binary frame")
    assert source.counters.dropped == {"invalid JSON": 1000, "binary frame": 1}
    assert source.counters.dropped_total == 1001
    assert len(caplog.records) == 2  # one line per reason within the interval
