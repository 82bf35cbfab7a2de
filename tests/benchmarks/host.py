"""Host latency against a real OBS: host.interrupt and host.say until OBS plays, the gap.

Prints one JSON object: ``host.interrupt`` until OBS reports the new media playing (its own
``MediaInputPlaybackStarted``, median and p95; goal p95 < 150 ms), ``host.say`` until
playing with a cold and a warm speech cache, and the silence between two queued lines
(OBS's end of one to OBS's start of the next; goal < 300 ms).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from console.host.host import HostState, RoomHost  # noqa: E402
from console.profile import load_profile  # noqa: E402
from console.services import Console  # noqa: E402
from tests.benchmarks.figures import figures, real_obs  # noqa: E402
from tests.harness import ObsStudio  # noqa: E402
from tests.support import FAST, connected, write_rooms  # noqa: E402

LONG = "欢迎来到京东超市直播间，今天给大家带来南美草饲原切眼肉牛排，整块原切，油花均匀。"


async def until(host: RoomHost, predicate: Any, within: float = 20.0) -> None:
    reached = asyncio.Event()
    unsubscribe = host.subscribe(lambda _: reached.set() if predicate() else None)
    try:
        if not predicate():
            await asyncio.wait_for(reached.wait(), within)
    finally:
        unsubscribe()


def on_air(host: RoomHost, title: str) -> bool:
    line = host.queue.on_air
    return host.state is HostState.ON_AIR and line is not None and line.title == title


async def measure(obs: ObsStudio, rounds: int, work: Path) -> dict[str, Any]:
    os.environ["XDG_CACHE_HOME"] = str(work / "cache")
    profile = write_rooms(work, [("main", obs.port, obs.password)], hotkeys="")
    text = profile.path.read_text() + f"segments:\n  - id: long\n    text: {LONG}\n"
    profile.path.write_text(text)
    console = Console(load_profile(profile.path), FAST, log_actions=False, slides=False)
    console.start()
    await connected(console.rooms.get("main").state)
    await console.registry.run("scene.program Host", "bench")
    host = console.host("main")
    run = console.registry.run
    interrupt, cold, warm, gaps = [], [], [], []
    for index in range(rounds):
        await run("host.play long", "bench")
        await until(host, lambda: on_air(host, "long"))
        words = f"第{index + 1}次插播，马上开抢。"
        await run(f'host.say "{words}"', "bench")  # made now, cold
        await until(host, lambda w=words: on_air(host, w))
        await run("host.stop", "bench")
        await run("host.play long", "bench")
        await until(host, lambda: on_air(host, "long"))
        t0 = time.perf_counter()
        await run(f'host.interrupt "{words}"', "bench")  # warm: synthesised above
        await until(host, lambda w=words: on_air(host, w))
        interrupt.append((time.perf_counter() - t0) * 1e3)
        await run("host.stop", "bench")
        fresh = f"新的一句话，编号{index + 1}。"
        t0 = time.perf_counter()
        await run(f'host.say "{fresh}"', "bench")
        await until(host, lambda w=fresh: on_air(host, w))
        cold.append((time.perf_counter() - t0) * 1e3)
        await run("host.stop", "bench")
        t0 = time.perf_counter()
        await run(f'host.say "{fresh}"', "bench")
        await until(host, lambda w=fresh: on_air(host, w))
        warm.append((time.perf_counter() - t0) * 1e3)
        await run("host.stop", "bench")
        first, second = f"甲句{index}。", f"乙句{index}。"
        await run(f'host.say "{first}"', "bench")
        await run(f'host.say "{second}"', "bench")
        await until(host, lambda w=first: on_air(host, w))
        await until(host, lambda: host.state is not HostState.ON_AIR)
        ended = time.perf_counter()
        await until(host, lambda w=second: on_air(host, w))
        gaps.append((time.perf_counter() - ended) * 1e3)
        await until(host, lambda: host.state is not HostState.ON_AIR)
    await console.close()
    return {
        "interrupt_to_playing": figures(interrupt),
        "say_to_playing_cold": figures(cold),
        "say_to_playing_warm": figures(warm),
        "gap_between_lines": figures(gaps),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch, real_obs(Path(scratch)) as obs:
        app = QApplication.instance() or QApplication([])
        result = qasync.run(measure(obs, args.rounds, Path(scratch)))
        del app
    report = {
        "obs_version": obs.version.get("obsVersion"),
        "cpu_count": os.cpu_count(),
        "load_average_1min": round(os.getloadavg()[0], 2),
        **result,
        "goal_interrupt_p95_ms": 150,
        "goal_gap_ms": 300,
        "goals_met": result["interrupt_to_playing"]["p95_ms"] < 150
        and result["gap_between_lines"]["p95_ms"] < 300,
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main()
