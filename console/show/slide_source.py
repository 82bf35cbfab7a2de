"""The slide's image source in one room's OBS: found, or created, and kept track of.

An ``image_source`` input placed in the product scene. The pusher only says what to show
(``point_at``), whether to show it (``set_visible``) and to drop it (``clear``); this class
finds the input and its scene item, creates what is missing, and forgets what it knew when
OBS removes them or the link drops (a reconnect may reach a restarted OBS).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Protocol

from console.commands import CommandError
from console.obs.errors import RESOURCE_NOT_FOUND, RequestFailed
from console.obs.state import RoomState

log = logging.getLogger(__name__)

IMAGE_KIND = "image_source"


class SlideLink(Protocol):
    """What the slides need of a room's OBS link (``console.obs.link.ObsLink``)."""

    room_id: str
    state: RoomState

    async def request(self, name: str, reply_within: float | None = None, **data: Any) -> Any: ...

    def add_event_listener(self, listener: Callable[[str, dict[str, Any]], None]) -> None: ...


class SlideSource:
    """The slide input ``source`` and its scene item in ``scene``."""

    def __init__(self, link: SlideLink, source: str, scene: str) -> None:
        self.link = link
        self.source = source
        self.scene = scene
        self._item_id: int | None = None
        self._enabled: bool | None = None  # None: not known
        self._canvas: tuple[int, int] | None = None
        self._listening = True
        link.add_event_listener(self.on_obs_event)

    async def canvas(self, fresh: bool = False) -> tuple[int, int]:
        """OBS's base canvas (width, height); ``fresh`` asks OBS again."""
        if self._canvas is None or fresh:
            video = await self._request("GetVideoSettings")
            self._canvas = (int(video["baseWidth"]), int(video["baseHeight"]))
        return self._canvas

    async def point_at(self, file: str) -> None:
        """Make the source show ``file`` (creating the source if the scene lacks it)."""
        await self._ensure_item()
        await self._request(
            "SetInputSettings", inputName=self.source, inputSettings={"file": file}, overlay=True
        )

    async def set_visible(self, visible: bool) -> None:
        await self._ensure_item()
        if self._enabled is visible:
            return
        await self._request(
            "SetSceneItemEnabled",
            sceneName=self.scene,
            sceneItemId=self._item_id,
            sceneItemEnabled=visible,
        )
        self._enabled = visible

    @property
    def visible(self) -> bool | None:
        """Whether the scene item is enabled, as far as the console knows (None: unknown)."""
        return self._enabled

    async def clear(self) -> bool:
        """Hide the item and point the source at no file; False if it was never placed."""
        if self._item_id is None and not await self._find_item():
            return False
        await self.set_visible(False)
        await self._request(
            "SetInputSettings", inputName=self.source, inputSettings={"file": ""}, overlay=True
        )
        return True

    async def switch_to_scene(self) -> None:
        """Cut to the scene (or preview it in studio mode) unless it is already there."""
        state = self.link.state
        if state.studio_mode:
            if state.preview != self.scene:
                await self._request("SetCurrentPreviewScene", sceneName=self.scene)
        elif state.program != self.scene:
            await self._request("SetCurrentProgramScene", sceneName=self.scene)

    def forget(self) -> None:
        """Look everything up again on next use."""
        self._item_id = None
        self._enabled = None
        self._canvas = None

    def stop_listening(self) -> None:
        self._listening = False  # ObsLink has no way to remove a listener

    def on_obs_event(self, name: str, data: dict[str, Any]) -> None:
        if not self._listening:
            return
        ours = data.get("sceneName") == self.scene and data.get("sceneItemId") == self._item_id
        named = self.source in (data.get("inputName"), data.get("oldInputName"))
        if name == "SceneItemEnableStateChanged" and ours:
            self._enabled = bool(data.get("sceneItemEnabled"))
        elif (name == "SceneItemRemoved" and ours) or (
            name in ("InputRemoved", "InputNameChanged") and named
        ):
            self.forget()

    # -- finding and creating -------------------------------------------------------------

    async def _request(self, name: str, **data: Any) -> Any:
        try:
            return await self.link.request(name, **data)
        except RequestFailed as exc:
            if exc.code == RESOURCE_NOT_FOUND:
                self.forget()  # the input or item went away: find or create it again
            raise

    async def _find_item(self) -> bool:
        """Look up the item in the scene; False if it is not there."""
        try:
            data = await self.link.request(
                "GetSceneItemId", sceneName=self.scene, sourceName=self.source
            )
        except RequestFailed as exc:
            if exc.code == RESOURCE_NOT_FOUND:
                return False
            raise
        self._item_id = int(data["sceneItemId"])
        return True

    async def _ensure_item(self) -> None:
        """Make sure the scene holds the image input, creating what is missing (hidden)."""
        if self._item_id is not None:
            return
        if self.scene not in self.link.state.scenes:
            raise CommandError(
                f"room {self.link.room_id}: OBS has no scene {self.scene!r} for product "
                "slides; create it in OBS or name the room's product scene in the profile"
            )
        if await self._find_item():
            return
        try:
            found = await self.link.request("GetInputSettings", inputName=self.source)
        except RequestFailed as exc:
            if exc.code != RESOURCE_NOT_FOUND:
                raise
            created = await self.link.request(
                "CreateInput",
                sceneName=self.scene,
                inputName=self.source,
                inputKind=IMAGE_KIND,
                inputSettings={},
                sceneItemEnabled=False,
            )
            log.info("room %s: created image source %r", self.link.room_id, self.source)
        else:
            kind = found.get("inputKind")
            if kind != IMAGE_KIND:
                raise CommandError(
                    f"OBS source {self.source!r} is a {kind}, not an image source: rename it "
                    "in OBS or choose another slide source in the profile"
                ) from None
            created = await self.link.request(
                "CreateSceneItem",
                sceneName=self.scene,
                sourceName=self.source,
                sceneItemEnabled=False,
            )
        self._item_id = int(created["sceneItemId"])
        self._enabled = False
