"""Products on air: the catalogue's products, honest deals, compliance, rendered slides.

No widgets here: slides are drawn with QtGui into QImages, so everything runs (and is
tested) without a window, under ``QT_QPA_PLATFORM=offscreen`` too.
"""

from console.show.compliance import DEFAULT_TERMS, Finding, Hit, TermList, line_col
from console.show.content import SlideContent, format_amount, next_change, slide_content
from console.show.deal import DealPhase, DealState, current_price, deal_state, format_countdown
from console.show.fonts import DEFAULT_FAMILY, FontMissing, missing_glyphs, require_family
from console.show.product import Deal, FaqEntry, Product, on_air_texts
from console.show.slide import SIZES, SlideRenderer, render_slide
from console.show.slides import ComplianceRefused, PushedSlide, SlidePusher, default_output_dir
from console.show.template import SlideTemplate, TemplateError, load_template

__all__ = [
    "DEFAULT_FAMILY",
    "DEFAULT_TERMS",
    "SIZES",
    "ComplianceRefused",
    "Deal",
    "DealPhase",
    "DealState",
    "FaqEntry",
    "Finding",
    "FontMissing",
    "Hit",
    "Product",
    "PushedSlide",
    "SlideContent",
    "SlidePusher",
    "SlideRenderer",
    "SlideTemplate",
    "TemplateError",
    "TermList",
    "current_price",
    "deal_state",
    "default_output_dir",
    "format_amount",
    "format_countdown",
    "line_col",
    "load_template",
    "missing_glyphs",
    "next_change",
    "on_air_texts",
    "render_slide",
    "require_family",
    "slide_content",
]
