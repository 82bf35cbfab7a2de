"""Slide templates: declarative layouts in ``assets/slides/*.json``.

A template names a font family, a palette, the words a slide adds around the product's
own texts (labels, checked for compliance like every on-air text), and one layout per
orientation. A layout is a background gradient and boxes, one per role::

    "price": {"rect": [52, 46, 30, 20], "size": 15, "bold": true, "colour": "price"}

``rect`` is x, y, width, height in percent of the canvas width and height, so one layout
serves 1280x720 and 1920x1080 alike. ``size`` (font pixel size), ``radius`` and ``padding``
are in percent of the canvas's short side. A role without a box is not drawn.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

ASSETS = Path(__file__).resolve().parents[2] / "assets"
DEFAULT_TEMPLATE = ASSETS / "slides" / "product.json"

ROLES = ("image", "link", "name", "deal", "price", "struck", "points", "stock", "guarantee")
ALIGNS = ("left", "center", "right")
VALIGNS = ("top", "center", "bottom")
_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")


class TemplateError(ValueError):
    """A template that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Labels:
    """Words the slide adds around the product's texts; ``{...}`` are filled in."""

    link: str = "{n}号链接"
    stock: str = "库存 {n} 件"
    sold_out: str = "已售罄"
    deal_running: str = "限时价 · 距结束 {remaining}"
    deal_upcoming: str = "{start} 开始 · 限时价 {price}"
    deal_ended: str = "活动已结束"
    days: str = "{d}天 "
    bullet: str = "•"


# Placeholders each label must accept (checked at load with sample values).
_LABEL_SAMPLES: dict[str, dict[str, object]] = {
    "link": {"n": 3},
    "stock": {"n": 120},
    "deal_running": {"remaining": "12:34"},
    "deal_upcoming": {"start": "18:18", "price": "¥59"},
    "days": {"d": 2},
}


@dataclass(frozen=True)
class Box:
    """Where and how one role is drawn."""

    role: str
    rect: tuple[float, float, float, float]
    size: float = 4.0
    bold: bool = False
    colour: str = "text"
    fill: str | None = None
    radius: float = 0.0
    padding: float = 0.0
    align: str = "left"
    valign: str = "top"
    lines: int = 1
    ended_colour: str | None = None
    """Deal box once the deal ended (defaults to ``colour``)."""
    ended_fill: str | None = None


@dataclass(frozen=True)
class Layout:
    """One orientation: background gradient (top, bottom colours) and boxes in draw order."""

    background: tuple[str, str]
    boxes: tuple[Box, ...]

    def box(self, role: str) -> Box | None:
        return next((box for box in self.boxes if box.role == role), None)


@dataclass(frozen=True, eq=False)
class SlideTemplate:
    """A loaded, checked template."""

    name: str
    family: str
    palette: Mapping[str, str]
    labels: Labels
    currency_symbols: Mapping[str, str]
    landscape: Layout
    portrait: Layout

    def layout(self, width: int, height: int) -> Layout:
        """Portrait for canvases taller than wide (phone live rooms), else landscape."""
        return self.portrait if height > width else self.landscape

    def colour(self, name: str) -> str:
        """A palette name or a literal ``#rrggbb``/``#aarrggbb`` colour."""
        return name if name.startswith("#") else self.palette[name]

    @property
    def opaque(self) -> bool:
        """True when both layouts' backgrounds are opaque: every pixel of a slide is."""
        colours = (*self.landscape.background, *self.portrait.background)
        return all(len(c := self.colour(name)) == 7 or c[1:3].lower() == "ff" for name in colours)

    def currency_symbol(self, currency: str) -> str:
        return self.currency_symbols.get(currency, f"{currency} ")

    def label_texts(self) -> Iterator[tuple[str, str]]:
        """(field, text) of every label, for the compliance check."""
        for item in fields(Labels):
            yield f"labels.{item.name}", str(getattr(self.labels, item.name))


