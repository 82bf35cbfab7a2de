"""What the program and preview monitors cost, at 1, 2 and 5 frames a second; prints one
JSON object of figures.

Starts its own OBS Studio under a private Xvfb (as the integration tests do), in studio
mode, so both monitors run. For each rate, and with the monitors off for the baseline, a
console with that ``monitors: {fps: N}`` and its themed window (1920x1080, offscreen: the
monitors are placed, seen and painted as on screen) runs for ``--seconds``; then, per rate:

- ``console_cpu_pct``: the console process's CPU time (every thread: the loop, the link's
  worker and receive threads, the decoder) over the wall time, in % of one core;
- ``obs_cpu_pct``: OBS's, from ``/proc/<pid>/stat`` (utime + stime);
- ``*_extra_pct``: the same above the baseline run (monitors off, window open);
- ``fps_program`` / ``fps_preview``: frames that arrived a second, and ``late_ticks``
  (ticks dropped because a screenshot was still on its way);
- ``latency``: from asking OBS for a screenshot to its image decoded, ready to draw
  (median and p95, ms);
- ``loop_lag``: how late a 20 ms timer on the console's loop (the GUI thread) fired
  (median, p95 and max, ms): whether anything blocks the window.

Besides: ``decode_ms``, the time to turn one of OBS's screenshots (base64 JPEG at the
width the monitors ask) into a ``QImage``, which the monitors do off the GUI thread;
``width_px``, that width; and ``per_screenshot.obs_cpu_ms``, OBS's CPU time for one such
screenshot, from spans of screenshots asked back to back against spans of none (OBS's
own rendering costs it tens of % of a core under Xvfb, whose drift hides the monitors'
share in the runs above). Rates run in rounds, the order reversed each round, so drift
(other work on the machine) falls on every rate alike; ``load_avg`` is the machine's
1-minute load average at the start and the end.

Usage: ``python tests/benchmarks/monitors.py [--seconds S] [--rounds N]``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync  # noqa: E402
from PySide6.QtCore import QRect  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from console.obs.monitor import IMAGE_FORMAT, JPEG_QUALITY, Frame, decode  # noqa: E402
from console.services import Console  # noqa: E402
from console.ui.main_window import MainWindow  # noqa: E402
from console.ui.theme import apply_theme  # noqa: E402
from tests.benchmarks.figures import figures, real_obs  # noqa: E402
from tests.harness import ObsProbe, ObsStudio  # noqa: E402
from tests.support import HOTKEYS, connected, until, write_rooms  # noqa: E402

RATES = (0.0, 1.0, 2.0, 5.0)  # 0: monitors off, the baseline
TICK = os.sysconf("SC_CLK_TCK")
LAG_EVERY = 0.02
SPAN = 5.0  # seconds of each span of the per-screenshot measurement


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime (fields 14 and 15)


async def loop_lag(samples: list[float], stop: asyncio.Event) -> None:
    """How late a short timer fires on the loop, again and again until ``stop``."""
    while not stop.is_set():
        planned = time.perf_counter() + LAG_EVERY
        await asyncio.sleep(LAG_EVERY)
        samples.append(max(0.0, time.perf_counter() - planned) * 1e3)


async def one_rate(obs: ObsStudio, fps: float, seconds: float, workdir: Path) -> dict[str, Any]:
    directory = workdir / f"fps-{fps:g}-{time.monotonic_ns()}"
    directory.mkdir()
    rooms = [("main", obs.port, obs.password)]
    profile = write_rooms(directory, rooms, HOTKEYS, extra=f"monitors: {{fps: {fps:g}}}\n")
    console = Console(profile, log_actions=False)
    room = console.rooms.get("main")
    window = MainWindow(console)
    window.setGeometry(QRect(0, 0, 1920, 1080))
    window.show()
    console.start()
    await connected(room.state, within=30)
    await until(room.state, lambda: room.state.studio_mode and bool(room.state.preview))
    frames: dict[str, list[Frame]] = {"program": [], "preview": []}
    running = asyncio.Event()  # both monitors have had a frame: the window is up, they run

    def keep(bus: str, frame: Frame | None) -> None:
        if frame is not None:
            frames[bus].append(frame)
            if all(frames.values()):
                running.set()

    for monitor in room.monitors:
        monitor.subscribe(partial(keep, str(monitor.bus)))
    if fps > 0:
        await asyncio.wait_for(running.wait(), 30)
    for kept in frames.values():
        kept.clear()
    late = sum(monitor.dropped for monitor in room.monitors)
    lags: list[float] = []
    stop = asyncio.Event()
    lagging = asyncio.ensure_future(loop_lag(lags, stop))
    assert obs.pid is not None
    began, console_began, obs_began = time.monotonic(), time.process_time(), cpu_seconds(obs.pid)
    await asyncio.sleep(seconds)  # the measured window: the monitors run by themselves
    wall = time.monotonic() - began
    console_cpu, obs_cpu = time.process_time() - console_began, cpu_seconds(obs.pid) - obs_began
    stop.set()
    await lagging
    widths = [monitor.width for monitor in room.monitors]
    window.close()
    await console.close()
    latencies = [(f.arrived_at - f.asked_at) * 1e3 for kept in frames.values() for f in kept]
    result: dict[str, Any] = {
        "console_cpu_pct": round(100 * console_cpu / wall, 1),
        "obs_cpu_pct": round(100 * obs_cpu / wall, 1),
        "fps_program": round(len(frames["program"]) / wall, 2),
        "fps_preview": round(len(frames["preview"]) / wall, 2),
        "late_ticks": sum(monitor.dropped for monitor in room.monitors) - late,
        "loop_lag": {
            **figures(lags),
            "max_ms": round(max(lags), 3),
        },
        "width_px": max(widths),
    }
    if latencies:
        result["latency"] = figures(latencies)
    return result


def screenshot(probe: ObsProbe, width: int) -> str:
    """One screenshot as the monitors ask for it."""
    return str(
        probe.call(
            "GetSourceScreenshot",
            sourceName="Product",
            imageFormat=IMAGE_FORMAT,
            imageWidth=width,
            imageCompressionQuality=JPEG_QUALITY,
        )["imageData"]
    )


def obs_cost_per_screenshot(obs: ObsStudio, width: int, pairs: int = 4) -> dict[str, float]:
    """OBS's CPU time for one screenshot: spans of screenshots asked back to back, each
    beside a span of nothing asked (alternating, so drift falls on both), the difference
    in OBS's CPU rate spread over the screenshots made."""
    assert obs.pid is not None
    idle_cpu = idle_wall = busy_cpu = busy_wall = 0.0
    made = 0
    with obs.probe() as probe:
        for _ in range(pairs):
            began, cpu = time.monotonic(), cpu_seconds(obs.pid)
            time.sleep(SPAN)  # OBS left alone: its own rendering only
            idle_wall += time.monotonic() - began
            idle_cpu += cpu_seconds(obs.pid) - cpu
            began, cpu = time.monotonic(), cpu_seconds(obs.pid)
            while time.monotonic() - began < SPAN:
                screenshot(probe, width)
                made += 1
            busy_wall += time.monotonic() - began
            busy_cpu += cpu_seconds(obs.pid) - cpu
    extra = busy_cpu - idle_cpu / idle_wall * busy_wall
    return {
        "obs_cpu_ms": round(1e3 * extra / made, 2),
        "screenshots_per_s": round(made / busy_wall, 1),
    }


