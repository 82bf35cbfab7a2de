"""The clip script's mouth: it follows the loudness of the speech it is made from."""

from __future__ import annotations

import math
from pathlib import Path

from assets.host.make_clips import FPS, mouth_levels, read_wav
from console.host.espeak import Espeak
from console.host.prosody import Prosody


def test_silence_keeps_the_mouth_closed() -> None:
    assert mouth_levels([0] * 22050, 22050) == [0.0] * FPS


def test_the_mouth_opens_with_the_sound_and_closes_in_a_pause() -> None:
    rate = 8000
    tone = [round(10000 * math.sin(i / 3)) for i in range(rate)]  # one second of sound
    quiet = [0] * (rate // 2)  # half a second of pause
    levels = mouth_levels(tone + quiet + tone, rate)
    assert len(levels) == math.ceil(2.5 * FPS)
    assert min(levels[2:FPS]) > 0.9  # open while it sounds
    assert levels[FPS + 5 : FPS + FPS // 2] == [0.0] * (FPS // 2 - 5)  # closed in the pause
    assert levels[FPS] > levels[FPS + 1] > levels[FPS + 2]  # closing a little slower
    assert levels[-FPS // 2] > 0.9


def test_the_mouth_follows_real_speech_with_its_punctuation_pause(tmp_path: Path) -> None:
    wav = tmp_path / "said.wav"
    Espeak().render("你好，欢迎来到直播间", Prosody(), wav)
    samples, rate = read_wav(wav)
    levels = mouth_levels(samples, rate)
    assert len(levels) == math.ceil(len(samples) / (rate / FPS))
    assert max(levels) == 1.0
    # The 250 ms pause after the comma: a run of closed frames between two open ones.
    first_open = next(i for i, level in enumerate(levels) if level > 0.5)
    closed = [i for i in range(first_open, len(levels)) if levels[i] == 0.0]
    assert closed and any(level > 0.5 for level in levels[closed[0] :])
