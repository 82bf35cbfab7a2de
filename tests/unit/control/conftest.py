"""A console with its control API served on a free loopback port, its rooms' OBS not there.

Every room points at a port nothing listens on, so room commands fail as they do while
OBS is down (not connected); the API, the registry and the action log are the real ones.
Each test runs its scenario in one ``asyncio.run`` (the console's services run on any
asyncio loop; the qasync loop of the integration tests stays out of the unit tests).
"""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from console.control import ControlServer, listen_settings
from console.services import Console
from tests.harness.process import free_tcp_port
from tests.support import FAST
from tests.unit.control.control_show import PRODUCTS, TOKEN, RoomAt, write_show


@dataclass
class Served:
    console: Console
    server: ControlServer

    def api(self, path: str) -> str:
        return f"{self.server.url}{path}"


Serve = Callable[..., AbstractAsyncContextManager[Served]]


@pytest.fixture
def serve(tmp_path: Path) -> Serve:
    """``async with serve(rooms=("a", "b"), queue_limit=...) as served``: a console (not
    started: its links stay down) and its API, both closed at the end."""
    shows = itertools.count()

    @asynccontextmanager
    async def serving(
        rooms: tuple[str, ...] = ("a", "b"), **server_options: int
    ) -> AsyncIterator[Served]:
        directory = tmp_path / f"show{next(shows)}"
        directory.mkdir()
        at = [RoomAt(room, free_tcp_port()) for room in rooms]
        profile = write_show(directory, at, {"port": 0, "token": TOKEN}, PRODUCTS)
        console = Console(profile, FAST, slides=False)
        server = ControlServer(console, listen_settings(profile.control), **server_options)
        await server.start()
        try:
            yield Served(console, server)
        finally:
            await server.stop()
            await console.close()

    return serving
