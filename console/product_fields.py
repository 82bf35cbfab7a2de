"""The fields of a product an operator edits, declared once.

The profile's schema takes its help from here, ``product.set`` parses and the product
editor labels and formats by each field's shape, and the compliance check reads the texts
that reach air from the fields marked ``on_air``. Plain data: the command catalogue lists
the names without importing any feature.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from console.text import Text


class Shape(enum.Enum):
    """How a field is written as text (in ``product.set`` and the editor)."""

    TEXT = "text"
    OPTIONAL_TEXT = "optional text"
    AMOUNT = "amount"
    OPTIONAL_AMOUNT = "optional amount"
    COUNT = "optional whole number"
    LIST = "list: a | b | c"
    IMAGES = "image files: a | b"
    DEAL = "deal: START END PRICE"


@dataclass(frozen=True)
class ProductField:
    name: str
    shape: Shape
    label: Text
    """What the product editor calls it."""
    help: str
    """One line for the profile reference and the command's help."""
    on_air: bool = False
    """Its text reaches air: checked for prohibited terms."""


EDITABLE = (
    ProductField(
        "name", Shape.TEXT, Text("product", "Name"), "product name as shown on air", on_air=True
    ),
    ProductField(
        "price", Shape.AMOUNT, Text("product", "Price (¥)"), "selling price, e.g. 69 or 69.90"
    ),
    ProductField(
        "list_price",
        Shape.OPTIONAL_AMOUNT,
        Text("product", "List price (¥, only a real one)"),
        "original price, struck through on the slide: only one that really applied",
    ),
    ProductField(
        "stock",
        Shape.COUNT,
        Text("product", "Stock left"),
        "items left, shown on the slide; leave out to show none",
    ),
    ProductField(
        "link_no",
        Shape.COUNT,
        Text("product", "Cart link no."),
        "cart link number viewers ask for (N号链接)",
    ),
    ProductField(
        "images",
        Shape.IMAGES,
        Text("product", "Images (a | b)"),
        "product pictures; the first one is on the slide",
    ),
    ProductField(
        "selling_points",
        Shape.LIST,
        Text("product", "Selling points (a | b)"),
        "selling points shown on the slide, in order",
        on_air=True,
    ),
    ProductField(
        "guarantee",
        Shape.OPTIONAL_TEXT,
        Text("product", "Guarantee"),
        "the after-sales promise, e.g. 7天无理由退货",
        on_air=True,
    ),
    ProductField(
        "usage",
        Shape.OPTIONAL_TEXT,
        Text("product", "Usage"),
        "how to use or prepare the product",
        on_air=True,
    ),
    ProductField(
        "deal",
        Shape.DEAL,
        Text("product", "Deal: START END PRICE"),
        "a real, time-boxed price; times without an offset are local time",
    ),
)

NAMES = tuple(field.name for field in EDITABLE)
_BY_NAME = {field.name: field for field in EDITABLE}


def product_field(name: str) -> ProductField:
    """The field called ``name``; KeyError if products have no such editable field."""
    return _BY_NAME[name]
