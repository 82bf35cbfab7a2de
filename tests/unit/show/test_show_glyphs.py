"""Every character a demo slide can show has a glyph in the slide font (no tofu on air)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import yaml
from PySide6.QtWidgets import QApplication

from console.show.content import slide_content
from console.show.fonts import FontMissing, missing_glyphs, require_family, slide_font
from console.show.product import on_air_texts
from console.show.template import load_template
from tests.unit.show.samples import DEMO_PRODUCTS, ROOT, with_deal

CST = timezone(timedelta(hours=8))
NOW = datetime(2024, 4, 16, 18, 30, tzinfo=CST)
DEMO_PROFILE = ROOT / "profiles" / "demo.yaml"


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def demo_texts() -> dict[str, str]:
    """Every text a demo slide can draw: the sample catalogue, the demo profile's products
    (once the profile has them), the template's labels and the texts a slide adds."""
    template = load_template()
    texts: dict[str, str] = {}
    for product in DEMO_PRODUCTS:
        for field, text in on_air_texts(product):
            texts[f"{product.sku}.{field}"] = text
        for moment, label in ((NOW - timedelta(hours=1), "ended"), (NOW, "running")):
            deal = with_deal(product, moment - timedelta(minutes=1), 30, "9.9")
            for index, text in enumerate(slide_content(deal, template, NOW).texts()):
                texts[f"{product.sku}.slide.{label}[{index}]"] = text
    for field, text in template.label_texts():
        texts[field] = text
    profile = yaml.safe_load(Path(DEMO_PROFILE).read_text(encoding="utf-8"))
    for index, text in enumerate(_strings(profile.get("products", []))):
        texts[f"demo.yaml products string {index}"] = text
    for code, symbol in template.currency_symbols.items():
        texts[f"currency.{code}"] = symbol
    return texts


@pytest.mark.parametrize("bold", [False, True], ids=["regular", "bold"])
def test_no_demo_text_has_a_missing_glyph(qapp: QApplication, bold: bool) -> None:
    template = load_template()
    font = slide_font(require_family(template.family), 48, bold)
    missing = {
        field: "".join(sorted(chars))
        for field, text in demo_texts().items()
        if (chars := missing_glyphs(text, font))
    }
    assert missing == {}


def test_a_character_the_font_lacks_is_reported(qapp: QApplication) -> None:
    font = slide_font(require_family(), 48)
    assert missing_glyphs("牛排 🥩 ¥69", font) == {"🥩"}


def test_an_uninstalled_family_fails_clearly(qapp: QApplication) -> None:
    with pytest.raises(FontMissing, match="fonts-noto-cjk"):
        require_family("No Such Font CJK")
