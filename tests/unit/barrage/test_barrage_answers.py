"""Product words derived from names and links, and FAQ answers found by topic."""

from __future__ import annotations

from pathlib import Path

import pytest

from console.barrage.answers import FaqIndex, NoAnswer, product_keywords, product_matcher
from console.barrage.normalise import normalise
from console.profile import load_profile

DEMO = load_profile(Path(__file__).parents[3] / "profiles" / "demo.yaml")
STEAK, PATTIES, OATS, LEGO = DEMO.products


def test_keywords_come_from_the_name_and_the_link() -> None:
    words = product_keywords(STEAK)
    assert {"牛排", "南美草饲原切眼肉牛排", "1号链接"} <= set(words)
    name, sku, *derived = words
    assert (name, sku) == (STEAK.name, STEAK.sku)
    assert not any("1kg" in word for word in derived)  # sizes are not names
    assert {"乐高", "积木盒"} <= set(product_keywords(LEGO))


@pytest.mark.parametrize(
    ("text", "skus"),
    [
        ("牛排还有吗", ("steak-ribeye-1kg",)),
        ("牛肉饼怎么做", ("beef-patty-1200g",)),
        ("燕麦片甜吗", ("oats-wholegrain-1kg",)),
        ("乐高适合几岁", ("lego-classic-creative-box",)),
        ("4號鏈接", ("lego-classic-creative-box",)),
        ("主播好", ()),
    ],
)
def test_demo_products_are_recognised_in_comments(text: str, skus: tuple[str, ...]) -> None:
    assert product_matcher(DEMO.products).mentions(normalise(text)) == skus


def faq(text: str, products: tuple[str, ...] = (), sku: str | None = None) -> str:
    return FaqIndex(DEMO.products).answer(normalise(text), products, sku).answer


def test_a_question_gets_the_entry_of_its_topic() -> None:
    assert faq("牛排怎么卖", ("steak-ribeye-1kg",)) == STEAK.faq[0].answer  # 怎么卖 → 多少钱
    assert faq("几号链接", ("lego-classic-creative-box",)) == LEGO.faq[4].answer


def test_the_longest_matching_word_wins() -> None:
    # 几号链接 (the link entry) is longer than anything another entry matches here
    assert faq("积木是几号链接", ("lego-classic-creative-box",)) == "积木盒在 4号链接。"


def test_an_unnamed_product_needs_sku_when_several_fit() -> None:
    with pytest.raises(NoAnswer, match="add sku="):
        faq("多少钱")
    assert faq("多少钱", sku="oats-wholegrain-1kg") == OATS.faq[0].answer


def test_no_fitting_entry_is_said() -> None:
    with pytest.raises(NoAnswer, match="no FAQ answer of steak-ribeye-1kg fits"):
        faq("主播今天穿的什么", ("steak-ribeye-1kg",))
