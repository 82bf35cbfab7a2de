"""``GET /api/events``: a WebSocket streaming the show's changes as JSON, one event a frame.

A button panel lights the key of the scene on program from these instead of polling:

- ``{"type": "state", "show", "rooms"}`` first, the whole state (as ``GET /api/state``);
- ``{"type": "room", "room", "changed": [keys], "state": snapshot}`` when a room's
  snapshot changed: program, preview, studio mode, link, scenes, streaming, recording, the
  slide or the pinned comment on air, the host, how OBS differs from the show after a
  reconnect; whether the change came from the console or from OBS itself;
- ``{"type": "review", "held"}`` when the review queue changes (a comment held, approved,
  rejected, expired): how many wait for the operator;
- ``{"type": "action", "line", "trigger", "ok", "result", "code", "room", "rooms", "ms",
  "time"}`` for every command run, from any surface (hotkey, button, cue, API...).

Each client has a bounded queue. Publishing never waits: a client that falls a queue
behind (it stopped reading) is dropped (close code 1008, or the connection cut when even
that cannot be sent at once), so a slow client never stalls the console or other clients.
"""

from __future__ import annotations

import asyncio
import logging
from functools import partial
from typing import Any

from aiohttp import WSCloseCode, web

from console.actionlog import ActionLog
from console.barrage.review import ReviewQueue
from console.commands import ActionRecord
from console.control.state import RoomWatch, show_state
from console.control.statuses import dumps
from console.observers import Unsubscribe
from console.room import RoomSet
from console.tasks import TaskSet

log = logging.getLogger(__name__)

QUEUE_LIMIT = 256
"""Events a client may be behind before it is dropped."""
CLOSE_WITHIN = 1.0
"""Seconds to close a socket politely before cutting the connection."""
HEARTBEAT = 10.0
"""Seconds between pings: a client that vanished without closing is noticed."""


def action_event(record: ActionRecord) -> dict[str, Any]:
    """An action record as the events socket sends it."""
    return {
        "type": "action",
        "time": record.started,
        "line": record.line,
        "trigger": record.source,
        "ok": record.ok,
        "result": record.result,
        "code": record.code,
        "room": record.room,
        "rooms": {outcome.room: outcome.as_json() for outcome in record.rooms},
        "ms": round(record.duration_ms, 3),
    }


class Client:
    """One connected socket: its queue of serialised events and the task sending them."""

    def __init__(self, ws: web.WebSocketResponse, request: web.Request, limit: int) -> None:
        self.ws = ws
        self.peer = request.remote or "?"
        self.transport = request.transport
        self.queue: asyncio.Queue[str] = asyncio.Queue(limit)
        self.dropped = False
        self.pump: asyncio.Task[None] | None = None

    def offer(self, text: str) -> None:
        """Queue an event; a full queue drops the client (its pump closes the socket)."""
        if self.dropped:
            return
        try:
            self.queue.put_nowait(text)
        except asyncio.QueueFull:
            self.dropped = True
            if self.pump is not None:
                self.pump.cancel()

    async def close(self, code: int, message: str) -> None:
        """Close politely within :data:`CLOSE_WITHIN` s, else cut the connection."""
        try:
            async with asyncio.timeout(CLOSE_WITHIN):
                await self.ws.close(code=code, message=message.encode("utf-8"))
        except TimeoutError:
            if self.transport is not None:
                self.transport.abort()


class EventHub:
    """Listens to the rooms and the action log, and fans each event out to every client."""

    def __init__(
        self,
        title: str,
        rooms: RoomSet,
        action_log: ActionLog,
        review: ReviewQueue | None = None,
        queue_limit: int = QUEUE_LIMIT,
    ) -> None:
        self.title = title
        self.rooms = rooms
        self.action_log = action_log
        self.review = review
        self.queue_limit = queue_limit
        self.clients: set[Client] = set()
        self._tasks = TaskSet(quiet=(ConnectionError,))
        self._unsubscribe: list[Unsubscribe] = []

    def open(self) -> None:
        """Start listening (the server calls it once it serves)."""
        for room in self.rooms:
            watch = RoomWatch(room)
            changed = partial(self._room_changed, watch)
            self._unsubscribe.append(room.state.subscribe(changed))
            self._unsubscribe.append(room.pin.subscribe(changed))
            self._unsubscribe.append(room.reconciliation.subscribe(changed))
            if room.has_slides:
                self._unsubscribe.append(room.slides.subscribe(changed))
            if room.host is not None:
                self._unsubscribe.append(room.host.subscribe(changed))
        self._unsubscribe.append(self.action_log.subscribe(self._action))
        review = self.review
        if review is not None:
            self._unsubscribe.append(
                review.subscribe(lambda _: self.publish({"type": "review", "held": len(review)}))
            )

    async def close(self) -> None:
        """Stop listening and close every socket (1001: the console is going away)."""
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe.clear()
        clients = list(self.clients)
        await asyncio.gather(*(c.close(WSCloseCode.GOING_AWAY, "console closing") for c in clients))
        await self._tasks.cancel()

    def publish(self, event: dict[str, Any]) -> None:
        """Send an event to every client; never waits."""
        if not self.clients:
            return
        text = dumps(event)
        for client in list(self.clients):
            client.offer(text)

    def _room_changed(self, watch: RoomWatch, _what: object) -> None:
        change = watch.changes()
        if change is not None:
            changed, snapshot = change
            self.publish(
                {"type": "room", "room": watch.room.id, "changed": changed, "state": snapshot}
            )

    def _action(self, record: ActionRecord) -> None:
        self.publish(action_event(record))

    # -- the socket -----------------------------------------------------------------------

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        """``GET /api/events``: the state first, then every event until either side closes."""
        ws = web.WebSocketResponse(heartbeat=HEARTBEAT, timeout=CLOSE_WITHIN, max_msg_size=4096)
        await ws.prepare(request)
        client = Client(ws, request, self.queue_limit)
        client.offer(dumps({"type": "state", **show_state(self.title, self.rooms, self.review)}))
        self.clients.add(client)
        pump = client.pump = self._tasks.spawn(self._pump(client), f"events to {client.peer}")
        try:
            async for _message in ws:
                pass  # nothing a client says matters; this ends when the socket closes
        finally:
            self.clients.discard(client)
            if not client.dropped:
                pump.cancel()
            await asyncio.wait({pump})
        return ws

    async def _pump(self, client: Client) -> None:
        try:
            while True:
                await client.ws.send_str(await client.queue.get())
        except asyncio.CancelledError:
            if not client.dropped:
                raise
        log.warning(
            "control API: events client %s dropped: %d events behind", client.peer, self.queue_limit
        )
        await client.close(
            WSCloseCode.POLICY_VIOLATION, f"too slow: {self.queue_limit} events behind"
        )
