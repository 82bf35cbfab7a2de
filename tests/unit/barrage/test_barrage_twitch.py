"""Twitch chat: IRCv3 tagged lines parsed, and the source against an IRC server on loopback."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from console.barrage.message import Kind, Message
from console.barrage.sources import Backoff, SourcePhase, TwitchSource
from console.barrage.sources.irc import parse_badges, parse_emotes, parse_line, unescape_tag
from console.barrage.sources.twitch import message_from_line

FAST = Backoff(base=0.05, cap=0.2, failed_retry=5.0)

TAGGED = (
    "@badge-info=subscriber/8;badges=moderator/1,subscriber/6;color=#0D4200;"
    "display-name=Ann\\sLee;emotes=25:0-4,12-16/1902:6-10;id=b34ccfc7-4977-403a-8a94-33c6bac34fb8;"
    "mod=1;room-id=1337;subscriber=1;tmi-sent-ts=1507246572675;turbo=0;user-id=12345;"
    "user-type=mod :ann!ann@ann.tmi.twitch.tv PRIVMSG #shop :Kappa Keepo Kappa hi"
)


def test_tagged_privmsg_is_parsed() -> None:
    line = parse_line(TAGGED)
    assert line.command == "PRIVMSG" and line.params == ["#shop", "Kappa Keepo Kappa hi"]
    assert line.nick == "ann" and line.tags["display-name"] == "Ann Lee"
    assert parse_badges(line.tags["badges"]) == {"moderator": "1", "subscriber": "6"}
    assert parse_emotes(line.tags["emotes"]) == [("25", 0, 5), ("1902", 6, 11), ("25", 12, 17)]


def test_tagged_line_becomes_a_message() -> None:
    message = message_from_line(parse_line(TAGGED), "main", "fallback")
    assert message is not None
    assert (message.id, message.user_id, message.user_name, message.text) == (
        "b34ccfc7-4977-403a-8a94-33c6bac34fb8",
        "12345",
        "Ann Lee",
        "Kappa Keepo Kappa hi",
    )
    assert message.time == 1507246572.675 and message.kind is Kind.COMMENT
    assert message.extra["badges"] == {"moderator": "1", "subscriber": "6"}
    assert message.extra["emotes"][0] == ["25", 0, 5] and message.extra["channel"] == "shop"


def test_tag_escapes() -> None:
    assert unescape_tag(r"a\sb\:c\\d\ne\x") == "a b;c\\d\nex"


def test_action_and_bits() -> None:
    line = parse_line("@bits=100;user-id=1 :bo!bo@bo PRIVMSG #shop :\x01ACTION cheers\x01")
    message = message_from_line(line, "main", "f1")
    assert message is not None and message.text == "cheers" and message.extra["bits"] == 100


def test_subscription_notice_is_a_gift() -> None:
    line = parse_line(
        "@msg-id=subgift;display-name=Cy;system-msg=Cy\\sgifted\\sa\\ssub;user-id=9 "
        ":tmi.twitch.tv USERNOTICE #shop"
    )
    message = message_from_line(line, "main", "f1")
    assert message is not None and message.kind is Kind.GIFT
    assert message.extra["system"] == "Cy gifted a sub" and message.id == "f1"


def test_untagged_lines_and_other_commands() -> None:
    line = parse_line(":dan!dan@dan.tmi.twitch.tv PRIVMSG #shop :plain")
    message = message_from_line(line, "main", "f2")
    assert message is not None and (message.user_name, message.text) == ("dan", "plain")
    assert message_from_line(parse_line("PING :tmi.twitch.tv"), "main", "f3") is None


Script = Callable[["IrcServer", asyncio.StreamWriter], Awaitable[None]]


class IrcServer:
    """A tiny IRC server: answers the login, then runs ``script`` for the connection."""

    def __init__(self, script: Script):
        self.script = script
        self.heard: list[str] = []
        self.connections = 0
        self._heard = asyncio.Event()

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        listening = asyncio.create_task(self._listen(reader))
        try:
            await self.expect(lambda: any(line.startswith("JOIN") for line in self.heard))
            writer.write(b":tmi.twitch.tv 001 justinfan1 :Welcome, GLHF!\r\n")
            await self.script(self, writer)
            await listening
        finally:
            listening.cancel()
            writer.close()

    async def _listen(self, reader: asyncio.StreamReader) -> None:
        while line := await reader.readline():
            self.heard.append(line.decode().rstrip("\r\n"))
            self._heard.set()

    async def expect(self, predicate: Callable[[], bool], within: float = 5.0) -> None:
        async with asyncio.timeout(within):
            while not predicate():
                self._heard.clear()
                await self._heard.wait()


@asynccontextmanager
async def irc(server: IrcServer) -> AsyncIterator[int]:
    listener = await asyncio.start_server(server.handle, "127.0.0.1", 0)
    try:
        yield listener.sockets[0].getsockname()[1]
    finally:
        listener.close()


class Collector:
    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.changed = asyncio.Event()

    def __call__(self, message: Message) -> None:
        self.messages.append(message)
        self.changed.set()

    async def until(self, count: int, within: float = 5.0) -> None:
        async with asyncio.timeout(within):
            while len(self.messages) < count:
                self.changed.clear()
                await self.changed.wait()


def twitch(port: int, sink: Collector, **kwargs: object) -> TwitchSource:
    return TwitchSource(
        "tw",
        "Shop",
        "main",
        sink,
        host="127.0.0.1",
        port=port,
        tls=False,
        backoff=FAST,
        **kwargs,  # type: ignore[arg-type]
    )


def play(
    script: Script, messages: int, **kwargs: object
) -> tuple[IrcServer, Collector, TwitchSource]:
    """Run a source against ``script`` until it delivered ``messages``, then close it."""

    async def scenario() -> tuple[IrcServer, Collector, TwitchSource]:
        server = IrcServer(script)
        sink = Collector()
        async with irc(server) as port:
            source = twitch(port, sink, **kwargs)
            source.start()
            try:
                await sink.until(messages)
            finally:
                await source.close()
        return server, sink, source

    return asyncio.run(scenario())


def test_source_logs_in_reads_chat_and_answers_ping() -> None:
    async def script(server: IrcServer, writer: asyncio.StreamWriter) -> None:
        writer.write((TAGGED + "\r\n").encode())
        writer.write(b"@id=2;user-id=7 :bo!bo@bo PRIVMSG #shop :bad \xff utf8\r\n")
        writer.write(b"@id=3 :bo!bo@bo PRIVMSG #shop :" + b"x" * 20_000 + b"\r\n")
        writer.write(b"no-command-here-just-garbage-:\r\n:only.prefix\r\n")
        writer.write(b"PING :tmi.twitch.tv\r\n")
        await server.expect(lambda: "PONG :tmi.twitch.tv" in server.heard)
        writer.write("@id=4;user-id=8 :cy!cy@cy PRIVMSG #shop :加\u200b微信\r\n".encode())
        await writer.drain()

    server, sink, source = play(script, 2)
    assert server.heard[:3] == [
        "CAP REQ :twitch.tv/tags twitch.tv/commands",
        f"NICK {source.nick}",
        "JOIN #shop",
    ]
    assert [m.id for m in sink.messages] == ["b34ccfc7-4977-403a-8a94-33c6bac34fb8", "4"]
    assert sink.messages[1].text == "加微信"
    assert source.counters.dropped == {
        "invalid UTF-8": 1,
        "line too long": 1,
        "unreadable IRC line": 1,
    }
    assert source.counters.stripped["zero-width"] == 1


def test_token_is_sent_as_pass() -> None:
    async def script(server: IrcServer, writer: asyncio.StreamWriter) -> None:
        writer.write(b"@id=1 :a!a@a PRIVMSG #shop :hi\r\n")

    server, _, _ = play(script, 1, token="abc", nick="ShopBot")
    assert server.heard[1:3] == ["PASS oauth:abc", "NICK shopbot"]


def test_reconnect_command_makes_the_source_reconnect() -> None:
    async def script(server: IrcServer, writer: asyncio.StreamWriter) -> None:
        writer.write(f"@id={server.connections} :a!a@a PRIVMSG #shop :hi\r\n".encode())
        if server.connections == 1:
            writer.write(b":tmi.twitch.tv RECONNECT\r\n")

    server, sink, _ = play(script, 2)
    assert [m.id for m in sink.messages] == ["1", "2"] and server.connections == 2


def test_refused_login_is_shown_as_failed() -> None:
    async def script(server: IrcServer, writer: asyncio.StreamWriter) -> None:
        writer.write(b":tmi.twitch.tv NOTICE * :Login authentication failed\r\n")

    async def scenario() -> None:
        server = IrcServer(script)
        failed = asyncio.Event()
        async with irc(server) as port:
            source = twitch(port, Collector(), token="wrong")
            source.subscribe(lambda s: failed.set() if s.phase is SourcePhase.FAILED else None)
            source.start()
            try:
                async with asyncio.timeout(5):
                    await failed.wait()
                reason = source.state.reason
            finally:
                await source.close()
        assert reason == "Twitch refused the login: Login authentication failed"

    asyncio.run(scenario())


def test_silent_server_is_left_after_the_idle_timeout() -> None:
    async def script(server: IrcServer, writer: asyncio.StreamWriter) -> None:
        return  # say nothing after the welcome

    async def scenario() -> None:
        server = IrcServer(script)
        reconnecting = asyncio.Event()
        async with irc(server) as port:
            source = twitch(port, Collector(), idle_timeout=0.2)
            source.subscribe(
                lambda s: reconnecting.set() if s.phase is SourcePhase.RECONNECTING else None
            )
            source.start()
            try:
                async with asyncio.timeout(5):
                    await reconnecting.wait()
                reason = source.state.reason
            finally:
                await source.close()
        assert reason == "no data from Twitch for 0.2 s"

    asyncio.run(scenario())
