"""How fast a product slide gets from the console to OBS; prints one JSON object.

Starts its own OBS Studio under a private Xvfb (as the integration tests do), sets its
canvas to 1080p landscape (1920x1080) and then portrait (1080x1920), and measures, each as
median and p95 in milliseconds:

- ``render``: drawing a whole slide (``render_slide``: QPainter into a QImage);
- ``render_push``: a ``SlidePusher`` call from its start until it returned, that is until
  OBS had answered ``SetInputSettings`` with success (for ``show``: reading the canvas
  size, drawing, PNG encoding, the atomic write, the request; the scene item is already
  enabled, so no further request follows).

``render_push`` for three kinds of push, because they cost differently:

- ``switch``: ``show`` of another product each round, every slide drawn and encoded from
  scratch (the pusher's cache of recent slides turned off);
- ``switch_cached``: the same with the cache on (the default): stepping back and forth
  through products already shown costs a file write and a request;
- ``tick``: ``refresh`` of a slide whose deal countdown moved by one second (the once-a-
  second refresh: the deal line is drawn over the cached rest, and only the rows that
  changed are re-encoded).

``first_show_1920x1080`` is each product's very first push (cold caches: the product image
is read and scaled, glyphs are rasterised). Goal: ``render_push`` p95 under 50 ms.

Rounds are paced (``--interval``, 0.25 s): in a show a slide changes at most once a second.
Back-to-back pushes measure something else: OBS loads each new image on its video thread
after answering, and a ``SetInputSettings`` that arrives while that load runs waits for it.

Usage: ``python tests/benchmarks/slides.py [--rounds N]`` from the repository root.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from console.obs.link import ObsLink  # noqa: E402
from console.services import Console  # noqa: E402
from console.show.content import slide_content  # noqa: E402
from console.show.slide import render_slide  # noqa: E402
from console.show.slides import SlidePusher  # noqa: E402
from console.show.template import load_template  # noqa: E402
from tests.benchmarks.figures import figures, real_obs  # noqa: E402
from tests.harness import ObsProbe, ObsStudio  # noqa: E402
from tests.support import FAST, connected, write_profile  # noqa: E402
from tests.unit.show.samples import DEMO_PRODUCTS, STEAK, with_deal  # noqa: E402

GOAL_P95_MS = 50.0
CANVASES = ((1920, 1080), (1080, 1920))


class Clock:
    """The pusher's clock: real time, plus whatever the tick rounds add."""

    def __init__(self) -> None:
        self.offset = timedelta(0)

    def __call__(self) -> datetime:
        return datetime.now().astimezone() + self.offset


async def paced(interval: float) -> None:
    await asyncio.sleep(interval)  # the pace of a show, see the module docstring


def render_times(rounds: int, width: int, height: int) -> list[float]:
    template = load_template()
    now = datetime.now().astimezone()
    contents = [slide_content(product, template, now) for product in DEMO_PRODUCTS]
    for content in contents:  # warm: product images read and scaled, glyphs rasterised
        render_slide(content, template, width, height)
    samples = []
    for index in range(rounds):
        started = time.perf_counter()
        render_slide(contents[index % len(contents)], template, width, height)
        samples.append((time.perf_counter() - started) * 1e3)
    return samples


async def measure_canvas(
    link: ObsLink, probe: ObsProbe, rounds: int, interval: float, work: Path
) -> dict[str, Any]:
    width, height = 0, 0
    result: dict[str, Any] = {}
    clock = Clock()
    for kind, cache_size in (("switch", 0), ("switch_cached", 8)):
        pusher = SlidePusher(
            link, output_dir=work / kind, auto_refresh=False, cache_size=cache_size
        )
        try:
            for product in DEMO_PRODUCTS:  # rehearsal: every product shown once before
                await paced(interval)
                await pusher.show(product)
            samples = []
            for index in range(rounds):
                await paced(interval)
                started = time.perf_counter()
                pushed = await pusher.show(DEMO_PRODUCTS[index % len(DEMO_PRODUCTS)])
                samples.append((time.perf_counter() - started) * 1e3)
            result[kind] = figures(samples)
            width, height = pushed.canvas
        finally:
            await pusher.close()
    pusher = SlidePusher(link, output_dir=work / "tick", clock=clock, auto_refresh=False)
    try:
        await pusher.show(with_deal(STEAK, clock() - timedelta(minutes=1), 24 * 60, "59"))
        ticks, draws = [], []
        while len(ticks) < rounds:
            await paced(interval)
            clock.offset += timedelta(seconds=1)
            started = time.perf_counter()
            tick = await pusher.refresh()
            ticks.append((time.perf_counter() - started) * 1e3)
            assert tick is not None, "a countdown second passed but nothing was pushed"
            draws.append(tick.render_ms)
        file = probe.call("GetInputSettings", inputName=pusher.source)["inputSettings"]["file"]
        assert file == str(tick.path), "OBS does not point at the last slide pushed"
        result["tick"] = figures(ticks)
        result["tick_draw"] = figures(draws)
    finally:
        await pusher.close()
    return {"render": figures(render_times(rounds, width, height)), "render_push": result}


async def measure(obs: ObsStudio, rounds: int, interval: float, work: Path) -> dict[str, Any]:
    console = Console(write_profile(work, obs.port, obs.password), FAST, log_actions=False)
    console.start()
    await connected(console.rooms.get("main").state)
    link = console.rooms.get("main").link
    probe = obs.probe()
    report: dict[str, Any] = {}
    try:
        probe.call(
            "SetVideoSettings", baseWidth=1920, baseHeight=1080, outputWidth=1920, outputHeight=1080
        )
        cold = SlidePusher(link, output_dir=work / "cold", auto_refresh=False)
        first, first_draw = [], []
        for product in DEMO_PRODUCTS:
            await paced(interval)
            started = time.perf_counter()
            pushed = await cold.show(product)
            first.append((time.perf_counter() - started) * 1e3)
            first_draw.append(pushed.render_ms)
        report["first_show_1920x1080"] = {
            "render": figures(first_draw),
            "render_push": figures(first),
        }
        await cold.close()
        for width, height in CANVASES:
            probe.call(
                "SetVideoSettings",
                baseWidth=width,
                baseHeight=height,
                outputWidth=width,
                outputHeight=height,
            )
            report[f"{width}x{height}"] = await measure_canvas(link, probe, rounds, interval, work)
    finally:
        probe.close()
        await console.close()
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--interval", type=float, default=0.25, help="seconds between pushes")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch, real_obs(Path(scratch)) as obs:
        app = QApplication.instance() or QApplication([])
        result = qasync.run(measure(obs, args.rounds, args.interval, Path(scratch)))
        del app
    worst = max(
        result[f"{w}x{h}"]["render_push"][kind]["p95_ms"]
        for w, h in CANVASES
        for kind in ("switch", "switch_cached", "tick")
    )
    report = {
        "obs_version": obs.version.get("obsVersion"),
        "cpu_count": os.cpu_count(),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "interval_s": args.interval,
        **result,
        "goal_render_push_p95_ms": GOAL_P95_MS,
        "worst_render_push_p95_ms": worst,
        "goal_met": worst < GOAL_P95_MS,
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main()
