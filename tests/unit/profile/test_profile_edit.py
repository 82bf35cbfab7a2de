"""Live edits rewrite one section of the profile and keep the rest of the text."""

from __future__ import annotations

import difflib
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from console.profile import ProfileError, load_profile
from console.profile.edit import (
    product_mapping,
    rebind_hotkey,
    replace_section,
    rundown_mapping,
    save_section,
)

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
        "# the show\nshow: {title: T}  # keep me\nrundown:\n  - kind: break\n# after\nhotkeys: {}\n"
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
    assert demo.with_name("demo.yaml.bak.1").exists()
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


def _changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_editing_the_stock_changes_only_the_stock_line(demo: Path) -> None:
    before = demo.read_text(encoding="utf-8")
    profile = load_profile(demo)
    mapped = [product_mapping(product, demo.parent) for product in profile.products]
    mapped[0]["stock"] = 499

    save_section(demo, "products", mapped)

    assert _changed_lines(before, demo.read_text(encoding="utf-8")) == [
        "-    stock: 500",
        "+    stock: 499",
    ]
    assert load_profile(demo).products[0].stock == 499


def test_moving_a_product_moves_its_comments_and_keeps_the_layout(demo: Path) -> None:
    before = demo.read_text(encoding="utf-8")
    profile = load_profile(demo)
    mapped = [product_mapping(product, demo.parent) for product in profile.products]

    save_section(demo, "products", [*mapped[1:], mapped[0]])  # the steak goes last

    after = demo.read_text(encoding="utf-8")
    assert [p.sku for p in load_profile(demo).products] == [
        *(p.sku for p in profile.products[1:]),
        profile.products[0].sku,
    ]
    assert sorted(after.splitlines()) == sorted(before.splitlines())  # no line lost or added
    # The comment introducing the next section stays before it, after the last product.
    assert "眼肉牛排在 {link_no}号链接。\n\n# The prohibited terms" in after
    steak = after.index("- sku: steak-ribeye-1kg")
    assert after.index("list_price: 99              # demo value", steak) > steak


def test_moving_a_rundown_item_keeps_every_line_as_written(demo: Path) -> None:
    before = demo.read_text(encoding="utf-8")
    profile = load_profile(demo)
    items = list(profile.rundown)

    save_section(demo, "rundown", [rundown_mapping(i) for i in [items[-1], *items[:-1]]])

    after = demo.read_text(encoding="utf-8")
    assert sorted(after.splitlines()) == sorted(before.splitlines())
    assert load_profile(demo).rundown == (items[-1], *items[:-1])


def test_a_new_product_is_written_in_the_files_layout_and_reads_back_as_given(demo: Path) -> None:
    before = demo.read_text(encoding="utf-8")
    profile = load_profile(demo)
    mapped = [product_mapping(product, demo.parent) for product in profile.products]
    mapped.append({"sku": "yes-1", "name": "yes", "price": 1, "specs": {"版本": "1.0"}})

    save_section(demo, "products", mapped)

    added = [line for line in _changed_lines(before, demo.read_text(encoding="utf-8"))]
    assert added == [
        "+  - sku: yes-1",
        '+    name: "yes"',  # quoted: unquoted, YAML would read it as true
        "+    price: 1",
        "+    specs:",
        '+      版本: "1.0"',
        "+",
    ]
    new = load_profile(demo).product("yes-1")
    assert (new.name, new.specs) == ("yes", (("版本", "1.0"),))


def test_a_file_indented_otherwise_keeps_its_indentation(tmp_path: Path) -> None:
    path = tmp_path / "show.yaml"
    text = (
        "rooms:\n- id: main   # flush-left lists\n"
        "products:\n- sku: a\n  name: A\n  price: 1\n  stock: 3\n"
        "- sku: b\n  name: B\n  price: 2\n"
    )
    path.write_text(text, encoding="utf-8")
    profile = load_profile(path)
    mapped = [product_mapping(product, tmp_path) for product in profile.products]
    mapped[0]["stock"] = 4

    save_section(path, "products", mapped)

    assert _changed_lines(text, path.read_text(encoding="utf-8")) == ["-  stock: 3", "+  stock: 4"]


