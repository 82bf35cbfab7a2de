"""The layout's regions as OBS scene-item transforms: placed, and compared with OBS's.

A piece goes into its region as a bounded item: positioned at the region's top left, with
OBS's bounds the region's size, so OBS scales whatever the source draws to fit inside it
(a slide or the host's video to fill it keeping its aspect, a text only down when it
would overflow). ``differs`` reads an item's transform as OBS reports it
(``GetSceneItemTransform``) and says how it differs from the region, in pixels.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from console.profile.layout_model import Layout
from console.text import Text

Canvas = tuple[int, int]

TOP_LEFT = 5  # OBS_ALIGN_TOP | OBS_ALIGN_LEFT
CENTER = 0
BOTTOM = 8
BOTTOM_LEFT = 9
SCALE_INNER = "OBS_BOUNDS_SCALE_INNER"  # fit inside, keeping the aspect ratio
MAX_ONLY = "OBS_BOUNDS_MAX_ONLY"  # shrink to fit when larger, never enlarge
NO_BOUNDS = "OBS_BOUNDS_NONE"
TOLERANCE = 1.0  # pixels: OBS keeps transforms as floats


@dataclass(frozen=True)
class Fit:
    """How a piece fills its region: OBS's bounds type and where inside the bounds."""

    bounds: str
    align: int


FITS = {
    "host": Fit(SCALE_INNER, BOTTOM),  # the host stands on the bottom edge
    "slide": Fit(SCALE_INNER, CENTER),
    "comment": Fit(MAX_ONLY, BOTTOM_LEFT),  # grows upwards as it wraps
    "label": Fit(MAX_ONLY, TOP_LEFT),
}


@dataclass(frozen=True)
class Box:
    """A piece's region on one canvas, in pixels, with how it fills it."""

    x: float
    y: float
    width: float
    height: float
    fit: Fit

    @property
    def size(self) -> Canvas:
        return round(self.width), round(self.height)

    def transform(self) -> dict[str, Any]:
        """What ``SetSceneItemTransform`` takes to put an item in this box."""
        return {
            "positionX": self.x,
            "positionY": self.y,
            "alignment": TOP_LEFT,
            "rotation": 0.0,
            "boundsType": self.fit.bounds,
            "boundsAlignment": self.fit.align,
            "boundsWidth": self.width,
            "boundsHeight": self.height,
        }

    def describe(self) -> Text:
        return _placed(self.width, self.height, self.x, self.y)


def box(layout: Layout, piece: str, canvas: Canvas) -> Box:
    """Where ``piece`` goes on ``canvas`` (landscape or portrait regions, by its shape)."""
    region = layout.regions(canvas).of(piece)
    width, height = canvas
    return Box(
        round(region.x * width, 1),
        round(region.y * height, 1),
        round(region.w * width, 1),
        round(region.h * height, 1),
        FITS[piece],
    )


def differs(transform: dict[str, Any], wanted: Box) -> str:
    """How an item's transform (as OBS reports it) differs from ``wanted``; "" if it fits."""
    if transform.get("boundsType") != wanted.fit.bounds:
        return Text("setup", "is not bounded to a box ({actual}); the layout has {wanted}").format(
            actual=_shown(transform), wanted=wanted.describe()
        )
    actual = (
        float(transform.get("positionX", 0.0)),
        float(transform.get("positionY", 0.0)),
        float(transform.get("boundsWidth", 0.0)),
        float(transform.get("boundsHeight", 0.0)),
    )
    target = (wanted.x, wanted.y, wanted.width, wanted.height)
    moved = any(abs(a - b) > TOLERANCE for a, b in zip(actual, target, strict=True))
    if moved or transform.get("alignment") != TOP_LEFT or float(transform.get("rotation", 0)):
        return Text("setup", "is {actual}; the layout has {wanted}").format(
            actual=_shown(transform), wanted=wanted.describe()
        )
    return ""


def differs_from_canvas(transform: dict[str, Any]) -> str:
    """How a nested scene's item differs from covering the canvas as it is; "" if not."""
    untouched = (
        abs(float(transform.get("positionX", 0.0))) <= TOLERANCE
        and abs(float(transform.get("positionY", 0.0))) <= TOLERANCE
        and float(transform.get("scaleX", 1.0)) == 1.0
        and float(transform.get("scaleY", 1.0)) == 1.0
        and transform.get("boundsType", NO_BOUNDS) == NO_BOUNDS
        and not float(transform.get("rotation", 0))
    )
    if untouched:
        return ""
    return Text("setup", "is moved or scaled ({actual}), not over the canvas").format(
        actual=_shown(transform)
    )


def _shown(transform: dict[str, Any]) -> Text:
    width = float(transform.get("width", 0.0))
    height = float(transform.get("height", 0.0))
    x, y = float(transform.get("positionX", 0.0)), float(transform.get("positionY", 0.0))
    return _placed(width, height, x, y)


def _placed(width: float, height: float, x: float, y: float) -> Text:
    return Text("setup", "{width}×{height} at {x},{y}").format(
        width=f"{width:.0f}", height=f"{height:.0f}", x=f"{x:.0f}", y=f"{y:.0f}"
    )


def drawn_height(transform: dict[str, Any]) -> float:
    """The item's height as OBS draws it: its own scale, then fitted to its bounds the way
    OBS fits them (``transform["height"]`` leaves the bounds out)."""
    height = float(transform.get("sourceHeight", 0.0)) * abs(float(transform.get("scaleY", 1.0)))
    width = float(transform.get("sourceWidth", 0.0)) * abs(float(transform.get("scaleX", 1.0)))
    bounds = transform.get("boundsType", NO_BOUNDS)
    box_w = float(transform.get("boundsWidth", 0.0))
    box_h = float(transform.get("boundsHeight", 0.0))
    if bounds == NO_BOUNDS or height <= 0 or width <= 0:
        return height
    if bounds == MAX_ONLY and width <= box_w and height <= box_h:
        return height
    if bounds in (MAX_ONLY, SCALE_INNER):
        return min(box_w / width, box_h / height) * height
    if bounds == "OBS_BOUNDS_SCALE_OUTER":
        return max(box_w / width, box_h / height) * height
    if bounds == "OBS_BOUNDS_SCALE_TO_WIDTH":
        return box_w / width * height
    return box_h  # stretched or scaled to the bounds' height


class Requester(Protocol):
    async def request(self, name: str, reply_within: float | None = None, **data: Any) -> Any: ...


async def arrange(link: Requester, scene: str, item: int, where: Box) -> None:
    """Put the scene item into its box."""
    await link.request(
        "SetSceneItemTransform",
        sceneName=scene,
        sceneItemId=item,
        sceneItemTransform=where.transform(),
    )
