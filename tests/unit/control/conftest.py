"""A console with its control API served on a free loopback port, its rooms' OBS not there.

Every room points at a port nothing listens on, so room commands fail as they do while
OBS is down (not connected); the API, the registry and the action log are the real ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from console.control import ControlServer, listen_settings
from console.services import Console
from tests.conftest import Drive
from tests.harness.process import free_tcp_port
from tests.support import FAST
from tests.unit.control.control_show import PRODUCTS, TOKEN, RoomAt, write_show


@dataclass
class Served:
    console: Console
    server: ControlServer

    @property
    def url(self) -> str:
        return self.server.url

    def api(self, path: str) -> str:
        return f"{self.server.url}{path}"


Serve = Callable[..., Served]


@pytest.fixture
def serve(tmp_path: Path, drive: Drive) -> Iterator[Serve]:
    """``serve(rooms=("a", "b"), queue_limit=...)``: a console (not started: its links stay
    down) and its API, both closed after the test."""
    started: list[Served] = []

    def start(rooms: tuple[str, ...] = ("a", "b"), **server_options: object) -> Served:
        directory = tmp_path / f"show{len(started)}"
        directory.mkdir()
        at = [RoomAt(room, free_tcp_port()) for room in rooms]
        profile = write_show(directory, at, {"port": 0, "token": TOKEN}, PRODUCTS)

        async def build() -> Served:
            console = Console(profile, FAST, slides=False)
            server = ControlServer(console, listen_settings(profile.control), **server_options)  # type: ignore[arg-type]
            await server.start()
            return Served(console, server)

        served = drive(build())
        started.append(served)
        return served

    yield start
    for served in started:
        drive(served.server.stop())
        drive(served.console.close())
