"""The events socket over a real WebSocket on loopback: the state first, action records from
every surface, room changes, the token, a slow client dropped, and the close at shutdown."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import aiohttp
import pytest
from aiohttp import WSCloseCode, WSMsgType

from console.commands import Arg, CommandSpec, Context, Result
from tests.unit.control.conftest import Serve, Served
from tests.unit.control.control_show import TOKEN, request

Event = dict[str, Any]


@asynccontextmanager
async def events(
    served: Served, token: str = TOKEN, in_query: bool = False
) -> AsyncIterator[aiohttp.ClientWebSocketResponse]:
    """The events socket, with the token in the header (or, as browsers must, the query)."""
    url = served.api("/api/events")
    headers = {}
    if in_query:
        url += f"?token={token}"
    else:
        headers["Authorization"] = f"Bearer {token}"
    async with aiohttp.ClientSession() as session, session.ws_connect(url, headers=headers) as ws:
        yield ws


async def next_event(
    ws: aiohttp.ClientWebSocketResponse, wanted: Callable[[Event], bool], within: float = 5.0
) -> Event:
    """The next event ``wanted`` accepts (skipping others)."""
    async with asyncio.timeout(within):
        while True:
            message = await ws.receive()
            assert message.type is WSMsgType.TEXT, message
            event: Event = json.loads(message.data)
            if wanted(event):
                return event


def of_type(kind: str) -> Callable[[Event], bool]:
    return lambda event: event["type"] == kind


def test_the_state_comes_first_then_every_api_call(serve: Serve) -> None:
    async def scenario() -> None:
        async with serve(("a", "b")) as served, events(served) as ws:
            first = await next_event(ws, lambda event: True)
            assert first["type"] == "state"
            assert first["show"] == {"title": "Test show"}
            assert [room["id"] for room in first["rooms"]] == ["a", "b"]
            url = served.api("/api/commands/scene.program")
            await request("POST", url, arguments={"scene": "Host", "room": "all"})
            action = await next_event(ws, of_type("action"))
        assert action["line"] == "scene.program scene=Host room=all"
        assert (action["trigger"], action["ok"], action["code"]) == ("api", False, "partial")
        assert set(action["rooms"]) == {"a", "b"}
        assert action["rooms"]["b"]["error"]["code"] == "not_connected"
        assert action["ms"] >= 0 and action["time"] > 0

    asyncio.run(scenario())


def test_commands_from_any_surface_are_reported(serve: Serve) -> None:
    async def scenario() -> None:
        async with serve(("solo",)) as served, events(served) as ws:
            await next_event(ws, of_type("state"))
            await served.console.registry.run("product.add milk 牛奶 12", Context("hotkey F9"))
            action = await next_event(ws, of_type("action"))
        assert (action["line"], action["trigger"], action["ok"]) == (
            "product.add milk 牛奶 12",
            "hotkey F9",
            True,
        )
        assert action["result"].startswith("milk added")

    asyncio.run(scenario())


def test_a_room_link_change_is_reported_with_the_new_snapshot(serve: Serve) -> None:
    async def scenario() -> None:
        async with serve(("a", "b")) as served, events(served) as ws:
            await next_event(ws, of_type("state"))
            served.console.start()  # nothing listens at the rooms' OBS ports
            change = await next_event(
                ws, lambda e: e["type"] == "room" and e["state"]["link"]["state"] == "reconnecting"
            )
        assert change["room"] in ("a", "b")
        assert "link" in change["changed"]
        assert change["state"]["id"] == change["room"]
        assert change["state"]["link"]["reason"]

    asyncio.run(scenario())


def test_the_token_may_come_in_the_query(serve: Serve) -> None:
    async def scenario() -> None:
        async with serve() as served:
            async with events(served, in_query=True) as ws:
                assert (await next_event(ws, lambda event: True))["type"] == "state"
            for token, in_query in (("wrong", True), ("wrong", False)):
                with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                    async with events(served, token, in_query):
                        pass
                assert refused.value.status == 401

    asyncio.run(scenario())


BIG = 256 * 1024


def test_a_client_that_stops_reading_is_dropped_and_others_keep_up(serve: Serve) -> None:
    """A client that reads nothing fills the socket buffers, then its queue: it is dropped;
    a client that reads gets every event, and the console never waits for either."""

    async def big(context: Context, n: int) -> Result:
        return Result(f"{n}:" + "x" * BIG)

    async def scenario() -> None:
        async with serve(("solo",), queue_limit=8) as served:
            registry = served.console.registry
            spec = CommandSpec("test.big", "A large result", (Arg("n", int, "count"),))
            registry.declare([spec])
            registry.bind("test.big", big)
            await flood(served)

    async def flood(served: Served) -> None:
        registry, hub = served.console.registry, served.server.events
        async with events(served) as slow, events(served) as fast:
            await next_event(fast, of_type("state"))
            assert len(hub.clients) == 2
            sent = 0
            while not any(client.dropped for client in hub.clients):
                assert sent < 400, "the client that reads nothing was never dropped"
                await registry.run(f"test.big {sent}", "test")
                action = await next_event(fast, of_type("action"))
                assert action["result"].startswith(f"{sent}:")
                sent += 1
            # The console still answers at once, and the reading client still gets events.
            await registry.run(f"test.big {sent}", "test")
            assert (await next_event(fast, of_type("action")))["result"].startswith(f"{sent}:")
            got = 0
            async with asyncio.timeout(10):
                while (message := await slow.receive()).type is WSMsgType.TEXT:
                    got += 1
        assert 0 < got < sent  # the state and some actions, then the end
        assert message.type in (WSMsgType.CLOSE, WSMsgType.CLOSED, WSMsgType.ERROR)
        if message.type is WSMsgType.CLOSE:
            assert message.data == WSCloseCode.POLICY_VIOLATION

    asyncio.run(scenario())


def test_stopping_the_server_closes_the_sockets_as_going_away(serve: Serve) -> None:
    async def scenario() -> None:
        async with serve() as served, events(served) as ws:
            await next_event(ws, of_type("state"))
            await served.server.stop()
            message = await ws.receive()
        assert message.type is WSMsgType.CLOSE
        assert message.data == WSCloseCode.GOING_AWAY

    asyncio.run(scenario())
