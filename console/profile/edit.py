"""Changing one top-level section of a profile in place, keeping the rest of the text.

The console edits what the operator changes live (the rundown's order, a product's stock)
by rewriting only that section of the YAML: every other line, comments included, stays as
the operator wrote it. The result is validated as a whole and saved atomically with a
backup (``save_profile_text``); a profile on disk that no longer parses is never touched.
"""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from console.profile.loader import parse_profile
from console.profile.model import Profile, RundownItem
from console.profile.source import Problem, ProfileError, read_text
from console.profile.store import save_profile_text

if TYPE_CHECKING:  # the show package draws with QtGui; the profile stays Qt-free
    from console.show.product import Product


def replace_section(text: str, key: str, value: Any) -> str:
    """``text`` with the top-level ``key`` set to ``value`` (appended if absent)."""
    block = yaml.safe_dump(
        {key: value}, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100
    )
    root = yaml.compose(text)
    if isinstance(root, yaml.MappingNode):
        for key_node, value_node in root.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                start = key_node.start_mark.index
                end = _content_end(text, start, value_node.end_mark.index)
                return text[:start] + block + text[end:]
    return text.rstrip("\n") + "\n\n" + block


def save_section(path: Path, key: str, value: Any) -> Profile:
    """Rewrite one section of the profile at ``path``; ProfileError, file untouched, if the
    file on disk or the result does not validate."""
    text = read_text(path)
    parse_profile(path, text)  # refuse to edit a file that is already broken
    try:
        return save_profile_text(path, replace_section(text, key, value))
    except ProfileError as exc:
        problems = [
            Problem(p.path, p.line, p.col, f"{p.message} (edit refused)") for p in exc.problems
        ]
        raise ProfileError(problems) from None


def _content_end(text: str, start: int, end: int) -> int:
    """Where the section really ends: a block's end mark is the next key, so comment and
    blank lines before that key belong to what follows, and are kept."""
    newline = text.find("\n", end - 1) if end > 0 and text[end - 1] != "\n" else end - 1
    lines = text[start : len(text) if newline < 0 else newline + 1].splitlines(keepends=True)
    while len(lines) > 1 and (not lines[-1].strip() or lines[-1].lstrip().startswith("#")):
        lines.pop()
    return start + sum(len(line) for line in lines)


def product_mapping(product: Product, base_dir: Path) -> dict[str, Any]:
    """A product as the profile writes it: only the keys it states, paths relative."""
    entry: dict[str, Any] = {
        "sku": product.sku,
        "name": product.name,
        "price": _amount(product.price),
    }
    if product.list_price is not None:
        entry["list_price"] = _amount(product.list_price)
    if product.currency != "CNY":
        entry["currency"] = product.currency
    if product.stock is not None:
        entry["stock"] = product.stock
    if product.link_no is not None:
        entry["link_no"] = product.link_no
    if product.images:
        entry["images"] = [_relative(image, base_dir) for image in product.images]
    if product.selling_points:
        entry["selling_points"] = list(product.selling_points)
    if product.specs:
        entry["specs"] = dict(product.specs)
    for key in ("guarantee", "usage"):
        if getattr(product, key):
            entry[key] = getattr(product, key)
    if product.faq:
        entry["faq"] = [{"keywords": list(f.keywords), "answer": f.answer} for f in product.faq]
    if product.deal is not None:
        entry["deal"] = {
            "start": product.deal.start.isoformat(),
            "end": product.deal.end.isoformat(),
            "price": _amount(product.deal.price),
        }
    return entry


def rundown_mapping(item: RundownItem) -> dict[str, Any]:
    entry: dict[str, Any] = {"kind": item.kind, "title": item.title}
    if item.sku is not None:
        entry["sku"] = item.sku
    if item.planned_s is not None:
        entry["planned_s"] = item.planned_s
    return entry


def _amount(value: Decimal) -> int | float | str:
    """A price YAML writes plainly: 69, 39.9; as text where a float would change it."""
    if value == value.to_integral_value():
        return int(value)
    as_float = float(value)
    return as_float if Decimal(repr(as_float)) == value else str(value)


def _relative(path: Path, base_dir: Path) -> str:
    return os.path.relpath(path, base_dir)
