"""The slide's image source in one room's OBS: found, or created, and kept track of.

An ``image_source`` input placed in the product scene, in the layout's slide region when
the console places it. The slide is drawn at the size OBS shows it: the bounds of its item
(the slide region, when the console or ``obs.setup`` placed it), or the whole canvas for an
item without bounds (one the operator placed). The pusher says what to show
(``show_file``) and when to take it off (``clear``); this class finds the input and its
scene item, creates what is missing (``console.obs.inputs``), and forgets what it knew when
OBS removes them or the link drops (a reconnect may reach a restarted OBS).

OBS applies new input settings on its video thread, a frame or so after it answered, and
tells nobody when the new image is loaded. Enabling a hidden item right after pointing it at
a new file can therefore show, for a frame or two, the image it held before: the previous
product and its price (seen in about one of twenty hide-then-show runs against OBS 29). So
a hidden slide is first emptied, then pointed at the new file, and enabled only once OBS
reports the image's size (``GetSceneItemTransform``: 0 while empty), i.e. once it loaded.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import Any, Protocol

from console.commands import CommandError
from console.obs.errors import RESOURCE_NOT_FOUND, RequestFailed
from console.obs.inputs import InputSpec, Made, find_item, place_input, video_canvas
from console.obs.layout import NO_BOUNDS, arrange, box
from console.obs.state import RoomState
from console.profile.layout_model import Layout
from console.text import Text

log = logging.getLogger(__name__)

IMAGE_KIND = "image_source"
LOAD_PATIENCE = 2.0  # seconds OBS gets to load (or drop) an image before we go on anyway
_POLL = 0.005  # OBS has no "image loaded" event: its state is polled this often meanwhile


def slide_spec(source: str) -> InputSpec:
    """The slide's image input as the console needs it (``console.obs.inputs``)."""
    return InputSpec(
        source,
        IMAGE_KIND,
        kind_prefix=IMAGE_KIND,
        noun=Text("setup", "an image source"),
        remedy=Text("setup", "choose another slide source in the profile"),
    )


class SlideLink(Protocol):
    """What the slides need of a room's OBS link (``console.obs.link.ObsLink``)."""

    room_id: str
    state: RoomState

    async def request(self, name: str, reply_within: float | None = None, **data: Any) -> Any: ...

    def add_event_listener(
        self, listener: Callable[[str, dict[str, Any]], None]
    ) -> Callable[[], None]: ...


class SlideSource:
    """The slide input ``source`` and its scene item in ``scene``."""

    def __init__(
        self, link: SlideLink, source: str, scene: str, layout: Layout | None = None
    ) -> None:
        self.link = link
        self.source = source
        self.scene = scene
        self.layout = layout
        """Where a slide the console places goes; None: over the whole canvas."""
        self._item_id: int | None = None
        self._enabled: bool | None = None  # None: not known
        self._canvas: tuple[int, int] | None = None
        self._listening = True
        link.add_event_listener(self.on_obs_event)

    async def canvas(self, fresh: bool = False) -> tuple[int, int]:
        """The size (width, height) slides are drawn at, as the module docstring says;
        ``fresh`` asks OBS again."""
        if self._canvas is None or fresh:
            self._canvas = await self._drawn_size(await video_canvas(self.link))
        return self._canvas

    async def _drawn_size(self, canvas: tuple[int, int]) -> tuple[int, int]:
        if self._item_id is None and self.scene in self.link.state.scenes:
            await self._find_item()
        if self._item_id is None:  # placed by the console on the first show
            return canvas if self.layout is None else box(self.layout, "slide", canvas).size
        data = await self._request(
            "GetSceneItemTransform", sceneName=self.scene, sceneItemId=self._item_id
        )
        transform = data["sceneItemTransform"]
        width = float(transform.get("boundsWidth", 0.0))
        height = float(transform.get("boundsHeight", 0.0))
        if transform.get("boundsType", NO_BOUNDS) == NO_BOUNDS or width < 1 or height < 1:
            return canvas
        return round(width), round(height)

    async def show_file(self, file: str) -> None:
        """Put ``file`` on air: point at it, and if the item was hidden, enable it only once
        OBS has loaded the file, never over an older image."""
        await self._ensure_item()
        if await self._is_visible():
            await self._set_file(file)
            return
        await self._empty()
        await self._set_file(file)
        await self._until_width(lambda width: width > 0, f"load {file}")
        await self._set_enabled(True)

    @property
    def visible(self) -> bool | None:
        """Whether the scene item is enabled, as far as the console knows (None: unknown)."""
        return self._enabled

    async def clear(self) -> bool:
        """Hide the item and empty the source; False if it was never placed in the scene."""
        if self._item_id is None and not await self._find_item():
            return False
        await self._set_enabled(False)
        await self._empty()
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

    # -- settings, visibility, loading ---------------------------------------------------

    async def _set_file(self, file: str) -> None:
        await self._request(
            "SetInputSettings", inputName=self.source, inputSettings={"file": file}, overlay=True
        )

    async def _is_visible(self) -> bool:
        if self._enabled is None:
            data = await self._request(
                "GetSceneItemEnabled", sceneName=self.scene, sceneItemId=self._item_id
            )
            self._enabled = bool(data["sceneItemEnabled"])
        return self._enabled

    async def _set_enabled(self, enabled: bool) -> None:
        if self._enabled is enabled:
            return
        await self._request(
            "SetSceneItemEnabled",
            sceneName=self.scene,
            sceneItemId=self._item_id,
            sceneItemEnabled=enabled,
        )
        self._enabled = enabled

    async def _empty(self) -> None:
        """Point the source at no file and wait until OBS dropped the image."""
        if await self._width() == 0:
            return
        await self._set_file("")
        await self._until_width(lambda width: width == 0, "drop the previous image")

    async def _width(self) -> int:
        data = await self._request(
            "GetSceneItemTransform", sceneName=self.scene, sceneItemId=self._item_id
        )
        return int(data["sceneItemTransform"]["sourceWidth"])

    async def _until_width(self, reached: Callable[[int], bool], what: str) -> None:
        deadline = time.monotonic() + LOAD_PATIENCE
        while not reached(await self._width()):
            if time.monotonic() > deadline:
                log.warning(
                    "room %s: OBS did not %s within %.1f s", self.link.room_id, what, LOAD_PATIENCE
                )
                return
            await asyncio.sleep(_POLL)  # see _POLL: there is no event to wait for

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
        self._item_id = await find_item(self.link, self.scene, self.source)
        return self._item_id is not None

    async def _ensure_item(self) -> None:
        """Make sure the scene holds the image input, creating what is missing (hidden)."""
        if self._item_id is not None:
            return
        if self.scene not in self.link.state.scenes:
            raise CommandError(
                f"room {self.link.room_id}: OBS has no scene {self.scene!r} for product "
                "slides; create it in OBS or name the room's product scene in the profile"
            )
        placed = await place_input(self.link, self.scene, slide_spec(self.source))
        self._item_id = placed.item_id
        if placed.made is not Made.NOTHING:
            self._enabled = False  # placed hidden
            if self.layout is not None:
                canvas = await video_canvas(self.link)
                await arrange(
                    self.link, self.scene, placed.item_id, box(self.layout, "slide", canvas)
                )
