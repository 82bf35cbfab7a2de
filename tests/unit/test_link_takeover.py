"""A session another client took over (close code 4011) is never reconnected.

OBS sends 4011 only when its server invalidates a session, which a test cannot make it do
on demand; a server on loopback speaking obs-websocket's handshake stands in for it: it
identifies the link, answers the resync, and closes with 4011 at the first heartbeat.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from aiohttp import WSMsgType, web

from console.obs.errors import CLOSE_SESSION_INVALIDATED
from console.obs.link import ObsLink
from console.obs.state import LinkPhase, RoomState
from tests.support import FAST

RESYNC: dict[str, dict[str, Any]] = {
    "GetVersion": {"obsVersion": "29.0.2"},
    "GetSceneList": {
        "scenes": [{"sceneName": "Main", "sceneIndex": 0}],
        "currentProgramSceneName": "Main",
        "currentPreviewSceneName": None,
    },
    "GetStudioModeEnabled": {"studioModeEnabled": False},
    "GetInputList": {"inputs": []},
    "GetSceneTransitionList": {"transitions": [{"transitionName": "Fade"}]},
    "GetCurrentSceneTransition": {"transitionName": "Fade", "transitionDuration": 300},
    "GetVideoSettings": {
        "baseWidth": 1280,
        "baseHeight": 720,
        "fpsNumerator": 30,
        "fpsDenominator": 1,
    },
}


class KickingServer:
    """obs-websocket without a password: serves the resync, then kicks the client."""

    def __init__(self) -> None:
        self.connections = 0
        self._arrived = asyncio.Event()

    async def connected(self, count: int, within: float = 10.0) -> None:
        """Wait until ``count`` connections have arrived."""
        async with asyncio.timeout(within):
            while self.connections < count:
                self._arrived.clear()
                await self._arrived.wait()

    async def serve(self, request: web.Request) -> web.WebSocketResponse:
        self.connections += 1
        self._arrived.set()
        ws = web.WebSocketResponse(protocols=("obswebsocket.json",))
        await ws.prepare(request)
        await ws.send_json({"op": 0, "d": {"obsWebSocketVersion": "5.1.0", "rpcVersion": 1}})
        identify = await ws.receive_json()
        assert identify["op"] == 1
        await ws.send_json({"op": 2, "d": {"negotiatedRpcVersion": 1}})
        async for frame in ws:
            if frame.type is not WSMsgType.TEXT:
                break
            request_data = json.loads(frame.data)["d"]
            name = request_data["requestType"]
            if name not in RESYNC:  # the heartbeat: the link is up and watching
                await ws.close(code=CLOSE_SESSION_INVALIDATED, message=b"taken over")
                break
            answer = {
                "requestType": name,
                "requestId": request_data["requestId"],
                "requestStatus": {"result": True, "code": 100},
                "responseData": RESYNC[name],
            }
            await ws.send_json({"op": 7, "d": answer})
        return ws


@asynccontextmanager
async def kicking_server(server: KickingServer) -> AsyncIterator[int]:
    app = web.Application()
    app.router.add_get("/", server.serve)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        yield runner.addresses[0][1]
    finally:
        await runner.cleanup()


def test_a_session_taken_over_is_reported_and_not_reconnected() -> None:
    async def scenario() -> tuple[list[LinkPhase], str, float | None, int]:
        server = KickingServer()
        async with kicking_server(server) as port:
            state = RoomState()
            phases: list[LinkPhase] = []
            failed = asyncio.Event()

            def on_change(aspect: str) -> None:
                if aspect == "link":
                    phases.append(state.link.phase)
                    if state.link.phase is LinkPhase.FAILED:
                        failed.set()

            state.subscribe(on_change)
            link = ObsLink("main", "127.0.0.1", port, "", state, FAST)
            link.start()
            try:
                await asyncio.wait_for(failed.wait(), 10)
                reason, retry_at = state.link.reason, state.link.retry_at
                link.reconnect_now()  # the operator can still ask for it
                await server.connected(2)
            finally:
                await link.close()
        return phases, reason, retry_at, server.connections

    phases, reason, retry_at, connections = asyncio.run(scenario())
    assert reason == "another client invalidated this session; not reconnecting"
    assert retry_at is None  # no attempt is planned: the loop ended
    assert phases[:4] == [
        LinkPhase.CONNECTING,
        LinkPhase.CONNECTING,
        LinkPhase.CONNECTED,
        LinkPhase.FAILED,
    ]
    assert LinkPhase.RECONNECTING not in phases and connections == 2
