"""Honest urgency: a deal's phase follows its stated times and the clock, nothing else."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from console.show.deal import (
    DealPhase,
    current_price,
    deal_state,
    format_countdown,
    next_boundary,
)
from console.show.product import Deal
from tests.unit.show.samples import STEAK, with_deal

CST = timezone(timedelta(hours=8))
START = datetime(2024, 4, 16, 18, 18, tzinfo=CST)
END = datetime(2024, 4, 16, 19, 0, tzinfo=CST)
DEAL = Deal(START, END, Decimal("59"))


def test_before_the_start_the_deal_is_upcoming_and_counts_to_its_start() -> None:
    state = deal_state(DEAL, START - timedelta(minutes=5))
    assert state.phase is DealPhase.UPCOMING
    assert state.remaining == 300


def test_while_running_it_counts_down_to_the_real_end() -> None:
    state = deal_state(DEAL, END - timedelta(minutes=12, seconds=34))
    assert state.phase is DealPhase.RUNNING
    assert state.whole_seconds == 754
    assert format_countdown(state.whole_seconds) == "12:34"


def test_the_start_is_inclusive_and_the_end_exclusive() -> None:
    assert deal_state(DEAL, START).phase is DealPhase.RUNNING
    assert deal_state(DEAL, END).phase is DealPhase.ENDED


def test_a_countdown_rounds_up_so_it_never_shows_zero_while_the_deal_runs() -> None:
    state = deal_state(DEAL, END - timedelta(milliseconds=200))
    assert state.phase is DealPhase.RUNNING
    assert format_countdown(state.whole_seconds) == "00:01"


@pytest.mark.parametrize("after", [timedelta(0), timedelta(seconds=1), timedelta(days=400)])
def test_an_expired_deal_stays_ended_however_late_it_is(after: timedelta) -> None:
    state = deal_state(DEAL, END + after)
    assert (state.phase, state.remaining) == (DealPhase.ENDED, 0.0)


def test_the_price_returns_to_the_regular_price_when_the_deal_ends() -> None:
    product = with_deal(STEAK, START, 42, "59")
    assert current_price(product, START + timedelta(minutes=1)) == Decimal("59")
    assert current_price(product, END) == STEAK.price == Decimal("69")
    assert current_price(product, START - timedelta(seconds=1)) == Decimal("69")


def test_next_boundary_is_when_the_whole_second_shown_changes() -> None:
    now = END - timedelta(seconds=10, milliseconds=250)
    assert next_boundary(DEAL, now) == END - timedelta(seconds=10)
    assert next_boundary(DEAL, END) is None


def test_naive_times_are_local_times() -> None:
    start = datetime(2024, 4, 16, 18, 18)
    deal = Deal(start, start + timedelta(minutes=42), Decimal("59"))
    assert deal.start.tzinfo is not None
    assert deal_state(deal, start + timedelta(minutes=1)).phase is DealPhase.RUNNING


def test_countdown_formats_hours_and_days() -> None:
    assert format_countdown(3 * 3600 + 62) == "3:01:02"
    assert format_countdown(2 * 86400 + 3600 + 4) == "2天 01:00:04"


@pytest.mark.parametrize(
    ("start", "end", "price"),
    [(END, START, "59"), (START, START, "59"), (START, END, "0"), (START, END, "-1")],
)
def test_a_deal_must_end_after_it_starts_at_a_positive_price(
    start: datetime, end: datetime, price: str
) -> None:
    with pytest.raises(ValueError):
        Deal(start, end, Decimal(price))
