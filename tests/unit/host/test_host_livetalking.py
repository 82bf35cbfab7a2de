"""The LiveTalking engine against a loopback server that answers as the real engine does:
``{"code": 0, "data": ...}``, errors as HTTP 200 with ``code: -1``, slow answers, 500s, a
dead port, and session ids of the other version's type."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator, Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiohttp import web

from console.host.engine import EngineError
from console.host.lines import Line
from console.host.livetalking import LiveTalkingEngine
from console.profile.host_model import LiveTalking


@dataclass
class FakeLiveTalking:
    """Speaks for ``seconds_per_line`` after /human; /interrupt_talk leaves ``tail`` seconds."""

    session: str | int = "0"
    seconds_per_line: float = 0.3
    tail: float = 0.2
    hang: bool = False
    _released: asyncio.Event = field(default_factory=asyncio.Event)
    fail_with: int | None = None
    speaking_until: float = 0.0
    said: list[str] = field(default_factory=list)
    seen: list[tuple[str, Any]] = field(default_factory=list)

    async def _release(self, app: web.Application) -> None:
        self._released.set()  # the stopping server lets the hanging answer go

    def app(self) -> web.Application:
        app = web.Application()
        for path in ("/human", "/interrupt_talk", "/is_speaking"):
            app.router.add_post(path, self.handle)
        app.on_shutdown.append(self._release)
        return app

    async def handle(self, request: web.Request) -> web.Response:
        try:
            body = await request.json()
        except ValueError:
            return web.Response(status=500, text="bad json")
        self.seen.append((request.path, body.get("sessionid")))
        if self.hang:
            await self._released.wait()  # an engine that never answers (until it stops)
        if self.fail_with is not None:
            return web.Response(status=self.fail_with, text="Internal Server Error")
        if body.get("sessionid") != self.session:
            return web.json_response({"code": -1, "msg": "session not found"})
        now = asyncio.get_running_loop().time()
        if request.path == "/human":
            if not body.get("text"):
                return web.json_response({"code": -1, "msg": "text is empty"})
            self.said.append(body["text"])
            self.speaking_until = now + self.seconds_per_line
        elif request.path == "/interrupt_talk":
            self.speaking_until = min(self.speaking_until, now + self.tail)
        else:
            return web.json_response({"code": 0, "msg": "ok", "data": now < self.speaking_until})
        return web.json_response({"code": 0, "msg": "ok", "data": None})


Serve = Callable[[FakeLiveTalking], Coroutine[Any, Any, str]]


def engine(url: str, session: str = "0", timeout: float = 1.0) -> LiveTalkingEngine:
    return LiveTalkingEngine(LiveTalking(url=url, session=session, timeout_s=timeout, poll_ms=20))


def line(text: str = "你好") -> Line:
    return Line(title=text, text=text)


def test_a_line_is_said_and_ends_when_the_engine_stops_speaking() -> None:
    async def scenario() -> None:
        fake = FakeLiveTalking()
        async for start in _served():
            url = await start(fake)
            talk = engine(url)
            playback = await talk.start(await talk.prepare(line("欢迎")))
            await asyncio.wait_for(playback.ended, 5)
            assert fake.said == ["欢迎"]
            await talk.close()

    asyncio.run(scenario())


def test_an_interruption_waits_for_the_buffered_frames_to_finish() -> None:
    async def scenario() -> None:
        fake = FakeLiveTalking(seconds_per_line=10, tail=0.3)
        async for start in _served():
            talk = engine(await start(fake))
            playback = await talk.start(await talk.prepare(line()))
            await talk.stop()
            assert not await talk.speaking()  # silent when stop returns
            assert not playback.ended.done()  # a stop is not a natural end
            await talk.close()

    asyncio.run(scenario())


@pytest.mark.parametrize(
    ("fake", "message"),
    [
        (FakeLiveTalking(hang=True), "did not answer /human within 0.5 s"),
        (FakeLiveTalking(fail_with=500), "answered HTTP 500"),
        (FakeLiveTalking(session="abc"), "refused /human: session not found"),
    ],
)
def test_engine_trouble_is_a_clear_error(fake: FakeLiveTalking, message: str) -> None:
    async def scenario() -> None:
        async for start in _served():
            talk = engine(await start(fake), timeout=0.5)
            with pytest.raises(EngineError, match=message):
                await talk.start(await talk.prepare(line()))
            await talk.close()

    asyncio.run(scenario())


def test_a_dead_port_is_a_clear_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again: nothing listens there

    async def scenario() -> None:
        talk = engine(f"http://127.0.0.1:{port}")
        with pytest.raises(EngineError, match="cannot reach LiveTalking"):
            await talk.start(await talk.prepare(line()))
        await talk.close()

    asyncio.run(scenario())


def test_an_older_engine_takes_integer_session_ids() -> None:
    async def scenario() -> None:
        fake = FakeLiveTalking(session=0)
        async for start in _served():
            talk = engine(await start(fake), session="0")
            playback = await talk.start(await talk.prepare(line()))
            await asyncio.wait_for(playback.ended, 5)
            assert talk.session_id == 0
            assert fake.seen[0] == ("/human", "0") and fake.seen[1] == ("/human", 0)
            await talk.close()

    asyncio.run(scenario())


def test_an_engine_that_dies_mid_line_fails_the_line() -> None:
    async def scenario() -> None:
        fake = FakeLiveTalking(seconds_per_line=10)
        runner = web.AppRunner(fake.app())
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        talk = engine(f"http://127.0.0.1:{runner.addresses[0][1]}", timeout=0.3)
        playback = await talk.start(await talk.prepare(line()))
        await runner.cleanup()  # the engine dies
        with pytest.raises(EngineError):
            await asyncio.wait_for(playback.ended, 5)
        await talk.close()

    asyncio.run(scenario())


async def _served() -> AsyncIterator[Serve]:
    """A server factory for one scenario, cleaned up after it."""
    runners: list[web.AppRunner] = []

    async def start(fake: FakeLiveTalking) -> str:
        runner = web.AppRunner(fake.app())
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        runners.append(runner)
        return f"http://127.0.0.1:{runner.addresses[0][1]}"

    try:
        yield start
    finally:
        for runner in runners:
            await runner.cleanup()
