"""Twitch chat over IRC: TLS to ``irc.chat.twitch.tv:6697`` (plain TCP for tests).

Asks for the ``twitch.tv/tags`` and ``twitch.tv/commands`` capabilities so each PRIVMSG
carries its message id, user id, display name, badges and emotes; answers PING with PONG;
reconnects when Twitch says RECONNECT or goes quiet. Without a token it logs in anonymously
(``justinfan…``), which can read any public channel.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import ssl
import time
from typing import Any

from console.barrage.message import Kind, Message
from console.barrage.sources.base import (
    Backoff,
    BadFrame,
    Sink,
    Source,
    SourceError,
    SourceFailed,
)
from console.barrage.sources.irc import IrcLine, parse_badges, parse_emotes, parse_line

_GIFT_NOTICES = {"sub", "resub", "subgift", "submysterygift", "giftpaidupgrade", "bitsbadgetier"}
_LOGIN_FAILED = ("Login authentication failed", "Improperly formatted auth", "Login unsuccessful")


def message_from_line(
    line: IrcLine, room: str, fallback_id: str, raw: str | None = None
) -> Message | None:
    """A chat message (or sub/gift notice) from a parsed line; None for other commands."""
    if line.command == "PRIVMSG":
        kind = Kind.COMMENT
        text = line.params[-1] if len(line.params) >= 2 else ""
        if text.startswith("\x01ACTION ") and text.endswith("\x01"):
            text = text[8:-1]  # "/me waves"
    elif line.command == "USERNOTICE" and line.tags.get("msg-id") in _GIFT_NOTICES:
        kind = Kind.GIFT
        text = line.params[-1] if len(line.params) >= 2 else ""
    else:
        return None
    tags = line.tags
    extra: dict[str, Any] = {}
    if tags.get("badges"):
        extra["badges"] = parse_badges(tags["badges"])
    if tags.get("emotes"):
        extra["emotes"] = [list(item) for item in parse_emotes(tags["emotes"])]
    if tags.get("bits", "").isdigit():
        extra["bits"] = int(tags["bits"])
    if kind is Kind.GIFT:
        extra["gift"] = tags.get("msg-id", "")
        if tags.get("system-msg"):
            extra["system"] = tags["system-msg"]
    if line.params:
        extra["channel"] = line.params[0].lstrip("#")
    try:
        stamp = int(tags.get("tmi-sent-ts", "")) / 1000.0
    except ValueError:
        stamp = time.time()
    login = tags.get("login") or line.nick
    return Message(
        platform="twitch",
        room=room,
        id=tags.get("id") or fallback_id,
        user_id=tags.get("user-id", ""),
        user_name=tags.get("display-name") or login,
        text=text,
        time=stamp,
        kind=kind,
        extra=extra,
        raw=raw,
    )


class TwitchSource(Source):
    """Reads one Twitch channel's chat."""

    platform = "twitch"

    def __init__(
        self,
        name: str,
        channel: str,
        room: str,
        sink: Sink,
        token: str = "",
        nick: str = "",
        host: str = "irc.chat.twitch.tv",
        port: int = 6697,
        tls: bool = True,
        idle_timeout: float = 360.0,
        connect_timeout: float = 10.0,
        max_line: int = 16 * 1024,
        backoff: Backoff | None = None,
    ) -> None:
        super().__init__(name, room, sink, backoff)
        self.channel = channel.lstrip("#").lower()
        self.token = token
        self.nick = nick.lower() or f"justinfan{int(time.time()) % 90000 + 10000}"
        self.host = host
        self.port = port
        self.tls = tls
        self.idle_timeout = idle_timeout  # Twitch PINGs about every 5 minutes
        self.connect_timeout = connect_timeout
        self.max_line = max_line

    async def _session(self) -> str | None:
        context = ssl.create_default_context() if self.tls else None
        try:
            reader, writer = await asyncio.wait_for(
                asyncio.open_connection(self.host, self.port, ssl=context),
                self.connect_timeout,
            )
        except (OSError, TimeoutError) as exc:
            raise SourceError(f"cannot reach {self.host}:{self.port}: {exc or 'timeout'}") from None
        try:
            login = ["CAP REQ :twitch.tv/tags twitch.tv/commands"]
            if self.token:
                token = self.token if self.token.startswith("oauth:") else f"oauth:{self.token}"
                login.append(f"PASS {token}")
            login += [f"NICK {self.nick}", f"JOIN #{self.channel}"]
            writer.write("".join(f"{line}\r\n" for line in login).encode())
            await writer.drain()
            return await self._read(reader, writer)
        finally:
            writer.close()
            with contextlib.suppress(OSError, ssl.SSLError):
                await writer.wait_closed()

    async def _read(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> str:
        pending = b""
        skipping = False  # inside a line longer than max_line: drop up to its end
        while True:
            try:
                chunk = await asyncio.wait_for(reader.read(65536), self.idle_timeout)
            except TimeoutError:
                return f"no data from Twitch for {self.idle_timeout:g} s"
            if not chunk:
                return "Twitch closed the connection"
            pending += chunk
            lines = pending.split(b"\n")
            pending = lines.pop()
            for raw in lines:
                if skipping:
                    skipping = False
                    continue
                reply = self._line(raw)
                if reply is not None:
                    if reply.startswith("PONG"):
                        writer.write(f"{reply}\r\n".encode())
                        await writer.drain()
                    else:
                        return reply
            await self.pace()  # a chunk's lines are in: the loop runs, the sink has room
            if len(pending) > self.max_line:
                if not skipping:
                    self.counters.received += 1
                    self._drop("line too long", pending[:80].decode("utf-8", "replace"))
                skipping, pending = True, b""

    def _line(self, raw: bytes) -> str | None:
        """Handle one line; return a PONG to send, or why to reconnect, or None."""
        self.counters.received += 1
        if len(raw) > self.max_line:
            self._drop("line too long", raw[:80].decode("utf-8", "replace"))
            return None
        try:
            text = raw.rstrip(b"\r").decode("utf-8")
        except UnicodeDecodeError:
            self._drop("invalid UTF-8", repr(raw[:80]))
            return None
        if not text:
            return None
        try:
            line = parse_line(text)
        except ValueError as exc:
            self._drop("unreadable IRC line", f"{exc}: {text[:80]}")
            return None
        command = line.command
        if command == "PING":
            return "PONG :" + (line.params[-1] if line.params else "tmi.twitch.tv")
        if command == "001":
            self._connected(f"#{self.channel}")
        elif command == "NOTICE":
            notice = line.params[-1] if line.params else ""
            if any(note in notice for note in _LOGIN_FAILED):
                raise SourceFailed(f"Twitch refused the login: {notice}")
        elif command == "RECONNECT":
            return "Twitch asked to reconnect"
        elif command in ("PRIVMSG", "USERNOTICE"):
            self._chat(line, text)
        return None

    def _chat(self, line: IrcLine, raw: str) -> None:
        try:
            message = message_from_line(line, self.room, self._next_id(), raw)
            if message is None:
                self.counters.ignored += 1
                return
            cleaned = self._text(message.text)
            name = self._text(message.user_name, "user_name")
        except BadFrame as exc:
            self._drop(str(exc))
            return
        if cleaned != message.text or name != message.user_name:
            message = dataclasses.replace(message, text=cleaned, user_name=name)
        self._deliver(message)
