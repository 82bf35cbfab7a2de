"""The AI-host label: an OBS text source, visible in the program scene while the host talks.

China's labelling rules for AI-generated content (and the platforms' rules for virtual
hosts) require a prominent, continuous label while an AI host is on air; the national
standard asks for text at least 5 % of the picture's shorter side. The label is an OBS text
source, so its words can be read back, placed in every scene of the room (a cut never
leaves it behind) and checked from OBS's own state: the item enabled in the program scene,
the text as configured, and the rendered height (``GetSceneItemTransform``) at least
:data:`MIN_SHARE` of the canvas's shorter side. The console trusts a check until OBS says
something that could change it (a cut, the item hidden, the source edited, a reconnect).
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from console.commands import CommandError, ErrorCode
from console.host.media import MediaLink
from console.obs.errors import ObsError
from console.obs.inputs import InputSpec, Made, find_item, place_input, video_canvas
from console.obs.layout import arrange, box, drawn_height
from console.obs.visibility import sighting
from console.observers import Observers, Unsubscribe
from console.profile.layout_model import Layout
from console.tasks import TaskSet
from console.text import Text

log = logging.getLogger(__name__)

LABEL_KIND = "text_ft2_source_v2"
DEFAULT_TEXT = "AI数字人主播 · 内容由AI生成"
MIN_SHARE = 0.05
FONT_FACE = "Noto Sans CJK SC"
RENDER_PATIENCE = 2.0  # seconds OBS gets to draw new text before its height is judged
_POLL = 0.01  # OBS has no "text drawn" event: the item's size is polled meanwhile


class LabelRefused(CommandError):
    """The label could not be put or kept on air: the host must not talk."""

    error_code = ErrorCode.REFUSED


@dataclass(frozen=True)
class LabelCheck:
    """What OBS showed when last asked."""

    visible: bool
    scene: str = ""
    text: str = ""
    height: float = 0.0
    needed: float = 0.0
    problem: str = ""
    checked_at: float = 0.0

    def describe(self) -> Text:
        if self.visible:
            return Text("label", "AI label ON in {scene} ({height} px ≥ {needed} px)").format(
                scene=self.scene, height=f"{self.height:.0f}", needed=f"{self.needed:.0f}"
            )
        if self.problem:
            return Text("label", "AI label OFF: {problem}").format(problem=self.problem)
        return Text("label", "AI label OFF")


def label_spec(source: str) -> InputSpec:
    """The label's text input as the console needs it (``console.obs.inputs``)."""
    return InputSpec(
        source,
        LABEL_KIND,
        kind_prefix="text_",
        noun=Text("setup", "a text source"),
        remedy=Text("setup", "name another AI label source in the profile"),
    )


def label_settings(text: str, canvas: tuple[int, int]) -> dict[str, Any]:
    shorter = min(canvas)
    return {
        "text": text,
        "font": {
            "face": FONT_FACE,
            "style": "Bold",
            "size": math.ceil(shorter * MIN_SHARE * 1.3),
            "flags": 1,
        },
        "color1": 0xFFFFFFFF,
        "color2": 0xFFFFFFFF,
        "outline": True,
        "drop_shadow": True,
    }


