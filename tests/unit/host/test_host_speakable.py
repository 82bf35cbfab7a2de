"""The text normaliser: each kind of written thing and how the host says it; the level."""

from __future__ import annotations

import re
import wave
from array import array
from pathlib import Path

import pytest

from console.host.espeak import PEAK_DB, Espeak, pinyin_ssml
from console.host.prosody import Prosody
from console.host.speakable import integer_words, speakable


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("直播间价69.9元", "直播间价六十九点九元"),  # price with decimals
        ("¥229", "两百二十九元"),  # price with a sign
        ("原价 99 元", "原价 九十九元"),
        ("1.2kg", "一点二千克"),  # quantity and unit
        ("10 片装", "十片装"),  # counted with a measure word
        ("2 片", "两片"),  # 2 before a measure word is 两
        ("200 ml", "两百毫升"),
        ("120 g × 10 片", "一百二十克乘十片"),
        ("约 5–6 片", "约 五到六片"),  # a range
        ("在1号链接", "在一号链接"),  # link numbers
        ("12号链接", "十二号链接"),
        ("2024-04-16", "二零二四年四月十六日"),  # a date, the year digit by digit
        ("4月16日", "四月十六日"),
        ("18:18 开播", "十八点十八分 开播"),  # times
        ("19:00", "十九点整"),
        ("18:05", "十八点零五分"),
        ("-18℃ 冷冻", "零下十八摄氏度 冷冻"),
        ("85% 以上", "百分之八十五 以上"),
        ("39.9 元/kg", "三十九点九元每千克"),
        ("LEGO 积木", "乐高 积木"),  # a Latin brand name with a settled reading
        ("ABS 塑料", "诶比艾斯 塑料"),  # else spelt out
        ("订单 13800138000", "订单 一三八零零一三八零零零"),  # long numbers digit by digit
    ],
)
def test_written_things_are_said_as_a_host_says_them(written: str, said: str) -> None:
    assert speakable(written) == said


@pytest.mark.parametrize(
    ("number", "words"),
    [(0, "零"), (10, "十"), (15, "十五"), (69, "六十九"), (105, "一百零五"),
     (1005, "一千零五"), (1010, "一千零一十"), (2000, "两千"), (10000, "一万"),
     (100000, "十万"), (120000, "十二万")],
)  # fmt: skip
def test_integers(number: int, words: str) -> None:
    assert integer_words(number) == words


def test_the_show_can_say_how_a_word_is_pronounced() -> None:
    assert speakable("JD 京东", {"JD": "京东"}) == "京东 京东"
    assert speakable("Oatly 燕麦奶", {"Oatly": "噢麦力"}) == "噢麦力 燕麦奶"


def test_speech_is_pinyin_with_tones_and_pauses_after_punctuation() -> None:
    ssml = pinyin_ssml("你好，69元。")
    assert ssml.startswith("<speak>") and ssml.endswith("</speak>")
    assert "ni3 hao3" in ssml
    assert "liu4 shi2 jiu3 yuan2" in ssml
    assert ssml.index('<break time="250ms"/>') < ssml.index('<break time="500ms"/>')
    words = re.sub(r"<[^>]+>", " ", ssml).split()
    assert all(re.fullmatch(r"[a-zü]+[1-5]", word) for word in words), words


def peak_and_seconds(path: Path) -> tuple[float, float]:
    with wave.open(str(path), "rb") as audio:
        frames = audio.readframes(audio.getnframes())
        seconds = audio.getnframes() / audio.getframerate()
    samples = array("h")
    samples.frombytes(frames)
    return max(abs(s) for s in samples) / 32768, seconds


@pytest.mark.parametrize("volume", [1.0, 0.5, 1.2])
def test_speech_peaks_below_full_scale_at_its_volume(tmp_path: Path, volume: float) -> None:
    out = tmp_path / "said.wav"
    Espeak().render("欢迎来到直播间！今天给大家带来牛排。", Prosody(volume=volume), out)
    peak, seconds = peak_and_seconds(out)
    expected = 10 ** (PEAK_DB / 20) * volume  # -3 dBFS, then the volume
    assert peak == pytest.approx(expected, rel=0.02)
    assert seconds > 2  # speech, not a click