def test_an_aliased_value_is_not_changed_through_its_alias(tmp_path: Path) -> None:
    path = tmp_path / "show.yaml"
    path.write_text(
        "rooms: [{id: main}]\n"
        "products:\n  - sku: a\n    name: A\n    price: 1\n    specs: &same {净含量: 1 kg}\n"
        "  - sku: b\n    name: B\n    price: 2\n    specs: *same\n",
        encoding="utf-8",
    )
    profile = load_profile(path)
    mapped = [product_mapping(product, tmp_path) for product in profile.products]
    mapped[0]["specs"] = {"净含量": "2 kg"}

    save_section(path, "products", mapped)

    again = load_profile(path)
    assert [p.specs for p in again.products] == [(("净含量", "2 kg"),), (("净含量", "1 kg"),)]


def test_what_ruamel_would_spell_otherwise_outside_the_section_is_kept_byte_for_byte(
    tmp_path: Path,
) -> None:
    path = tmp_path / "show.yaml"
    text = (
        "rooms: [{id: main}]\n"
        "control:   {port:   8765}      # spaced out by hand\n"
        "products:\n  - sku: a\n    name: A\n    price: 69.00\n    stock: 3\n"
        "    deal:\n      start: 2024-04-16T18:18:00+08:00\n"
        '      end: "2024-04-16T19:00:00"\n'
        "      price: '59.5'\n"
        "rundown: [ {kind: opening} ]\n"
    )
    path.write_text(text, encoding="utf-8")
    profile = load_profile(path)
    mapped = [product_mapping(product, tmp_path) for product in profile.products]
    mapped[0]["stock"] = 4

    save_section(path, "products", mapped)

    assert _changed_lines(text, path.read_text(encoding="utf-8")) == [
        "-    stock: 3",
        "+    stock: 4",
    ]


def test_a_rebound_hotkey_keeps_its_place_value_and_comments(demo: Path) -> None:
    before = demo.read_text(encoding="utf-8")

    profile = rebind_hotkey(demo, "Esc", "Ctrl+Shift+Esc")

    assert _changed_lines(before, demo.read_text(encoding="utf-8")) == [
        "-  Escape: host.stop                 # panic: silence now, clear the queue",
        "+  Ctrl+Shift+Esc: host.stop         # panic: silence now, clear the queue",
    ]
    keys = [hotkey.key for hotkey in profile.hotkeys]
    assert keys == [hotkey.key for hotkey in load_profile(demo).hotkeys]
    assert "Esc" not in keys and keys.index("Ctrl+Shift+Esc") == keys.index("Ctrl+N") + 1


def test_a_global_binding_keeps_its_mark_when_rebound(demo: Path) -> None:
    rebind_hotkey(demo, "F5", "F6")
    assert "  F6: {command: scene.program Break, global: true}\n" in demo.read_text("utf-8")
    (moved,) = [hotkey for hotkey in load_profile(demo).hotkeys if hotkey.key == "F6"]
    assert moved.is_global and moved.command == "scene.program Break"


def test_a_key_bound_already_is_refused_and_the_file_left_alone(demo: Path) -> None:
    before = demo.read_bytes()
    line = before.decode().splitlines().index("  F3: {command: scene.program Host, global: true}")
    taken = rf":{line + 1}:3: hotkey F3 is bound to scene.program Host already"
    with pytest.raises(ProfileError, match=taken):
        rebind_hotkey(demo, "F5", "F3")
    assert demo.read_bytes() == before
    with pytest.raises(ProfileError, match=r"no hotkey F6 to rebind"):
        rebind_hotkey(demo, "F6", "F7")
    assert demo.read_bytes() == before
