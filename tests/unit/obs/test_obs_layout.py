"""The layout's regions in pixels, and items read back from OBS compared with them."""

from __future__ import annotations

import pytest

from console.obs.layout import MAX_ONLY, NO_BOUNDS, SCALE_INNER, box, differs, drawn_height
from console.profile.layout_model import Layout


def test_a_landscape_canvas_puts_the_host_left_and_the_slide_right() -> None:
    layout = Layout()
    host, slide = box(layout, "host", (1920, 1080)), box(layout, "slide", (1920, 1080))
    assert (host.x, host.y, host.width, host.height) == (0, 0, 806.4, 1080)
    assert (slide.x, slide.y, slide.width, slide.height) == (806.4, 0, 1113.6, 864)
    assert slide.fit.bounds == SCALE_INNER


def test_a_portrait_canvas_uses_the_portrait_regions() -> None:
    slide = box(Layout(), "slide", (1080, 1920))
    assert (slide.x, slide.y, slide.width, slide.height) == (54, 768, 972, 768)


def test_an_item_placed_in_its_box_does_not_differ() -> None:
    wanted = box(Layout(), "comment", (1280, 720))
    transform = {**wanted.transform(), "width": 300.0, "height": 40.0}
    assert differs(transform, wanted) == ""
    nudged = {**transform, "positionX": wanted.x + 0.4}
    assert differs(nudged, wanted) == ""


def test_an_item_moved_or_unbounded_differs_in_pixels() -> None:
    wanted = box(Layout(), "slide", (1280, 720))
    moved = {**wanted.transform(), "positionX": 0.0, "width": 742.4, "height": 576.0}
    assert differs(moved, wanted) == "is 742×576 at 0,0; the layout has 742×576 at 538,0"
    unbounded = {**moved, "boundsType": NO_BOUNDS, "width": 1280.0, "height": 720.0}
    assert differs(unbounded, wanted).startswith("is not bounded to a box (1280×720 at 0,0)")


@pytest.mark.parametrize(
    ("bounds", "source", "expected"),
    [
        (NO_BOUNDS, (400, 100), 100),  # its own size
        (MAX_ONLY, (400, 100), 100),  # fits: never enlarged
        (MAX_ONLY, (1600, 100), 50),  # too wide: shrunk to the box's width
        (SCALE_INNER, (400, 100), 200),  # enlarged until the width fills the box
        (SCALE_INNER, (100, 400), 300),  # until the height does
    ],
)
def test_the_drawn_height_fits_the_source_to_its_bounds_as_obs_does(
    bounds: str, source: tuple[int, int], expected: float
) -> None:
    transform = {
        "sourceWidth": source[0],
        "sourceHeight": source[1],
        "scaleX": 1.0,
        "scaleY": 1.0,
        "boundsType": bounds,
        "boundsWidth": 800.0,
        "boundsHeight": 300.0,
    }
    assert drawn_height(transform) == pytest.approx(expected)
