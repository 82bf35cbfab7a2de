"""The normaliser undoes the tricks that hide a word, and remembers where each character was."""

from __future__ import annotations

import pytest

from console.barrage.normalise import fold, mapped, normalise, normalise_batch


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ＶＸ１２３", "vx123"),  # full width
        ("WeChat", "wechat"),  # case
        ("加 微-信", "加微信"),  # inserted space and symbol
        ("加★微☆信！！", "加微信"),
        ("加\u200b微\u200d信", "加微信"),  # zero-width characters
        ("加微信號", "加微信号"),  # traditional
        ("ⓥⓧ", "vx"),  # enclosed letters
        ("𝐯𝐱", "vx"),  # mathematical bold
        ("wесhаt", "wechat"),  # Cyrillic е and а
        ("①③⑧", "138"),
        ("加_微_信", "加微信"),
        ("好看🎉🎉", "好看"),
        ("🅥🅧", "vx"),  # negative circled letters: read from their Unicode names
        ("🇻 🇽", "vx"),  # regional indicators
        ("❶❸❾", "139"),  # dingbat digits
        ("⒈⒊⒏", "138"),  # digits with a full stop
        ("2⃣️3⃣️", "23"),  # keycaps
        ("wēixìn", "weixin"),  # tone marks
        ("ᴠx ʜᴇʟʟᴏ", "vxhello"),  # small capitals
        ("+V", "加v"),  # a plus sign reads 加
        ("➕微", "加微"),
    ],
)
def test_normalise_undoes_evasion(text: str, expected: str) -> None:
    assert normalise(text) == expected


def test_batch_equals_one_by_one() -> None:
    texts = ["加 微-信", "ＶＸ１２３", "這個多少錢？", "", "line\nbreak", "🎉", "Ｗｅｃｈａｔ"]
    batch = normalise_batch(texts)
    assert batch.normal == [normalise(text) for text in texts]
    assert batch.joined == "\n".join(batch.normal)


def test_batch_locates_positions_in_each_message() -> None:
    batch = normalise_batch(["ab", "加微信", "xyz"])
    assert batch.locate(batch.joined.index("微")) == (1, 1)
    assert batch.locate(batch.joined.index("z")) == (2, 2)
    assert batch.locate_folded(batch.folded.index("x")) == (2, 0)


def test_mapped_spans_point_into_the_original() -> None:
    text = "请加 ＶＸ：微-信號"
    result = mapped(text)
    assert result.text == normalise(text)
    start = result.text.index("微信")
    a, b = result.original_span(start, start + 2)
    assert text[a:b] == "微-信"
    a, b = result.original_span(0, 1)
    assert text[a:b] == "请"


def test_mapped_keeps_combining_marks_with_their_base() -> None:
    text = "cafe\u0301 x"
    result = mapped(text)
    assert result.text == normalise(text) == "cafex"
    a, b = result.original_span(3, 4)
    assert text[a:b] == "e\u0301"


def test_mapped_folded_keeps_symbols() -> None:
    text = "ｗｗｗ．ab．com"
    result = mapped(text, folded_only=True)
    assert result.text == fold(text) == "www.ab.com"
    assert result.original_span(3, 4) == (3, 4)
