"""The control API against a real OBS: calls change OBS's own state (checked through the
probe), OBS's refusals come back with its code, and the events socket reports changes made
in OBS itself."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import WSMsgType

from console.control import ControlServer, listen_settings
from console.profile import load_profile
from console.services import Console
from tests.conftest import Drive
from tests.harness import ObsProbe, ObsStudio
from tests.harness.process import free_tcp_port
from tests.support import FAST, connected, until
from tests.unit.control.control_show import TOKEN, Reply, RoomAt, request, write_show

DEMO = Path(__file__).resolve().parents[2] / "profiles" / "demo.yaml"


@dataclass
class Served:
    console: Console
    server: ControlServer

    def api(self, path: str) -> str:
        return f"{self.server.url}{path}"

    def post(self, drive: Drive, name: str, **arguments: Any) -> Reply:
        reply: Reply = drive(
            request("POST", self.api(f"/api/commands/{name}"), arguments=arguments)
        )
        return reply


@contextmanager
def serving(console: Console, drive: Drive) -> Iterator[Served]:
    """The console started and connected to its first room's OBS, its API served."""
    server = ControlServer(console, listen_settings(console.profile.control))

    async def ready() -> None:
        console.start()
        await connected(console.rooms.get(console.rooms.ids[0]).state)
        await server.start()

    drive(ready())
    try:
        yield Served(console, server)
    finally:
        drive(server.stop())
        drive(console.close())


@pytest.fixture
def served(tmp_path: Path, obs: ObsStudio, drive: Drive) -> Iterator[Served]:
    """Two rooms: ``main`` on the module's OBS (studio mode off, Opening on program), and
    ``spare``, whose OBS is not there."""
    rooms = [RoomAt("main", obs.port, obs.password), RoomAt("spare", free_tcp_port())]
    profile = write_show(tmp_path, rooms, {"port": 0, "token": TOKEN})
    console = Console(profile, FAST, slides=False)
    state = console.rooms.get("main").state

    async def on_opening() -> None:
        if state.studio_mode:
            await console.registry.run("studio.toggle room=main", "test")
        await console.registry.run("scene.program Opening room=main", "test")
        await until(state, lambda: state.program == "Opening" and not state.studio_mode)

    with serving(console, drive) as served:
        drive(on_opening())
        yield served


def test_a_cut_through_the_api_changes_obs_program(
    served: Served, obs_probe: ObsProbe, drive: Drive
) -> None:
    reply = served.post(drive, "scene.program", scene="Host", room="main")
    assert (reply.status, reply.body) == (
        200,
        {"ok": True, "message": "program: Host", "data": {"program": "Host"}},
    )
    assert obs_probe.program_scene() == "Host"


def test_state_shows_what_obs_has(served: Served, obs_probe: ObsProbe, drive: Drive) -> None:
    obs_probe.set_program("Product")
    state = served.console.rooms.get("main").state
    drive(until(state, lambda: state.program == "Product"))
    reply = drive(request("GET", served.api("/api/state")))
    main, spare = reply.body["rooms"]
    assert main["link"]["state"] == "connected"
    assert main["obs_version"] == obs_probe.call("GetVersion")["obsVersion"]
    assert (main["program"], main["preview"], main["studio_mode"]) == ("Product", None, False)
    assert main["scenes"] == obs_probe.scene_names()
    assert (main["streaming"], main["recording"]) == (False, False)
    assert spare["link"]["state"] != "connected"


def test_room_all_with_a_room_down_is_multi_status(
    served: Served, obs_probe: ObsProbe, drive: Drive
) -> None:
    reply = served.post(drive, "scene.program", scene="Break", room="all")
    assert reply.status == 207
    assert reply.body["ok"] is False
    rooms = reply.body["data"]["rooms"]
    assert rooms["main"] == {"ok": True, "message": "program: Break", "data": {"program": "Break"}}
    assert rooms["spare"]["ok"] is False
    assert rooms["spare"]["error"]["code"] == "not_connected"
    assert obs_probe.program_scene() == "Break"


def test_an_obs_refusal_is_a_bad_gateway_with_obs_code_and_comment(
    served: Served, drive: Drive
) -> None:
    reply = served.post(drive, "scene.program", scene="Nowhere", room="main")
    assert (reply.status, reply.error["code"]) == (502, "obs_refused")
    assert reply.error["request"] == "SetCurrentProgramScene"
    assert reply.error["obs_code"] == 600
    assert "Nowhere" in reply.error["obs_comment"]


