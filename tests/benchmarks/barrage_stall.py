"""How long a burst of barrage frames holds the event loop; prints one JSON object.

A grabber in another process (a loopback aiohttp WebSocket server) sends ``--frames``
comments (100,000 by default) as fast as it can. This process reads them the console's way:
``WebSocketSource`` → ``BarrageIngest`` (the default moderation pipeline, the JSONL barrage
log, the review queue and the user history). A 1 ms sleeper measures the loop's lag (its
overshoot) from the first frame until every frame is judged: p50, p99 and the worst, in
milliseconds, with how long the burst took, how many messages were judged and the most
that waited to be judged at once (``backlog_max``: the ingest's high-water mark holds it).
The loop is plain asyncio (the console runs the same code on qasync).

The lag is wall-clock time, so on a shared machine it also holds the time the process
waited for a core. ``cpu_lag_*`` is the CPU time this thread spent during each of those
waits (the work the loop did in one go, which is what the console controls), and
``gc_max_ms`` the longest garbage collection during the burst. As the console does once
its show is open (``console.app``), the set-up ends with ``gc.collect()`` and
``gc.freeze()``: the moderation dictionaries (some 300,000 objects) never become garbage,
so later collections do not walk them. ``--no-freeze`` leaves that out, to compare.

Usage: ``python tests/benchmarks/barrage_stall.py [--frames 100000] [--no-freeze]``
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import multiprocessing
import random
import statistics
import sys
import tempfile
import time
from multiprocessing.connection import Connection
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from console.barrage.ingest import BarrageIngest  # noqa: E402
from console.barrage.log import BarrageLog  # noqa: E402
from console.barrage.message import Message  # noqa: E402
from console.barrage.pipeline import Pipeline  # noqa: E402
from console.barrage.review import ReviewQueue, UserHistory  # noqa: E402
from console.barrage.sources import WebSocketSource  # noqa: E402

TEXTS = ["多少钱", "还有货吗", "怎么吃", "保质期多久", "主播好", "已拍", "666", "来了", "加我微信"]
TICK = 0.001


def frame(n: int, rng: random.Random) -> str:
    text = f"{rng.choice(TEXTS)} {n}"
    user = f"u{rng.randrange(5000)}"
    event = {"msg_type": "comment", "msg_id": str(n), "user_id": user, "nick_name": user}
    return json.dumps({**event, "content": text}, ensure_ascii=False)


def serve(frames: int, report: Connection) -> None:
    """The grabber: on connection, send every frame at once, then hold the connection."""
    from aiohttp import web

    async def burst(request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        rng = random.Random(7)
        for n in range(frames):
            await ws.send_str(frame(n, rng))
        await ws.receive()
        return ws

    async def main() -> None:
        app = web.Application()
        app.router.add_get("/", burst)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        report.send(runner.addresses[0][1])
        await asyncio.get_running_loop().run_in_executor(None, report.recv)  # until told
        await runner.cleanup()

    asyncio.run(main())


async def measure(url: str, frames: int, log_dir: Path, freeze: bool) -> dict[str, float]:
    log = BarrageLog(log_dir / "stall.barrage.jsonl")
    ingest = BarrageIngest(Pipeline(), log, ReviewQueue(), UserHistory())
    arrived = asyncio.Event()

    def sink(message: Message) -> None:
        arrived.set()
        ingest.put(message)

    source = WebSocketSource("bench", url, "main", sink, shape="msg_type")
    source.pace = ingest.room  # as BarrageService wires its sources
    ingest.pipeline.judge_batch(source.reader.read(frame(-1, random.Random(1))))
    if freeze:
        gc.collect()
        gc.freeze()
    done = asyncio.Event()
    ingest.subscribe(lambda batch: done.set() if ingest.judged >= frames else None)
    lags: list[float] = []
    cpu_lags: list[float] = []
    backlog = 0
    started = 0.0

    async def sleeper() -> None:
        nonlocal backlog
        while not done.is_set():
            backlog = max(backlog, ingest.pending)
            before, cpu_before = time.perf_counter(), time.thread_time()
            await asyncio.sleep(TICK)
            if source.counters.received:
                lags.append((time.perf_counter() - before - TICK) * 1e3)
                cpu_lags.append((time.thread_time() - cpu_before) * 1e3)

    watcher = asyncio.create_task(sleeper())
    source.start()
    pauses = GcPauses()
    async with asyncio.timeout(600):
        await arrived.wait()
        started = time.perf_counter()
        gc.callbacks.append(pauses)
        await done.wait()
        gc.callbacks.remove(pauses)
    took = time.perf_counter() - started
    await watcher
    await source.close()
    log.close()
    return {
        "frames": frames,
        "judged": ingest.judged,
        "burst_s": round(took, 3),
        **percentiles("lag", lags),
        **percentiles("cpu_lag", cpu_lags),
        "lag_samples": len(lags),
        "backlog_max": backlog,
        "gc_max_ms": round(pauses.longest, 3),
        "gc_cpu_max_ms": round(pauses.longest_cpu, 3),
        "freeze": freeze,
    }


def percentiles(name: str, samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return {
        f"{name}_p50_ms": round(statistics.median(ordered), 3),
        f"{name}_p99_ms": round(p99, 3),
        f"{name}_max_ms": round(ordered[-1], 3),
    }


class GcPauses:
    """The longest garbage collection while it listens, in wall-clock and CPU time."""

    def __init__(self) -> None:
        self.longest = self.longest_cpu = 0.0
        self._started = self._started_cpu = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started, self._started_cpu = time.perf_counter(), time.thread_time()
        else:
            self.longest = max(self.longest, (time.perf_counter() - self._started) * 1e3)
            cpu = (time.thread_time() - self._started_cpu) * 1e3
            self.longest_cpu = max(self.longest_cpu, cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=100_000)
    parser.add_argument(
        "--no-freeze", dest="freeze", action="store_false", help="no gc.freeze() after set-up"
    )
    args = parser.parse_args()
    ours, theirs = multiprocessing.Pipe()
    grabber = multiprocessing.get_context("spawn").Process(
        target=serve, args=(args.frames, theirs), daemon=True
    )
    grabber.start()
    try:
        port = ours.recv()
        with tempfile.TemporaryDirectory(prefix="barrage-stall-") as work:
            url = f"ws://127.0.0.1:{port}/"
            result = asyncio.run(measure(url, args.frames, Path(work), args.freeze))
        print(json.dumps(result))
    finally:
        ours.send("stop")
        grabber.join(timeout=10)
        if grabber.is_alive():
            grabber.kill()


if __name__ == "__main__":
    main()
