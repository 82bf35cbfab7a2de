"""Draw the demo products' pictures with QtGui: ribeye steak, beef patties, cereal, bricks.

Illustrations, not photographs: the story's room showed its goods only as slides, and the
project ships no third-party photos. Deterministic (fixed seeds), so re-running it gives the
same files. Run from the repository root::

    QT_QPA_PLATFORM=offscreen python assets/products/make_images.py
"""

from __future__ import annotations

import math
import os
import random
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QGuiApplication,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
    QRadialGradient,
)

SIZE = 800
HERE = Path(__file__).resolve().parent


def round_pen(colour: QColor | str, width: float) -> QPen:
    pen = QPen(QColor(colour), width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    return pen


def shadow(p: QPainter, centre: QPointF, rx: float, ry: float, strength: int = 90) -> None:
    """A soft contact shadow under an object."""
    gradient = QRadialGradient(centre, rx)
    gradient.setColorAt(0, QColor(0, 0, 0, strength))
    gradient.setColorAt(1, QColor(0, 0, 0, 0))
    p.save()
    p.translate(centre)
    p.scale(1, ry / rx)
    p.translate(-centre)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(gradient))
    p.drawEllipse(centre, rx, rx)
    p.restore()


def blob(
    cx: float, cy: float, rx: float, ry: float, rng: random.Random, wobble: float
) -> QPainterPath:
    """A closed organic outline around an ellipse, smoothed with quadratic curves."""
    points = []
    count = 14
    for i in range(count):
        angle = 2 * math.pi * i / count
        r = 1 + rng.uniform(-wobble, wobble)
        points.append(QPointF(cx + rx * r * math.cos(angle), cy + ry * r * math.sin(angle)))
    path = QPainterPath()

    def mid(a: QPointF, b: QPointF) -> QPointF:
        return QPointF((a.x() + b.x()) / 2, (a.y() + b.y()) / 2)

    path.moveTo(mid(points[-1], points[0]))
    for i, point in enumerate(points):
        path.quadTo(point, mid(point, points[(i + 1) % count]))
    path.closeSubpath()
    return path


def steak(p: QPainter) -> None:
    rng = random.Random(1)
    # Cutting board with grain.
    shadow(p, QPointF(400, 640), 330, 60)
    board = QRectF(80, 170, 640, 470)
    wood = QLinearGradient(board.topLeft(), board.bottomRight())
    wood.setColorAt(0, QColor("#c8955c"))
    wood.setColorAt(1, QColor("#a8743f"))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(wood)
    p.drawRoundedRect(board, 36, 36)
    p.setPen(QPen(QColor(120, 72, 30, 70), 3))
    for i in range(9):
        y = board.top() + 40 + i * 48
        path = QPainterPath(QPointF(board.left() + 30, y))
        path.cubicTo(
            QPointF(300, y + rng.uniform(-18, 18)),
            QPointF(500, y + rng.uniform(-18, 18)),
            QPointF(board.right() - 30, y + rng.uniform(-8, 8)),
        )
        p.drawPath(path)
    # Steak: a fat rim, red meat, marbling and a fat eye.
    shadow(p, QPointF(400, 470), 230, 40, 120)
    outline = blob(400, 400, 235, 165, rng, 0.07)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#f1dfc0"))
    p.drawPath(outline)
    p.save()
    p.translate(400, 400)
    p.scale(0.9, 0.86)
    p.translate(-400, -400)
    meat = QRadialGradient(QPointF(380, 380), 260)
    meat.setColorAt(0, QColor("#c8323a"))
    meat.setColorAt(1, QColor("#8e1a24"))
    p.setBrush(meat)
    p.drawPath(outline)
    p.setBrush(QColor(250, 226, 220, 215))
    p.drawPath(blob(455, 380, 42, 30, rng, 0.2))  # the "eye" of the ribeye
    for _ in range(42):  # marbling: thin, wavy fat lines
        x, y = rng.uniform(220, 580), rng.uniform(270, 530)
        if ((x - 400) / 220) ** 2 + ((y - 400) / 150) ** 2 > 0.85:
            continue
        p.setPen(QPen(QColor(252, 228, 222, rng.randint(120, 210)), rng.uniform(2, 4.5)))
        path = QPainterPath(QPointF(x, y))
        length = rng.uniform(20, 60)
        angle = rng.uniform(0, math.pi)
        path.quadTo(
            QPointF(
                x + length / 2 * math.cos(angle) + rng.uniform(-10, 10), y + rng.uniform(-10, 10)
            ),
            QPointF(x + length * math.cos(angle), y + length * math.sin(angle) * 0.5),
        )
        p.drawPath(path)
    p.restore()
    # Rosemary sprig and peppercorns.
    p.setPen(round_pen("#5d4a2a", 5))
    stem = QPainterPath(QPointF(560, 600))
    stem.quadTo(QPointF(640, 560), QPointF(700, 470))
    p.drawPath(stem)
    p.setPen(Qt.PenStyle.NoPen)
    for i in range(11):
        t = i / 10
        point = stem.pointAtPercent(t)
        for side in (-1, 1):
            p.save()
            p.translate(point)
            p.rotate(-55 + side * 50 - t * 20)
            p.setBrush(QColor("#3f7a3a") if side < 0 else QColor("#4f8f45"))
            p.drawEllipse(QRectF(0, -5, 38, 10))
            p.restore()
    for _ in range(9):
        p.setBrush(QColor("#2b211b"))
        p.drawEllipse(QPointF(rng.uniform(140, 260), rng.uniform(560, 610)), 7, 7)


