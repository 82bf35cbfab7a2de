"""The ``layout:`` section of a room: its schema, the checks across its keys, its model.

Left out, or partly written, every region takes the built-in default of its orientation
(:data:`console.profile.layout_model.LANDSCAPE` and ``PORTRAIT``), so a profile from before
layouts existed loads as it did and still gets a layout that keeps the host visible. A
region must lie inside the canvas, and neither the pinned comment nor the AI label may
cover the product slide; the label must be tall enough for the labelling rules (5 % of the
picture's shorter side: 5 % of the height of a landscape canvas, about 3 % of the height of
a 9:16 portrait one).
"""

from __future__ import annotations

from typing import Any

import yaml

from console.profile.layout_model import LANDSCAPE, PIECES, PORTRAIT, ROLES, Layout, Region, Regions
from console.profile.nodes import nearest
from console.profile.spec import TEXT, ListOf, Record, Scalar
from console.profile.validate import Validator
from console.profile.values import choice, number

FRACTION = number(0.0, maximum=1.0)
EXTENT = number(0.0, above=True, maximum=1.0)
LABEL_MIN_H = {"landscape": 0.05, "portrait": 0.03}
"""The label region's least height per orientation (see the module docstring)."""
_WORDS = {
    "host": "the host's media",
    "slide": "the product slide",
    "comment": "the pinned comment",
    "label": "the AI label",
}


def _region(default: Region, piece: str) -> Record:
    return Record(
        {
            "x": Scalar(FRACTION, "left edge, as a fraction of the canvas width", default.x),
            "y": Scalar(FRACTION, "top edge, as a fraction of the canvas height", default.y),
            "w": Scalar(EXTENT, "width, as a fraction of the canvas width", default.w),
            "h": Scalar(EXTENT, "height, as a fraction of the canvas height", default.h),
        },
        f"where {_WORDS[piece]} goes (fractions of the canvas)",
    )


def _regions(default: Regions, orientation: str) -> Record:
    return Record(
        {piece: _region(default.of(piece), piece) for piece in PIECES},
        f"the regions on a {orientation} canvas",
    )


LAYOUT = Record(
    {
        "overlay_scene": Scalar(
            TEXT,
            "OBS scene holding the overlays (pinned comment, AI label), nested in every "
            "show scene so they show whichever is on program",
            Layout.overlay_scene,
        ),
        "host_in": ListOf(
            Scalar(choice(ROLES, "scene role"), "a scene role: opening, host, product or break"),
            "the show scenes that show the host",
            default=Layout.host_in,
        ),
        "landscape": _regions(LANDSCAPE, "landscape"),
        "portrait": _regions(PORTRAIT, "portrait (phone)"),
    },
    "where obs.setup puts the host, the slide, the comment and the label; the OBS canvas "
    "picks landscape or portrait",
)


def build_layout(data: dict[str, Any]) -> Layout:
    return Layout(
        overlay_scene=data["overlay_scene"],
        host_in=tuple(data["host_in"]),
        landscape=_build_regions(data["landscape"]),
        portrait=_build_regions(data["portrait"]),
    )


def _build_regions(data: dict[str, Any]) -> Regions:
    return Regions(**{piece: Region(**data[piece]) for piece in PIECES})


def check_layout(validator: Validator, root: yaml.Node, data: dict[str, Any]) -> None:
    """Regions inside the canvas, nothing over the slide, a label tall enough, and an
    overlay scene that is not one of the show scenes."""
    for index, room in enumerate(data["rooms"] or []):
        layout = None if room is None else room.get("layout")
        if layout is None:
            continue
        where: list[str | int] = ["rooms", index, "layout"]
        scenes = room.get("scenes") or {}
        overlay = layout["overlay_scene"]
        if overlay is not None and overlay in [scenes.get(role) for role in ROLES]:
            validator.report(
                nearest(root, [*where, "overlay_scene"]),
                f"rooms[{index}].layout.overlay_scene: {overlay!r} is one of the show scenes; "
                "the overlays need a scene of their own",
            )
        for orientation in ("landscape", "portrait"):
            regions = layout[orientation]
            if regions is None or any(regions[piece] is None for piece in PIECES):
                continue
            if any(value is None for piece in PIECES for value in regions[piece].values()):
                continue  # a value was reported already
            _check_regions(validator, root, [*where, orientation], index, orientation, regions)


def _check_regions(
    validator: Validator,
    root: yaml.Node,
    where: list[str | int],
    index: int,
    orientation: str,
    data: dict[str, Any],
) -> None:
    regions = {piece: Region(**data[piece]) for piece in PIECES}
    name = f"rooms[{index}].layout.{orientation}"
    for piece, region in regions.items():
        if region.x + region.w > 1.0 + 1e-9 or region.y + region.h > 1.0 + 1e-9:
            validator.report(
                nearest(root, [*where, piece]),
                f"{name}.{piece}: reaches past the canvas (x + w = {region.x + region.w:g}, "
                f"y + h = {region.y + region.h:g}; each at most 1)",
            )
    for piece in ("comment", "label"):
        if regions[piece].overlaps(regions["slide"]):
            node = nearest(root, [*where, piece])
            if node is nearest(root, where):  # the piece is a default: point at the slide
                node = nearest(root, [*where, "slide"])
            validator.report(
                node,
                f"{name}.{piece}: overlaps the slide region; {_WORDS[piece]} would cover "
                "the product",
            )
    least = LABEL_MIN_H[orientation]
    if regions["label"].h < least:
        validator.report(
            nearest(root, [*where, "label"]),
            f"{name}.label: h {regions['label'].h:g} is too short for the AI label (at "
            f"least {least:g}: 5 % of the picture's shorter side)",
        )
