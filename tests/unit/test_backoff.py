"""Reconnect backoff of the OBS link: exponential, capped, jittered."""

from __future__ import annotations

from console.obs.link import LinkTiming


def test_delays_grow_then_stay_under_the_cap() -> None:
    backoff = LinkTiming(backoff_base=0.5, backoff_cap=10.0).backoff
    for attempt, step in enumerate([0.5, 1.0, 2.0, 4.0, 8.0, 10.0, 10.0]):
        delays = {backoff.delay(attempt) for _ in range(50)}
        assert all(step / 2 <= d <= step for d in delays), (attempt, delays)
        assert len(delays) > 1  # jittered: many clients never retry in lockstep
