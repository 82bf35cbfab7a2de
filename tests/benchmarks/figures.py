"""What every benchmark reports for a list of timings, and the OBS it measures against."""

from __future__ import annotations

import secrets
import statistics
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.harness import ObsStudio, Xvfb


def figures(samples: list[float], digits: int = 3) -> dict[str, float]:
    """Median and p95 (nearest rank) in milliseconds, and how many samples."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "median_ms": round(statistics.median(ordered), digits),
        "p95_ms": round(p95, digits),
        "n": len(ordered),
    }


@contextmanager
def real_obs(workdir: Path) -> Iterator[ObsStudio]:
    """A real OBS Studio under a private Xvfb, as the integration tests start it."""
    xvfb = Xvfb(log_path=workdir / "xvfb.log")
    display = xvfb.start()
    obs = ObsStudio(workdir / "obs", display, password=secrets.token_urlsafe(12))
    try:
        obs.start()
        yield obs
    finally:
        obs.stop()
        xvfb.stop()
