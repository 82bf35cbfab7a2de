"""What a show needs in one OBS, compared with what OBS has, and the missing part made.

The caller says what the show needs for a canvas: scenes, each with its pieces in stacking
order (an input the console uses, placed in a box of the layout, or a scene nested over
the whole canvas). :func:`survey` reads OBS (its canvas, scenes, inputs, each needed
scene's items and their transforms) and finds every need ok, missing or different;
:func:`set_up` creates only what is missing, with the caller's input specs and settings
(``console.obs.inputs.place_input``), and says what it created. Nothing else in OBS is
touched: a scene or source of the user's is never changed or removed, and an item that is
there but placed otherwise (or an input of another kind under a needed name) is reported
as different and left as it is. Run again, ``set_up`` finds nothing missing.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from console.obs.inputs import (
    Canvas,
    InputLink,
    InputSpec,
    Made,
    Settings,
    place_input,
    video_canvas,
)
from console.obs.layout import Box, arrange, differs, differs_from_canvas
from console.text import Text

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Piece:
    """One source the show needs in a scene: an input (``spec``) in its ``box``, or, with
    no spec, the scene ``name`` nested over the canvas."""

    name: str
    box: Box | None = None
    spec: InputSpec | None = None
    settings: Settings | None = None
    enabled: bool = True
    """Whether a created item starts visible (a slide or a comment waits for its push)."""

    @property
    def nested(self) -> bool:
        return self.spec is None


@dataclass(frozen=True)
class SceneNeeds:
    """A scene the show needs and its pieces, bottom to top."""

    scene: str
    pieces: tuple[Piece, ...] = ()


Needs = Callable[[Canvas], list[SceneNeeds]]
"""What the show needs on a canvas, scenes in the order they are made (nested ones first)."""


class Status(enum.Enum):
    OK = "ok"
    MISSING = "missing"
    DIFFERENT = "different"


@dataclass(frozen=True)
class Finding:
    """One need as OBS has it; ``piece`` None for the scene itself."""

    status: Status
    scene: str
    piece: Piece | None
    text: str


@dataclass(frozen=True)
class Survey:
    """Every need of the show on OBS's canvas, as OBS has it now."""

    canvas: Canvas
    findings: tuple[Finding, ...]

    def of(self, status: Status) -> list[Finding]:
        return [finding for finding in self.findings if finding.status is status]

    @property
    def missing(self) -> list[str]:
        return [finding.text for finding in self.of(Status.MISSING)]

    @property
    def different(self) -> list[str]:
        return [finding.text for finding in self.of(Status.DIFFERENT)]

    def data(self) -> dict[str, Any]:
        """For the control API: the canvas and each need with its status."""
        return {
            "canvas": list(self.canvas),
            "missing": self.missing,
            "different": self.different,
            "ok": [finding.text for finding in self.of(Status.OK)],
        }


@dataclass(frozen=True)
class Applied:
    """What ``set_up`` made, and what it found different and left."""

    survey: Survey
    created: list[str] = field(default_factory=list)


async def survey(link: InputLink, needs: Needs) -> Survey:
    """Find each need of the show in OBS: ok, missing or different (nothing is changed)."""
    canvas = await video_canvas(link)
    listed = await link.request("GetSceneList")
    scenes = {str(scene["sceneName"]) for scene in listed.get("scenes", [])}
    inputs = await link.request("GetInputList")
    kinds = {str(i["inputName"]): str(i.get("inputKind", "")) for i in inputs.get("inputs", [])}
    findings: list[Finding] = []
    for scene in needs(canvas):
        if scene.scene not in scenes:
            findings.append(Finding(Status.MISSING, scene.scene, None, _scene(scene.scene)))
            findings.extend(_absent(scene.scene, piece, kinds) for piece in scene.pieces)
            continue
        findings.append(Finding(Status.OK, scene.scene, None, _scene(scene.scene)))
        listing = await link.request("GetSceneItemList", sceneName=scene.scene)
        items: dict[str, dict[str, Any]] = {}
        for item in listing.get("sceneItems", []):
            items.setdefault(str(item.get("sourceName", "")), item)
        for piece in scene.pieces:
            item = items.get(piece.name)
            if item is None:
                findings.append(_absent(scene.scene, piece, kinds))
            else:
                findings.append(await _present(link, scene.scene, piece, item, kinds))
    return Survey(canvas, tuple(findings))


