"""Prohibited terms (China's Advertising Law absolute terms) in every text that reaches air.

Matching is width- and case-insensitive (NFKC + casefold, so ＴＯＰ１ and No.1 are caught)
and ignores whitespace inside a term ("第 一"). Hits carry offsets into the original text,
so a caller can map them to a ``line:col`` in the file the text came from.

An allowed exception masks the terms inside it: with "最近" allowed, "最近很火" has no hit
for "最", while "最好" still does. Terms written in Latin letters or digits match whole
words only, so "TOP1" is not found inside "TOP10" or "desktop1".
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from console.text import Text

# From DOMAIN.md: the Advertising Law's absolute terms and those common practice avoids.
DEFAULT_TERMS: tuple[str, ...] = (
    "国家级",
    "最高级",
    "最佳",
    "最",
    "最好",
    "最低",
    "最便宜",
    "第一",
    "NO.1",
    "TOP1",
    "唯一",
    "独家",
    "首家",
    "首发",
    "世界级",
    "顶级",
    "极品",
    "绝对",
    "万能",
    "全网销量第一",
)


@dataclass(frozen=True)
class Hit:
    """A prohibited term found in a text: ``text[start:end]`` is what matched."""

    start: int
    end: int
    term: str


@dataclass(frozen=True)
class Finding:
    """A hit in a named field (``name``, ``selling_points[1]``, ``labels.stock``...)."""

    field: str
    text: str
    hit: Hit

    def describe(self) -> Text:
        line, col = line_col(self.text, self.hit.start)
        matched = self.text[self.hit.start : self.hit.end]
        return Text(
            "compliance", "{field}:{line}:{col}: {matched!r} is a prohibited term ({term})"
        ).format(field=self.field, line=line, col=col, matched=matched, term=self.hit.term)


@dataclass(frozen=True)
class _Folded:
    """A text folded for matching, with the original offset of every folded character."""

    text: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the folded slice ``[start, end)``."""
        return self.origin[start], self.origin[end - 1] + 1


def _fold(text: str, skip_space: bool) -> _Folded:
    # Character by character, so every folded character knows where it came from. (Whole-
    # string NFKC would also compose combining sequences; prohibited terms contain none.)
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if skip_space and char.isspace():
            continue
        for folded in unicodedata.normalize("NFKC", char).casefold():
            chars.append(folded)
            origin.append(index)
    return _Folded("".join(chars), tuple(origin))


def _is_word_char(char: str) -> bool:
    return char.isascii() and char.isalnum()


@dataclass(frozen=True)
class TermList:
    """The show's prohibited terms and the phrases allowed despite containing one."""

    terms: tuple[str, ...] = DEFAULT_TERMS
    exceptions: tuple[str, ...] = ()
    skip_space: bool = True

    def __post_init__(self) -> None:
        for term in (*self.terms, *self.exceptions):
            if not _fold(term, self.skip_space).text:
                raise ValueError(f"empty prohibited term or exception: {term!r}")

    @classmethod
    def from_settings(
        cls,
        terms: Sequence[str] | None = None,
        add: Iterable[str] = (),
        remove: Iterable[str] = (),
        allow: Iterable[str] = (),
    ) -> TermList:
        """A show's list: the defaults (or ``terms``), plus ``add``, minus ``remove``."""
        removed = {_fold(term, True).text for term in remove}
        base = [*(DEFAULT_TERMS if terms is None else terms), *add]
        kept: list[str] = []
        for term in base:
            key = _fold(term, True).text
            if key not in removed and key not in {_fold(t, True).text for t in kept}:
                kept.append(term)
        return cls(tuple(kept), tuple(allow))

    def check(self, text: str) -> list[Hit]:
        """Every prohibited term in ``text``, in order; terms inside a longer hit (最 in
        最好) or inside an allowed exception are not reported."""
        folded = _fold(text, self.skip_space)
        allowed = [span for phrase in self.exceptions for span in _find(folded, phrase, self)]
        found: list[tuple[int, int, str]] = []
        for term in self.terms:
            for start, end in _find(folded, term, self):
                if not any(a <= start and end <= b for a, b in allowed):
                    found.append((start, end, term))
        found.sort(key=lambda hit: (hit[0], -(hit[1] - hit[0])))
        hits: list[Hit] = []
        kept: list[tuple[int, int]] = []
        for start, end, term in found:
            if any(a <= start and end <= b for a, b in kept):
                continue
            kept.append((start, end))
            original = folded.span(start, end)
            hits.append(Hit(original[0], original[1], term))
        return hits

    def check_fields(self, fields: Iterable[tuple[str, str]]) -> list[Finding]:
        """Check (field, text) pairs, such as ``on_air_texts(product)``."""
        return [Finding(name, text, hit) for name, text in fields for hit in self.check(text)]


def _find(folded: _Folded, term: str, terms: TermList) -> list[tuple[int, int]]:
    """Folded spans where ``term`` occurs, whole words only for Latin/digit edges."""
    needle = _fold(term, terms.skip_space).text
    haystack = folded.text
    spans: list[tuple[int, int]] = []
    start = haystack.find(needle)
    while start >= 0:
        end = start + len(needle)
        left_ok = not (
            _is_word_char(needle[0]) and start > 0 and _is_word_char(haystack[start - 1])
        )
        right_ok = not (
            _is_word_char(needle[-1]) and end < len(haystack) and _is_word_char(haystack[end])
        )
        if left_ok and right_ok:
            spans.append((start, end))
        start = haystack.find(needle, start + 1)
    return spans


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of ``offset`` within ``text``; columns count characters."""
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col
