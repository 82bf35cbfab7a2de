"""Where the words of a message are, to tell a match from a word that only contains or
sounds like it: 稍微|信任 holds no 微信, 香辣|鸡腿 no 辣鸡, 去死皮 no 去死, and 白吃, 片子
and 去世 are words of their own, not 白痴, 骗子 and 去死 written around a filter.

jieba cuts the message into words (its dictionary of about 350,000 words, without the
HMM guesser, so the cut is the same every time). It runs only on messages a risky match
was found in, and is loaded when a rule set is built, never while checking a profile.
"""

from __future__ import annotations

import logging
from functools import cache, lru_cache
from typing import Any

COMMON = 20
"""How often a word must occur in jieba's corpus to count as ordinary: internet
spellings of insults (煞笔, 沙比) are in its dictionary, seen a handful of times."""


@cache
def _jieba() -> Any:
    import jieba

    jieba.setLogLevel(logging.WARNING)  # it announces building its dictionary otherwise
    jieba.initialize()
    return jieba


def load() -> None:
    """Load the dictionary now (a second or two) rather than on the first match."""
    _jieba()


@lru_cache(maxsize=4096)
def _cut(text: str) -> tuple[tuple[str, int, int], ...]:
    """The words of a text with their spans (remembered: spam comes in copies)."""
    return tuple(_jieba().tokenize(text, HMM=False))


def cut_across(text: str, start: int, end: int) -> bool:
    """Whether a word of ``text`` crosses an edge of ``text[start:end]`` (稍微|信任)."""
    return any(
        left < start < right < end or start < left < end < right for _, left, right in _cut(text)
    )


def ordinary(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is, or is inside, or is cut across by an ordinary word:
    what a sound-alike must not be to count."""
    for word, left, right in _cut(text):
        if left < start < right < end or start < left < end < right:
            return True
        if left <= start and end <= right and (right - left > end - start or _common(word)):
            return True
    return False


def _common(word: str) -> bool:
    return len(word) > 1 and int(_jieba().get_FREQ(word) or 0) >= COMMON
