"""An ``obswebsocket.obsws`` with the defects listed in OBS_NOTES.md contained, for tests.

* ``connect()`` has a deadline (the library's has none).
* The Identify asks for ``event_subscriptions`` (default 2047, all low-volume events incl. Ui);
  the library hard-codes 1023 which misses ``StudioModeStateChanged``. A Reidentify (op 3) is
  sent and its ``Identified`` reply awaited before the receive thread starts, so no event
  after ``connect()`` returns is filtered by the old mask.
* Losing the connection (OBS exiting, SIGKILL, TCP reset) ends the receive thread quietly
  instead of raising inside it (which pytest turns into an error) or self-joining it.
* ``close()`` sends a normal close frame and joins the receive thread.
* ``call()`` keeps OBS's request status code and comment (the library drops them) on the
  returned request as ``code`` and ``comment``, and numbers requests under a lock.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from collections.abc import Callable
from typing import Any

import websocket
from obswebsocket import obsws
from obswebsocket.base_classes import Baserequests
from obswebsocket.core import RecvThread
from obswebsocket.exceptions import ConnectionFailure, MessageTimeout

ALL_LOW_VOLUME_EVENTS = 2047
OP_HELLO = 0
OP_IDENTIFIED = 2
OP_REIDENTIFY = 3
OP_REQUEST = 6
STATUS_SUCCESS = 100
STATUS_NOT_READY = 207


class ObsClientError(RuntimeError):
    """The harness client could not connect or identify."""


def wait_for_hello(host: str, port: int, timeout: float = 2.0) -> dict[str, Any] | None:
    """Open a raw WebSocket and return the obs-websocket Hello's ``d``, or None if none came.

    A listening TCP port is not enough: this proves obs-websocket itself answers.
    """
    try:
        ws = websocket.create_connection(f"ws://{host}:{port}", timeout=timeout)
    except (OSError, websocket.WebSocketException):
        return None
    try:
        message = ws.recv()
        payload = json.loads(message) if message else {}
    except (OSError, ValueError, websocket.WebSocketException):
        return None
    finally:
        ws.close(timeout=0.5)
    if isinstance(payload, dict) and payload.get("op") == OP_HELLO:
        data = payload.get("d")
        return data if isinstance(data, dict) else None
    return None


class _QuietRecvThread(RecvThread):  # type: ignore[misc]
    """The library's receive loop; a socket error after OBS went away just ends it."""

    def __init__(self, core: HarnessClient) -> None:
        super().__init__(core)
        self.name = f"obsws-recv-{core.port}"

    def run(self) -> None:
        try:
            super().run()
        except (OSError, websocket.WebSocketException):
            self.running = False
        finally:
            self.core.connection_lost.set()
            if self.core.on_lost is not None:
                self.core.on_lost()


class HarnessClient(obsws):  # type: ignore[misc]
    """``obsws(host, port, password, legacy=False, timeout=...)`` made safe for tests."""

    def __init__(
        self,
        host: str,
        port: int,
        password: str,
        *,
        timeout: float = 5.0,
        event_subscriptions: int = ALL_LOW_VOLUME_EVENTS,
        on_lost: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(host, port, password, legacy=False, timeout=timeout)
        self.event_subscriptions = event_subscriptions
        self.connection_lost = threading.Event()
        self.on_lost = on_lost  # runs on the receive thread when it ends; must not call us
        self._id_lock = threading.Lock()
        self.thread_recv: RecvThread | None = None

    def connect(self, deadline: float | None = None) -> None:
        """Connect, authenticate and re-identify within ``deadline`` seconds (default timeout)."""
        deadline = self.timeout if deadline is None else deadline
        ws: Any = websocket.WebSocket()  # websocket-client is only partly typed
        self.ws = ws
        end = time.monotonic() + deadline
        try:
            ws.connect(f"ws://{self.host}:{self.port}", timeout=deadline)
            self._auth()  # library Hello / Identify (eventSubscriptions 1023)
            ws.settimeout(max(0.1, end - time.monotonic()))
            self._reidentify()
        except (OSError, ValueError, websocket.WebSocketException, ConnectionFailure) as exc:
            # ConnectionFailure: the library's "Empty response to Identify" is a wrong password.
            ws.shutdown()
            raise ObsClientError(
                f"cannot connect to obs-websocket on port {self.port}: {exc!r}"
            ) from exc
        except Exception:
            ws.shutdown()
            raise
        ws.settimeout(None)  # the receive thread blocks without a timeout
        self.connection_lost.clear()
        self.thread_recv = _QuietRecvThread(self)
        self.thread_recv.daemon = True
        self.thread_recv.start()

    def _reidentify(self) -> None:
        self.ws.send(
            json.dumps({"op": OP_REIDENTIFY, "d": {"eventSubscriptions": self.event_subscriptions}})
        )
        while True:
            message = self.ws.recv()
            if not message:
                raise ObsClientError("connection closed while waiting for Identified")
            if json.loads(message).get("op") == OP_IDENTIFIED:
                return

    def call(self, obj: Baserequests) -> Baserequests:
        """Send one request and wait ``timeout`` s for its response.

        Returns the request with ``status`` (bool), ``datain``, ``code`` and ``comment``.
        """
        with self._id_lock:
            message_id = str(self.id)
            self.id += 1
        answered = threading.Event()
        self.events[message_id] = answered
        payload = {
            "op": OP_REQUEST,
            "d": {"requestId": message_id, "requestType": obj.name, "requestData": obj.data()},
        }
        try:
            self.ws.send(json.dumps(payload))
            answered.wait(self.timeout)
        finally:
            self.events.pop(message_id, None)
        response = self.answers.pop(message_id, None)
        if response is None:
            raise MessageTimeout(f"no answer to {obj.name} within {self.timeout} s")
        status = response.get("requestStatus", {})
        obj.input(response.get("responseData", {}), bool(status.get("result")))
        obj.code = status.get("code")
        obj.comment = status.get("comment")
        return obj

    def disconnect(self) -> None:
        """Called by the library's receive thread on a lost link; also a public alias of close."""
        current = threading.current_thread()
        if isinstance(current, RecvThread):  # never join or close from the receive thread
            current.running = False
            if self.ws is not None:
                self.ws.shutdown()
            return
        self.close()

    def close(self, timeout: float = 5.0) -> None:
        """Send a normal close frame, let the receive thread read OBS's reply, join it."""
        thread, self.thread_recv = self.thread_recv, None
        ws = self.ws
        if thread is not None:
            thread.running = False
        if ws is not None and ws.connected:
            with contextlib.suppress(OSError, websocket.WebSocketException):
                ws.send_close()
        if thread is not None and thread.is_alive():
            thread.join(timeout)
            if thread.is_alive() and ws is not None:
                self.shutdown_socket()  # wakes the blocked recv()
                thread.join(timeout)
        if ws is not None:
            if thread is None:
                ws.close(timeout=1)
            ws.shutdown()

    @property
    def alive(self) -> bool:
        thread = self.thread_recv
        return thread is not None and thread.is_alive() and not self.connection_lost.is_set()

    def shutdown_socket(self) -> None:
        """Abort the TCP connection (frees a ``connect()`` stuck on a silent server)."""
        if self.ws is not None and self.ws.sock is not None:
            with contextlib.suppress(OSError):
                self.ws.sock.shutdown(socket.SHUT_RDWR)
