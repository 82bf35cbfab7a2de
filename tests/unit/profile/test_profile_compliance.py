"""The prohibited-terms check at load: the show's list, and each hit where it is written."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from console.profile import check_profile, load_profile
from console.profile.compliance_check import locate
from console.show.compliance import DEFAULT_TERMS, TermList
from console.show.product import on_air_texts

ROOMS = "rooms:\n  - id: main\n"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "show.yaml"
    path.write_text(ROOMS + text, encoding="utf-8")
    return path


def hits(tmp_path: Path, text: str) -> list[str]:
    return [f"{p.line}:{p.col}: {p.message}" for p in check_profile(write(tmp_path, text))]


def test_the_default_list_is_the_shows_advertising_law_list(tmp_path: Path) -> None:
    profile = load_profile(write(tmp_path, ""))

    assert profile.compliance == TermList(DEFAULT_TERMS, ())


def test_the_show_list_can_be_replaced_extended_trimmed_and_excepted(tmp_path: Path) -> None:
    text = "compliance:\n  add: [爆款]\n  remove: [最]\n  allow: [最佳赏味期]\n"
    terms = load_profile(write(tmp_path, text)).compliance

    assert "爆款" in terms.terms and "最" not in terms.terms and "最佳" in terms.terms
    assert terms.exceptions == ("最佳赏味期",)
    replaced = load_profile(write(tmp_path, "compliance:\n  terms: [爆款]\n")).compliance
    assert replaced.terms == ("爆款",)
    assert load_profile(write(tmp_path, "compliance:\n  terms: []\n")).compliance.terms == ()


def test_a_term_in_a_custom_list_is_checked_and_a_removed_one_is_not(tmp_path: Path) -> None:
    text = "products:\n  - {sku: a, name: 最新款爆款牛排, price: 69}\ncompliance:\n"
    text += "  terms: [爆款]\n"

    assert hits(tmp_path, text) == [
        "4:23: prohibited term '爆款' (in this show's compliance terms) in products[0].name"
    ]


def test_every_text_the_show_puts_on_air_is_checked(tmp_path: Path) -> None:
    text = """\
products:
  - sku: a
    name: 最牛排
    price: 69
    selling_points: [最嫩, 最香]
    specs: {最大: 最重}
    guarantee: 最快
    usage: 最简单
    faq:
      - {keywords: [最], answer: 最好}
"""
    clean = load_profile(write(tmp_path, text.replace("最", "很"))).products[0]

    problems = check_profile(write(tmp_path, text))

    assert len(problems) == len(list(on_air_texts(clean))) == 8
    assert all("prohibited term '最" in problem.message for problem in problems)


@pytest.mark.parametrize(
    ("scalar", "line", "col"),
    [
        ("口感最嫩", 1, 8),  # plain
        ("'口感最嫩'", 1, 9),  # single-quoted
        ('"口感最嫩"', 1, 9),  # double-quoted
        ("口感\n   很嫩\n   最香", 3, 4),  # plain over three lines
        ("|\n   口感\n   最香", 3, 4),  # literal block
        (">-\n   口感\n\n   最香", 4, 4),  # folded block
        ('"\\u53e3感最嫩"', 1, 6),  # an escape: the scalar's start
        ("'it''s 最'", 1, 6),  # a doubled quote: the scalar's start
    ],
)
def test_a_hit_is_located_inside_the_scalar_as_written(scalar: str, line: int, col: int) -> None:
    text = f"key: {scalar}\n"
    node = yaml.compose(text)
    assert isinstance(node, yaml.MappingNode)
    value = node.value[0][1]

    found = locate(text, value, value.value.index("最"))

    assert found == (line, col)


def test_full_width_and_spaced_terms_are_found_where_they_start(tmp_path: Path) -> None:
    text = "products:\n  - {sku: a, name: '销量 ＮＯ．１ 的牛排', price: 69}\n"

    assert hits(tmp_path, text) == [
        "4:24: prohibited term 'ＮＯ．１' (NO.1, Advertising Law absolute term) in products[0].name"
    ]


def test_the_demo_passes_the_check_with_the_default_list() -> None:
    demo = Path(__file__).parents[3] / "profiles" / "demo.yaml"
    profile = load_profile(demo)

    assert profile.compliance.terms == DEFAULT_TERMS
    for product in profile.products:
        assert profile.compliance.check_fields(on_air_texts(product)) == []
