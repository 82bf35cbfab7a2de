"""The default speech engine: espeak-ng reading tone-numbered pinyin, offline, from Debian.

espeak-ng's ``cmn`` voice misreads Han characters (each becomes pinyin with its tone digit
read out in English), while ``cmn-latn-pinyin`` reads tone-numbered pinyin correctly. So
the text is made speakable (:mod:`console.host.speakable`), turned into pinyin with
pypinyin (``Style.TONE3``, phrase-aware for characters with several readings), and handed
over as SSML with a pause at every punctuation mark: short after a comma, longer after a
full stop. Rate, pitch and volume are espeak's own ``-s``, ``-p`` and ``-a``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path
from xml.sax.saxutils import escape

from pypinyin import Style, lazy_pinyin

from console.host.prosody import Prosody
from console.host.speakable import speakable

VOICE = "cmn-latn-pinyin"
BASE_WPM = 165  # espeak's words per minute for rate 1.0: a calm host
BASE_PITCH = 50  # espeak's 0..99 scale
BASE_AMPLITUDE = 85
"""espeak's amplitude for volume 1.0. Its own default (100) peaks at full scale, and a
louder variant (``vary``) then clips: OBS's meter read +0.1 dBFS over a demo show. 85 leaves
about 1.4 dB, enough for the largest variation."""

PAUSES_MS: dict[str, int] = {
    "，": 250, ",": 250, "、": 180, "；": 350, ";": 350, "：": 300, ":": 300,
    "。": 500, ".": 500, "！": 500, "!": 500, "？": 500, "?": 500, "…": 600,
    "（": 150, "）": 150, "(": 150, ")": 150, "—": 300, "\n": 500,
}  # fmt: skip
"""Pause after each punctuation mark, in milliseconds."""

_PUNCTUATION = re.compile("([" + re.escape("".join(PAUSES_MS)) + "]+)")


class EngineMissing(RuntimeError):
    """The speech engine's program is not installed; the message says what to install."""


def pinyin_ssml(text: str, pronounce: Mapping[str, str] | None = None) -> str:
    """The SSML espeak-ng reads for ``text``: tone-numbered pinyin with punctuation pauses."""
    words = speakable(text, pronounce)
    parts: list[str] = []
    for chunk in _PUNCTUATION.split(words):
        if not chunk:
            continue
        if _PUNCTUATION.fullmatch(chunk):
            pause = max(PAUSES_MS[char] for char in chunk)
            parts.append(f'<break time="{pause}ms"/>')
            continue
        syllables = [
            syllable.strip()
            for syllable in lazy_pinyin(chunk, style=Style.TONE3, neutral_tone_with_five=True)
            if syllable.strip()
        ]
        # pypinyin passes what is not Han through; keep only what a pinyin voice can read.
        spoken = [s for s in syllables if re.fullmatch(r"[a-zü]+[1-5]?", s.replace("v", "ü"))]
        if spoken:
            parts.append(escape(" ".join(spoken)))
    return "<speak>" + " ".join(parts) + "</speak>"


def espeak_arguments(prosody: Prosody, voice: str = VOICE) -> list[str]:
    """espeak-ng's options for a prosody (SSML input, WAV output to stdout)."""
    wpm = round(BASE_WPM * prosody.rate)
    pitch = max(0, min(99, round(BASE_PITCH + prosody.pitch * 4)))
    amplitude = max(1, min(200, round(BASE_AMPLITUDE * prosody.volume)))
    return ["-v", voice, "-m", "-s", str(wpm), "-p", str(pitch), "-a", str(amplitude)]


class Espeak:
    """Renders lines with espeak-ng to WAV files (blocking: run it off the GUI thread)."""

    def __init__(self, voice: str = VOICE, pronounce: Mapping[str, str] | None = None) -> None:
        self.voice = voice
        self.pronounce = dict(pronounce or {})
        self.identity = f"espeak-ng/{voice}/a{BASE_AMPLITUDE}/{sorted(self.pronounce.items())}"
        self.program = shutil.which("espeak-ng") or ""

    def render(self, text: str, prosody: Prosody, out: Path) -> None:
        """Write ``text`` spoken to the WAV file ``out``."""
        if not self.program:
            raise EngineMissing("espeak-ng is not installed (apt-get install espeak-ng)")
        ssml = pinyin_ssml(text, self.pronounce)
        if ssml == "<speak></speak>":
            raise ValueError(f"nothing to say in {text!r}")
        command = [self.program, *espeak_arguments(prosody, self.voice), "-w", str(out), ssml]
        done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
        if done.returncode != 0 or not out.exists():
            raise RuntimeError(f"espeak-ng failed: {done.stderr.strip() or done.returncode}")