def patties(p: QPainter) -> None:
    rng = random.Random(2)
    shadow(p, QPointF(400, 650), 300, 55)
    # Plate.
    plate = QRadialGradient(QPointF(400, 560), 330)
    plate.setColorAt(0, QColor("#ffffff"))
    plate.setColorAt(1, QColor("#dcdad5"))
    p.setPen(QPen(QColor("#c9c6bf"), 3))
    p.setBrush(plate)
    p.drawEllipse(QPointF(400, 560), 320, 110)
    p.setPen(Qt.PenStyle.NoPen)
    for level in range(4):  # a stack of patties, each on a sheet of baking paper
        cy = 530 - level * 66
        p.setBrush(QColor(248, 244, 234))
        p.setPen(QPen(QColor(214, 206, 190), 2))
        p.drawEllipse(QPointF(400, cy + 22), 226, 52)
        p.setPen(Qt.PenStyle.NoPen)
        side = QLinearGradient(0, cy - 10, 0, cy + 45)
        side.setColorAt(0, QColor("#7a4226"))
        side.setColorAt(1, QColor("#4e2814"))
        p.setBrush(side)
        p.drawRoundedRect(QRectF(400 - 205, cy - 10, 410, 50), 30, 30)
        top = QRadialGradient(QPointF(380, cy - 22), 230)
        top.setColorAt(0, QColor("#9a5a35"))
        top.setColorAt(1, QColor("#6b3a20"))
        p.setBrush(top)
        p.drawEllipse(QPointF(400, cy - 10), 205, 62)
        for _ in range(70):  # seared texture
            angle = rng.uniform(0, 2 * math.pi)
            r = math.sqrt(rng.random())
            x = 400 + 190 * r * math.cos(angle)
            y = cy - 10 + 55 * r * math.sin(angle)
            tone = rng.choice(("#4a2412", "#b06d42", "#5c2e17"))
            p.setBrush(QColor(tone))
            p.drawEllipse(QPointF(x, y), rng.uniform(2, 6), rng.uniform(1.5, 3.5))
    # Grill marks on the top patty.
    p.setPen(round_pen(QColor(50, 24, 10, 150), 9))
    top_y = 530 - 3 * 66 - 10
    for i in range(4):
        x = 300 + i * 65
        p.drawLine(QPointF(x - 30, top_y + 30), QPointF(x + 40, top_y - 20))


