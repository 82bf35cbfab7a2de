"""Product slides drawn with QtGui (QImage + QPainter): no browser, no window.

``render_slide`` is a pure function of (content, template, canvas size), so the console
can draw the very image it pushed, and tests can compare it with what OBS renders. It works
on any thread and under ``QT_QPA_PLATFORM=offscreen``; a QGuiApplication must exist (fonts).
"""

from __future__ import annotations

import functools
import logging
import math
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QLinearGradient, QPainter

from console.show.content import SlideContent
from console.show.deal import DealPhase
from console.show.fonts import missing_glyphs, require_family, slide_font
from console.show.template import ROLES, Box, SlideTemplate

__all__ = ["SIZES", "Rendered", "SlideRenderer", "missing_glyphs", "render_slide"]

log = logging.getLogger(__name__)

# The canvases a room's OBS is expected to have: landscape 1080p and 720p, portrait phone.
SIZES: tuple[tuple[int, int], ...] = ((1920, 1080), (1280, 720), (1080, 1920))

_ALIGN = {
    "left": Qt.AlignmentFlag.AlignLeft,
    "center": Qt.AlignmentFlag.AlignHCenter,
    "right": Qt.AlignmentFlag.AlignRight,
}
_VALIGN = {
    "top": Qt.AlignmentFlag.AlignTop,
    "center": Qt.AlignmentFlag.AlignVCenter,
    "bottom": Qt.AlignmentFlag.AlignBottom,
}
SMALLEST_SCALE = 0.55  # text shrinks to fit its box down to this share of its size, then elides


def render_slide(content: SlideContent, template: SlideTemplate, width: int, height: int) -> QImage:
    """Draw the slide of ``content`` at ``width`` x ``height`` (premultiplied ARGB)."""
    require_family(template.family)
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    _paint(image, template, content, STATIC)
    _paint(image, template, content, DYNAMIC_ROLES)
    return image


# Roles whose text changes while a slide is on air (countdown, stock). They are drawn last,
# on top of the rest, so a refresh can repaint them over a cached picture of everything else.
DYNAMIC_ROLES: tuple[str, ...] = ("deal", "stock")
STATIC: tuple[str, ...] = ("background", *(role for role in ROLES if role not in DYNAMIC_ROLES))


@dataclass(frozen=True)
class Rendered:
    """A slide image and the rows that may differ from the renderer's previous image."""

    image: QImage
    changed_rows: tuple[int, int] | None
    """``[first, last)`` rows outside which the image equals the previous one; None: any."""


class SlideRenderer:
    """Renders slides like ``render_slide``, keeping the static part of the last one.

    A countdown tick only changes the deal line: the cached picture of everything else is
    copied and the dynamic boxes are drawn on it, and the caller learns which rows changed
    (the PNG encoder then re-encodes just those). Not thread-safe: one per render thread.
    """

    def __init__(self, template: SlideTemplate) -> None:
        self.template = template
        self._base_key: tuple[SlideContent, int, int] | None = None
        self._base = QImage()
        self._last_key: tuple[SlideContent, int, int] | None = None

    def render(self, content: SlideContent, width: int, height: int) -> Rendered:
        require_family(self.template.family)
        key = (_static_part(content), width, height)
        if key != self._base_key:
            self._base = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
            _paint(self._base, self.template, content, STATIC)
            self._base_key = key
        image = self._base.copy()
        _paint(image, self.template, content, DYNAMIC_ROLES)
        rows = self._dynamic_rows(width, height) if self._last_key == key else None
        self._last_key = key
        return Rendered(image, rows)

    def _dynamic_rows(self, width: int, height: int) -> tuple[int, int]:
        layout = self.template.layout(width, height)
        spans = [box.rect for box in layout.boxes if box.role in DYNAMIC_ROLES]
        if not spans:
            return (0, 0)
        first = min(y for _, y, _, _ in spans) * height / 100
        last = max(y + h for _, y, _, h in spans) * height / 100
        # Two rows of margin for antialiased edges.
        return max(0, math.floor(first) - 2), min(height, math.ceil(last) + 2)


def _static_part(content: SlideContent) -> SlideContent:
    """The content without what the dynamic roles draw."""
    return replace(content, deal_text=None, deal_phase=None, stock=None, sold_out=False)


def _paint(
    image: QImage, template: SlideTemplate, content: SlideContent, roles: tuple[str, ...]
) -> None:
    painter = QPainter(image)
    try:
        painter.setRenderHints(
            QPainter.RenderHint.Antialiasing
            | QPainter.RenderHint.TextAntialiasing
            | QPainter.RenderHint.SmoothPixmapTransform
        )
        _Painter(painter, template, image.width(), image.height()).draw(content, roles)
    finally:
        painter.end()


