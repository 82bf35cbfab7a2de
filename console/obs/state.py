"""What the console knows of one room's OBS: link state and a mirror of OBS's own state.

The mirror is filled by a full resync after every (re)connect and then kept current by
OBS's events, so the window never asks OBS anything to draw itself.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from console.observers import Observers, Unsubscribe
from console.text import Text


class LinkPhase(enum.Enum):
    CONNECTING = "connecting"
    CONNECTED = "connected"
    RECONNECTING = "reconnecting"
    FAILED = "failed"
    CLOSED = "closed"


@dataclass(frozen=True)
class LinkState:
    """The link as the operator sees it: phase, OBS version, next retry and the reason."""

    phase: LinkPhase
    reason: str = ""
    obs_version: str = ""
    retry_at: float | None = None  # time.monotonic() of the next attempt
    silent_since: float | None = None
    """time.monotonic() of OBS's last answer, while it answers nothing (frozen, hung)."""

    def describe(self, now: float | None = None) -> Text:
        if self.phase is LinkPhase.CONNECTED:
            return Text("link", "connected · OBS {version}").format(version=self.obs_version)
        now = time.monotonic() if now is None else now
        retry: Text | str = ""
        if self.retry_at is not None:
            left = f"{max(0.0, self.retry_at - now):.0f}"
            retry = Text("link", " · retry in {seconds} s").format(seconds=left)
        if self.silent_since is not None:
            silent = Text("link", "OBS not answering for {seconds} s").format(
                seconds=f"{max(0.0, now - self.silent_since):.0f}"
            )
            if self.phase is LinkPhase.CONNECTING:
                return Text("link", "{silent} · trying again").format(silent=silent)
            return Text("link", "{silent} ({reason}){retry}").format(
                silent=silent, reason=self.reason, retry=retry
            )
        if self.phase is LinkPhase.CONNECTING:
            return Text("link", "connecting…")
        word = {
            LinkPhase.RECONNECTING: Text("link", "reconnecting"),
            LinkPhase.FAILED: Text("link", "failed"),
            LinkPhase.CLOSED: Text("link", "closed"),
        }[self.phase]
        if self.reason:
            return Text("link", "{phase}: {reason}{retry}").format(
                phase=word, reason=self.reason, retry=retry
            )
        return Text("link", "{phase}{retry}").format(phase=word, retry=retry)


@dataclass
class Stats:
    """Figures polled once a second for the status bar."""

    fps: float = 0.0
    cpu: float = 0.0
    render_skipped: int = 0
    render_total: int = 0
    output_skipped: int = 0
    output_total: int = 0
    streaming: bool = False
    recording: bool = False
    stream_timecode: str = ""
    record_timecode: str = ""


@dataclass
class RoomState:
    """Mirror of one OBS: scenes in OBS's UI order, program/preview, studio mode, inputs."""

    link: LinkState = field(default_factory=lambda: LinkState(LinkPhase.CONNECTING))
    scenes: list[str] = field(default_factory=list)
    program: str = ""
    preview: str = ""
    studio_mode: bool = False
    inputs: dict[str, str] = field(default_factory=dict)  # name -> kind
    transitions: list[str] = field(default_factory=list)
    transition: str = ""
    transition_ms: int = 0
    stats: Stats = field(default_factory=Stats)
    fps_target: float = 0.0
    """The canvas frame rate OBS is set to (0 until known)."""
    collection_switching: bool = False
    _observers: Observers[str] = field(default_factory=Observers, repr=False)

    def subscribe(self, listener: Callable[[str], None]) -> Unsubscribe:
        """``listener(aspect)`` runs after each change: link, scenes, program, preview,
        studio, inputs, transition, stats."""
        return self._observers.subscribe(listener)

    def changed(self, aspect: str) -> None:
        self._observers.notify(aspect)

    def set_link(self, link: LinkState) -> None:
        self.link = link
        self.changed("link")

    def load(self, snapshot: dict[str, Any]) -> None:
        """Replace the mirror with a resync snapshot (see ``ObsLink.resync``)."""
        scene_list = snapshot["scenes"]
        ordered = sorted(scene_list["scenes"], key=lambda s: -int(s.get("sceneIndex", 0)))
        self.scenes = [str(s["sceneName"]) for s in ordered]
        self.program = str(scene_list.get("currentProgramSceneName") or "")
        self.studio_mode = bool(snapshot["studio"]["studioModeEnabled"])
        self.preview = str(scene_list.get("currentPreviewSceneName") or "")
        if not self.studio_mode:
            self.preview = ""
        self.inputs = {str(i["inputName"]): str(i["inputKind"]) for i in snapshot["inputs"]}
        transitions = snapshot["transitions"]
        self.transitions = [str(t["transitionName"]) for t in transitions["transitions"]]
        current = snapshot["transition"]
        self.transition = str(current.get("transitionName") or "")
        self.transition_ms = int(current.get("transitionDuration") or 0)
        video = snapshot.get("video") or {}
        numerator, denominator = video.get("fpsNumerator"), video.get("fpsDenominator")
        if numerator and denominator:
            self.fps_target = float(numerator) / float(denominator)
        self.collection_switching = False
        for aspect in ("scenes", "program", "preview", "studio", "inputs", "transition"):
            self.changed(aspect)

    def apply(self, name: str, data: dict[str, Any]) -> bool:
        """Apply one OBS event; False when the event needs a full resync instead."""
        handler = _EVENT_HANDLERS.get(name)
        if handler is None:
            return True
        return handler(self, data)


