"""How much the console adds to talking to OBS; prints one JSON object of figures.

Starts its own OBS Studio under a private Xvfb (as the integration tests do), then measures,
each as median and p95 in milliseconds:

- ``raw_get_version``: obs-websocket-py's own ``call(GetVersion)`` round trip;
- ``command_get_version``: the same request through the console's command path
  (``registry.run("obs.ping")`` on the qasync loop, invocation to result);
- ``hotkey_program_cut``: a profile hotkey bound to ``scene.program`` with the Cut
  transition, from the key press until OBS's ``CurrentProgramSceneChanged`` reaches the
  console;
- ``obs_change_to_console``: a scene switch requested by another client until the
  console's mirror shows it (the event path behind "changes made in OBS show at once").

Usage: ``python tests/benchmarks/obs_latency.py [--rounds N]``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync  # noqa: E402
from obswebsocket import obsws, requests  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from console.services import Console  # noqa: E402
from console.ui.main_window import MainWindow  # noqa: E402
from tests.benchmarks.figures import figures, real_obs  # noqa: E402
from tests.harness import ObsStudio  # noqa: E402
from tests.support import FAST, connected, until, write_profile  # noqa: E402

HOTKEYS = """\
hotkeys:
  F2: scene.program Opening
  F3: scene.program Host
"""


def raw_round_trips(obs: ObsStudio, rounds: int) -> list[float]:
    client = obsws(obs.host, obs.port, obs.password, legacy=False, timeout=5)
    client.connect()
    try:
        for _ in range(20):  # warm-up
            client.call(requests.GetVersion())
        samples = []
        for _ in range(rounds):
            t0 = time.perf_counter()
            answer = client.call(requests.GetVersion())
            samples.append((time.perf_counter() - t0) * 1e3)
            assert answer.status
        return samples
    finally:
        client.disconnect()


async def console_figures(obs: ObsStudio, rounds: int, workdir: Path) -> dict[str, Any]:
    profile = write_profile(workdir, obs.port, obs.password, hotkeys=HOTKEYS)
    console = Console(profile, FAST, log_actions=False)
    window = MainWindow(console)
    window.show()
    window.activateWindow()
    state = console.rooms.get("main").state
    console.start()
    await connected(state)
    await console.registry.run("transition.set Cut", "benchmark")

    for _ in range(20):  # warm-up
        await console.registry.run("obs.ping", "benchmark")
    command = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        await console.registry.run("obs.ping", "benchmark")
        command.append((time.perf_counter() - t0) * 1e3)

    hotkey = []
    for index in range(max(20, rounds // 10)):
        scene, key = ("Host", Qt.Key.Key_F3) if index % 2 == 0 else ("Opening", Qt.Key.Key_F2)
        t0 = time.perf_counter()
        QTest.keyClick(window, key)
        await until(state, lambda scene=scene: state.program == scene, within=5)
        hotkey.append((time.perf_counter() - t0) * 1e3)

    loop = asyncio.get_running_loop()
    other = obsws(obs.host, obs.port, obs.password, legacy=False, timeout=5)
    other.connect()
    client_thread = ThreadPoolExecutor(max_workers=1)  # not the loop's QThread executor
    external = []
    try:
        for index in range(max(20, rounds // 10)):
            scene = "Product" if index % 2 == 0 else "Break"
            t0 = time.perf_counter()
            request = requests.SetCurrentProgramScene(sceneName=scene)
            await loop.run_in_executor(client_thread, other.call, request)
            await until(state, lambda scene=scene: state.program == scene, within=5)
            external.append((time.perf_counter() - t0) * 1e3)
    finally:
        other.disconnect()
        client_thread.shutdown()
        window.close()
        await console.close()
    return {
        "command_get_version": figures(command),
        "hotkey_program_cut": figures(hotkey),
        "obs_change_to_console": figures(external),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch, real_obs(Path(scratch)) as obs:
        raw = raw_round_trips(obs, args.rounds)
        app = QApplication.instance() or QApplication([])
        app.setQuitOnLastWindowClosed(False)
        result = qasync.run(console_figures(obs, args.rounds, Path(scratch)))
        del app
    raw_figures = figures(raw)
    overhead = result["command_get_version"]["median_ms"] - raw_figures["median_ms"]
    report = {
        "obs_version": obs.version.get("obsVersion"),
        "raw_get_version": raw_figures,
        **result,
        "console_overhead_median_ms": round(overhead, 3),
        "goal_console_overhead_median_ms": 1.0,
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main()
