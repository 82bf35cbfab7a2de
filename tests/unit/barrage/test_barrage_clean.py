"""Characters no message may carry: stripped and counted, never fatal."""

from __future__ import annotations

from collections import Counter

import pytest

from console.barrage.clean import clean_text


@pytest.mark.parametrize(
    ("text", "expected", "kind"),
    [
        ("a\x00b\x07c", "abc", "control character"),
        ("加\u200b微\u200c信", "加微信", "zero-width"),
        ("abc\u202edcba", "abcdcba", "bidi mark"),
        ("\u200fhi\u200e", "hi", "bidi mark"),
        ("x\ud800y", "xy", "lone surrogate"),
        ("\ufeffhello", "hello", "zero-width"),
        ("tag\U000e0041s", "tags", "tag character"),
    ],
)
def test_bad_characters_are_stripped_and_counted(text: str, expected: str, kind: str) -> None:
    stripped: Counter[str] = Counter()
    assert clean_text(text, stripped) == expected
    assert stripped[kind] >= 1


def test_line_breaks_become_spaces() -> None:
    assert clean_text("one\ntwo\r\nthree\tfour") == "one two  three four"


def test_clean_text_is_returned_as_is() -> None:
    text = "主播好👨\u200d👩\u200d👧"  # the zero-width joiner inside emoji stays
    assert clean_text(text) is text
