"""One connection to OBS through obs-websocket-py, with the library's defects contained.

The library's client is used for what it does well (the receive thread, request/response
correlation, event objects, the auth string) and wrapped where it falls short:

- the handshake runs under a deadline, so a server that accepts TCP and never speaks
  cannot block an attempt forever;
- Identify subscribes to every low-volume event including Ui (the library sends 1023);
- a failed request keeps OBS's status code and comment (the library drops both);
- a TCP reset or a close frame ends the receive thread cleanly, records the close code
  (4009 wrong password, 4011 kicked, 1001 OBS exiting), wakes every waiting request and
  tells the owner exactly once;
- disconnect is safe from any thread, including the receive thread itself.

Everything here blocks: it is meant to run on the room's single OBS worker thread. Only the
``on_event`` and ``on_closed`` callbacks run on the receive thread, and they must only hand
data over and return.
"""

from __future__ import annotations

import contextlib
import json
import socket
import struct
import threading
import time
from collections.abc import Callable
from typing import Any

import websocket
from obswebsocket import obsws
from obswebsocket.core import RecvThread

from console.obs.errors import (
    CLOSE_AUTHENTICATION_FAILED,
    AuthFailed,
    ConnectFailed,
    HandshakeTimeout,
    LinkDown,
    RequestFailed,
)
from console.text import Text

# General 1 | Config 2 | Scenes 4 | Inputs 8 | Transitions 16 | Filters 32 | Outputs 64 |
# SceneItems 128 | MediaInputs 256 | Vendors 512 | Ui 1024: every low-volume event.
LOW_VOLUME_EVENTS = 2047
RPC_VERSION = 1

EventCallback = Callable[[str, dict[str, Any]], None]
AnswerCallback = Callable[[dict[str, Any] | None], None]
ClosedCallback = Callable[[int | None, str], None]


class _CloseAwareSocket:
    """Stands in for the library's socket in its receive thread.

    Turns a TCP reset (which would kill the library's thread silently) and a close frame
    (whose code the library throws away) into the one exception the thread handles.
    """

    def __init__(self, ws: websocket.WebSocket, session: ObsSession) -> None:
        self._ws = ws
        self._session = session

    def recv(self) -> str:
        try:
            opcode, data = self._ws.recv_data()
        except (OSError, websocket.WebSocketException) as exc:
            self._session.note_close(None, f"connection lost ({exc or type(exc).__name__})")
            raise websocket.WebSocketConnectionClosedException(str(exc)) from None
        if opcode == websocket.ABNF.OPCODE_CLOSE:
            code = struct.unpack("!H", data[:2])[0] if len(data) >= 2 else None
            self._session.note_close(code, data[2:].decode("utf-8", "replace"))
            raise websocket.WebSocketConnectionClosedException("closed by OBS")
        if opcode == websocket.ABNF.OPCODE_TEXT:
            return str(data.decode("utf-8", "replace"))
        return ""

    def __getattr__(self, name: str) -> Any:
        return getattr(self._ws, name)


class _AnswerHook:
    """Sits where the library keeps a ``threading.Event`` per request: its ``set()``, called
    on the receive thread when the answer is stored (or by ``disconnect``), passes the
    answer on at once."""

    def __init__(self, session: ObsSession, message_id: str, on_answer: AnswerCallback) -> None:
        self._session = session
        self._message_id = message_id
        self._on_answer = on_answer

    def set(self) -> None:
        self._session.events.pop(self._message_id, None)
        self._on_answer(self._session.answers.pop(self._message_id, None))


def answer_data(name: str, answer: dict[str, Any]) -> Any:
    """The response data of an answer, or ``RequestFailed`` with OBS's code and comment."""
    status = answer.get("requestStatus", {})
    if not status.get("result"):
        raise RequestFailed(name, int(status.get("code", 0)), str(status.get("comment", "")))
    return answer.get("responseData") or {}


