"""How text sounds: pinyin spellings, loose homophones and the sound-alikes of a term."""

from __future__ import annotations

from console.barrage.sounds import homophones, loose, pinyin, sound_alikes, sounds_like


def test_pinyin_finds_whole_syllables_only() -> None:
    spelled = pinyin("加威信")
    assert spelled.find("weixin") == (1, 3)
    assert pinyin("会写").find("uixie") is None  # inside syllables: no match


def test_pinyin_mixes_latin_and_han() -> None:
    assert pinyin("加wei信").find("weixin") == (1, 5)


def test_homophones_are_everyday_characters() -> None:
    wei = homophones("wei")
    assert {"微", "威", "薇", "维"} <= wei
    assert "微" not in homophones("xin")
    assert "嶶" not in wei  # rare


def test_loose_readings_fold_the_confusions_of_spoken_mandarin() -> None:
    assert loose("shi") == loose("si") and loose("zhang") == loose("zan")
    assert loose("xing") == loose("xin") and loose("lan") == loose("nan")
    assert "蚊" in sounds_like("wei") and "嶶" in sounds_like("wei", everyday=False)


def test_sound_alikes_of_a_term_mix_characters_letters_and_pinyin() -> None:
    alikes = sound_alikes("微信", wide=True)
    assert {"威信", "薇心", "蚊信", "嶶信", "wei信", "威xin", "v芯", "weixin"} <= alikes
    assert "微信" not in alikes  # the term itself is the term, not a sound-alike
    assert {"煞笔", "沙比", "shabi"} <= sound_alikes("傻逼")
    assert sound_alikes("草泥马") == frozenset()  # two characters only