class _Painter:
    """Draws one slide: maps template boxes (percent units) to pixels and draws each role."""

    def __init__(self, painter: QPainter, template: SlideTemplate, width: int, height: int):
        self.p = painter
        self.t = template
        self.width = width
        self.height = height
        self.unit = min(width, height) / 100.0
        self.layout = template.layout(width, height)

    # -- geometry and primitives -----------------------------------------------------------

    def rect(self, box: Box) -> QRectF:
        x, y, w, h = box.rect
        return QRectF(
            x * self.width / 100, y * self.height / 100, w * self.width / 100, h * self.height / 100
        )

    def colour(self, name: str) -> QColor:
        return QColor(self.t.colour(name))

    def font(self, box: Box, scale: float = 1.0) -> QFont:
        return slide_font(self.t.family, round(box.size * self.unit * scale), box.bold)

    def panel(self, box: Box, fill: str | None) -> QRectF:
        """Fill the box's panel (if any) and return the inner rectangle for its content."""
        outer = self.rect(box)
        if fill is not None:
            radius = box.radius * self.unit
            self.p.setPen(Qt.PenStyle.NoPen)
            self.p.setBrush(self.colour(fill))
            self.p.drawRoundedRect(outer, radius, radius)
        pad = box.padding * self.unit
        return outer.adjusted(pad, pad, -pad, -pad)

    def line(self, box: Box, text: str, area: QRectF, colour: str, strike: bool = False) -> None:
        """One line of text, shrunk to fit the width, elided if it still does not."""
        size = _fit_line(text, self.t.family, round(box.size * self.unit), box.bold, area.width())
        font = slide_font(self.t.family, size, box.bold)
        metrics = QFontMetricsF(font)
        if metrics.horizontalAdvance(text) > area.width():
            text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, area.width())
        font.setStrikeOut(strike)
        self.p.setFont(font)
        self.p.setPen(self.colour(colour))
        self.p.drawText(area, _ALIGN[box.align] | _VALIGN[box.valign], text)

    # -- roles -----------------------------------------------------------------------------

    def draw(self, content: SlideContent, roles: tuple[str, ...]) -> None:
        if "background" in roles:
            top, bottom = self.layout.background
            gradient = QLinearGradient(0, 0, 0, self.height)
            gradient.setColorAt(0, self.colour(top))
            gradient.setColorAt(1, self.colour(bottom))
            self.p.fillRect(QRectF(0, 0, self.width, self.height), gradient)
        for box in self.layout.boxes:
            if box.role in roles:
                getattr(self, f"draw_{box.role}")(box, content)

    def draw_image(self, box: Box, content: SlideContent) -> None:
        area = self.panel(box, box.fill)
        if content.image is None:
            return
        picture = _scaled_image(content.image, QSize(int(area.width()), int(area.height())))
        if picture.isNull():
            return
        # Whole-pixel position: a fractional one would resample the image on every slide.
        corner = QPoint(
            round(area.x() + (area.width() - picture.width()) / 2),
            round(area.y() + (area.height() - picture.height()) / 2),
        )
        self.p.drawImage(corner, picture)

    def draw_link(self, box: Box, content: SlideContent) -> None:
        if content.link:
            self.line(box, content.link, self.panel(box, box.fill), box.colour)

    def draw_name(self, box: Box, content: SlideContent) -> None:
        area = self.panel(box, box.fill)
        size = _fit_wrapped(
            content.name,
            self.t.family,
            round(box.size * self.unit),
            box.bold,
            int(area.width()),
            int(area.height()),
        )
        font = slide_font(self.t.family, size, box.bold)
        self.p.setFont(font)
        self.p.setPen(self.colour(box.colour))
        flags = _ALIGN[box.align] | _VALIGN[box.valign] | Qt.TextFlag.TextWordWrap
        self.p.drawText(area, flags, content.name)

    def draw_deal(self, box: Box, content: SlideContent) -> None:
        if not content.deal_text:
            return
        ended = content.deal_phase is DealPhase.ENDED
        fill = (box.ended_fill or box.fill) if ended else box.fill
        colour = (box.ended_colour or box.colour) if ended else box.colour
        self.line(box, content.deal_text, self.panel(box, fill), colour)

    def draw_price(self, box: Box, content: SlideContent) -> None:
        """Currency symbol at half size, amount large, on one baseline."""
        area = self.panel(box, box.fill)
        big = self.font(box)
        small = self.font(box, 0.5)
        big_m, small_m = QFontMetricsF(big), QFontMetricsF(small)
        symbol_w = small_m.horizontalAdvance(content.currency_symbol)
        total = symbol_w + big_m.horizontalAdvance(content.amount)
        if total > area.width():  # shrink both together to fit
            scale = max(SMALLEST_SCALE, area.width() / total)
            big, small = self.font(box, scale), self.font(box, scale * 0.5)
            big_m, small_m = QFontMetricsF(big), QFontMetricsF(small)
            symbol_w = small_m.horizontalAdvance(content.currency_symbol)
            total = symbol_w + big_m.horizontalAdvance(content.amount)
        x = area.x()
        if box.align == "center":
            x += (area.width() - total) / 2
        elif box.align == "right":
            x += area.width() - total
        if box.valign == "top":
            baseline = area.y() + big_m.ascent()
        elif box.valign == "bottom":
            baseline = area.bottom() - big_m.descent()
        else:
            baseline = area.center().y() + (big_m.ascent() - big_m.descent()) / 2
        self.p.setPen(self.colour(box.colour))
        self.p.setFont(small)
        self.p.drawText(QPointF(x, baseline), content.currency_symbol)
        self.p.setFont(big)
        self.p.drawText(QPointF(x + symbol_w, baseline), content.amount)

    def draw_struck(self, box: Box, content: SlideContent) -> None:
        if content.struck:
            self.line(box, content.struck, self.panel(box, box.fill), box.colour, strike=True)

    def draw_points(self, box: Box, content: SlideContent) -> None:
        """One selling point per line, at most ``lines`` of them, each elided to fit."""
        area = self.panel(box, box.fill)
        shown = content.points[: box.lines]
        if not shown:
            return
        row = area.height() / box.lines
        for index, point in enumerate(shown):
            line_area = QRectF(area.x(), area.y() + index * row, area.width(), row)
            self.line(box, f"{self.t.labels.bullet} {point}", line_area, box.colour)

    def draw_stock(self, box: Box, content: SlideContent) -> None:
        if content.stock:
            self.line(box, content.stock, self.panel(box, box.fill), box.colour)

    def draw_guarantee(self, box: Box, content: SlideContent) -> None:
        if content.guarantee:
            self.line(box, content.guarantee, self.panel(box, box.fill), box.colour)


