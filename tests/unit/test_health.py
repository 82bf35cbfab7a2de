"""The status bar's figures: each judged on its own, dropped frames over a recent window."""

from __future__ import annotations

from console.obs.health import Health, Level
from console.obs.state import Stats
from console.ui.status_line import render


def _stats(
    render_skipped: int = 0, render_total: int = 0, cpu: float = 5.0, fps: float = 30.0
) -> Stats:
    return Stats(fps=fps, cpu=cpu, render_skipped=render_skipped, render_total=render_total)


def test_a_busy_cpu_colours_only_the_cpu_figure() -> None:
    health = Health()
    health.add(0.0, _stats(cpu=95.0))
    figures = {f.text: f.level for f in health.figures(30.0)}
    assert figures["OBS CPU 95%"] is Level.ALERT
    assert [level for text, level in figures.items() if "CPU" not in text] == [Level.OK] * 5


def test_dropped_frames_count_over_the_window_not_since_obs_started() -> None:
    health = Health(window=10.0)
    health.add(0.0, _stats(render_skipped=500, render_total=1000))  # an old stall
    health.add(5.0, _stats(render_skipped=500, render_total=1150))
    health.add(20.0, _stats(render_skipped=500, render_total=1600))
    health.add(25.0, _stats(render_skipped=500, render_total=1750))
    render_figure = health.figures(30.0)[3]
    assert render_figure.text == "render dropped 0.0%" and render_figure.level is Level.OK
    health.add(30.0, _stats(render_skipped=530, render_total=1900))  # a stall now
    render_figure = health.figures(30.0)[3]
    assert render_figure.level is Level.ALERT


def test_a_low_frame_rate_is_judged_against_the_canvas_rate() -> None:
    health = Health()
    health.add(0.0, _stats(fps=27.0))
    assert health.figures(30.0)[2].level is Level.WARN
    assert health.figures(60.0)[2].level is Level.ALERT
    assert health.figures(25.0)[2].level is Level.OK


def test_the_rendered_line_colours_each_figure_alone() -> None:
    health = Health()
    health.add(0.0, _stats(cpu=95.0))
    line = render("main", health.figures(30.0))
    assert line.count("<b ") == 1 and "OBS CPU 95%</b>" in line
