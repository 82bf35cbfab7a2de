"""The default speech engine: espeak-ng reading tone-numbered pinyin, offline, from Debian.

espeak-ng's ``cmn`` voice misreads Han characters (each becomes pinyin with its tone digit
read out in English), while ``cmn-latn-pinyin`` reads tone-numbered pinyin correctly. So
the text is made speakable (:mod:`console.host.speakable`), turned into pinyin with
pypinyin (``Style.TONE3``, phrase-aware for characters with several readings), and handed
over as SSML with a pause at every punctuation mark: short after a comma, longer after a
full stop. Rate and pitch are espeak's own ``-s`` and ``-p``; the line is then brought to
a peak of -3 dBFS and given its volume with sox.
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
PEAK_DB = -3.0
"""Every line is brought to this peak with sox (``gain -n``), then given its volume.
espeak-ng reaches full scale on some syllables whatever its amplitude (``-a``), so a louder
variation clipped: OBS's meter read 0 dBFS over a demo show. 3 dB leaves room for volume
up to 1.4 (a variation adds at most 0.2)."""

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
    """espeak-ng's options for a prosody's rate and pitch (SSML input); the volume is
    applied after, with the peak level (:data:`PEAK_DB`)."""
    wpm = round(BASE_WPM * prosody.rate)
    pitch = max(0, min(99, round(BASE_PITCH + prosody.pitch * 4)))
    return ["-v", voice, "-m", "-s", str(wpm), "-p", str(pitch)]


class Espeak:
    """Renders lines with espeak-ng to WAV files (blocking: run it off the GUI thread)."""

    def __init__(self, voice: str = VOICE, pronounce: Mapping[str, str] | None = None) -> None:
        self.voice = voice
        self.pronounce = dict(pronounce or {})
        self.identity = f"espeak-ng/{voice}/peak{PEAK_DB:g}/{sorted(self.pronounce.items())}"
        self.program = shutil.which("espeak-ng") or ""
        self.sox = shutil.which("sox") or ""

    def render(self, text: str, prosody: Prosody, out: Path) -> None:
        """Write ``text`` spoken to the WAV file ``out``."""
        if not self.program:
            raise EngineMissing("espeak-ng is not installed (apt-get install espeak-ng)")
        ssml = pinyin_ssml(text, self.pronounce)
        if ssml == "<speak></speak>":
            raise ValueError(f"nothing to say in {text!r}")
        if not self.sox:
            raise EngineMissing("sox is not installed (apt-get install sox)")
        raw = out.with_suffix(".raw.wav")
        command = [self.program, *espeak_arguments(prosody, self.voice), "-w", str(raw), ssml]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
            if done.returncode != 0 or not raw.exists():
                raise RuntimeError(f"espeak-ng failed: {done.stderr.strip() or done.returncode}")
            levelled = [self.sox, str(raw), str(out), "gain", "-n", f"{PEAK_DB:g}"]
            levelled += ["vol", f"{prosody.volume:g}"]
            done = subprocess.run(levelled, capture_output=True, text=True, timeout=60, check=False)
            if done.returncode != 0:
                raise RuntimeError(f"sox could not level the speech: {done.stderr.strip()}")
        finally:
            raw.unlink(missing_ok=True)
