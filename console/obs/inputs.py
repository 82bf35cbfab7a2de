"""Inputs the console puts in a scene of OBS: found there, added there, or created there.

The slide pusher's image source and the pinned comment's text source are both an input the
console needs in one scene, under a name the profile gives. :func:`place_input` returns
that input's scene item in the scene, whatever OBS holds:

- the scene already shows the input: its item, as it is (the operator may have placed it);
- OBS has the input, in other scenes only: it is added to this scene, hidden;
- OBS has no such input: it is created in this scene, hidden, with the caller's settings
  (made for the canvas when they depend on it).

An input of that name but of another kind is never taken over (pointing a text source at an
image file, or a media source at a comment): the operator is told what to rename. Items
start hidden so nothing half set up reaches air; the caller enables them when ready.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from console.obs.errors import RESOURCE_NOT_FOUND, ObsError, RequestFailed
from console.text import Text

log = logging.getLogger(__name__)

Canvas = tuple[int, int]  # OBS's base canvas, width and height in pixels
Settings = Callable[[Canvas], dict[str, Any]]  # a new input's settings, for the canvas


class InputLink(Protocol):
    """What placing inputs needs of a room's OBS link (``console.obs.link.ObsLink``)."""

    room_id: str

    async def request(self, name: str, reply_within: float | None = None, **data: Any) -> Any: ...


@dataclass(frozen=True)
class InputSpec:
    """An input the console needs: its name in OBS, the kind it is created as, the kinds
    it accepts in an existing input (those starting with ``kind_prefix``), and the words
    for an operator told it is of the wrong kind."""

    name: str
    kind: str
    kind_prefix: str
    noun: str  # "an image source"
    remedy: str  # "choose another slide source in the profile"


class Made(enum.Enum):
    """What ``place_input`` did in OBS."""

    NOTHING = "nothing"  # the scene already held the input
    ADDED = "added"  # an existing input was added to the scene
    CREATED = "created"  # a new input was created in the scene


@dataclass(frozen=True)
class Placed:
    """The input's scene item in the scene, what it took, and the canvas a new input's
    settings were made for (None unless it was created with settings)."""

    item_id: int
    made: Made
    canvas: Canvas | None = None


class WrongKind(ObsError):
    """OBS has an input of that name, of a kind the console must not use for it."""


async def video_canvas(link: InputLink) -> Canvas:
    """OBS's base canvas (width, height), asked now."""
    video = await link.request("GetVideoSettings")
    return int(video["baseWidth"]), int(video["baseHeight"])


async def find_item(link: InputLink, scene: str, source: str) -> int | None:
    """The scene item of ``source`` in ``scene``; None when the scene does not show it."""
    try:
        data = await link.request("GetSceneItemId", sceneName=scene, sourceName=source)
    except RequestFailed as exc:
        if exc.code == RESOURCE_NOT_FOUND:
            return None
        raise
    return int(data["sceneItemId"])


async def place_input(
    link: InputLink, scene: str, spec: InputSpec, settings: Settings | None = None
) -> Placed:
    """The scene item of ``spec``'s input in ``scene``: found, added (hidden) or created
    (hidden, with ``settings`` for the canvas, or OBS's defaults). Raises ``WrongKind`` for
    an input of that name and another kind; OBS is left as it was."""
    item = await find_item(link, scene, spec.name)
    if item is not None:
        return Placed(item, Made.NOTHING)
    try:
        found = await link.request("GetInputSettings", inputName=spec.name)
    except RequestFailed as exc:
        if exc.code != RESOURCE_NOT_FOUND:
            raise
        return await _create(link, scene, spec, settings)
    kind = str(found.get("inputKind", ""))
    if not kind.startswith(spec.kind_prefix):
        raise WrongKind(
            Text(
                "setup",
                "OBS source {source!r} is a {kind}, not {noun}: rename it in OBS or {remedy}",
            ).format(source=spec.name, kind=kind, noun=spec.noun, remedy=spec.remedy)
        )
    added = await link.request(
        "CreateSceneItem", sceneName=scene, sourceName=spec.name, sceneItemEnabled=False
    )
    log.info("room %s: added %s %r to %s", link.room_id, kind, spec.name, scene)
    return Placed(int(added["sceneItemId"]), Made.ADDED)


async def _create(
    link: InputLink, scene: str, spec: InputSpec, settings: Settings | None
) -> Placed:
    canvas: Canvas | None = None
    values: dict[str, Any] = {}
    if settings is not None:
        canvas = await video_canvas(link)
        values = settings(canvas)
    created = await link.request(
        "CreateInput",
        sceneName=scene,
        inputName=spec.name,
        inputKind=spec.kind,
        inputSettings=values,
        sceneItemEnabled=False,
    )
    log.info("room %s: created %s %r in %s", link.room_id, spec.kind, spec.name, scene)
    return Placed(int(created["sceneItemId"]), Made.CREATED, canvas)
