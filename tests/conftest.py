"""Suite-wide settings: Qt draws offscreen unless a test asks for the real X server."""

from __future__ import annotations

import asyncio
import gc
import os
from collections.abc import Iterator

import pytest
import qasync
from PySide6.QtWidgets import QApplication

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="session")
def aloop(qapp: QApplication) -> Iterator[qasync.QEventLoop]:
    """The console's own loop (asyncio on the Qt thread, via qasync): one for the session,
    as the console has one for its life."""
    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    try:
        yield loop
    finally:
        loop.close()
        asyncio.set_event_loop(None)
        # The loop holds QObject timers: collect it here, on the Qt thread, before a worker
        # thread's garbage collection could destroy them from the wrong thread.
        del loop
        gc.collect()
