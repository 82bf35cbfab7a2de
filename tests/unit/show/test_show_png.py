"""The slide PNG writer: valid files, equal to the image, re-deflating only what changed."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter
from PySide6.QtWidgets import QApplication

from console.show.png import STRIP_ROWS, PngEncoder, adler32_combine


def _picture(width: int, height: int, alpha: int = 255, label: str = "12:34") -> QImage:
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    gradient = QLinearGradient(0, 0, width, height)
    gradient.setColorAt(0, QColor(200, 30, 20, alpha))
    gradient.setColorAt(1, QColor(20, 40, 200, alpha))
    painter.fillRect(image.rect(), gradient)
    painter.setPen(QColor("white"))
    painter.drawText(QRect(0, height // 2, width, 40), 0, label)
    painter.end()
    return image


@pytest.mark.parametrize("opaque", [True, False], ids=["rgb", "rgba"])
def test_the_file_decodes_to_the_same_pixels(
    qapp: QApplication, tmp_path: Path, opaque: bool
) -> None:
    image = _picture(333, 211, alpha=255 if opaque else 140)
    path = tmp_path / "slide.png"
    PngEncoder().save(path, image, opaque=opaque)
    decoded = QImage(str(path))
    assert not decoded.isNull()
    expected = image.convertToFormat(QImage.Format.Format_ARGB32)
    assert decoded.convertToFormat(QImage.Format.Format_ARGB32) == expected


def test_only_the_strips_that_changed_are_deflated_again(qapp: QApplication) -> None:
    encoder = PngEncoder()
    height = STRIP_ROWS * 10
    first = _picture(640, height, label="12:34")
    encoder.encode(first, opaque=True)
    assert encoder.deflated_strips == 10
    second = encoder.encode(_picture(640, height, label="12:33"), opaque=True)
    assert 1 <= encoder.deflated_strips <= 3
    decoded = QImage.fromData(second)
    assert decoded.convertToFormat(QImage.Format.Format_RGB32) == _picture(
        640, height, label="12:33"
    ).convertToFormat(QImage.Format.Format_RGB32)


def test_a_new_size_starts_afresh(qapp: QApplication) -> None:
    encoder = PngEncoder()
    encoder.encode(_picture(64, 64), opaque=True)
    data = encoder.encode(_picture(80, 48), opaque=True)
    assert QImage.fromData(data).size().toTuple() == (80, 48)


def test_adler32_combine_matches_zlib() -> None:
    a, b = b"slides " * 1000, b"on air" * 777
    combined = adler32_combine(zlib.adler32(a), zlib.adler32(b), len(b))
    assert combined == zlib.adler32(a + b)


def test_a_level_outside_zlib_is_refused() -> None:
    with pytest.raises(ValueError):
        PngEncoder(level=0)


def test_a_rows_hint_skips_the_other_strips_and_gives_the_same_file(
    qapp: QApplication,
) -> None:
    height = STRIP_ROWS * 10
    before, after = _picture(640, height, label="12:34"), _picture(640, height, label="12:33")
    label_rows = (height // 2, height // 2 + 40)
    hinted = PngEncoder()
    hinted.encode(before, opaque=True)
    data = hinted.encode(after, opaque=True, rows=label_rows)
    assert hinted.deflated_strips <= 3
    assert data == PngEncoder().encode(after, opaque=True)
