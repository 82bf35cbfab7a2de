"""Prohibited terms: found width- and case-insensitively, reported at original offsets."""

from __future__ import annotations

import pytest

from console.show.compliance import DEFAULT_TERMS, Hit, TermList, line_col
from console.show.product import on_air_texts
from console.show.template import load_template
from tests.unit.show.samples import DEMO_PRODUCTS, STEAK


def spans(text: str, terms: TermList | None = None) -> list[tuple[str, str]]:
    """(matched text, term) for each hit."""
    return [(text[h.start : h.end], h.term) for h in (terms or TermList()).check(text)]


def test_default_list_is_the_advertising_law_list() -> None:
    for term in ("国家级", "最", "最便宜", "NO.1", "TOP1", "独家", "万能", "全网销量第一"):
        assert term in DEFAULT_TERMS


def test_hits_carry_offsets_into_the_original_text() -> None:
    text = "本店牛排全网销量第一，口感最好"
    assert TermList().check(text) == [Hit(4, 10, "全网销量第一"), Hit(13, 15, "最好")]


def test_the_longest_term_at_a_place_wins_over_the_terms_inside_it() -> None:
    assert spans("最便宜的牛排") == [("最便宜", "最便宜")]


def test_full_width_and_case_variants_are_caught() -> None:
    text = "销量ＮＯ．１，品质top1"
    assert spans(text) == [("ＮＯ．１", "NO.1"), ("top1", "TOP1")]


def test_whitespace_inside_a_term_does_not_hide_it() -> None:
    assert spans("全国第 一") == [("第 一", "第一")]


def test_latin_terms_match_whole_words_only() -> None:
    assert spans("TOP10 榜单, desktop1") == []
    assert spans("TOP1!") == [("TOP1", "TOP1")]


def test_an_allowed_exception_masks_the_term_inside_it() -> None:
    terms = TermList(exceptions=("最近",))
    assert spans("最近很火", terms) == []
    assert spans("最近最好卖", terms) == [("最好", "最好")]


def test_a_show_can_add_and_remove_terms() -> None:
    terms = TermList.from_settings(add=["秒杀"], remove=["最"], allow=["最近"])
    assert "最" not in terms.terms and "秒杀" in terms.terms
    assert spans("最近秒杀", terms) == [("秒杀", "秒杀")]
    assert spans("最甜", terms) == []


def test_an_empty_term_is_refused() -> None:
    with pytest.raises(ValueError, match="empty"):
        TermList(terms=(" ",))


def test_line_and_column_of_a_hit_in_a_multi_line_text() -> None:
    text = "标题行\n这是最好的"
    (hit,) = TermList().check(text)
    assert line_col(text, hit.start) == (2, 3)


def test_findings_name_the_field() -> None:
    from dataclasses import replace

    product = replace(STEAK, selling_points=(*STEAK.selling_points, "顶级雪花"))
    findings = TermList().check_fields(on_air_texts(product))
    assert [f.describe() for f in findings] == [
        "selling_points[3]:1:1: '顶级' is a prohibited term (顶级)"
    ]


def test_the_demo_products_and_the_template_labels_are_clean() -> None:
    terms = TermList()
    for product in DEMO_PRODUCTS:
        assert terms.check_fields(on_air_texts(product)) == [], product.sku
    assert terms.check_fields(load_template().label_texts()) == []
