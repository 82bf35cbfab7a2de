"""The show survives a console restart: a real console process, driven through its API,
killed with SIGKILL mid-show and started again on the same show, loses nothing an operator
decided; what was on air is compared with OBS and restored with one command."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp

from console.barrage.message import Kind
from tests.conftest import Drive
from tests.harness import ObsProbe, ObsStudio
from tests.harness.process import set_parent_death_signal
from tests.integration.test_control_process import MAIN, STARTS_WITHIN, http, next_event, read_line
from tests.unit.barrage.barrage_show import record
from tests.unit.control.control_show import TOKEN, RoomAt, show_yaml

SHOW = """\
products:
  - sku: steak
    name: 南美草饲原切眼肉牛排 1kg
    price: 69
rundown:
  - {kind: opening, title: 开场}
  - {kind: product, sku: steak}
  - {kind: break, title: 休息}
barrage:
  sources:
    - {kind: replay, room: main, file: chat.jsonl, speed: max}
  moderation:
    terms:
      - {name: links, terms: [链接], action: hold}
"""
RECORDING = [
    ("m3", "cat", "主播好", Kind.COMMENT),  # passed: its author gets banned
    ("m1", "ann", "牛排几号链接？", Kind.COMMENT),  # held
    ("m2", "bob", "链接在哪", Kind.COMMENT),  # held: the last, so all are in once it is
]


def _start(tmp_path: Path, name: str) -> tuple[subprocess.Popen[bytes], str]:
    env = {"QT_QPA_PLATFORM": "offscreen", "CONSOLE_TOKEN": TOKEN}

    with (tmp_path / f"{name}.stderr").open("wb") as errors:
        child = subprocess.Popen(
            [sys.executable, str(MAIN), str(tmp_path / "show.yaml")],
            stdout=subprocess.PIPE,
            stderr=errors,
            env={**os.environ, **env},
            cwd=tmp_path,
            preexec_fn=set_parent_death_signal,
        )
    assert child.stdout is not None
    url = read_line(child.stdout, b"control API on ", STARTS_WITHIN, tmp_path / f"{name}.stderr")
    return child, url


async def _until_held(ws: aiohttp.ClientWebSocketResponse, held: int) -> None:
    """Until the events say ``held`` comments wait for review (the state first, then each
    change of the review queue)."""
    async with asyncio.timeout(15):
        while True:
            message = await ws.receive()
            assert message.type is aiohttp.WSMsgType.TEXT, message
            event = json.loads(message.data)
            if event["type"] == "state":
                event = event["review"]
            if event.get("held") == held:
                return


async def _events(
    url: str, scenario: Callable[[aiohttp.ClientWebSocketResponse], Awaitable[None]]
) -> None:
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(f"{url}/api/events?token={TOKEN}") as ws,
    ):
        await scenario(ws)


def test_a_sigkilled_console_comes_back_with_the_show_as_the_operator_left_it(
    tmp_path: Path, obs: ObsStudio, obs_probe: ObsProbe, drive: Drive
) -> None:
    control = {"port": 0, "token_env": "CONSOLE_TOKEN"}
    (tmp_path / "show.yaml").write_text(
        show_yaml([RoomAt("main", obs.port, obs.password)], control, SHOW), encoding="utf-8"
    )
    lines = [record(*entry, at=1000.0 + n) for n, entry in enumerate(RECORDING)]
    chat = tmp_path / "chat.jsonl"
    chat.write_text("\n".join(lines) + "\n", encoding="utf-8")
    obs_probe.set_program("Opening")

    connected = {"link": {"state": "connected", "reason": ""}}
    first, url = _start(tmp_path, "first")
    try:
        post = lambda name, body: http("POST", f"{url}/api/commands/{name}", json.dumps(body))  # noqa: E731

        async def first_run(ws: aiohttp.ClientWebSocketResponse) -> None:
            await next_event(ws, connected)
            status, body = post("rundown.goto", {"item": "2"})  # pushes the steak's slide
            assert status == 200, body
            await next_event(ws, {"slide": {"sku": "steak", "name": "南美草饲原切眼肉牛排 1kg"}})

        async def replayed(ws: aiohttp.ClientWebSocketResponse) -> None:
            await _until_held(ws, 2)  # the recording's last message is in: all of them are

        drive(_events(url, first_run))
        drive(_events(url, replayed))
        status, body = post("barrage.ban", {"id": "m3"})
        assert status == 200, body
        first.kill()  # SIGKILL mid-show: no chance to save anything
        first.wait()
    finally:
        if first.poll() is None:
            first.kill()
        assert first.stdout is not None
        first.stdout.close()

    chat.write_text("", encoding="utf-8")  # the second run replays nothing: all from the journal
    second, url = _start(tmp_path, "second")
    try:
        post = lambda name, body: http("POST", f"{url}/api/commands/{name}", json.dumps(body))  # noqa: E731
        # The review queue and the ban are back.
        status, body = post("barrage.approve", {"id": "m1"})
        assert status == 200, body
        status, body = post("barrage.unban", {"user": "cat"})
        assert status == 200, body

        async def second_run(ws: aiohttp.ClientWebSocketResponse) -> None:
            # The slide the show had is compared with OBS and reported as a difference.
            event = await next_event(ws, connected)
            while not (differences := _room(event)["differences"]):
                event = await next_event(ws, connected)
            assert any("南美草饲" in text for text in differences), differences

        drive(_events(url, second_run))
        status, body = post("room.restore", {})
        assert status == 200 and body["data"]["restored"] == ["slide steak"], body
        slide = obs_probe.call("GetInputSettings", inputName="Product Slide")["inputSettings"]
        assert Path(slide["file"]).is_file()
        # The rundown is where it was: the next item is the third.
        status, body = post("rundown.next", {})
        assert status == 200 and body["message"].startswith("rundown 3: 休息"), body
    finally:
        second.kill()
        second.wait()
        assert second.stdout is not None
        second.stdout.close()
    errors = (tmp_path / "second.stderr").read_text(encoding="utf-8")
    assert "Traceback" not in errors
    assert "restored from the show's journal" in errors


def _room(event: dict[str, Any]) -> dict[str, Any]:
    state: dict[str, Any] = event["rooms"][0] if event["type"] == "state" else event["state"]
    return state
