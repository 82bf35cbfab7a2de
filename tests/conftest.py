"""Suite-wide settings: Qt draws offscreen unless a test asks for the real X server."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable, Coroutine, Iterator
from typing import Any, TypeVar

import pytest
import qasync
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

T = TypeVar("T")


@pytest.fixture(scope="session")
def aloop(qapp: QApplication) -> Iterator[qasync.QEventLoop]:
    """The console's loop (asyncio on the Qt thread, via qasync), in the mode where Qt's own
    event processing drives it: tests wait with ``qtbot`` and every callback runs with this
    loop as the running loop, as in the console."""
    loop = qasync.QEventLoop(qapp, already_running=True)
    asyncio.set_event_loop(loop)
    try:
        yield loop
    finally:
        asyncio.set_event_loop(None)
        asyncio.events._set_running_loop(None)


Drive = Callable[..., Any]


@pytest.fixture
def drive(aloop: qasync.QEventLoop, qtbot: QtBot) -> Drive:
    """``drive(coro, timeout=60)``: run a coroutine on the console's loop, Qt spinning."""

    def run(coro: Coroutine[Any, Any, T], timeout: float = 60.0) -> T:
        task = aloop.create_task(coro)
        qtbot.waitUntil(task.done, timeout=int(timeout * 1000))
        return task.result()

    return run
