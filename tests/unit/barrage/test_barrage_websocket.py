"""The WebSocket source against a real aiohttp WebSocket server on loopback."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from aiohttp import web

from console.barrage.message import Message
from console.barrage.sources import Backoff, SourcePhase, SourceState, WebSocketSource

FAST = Backoff(base=0.05, cap=0.2, failed_retry=5.0)
Handler = Callable[[web.WebSocketResponse], Awaitable[None]]


def comment(text: str, user: str = "Ann") -> str:
    data = {"MsgId": f"id-{len(text)}", "User": {"Id": user, "Nickname": user}, "Content": text}
    return json.dumps({"Type": 1, "Data": json.dumps(data, ensure_ascii=False)})


@asynccontextmanager
async def grabber(handler: Handler, port: int = 0) -> AsyncIterator[str]:
    """A WebSocket server on 127.0.0.1 running ``handler`` for each connection."""

    async def serve(request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await handler(ws)
        return ws

    app = web.Application()
    app.router.add_get("/", serve)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", port)
    await site.start()
    try:
        host, bound = runner.addresses[0][:2]
        yield f"ws://{host}:{bound}/"
    finally:
        await runner.cleanup()


class Collector:
    """A sink that can be awaited until some message arrives."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self._changed = asyncio.Event()

    def __call__(self, message: Message) -> None:
        self.messages.append(message)
        self._changed.set()

    async def until(self, predicate: Callable[[list[Message]], bool], within: float = 5.0) -> None:
        async with asyncio.timeout(within):
            while not predicate(self.messages):
                self._changed.clear()
                await self._changed.wait()


async def until_state(
    source: WebSocketSource, predicate: Callable[[SourceState], bool], within: float = 5.0
) -> None:
    reached = asyncio.Event()
    unsubscribe = source.subscribe(lambda state: reached.set() if predicate(state) else None)
    try:
        if not predicate(source.state):
            async with asyncio.timeout(within):
                await reached.wait()
    finally:
        unsubscribe()


def test_comments_arrive_and_bad_frames_are_counted_and_dropped() -> None:
    async def frames(ws: web.WebSocketResponse) -> None:
        await ws.send_str(comment("first"))
        await ws.send_str("{not json")
        await ws.send_bytes(b"\x00\x01binary")
        await ws.send_str(json.dumps({"Type": 1, "Data": "{}"}))
        await ws.send_str(json.dumps({"Type": 1, "Data": "x" * (1024 * 1024)}))  # 1 MB
        await ws.send_str(comment("加\u200b微\u202e信\x07\ud800!"))
        await ws.send_str(json.dumps({"Type": 6, "Data": "{}"}))  # room statistics
        await ws.send_str(comment("last"))
        await ws.receive()  # hold the connection until the client leaves

    async def scenario() -> None:
        sink = Collector()
        async with grabber(frames) as url:
            source = WebSocketSource("grab", url, "main", sink, backoff=FAST)
            source.start()
            try:
                await sink.until(lambda got: any(m.text == "last" for m in got))
            finally:
                await source.close()
        assert [m.text for m in sink.messages] == ["first", "加微信!", "last"]
        counters = source.counters
        assert counters.dropped == {
            "invalid JSON": 1,
            "binary frame": 1,
            "missing field Content": 1,
            "frame too large": 1,
        }
        assert counters.ignored == 1 and counters.received == 8 and counters.delivered == 3
        assert counters.stripped == {
            "zero-width": 1,
            "bidi mark": 1,
            "control character": 1,
            "lone surrogate": 1,
        }
        assert source.state.phase is SourcePhase.CLOSED

    asyncio.run(scenario())