def _program(state: RoomState, data: dict[str, Any]) -> bool:
    state.program = str(data["sceneName"])
    state.changed("program")
    return True


def _preview(state: RoomState, data: dict[str, Any]) -> bool:
    state.preview = str(data["sceneName"])
    state.changed("preview")
    return True


def _studio(state: RoomState, data: dict[str, Any]) -> bool:
    state.studio_mode = bool(data["studioModeEnabled"])
    if not state.studio_mode:
        state.preview = ""
        state.changed("preview")
    state.changed("studio")
    return not state.studio_mode  # entering studio mode: fetch the preview scene


def _scene_list(state: RoomState, data: dict[str, Any]) -> bool:
    ordered = sorted(data["scenes"], key=lambda s: -int(s.get("sceneIndex", 0)))
    state.scenes = [str(s["sceneName"]) for s in ordered]
    state.changed("scenes")
    return True


def _scene_renamed(state: RoomState, data: dict[str, Any]) -> bool:
    old, new = str(data["oldSceneName"]), str(data["sceneName"])
    state.scenes = [new if s == old else s for s in state.scenes]
    if state.program == old:
        state.program = new
    if state.preview == old:
        state.preview = new
    state.changed("scenes")
    return True


def _input_created(state: RoomState, data: dict[str, Any]) -> bool:
    state.inputs[str(data["inputName"])] = str(data["inputKind"])
    state.changed("inputs")
    return True


def _input_removed(state: RoomState, data: dict[str, Any]) -> bool:
    state.inputs.pop(str(data["inputName"]), None)
    state.changed("inputs")
    return True


def _input_renamed(state: RoomState, data: dict[str, Any]) -> bool:
    kind = state.inputs.pop(str(data["oldInputName"]), "")
    state.inputs[str(data["inputName"])] = kind
    state.changed("inputs")
    return True


def _transition(state: RoomState, data: dict[str, Any]) -> bool:
    state.transition = str(data["transitionName"])
    state.changed("transition")
    return True


def _transition_ms(state: RoomState, data: dict[str, Any]) -> bool:
    state.transition_ms = int(data["transitionDuration"])
    state.changed("transition")
    return True


def _stream(state: RoomState, data: dict[str, Any]) -> bool:
    state.stats.streaming = bool(data["outputActive"])
    state.changed("stats")
    return True


def _record(state: RoomState, data: dict[str, Any]) -> bool:
    state.stats.recording = bool(data["outputActive"])
    state.changed("stats")
    return True


def _collection_changing(state: RoomState, data: dict[str, Any]) -> bool:
    state.collection_switching = True
    return True


def _needs_resync(state: RoomState, data: dict[str, Any]) -> bool:
    return False


_EVENT_HANDLERS: dict[str, Callable[[RoomState, dict[str, Any]], bool]] = {
    "CurrentProgramSceneChanged": _program,
    "CurrentPreviewSceneChanged": _preview,
    "StudioModeStateChanged": _studio,
    "SceneListChanged": _scene_list,
    "SceneNameChanged": _scene_renamed,
    "InputCreated": _input_created,
    "InputRemoved": _input_removed,
    "InputNameChanged": _input_renamed,
    "CurrentSceneTransitionChanged": _transition,
    "CurrentSceneTransitionDurationChanged": _transition_ms,
    "StreamStateChanged": _stream,
    "RecordStateChanged": _record,
    "CurrentSceneCollectionChanging": _collection_changing,
    "CurrentSceneCollectionChanged": _needs_resync,
    "SceneCreated": _needs_resync,
    "SceneRemoved": _needs_resync,
    "SceneTransitionListChanged": _needs_resync,
}