def _scene(scene: str) -> Text:
    return Text("setup", "scene {scene!r}").format(scene=scene)


def _in_scene(piece: Piece, scene: str) -> Text:
    return Text("setup", "{source!r} in {scene!r}").format(source=piece.name, scene=scene)


def _absent(scene: str, piece: Piece, kinds: dict[str, str]) -> Finding:
    subject = _in_scene(piece, scene)
    wrong = _wrong_kind(piece, kinds)
    if wrong:
        said = Text("setup", "{subject}: {problem}").format(subject=subject, problem=wrong)
        return Finding(Status.DIFFERENT, scene, piece, said)
    return Finding(Status.MISSING, scene, piece, subject)


def _wrong_kind(piece: Piece, kinds: dict[str, str]) -> str:
    """Why an input of the piece's name cannot be used (another kind); "" if it can."""
    spec = piece.spec
    kind = kinds.get(piece.name)
    if spec is None or kind is None or kind.startswith(spec.kind_prefix):
        return ""
    return Text(
        "setup", "OBS's {source!r} is a {kind}, not {noun}: rename it in OBS or {remedy}"
    ).format(source=piece.name, kind=kind, noun=spec.noun, remedy=spec.remedy)


async def _present(
    link: InputLink, scene: str, piece: Piece, item: dict[str, Any], kinds: dict[str, str]
) -> Finding:
    subject = _in_scene(piece, scene)
    problem = _wrong_kind(piece, kinds)
    if not problem:
        data = await link.request(
            "GetSceneItemTransform", sceneName=scene, sceneItemId=int(item["sceneItemId"])
        )
        transform = data.get("sceneItemTransform", {})
        if piece.nested:
            problem = Text("setup", "is hidden") if not item.get("sceneItemEnabled") else ""
            problem = problem or differs_from_canvas(transform)
        elif piece.box is not None:
            problem = differs(transform, piece.box)
    if problem:
        said = Text("setup", "{subject} {problem}").format(subject=subject, problem=problem)
        return Finding(Status.DIFFERENT, scene, piece, said)
    return Finding(Status.OK, scene, piece, subject)


async def set_up(link: InputLink, needs: Needs) -> Applied:
    """Create what the show needs and OBS lacks; leave everything else as it is."""
    found = await survey(link, needs)
    created: list[str] = []
    for finding in found.of(Status.MISSING):
        piece = finding.piece
        if piece is None:
            await link.request("CreateScene", sceneName=finding.scene)
            created.append(finding.text)
        elif piece.nested:
            await link.request(
                "CreateSceneItem",
                sceneName=finding.scene,
                sourceName=piece.name,
                sceneItemEnabled=piece.enabled,
            )
            created.append(Text("setup", "{what} (nested)").format(what=finding.text))
        else:
            created.append(await _place(link, finding.scene, piece))
        log.info("room %s: obs.setup created %s", link.room_id, created[-1])
    return Applied(found, created)


async def _place(link: InputLink, scene: str, piece: Piece) -> str:
    assert piece.spec is not None
    placed = await place_input(link, scene, piece.spec, piece.settings)
    if piece.box is not None:
        await arrange(link, scene, placed.item_id, piece.box)
    if piece.enabled:
        await link.request(
            "SetSceneItemEnabled",
            sceneName=scene,
            sceneItemId=placed.item_id,
            sceneItemEnabled=True,
        )
    subject = _in_scene(piece, scene)
    if placed.made is Made.CREATED:
        return Text("setup", "{what} (new source)").format(what=subject)
    return subject