@functools.lru_cache(maxsize=512)
def _fit_line(text: str, family: str, size: int, bold: bool, width: float) -> int:
    """The largest pixel size (down to SMALLEST_SCALE of ``size``) that fits one line."""
    floor = max(1, round(size * SMALLEST_SCALE))
    advance = QFontMetricsF(slide_font(family, size, bold)).horizontalAdvance(text)
    if advance <= width:
        return size
    current = max(floor, math.floor(size * width / advance))
    while current > floor:  # the advance does not scale exactly with the size: check
        if QFontMetricsF(slide_font(family, current, bold)).horizontalAdvance(text) <= width:
            break
        current -= 1
    return current


@functools.lru_cache(maxsize=256)
def _fit_wrapped(text: str, family: str, size: int, bold: bool, width: int, height: int) -> int:
    """The largest pixel size (down to SMALLEST_SCALE of ``size``) whose wrapped text fits."""
    floor = max(1, round(size * SMALLEST_SCALE))
    current = size
    while current > floor:
        metrics = QFontMetricsF(slide_font(family, current, bold))
        bounds = metrics.boundingRect(QRectF(0, 0, width, 1e6), int(Qt.TextFlag.TextWordWrap), text)
        if bounds.height() <= height and bounds.width() <= width:
            return current
        current = max(floor, int(current * 0.92))
    return floor


def _scaled_image(path: Path, size: QSize) -> QImage:
    """The product image scaled to fit ``size`` (cached while the file is unchanged)."""
    try:
        stamp = path.stat().st_mtime_ns
    except OSError as exc:
        log.warning("product image %s cannot be read: %s", path, exc.strerror)
        return QImage()
    return _load_scaled(str(path), stamp, size.width(), size.height())


@functools.lru_cache(maxsize=32)
def _load_scaled(path: str, stamp: int, width: int, height: int) -> QImage:
    picture = QImage(path)
    if picture.isNull():
        log.warning("product image %s is not an image Qt can read", path)
        return picture
    return picture.scaled(
        width,
        height,
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    ).convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