class ObsSession(obsws):  # type: ignore[misc]
    """A single attempt's client: open it, use it, close it, never reuse it."""

    def __init__(
        self,
        host: str,
        port: int,
        password: str,
        on_event: EventCallback,
        on_closed: ClosedCallback,
        request_timeout: float = 5.0,
    ) -> None:
        super().__init__(host, port, password, legacy=False, timeout=request_timeout)
        self._on_event = on_event
        self._on_closed = on_closed
        self._ids = threading.Lock()
        self._closed = threading.Event()
        self._raw: websocket.WebSocket | None = None
        self.close_code: int | None = None
        self.close_reason = ""
        self.obs_version = ""
        self.register(self._forward_event)

    # -- opening --------------------------------------------------------------------------

    def open(self, deadline_s: float) -> None:
        """Connect, identify and start receiving, all within ``deadline_s`` seconds."""
        end = time.monotonic() + deadline_s
        url = f"ws://{self.host}:{self.port}"
        # websocket-client checks every text frame's UTF-8 in pure Python, byte by byte (3 ms
        # on the receive thread for a monitor's 10 KB screenshot); the frames are decoded
        # here anyway (invalid bytes replaced), by Python's own C decoder.
        self._raw = raw = websocket.WebSocket(enable_multithread=True, skip_utf8_validation=True)
        try:
            raw.connect(url, timeout=deadline_s, suppress_origin=True)  # type: ignore[no-untyped-call]
            hello = self._receive(raw, end, "Hello")
            self.server_version = hello.get("obsWebSocketVersion")
            identify: dict[str, Any] = {
                "rpcVersion": RPC_VERSION,
                "eventSubscriptions": LOW_VOLUME_EVENTS,
            }
            challenge = hello.get("authentication")
            if challenge:
                if not self.password:
                    raise AuthFailed(Text("link", "OBS asks for a password and none is configured"))
                identify["authentication"] = self._build_auth_string(
                    challenge["salt"], challenge["challenge"]
                )
            raw.send(json.dumps({"op": 1, "d": identify}))
            self._receive(raw, end, "Identified")
        except (TimeoutError, websocket.WebSocketTimeoutException):
            self._release()
            raise HandshakeTimeout(
                Text(
                    "link", "OBS at {host}:{port} did not complete the handshake within {seconds} s"
                ).format(host=self.host, port=self.port, seconds=f"{deadline_s:g}")
            ) from None
        except (OSError, websocket.WebSocketException) as exc:
            self._release()
            error = (
                Text("link", "connection refused")
                if isinstance(exc, ConnectionRefusedError)
                else str(exc)
            )
            raise ConnectFailed(
                Text("link", "cannot reach OBS at {host}:{port}: {error}").format(
                    host=self.host, port=self.port, error=error
                )
            ) from None
        except ConnectFailed:
            self._release()
            raise
        raw.settimeout(None)
        self.ws = _CloseAwareSocket(raw, self)
        self.thread_recv = RecvThread(self)
        self.thread_recv.name = f"obs-recv-{self.port}"
        self.thread_recv.daemon = True
        self.thread_recv.start()

    def _receive(self, raw: websocket.WebSocket, end: float, expected: str) -> dict[str, Any]:
        """Read one handshake message, turning a close frame into the reason OBS gave."""
        remaining = end - time.monotonic()
        if remaining <= 0:
            raise TimeoutError
        raw.settimeout(remaining)
        try:
            opcode, data = raw.recv_data()
        except websocket.WebSocketTimeoutException:
            raise TimeoutError from None
        if opcode == websocket.ABNF.OPCODE_CLOSE:
            code = struct.unpack("!H", data[:2])[0] if len(data) >= 2 else None
            reason = data[2:].decode("utf-8", "replace")
            if code == CLOSE_AUTHENTICATION_FAILED:
                raise AuthFailed(
                    Text(
                        "link", "OBS refused the password (check Tools → WebSocket Server Settings)"
                    )
                )
            raise ConnectFailed(f"OBS closed the connection during {expected} ({code}: {reason})")
        try:
            message = json.loads(data)
        except ValueError:
            raise ConnectFailed(f"not an obs-websocket server (sent {data[:80]!r})") from None
        wanted = {"Hello": 0, "Identified": 2}[expected]
        if message.get("op") != wanted:
            raise ConnectFailed(f"unexpected message instead of {expected}: {message!r:.200}")
        return dict(message.get("d", {}))

    # -- requests -------------------------------------------------------------------------

    def send(self, name: str, data: dict[str, Any], on_answer: AnswerCallback) -> str:
        """Send one request; ``on_answer`` later gets OBS's answer, or None if the link
        closed first. Returns the request id (to ``forget`` it after a timeout).

        The answer is handed over by the library's receive thread, through the waiter the
        library expects in ``events``: no thread sits blocked waiting for it.
        """
        if self._closed.is_set():
            raise LinkDown(f"the link to OBS is closed ({self.close_reason or 'closed'})")
        with self._ids:
            message_id = str(self.id)
            self.id += 1
        self.events[message_id] = _AnswerHook(self, message_id, on_answer)
        payload = {
            "op": 6,
            "d": {"requestId": message_id, "requestType": name, "requestData": data},
        }
        try:
            self.ws.send(json.dumps(payload))
        except (OSError, websocket.WebSocketException):
            self.events.pop(message_id, None)
            raise LinkDown(f"the link to OBS was lost sending {name}") from None
        return message_id

    def forget(self, message_id: str) -> None:
        """Drop a request nobody waits for any more (it timed out)."""
        self.events.pop(message_id, None)
        self.answers.pop(message_id, None)

    @property
    def alive(self) -> bool:
        thread = self.thread_recv
        return not self._closed.is_set() and thread is not None and thread.is_alive()

    # -- closing --------------------------------------------------------------------------

    def note_close(self, code: int | None, reason: str) -> None:
        """Remember why the link ended (the first reason wins)."""
        if self.close_code is None and not self.close_reason:
            self.close_code = code
            self.close_reason = reason

    def disconnect(self) -> None:
        """Close from any thread; waiting requests wake at once; the owner hears it once."""
        first = not self._closed.is_set()
        self._closed.set()
        thread = self.thread_recv
        if thread is not None:
            thread.running = False
        own_thread = thread is threading.current_thread()
        if first and not own_thread and self._raw is not None and self._raw.connected:
            # A polite goodbye; if the link is already gone, shutting down is all that is left.
            with contextlib.suppress(OSError, websocket.WebSocketException):
                self._raw.send_close()
        self.abort()
        for waiter in list(self.events.values()):
            waiter.set()
        if thread is not None and not own_thread:
            thread.join(timeout=2)
        self._release()
        if first and thread is not None:
            self.note_close(None, "closed")
            self._on_closed(self.close_code, self.close_reason)

    def abort(self) -> None:
        """Shut the socket down from any thread, freeing a blocked connect or receive."""
        sock = self._raw.sock if self._raw is not None else None
        if sock is not None:
            # Not connected yet or already reset: then nothing is blocked on it.
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def _release(self) -> None:
        if self._raw is not None:
            self._raw.shutdown()  # type: ignore[no-untyped-call]

    def _forward_event(self, event: Any) -> None:
        self._on_event(str(event.name), dict(event.datain))