def load_template(path: Path = DEFAULT_TEMPLATE) -> SlideTemplate:
    """Read and check a template file; TemplateError says what is wrong and where."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise TemplateError(f"{path}: cannot read slide template: {exc.strerror}") from None
    except json.JSONDecodeError as exc:
        raise TemplateError(f"{path}:{exc.lineno}:{exc.colno}: {exc.msg}") from None
    return _Reader(path).template(document)


class _Reader:
    """Turns the JSON document into a SlideTemplate, naming the key of each problem."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, where: str, problem: str) -> TemplateError:
        return TemplateError(f"{self.path}: {where}: {problem}")

    def mapping(self, value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, "must be an object")
        return value

    def text(self, value: Any, where: str) -> str:
        if not isinstance(value, str) or not value:
            raise self.fail(where, "must be a non-empty string")
        return value

    def template(self, document: Any) -> SlideTemplate:
        top = self.mapping(document, "template")
        unknown = set(top) - {"name", "font_family", "palette", "labels", "currency", "layouts"}
        if unknown:
            raise self.fail(", ".join(sorted(unknown)), "unknown key")
        palette = {
            name: self.colour_literal(value, f"palette.{name}")
            for name, value in self.mapping(top.get("palette", {}), "palette").items()
        }
        layouts = self.mapping(top.get("layouts"), "layouts")
        template = SlideTemplate(
            name=self.text(top.get("name", self.path.stem), "name"),
            family=self.text(top.get("font_family", "Noto Sans CJK SC"), "font_family"),
            palette=palette,
            labels=self.labels(top.get("labels", {})),
            currency_symbols={
                code: self.text(symbol, f"currency.{code}")
                for code, symbol in self.mapping(top.get("currency", {}), "currency").items()
            },
            landscape=self.layout(layouts.get("landscape"), "layouts.landscape", palette),
            portrait=self.layout(layouts.get("portrait"), "layouts.portrait", palette),
        )
        return template

    def labels(self, value: Any) -> Labels:
        given = self.mapping(value, "labels")
        known = {item.name for item in fields(Labels)}
        for key in given:
            if key not in known:
                raise self.fail(f"labels.{key}", f"unknown label (known: {', '.join(known)})")
        labels = Labels(**{key: self.text(text, f"labels.{key}") for key, text in given.items()})
        for key, sample in _LABEL_SAMPLES.items():
            try:
                str(getattr(labels, key)).format(**sample)
            except (KeyError, IndexError, ValueError) as exc:
                names = ", ".join("{" + name + "}" for name in sample)
                raise self.fail(f"labels.{key}", f"bad placeholder {exc}; use {names}") from None
        return labels

    def colour_literal(self, value: Any, where: str) -> str:
        if not isinstance(value, str) or not _COLOUR.match(value):
            raise self.fail(where, "must be a colour like #rrggbb or #aarrggbb")
        return value

    def colour_ref(self, value: Any, where: str, palette: Mapping[str, str]) -> str:
        if isinstance(value, str) and (value in palette or _COLOUR.match(value)):
            return value
        raise self.fail(where, f"{value!r} is neither a palette colour nor #rrggbb")

    def layout(self, value: Any, where: str, palette: Mapping[str, str]) -> Layout:
        layout = self.mapping(value, where)
        background = layout.get("background")
        if not isinstance(background, list) or len(background) != 2:
            raise self.fail(f"{where}.background", "must be [top colour, bottom colour]")
        top, bottom = (
            self.colour_ref(colour, f"{where}.background", palette) for colour in background
        )
        boxes = self.mapping(layout.get("boxes"), f"{where}.boxes")
        return Layout(
            (top, bottom),
            tuple(
                self.box(role, spec, f"{where}.boxes.{role}", palette)
                for role, spec in boxes.items()
            ),
        )

    def box(self, role: str, value: Any, where: str, palette: Mapping[str, str]) -> Box:
        if role not in ROLES:
            raise self.fail(where, f"unknown role (roles: {', '.join(ROLES)})")
        spec = dict(self.mapping(value, where))
        rect = spec.pop("rect", None)
        if (
            not isinstance(rect, list)
            or len(rect) != 4
            or not all(isinstance(v, int | float) and 0 <= v <= 100 for v in rect)
            or rect[0] + rect[2] > 100.001
            or rect[1] + rect[3] > 100.001
            or rect[2] <= 0
            or rect[3] <= 0
        ):
            raise self.fail(f"{where}.rect", "must be [x, y, w, h] in percent, inside 0-100")
        options: dict[str, Any] = {}
        for key, raw in spec.items():
            options[key] = self.option(key, raw, f"{where}.{key}", palette)
        return Box(role, (rect[0], rect[1], rect[2], rect[3]), **options)

    def option(self, key: str, raw: Any, where: str, palette: Mapping[str, str]) -> Any:
        if key in ("size", "radius", "padding"):
            if not isinstance(raw, int | float) or isinstance(raw, bool) or raw < 0:
                raise self.fail(where, "must be a number >= 0 (percent of the short side)")
            return float(raw)
        if key == "bold":
            if not isinstance(raw, bool):
                raise self.fail(where, "must be true or false")
            return raw
        if key in ("colour", "fill", "ended_colour", "ended_fill"):
            return self.colour_ref(raw, where, palette)
        if key == "align" and raw in ALIGNS:
            return raw
        if key == "valign" and raw in VALIGNS:
            return raw
        if key in ("align", "valign"):
            choices = ALIGNS if key == "align" else VALIGNS
            raise self.fail(where, f"must be one of {', '.join(choices)}")
        if key == "lines":
            if not isinstance(raw, int) or isinstance(raw, bool) or raw < 1:
                raise self.fail(where, "must be a whole number >= 1")
            return raw
        raise self.fail(where, "unknown box option")
