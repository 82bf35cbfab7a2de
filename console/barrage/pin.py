"""A pinned comment on air: the room's OBS text source, found or created, shown and cleared.

The text source (``Room.comment_source``) lives in the room's overlay scene, nested in every
show scene by ``obs.setup`` so the comment shows whichever scene is on program; without an
overlay scene in OBS, in the host scene, or the program scene when the profile names no
host scene. When OBS lacks it, it is created there (``console.obs.inputs``) as a FreeType
text source with a CJK font, sized for the canvas and placed in the layout's comment
region (word wrapped to its width), hidden until the first pin; a source the operator made
and placed is used as it is. Nothing is cached between pins: every pin looks the scene item
up again (a few milliseconds), so a source renamed, removed or an OBS restarted between pins
is never a stale id.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from console.commands import CommandError
from console.obs.errors import RESOURCE_NOT_FOUND, LinkDown, RequestFailed
from console.obs.inputs import Canvas, InputSpec, find_item, place_input
from console.obs.layout import arrange, box
from console.obs.state import LinkPhase, RoomState
from console.profile.layout_model import Layout
from console.text import Text

TEXT_KIND = "text_ft2_source_v2"
FONT_FACE = "Noto Sans CJK SC"
WHITE = 0xFFFFFFFF


class PinLink(Protocol):
    """What pinning needs of a room's OBS link (``console.obs.link.ObsLink``)."""

    room_id: str
    state: RoomState

    async def request(self, name: str, reply_within: float | None = None, **data: Any) -> Any: ...


def comment_spec(source: str) -> InputSpec:
    """The comment's text input as the console needs it (``console.obs.inputs``)."""
    return InputSpec(
        source,
        TEXT_KIND,
        kind_prefix="text_",  # any text source the operator made: FreeType, GDI+
        noun=Text("setup", "a text source"),
        remedy=Text("setup", "name another comment source in the profile"),
    )


def text_settings(text: str, canvas: Canvas, layout: Layout) -> dict[str, Any]:
    """Settings of a new comment source: readable on the canvas (sized by its shorter
    side, so a phone canvas gets the same text as a landscape one of its width), wrapped
    inside the layout's comment region."""
    region = box(layout, "comment", canvas)
    return {
        "text": text,
        "font": {
            "face": FONT_FACE,
            "style": "Regular",
            "size": max(24, min(canvas) // 16),
            "flags": 0,
        },
        "color1": WHITE,
        "color2": WHITE,
        "outline": True,
        "drop_shadow": True,
        "word_wrap": True,
        "custom_width": max(100, round(region.width)),
    }


class CommentPin:
    """Shows one line of text through ``source`` in the scene ``scene()`` names."""

    def __init__(
        self,
        link: PinLink,
        source: str,
        scene: Callable[[], str | None],
        layout: Layout | None = None,
    ) -> None:
        self.link = link
        self.source = source
        self._scene = scene
        self.layout = layout or Layout()
        self.shown_in: tuple[str, int] | None = None  # (scene, item id) of the last show
        self._spec = comment_spec(source)

    def scene(self) -> str:
        """The scene the comment goes to; CommandError when OBS has no such scene."""
        state = self.link.state
        if state.link.phase is not LinkPhase.CONNECTED:
            # The mirror's scene list is only known while connected.
            raise LinkDown(f"room {self.link.room_id} is not connected ({state.link.describe()})")
        scene = self._scene()
        if not scene:
            raise CommandError(
                f"room {self.link.room_id}: no scene to pin comments in (name a host scene "
                "in the profile or put a scene on program)"
            )
        if scene not in self.link.state.scenes:
            raise CommandError(
                f"room {self.link.room_id}: OBS has no scene {scene!r} for pinned comments"
            )
        return scene

    async def show(self, text: str) -> str:
        """Put ``text`` on the source and make its item visible; return the scene used."""
        scene = self.scene()
        placed = await place_input(
            self.link, scene, self._spec, lambda canvas: text_settings(text, canvas, self.layout)
        )
        item = placed.item_id
        if placed.canvas is None:  # an input OBS had: only its text changes
            await self.link.request(
                "SetInputSettings", inputName=self.source, inputSettings={"text": text}
            )
        else:  # made for this canvas, text and all: into the comment region
            await arrange(self.link, scene, item, box(self.layout, "comment", placed.canvas))
        await self.link.request(
            "SetSceneItemEnabled", sceneName=scene, sceneItemId=item, sceneItemEnabled=True
        )
        self.shown_in = (scene, item)
        return scene

    async def clear(self) -> None:
        """Hide the item the last ``show`` used, then empty the text (no flash of it)."""
        shown, self.shown_in = self.shown_in, None
        if shown is None:
            shown = await self._lookup()
        if shown is not None:
            scene, item = shown
            try:
                await self.link.request(
                    "SetSceneItemEnabled", sceneName=scene, sceneItemId=item, sceneItemEnabled=False
                )
            except RequestFailed as exc:
                if exc.code != RESOURCE_NOT_FOUND:
                    raise  # the item is gone: nothing left to hide
        try:
            await self.link.request(
                "SetInputSettings", inputName=self.source, inputSettings={"text": ""}
            )
        except RequestFailed as exc:
            if exc.code != RESOURCE_NOT_FOUND:
                raise

    # -- finding and creating -------------------------------------------------------------

    async def _lookup(self) -> tuple[str, int] | None:
        """Where the source is shown, when no pin of this session put it there (a comment
        left on air by an earlier run); None when the scene or the item is not there."""
        scene = self._scene()
        if not scene or scene not in self.link.state.scenes:
            return None
        item = await find_item(self.link, scene, self.source)
        return None if item is None else (scene, item)
