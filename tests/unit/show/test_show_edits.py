"""product.set: explicit operator edits of a product."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from console.catalog import catalog
from console.commands import CommandError
from console.product_fields import EDITABLE, NAMES
from console.profile.products import PRODUCT
from console.show.edits import field_text, with_field
from tests.unit.show.samples import STEAK


def test_stock_and_prices_change() -> None:
    assert with_field(STEAK, "stock", "450").stock == 450
    assert with_field(STEAK, "price", "65.5").price == Decimal("65.5")
    assert with_field(STEAK, "list_price", "").list_price is None


def test_a_deal_is_set_from_start_end_price_and_cleared() -> None:
    dealt = with_field(STEAK, "deal", "2026-11-28T20:00 2026-11-28T21:00 49")
    assert dealt.deal is not None and dealt.deal.price == Decimal("49")
    assert with_field(dealt, "deal", "").deal is None


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("price", "-3", "not a positive amount"),
        ("price", "", "not a positive amount|''"),
        ("stock", "-1", "stock cannot be negative"),
        ("stock", "lots", "invalid literal"),
        ("deal", "2026-11-28T21:00 2026-11-28T20:00 49", "ends"),
        ("colour", "red", "no field 'colour'"),
    ],
)
def test_bad_edits_are_refused_with_a_reason(field: str, value: str, message: str) -> None:
    with pytest.raises(CommandError, match=message):
        with_field(STEAK, field, value)


def test_every_editable_field_reads_back_what_it_shows() -> None:
    """The editor shows each field as text; ``product.set`` with that text changes nothing."""
    base = STEAK.images[0].parent if STEAK.images else Path()
    dealt = with_field(STEAK, "deal", "2026-11-28T20:00 2026-11-28T21:00 49")
    for field in EDITABLE:
        text = field_text(dealt, field.name, base)
        assert getattr(with_field(dealt, field.name, text, base), field.name) == getattr(
            dealt, field.name
        ), field.name


def test_the_field_table_is_what_the_profile_and_the_command_know() -> None:
    product_keys = set(PRODUCT.fields)
    assert set(NAMES) <= product_keys
    help_text = catalog().spec("product.set").args[1].help
    assert all(name in help_text for name in NAMES)


def test_an_unknown_field_names_the_known_ones() -> None:
    with pytest.raises(CommandError, match=r"no field 'colour' .*selling_points"):
        with_field(STEAK, "colour", "red")
