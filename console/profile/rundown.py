"""The ``rundown:`` section: the show's items in order, each product item naming a product."""

from __future__ import annotations

from difflib import get_close_matches
from typing import Any

import yaml

from console.profile.model import RundownItem
from console.profile.nodes import node_at
from console.profile.spec import INTEGER, TEXT, ListOf, Scalar, Variant
from console.profile.validate import Validator

RUNDOWN_ITEM = Variant(
    "kind",
    "what the item is: opening, product, segment (host segment) or break",
    common={
        "title": Scalar(
            TEXT, "name shown in the rundown; a product item defaults to the product's name"
        ),
        "planned_s": Scalar(INTEGER, "planned duration in seconds", minimum=1),
    },
    variants={
        "opening": {},
        "product": {"sku": Scalar(TEXT, "sku of the product this item presents", required=True)},
        "segment": {},
        "break": {},
    },
    help="one item of the show's run",
    noun="rundown item",
)

RUNDOWN = ListOf(
    RUNDOWN_ITEM, "the show's items in order: opening, products, host segments, breaks"
)


def check_rundown(validator: Validator, root: yaml.Node, data: dict[str, Any]) -> None:
    """Product items must name a product of this profile.

    Skipped while some product lacks a valid sku, so one mistake is not reported twice.
    """
    products = data["products"]
    if products is None or any(item is None or item["sku"] is None for item in products):
        return
    skus = [product["sku"] for product in products]
    for index, item in enumerate(data["rundown"] or []):
        sku = None if item is None else item.get("sku")
        if sku is None or sku in skus:
            continue
        close = get_close_matches(sku, skus, n=1)
        if close:
            hint = f" (did you mean {close[0]!r}?)"
        elif skus:
            hint = f" (products: {', '.join(skus)})"
        else:
            hint = " (the profile has no products)"
        node = node_at(root, ["rundown", index, "sku"])
        assert node is not None, "checked values come from nodes"
        validator.report(node, f"rundown[{index}].sku: no product {sku!r}{hint}")


def build_rundown(data: list[dict[str, Any]], names: dict[str, str]) -> tuple[RundownItem, ...]:
    """The rundown from checked data; ``names`` maps each sku to its product's name."""
    items: list[RundownItem] = []
    for item in data:
        sku = item.get("sku")
        title = item["title"] or (names[sku] if sku is not None else item["kind"])
        items.append(RundownItem(item["kind"], title, sku, item["planned_s"]))
    return tuple(items)
