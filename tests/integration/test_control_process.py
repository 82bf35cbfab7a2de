"""End to end: a real console process without a visible window, driven through its control
API as a script or Companion drives it, against a real OBS, then stopped with a signal."""

from __future__ import annotations

import asyncio
import json
import os
import select
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import aiohttp
import pytest
from aiohttp import WSCloseCode, WSMsgType

from tests.conftest import Drive
from tests.harness import ObsProbe, ObsStudio
from tests.harness.process import log_tail, set_parent_death_signal
from tests.unit.control.control_show import TOKEN, RoomAt, show_yaml

MAIN = Path(__file__).resolve().parents[2] / "main.py"
STARTS_WITHIN = 60.0
STOPS_WITHIN = 20.0


def read_line(stream: IO[bytes], prefix: bytes, within: float, stderr: Path) -> str:
    """The first line of ``stream`` that starts with ``prefix``, waiting for output."""
    deadline = time.monotonic() + within
    pending = b""
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            pytest.fail(f"no {prefix!r} line within {within} s" + log_tail(stderr), pytrace=False)
        ready, _, _ = select.select([stream], [], [], remaining)
        if not ready:
            continue
        chunk = os.read(stream.fileno(), 4096)
        if not chunk:
            pytest.fail(f"the console exited before {prefix!r}" + log_tail(stderr), pytrace=False)
        pending += chunk
        *lines, pending = pending.split(b"\n")
        for line in lines:
            if line.startswith(prefix):
                return line[len(prefix) :].decode().strip()


def http(method: str, url: str, body: str | None = None) -> tuple[int, Any]:
    """A request as ``curl -H "Authorization: Bearer $T" [-d BODY] URL`` makes it (urllib,
    like curl -d, sends a body as application/x-www-form-urlencoded)."""
    data = None if body is None else body.encode()
    sent = urllib.request.Request(url, data, {"Authorization": f"Bearer {TOKEN}"}, method=method)
    try:
        with urllib.request.urlopen(sent, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as refused:
        return refused.code, json.loads(refused.read())


@pytest.fixture
def console_process(
    tmp_path: Path, obs: ObsStudio
) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """``QT_QPA_PLATFORM=offscreen python main.py PROFILE`` on the module's OBS, the token
    in CONSOLE_TOKEN; yields the process and the API's address read from its output."""
    profile = tmp_path / "show.yaml"
    control = {"port": 0, "token_env": "CONSOLE_TOKEN"}
    profile.write_text(
        show_yaml([RoomAt("main", obs.port, obs.password)], control), encoding="utf-8"
    )
    stderr = tmp_path / "console.stderr"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CONSOLE_TOKEN": TOKEN}
    with stderr.open("wb") as errors:
        child = subprocess.Popen(
            [sys.executable, str(MAIN), str(profile)],
            stdout=subprocess.PIPE,
            stderr=errors,
            env=env,
            cwd=tmp_path,
            preexec_fn=set_parent_death_signal,
        )
    assert child.stdout is not None
    try:
        yield child, read_line(child.stdout, b"control API on ", STARTS_WITHIN, stderr)
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()
        child.stdout.close()


async def next_event(ws: aiohttp.ClientWebSocketResponse, room_event: dict[str, Any]) -> Any:
    """The next room event whose state has every item of ``room_event``."""
    async with asyncio.timeout(15):
        while True:
            message = await ws.receive()
            assert message.type is WSMsgType.TEXT, message
            event = json.loads(message.data)
            states = event["rooms"] if event["type"] == "state" else [event.get("state")]
            for state in states:
                if state and room_event.items() <= state.items():
                    return event


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_console_process_is_driven_through_its_api_and_stops_politely(
    console_process: tuple[subprocess.Popen[bytes], str],
    obs_probe: ObsProbe,
    tmp_path: Path,
    drive: Drive,
    stop: signal.Signals,
) -> None:
    child, url = console_process
    assert url.startswith("http://127.0.0.1:")
    obs_probe.set_program("Opening")

    async def scenario() -> None:
        async with (
            aiohttp.ClientSession() as session,
            # The token in the query, as a browser page must send it.
            session.ws_connect(f"{url}/api/events?token={TOKEN}") as ws,
        ):
            connected = {"state": "connected", "reason": ""}
            await next_event(ws, {"id": "main", "link": connected, "program": "Opening"})
            status, body = http("GET", f"{url}/api/state")
            assert status == 200 and body["rooms"][0]["program"] == "Opening"
            status, body = http("GET", f"{url}/api/commands")
            assert status == 200 and "scene.program" in {c["name"] for c in body["commands"]}
            status, body = http(
                "POST", f"{url}/api/commands/scene.program", '{"scene": "Host", "room": "all"}'
            )
            assert (status, body["ok"], body["data"]) == (200, True, {"program": "Host"})
            assert obs_probe.program_scene() == "Host"
            await next_event(ws, {"program": "Host"})
            obs_probe.set_program("Break")  # in OBS itself
            await next_event(ws, {"program": "Break"})
            status, body = http("POST", f"{url}/api/commands/scene.program", '{"scene": 1}')
            assert (status, body["error"]["code"]) == (400, "bad_argument")
            child.send_signal(stop)
            closing = await ws.receive()
            while closing.type is WSMsgType.TEXT:  # events still queued before the close
                closing = await ws.receive()
        assert (closing.type, closing.data) == (WSMsgType.CLOSE, WSCloseCode.GOING_AWAY)

    drive(scenario())
    try:
        code = child.wait(STOPS_WITHIN)
    except subprocess.TimeoutExpired:
        pytest.fail(f"the console ignored {stop.name}" + log_tail(tmp_path / "console.stderr"))
    errors = (tmp_path / "console.stderr").read_text(encoding="utf-8")
    assert code == 0, errors
    assert "Traceback" not in errors
    assert "control API stopped" in errors
    actions = next((tmp_path / "logs").glob("*.actions.jsonl")).read_text(encoding="utf-8")
    logged = [json.loads(line) for line in actions.splitlines()]
    assert [(entry["command"], entry["source"], entry["ok"]) for entry in logged] == [
        ("scene.program scene=Host room=all", "api", True),
        ("scene.program scene=1", "api", False),
    ]