def cereal(p: QPainter) -> None:
    shadow(p, QPointF(380, 690), 270, 45)
    # Box: front face and a darker side face.
    front = QRectF(170, 110, 360, 560)
    side = QPainterPath()
    side.moveTo(front.topRight())
    side.lineTo(front.right() + 90, front.top() - 45)
    side.lineTo(front.right() + 90, front.bottom() - 45)
    side.lineTo(front.bottomRight())
    side.closeSubpath()
    topface = QPainterPath()
    topface.moveTo(front.topLeft())
    topface.lineTo(front.left() + 90, front.top() - 45)
    topface.lineTo(front.right() + 90, front.top() - 45)
    topface.lineTo(front.topRight())
    topface.closeSubpath()
    p.setPen(Qt.PenStyle.NoPen)
    face = QLinearGradient(front.topLeft(), front.bottomLeft())
    face.setColorAt(0, QColor("#f6b33c"))
    face.setColorAt(1, QColor("#e48a1f"))
    p.setBrush(face)
    p.drawRect(front)
    p.setBrush(QColor("#c46f14"))
    p.drawPath(side)
    p.setBrush(QColor("#fbd07a"))
    p.drawPath(topface)
    # A sun and wheat ears on the front.
    sun = QRadialGradient(QPointF(350, 250), 90)
    sun.setColorAt(0, QColor("#fff4c9"))
    sun.setColorAt(1, QColor("#ffd966"))
    p.setBrush(sun)
    p.drawEllipse(QPointF(350, 250), 80, 80)
    p.setPen(round_pen("#ffe9a0", 8))
    for i in range(12):
        angle = 2 * math.pi * i / 12
        p.drawLine(
            QPointF(350 + 98 * math.cos(angle), 250 + 98 * math.sin(angle)),
            QPointF(350 + 122 * math.cos(angle), 250 + 122 * math.sin(angle)),
        )
    p.setPen(Qt.PenStyle.NoPen)
    for offset, tilt in ((-70, -12), (0, 0), (70, 12)):
        p.save()
        p.translate(350 + offset, 430)
        p.rotate(tilt)
        p.setBrush(QColor("#8a5a1c"))
        p.drawRect(QRectF(-3, 0, 6, 90))
        for k in range(5):
            for s in (-1, 1):
                p.save()
                p.translate(0, -k * 22)
                p.rotate(s * 28)
                p.setBrush(QColor("#fff1c4"))
                p.drawEllipse(QRectF(-9, -26, 18, 34))
                p.restore()
        p.restore()
    # A white band with a bowl of flakes and berries.
    p.setBrush(QColor(255, 255, 255, 235))
    p.drawRect(QRectF(front.left(), 520, front.width(), 110))
    bowl = QPainterPath()
    bowl.moveTo(270, 560)
    bowl.cubicTo(QPointF(280, 630), QPointF(420, 630), QPointF(430, 560))
    bowl.closeSubpath()
    p.setBrush(QColor("#3b6fb6"))
    p.drawPath(bowl)
    rng = random.Random(3)
    for _ in range(26):
        p.setBrush(QColor(rng.choice(("#e9b45c", "#d79a3e", "#f2c879"))))
        p.drawEllipse(QPointF(rng.uniform(282, 418), rng.uniform(540, 562)), 12, 7)
    for x, y in ((320, 540), (365, 534), (395, 546)):
        p.setBrush(QColor("#c0263a"))
        p.drawEllipse(QPointF(x, y), 9, 9)


def bricks(p: QPainter) -> None:
    unit = 64.0  # one stud pitch
    depth = QPointF(34, -26)

    def brick(x: float, y: float, studs: int, colour: str) -> None:
        base = QColor(colour)
        w, h = studs * unit, 0.95 * unit
        front = QRectF(x, y, w, h)
        p.setPen(QPen(base.darker(150), 2))
        p.setBrush(base)
        p.drawRect(front)
        side = QPainterPath(front.topRight())
        side.lineTo(front.topRight() + depth)
        side.lineTo(front.bottomRight() + depth)
        side.lineTo(front.bottomRight())
        side.closeSubpath()
        p.setBrush(base.darker(135))
        p.drawPath(side)
        top = QPainterPath(front.topLeft())
        top.lineTo(front.topLeft() + depth)
        top.lineTo(front.topRight() + depth)
        top.lineTo(front.topRight())
        top.closeSubpath()
        p.setBrush(base.lighter(125))
        p.drawPath(top)
        for i in range(studs):  # studs on the top face
            cx = x + unit * (i + 0.5) + depth.x() / 2
            cy = y + depth.y() / 2
            p.setBrush(base.darker(120))
            p.drawRect(QRectF(cx - 17, cy - 14, 34, 14))
            p.drawEllipse(QPointF(cx, cy), 17, 7)
            p.setBrush(base.lighter(135))
            p.drawEllipse(QPointF(cx, cy - 14), 17, 7)

    shadow(p, QPointF(420, 660), 300, 45)
    rows = (
        (170, 560, 4, "#d7262b"),
        (426, 560, 3, "#1f64c8"),
        (234, 501, 3, "#f4c21b"),
        (426, 501, 2, "#2f9e44"),
        (170, 442, 2, "#1f64c8"),
        (298, 442, 4, "#d7262b"),
        (234, 383, 2, "#f6f6f2"),
        (362, 383, 2, "#f4c21b"),
        (298, 324, 2, "#2f9e44"),
    )
    for x, y, studs, colour in rows:
        brick(x, y, studs, colour)


DRAWINGS: dict[str, Callable[[QPainter], None]] = {
    "ribeye_steak.png": steak,
    "beef_patties.png": patties,
    "cereal.png": cereal,
    "brick_toy.png": bricks,
}


def draw(name: str) -> QImage:
    image = QImage(SIZE, SIZE, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        DRAWINGS[name](painter)
    finally:
        painter.end()
    return image


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication.instance() or QGuiApplication(sys.argv)
    for name in DRAWINGS:
        path = HERE / name
        if not draw(name).save(str(path)):  # format from the .png suffix
            print(f"cannot write {path}", file=sys.stderr)
            return 1
        print(path.relative_to(HERE.parents[1]))
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
