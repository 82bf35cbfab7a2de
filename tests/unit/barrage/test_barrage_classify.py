"""Questions and product mentions, for the operator's feed filters."""

from __future__ import annotations

import pytest

from console.barrage.classify import ProductMatcher, is_question
from console.barrage.normalise import normalise


@pytest.mark.parametrize(
    "text",
    [
        "这个多少钱",
        "還有貨嗎",
        "几号发货",
        "牛排怎么做",
        "甜不甜",
        "好吃么",
        "有没有小码",
        "发货快不快?",
        "How much is it",
        "是正品吧？",
        "什么时候上架",
    ],
)
def test_questions(text: str) -> None:
    assert is_question(text, normalise(text))


@pytest.mark.parametrize("text", ["主播好漂亮", "已拍", "这么便宜", "666", "hello", "支持主播"])
def test_not_questions(text: str) -> None:
    assert not is_question(text, normalise(text))


def test_product_mentions_follow_normalisation() -> None:
    matcher = ProductMatcher({"steak": ["牛排", "Ribeye", "1号链接"], "lego": ["乐高"]})
    assert matcher.mentions(normalise("牛 排和乐高哪个好")) == ("steak", "lego")
    assert matcher.mentions(normalise("1號鏈接")) == ("steak",)
    assert matcher.mentions(normalise("RIBEYE please")) == ("steak",)
    assert matcher.mentions(normalise("主播好")) == ()
    assert not ProductMatcher() and ProductMatcher().mentions("牛排") == ()
