"""product.set: explicit operator edits of a product."""

from __future__ import annotations

from decimal import Decimal

import pytest

from console.commands import CommandError
from console.show.edits import with_field
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
