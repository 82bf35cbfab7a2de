"""Slides drawn with QtGui at every canvas a room may have."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from console.show.content import SlideContent, slide_content
from console.show.slide import SIZES, SlideRenderer, render_slide
from console.show.template import SlideTemplate, load_template
from tests.unit.show.samples import CEREAL, DEMO_PRODUCTS, STEAK, with_deal

CST = timezone(timedelta(hours=8))
NOW = datetime(2024, 4, 16, 18, 30, tzinfo=CST)


@pytest.fixture(scope="module")
def template() -> SlideTemplate:
    return load_template()


def _region(image: QImage, box: tuple[float, float, float, float]) -> QImage:
    x, y, w, h = box
    width, height = image.width(), image.height()
    return image.copy(
        QRect(
            round(x * width / 100),
            round(y * height / 100),
            round(w * width / 100),
            round(h * height / 100),
        )
    )


def _distinct_colours(image: QImage, step: int = 7) -> int:
    return len(
        {
            image.pixel(x, y)
            for x in range(0, image.width(), step)
            for y in range(0, image.height(), step)
        }
    )


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_each_demo_product_renders_at_each_canvas_size(
    qapp: QApplication, template: SlideTemplate, size: tuple[int, int]
) -> None:
    for product in DEMO_PRODUCTS:
        image = render_slide(slide_content(product, template, NOW), template, *size)
        assert (image.width(), image.height()) == size
        assert _distinct_colours(image) > 50, f"{product.sku} looks blank at {size}"


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_product_image_lands_in_its_box(
    qapp: QApplication, template: SlideTemplate, size: tuple[int, int]
) -> None:
    content = slide_content(STEAK, template, NOW)
    box = template.layout(*size).box("image")
    assert box is not None
    with_image = _region(render_slide(content, template, *size), box.rect)
    without = _region(render_slide(replace(content, image=None), template, *size), box.rect)
    assert with_image != without
    assert _distinct_colours(with_image) > 30


def test_the_same_content_renders_the_same_pixels(
    qapp: QApplication, template: SlideTemplate
) -> None:
    content = slide_content(STEAK, template, NOW)
    first = render_slide(content, template, 1280, 720)
    assert not _rows_changed(first, render_slide(content, template, 1280, 720))


def _rows_changed(first: QImage, second: QImage, threshold: int = 48) -> set[int]:
    """Rows where some pixel changed by more than ``threshold`` in a channel. (Renders of
    equal text differ by up to ~20 levels at glyph edges depending on Qt's glyph cache.)"""
    a = memoryview(first.constBits()).cast("B")
    b = memoryview(second.constBits()).cast("B")
    stride = first.bytesPerLine()
    rows = set()
    for y in range(first.height()):
        row_a, row_b = a[y * stride : (y + 1) * stride], b[y * stride : (y + 1) * stride]
        if row_a == row_b:
            continue
        if any(abs(p - q) > threshold for p, q in zip(row_a, row_b, strict=True)):
            rows.add(y)
    return rows


def test_a_countdown_tick_repaints_the_deal_line_only(
    qapp: QApplication, template: SlideTemplate
) -> None:
    product = with_deal(STEAK, NOW - timedelta(minutes=1), 10, "59")
    first = render_slide(slide_content(product, template, NOW), template, 1920, 1080)
    later = slide_content(product, template, NOW + timedelta(seconds=1))
    second = render_slide(later, template, 1920, 1080)
    deal = template.landscape.box("deal")
    assert deal is not None
    _, y, _, h = deal.rect
    changed = _rows_changed(first, second)
    assert changed
    assert min(changed) >= y * 10.8 and max(changed) <= (y + h) * 10.8


def test_portrait_canvases_use_the_portrait_layout(template: SlideTemplate) -> None:
    assert template.layout(1080, 1920) is template.portrait
    assert template.layout(1920, 1080) is template.landscape
    assert template.layout(1280, 720) is template.landscape


def test_an_ended_deal_is_drawn_in_the_ended_colours(
    qapp: QApplication, template: SlideTemplate
) -> None:
    product = with_deal(STEAK, NOW - timedelta(minutes=1), 10, "59")
    running = slide_content(product, template, NOW)
    ended = slide_content(product, template, NOW + timedelta(minutes=10))
    deal = template.landscape.box("deal")
    assert deal is not None and deal.ended_fill is not None
    corner = QRect(round(deal.rect[0] * 19.2) + 30, round(deal.rect[1] * 10.8) + 4, 1, 1)
    running_colour = render_slide(running, template, 1920, 1080).copy(corner).pixelColor(0, 0)
    ended_colour = render_slide(ended, template, 1920, 1080).copy(corner).pixelColor(0, 0)
    assert running_colour.name() == template.colour(deal.fill or "").lower()
    assert ended_colour.name() == template.colour(deal.ended_fill).lower()


def test_a_missing_image_file_leaves_the_panel_empty(
    qapp: QApplication, template: SlideTemplate, tmp_path: Path
) -> None:
    content: SlideContent = slide_content(STEAK, template, NOW)
    gone = replace(content, image=tmp_path / "gone.png")
    empty = render_slide(replace(content, image=None), template, 1280, 720)
    assert not _rows_changed(render_slide(gone, template, 1280, 720), empty)


def test_a_long_name_still_fits_its_box(qapp: QApplication, template: SlideTemplate) -> None:
    long_name = replace(STEAK, name="南美草饲原切眼肉牛排" * 6)
    image = render_slide(slide_content(long_name, template, NOW), template, 1280, 720)
    price = template.landscape.box("price")
    assert price is not None
    plain = render_slide(slide_content(STEAK, template, NOW), template, 1280, 720)
    assert not _rows_changed(_region(image, price.rect), _region(plain, price.rect))


def test_the_renderer_repaints_a_tick_over_its_cached_static_part(
    qapp: QApplication, template: SlideTemplate
) -> None:
    product = with_deal(STEAK, NOW - timedelta(minutes=1), 10, "59")
    renderer = SlideRenderer(template)
    first = renderer.render(slide_content(product, template, NOW), 1920, 1080)
    assert first.changed_rows is None  # nothing to compare with yet
    later = slide_content(product, template, NOW + timedelta(seconds=1))
    tick = renderer.render(later, 1920, 1080)
    assert tick.changed_rows is not None
    top, bottom = tick.changed_rows
    assert all(top <= row < bottom for row in _rows_changed(first.image, tick.image, 0))
    assert not _rows_changed(tick.image, render_slide(later, template, 1920, 1080))
    other = renderer.render(slide_content(CEREAL, template, NOW), 1920, 1080)
    assert other.changed_rows is None
