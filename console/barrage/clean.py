"""Characters no message may carry past a source: the bad-input half of text handling.

Control characters, zero-width characters, bidirectional marks, Unicode tags and lone
surrogates are stripped (and counted by kind) rather than dropping the whole message: a
comment with ``微\u200b信`` is an evasion attempt the moderation rules must still see.
Line breaks and tabs become spaces so one message is one line in the feed and the log.
The zero-width joiner stays: emoji sequences need it, and the normaliser removes it
before matching.
"""

from __future__ import annotations

import re
from collections import Counter

_ZERO_WIDTH = "\u200b\u200c\u2060\u2061\u2062\u2063\u2064\ufeff\u180e\u034f"
_BIDI = "\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069"
_BAD = re.compile(
    "[\x00-\x1f\x7f-\x9f"
    + _ZERO_WIDTH
    + _BIDI
    + "\u206a-\u206f\ufff9-\ufffb\ud800-\udfff\U000e0000-\U000e007f]"
)
_SPACES = {"\t", "\n", "\r", "\x0b", "\x0c", "\x85"}
_ZERO_WIDTH_SET = set(_ZERO_WIDTH)
_BIDI_SET = set("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _kind(char: str) -> str:
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return "lone surrogate"
    if char in _ZERO_WIDTH_SET:
        return "zero-width"
    if char in _BIDI_SET:
        return "bidi mark"
    if code >= 0xE0000:
        return "tag character"
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return "control character"
    return "format character"


def clean_text(text: str, stripped: Counter[str] | None = None) -> str:
    """``text`` without the characters above; count what was removed into ``stripped``."""
    if _BAD.search(text) is None:  # the common case: one scan, no copy
        return text

    def replace(match: re.Match[str]) -> str:
        char = match.group()
        if char in _SPACES:
            return " "
        if stripped is not None:
            stripped[_kind(char)] += 1
        return ""

    return _BAD.sub(replace, text)
