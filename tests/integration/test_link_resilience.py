"""The OBS link survives what happens in a real control room, checked against a real OBS."""

from __future__ import annotations

import os
import signal
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from console.obs.state import LinkPhase, RoomState
from console.services import Console
from tests.conftest import Drive
from tests.harness import ObsStudio
from tests.support import FAST, connected, until, write_profile

ConsoleFor = Callable[[int, str], Console]


async def _start(console: Console) -> None:
    console.start()  # on the running loop, as the app does


@pytest.fixture
def console_for(tmp_path: Path, drive: Drive) -> Iterator[ConsoleFor]:
    """``console_for(port, password)``: a console for that OBS, closed after the test."""
    made: list[Console] = []

    def make(port: int, password: str) -> Console:
        made.append(Console(write_profile(tmp_path, port, password), FAST))
        return made[-1]

    yield make
    for console in made:
        drive(console.close())


def _connected(console_for: ConsoleFor, obs: ObsStudio, drive: Drive) -> tuple[Console, RoomState]:
    console = console_for(obs.port, obs.password)
    state = console.rooms.get("main").state
    drive(_start(console))
    drive(connected(state))
    return console, state


def _phases(state: RoomState) -> list[LinkPhase]:
    seen: list[LinkPhase] = []
    state.subscribe(lambda aspect: aspect == "link" and seen.append(state.link.phase))
    return seen


def test_obs_killed_and_restarted_is_resynced_and_commands_work(
    obs_fresh: ObsStudio, drive: Drive, console_for: ConsoleFor
) -> None:
    console, state = _connected(console_for, obs_fresh, drive)
    drive(console.registry.run("scene.program Break", "test"))

    obs_fresh.kill()  # SIGKILL: a TCP reset, no close frame
    drive(until(state, lambda: state.link.phase is LinkPhase.RECONNECTING, within=5))
    assert "connection lost" in state.link.reason or "cannot reach" in state.link.reason

    obs_fresh.restart()  # seeded afresh: program is back on the collection's first scene
    drive(connected(state, within=30))
    with obs_fresh.probe() as probe:
        assert state.program == probe.program_scene()
        drive(console.registry.run("scene.program Product", "test"))
        assert probe.program_scene() == "Product"


def test_obs_quitting_cleanly_is_reported_and_retried(
    obs_fresh: ObsStudio, drive: Drive, console_for: ConsoleFor
) -> None:
    _, state = _connected(console_for, obs_fresh, drive)
    obs_fresh.stop()  # SIGINT: OBS says ExitStarted, then closes with 1001
    drive(until(state, lambda: state.link.phase is LinkPhase.RECONNECTING, within=10))
    assert state.link.reason in ("OBS closed", "link lost") or "cannot reach" in state.link.reason
    obs_fresh.start()
    drive(connected(state, within=30))


def test_half_open_link_is_noticed_by_the_heartbeat(
    obs_fresh: ObsStudio, drive: Drive, console_for: ConsoleFor
) -> None:
    _, state = _connected(console_for, obs_fresh, drive)
    assert obs_fresh.pid is not None
    os.kill(obs_fresh.pid, signal.SIGSTOP)  # socket stays open, nobody answers
    try:
        drive(until(state, lambda: state.link.phase is not LinkPhase.CONNECTED, within=5))
        assert "did not answer" in state.link.reason
    finally:
        os.kill(obs_fresh.pid, signal.SIGCONT)
    drive(connected(state, within=30))


class SilentServer:
    """Accepts TCP connections on loopback and never says a word."""

    def __init__(self) -> None:
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.accepted: list[socket.socket] = []
        self.changed = threading.Lock()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                return
            with self.changed:
                self.accepted.append(connection)

    def close(self) -> None:
        self.socket.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept(); close does not
        self.socket.close()
        self._thread.join(timeout=5)
        for connection in self.accepted:
            connection.close()


def test_server_that_never_speaks_hits_the_deadline_then_retries(
    drive: Drive, console_for: ConsoleFor
) -> None:
    server = SilentServer()
    try:
        console = console_for(server.port, "secret")
        state = console.rooms.get("main").state
        phases = _phases(state)
        drive(_start(console))
        drive(until(state, lambda: phases.count(LinkPhase.RECONNECTING) >= 2, within=10))
        assert "did not complete the handshake within 1 s" in state.link.reason
        with server.changed:  # each attempt was a fresh connection that the deadline ended
            assert len(server.accepted) >= 2
    finally:
        server.close()


def test_wrong_password_is_reported_without_a_retry_storm(
    obs: ObsStudio, drive: Drive, console_for: ConsoleFor
) -> None:
    console = console_for(obs.port, "not-the-password")
    state = console.rooms.get("main").state
    phases = _phases(state)
    drive(_start(console))
    drive(until(state, lambda: state.link.phase is LinkPhase.FAILED, within=10))
    assert "refused the password" in state.link.reason
    assert state.link.retry_at is not None
    assert state.link.retry_at - time.monotonic() > FAST.auth_retry - 5
    assert phases.count(LinkPhase.CONNECTING) == 1


def test_console_opens_with_no_obs_and_keeps_retrying(
    drive: Drive, console_for: ConsoleFor
) -> None:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]  # closed again below: nothing listens there
    console = console_for(port, "secret")
    state = console.rooms.get("main").state
    phases = _phases(state)
    drive(_start(console))
    drive(until(state, lambda: phases.count(LinkPhase.RECONNECTING) >= 3, within=10))
    assert "cannot reach OBS" in state.link.reason
    assert "refused" in state.link.reason


def test_a_frozen_obs_reads_as_not_answering_never_as_connecting(
    obs_fresh: ObsStudio, drive: Drive, console_for: ConsoleFor
) -> None:
    _, state = _connected(console_for, obs_fresh, drive)
    said: list[str] = []
    state.subscribe(lambda aspect: aspect == "link" and said.append(state.link.describe()))
    assert obs_fresh.pid is not None
    os.kill(obs_fresh.pid, signal.SIGSTOP)
    try:
        # The heartbeat notices, then at least two attempts meet the frozen OBS.
        drive(until(state, lambda: len([s for s in said if "handshake" in s]) >= 2, within=20))
        assert said and all(text.startswith("OBS not answering for") for text in said), said
        assert "connecting…" not in said
    finally:
        os.kill(obs_fresh.pid, signal.SIGCONT)
    drive(connected(state, within=20))
    assert state.link.silent_since is None
    assert state.link.describe().startswith("connected")
    obs_fresh.kill()  # OBS 29 sometimes crashes on SIGINT after a SIGSTOP/SIGCONT
