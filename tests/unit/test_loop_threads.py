"""The console's loop survives a long show's worth of worker-thread hand-overs.

Every OBS request returns from the worker thread through qasync's thread-safe call; a Qt
binding that miscounts references there aborts the process after a few thousand requests
(PySide6 6.12.0 does). Run in a child process, since the failure is an abort.
"""

from __future__ import annotations

import subprocess
import sys

CHILD = """
import asyncio
from concurrent.futures import ThreadPoolExecutor
from PySide6.QtWidgets import QApplication
import qasync

app = QApplication([])
loop = qasync.QEventLoop(app)
asyncio.set_event_loop(loop)
worker = ThreadPoolExecutor(max_workers=1)

async def show():
    for _ in range(20000):
        answer = await loop.run_in_executor(worker, lambda: {"outputActive": True})
        assert answer["outputActive"] is True

loop.run_until_complete(show())
worker.shutdown()
print("survived")
"""


def test_twenty_thousand_worker_round_trips_do_not_crash_the_loop() -> None:
    child = subprocess.run(
        [sys.executable, "-c", CHILD],
        capture_output=True,
        text=True,
        timeout=300,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert child.returncode == 0, child.stderr[-2000:]
    assert child.stdout.strip() == "survived"