def decode_figures(obs: ObsStudio, width: int, rounds: int = 200) -> dict[str, float]:
    """Decoding one real screenshot of OBS at the monitors' width, as the decoder does."""
    with obs.probe() as probe:
        uri = screenshot(probe, width)
    samples = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        decode(uri)
        samples.append((time.perf_counter() - t0) * 1e3)
    return {**figures(samples), "bytes": len(uri)}


def _mean(runs: list[dict[str, Any]], key: str) -> float:
    return round(statistics.fmean(run[key] for run in runs), 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    load_started = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as scratch, real_obs(Path(scratch)) as obs:
        with obs.probe() as probe:
            probe.call("SetStudioModeEnabled", studioModeEnabled=True)
            probe.call("SetCurrentPreviewScene", sceneName="Product")
        app = QApplication.instance() or QApplication([])
        app.setQuitOnLastWindowClosed(False)
        apply_theme(app)  # its fonts and paddings decide the monitors' size, as on screen

        async def every_rate() -> dict[float, list[dict[str, Any]]]:
            runs: dict[float, list[dict[str, Any]]] = {fps: [] for fps in RATES}
            for round_number in range(args.rounds):
                order = RATES if round_number % 2 == 0 else tuple(reversed(RATES))
                for fps in order:
                    runs[fps].append(await one_rate(obs, fps, args.seconds, Path(scratch)))
            return runs

        runs = qasync.run(every_rate())
        width = max(run["width_px"] for run in runs[RATES[-1]])
        decoding = decode_figures(obs, width)
        per_screenshot = obs_cost_per_screenshot(obs, width)
        del app
    baseline = runs[0.0]
    rates: dict[str, Any] = {}
    for fps, measured in runs.items():
        summary: dict[str, Any] = {
            "console_cpu_pct": _mean(measured, "console_cpu_pct"),
            "obs_cpu_pct": _mean(measured, "obs_cpu_pct"),
        }
        if fps > 0:
            summary["console_cpu_extra_pct"] = round(
                summary["console_cpu_pct"] - _mean(baseline, "console_cpu_pct"), 2
            )
            summary["obs_cpu_extra_pct"] = round(
                summary["obs_cpu_pct"] - _mean(baseline, "obs_cpu_pct"), 2
            )
            summary["fps_program"] = _mean(measured, "fps_program")
            summary["fps_preview"] = _mean(measured, "fps_preview")
            summary["late_ticks"] = sum(run["late_ticks"] for run in measured)
            summary["latency_median_ms"] = _mean([run["latency"] for run in measured], "median_ms")
            summary["latency_p95_ms"] = _mean([run["latency"] for run in measured], "p95_ms")
        summary["loop_lag_p95_ms"] = _mean([run["loop_lag"] for run in measured], "p95_ms")
        summary["loop_lag_max_ms"] = max(run["loop_lag"]["max_ms"] for run in measured)
        summary["runs"] = measured
        rates["off" if fps == 0 else f"{fps:g}"] = summary
    report = {
        "obs_version": obs.version.get("obsVersion"),
        "seconds_per_run": args.seconds,
        "rounds": args.rounds,
        "cores": os.cpu_count(),
        "load_avg": [round(load_started, 2), round(os.getloadavg()[0], 2)],
        "width_px": width,
        "decode_ms": decoding,
        "per_screenshot": per_screenshot,
        "rates": rates,
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main()
