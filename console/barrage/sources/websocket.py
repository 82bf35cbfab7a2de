"""Barrage from a local grabber that republishes a platform's comments as JSON over a
WebSocket (aiohttp client). The frame shape is a preset (``type_data``, ``msg_type``) or a
``FieldMapping``.

One frame never costs the connection: whatever reading it raises (the JSON decoder's
RecursionError on deep nesting, a ValueError past the integer digit limit, an overflow
turning a huge number into a time) is counted as a bad frame by its reason, and the frames
around it are read as usual. Frames already received are read a bounded number at a time,
so a burst does not hold the event loop.
"""

from __future__ import annotations

import aiohttp

from console.barrage.message import Message
from console.barrage.sources.base import (
    Backoff,
    BadFrame,
    Sink,
    Source,
    SourceError,
    SourceFailed,
)
from console.barrage.sources.mapping import PRESETS, FieldMapping, FrameReader

# Frames beyond this close the connection inside aiohttp (and the source reconnects);
# frames between max_frame and this are read and dropped as bad input, keeping the link.
_HARD_LIMIT = 16 * 1024 * 1024

FRAMES_PER_TURN = 100
"""Frames read before letting the event loop run and waiting for the sink's room: aiohttp
hands over frames it already has without suspending, so a burst would otherwise be read
in one go."""


class WebSocketSource(Source):
    """Reads JSON frames from ``url``; one frame may carry one event or a list of them."""

    platform = "websocket"

    def __init__(
        self,
        name: str,
        url: str,
        room: str,
        sink: Sink,
        shape: str | FieldMapping = "type_data",
        platform: str = "douyin",
        hello: str | None = None,
        max_frame: int = 64 * 1024,
        heartbeat: float | None = 20.0,
        connect_timeout: float = 5.0,
        backoff: Backoff | None = None,
    ) -> None:
        super().__init__(name, room, sink, backoff)
        if isinstance(shape, str):
            if shape not in PRESETS:
                raise ValueError(f"unknown frame shape {shape!r} (known: {', '.join(PRESETS)})")
            shape = PRESETS[shape]
        self.url = url
        self.hello = hello  # sent once connected: some grabbers want "platform@room"
        self.heartbeat = heartbeat
        self.connect_timeout = connect_timeout
        self.reader = FrameReader(shape, platform, room, self._text, self._next_id, max_frame)

    async def _session(self) -> str | None:
        timeout = aiohttp.ClientTimeout(total=None, connect=self.connect_timeout)
        try:
            async with (
                aiohttp.ClientSession(timeout=timeout) as http,
                http.ws_connect(self.url, heartbeat=self.heartbeat, max_msg_size=_HARD_LIMIT) as ws,
            ):
                self._connected(self.url)
                if self.hello is not None:
                    await ws.send_str(self.hello)
                async for frame in ws:
                    self.counters.received += 1
                    if self.counters.received % FRAMES_PER_TURN == 0:
                        await self.pace()  # the loop runs, the sink has room (FRAMES_PER_TURN)
                    if frame.type is aiohttp.WSMsgType.TEXT:
                        self._frame(frame.data)
                    elif frame.type is aiohttp.WSMsgType.BINARY:
                        self._drop("binary frame", repr(frame.data[:40]))
                    elif frame.type is aiohttp.WSMsgType.ERROR:
                        return f"connection error: {ws.exception() or 'unknown'}"
                code = ws.close_code
                return f"grabber closed the connection ({code})" if code else "connection lost"
        except aiohttp.WSServerHandshakeError as exc:
            raise SourceError(f"grabber refused the WebSocket ({exc.status})") from None
        except aiohttp.InvalidURL as exc:
            raise SourceFailed(f"bad address {exc}") from None
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise SourceError(f"cannot reach {self.url}: {exc or type(exc).__name__}") from None

    def _frame(self, data: str) -> None:
        reader = self.reader
        ignored = reader.ignored
        try:
            messages: list[Message] = reader.read(data)
        except BadFrame as exc:
            self._drop(str(exc), data[:200])
            return
        except (RecursionError, ValueError, ArithmeticError, TypeError) as exc:
            # The decoder gave up in a way the reader does not turn into BadFrame (nesting
            # too deep, a number past the digit limit or too large for a float): still one
            # bad frame, not a lost connection.
            self._drop(f"unreadable frame ({type(exc).__name__})", data[:200])
            return
        self.counters.ignored += reader.ignored - ignored
        for message in messages:
            self._deliver(message)
