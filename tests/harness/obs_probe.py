"""A separate obs-websocket client that tests use to check OBS's own state.

It is independent of the console's OBS code on purpose: when a test says "the console
switched to Host", the probe asks OBS, not the console.

Event callbacks run on the client's receive thread: they only append to a buffer and notify
a ``threading.Condition``; every request is made from the test's thread, under a lock.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

import websocket
from obswebsocket import requests
from obswebsocket.exceptions import MessageTimeout

from .obs_client import ALL_LOW_VOLUME_EVENTS, HarnessClient

EventPredicate = Callable[[dict[str, Any]], bool]


@dataclass(frozen=True)
class ReceivedEvent:
    name: str
    data: dict[str, Any]
    received_at: float = field(compare=False)


class ObsProbe:
    """A raw ``obsws`` (legacy=False) connection with helpers for assertions."""

    def __init__(
        self,
        host: str,
        port: int,
        password: str,
        *,
        timeout: float = 5.0,
        event_subscriptions: int = ALL_LOW_VOLUME_EVENTS,
    ) -> None:
        self.host = host
        self.port = port
        self.timeout = timeout
        self._call_lock = threading.Lock()
        self._condition = threading.Condition()
        self._events: list[ReceivedEvent] = []
        self._lost = False
        self.client = HarnessClient(
            host,
            port,
            password,
            timeout=timeout,
            event_subscriptions=event_subscriptions,
            on_lost=self._on_lost,
        )
        self.client.register(self._on_event)
        self.client.connect()

    # -- receive-thread callbacks: append and notify only ------------------------------------

    def _on_event(self, event: Any) -> None:
        received = ReceivedEvent(str(event.name), dict(event.datain), time.monotonic())
        with self._condition:
            self._events.append(received)
            self._condition.notify_all()

    def _on_lost(self) -> None:
        with self._condition:
            self._lost = True
            self._condition.notify_all()

    # -- requests ------------------------------------------------------------------------------

    @property
    def connected(self) -> bool:
        return self.client.alive

    def call(self, request_type: str, **data: Any) -> dict[str, Any]:
        """Make one request; AssertionError naming it (with OBS's code/comment) on failure."""
        request = getattr(requests, request_type)(**data)
        with self._call_lock:
            try:
                response = self.client.call(request)
            except MessageTimeout as exc:
                raise AssertionError(f"{request_type}{data}: no answer from OBS") from exc
            except (OSError, websocket.WebSocketException) as exc:
                raise AssertionError(f"{request_type}{data}: connection to OBS lost") from exc
        if not response.status:
            raise AssertionError(
                f"{request_type}{data} failed: code {response.code}: {response.comment}"
            )
        return dict(response.datain)

    def program_scene(self) -> str:
        return str(self.call("GetCurrentProgramScene")["currentProgramSceneName"])

    def preview_scene(self) -> str | None:
        """The preview scene, or None when studio mode is off."""
        if not self.studio_mode():
            return None
        return str(self.call("GetCurrentPreviewScene")["currentPreviewSceneName"])

    def studio_mode(self) -> bool:
        return bool(self.call("GetStudioModeEnabled")["studioModeEnabled"])

    def set_program(self, scene: str) -> None:
        self.call("SetCurrentProgramScene", sceneName=scene)

    def set_preview(self, scene: str) -> None:
        self.call("SetCurrentPreviewScene", sceneName=scene)

    def set_studio_mode(self, enabled: bool) -> None:
        self.call("SetStudioModeEnabled", studioModeEnabled=enabled)

    def scene_names(self) -> list[str]:
        """Scene names in the order OBS's scene list shows them (top first)."""
        scenes = self.call("GetSceneList")["scenes"]
        # GetSceneList lists bottom-up (sceneIndex 0 is the last scene in the UI list).
        ordered = sorted(scenes, key=lambda scene: scene["sceneIndex"], reverse=True)
        return [str(scene["sceneName"]) for scene in ordered]

    # -- events --------------------------------------------------------------------------------

    def events(self, name: str | None = None) -> list[ReceivedEvent]:
        """A snapshot of the buffered (not yet consumed) events, optionally of one type."""
        with self._condition:
            return [event for event in self._events if name is None or event.name == name]

    def clear_events(self) -> None:
        """Forget every event received so far (call before an action to ignore older ones)."""
        with self._condition:
            self._events.clear()

    def wait_for_event(
        self,
        event_name: str,
        predicate: EventPredicate | None = None,
        timeout: float = 5.0,
    ) -> dict[str, Any]:
        """Return the data of the oldest buffered ``event_name`` event matching ``predicate``.

        Looks at events already received (since the last ``clear_events()``) first, then
        waits up to ``timeout`` s. The matched event is consumed; others stay buffered.
        """
        deadline = time.monotonic() + timeout
        with self._condition:
            while True:
                for index, event in enumerate(self._events):
                    if event.name == event_name and (predicate is None or predicate(event.data)):
                        del self._events[index]
                        return event.data
                if self._lost:
                    raise AssertionError(f"connection to OBS lost while waiting for {event_name}")
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    seen = [event.name for event in self._events]
                    raise AssertionError(
                        f"no {event_name} event matching the predicate within {timeout} s; "
                        f"buffered events: {seen}"
                    )
                self._condition.wait(remaining)

    def wait_for_disconnect(self, timeout: float = 5.0) -> None:
        """Wait until OBS closed the connection (e.g. it quit); AssertionError on timeout."""
        deadline = time.monotonic() + timeout
        with self._condition:
            while not self._lost:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"OBS did not close the connection within {timeout} s")
                self._condition.wait(remaining)

    # -- lifetime ------------------------------------------------------------------------------

    def close(self) -> None:
        """Close the connection with a normal close frame; idempotent."""
        self.client.close()
        self.client.unregister(self._on_event)

    def __enter__(self) -> ObsProbe:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