class AiLabel:
    """One room's AI-host label (see the module docstring)."""

    def __init__(
        self,
        link: MediaLink,
        source: str,
        text: str = DEFAULT_TEXT,
        layout: Layout | None = None,
    ) -> None:
        self.link = link
        self.source = source
        self.text = text
        self.layout = layout or Layout()
        self.check = LabelCheck(False, problem=Text("label", "not checked yet"))
        self.hold = False
        """Set while the host is on air: a label hidden in OBS is shown again at once."""
        self._spec = label_spec(source)
        self._trusted = False
        self._placed: set[str] = set()
        self._lock = asyncio.Lock()
        self._tasks = TaskSet()
        self._observers: Observers[LabelCheck] = Observers()
        link.add_event_listener(self.on_obs_event)
        link.state.subscribe(self._on_state)

    def subscribe(self, listener: Callable[[LabelCheck], None]) -> Unsubscribe:
        return self._observers.subscribe(listener)

    async def ensure(self) -> LabelCheck:
        """The label on in the program scene, as OBS reports it; LabelRefused if it cannot be."""
        async with self._lock:
            if self._trusted and self.check.visible:
                return self.check
            try:
                await self._place_everywhere()
                check = await self._verify()
            except ObsError as exc:
                check = LabelCheck(False, problem=exc.text, checked_at=time.monotonic())
            self._set(check)
            if not check.visible:
                raise LabelRefused(
                    Text("label", "room {room}: {check}").format(
                        room=self.link.room_id, check=check.describe()
                    )
                )
            return check

    async def hide(self) -> None:
        """Hide the label in every scene (only while the host is off air: the host checks)."""
        async with self._lock:
            for scene in list(self.link.state.scenes):
                item = await find_item(self.link, scene, self.source)
                if item is not None:
                    await self.link.request(
                        "SetSceneItemEnabled",
                        sceneName=scene,
                        sceneItemId=item,
                        sceneItemEnabled=False,
                    )
            self._placed.clear()
            self._trusted = False
            self._set(LabelCheck(False, problem=Text("label", "hidden by the operator")))

    async def close(self) -> None:
        await self._tasks.cancel()

    # -- OBS's events ---------------------------------------------------------------------

    def on_obs_event(self, name: str, data: dict[str, Any]) -> None:
        relevant = (
            name == "CurrentProgramSceneChanged"
            or (name == "SceneItemEnableStateChanged" and not data.get("sceneItemEnabled"))
            or name in ("SceneItemRemoved", "SceneCreated", "SceneRemoved")
            or (name == "InputSettingsChanged" and data.get("inputName") == self.source)
            or (name in ("InputRemoved", "InputNameChanged") and self._names_label(data))
        )
        if not relevant:
            return
        self._trusted = False
        if name != "CurrentProgramSceneChanged":
            self._placed.clear()
        if self.hold:
            self._tasks.spawn(self._keep(), f"ai-label-{self.link.room_id}")

    def _names_label(self, data: dict[str, Any]) -> bool:
        return self.source in (data.get("inputName"), data.get("oldInputName"))

    async def _keep(self) -> None:
        """While the host is on air: put the label back and check it again."""
        try:
            await self.ensure()
        except CommandError as exc:
            log.error("room %s: AI label lost on air: %s", self.link.room_id, exc)

    def _on_state(self, aspect: str) -> None:
        if aspect in ("link", "scenes"):
            self._trusted = False
            self._placed.clear()

    # -- placing and checking -------------------------------------------------------------

    async def _place_everywhere(self) -> None:
        """The label in every scene: in the overlay scene, and shown through it in the
        scenes that nest it (the nested overlay enabled again if it was hidden); placed
        directly in any other scene."""
        scenes = list(self.link.state.scenes)
        overlay = self.layout.overlay_scene
        for scene in scenes:
            if scene in self._placed:
                continue
            nested = None
            if overlay in scenes and scene != overlay:
                nested = await find_item(self.link, scene, overlay)
            if nested is not None:
                await self.link.request(
                    "SetSceneItemEnabled",
                    sceneName=scene,
                    sceneItemId=nested,
                    sceneItemEnabled=True,
                )
                self._placed.add(scene)
                continue
            placed = await place_input(
                self.link, scene, self._spec, lambda canvas: label_settings(self.text, canvas)
            )
            if placed.made is not Made.NOTHING:
                await self._arrange(scene, placed.item_id)
            await self.link.request(
                "SetSceneItemEnabled",
                sceneName=scene,
                sceneItemId=placed.item_id,
                sceneItemEnabled=True,
            )
            self._placed.add(scene)
        settings = await self.link.request("GetInputSettings", inputName=self.source)
        if settings.get("inputSettings", {}).get("text") != self.text:
            await self.link.request(
                "SetInputSettings", inputName=self.source, inputSettings={"text": self.text}
            )

    async def _arrange(self, scene: str, item: int) -> None:
        canvas = await video_canvas(self.link)
        await arrange(self.link, scene, item, box(self.layout, "label", canvas))

    async def _verify(self) -> LabelCheck:
        program = self.link.state.program
        now = time.monotonic()
        if not program:
            return LabelCheck(
                False, problem=Text("label", "OBS has no program scene"), checked_at=now
            )
        seen = await sighting(self.link, program, self.source)
        if seen is None:
            item = await find_item(self.link, program, self.source)
            where = (
                Text("label", "hidden in the program scene {scene!r}")
                if item is not None
                else Text("label", "not shown in the program scene {scene!r}")
            )
            return LabelCheck(False, program, problem=where.format(scene=program), checked_at=now)
        settings = await self.link.request("GetInputSettings", inputName=self.source)
        text = str(settings.get("inputSettings", {}).get("text", ""))
        canvas = await video_canvas(self.link)
        needed = min(canvas) * MIN_SHARE
        height = await self._height(seen.scene, seen.item_id) * seen.scale
        problem: str = ""
        if text != self.text:
            problem = Text("label", "its text reads {text!r}, not {wanted!r}").format(
                text=text, wanted=self.text
            )
        elif height < needed:
            problem = Text(
                "label", "{height} px tall, the rules ask for {needed} px (5 % of {canvas})"
            ).format(height=f"{height:.0f}", needed=f"{needed:.0f}", canvas=canvas)
        return LabelCheck(not problem, program, text, height, needed, problem, time.monotonic())

    async def _height(self, scene: str, item: int) -> float:
        """The label's height on the canvas, once OBS has drawn its text."""
        deadline = time.monotonic() + RENDER_PATIENCE
        while True:
            data = await self.link.request(
                "GetSceneItemTransform", sceneName=scene, sceneItemId=item
            )
            transform = data["sceneItemTransform"]
            height = drawn_height(transform)
            if height > 0 or time.monotonic() > deadline:
                return height
            await asyncio.sleep(_POLL)  # see _POLL: there is no event to wait for

    def _set(self, check: LabelCheck) -> None:
        self.check = check
        self._trusted = check.visible
        self._observers.notify(check)
