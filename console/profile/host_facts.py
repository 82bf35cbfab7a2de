"""Facts in what the host says come from the live catalogue, never from a stale copy.

An FAQ answer or a segment may name a product's fields (``{price}``, ``{link_no}``,
``{stock}``...): they are filled in from the catalogue as it is when the line is said, so an
answer never quotes a price that was just changed. A number written out instead is checked
against the product: a price (``59 元``), a cart link (``3号链接``) or a stock figure that
contradicts the product's current field is reported, by ``--check`` and in the answer
editor. No Qt: the show's deal rules are imported when a line is filled in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from console.show.product import Product

FIELDS: dict[str, str] = {
    "name": "the product's name",
    "price": "the price a viewer pays now (the deal's while it runs)",
    "list_price": "the stated original price",
    "stock": "items left",
    "link_no": "the cart link number",
    "guarantee": "the after-sales promise",
    "usage": "how to use it",
}
"""The fields a line may name, ``{price}``, and what each is."""

PLACEHOLDER = re.compile(r"\{(\w+)\}")
_PRICE = re.compile(r"(?<![\d.{])(\d+(?:\.\d+)?)\s*(?:元|块)")
_LINK = re.compile(r"(?<![\d{])(\d+)\s*号\s*链接")
_STOCK = re.compile(r"(?:库存|还剩|仅剩|只剩)\s*(\d+)")


@dataclass(frozen=True)
class Contradiction:
    """A literal figure in a text that the product's current field contradicts."""

    start: int
    end: int
    message: str


def unknown_fields(text: str) -> list[tuple[int, str]]:
    """(offset, name) of every ``{name}`` that is not a product field."""
    return [(m.start(), m.group(1)) for m in PLACEHOLDER.finditer(text) if m.group(1) not in FIELDS]


def amount_text(amount: Decimal) -> str:
    """69 → "69", 39.90 → "39.9": as the host says it."""
    text = f"{amount.normalize():f}"
    return text


def render(text: str, product: Product | None, now: datetime | None = None) -> str:
    """``text`` with each ``{field}`` filled in from ``product`` as it is now; a field the
    product does not state is left out with its placeholder."""
    if product is None or "{" not in text:
        return text
    from console.show.deal import current_price  # see the module docstring

    moment = now or datetime.now().astimezone()
    values = {
        "name": product.name,
        "price": amount_text(current_price(product, moment)),
        "list_price": amount_text(product.list_price) if product.list_price else "",
        "stock": "" if product.stock is None else str(product.stock),
        "link_no": "" if product.link_no is None else str(product.link_no),
        "guarantee": product.guarantee or "",
        "usage": product.usage or "",
    }
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def contradictions(text: str, product: Product) -> list[Contradiction]:
    """Literal figures in ``text`` that disagree with ``product`` as it is."""
    found: list[Contradiction] = []
    prices = {product.price}
    if product.list_price is not None:
        prices.add(product.list_price)
    if product.deal is not None:
        prices.add(product.deal.price)
    for match in _PRICE.finditer(text):
        try:
            value = Decimal(match.group(1))
        except InvalidOperation:
            continue
        if value not in prices:
            stated = ", ".join(sorted(amount_text(p) for p in prices))
            found.append(
                Contradiction(
                    match.start(),
                    match.end(),
                    f"{match.group(0)!r} does not match {product.sku}'s price ({stated}); "
                    "write {price} to always say the current one",
                )
            )
    for match in _LINK.finditer(text):
        if product.link_no is None or int(match.group(1)) != product.link_no:
            actual = "none" if product.link_no is None else f"{product.link_no}号链接"
            found.append(
                Contradiction(
                    match.start(),
                    match.end(),
                    f"{match.group(0)!r} but {product.sku} is at {actual}; write {{link_no}}号链接",
                )
            )
    for match in _STOCK.finditer(text):
        if product.stock is None or int(match.group(1)) != product.stock:
            found.append(
                Contradiction(
                    match.start(),
                    match.end(),
                    f"{match.group(0)!r} but {product.sku}'s stock is {product.stock}; "
                    "write {stock}",
                )
            )
    return sorted(found, key=lambda c: c.start)
