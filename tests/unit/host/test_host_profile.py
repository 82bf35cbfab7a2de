"""The host section and the segments under ``--check``: each problem at its line and column
(FILE:LINE:COL), inside the string where the problem is a word or a figure."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from console.profile import check_profile
from tests.unit.host.host_show import write_show

ROOT = Path(__file__).resolve().parents[3]


def problems(tmp_path: Path, host: str = "", extra: str = "") -> list[str]:
    path = write_show(tmp_path, host, extra)
    return [f"{p.line}:{p.col}: {p.message}" for p in check_profile(path)]


def at(tmp_path: Path, needle: str) -> tuple[int, int]:
    """Line and column (1-based) of ``needle`` in the written profile."""
    text = (tmp_path / "show.yaml").read_text(encoding="utf-8")
    before = text[: text.index(needle)]
    return before.count("\n") + 1, len(before) - before.rfind("\n")


@pytest.mark.parametrize(
    ("segment", "needle", "message"),
    [
        # a price written out that is not the product's (69, list 99)
        ("text: 直播间价 59 元，快来。", "59 元", "'59 元' does not match steak's price (69, 99)"),
        # a cart link that is not the product's
        ("text: 在 3号链接。", "3号链接", "'3号链接' but steak is at 1号链接"),
        # a stock figure that is not the product's
        ("text: 还剩 50 件。", "还剩 50", "'还剩 50' but steak's stock is 120"),
        # a field that does not exist
        ("text: 只要 {prise} 元。", "{prise}", "unknown field {prise}"),
        # a prohibited term, in a variant
        ("variants: [口感最好的牛排]", "最好", "prohibited term '最好' in segments[0].variants[0]"),
    ],
)
def test_what_a_segment_says_is_checked_at_its_column(
    tmp_path: Path, segment: str, needle: str, message: str
) -> None:
    extra = f"segments:\n  - id: steak\n    product: steak\n    {segment}\n"
    (found,) = problems(tmp_path, extra=extra)
    line, col = at(tmp_path, needle)
    assert found.startswith(f"{line}:{col}: ")
    assert message in found


def test_figures_that_match_the_product_are_fine(tmp_path: Path) -> None:
    extra = (
        "segments:\n  - id: steak\n    product: steak\n"
        "    text: 原价 99 元，直播间价 69 元，在 1号链接，还剩 120 件，{price} 元。\n"
    )
    assert problems(tmp_path, extra=extra) == []


def test_an_faq_answer_that_contradicts_its_product_is_flagged(tmp_path: Path) -> None:
    path = write_show(tmp_path)
    text = path.read_text(encoding="utf-8").replace("在 {link_no}号链接", "在 2号链接")
    path.write_text(text, encoding="utf-8")
    (found,) = [f"{p.line}:{p.col}: {p.message}" for p in check_profile(path)]
    line, col = at(tmp_path, "2号链接，")
    assert found == (
        f"{line}:{col}: products[0].faq[0].answer: '2号链接' but steak is at 1号链接; "
        "write {link_no}号链接"
    )


@pytest.mark.parametrize(
    ("host", "extra", "needle", "message"),
    [
        (
            "    host:\n      voice: {kind: command}\n",
            "",
            "{kind: command}",
            "rooms[0].host.voice: kind command needs command",
        ),
        (
            "    host:\n      voice: {kind: http}\n",
            "",
            "{kind: http}",
            "rooms[0].host.voice: kind http needs url",
        ),
        ("    host:\n      engine: heygen\n", "", "heygen", "heygen"),
        ("    host:\n      voice: {rate: 3}\n", "", "3}", "expected a number from 0.5 to 2"),
        (
            "",
            "segments:\n  - id: steak\n    product: beef\n    text: 你好\n",
            "beef",
            "segments[0].product: no product 'beef' (steak, oats)",
        ),
        ("", "segments:\n  - id: empty\n", "id: empty", "segments[0]: needs text, variants or a"),
        (
            "",
            "segments:\n  - {id: a, text: 一}\n  - {id: a, text: 二}\n",
            "a, text: 二",
            "duplicate segment id 'a'",
        ),
        ("", "segments:\n  - {id: a, clip: missing.mp4}\n", "missing.mp4", "file not found"),
        ("", "segments:\n  - {id: 'no spaces', text: 一}\n", "'no spaces'", "letters, digits"),
    ],
)
def test_host_settings_and_segments_are_checked_where_they_are_written(
    tmp_path: Path, host: str, extra: str, needle: str, message: str
) -> None:
    found = problems(tmp_path, host, extra)
    line, col = at(tmp_path, needle)
    assert any(p.startswith(f"{line}:{col}: ") and message in p for p in found), found


def test_check_prints_file_line_col(tmp_path: Path) -> None:
    extra = "segments:\n  - id: steak\n    product: steak\n    text: 直播间价 59 元。\n"
    path = write_show(tmp_path, extra=extra)
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--check", str(path)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    line, col = at(tmp_path, "59 元")
    assert done.returncode == 1
    assert f"{path}:{line}:{col}: segments[0].text: '59 元' does not match" in done.stdout + (
        done.stderr
    )
