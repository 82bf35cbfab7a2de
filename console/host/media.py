"""The room's host media source in OBS: a file set, restarted, watched to its end.

An ``ffmpeg_source`` input (created if the collection lacks it, in the layout's host region)
shown in every scene of the room but the overlay scene, so the host is heard and seen
whichever scene is on program. Playing sets the file
(a new file starts by itself in OBS 29) or sends RESTART (the same file again; PLAY after
STOP does nothing in OBS), then waits for OBS's own ``MediaInputPlaybackStarted``. OBS may
also send ``MediaInputPlaybackEnded`` when the console stops the source or changes its
file, so an end event alone proves nothing: a line has ended naturally only when the event
comes for the line on air, after OBS said it started, and ``GetMediaInputStatus`` then
reports ``OBS_MEDIA_STATE_ENDED``. A stop clears the line on air first, so its end event
finds nothing to end. A start event alone proves nothing either: OBS 29 sends one (and
reports PLAYING with no duration) just after a STOP, and one of an earlier play can arrive
late; so a play has started only when ``GetMediaInputStatus``, asked after the event,
reports ``OBS_MEDIA_STATE_PLAYING`` with the file's duration (the cursor says nothing: OBS
reports it decoded ahead). A RESTART sent just after a STOP can be dropped (the source then
stays ENDED): it is sent once more as soon as OBS says so three times in a row, or after
half a second without a start. A watchdog at the end of the file's duration asks OBS
again, so a stop made in OBS itself never leaves the queue waiting.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from console.host.engine import EngineError, Playback, Take
from console.obs.errors import RESOURCE_NOT_FOUND, RequestFailed
from console.obs.inputs import InputSpec, Made, place_input, video_canvas
from console.obs.layout import arrange, box
from console.obs.state import RoomState
from console.profile.layout_model import Layout
from console.tasks import TaskSet
from console.text import Text

log = logging.getLogger(__name__)

MEDIA_KIND = "ffmpeg_source"
RESTART = "OBS_WEBSOCKET_MEDIA_INPUT_ACTION_RESTART"
STOP = "OBS_WEBSOCKET_MEDIA_INPUT_ACTION_STOP"
PLAYING = "OBS_MEDIA_STATE_PLAYING"
ENDED = "OBS_MEDIA_STATE_ENDED"
START_PATIENCE = 5.0  # seconds OBS gets to start a file before the line fails
SELF_START_PATIENCE = 0.5  # seconds a new file gets to start by itself before RESTART
END_SLACK = 1.5  # seconds past the duration before the watchdog asks OBS
STATUS_POLL = 0.02  # seconds between asking OBS whether a play that signalled is playing
AT_REST = ("OBS_MEDIA_STATE_ENDED", "OBS_MEDIA_STATE_STOPPED")
DROPPED_AFTER = 3  # answers in a row at rest after a start event: OBS dropped the RESTART


class MediaLink(Protocol):
    """What the host media needs of a room's OBS link (``console.obs.link.ObsLink``)."""

    room_id: str
    state: RoomState

    async def request(self, name: str, reply_within: float | None = None, **data: Any) -> Any: ...

    def add_event_listener(
        self, listener: Callable[[str, dict[str, Any]], None]
    ) -> Callable[[], None]: ...


@dataclass
class _Play:
    playback: Playback
    started: asyncio.Future[None]
    watchdog: asyncio.TimerHandle | None = field(default=None)


def media_spec(source: str) -> InputSpec:
    """The host media input as the console needs it (``console.obs.inputs``)."""
    return InputSpec(
        source,
        MEDIA_KIND,
        kind_prefix=MEDIA_KIND,
        noun=Text("setup", "a media source"),
        remedy=Text("setup", "name another host media source in the profile"),
    )


def media_settings(file: str) -> dict[str, Any]:
    return {
        "is_local_file": True,
        "local_file": file,
        "looping": False,
        "restart_on_activate": False,
        "close_when_inactive": False,
        "clear_on_media_end": True,
    }


