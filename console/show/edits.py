"""Operator edits of a product during the show, as ``product.set`` applies them.

Each edit is explicit and goes through a command, so it lands in the action log: raising
the stock or restarting an expired deal never happens by itself.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from console.commands import CommandError, ErrorCode
from console.product_fields import NAMES, Shape, product_field
from console.show.product import Deal, Product


def with_field(product: Product, field: str, value: str, base_dir: Path = Path()) -> Product:
    """``product`` with one field changed from its command-line text; lists are written
    with ``|`` between items, image paths relative to ``base_dir`` (the profile's folder)."""
    try:
        shape = product_field(field).shape
    except KeyError:
        raise CommandError(
            f"product.set: no field {field!r} (fields: {', '.join(NAMES)})", ErrorCode.BAD_ARGUMENT
        ) from None
    try:
        return replace(product, **{field: _PARSE[shape](value.strip(), base_dir)})
    except ValueError as exc:  # the product's own checks: positive prices, stock >= 0...
        raise CommandError(
            f"product.set {product.sku} {field}: {exc}", ErrorCode.BAD_ARGUMENT
        ) from None


def field_text(product: Product, field: str, base_dir: Path) -> str:
    """A field as the text ``product.set`` takes (what the editor shows)."""
    value = getattr(product, field)
    shape = product_field(field).shape
    if value is None:
        return ""
    if shape is Shape.IMAGES:
        return " | ".join(os.path.relpath(image, base_dir) for image in value)
    if shape is Shape.LIST:
        return " | ".join(value)
    if shape is Shape.DEAL:
        deal: Deal = value
        start, end = (t.isoformat(timespec="minutes") for t in (deal.start, deal.end))
        return f"{start} {end} {deal.price}"
    return str(value)


def _optional(parse: Callable[[str, Path], Any]) -> Callable[[str, Path], Any]:
    return lambda text, base: parse(text, base) if text else None


_PARSE: dict[Shape, Callable[[str, Path], Any]] = {
    Shape.TEXT: lambda text, base: text,
    Shape.OPTIONAL_TEXT: lambda text, base: text or None,
    Shape.AMOUNT: lambda text, base: _amount(text),
    Shape.OPTIONAL_AMOUNT: _optional(lambda text, base: _amount(text)),
    Shape.COUNT: _optional(lambda text, base: int(text)),
    Shape.LIST: lambda text, base: tuple(_items(text)),
    Shape.IMAGES: lambda text, base: tuple(_image(part, base) for part in _items(text)),
    Shape.DEAL: _optional(lambda text, base: _deal(text)),
}


def new_product(sku: str, name: str, price: str) -> Product:
    """A product added during preparation: the three required fields."""
    try:
        return Product(sku=sku, name=name, price=_amount(price))
    except ValueError as exc:
        raise CommandError(f"product.add {sku}: {exc}", ErrorCode.BAD_ARGUMENT) from None


def _items(text: str) -> list[str]:
    return [part.strip() for part in text.split("|") if part.strip()]


def _image(text: str, base_dir: Path) -> Path:
    path = (base_dir / text).resolve()
    if not path.is_file():
        raise ValueError(f"image not found: {path}")
    return path


def _amount(text: str) -> Decimal:
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"{text!r} is not an amount") from None
    if not amount.is_finite() or amount <= 0:
        raise ValueError(f"{text} is not a positive amount")
    return amount


def _deal(text: str) -> Deal:
    parts = text.split()
    if len(parts) != 3:
        raise ValueError("deal takes START END PRICE, e.g. 2026-11-28T20:00 2026-11-28T21:00 49")
    start, end = (datetime.fromisoformat(part) for part in parts[:2])
    return Deal(start, end, _amount(parts[2]))
