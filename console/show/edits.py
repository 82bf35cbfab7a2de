"""Operator edits of a product during the show, as ``product.set`` applies them.

Each edit is explicit and goes through a command, so it lands in the action log: raising
the stock or restarting an expired deal never happens by itself.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from console.commands import CommandError
from console.show.product import Deal, Product


def with_field(product: Product, field: str, value: str, base_dir: Path = Path()) -> Product:
    """``product`` with one field changed from its command-line text; lists are written
    with ``|`` between items, image paths relative to ``base_dir`` (the profile's folder)."""
    text = value.strip()
    try:
        if field == "images":
            return replace(product, images=tuple(_image(part, base_dir) for part in _items(text)))
        if field == "selling_points":
            return replace(product, selling_points=tuple(_items(text)))
        if field == "price":
            return replace(product, price=_amount(text))
        if field == "list_price":
            return replace(product, list_price=_amount(text) if text else None)
        if field == "stock":
            return replace(product, stock=int(text) if text else None)
        if field == "link_no":
            return replace(product, link_no=int(text) if text else None)
        if field == "name":
            return replace(product, name=text)
        if field == "guarantee":
            return replace(product, guarantee=text or None)
        if field == "usage":
            return replace(product, usage=text or None)
        if field == "deal":
            return replace(product, deal=_deal(text) if text else None)
    except ValueError as exc:  # the product's own checks: positive prices, stock >= 0...
        raise CommandError(f"product.set {product.sku} {field}: {exc}") from None
    raise CommandError(f"product.set: no field {field!r}")


def new_product(sku: str, name: str, price: str) -> Product:
    """A product added during preparation: the three required fields."""
    try:
        return Product(sku=sku, name=name, price=_amount(price))
    except ValueError as exc:
        raise CommandError(f"product.add {sku}: {exc}") from None


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
