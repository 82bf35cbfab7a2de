"""What a message is about, for the operator's filters: questions and product mentions.

Cheap enough to run on every row the feed shows (it runs on the normalised text the
pipeline already made, so traditional characters and full-width forms need no extra care).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from console.barrage.automaton import automaton
from console.barrage.normalise import normalise_batch

if TYPE_CHECKING:
    import ahocorasick_rs

# Question words and particles, matched on normalised (simplified, casefolded) text.
_QUESTION_WORDS = re.compile(
    r"吗|呢|嘛|(?<![这那多怎什])么$|(\w)不\1|多少|怎么|怎样|什么|啥|哪|几[个号点天时件次]|为什么|为啥|咋|能不能|可不可以|"
    "有没有|是不是|会不会|要不要|行不行|好不好|多久|多大|多重|多长|还有吗|"
    "^(?:how|what|why|when|where|which|who|is|are|can|does|do)(?=[a-z])|howmuch"
)
_RARE_MARKS = ("¿", "⁇", "⁈", "⁉")


def is_question(text: str, normalised: str) -> bool:
    """A question mark in the text, or a question word in its normalised form."""
    return (
        "?" in text
        or "？" in text
        or _QUESTION_WORDS.search(normalised) is not None
        or any(mark in text for mark in _RARE_MARKS)
    )


class ProductMatcher:
    """Which products a message names, from each product's names and keywords (e.g. "牛排",
    "ribeye", "3号链接"). Keywords are normalised like messages, so 牛排 matches 牛 排 too."""

    def __init__(self, products: Mapping[str, Sequence[str]] | None = None) -> None:
        self._owners: list[tuple[str, ...]] = []
        self._automaton: ahocorasick_rs.AhoCorasick | None = None
        pairs = [(product, word) for product, words in (products or {}).items() for word in words]
        owners: dict[str, list[str]] = {}
        normal = normalise_batch([word for _, word in pairs]).normal if pairs else []
        for (product, _), pattern in zip(pairs, normal, strict=True):
            if pattern and product not in owners.setdefault(pattern, []):
                owners[pattern].append(product)
        if owners:
            patterns = list(owners)
            self._owners = [tuple(owners[p]) for p in patterns]
            self._automaton = automaton(patterns)

    def __bool__(self) -> bool:
        return self._automaton is not None

    def mentions(self, normalised: str) -> tuple[str, ...]:
        """Product ids named in a normalised text, in order of first mention."""
        if self._automaton is None or not normalised:
            return ()
        found: list[str] = []
        for pattern, _, _ in self._automaton.find_matches_as_indexes(normalised, overlapping=True):
            for product in self._owners[pattern]:
                if product not in found:
                    found.append(product)
        return tuple(found)
