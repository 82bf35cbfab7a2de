"""Products, deals and the rundown: what the profile builds for the show's services."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from console.profile import ProfileError, RundownItem, load_profile
from console.show.product import Deal, FaqEntry, Product

ROOT = Path(__file__).parents[3]
DEMO = ROOT / "profiles" / "demo.yaml"

ROOMS = "rooms:\n  - id: main\n"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "show.yaml"
    path.write_text(ROOMS + text, encoding="utf-8")
    return path


def test_the_demo_has_the_story_products_with_decimal_prices() -> None:
    profile = load_profile(DEMO)

    assert [p.sku for p in profile.products] == [
        "steak-ribeye-1kg",
        "beef-patty-1200g",
        "oats-wholegrain-1kg",
        "lego-classic-creative-box",
    ]
    steak = profile.product("steak-ribeye-1kg")
    assert isinstance(steak, Product)
    assert steak.name == "南美草饲原切眼肉牛排 1kg"
    assert steak.price == Decimal("69") and isinstance(steak.price, Decimal)
    assert steak.list_price == Decimal("99")
    assert (steak.currency, steak.stock, steak.link_no) == ("CNY", 500, 1)
    assert steak.image == ROOT / "assets" / "products" / "ribeye_steak.png"
    assert steak.deal is None
    assert ("净含量", "1 kg") in steak.specs
    assert any("多少钱" in entry.keywords for entry in steak.faq)
    patty = profile.product("beef-patty-1200g")
    assert (patty.price, patty.list_price, patty.link_no) == (Decimal("59"), None, 2)
    assert profile.product("oats-wholegrain-1kg").price == Decimal("39.9")
    lego = profile.product("lego-classic-creative-box")
    assert (lego.price, lego.list_price) == (Decimal("229"), Decimal("299"))
    for product in profile.products:
        assert product.images and all(image.is_file() for image in product.images)
        assert product.faq and product.selling_points


def test_the_demo_rundown_runs_opening_products_break_and_closing() -> None:
    profile = load_profile(DEMO)

    kinds = [item.kind for item in profile.rundown]
    assert kinds == ["opening", "product", "product", "break", "product", "product", "segment"]
    skus = [item.sku for item in profile.rundown if item.kind == "product"]
    assert skus == [product.sku for product in profile.products]
    assert profile.rundown[1] == RundownItem("product", "南美草饲原切眼肉牛排 1kg", skus[0], 600)


def test_the_demo_rooms_name_their_slide_and_comment_sources() -> None:
    room = load_profile(DEMO).room("supermarket")

    assert (room.slide_source, room.comment_source, room.canvas) == (
        "Product Slide",
        "Pinned Comment",
        None,
    )


def test_a_product_needs_only_sku_name_and_price(tmp_path: Path) -> None:
    path = write(tmp_path, "products:\n  - {sku: '100012345678', name: 牛肉饼, price: 59}\n")

    (product,) = load_profile(path).products

    assert product == Product("100012345678", "牛肉饼", Decimal("59"))


@pytest.mark.parametrize(
    ("written", "amount"),
    [("69", "69"), ("68.99", "68.99"), ('"69.00"', "69.00"), ("0.1", "0.1"), ("1e2", "100")],
)
def test_prices_are_decimals_read_from_the_text_as_written(
    tmp_path: Path, written: str, amount: str
) -> None:
    path = write(tmp_path, f"products:\n  - {{sku: a, name: 牛排, price: {written}}}\n")

    (product,) = load_profile(path).products

    assert product.price == Decimal(amount)
    assert str(product.price) == str(Decimal(written.strip('"')))


def test_specs_keep_their_order_and_faq_their_keywords(tmp_path: Path) -> None:
    text = """\
products:
  - sku: a
    name: 牛排
    price: 69
    specs: {净含量: 1 kg, 产地: 阿根廷, 份数: 5}
    faq:
      - keywords: [多少钱, 价格]
        answer: 69 元
"""
    (product,) = load_profile(write(tmp_path, text)).products

    assert product.specs == (("净含量", "1 kg"), ("产地", "阿根廷"), ("份数", "5"))
    assert product.faq == (FaqEntry(("多少钱", "价格"), "69 元"),)


def test_deal_times_with_an_offset_stay_and_naive_ones_are_local(tmp_path: Path) -> None:
    text = """\
products:
  - sku: a
    name: 牛排
    price: 69
    deal: {start: 2024-04-16T18:18:00+08:00, end: "2024-04-16T19:00:00+08:00", price: 59}
  - sku: b
    name: 牛肉饼
    price: 59
    deal: {start: 2024-04-16 18:18:00, end: "2024-04-16T19:00", price: "49.90"}
"""
    steak, patty = load_profile(write(tmp_path, text)).products

    china = timezone(timedelta(hours=8))
    assert steak.deal == Deal(
        datetime(2024, 4, 16, 18, 18, tzinfo=china),
        datetime(2024, 4, 16, 19, 0, tzinfo=china),
        Decimal("59"),
    )
    assert patty.deal is not None
    assert patty.deal.start == datetime(2024, 4, 16, 18, 18).astimezone()
    assert patty.deal.end == datetime(2024, 4, 16, 19, 0).astimezone()
    assert patty.deal.price == Decimal("49.90")


def test_rundown_titles_default_to_the_product_name_or_the_kind(tmp_path: Path) -> None:
    text = """\
products:
  - {sku: a, name: 牛排, price: 69}
rundown:
  - kind: opening
  - {kind: product, sku: a, planned_s: 300}
  - {kind: product, sku: a, title: 牛排返场}
  - {kind: segment, title: 抽奖}
"""
    rundown = load_profile(write(tmp_path, text)).rundown

    assert rundown == (
        RundownItem("opening", "opening"),
        RundownItem("product", "牛排", "a", 300),
        RundownItem("product", "牛排返场", "a"),
        RundownItem("segment", "抽奖"),
    )


def test_a_rundown_with_no_products_says_so(tmp_path: Path) -> None:
    path = write(tmp_path, "rundown:\n  - {kind: product, sku: a}\n")

    with pytest.raises(ProfileError) as caught:
        load_profile(path)

    (problem,) = caught.value.problems
    assert problem.message == "rundown[0].sku: no product 'a' (the profile has no products)"


def test_a_profile_without_the_new_sections_gets_empty_ones(tmp_path: Path) -> None:
    profile = load_profile(write(tmp_path, ""))

    assert (profile.products, profile.rundown, profile.barrage.sources) == ((), (), ())
    assert profile.rooms[0].slide_source == "Product Slide"
    assert profile.rooms[0].comment_source == "Pinned Comment"
    with pytest.raises(KeyError):
        profile.product("a")


def test_a_room_canvas_is_width_and_height(tmp_path: Path) -> None:
    text = "rooms:\n  - id: phone\n    canvas: {width: 1080, height: 1920}\n"
    path = tmp_path / "show.yaml"
    path.write_text(text, encoding="utf-8")

    assert load_profile(path).rooms[0].canvas == (1080, 1920)
