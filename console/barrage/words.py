"""Ordinary Chinese words, to tell a sound-alike evasion from a word that merely sounds
the same (白吃 is not 白痴, 片子 is not 骗子, 去世 is not 去死) or that crosses the match's
edge (香辣鸡腿 holds no 辣鸡).

The words are jieba's dictionary (about 350,000 words with their frequency in a large
corpus), read from the file the package ships; jieba itself is not imported (its
segmenter is not needed, only which words exist). Words seen rarely are left out:
internet spellings of insults (煞笔, 沙比) are in the dictionary a handful of times.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

COMMON = 20
"""How often a word must occur in jieba's corpus to count as ordinary."""


@cache
def _words() -> frozenset[str]:
    spec = importlib.util.find_spec("jieba")
    assert spec is not None and spec.submodule_search_locations, "jieba is a dependency"
    path = Path(next(iter(spec.submodule_search_locations))) / "dict.txt"
    found: set[str] = set()
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            word, count, _ = line.split(" ", 2)
            if 2 <= len(word) <= 4 and int(count) >= COMMON:
                found.add(word)
    return frozenset(found)


def load() -> None:
    """Read the dictionary now (about a quarter of a second) rather than on first use."""
    _words()


def is_word(text: str) -> bool:
    """Whether ``text`` is an ordinary word."""
    return text in _words()


def in_a_word(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is an ordinary word or part of one, or an ordinary word
    overlaps one of its edges (稍微|信任 around 微信)."""
    words = _words()
    if text[start:end] in words:
        return True
    for left in range(max(0, start - 3), end):
        for right in range(max(left + 2, start + 1), min(len(text), left + 4) + 1):
            if (left, right) == (start, end) or right <= start or left >= end:
                continue
            if text[left:right] in words:
                return True
    return False
