"""The CJK font slides are drawn with, and a check for characters it cannot draw.

Slides use Noto Sans CJK (Debian: ``fonts-noto-cjk``), found through fontconfig by family
name. A missing family is an error, never a silent fallback: Qt would otherwise pick any
font and Chinese text would come out as boxes ("tofu") on air.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QRawFont

DEFAULT_FAMILY = "Noto Sans CJK SC"
INSTALL_HINT = "install the Noto CJK fonts (Debian/Ubuntu: apt-get install fonts-noto-cjk)"


class FontMissing(RuntimeError):
    """The slide font is not installed (or no Qt application exists to look it up)."""


def require_family(family: str = DEFAULT_FAMILY) -> str:
    """Return ``family`` if Qt can use it; raise FontMissing saying how to fix it."""
    if QGuiApplication.instance() is None:
        raise FontMissing("fonts can only be looked up once a QGuiApplication exists")
    if family not in QFontDatabase.families():
        raise FontMissing(f"font family {family!r} is not installed: {INSTALL_HINT}")
    return family


def slide_font(family: str, pixel_size: int, bold: bool = False) -> QFont:
    """A font of ``family`` at an exact pixel size, with no fallback merging by style."""
    font = QFont(family)
    font.setPixelSize(max(1, pixel_size))
    font.setBold(bold)
    font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def missing_glyphs(text: str, font: QFont) -> set[str]:
    """Characters of ``text`` that ``font`` itself has no glyph for (whitespace ignored).

    Asks the font's own character map (QRawFont), not Qt's fallback chain: a character
    listed here would be drawn from some other font, or as a box.
    """
    raw = QRawFont.fromFont(font)
    if not raw.isValid():
        raise FontMissing(f"font {font.family()!r} could not be loaded: {INSTALL_HINT}")
    return {
        char for char in set(text) if not char.isspace() and not raw.supportsCharacter(ord(char))
    }