def test_preview_without_studio_mode_is_a_conflict(served: Served, drive: Drive) -> None:
    reply = served.post(drive, "scene.preview", scene="Host", room="main")
    assert (reply.status, reply.error["code"]) == (409, "refused")
    assert "studio mode is off" in reply.error["message"]


async def next_event(
    ws: aiohttp.ClientWebSocketResponse, wanted: Callable[[dict[str, Any]], bool]
) -> dict[str, Any]:
    async with asyncio.timeout(5):
        while True:
            message = await ws.receive()
            assert message.type is WSMsgType.TEXT, message
            event: dict[str, Any] = json.loads(message.data)
            if wanted(event):
                return event


def in_main(event: dict[str, Any]) -> bool:
    """A change of the room on OBS (the spare room's link changes as it retries)."""
    return event["type"] == "room" and event["room"] == "main"


def test_events_report_changes_made_in_obs_itself(
    served: Served, obs_probe: ObsProbe, drive: Drive
) -> None:
    async def scenario() -> None:
        headers = {"Authorization": f"Bearer {TOKEN}"}
        async with (
            aiohttp.ClientSession() as session,
            session.ws_connect(served.api("/api/events"), headers=headers) as ws,
        ):
            first = await next_event(ws, lambda event: True)
            assert first["type"] == "state" and first["rooms"][0]["program"] == "Opening"
            obs_probe.set_program("Break")
            cut = await next_event(ws, in_main)
            assert (cut["room"], cut["changed"], cut["state"]["program"]) == (
                "main",
                ["program"],
                "Break",
            )
            obs_probe.set_studio_mode(True)
            studio = await next_event(
                ws, lambda event: in_main(event) and event["state"]["preview"]
            )
            assert studio["state"]["studio_mode"] is True
            assert studio["state"]["preview"] == obs_probe.preview_scene()
            obs_probe.set_studio_mode(False)
            await next_event(ws, lambda event: in_main(event) and not event["state"]["studio_mode"])

    drive(scenario())


@pytest.fixture
def demo(
    tmp_path: Path, obs: ObsStudio, drive: Drive, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Served]:
    """The demo show (products, compliance list, slides) on the module's OBS, its control
    API on a free port with the token from CONSOLE_TOKEN, as the demo profile says."""
    text = DEMO.read_text(encoding="utf-8")
    text = text.replace("port: 4455", f"port: {obs.port}")
    text = text.replace("password_env: OBS_PASSWORD", f'password: "{obs.password}"')
    text = text.replace("../assets/", f"{DEMO.parents[1]}/assets/")
    text = text.replace("file: demo_barrage.jsonl", f"file: {DEMO.parent}/demo_barrage.jsonl")
    text = text.replace("port: 8765", "port: 0")
    path = tmp_path / "demo.yaml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("CONSOLE_TOKEN", TOKEN)
    with serving(Console(load_profile(path), FAST, log_actions=False), drive) as served:
        yield served


def test_compliance_refuses_a_slide_until_overridden(
    demo: Served, obs_probe: ObsProbe, drive: Drive
) -> None:
    sku = "steak-ribeye-1kg"
    # An edit putting a prohibited term in the catalogue is not saved (it was tried: 500).
    reply = demo.post(drive, "product.set", sku=sku, field="selling_points", value="全网最低价")
    assert (reply.status, reply.error["code"]) == (500, "failed")
    assert "prohibited term '最低'" in reply.error["message"]
    # A product whose texts changed behind the profile's back is refused at the slide.
    steak = demo.console.show.products[sku]
    demo.console.show.products[sku] = replace(steak, selling_points=("全网最低价",))
    reply = demo.post(drive, "slide.show", sku=sku)
    assert (reply.status, reply.error["code"]) == (422, "compliance")
    assert "最" in reply.error["message"]
    reply = demo.post(drive, "slide.show", sku=sku, override=True)
    assert reply.status == 200 and "compliance override" in reply.body["message"]
    state = drive(request("GET", demo.api("/api/state"))).body
    assert state["rooms"][0]["slide"]["sku"] == sku
    settings = obs_probe.call("GetInputSettings", inputName="Product Slide")["inputSettings"]
    pusher = demo.console.rooms.get(None).slides
    assert pusher.last is not None and settings["file"] == str(pusher.last.path)
    assert demo.post(drive, "slide.hide").status == 200
