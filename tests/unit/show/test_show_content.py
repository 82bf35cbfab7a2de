"""What a slide says: prices only as stated, deal lines, stock, link number."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from console.show.content import format_amount, next_change, slide_content
from console.show.deal import DealPhase
from console.show.template import SlideTemplate, load_template
from tests.unit.show.samples import CEREAL, PATTIES, STEAK, with_deal

CST = timezone(timedelta(hours=8))
NOW = datetime(2024, 4, 16, 18, 30, tzinfo=CST)


@pytest.fixture(scope="module")
def template() -> SlideTemplate:
    return load_template()


def test_without_a_deal_the_regular_price_and_the_stated_list_price(
    template: SlideTemplate,
) -> None:
    content = slide_content(STEAK, template, NOW)
    assert (content.price, content.struck) == ("¥69", "¥129")
    assert (content.deal_phase, content.deal_text) == (None, None)
    assert content.link == "1号链接"
    assert content.stock == "库存 500 件"


def test_no_list_price_means_nothing_struck_through(template: SlideTemplate) -> None:
    content = slide_content(CEREAL, template, NOW)
    assert (content.price, content.struck) == ("¥39.90", None)


def test_a_list_price_below_the_price_is_not_struck_through(template: SlideTemplate) -> None:
    content = slide_content(replace(STEAK, list_price=Decimal("60")), template, NOW)
    assert content.struck is None


def test_a_running_deal_shows_its_price_the_real_end_and_the_regular_price(
    template: SlideTemplate,
) -> None:
    product = replace(with_deal(CEREAL, NOW - timedelta(minutes=5), 17.5, "29.9"))
    content = slide_content(product, template, NOW)
    assert content.deal_phase is DealPhase.RUNNING
    assert content.deal_text == "限时价 · 距结束 12:30"
    assert (content.price, content.struck) == ("¥29.90", "¥39.90")


def test_an_upcoming_deal_shows_when_it_starts_and_the_regular_price(
    template: SlideTemplate,
) -> None:
    product = with_deal(PATTIES, NOW + timedelta(minutes=15), 30, "49")
    content = slide_content(product, template, NOW)
    assert content.deal_phase is DealPhase.UPCOMING
    assert content.deal_text == "18:45 开始 · 限时价 ¥49"
    assert content.price == "¥59"


def test_an_ended_deal_says_so_and_shows_the_regular_price(template: SlideTemplate) -> None:
    product = with_deal(PATTIES, NOW - timedelta(hours=1), 30, "49")
    content = slide_content(product, template, NOW)
    assert content.deal_phase is DealPhase.ENDED
    assert content.deal_text == "活动已结束"
    assert (content.price, content.struck) == ("¥59", "¥89")


def test_zero_stock_reads_sold_out(template: SlideTemplate) -> None:
    content = slide_content(replace(STEAK, stock=0), template, NOW)
    assert (content.stock, content.sold_out) == ("已售罄", True)


def test_equal_moments_give_equal_content_and_a_tick_changes_it(
    template: SlideTemplate,
) -> None:
    product = with_deal(STEAK, NOW - timedelta(minutes=1), 10, "59")
    first = slide_content(product, template, NOW)
    assert slide_content(product, template, NOW + timedelta(milliseconds=300)) == first
    assert slide_content(product, template, NOW + timedelta(seconds=1)) != first
    assert slide_content(STEAK, template, NOW) == slide_content(
        STEAK, template, NOW.replace(hour=9)
    )


def test_next_change_follows_the_countdown_and_stops_when_it_ends() -> None:
    product = with_deal(STEAK, NOW - timedelta(minutes=1), 10, "59")
    assert next_change(product, NOW + timedelta(milliseconds=400)) == NOW + timedelta(seconds=1)
    assert next_change(product, NOW + timedelta(minutes=20)) is None
    upcoming = with_deal(STEAK, NOW + timedelta(minutes=5), 10, "59")
    assert next_change(upcoming, NOW) == NOW + timedelta(minutes=5)
    assert next_change(STEAK, NOW) is None


@pytest.mark.parametrize(
    ("amount", "text"), [("69", "69"), ("69.00", "69"), ("59.9", "59.90"), ("0.5", "0.50")]
)
def test_amounts_drop_zero_cents(amount: str, text: str) -> None:
    assert format_amount(Decimal(amount)) == text


def test_the_slide_texts_include_every_label_drawn(template: SlideTemplate) -> None:
    product = with_deal(STEAK, NOW - timedelta(minutes=1), 10, "59")
    texts = slide_content(product, template, NOW).texts()
    assert "1号链接" in texts and "¥59" in texts and "¥69" in texts
    assert any(text.startswith("限时价") for text in texts)