class HostMedia:
    """Plays files through the room's host media source (see the module docstring)."""

    def __init__(self, link: MediaLink, source: str, layout: Layout | None = None) -> None:
        self.link = link
        self.source = source
        self.layout = layout or Layout()
        self._spec = media_spec(source)
        self._current: _Play | None = None
        self._placed: set[str] = set()  # scenes known to show the source
        self._file = ""  # the file OBS was last pointed at
        self._last_state = ""  # the media state OBS last reported while a play started
        self._tasks = TaskSet()
        link.add_event_listener(self.on_obs_event)
        link.state.subscribe(self._on_state)

    @property
    def playing(self) -> Playback | None:
        return None if self._current is None else self._current.playback

    async def play(self, take: Take) -> Playback:
        """Put ``take``'s file on air; returns once OBS reports it playing."""
        assert take.file is not None, "a media take has a file"
        await self._place()
        loop = asyncio.get_running_loop()
        play = _Play(Playback(take, loop.create_future()), loop.create_future())
        self._current = play
        status: dict[str, Any] | None = None
        try:
            asked = time.monotonic()
            if str(take.file) != self._file:
                # A new file starts by itself in OBS 29 (restart_on_activate off); a RESTART
                # on top would start it twice. Only if it does not start is RESTART sent.
                await self.link.request(
                    "SetInputSettings",
                    inputName=self.source,
                    inputSettings=media_settings(str(take.file)),
                    overlay=True,
                )
                self._file = str(take.file)
                with contextlib.suppress(TimeoutError):
                    status = await self._started(play, asked, SELF_START_PATIENCE)
            for patience in (SELF_START_PATIENCE, START_PATIENCE):
                if status is None:  # OBS 29 can drop a RESTART sent just after a STOP
                    asked = time.monotonic()
                    await self._action(RESTART)
                    with contextlib.suppress(TimeoutError):
                        status = await self._started(play, asked, patience)
            if status is None:
                raise TimeoutError(self._last_state)
        except TimeoutError as late:
            self._drop(play)
            seen = f" (OBS reports {late.args[0]})" if late.args else ""
            raise EngineError(
                f"OBS did not start {take.file.name} on {self.source!r} within "
                f"{START_PATIENCE:g} s{seen}"
            ) from None
        except BaseException:
            self._drop(play)
            raise
        self._take_status(play, status)
        return play.playback

    async def _started(self, play: _Play, asked: float, patience: float) -> dict[str, Any]:
        """OBS's status once this play has started (see the module docstring); TimeoutError
        if it does not within ``patience`` seconds of ``asked``."""
        deadline = asked + patience
        await asyncio.wait_for(asyncio.shield(play.started), max(0.0, deadline - time.monotonic()))
        idle = 0  # answers in a row that the source is at rest
        while True:
            status = await self.status()
            self._last_state = str(status.get("mediaState"))
            duration = status.get("mediaDuration")
            if self._last_state == PLAYING and isinstance(duration, int | float) and duration > 0:
                return status
            idle = idle + 1 if self._last_state in AT_REST else 0
            if time.monotonic() > deadline or idle >= DROPPED_AFTER:
                raise TimeoutError(self._last_state)  # not starting: asked again, or failed
            # A late event of an earlier play, or OBS still opening the file: no further
            # event comes when it starts playing, so OBS is asked again shortly.
            await asyncio.sleep(STATUS_POLL)

    async def stop(self) -> None:
        """Stop the source now; returns once OBS reports it no longer playing."""
        play, self._current = self._current, None
        if play is not None:
            self._drop(play)
        await self._action(STOP)
        status = await self.link.request("GetMediaInputStatus", inputName=self.source)
        if status.get("mediaState") == PLAYING:
            await self._action(STOP)  # a RESTART still on its way: stop once more

    async def status(self) -> dict[str, Any]:
        data: dict[str, Any] = await self.link.request("GetMediaInputStatus", inputName=self.source)
        return data

    async def close(self) -> None:
        if self._current is not None:
            self._drop(self._current)
            self._current = None
        await self._tasks.cancel()

    # -- OBS's events ---------------------------------------------------------------------

    def on_obs_event(self, name: str, data: dict[str, Any]) -> None:
        if data.get("inputName") != self.source:
            if name in ("SceneItemRemoved", "SceneRemoved") or (
                name == "InputNameChanged" and data.get("oldInputName") == self.source
            ):
                self._placed.clear()
            return
        play = self._current
        if name == "InputRemoved":
            self._placed.clear()
        if play is None:
            return
        if name == "MediaInputPlaybackStarted" and not play.started.done():
            play.started.set_result(None)
        elif name == "MediaInputPlaybackEnded" and play.started.done():
            self._tasks.spawn(self._check_end(play), f"host-media-end-{self.link.room_id}")

    async def _check_end(self, play: _Play) -> None:
        """An end event for the line on air: ended for real only if OBS says ENDED."""
        try:
            status = await self.status()
        except Exception as exc:  # the link went: the line is lost, not ended
            if self._current is play:
                self._fail(play, f"lost the host media source's state: {exc}")
            return
        if self._current is play and status.get("mediaState") == ENDED:
            self._end(play)

    def _arm_watchdog(self, play: _Play) -> None:
        remaining = play.playback.remaining()
        if remaining is None:
            return
        loop = asyncio.get_running_loop()
        play.watchdog = loop.call_later(
            remaining + END_SLACK,
            lambda: self._tasks.spawn(self._watchdog(play), f"host-watchdog-{self.link.room_id}"),
        )

    async def _watchdog(self, play: _Play) -> None:
        if self._current is not play:
            return
        try:
            status = await self.status()
        except Exception as exc:
            self._fail(play, f"lost the host media source's state: {exc}")
            return
        state = status.get("mediaState")
        if self._current is not play:
            return
        if state == ENDED:
            self._end(play)
        elif state == PLAYING:
            await self._read_status(play)  # OBS is slower than the file says: look again
        else:
            self._fail(play, f"{self.source!r} stopped in OBS ({state})")

    def _end(self, play: _Play) -> None:
        self._current = None
        self._drop(play)
        if not play.playback.ended.done():
            play.playback.ended.set_result(None)

    def _fail(self, play: _Play, why: str) -> None:
        if self._current is play:
            self._current = None
        self._drop(play)
        if not play.playback.ended.done():
            play.playback.ended.set_exception(EngineError(why))

    def _drop(self, play: _Play) -> None:
        if play.watchdog is not None:
            play.watchdog.cancel()
            play.watchdog = None
        if not play.started.done():
            play.started.cancel()

    # -- OBS requests ---------------------------------------------------------------------

    async def _action(self, action: str) -> None:
        await self.link.request(
            "TriggerMediaInputAction", inputName=self.source, mediaAction=action
        )

    async def _read_status(self, play: _Play) -> None:
        self._take_status(play, await self.status())

    def _take_status(self, play: _Play, status: dict[str, Any]) -> None:
        """Duration and cursor from OBS's media status; the watchdog armed for the end."""
        duration, cursor = status.get("mediaDuration"), status.get("mediaCursor")
        playback = play.playback
        if isinstance(duration, int | float) and duration > 0:
            playback.duration = duration / 1000
        if isinstance(cursor, int | float) and cursor >= 0:
            playback.cursor, playback.asked = cursor / 1000, time.monotonic()
        if play.watchdog is not None:
            play.watchdog.cancel()
        if self._current is play:
            self._arm_watchdog(play)

    async def _place(self) -> None:
        """Show the source in every scene of the room (created hidden, then enabled), but
        the overlay scene: it is nested in the show scenes, the host would show twice."""
        scenes = [
            scene
            for scene in self.link.state.scenes
            if scene not in self._placed and scene != self.layout.overlay_scene
        ]
        for scene in scenes:
            try:
                placed = await place_input(self.link, scene, self._spec)
            except RequestFailed as exc:
                if exc.code == RESOURCE_NOT_FOUND:
                    continue  # the scene went away meanwhile
                raise
            if placed.made is not Made.NOTHING:
                await self._arrange(scene, placed.item_id)
                await self.link.request(
                    "SetSceneItemEnabled",
                    sceneName=scene,
                    sceneItemId=placed.item_id,
                    sceneItemEnabled=True,
                )
            self._placed.add(scene)

    async def _arrange(self, scene: str, item: int) -> None:
        """A source the console placed: in the layout's host region."""
        await arrange(
            self.link, scene, item, box(self.layout, "host", await video_canvas(self.link))
        )

    def _on_state(self, aspect: str) -> None:
        if aspect in ("link", "scenes"):
            self._placed.clear()
        if aspect == "link":
            self._file = ""
