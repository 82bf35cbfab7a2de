"""Text as the moderation rules see it: the tricks that hide a word, undone.

Full-width and styled letters (ＶＸ, ⓥⓧ) fold with NFKC; case with casefold; inserted spaces,
symbols, emoji and zero-width characters are squeezed out (加 微-信 → 加微信); common
Cyrillic and Greek look-alikes become Latin; traditional characters become simplified
(OpenCC ``t2s``: 加微信號 → 加微信号). Homophones (加威信) need pinyin, which is slow, so the
pipeline asks for ``pinyin()`` only on messages the cheap passes leave undecided.

The hot path works on a whole batch joined with newlines (each step is one C call for
hundreds of messages); spans are mapped back to the original text only for messages a rule
matched, by ``mapped()``, which keeps, for every normalised character, where it came from.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import accumulate, repeat
from operator import add
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from opencc import OpenCC

SEPARATOR = "\n"
# What survives squeezing: letters and digits of any script (and the batch separator).
# findall + join beats sub here, and a single class beats an alternation (sre's fast path).
_KEEP = re.compile(r"[\w\n]+")
_LOOKALIKE_RANGE = re.compile("[\u0370-\u04ff]")
# Cyrillic and Greek letters that pass for Latin ones in "vх" or "wесhat".
_LOOKALIKES = str.maketrans(
    "аеорсухіјѕԁһкмтвνοαιкρτυχεϲ",
    "aeopcyxijsdhkmtbvoaikptuxec",
)


@cache
def _t2s() -> OpenCC:
    """One converter for the process: it is immutable once its dictionaries are loaded.
    Imported on first use, so checking a profile never loads OpenCC."""
    from opencc import OpenCC

    return OpenCC("t2s")


def _simplify(text: str) -> str:
    if text.isascii():
        return text
    return str(_t2s().convert(text))


def _nfkc(text: str) -> str:
    # The quick check is cheap; most comments need no change at all.
    if unicodedata.is_normalized("NFKC", text):
        return text
    return unicodedata.normalize("NFKC", text)


def fold(text: str) -> str:
    """NFKC and casefold (plus look-alikes): what a human reads, without the styling."""
    folded = _nfkc(text).casefold()
    if _LOOKALIKE_RANGE.search(folded) is not None:
        folded = folded.translate(_LOOKALIKES)
    return folded


def squeeze(folded: str) -> str:
    """Only letters and digits (and separators): spaces, symbols, emoji, ``_`` removed."""
    kept = "".join(_KEEP.findall(folded))
    return kept.replace("_", "") if "_" in kept else kept


def normalise(text: str) -> str:
    """The full cheap normalisation of one text (the batch path gives the same result)."""
    return _simplify(squeeze(fold(text.replace(SEPARATOR, " "))))


@dataclass
class NormalBatch:
    """Normalised texts of one batch, joined once so matchers scan a single string."""

    normal: list[str]
    joined: str
    folded: str
    _offsets: list[int] | None = field(default=None, repr=False)
    _folded_offsets: list[int] | None = field(default=None, repr=False)

    def locate(self, position: int) -> tuple[int, int]:
        """Message index and position inside it of a position in ``joined``."""
        if self._offsets is None:
            self._offsets = _starts(self.normal)
        index = bisect_right(self._offsets, position) - 1
        return index, position - self._offsets[index]

    def locate_folded(self, position: int) -> tuple[int, int]:
        """Message index and position inside it of a position in ``folded``."""
        if self._folded_offsets is None:
            self._folded_offsets = _starts(self.folded.split(SEPARATOR))
        index = bisect_right(self._folded_offsets, position) - 1
        return index, position - self._folded_offsets[index]


def _starts(parts: Sequence[str]) -> list[int]:
    """Where each part starts in the parts joined by one separator (C-level iteration)."""
    return list(accumulate(map(add, map(len, parts), repeat(1)), initial=0))


def normalise_batch(texts: Sequence[str]) -> NormalBatch:
    """Normalise many texts with one call per step (the pipeline's hot path)."""
    if not texts:
        return NormalBatch([], "", "")
    # Per text, not on the joined batch: NFKC's quick check is all-or-nothing, and one
    # full-width letter anywhere would send the whole batch through full normalisation.
    quick, full = unicodedata.is_normalized, unicodedata.normalize
    joined = SEPARATOR.join([t if quick("NFKC", t) else full("NFKC", t) for t in texts])
    if joined.count(SEPARATOR) != len(texts) - 1:
        joined = SEPARATOR.join(_nfkc(text.replace(SEPARATOR, " ")) for text in texts)
    folded = joined.casefold()
    if _LOOKALIKE_RANGE.search(folded) is not None:
        folded = folded.translate(_LOOKALIKES)
    normal_joined = _simplify(squeeze(folded))
    normal = normal_joined.split(SEPARATOR)
    if len(normal) != len(texts):  # a converter that ate or made a separator: go one by one
        normal = [normalise(text) for text in texts]
        normal_joined = SEPARATOR.join(normal)
        folded = SEPARATOR.join(fold(text.replace(SEPARATOR, " ")) for text in texts)
    return NormalBatch(normal, normal_joined, folded)


@dataclass(frozen=True)
class Mapped:
    """A normalised text with, for each of its characters, the original span it came from."""

    text: str
    starts: list[int]
    ends: list[int]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that normalised into ``text[start:end]``."""
        if not self.starts or start >= end:
            return (0, 0)
        return self.starts[start], self.ends[end - 1]


# Each cluster's normalised form, remembered: spans are mapped cluster by cluster, and the
# same few thousand characters make up nearly every comment.
_SQUEEZED: dict[str, str] = {}
_FOLDED: dict[str, str] = {}
_CACHE_LIMIT = 50_000


def _clusters(text: str) -> list[tuple[int, int]]:
    """Base characters with their combining marks: the units NFKC may merge."""
    n = len(text)
    if text.isascii():
        return [(i, i + 1) for i in range(n)]
    combining = unicodedata.combining
    spans: list[tuple[int, int]] = []
    i = 0
    while i < n:
        j = i + 1
        while j < n and text[j] >= "\u0300" and combining(text[j]):
            j += 1
        spans.append((i, j))
        i = j
    return spans


def mapped(text: str, folded_only: bool = False) -> Mapped:
    """Normalise ``text`` cluster by cluster, remembering where each character came from.

    With ``folded_only`` it maps the folded text instead (links are found there, before
    their dots and slashes are squeezed out).
    """
    text = text.replace(SEPARATOR, " ")
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    cache = _FOLDED if folded_only else _SQUEEZED
    for i, j in _clusters(text):
        cluster = text[i:j]
        piece = cache.get(cluster)
        if piece is None:
            piece = fold(cluster) if folded_only else squeeze(fold(cluster))
            if len(cache) < _CACHE_LIMIT:
                cache[cluster] = piece
        out.append(piece)
        starts.extend([i] * len(piece))
        ends.extend([j] * len(piece))
    result = "".join(out)
    if not folded_only and not result.isascii():
        converted = _simplify(result)
        if len(converted) == len(result):
            result = converted
        else:  # a phrase changed length: convert character by character to keep the map
            chars: list[str] = []
            new_starts: list[int] = []
            new_ends: list[int] = []
            for char, start, end in zip(result, starts, ends, strict=True):
                piece = _simplify(char)
                chars.append(piece)
                new_starts.extend([start] * len(piece))
                new_ends.extend([end] * len(piece))
            result, starts, ends = "".join(chars), new_starts, new_ends
    return Mapped(result, starts, ends)


@dataclass(frozen=True)
class Pinyin:
    """A normalised text spelled in toneless pinyin, Latin runs kept letter by letter.

    ``owner[k]`` is the index in the normalised text of the character pinyin letter ``k``
    spells; a match counts only from a syllable start (``starts``) to a syllable end
    (``ends``), so "wei xin" is found in 为心 but not across "hui xing".
    """

    text: str
    owner: list[int]
    starts: frozenset[int]
    ends: frozenset[int]

    def find(self, spelling: str) -> tuple[int, int] | None:
        """The span in the normalised text of the first whole-syllable ``spelling``."""
        at = self.text.find(spelling)
        while at != -1:
            stop = at + len(spelling)
            if at in self.starts and stop in self.ends:
                return self.owner[at], self.owner[stop - 1] + 1
            at = self.text.find(spelling, at + 1)
        return None


def pinyin(normal_text: str) -> Pinyin:
    """Spell a normalised text in pinyin (pypinyin ``lazy_pinyin``: phrase-aware readings)."""
    from pypinyin import lazy_pinyin

    items = lazy_pinyin(normal_text, v_to_u=False)
    parts: list[str] = []
    owner: list[int] = []
    starts: set[int] = set()
    ends: set[int] = set()
    position = 0  # index in normal_text
    length = 0  # letters so far
    for item in items:
        if position < len(normal_text) and _is_han(normal_text[position]):
            syllables, width = [item], 1
        else:  # a non-Han run comes back as it was: one "syllable" per character
            syllables, width = list(item), len(item)
        for offset, syllable in enumerate(syllables):
            char_index = position + (offset if width > 1 else 0)
            starts.add(length)
            parts.append(syllable)
            owner.extend([char_index] * len(syllable))
            length += len(syllable)
            ends.add(length)
        position += width
    if position != len(normal_text):  # the tokeniser grouped differently: char by char
        return _pinyin_by_char(normal_text)
    return Pinyin("".join(parts), owner, frozenset(starts), frozenset(ends))


def _pinyin_by_char(normal_text: str) -> Pinyin:
    from pypinyin import lazy_pinyin

    parts: list[str] = []
    owner: list[int] = []
    starts: set[int] = set()
    ends: set[int] = set()
    length = 0
    for index, char in enumerate(normal_text):
        syllable = lazy_pinyin(char)[0] if _is_han(char) else char
        starts.add(length)
        parts.append(syllable)
        owner.extend([index] * len(syllable))
        length += len(syllable)
        ends.add(length)
    return Pinyin("".join(parts), owner, frozenset(starts), frozenset(ends))


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" or char >= "\U00020000"


@cache
def homophones(syllable: str) -> frozenset[str]:
    """Everyday Han characters (the 6,763 of GB 2312) that can be read as ``syllable``.

    Rarer characters would multiply the homophone screens tenfold for little gain: an evader
    needs viewers to read the word, so they pick characters viewers know."""
    return _readings().get(syllable, frozenset())


@cache
def _readings() -> dict[str, frozenset[str]]:
    from pypinyin.pinyin_dict import pinyin_dict

    table: dict[str, set[str]] = {}
    for code, spelled in pinyin_dict.items():
        if not 0x4E00 <= code <= 0x9FFF or not _everyday(chr(code)):
            continue
        for reading in spelled.split(","):
            plain = _toneless(reading)
            table.setdefault(plain, set()).add(chr(code))
    return {key: frozenset(chars) for key, chars in table.items()}


def _everyday(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _toneless(reading: str) -> str:
    decomposed = unicodedata.normalize("NFD", reading).replace("u\u0308", "v")
    return "".join(c for c in decomposed if not unicodedata.combining(c))
