"""OBS's health figures for the status bar, each judged by its own threshold.

Dropped frames are counted over the last ``WINDOW`` seconds, not since OBS started: a
stall an hour ago must not paint the bar now, and a stall now must show at once.
"""

from __future__ import annotations

import enum
from collections import deque
from dataclasses import dataclass

from console.obs.state import Stats
from console.text import Text

WINDOW = 10.0  # seconds of history for the dropped-frame shares


class Level(enum.Enum):
    OK = "ok"
    WARN = "warn"
    ALERT = "alert"


@dataclass(frozen=True)
class Figure:
    text: str
    level: Level = Level.OK


@dataclass(frozen=True)
class Thresholds:
    """Where each figure turns amber, then red."""

    dropped_warn: float = 0.5  # percent of frames in the window
    dropped_alert: float = 2.0
    cpu_warn: float = 70.0  # OBS's own CPU use, percent
    cpu_alert: float = 90.0
    fps_warn: float = 0.95  # share of the canvas frame rate
    fps_alert: float = 0.8


def _level(value: float, warn: float, alert: float) -> Level:
    return Level.ALERT if value >= alert else Level.WARN if value >= warn else Level.OK


class Health:
    """Turns the polled stats of one room into judged figures."""

    def __init__(self, thresholds: Thresholds | None = None, window: float = WINDOW) -> None:
        self.thresholds = thresholds or Thresholds()
        self.window = window
        self._samples: deque[tuple[float, Stats]] = deque()

    def add(self, now: float, stats: Stats) -> None:
        samples = self._samples
        samples.append((now, stats))
        while len(samples) > 2 and samples[1][0] <= now - self.window:
            samples.popleft()

    def figures(self, fps_target: float) -> list[Figure]:
        if not self._samples:
            return []
        limits = self.thresholds
        stats = self._samples[-1][1]
        first = self._samples[0][1]
        render = _share(
            stats.render_skipped - first.render_skipped, stats.render_total - first.render_total
        )
        output = _share(
            stats.output_skipped - first.output_skipped, stats.output_total - first.output_total
        )
        fps_level = Level.OK
        if fps_target > 0:
            ratio = stats.fps / fps_target
            fps_level = (
                Level.ALERT
                if ratio < limits.fps_alert
                else Level.WARN
                if ratio < limits.fps_warn
                else Level.OK
            )
        return [
            Figure(
                Text("health", "LIVE {time}").format(time=stats.stream_timecode[:8])
                if stats.streaming
                else Text("health", "stream off")
            ),
            Figure(
                Text("health", "REC {time}").format(time=stats.record_timecode[:8])
                if stats.recording
                else Text("health", "rec off")
            ),
            Figure(f"{stats.fps:.1f} fps", fps_level),
            Figure(
                Text("health", "render dropped {share}%").format(share=f"{render:.1f}"),
                _level(render, limits.dropped_warn, limits.dropped_alert),
            ),
            Figure(
                Text("health", "output dropped {share}%").format(share=f"{output:.1f}"),
                _level(output, limits.dropped_warn, limits.dropped_alert),
            ),
            Figure(
                Text("health", "OBS CPU {share}%").format(share=f"{stats.cpu:.0f}"),
                _level(stats.cpu, limits.cpu_warn, limits.cpu_alert),
            ),
        ]


def _share(part: int, whole: int) -> float:
    return 100.0 * part / whole if whole > 0 else 0.0
