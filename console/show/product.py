"""Products as the show sells them: what the profile states, frozen, never invented.

Only ``sku``, ``name`` and ``price`` are required. The list (original) price, the stock and
the deal are shown only when the profile states them: the console never makes up a price to
strike through or a number of items left.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from console.product_fields import EDITABLE


@dataclass(frozen=True)
class FaqEntry:
    """A viewer question the host can answer: keywords that route to it and the answer."""

    keywords: tuple[str, ...]
    answer: str


@dataclass(frozen=True)
class Deal:
    """A real, time-boxed price: from ``start`` (inclusive) to ``end`` (exclusive).

    Naive times are taken as the machine's local time (they are made aware here, so every
    comparison with "now" is between aware datetimes).
    """

    start: datetime
    end: datetime
    price: Decimal

    def __post_init__(self) -> None:
        if self.start.tzinfo is None:
            object.__setattr__(self, "start", self.start.astimezone())
        if self.end.tzinfo is None:
            object.__setattr__(self, "end", self.end.astimezone())
        if self.end <= self.start:
            raise ValueError(f"deal ends ({self.end}) before it starts ({self.start})")
        if self.price <= 0:
            raise ValueError(f"deal price must be a positive amount, not {self.price}")


@dataclass(frozen=True)
class Product:
    """One product of the catalogue, as the profile describes it."""

    sku: str
    name: str
    price: Decimal
    list_price: Decimal | None = None
    currency: str = "CNY"
    stock: int | None = None
    images: tuple[Path, ...] = ()
    selling_points: tuple[str, ...] = ()
    specs: tuple[tuple[str, str], ...] = ()
    """Ordered (label, value) pairs such as ("净含量", "1 kg")."""
    guarantee: str | None = None
    usage: str | None = None
    link_no: int | None = None
    """The cart link number viewers ask for ("3号链接")."""
    faq: tuple[FaqEntry, ...] = ()
    deal: Deal | None = None

    def __post_init__(self) -> None:
        if not self.sku.strip():
            raise ValueError("a product needs a sku")
        if not self.name.strip():
            raise ValueError(f"product {self.sku}: name is empty")
        if self.price <= 0:
            raise ValueError(f"product {self.sku}: price must be positive, not {self.price}")
        if self.list_price is not None and self.list_price <= 0:
            raise ValueError(f"product {self.sku}: list_price must be positive")
        if self.stock is not None and self.stock < 0:
            raise ValueError(f"product {self.sku}: stock cannot be negative")
        if self.link_no is not None and self.link_no < 1:
            raise ValueError(f"product {self.sku}: link_no starts at 1")

    @property
    def image(self) -> Path | None:
        """The image the slide shows: the first one listed."""
        return self.images[0] if self.images else None


def on_air_texts(product: Product) -> Iterator[tuple[str, str]]:
    """Every text of a product that can reach air, as (field, text).

    Field names read like the profile's keys (``selling_points[1]``, ``faq[0].answer``) so
    a compliance report can point at them.
    """
    for field in EDITABLE:
        if not field.on_air:
            continue
        value = getattr(product, field.name)
        if isinstance(value, tuple):
            for index, item in enumerate(value):
                yield f"{field.name}[{index}]", item
        elif value:
            yield field.name, value
    for label, value in product.specs:
        yield f"specs.{label}", label
        yield f"specs.{label}", value
    for index, entry in enumerate(product.faq):
        yield f"faq[{index}].answer", entry.answer