def test_reconnects_after_the_grabber_drops_the_connection() -> None:
    connections = 0

    async def one_then_close(ws: web.WebSocketResponse) -> None:
        nonlocal connections
        connections += 1
        await ws.send_str(comment(f"hello {connections}"))
        if connections == 1:
            await ws.close()
        else:
            await ws.receive()

    async def scenario() -> None:
        sink = Collector()
        phases: list[SourcePhase] = []
        async with grabber(one_then_close) as url:
            source = WebSocketSource("grab", url, "main", sink, backoff=FAST)
            source.subscribe(lambda state: phases.append(state.phase))
            source.start()
            try:
                await sink.until(lambda got: len(got) == 2)
            finally:
                await source.close()
        assert [m.text for m in sink.messages] == ["hello 1", "hello 2"]
        assert phases[:5] == [
            SourcePhase.CONNECTING,
            SourcePhase.CONNECTED,
            SourcePhase.RECONNECTING,
            SourcePhase.CONNECTING,
            SourcePhase.CONNECTED,
        ]
        assert source.counters.connects == 2

    asyncio.run(scenario())


def test_backs_off_while_the_grabber_is_down_then_connects() -> None:
    with socket.socket() as probe:  # a port nobody listens on (yet)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    async def hold(ws: web.WebSocketResponse) -> None:
        await ws.send_str(comment("up"))
        await ws.receive()

    async def scenario() -> None:
        sink = Collector()
        source = WebSocketSource("grab", f"ws://127.0.0.1:{port}/", "main", sink, backoff=FAST)
        source.start()
        try:
            await until_state(source, lambda s: s.phase is SourcePhase.RECONNECTING)
            assert "cannot reach" in source.state.reason
            assert "reconnecting in" in source.state.describe()
            async with grabber(hold, port):
                source.reconnect_now()
                await sink.until(lambda got: len(got) == 1)
                assert source.state.phase is SourcePhase.CONNECTED
                await source.close()  # before the server stops: it waits for its clients
        finally:
            await source.close()

    asyncio.run(scenario())


def test_hello_is_sent_once_connected() -> None:
    received: list[str] = []

    async def expect_hello(ws: web.WebSocketResponse) -> None:
        hello = await ws.receive()
        received.append(hello.data)
        await ws.send_str(comment("ok"))
        await ws.receive()

    async def scenario() -> None:
        sink = Collector()
        async with grabber(expect_hello) as url:
            source = WebSocketSource("grab", url, "main", sink, hello="douyin@123", backoff=FAST)
            source.start()
            try:
                await sink.until(lambda got: len(got) == 1)
            finally:
                await source.close()
        assert received == ["douyin@123"]

    asyncio.run(scenario())


def test_a_frame_the_decoder_chokes_on_costs_neither_the_connection_nor_its_neighbours() -> None:
    deep = "[" * 2048  # 2 KB of nesting: json raises RecursionError, not ValueError
    huge_time = json.dumps(
        {"msg_type": "comment", "nick_name": "Ann", "content": "x", "time": 10**400}
    )  # a time no float can hold: the comment keeps its words and gets the time it arrived

    async def burst(ws: web.WebSocketResponse) -> None:
        for n in range(100):
            await ws.send_str(msg_type(f"before {n}"))
        await ws.send_str(deep)
        await ws.send_str(huge_time)
        for n in range(100):
            await ws.send_str(msg_type(f"after {n}"))
        await ws.receive()

    async def scenario() -> None:
        sink = Collector()
        async with grabber(burst) as url:
            source = WebSocketSource("grab", url, "main", sink, shape="msg_type", backoff=FAST)
            source.start()
            try:
                await sink.until(lambda got: any(m.text == "after 99" for m in got))
            finally:
                await source.close()
        texts = [m.text for m in sink.messages]
        before = [f"before {n}" for n in range(100)]
        assert texts == [*before, "x"] + [f"after {n}" for n in range(100)]
        assert source.counters.dropped == {"invalid JSON": 1}
        assert source.counters.connects == 1  # the connection was kept throughout

    asyncio.run(scenario())


def msg_type(text: str) -> str:
    return json.dumps({"msg_type": "comment", "nick_name": "Ann", "content": text})
