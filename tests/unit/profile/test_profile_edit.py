"""Live edits rewrite one section of the profile and keep the rest of the text."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from console.profile import ProfileError, load_profile
from console.profile.edit import product_mapping, replace_section, rundown_mapping, save_section

PROFILES = Path(__file__).resolve().parents[3] / "profiles"


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """A copy of the demo show, next to copies of what it refers to."""
    shutil.copytree(PROFILES.parent / "assets", tmp_path / "assets")
    (tmp_path / "profiles").mkdir()
    shutil.copy(PROFILES / "demo_barrage.jsonl", tmp_path / "profiles")
    shutil.copy(PROFILES / "demo.yaml", tmp_path / "profiles")
    return tmp_path / "profiles" / "demo.yaml"


def test_replacing_a_section_keeps_every_other_line() -> None:
    text = (
        "# the show\nshow: {title: T}  # keep me\nrundown:\n  - kind: opening\n"
        "# after\nhotkeys: {}\n"
    )
    edited = replace_section(text, "rundown", [{"kind": "break"}])
    assert edited == (
        "# the show\nshow: {title: T}  # keep me\nrundown:\n- kind: break\n# after\nhotkeys: {}\n"
    )


def test_a_missing_section_is_appended() -> None:
    assert replace_section("show: {title: T}\n", "rundown", []) == (
        "show: {title: T}\n\nrundown: []\n"
    )


def test_products_round_trip_through_the_profile(demo: Path) -> None:
    profile = load_profile(demo)
    mapped = [product_mapping(product, demo.parent) for product in profile.products]
    save_section(demo, "products", mapped)
    again = load_profile(demo)
    assert again.products == profile.products
    assert demo.with_name("demo.yaml.bak").exists()
    assert "# Demo show profile" in demo.read_text(encoding="utf-8")  # comments elsewhere kept


def test_rundown_order_is_saved(demo: Path) -> None:
    profile = load_profile(demo)
    reordered = [profile.rundown[-1], *profile.rundown[:-1]]
    save_section(demo, "rundown", [rundown_mapping(item) for item in reordered])
    assert load_profile(demo).rundown == tuple(reordered)


def test_an_edit_that_does_not_validate_leaves_the_file_alone(demo: Path) -> None:
    before = demo.read_bytes()
    profile = load_profile(demo)
    broken = [product_mapping(p, demo.parent) for p in profile.products]
    broken[0]["price"] = -1
    with pytest.raises(ProfileError, match="edit refused"):
        save_section(demo, "products", broken)
    assert demo.read_bytes() == before


def test_a_broken_file_on_disk_is_never_edited(demo: Path) -> None:
    demo.write_text(demo.read_text(encoding="utf-8") + "\nrooom: 1\n", encoding="utf-8")
    before = demo.read_bytes()
    with pytest.raises(ProfileError, match="rooom"):
        save_section(demo, "rundown", [])
    assert demo.read_bytes() == before


def test_prices_are_written_as_stated() -> None:
    from console.profile.edit import _amount

    assert _amount(Decimal("69")) == 69
    assert _amount(Decimal("39.9")) == 39.9
    assert _amount(Decimal("0.10000000000000000001")) == "0.10000000000000000001"
