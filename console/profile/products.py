"""The ``products:`` section: the catalogue, its honesty checks, and the show's Product objects.

Only ``sku``, ``name`` and ``price`` are required. Beyond the schema's per-key checks, a
product is refused when what it states would mislead viewers: a list price (shown struck
through) not above the selling price, a deal that ends before it starts, or a deal price
that is not a reduction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import yaml

from console.product_fields import product_field
from console.profile.nodes import node_at
from console.profile.spec import FILE, INTEGER, TEXT, ListOf, MapOf, Record, Scalar
from console.profile.validate import Entry, Validator
from console.profile.values import AMOUNT, DATETIME

if TYPE_CHECKING:
    from console.show.product import Product

NOT_BLANK = r"(?s).*\S.*"
NOT_BLANK_MEANS = "text that is not blank"
SKU = r"[A-Za-z0-9][A-Za-z0-9._-]*"
SKU_MEANS = "letters, digits, '.', '_' and '-', starting with a letter or digit"


def _help(name: str) -> str:
    return product_field(name).help


def _text(help: str, required: bool = False) -> Scalar:
    return Scalar(TEXT, help, required=required, pattern=NOT_BLANK, means=NOT_BLANK_MEANS)


DEAL = Record(
    {
        "start": Scalar(
            DATETIME, "when the deal price starts, e.g. 2024-04-16T18:18:00+08:00", required=True
        ),
        "end": Scalar(
            DATETIME, "when it ends: the slide's countdown counts to this", required=True
        ),
        "price": Scalar(AMOUNT, "the deal price, lower than the regular price", required=True),
    },
    _help("deal"),
    optional=True,
)

FAQ = Record(
    {
        "keywords": ListOf(
            _text("a word or phrase of a viewer's question, e.g. 多少钱"),
            "words that route a question to this answer",
            required=True,
            min_items=1,
        ),
        "answer": _text("what the host answers (checked for prohibited terms)", required=True),
    },
    "a viewer question the host can answer",
)

PRODUCT = Record(
    {
        "sku": Scalar(
            TEXT,
            "product id used in commands (slide.show steak-ribeye-1kg)",
            required=True,
            pattern=SKU,
            means=SKU_MEANS,
        ),
        "name": _text(_help("name"), required=True),
        "price": Scalar(AMOUNT, _help("price"), required=True),
        "list_price": Scalar(AMOUNT, _help("list_price")),
        "currency": Scalar(
            TEXT,
            "ISO 4217 currency code",
            "CNY",
            pattern=r"[A-Z]{3}",
            means="three capital letters such as CNY",
        ),
        "stock": Scalar(INTEGER, _help("stock"), minimum=0),
        "images": ListOf(Scalar(FILE, "an image file, relative to the profile"), _help("images")),
        "selling_points": ListOf(
            _text("one selling point (checked for prohibited terms)"), _help("selling_points")
        ),
        "specs": MapOf(
            Scalar(TEXT, "spec label such as 净含量"),
            Scalar(TEXT, "its value such as 1 kg", required=True),
            "specifications as label: value, in order",
            duplicate="spec {!r} given twice",
        ),
        "guarantee": _text(_help("guarantee")),
        "usage": _text(_help("usage")),
        "link_no": Scalar(INTEGER, _help("link_no"), minimum=1),
        "faq": ListOf(FAQ, "viewer questions the host can answer, with their answers"),
        "deal": DEAL,
    },
    "one product of the show",
)

PRODUCTS = ListOf(
    PRODUCT,
    "the products of the show; only sku, name and price are required",
    unique=(("sku", "duplicate sku {!r}"), ("link_no", "duplicate link_no {}")),
)


def check_products(validator: Validator, root: yaml.Node, data: dict[str, Any]) -> None:
    """Report prices and deals that would mislead viewers (the schema checked the rest)."""
    for index, product in enumerate(data["products"] or []):
        if product is None:
            continue
        where = f"products[{index}]"
        price = product["price"]
        list_price = product["list_price"]
        if price is not None and list_price is not None and list_price <= price:
            validator.report(
                _node(root, index, "list_price"),
                f"{where}.list_price: list_price must be higher than price ({price}): a "
                "struck-through price lower than the selling price misleads viewers",
            )
        deal = product["deal"]
        if not isinstance(deal, dict):
            continue
        start, end = deal["start"], deal["end"]
        if start is not None and end is not None and end.astimezone() <= start.astimezone():
            when = "before" if end.astimezone() < start.astimezone() else "as soon as"
            validator.report(
                _node(root, index, "deal", "end"),
                f"{where}.deal.end: deal ends {when} it starts ({start.isoformat()})",
            )
        if price is not None and deal["price"] is not None and deal["price"] >= price:
            validator.report(
                _node(root, index, "deal", "price"),
                f"{where}.deal.price: a deal price must be lower than the price ({price})",
            )


def _node(root: yaml.Node, index: int, *keys: str) -> yaml.Node:
    node = node_at(root, ["products", index, *keys])
    assert node is not None, "checked values come from nodes"
    return node


def build_products(data: list[dict[str, Any]]) -> tuple[Product, ...]:
    """The show's products from checked data."""
    return tuple(_product(item) for item in data)


def _product(data: dict[str, Any]) -> Product:
    from console.show.product import Deal, FaqEntry, Product  # see console.profile.model

    specs: list[Entry] = data["specs"]
    deal = data["deal"]
    return Product(
        sku=data["sku"],
        name=data["name"],
        price=data["price"],
        list_price=data["list_price"],
        currency=data["currency"],
        stock=data["stock"],
        images=tuple(data["images"]),
        selling_points=tuple(data["selling_points"]),
        specs=tuple((entry.key, entry.value) for entry in specs),
        guarantee=data["guarantee"],
        usage=data["usage"],
        link_no=data["link_no"],
        faq=tuple(FaqEntry(tuple(faq["keywords"]), faq["answer"]) for faq in data["faq"]),
        deal=None if deal is None else Deal(deal["start"], deal["end"], deal["price"]),
    )
