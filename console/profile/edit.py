"""Changing one top-level section of a profile in place, keeping the rest of the text.

The console edits what the operator changes live (the rundown's order, a product's stock)
by setting only that section of the YAML, with ruamel.yaml's round trip
(:mod:`console.profile.roundtrip`): comments, key order, quoting and blank lines stay as
the operator wrote them, inside the section too, and only the values that changed are
written anew. The result must validate as a whole, and must mean the same as before in
every other section, before it is saved atomically with backups (``save_text_atomic``);
a profile on disk that no longer parses is never touched.
"""

from __future__ import annotations

import os
import threading
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from console.profile.keys import HotkeyError, canonical_hotkey
from console.profile.loader import parse_profile
from console.profile.model import Profile, RundownItem
from console.profile.roundtrip import rename_key, set_section
from console.profile.source import Problem, ProfileError, read_text
from console.profile.store import save_text_atomic

if TYPE_CHECKING:  # the show package draws with QtGui; the profile stays Qt-free
    from console.show.product import Product


def replace_section(text: str, key: str, value: Any) -> str:
    """``text`` with the top-level ``key`` set to ``value`` (appended if absent)."""
    return set_section(text, key, value)


_EDITING = threading.Lock()
"""One edit of a profile at a time, whichever thread saves it (the show's product edits,
the window's rebinding): each reads the file, changes it and writes it back whole."""


def save_section(path: Path, key: str, value: Any) -> Profile:
    """Rewrite one section of the profile at ``path``; ProfileError, file untouched, if the
    file on disk or the result does not validate."""
    with _EDITING:
        text = read_text(path)
        current = parse_profile(path, text)  # refuse to edit a file that is already broken
        if key == "rundown":
            value = [_without_derived_title(entry, current) for entry in value]
        return _save_edit(path, text, replace_section(text, key, value), key)


def rebind_hotkey(path: Path, old: str, new: str) -> Profile:
    """Move the binding of the canonical hotkey ``old`` to the key ``new`` in the profile at
    ``path``, where it was written, with its command, global mark and comments; ProfileError,
    file untouched, if the file on disk or the result does not validate (``new`` bound
    already, say)."""
    with _EDITING:
        text = read_text(path)
        current = parse_profile(path, text)
        bound = next((h for h in current.hotkeys if h.key == old), None)
        if bound is None:
            raise ProfileError([Problem(path, 1, 1, f"no hotkey {old} to rebind (edit refused)")])
        try:
            key = canonical_hotkey(new)
        except HotkeyError as exc:
            problem = Problem(path, bound.line, bound.col, f"{exc} (edit refused)")
            raise ProfileError([problem]) from None
        taken = next((h for h in current.hotkeys if h.key == key), None)
        if taken is not None:
            message = f"hotkey {key} is bound to {taken.command} already (edit refused)"
            raise ProfileError([Problem(path, taken.line, taken.col, message)])
        written = _written_key(text, bound.line)
        return _save_edit(path, text, rename_key(text, "hotkeys", written, key), "hotkeys")


def _written_key(text: str, line: int) -> str:
    """The hotkey as the profile spells it (``shift+ctrl+f5``), from its line."""
    root = yaml.compose(text, Loader=_COMPOSER)
    assert isinstance(root, yaml.MappingNode), "the profile validated"
    hotkeys = next(value for key, value in root.value if key.value == "hotkeys")
    written: str = next(k.value for k, _ in hotkeys.value if k.start_mark.line + 1 == line)
    return written


def _save_edit(path: Path, text: str, edited: str, key: str) -> Profile:
    """Save ``edited`` (``text`` with ``key`` changed) if it validates and changes only
    ``key``; the profile it describes."""
    try:
        profile = parse_profile(path, edited)
    except ProfileError as exc:
        problems = [
            Problem(p.path, p.line, p.col, f"{p.message} (edit refused)") for p in exc.problems
        ]
        raise ProfileError(problems) from None
    _check_only_section_changed(path, text, edited, key)
    save_text_atomic(path, edited)
    return profile


def _without_derived_title(entry: dict[str, Any], profile: Profile) -> dict[str, Any]:
    """A product item's title is left out when it is the product's name (the default), so
    the file keeps saying "the product's name" and follows a renamed product."""
    sku = entry.get("sku")
    names = {product.sku: product.name for product in profile.products}
    if sku is not None and entry.get("title") == names.get(sku):
        return {k: v for k, v in entry.items() if k != "title"}
    return entry


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""PyYAML's safe loader, in C where it was built with libyaml (both validated already)."""
_COMPOSER = yaml.SafeLoader
"""Composes with line numbers that match the validator's."""


def _check_only_section_changed(path: Path, before: str, after: str, key: str) -> None:
    """Refuse an edit that would change what any other section says (a bug, not the
    operator's doing, but a profile is too precious to find out on air)."""
    old, new = yaml.load(before, Loader=_LOADER), yaml.load(after, Loader=_LOADER)
    changed = sorted(k for k in set(old) | set(new) if k != key and old.get(k) != new.get(k))
    if changed:
        message = f"editing {key} would also change {', '.join(map(str, changed))} (edit refused)"
        raise ProfileError([Problem(path, 1, 1, message)])


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
