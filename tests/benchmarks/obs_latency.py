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

Then, with a second OBS (its own Xvfb) and a two-room show on both:

- ``room_all``: ``scene.program`` (Cut, alternating scenes) through ``registry.call``, from
  the call until every room's OBS answered, in one room and with ``room=all`` in both; the
  rooms run at once, so the goal is two rooms within 1.3 times one room (median);
- ``control_api``: the same ``scene.program`` as a control API request (an aiohttp client
  on loopback, keep-alive, as a button panel sends it: POST, JSON body, bearer token) until
  its answer, interleaved with the same call through ``registry.call``; likewise
  ``obs.ping`` (GetVersion), whose answer does not wait for OBS's next frame, so its
  overhead is the API's cost with the least noise; the goal is an overhead under 2 ms
  (median) over the command path.

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

import aiohttp  # noqa: E402
import qasync  # noqa: E402
from obswebsocket import obsws, requests  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from console.commands import Context  # noqa: E402
from console.control import ControlServer, listen_settings  # noqa: E402
from console.services import Console  # noqa: E402
from console.ui.main_window import MainWindow  # noqa: E402
from tests.benchmarks.figures import figures, real_obs  # noqa: E402
from tests.harness import ObsStudio  # noqa: E402
from tests.support import FAST, connected, until, write_profile  # noqa: E402
from tests.unit.control.control_show import TOKEN, RoomAt, write_show  # noqa: E402

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


API = Context("benchmark")
CHUNK = 50  # calls of one kind in a row, the kinds alternating, so drift hits both alike


def _ratio(two: dict[str, float], one: dict[str, float], key: str) -> float:
    return round(two[key] / one[key], 3)


async def rooms_figures(
    first: ObsStudio, second: ObsStudio, rounds: int, workdir: Path
) -> dict[str, Any]:
    """``room=all`` in two rooms against one room, and the control API over the registry."""
    rooms = [RoomAt("a", first.port, first.password), RoomAt("b", second.port, second.password)]
    directory = workdir / "two-rooms"
    directory.mkdir()
    profile = write_show(directory, rooms, {"port": 0, "token": TOKEN})
    console = Console(profile, FAST, log_actions=False)
    server = ControlServer(console, listen_settings(profile.control))
    a, b = (console.rooms.get(room).state for room in ("a", "b"))
    console.start()
    await connected(a)
    await connected(b)
    url = await server.start()
    call = console.registry.call
    await call("transition.set", {"transition": "Cut", "room": "all"}, API)

    one, both = [], []
    # One room cuts between Host and Opening, both rooms between Product and Break: every
    # call is a real change in every room it reaches.
    for index in range(20 + max(rounds, CHUNK)):
        alone = (index // CHUNK) % 2 == 0
        if alone:
            scene, room = ("Host" if a.program != "Host" else "Opening"), "a"
        else:
            scene, room = ("Product" if b.program != "Product" else "Break"), "all"
        t0 = time.perf_counter()
        await call("scene.program", {"scene": scene, "room": room}, API)
        elapsed = (time.perf_counter() - t0) * 1e3
        await until(a, lambda scene=scene: a.program == scene, within=5)
        if index >= 20:  # warm-up
            (one if alone else both).append(elapsed)

    api, registry = [], []
    headers = {"Authorization": f"Bearer {TOKEN}"}
    async with aiohttp.ClientSession(headers=headers) as session:
        for index in range(20 + rounds):
            scene = "Host" if a.program != "Host" else "Opening"
            arguments = {"scene": scene, "room": "a"}
            over_http = index % 2 == 0
            t0 = time.perf_counter()
            if over_http:
                endpoint = f"{url}/api/commands/scene.program"
                async with session.post(endpoint, data=json.dumps(arguments)) as response:
                    answer = await response.json()
                    assert response.status == 200, answer
            else:
                await call("scene.program", arguments, API)
            elapsed = (time.perf_counter() - t0) * 1e3
            await until(a, lambda scene=scene: a.program == scene, within=5)
            if index >= 20:
                (api if over_http else registry).append(elapsed)
        api_ping, registry_ping = [], []
        for index in range(20 + rounds):
            over_http = index % 2 == 0
            t0 = time.perf_counter()
            if over_http:
                endpoint = f"{url}/api/commands/obs.ping"
                async with session.post(endpoint, data='{"room": "a"}') as response:
                    answer = await response.json()
                    assert response.status == 200, answer
            else:
                await call("obs.ping", {"room": "a"}, API)
            elapsed = (time.perf_counter() - t0) * 1e3
            if index >= 20:
                (api_ping if over_http else registry_ping).append(elapsed)

    await server.stop()
    await console.close()
    one_room, two_rooms = figures(one), figures(both)
    through_api, through_registry = figures(api), figures(registry)
    ping_api, ping_registry = figures(api_ping), figures(registry_ping)
    return {
        "room_all": {
            "one_room": one_room,
            "two_rooms": two_rooms,
            "ratio_median": _ratio(two_rooms, one_room, "median_ms"),
            "ratio_p95": _ratio(two_rooms, one_room, "p95_ms"),
            "goal_ratio_median": 1.3,
        },
        "control_api": {
            "api_scene_program": through_api,
            "registry_scene_program": through_registry,
            "overhead_median_ms": round(
                through_api["median_ms"] - through_registry["median_ms"], 3
            ),
            "overhead_p95_ms": round(through_api["p95_ms"] - through_registry["p95_ms"], 3),
            "api_obs_ping": ping_api,
            "registry_obs_ping": ping_registry,
            "ping_overhead_median_ms": round(ping_api["median_ms"] - ping_registry["median_ms"], 3),
            "ping_overhead_p95_ms": round(ping_api["p95_ms"] - ping_registry["p95_ms"], 3),
            "goal_overhead_median_ms": 2.0,
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        base = Path(scratch)
        (base / "first").mkdir()
        (base / "second").mkdir()
        with real_obs(base / "first") as obs, real_obs(base / "second") as second:
            raw = raw_round_trips(obs, args.rounds)
            app = QApplication.instance() or QApplication([])
            app.setQuitOnLastWindowClosed(False)

            async def everything() -> dict[str, Any]:
                single = await console_figures(obs, args.rounds, base)
                return {**single, **await rooms_figures(obs, second, args.rounds, base)}

            result = qasync.run(everything())
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
