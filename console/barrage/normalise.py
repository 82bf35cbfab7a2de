"""Text as the moderation rules see it: the tricks that hide a word, undone.

Full-width and styled letters (ＶＸ, ⓥⓧ, 𝓥𝓧) fold with NFKC; case with casefold; what NFKC
leaves styled is read from the Unicode names (🅥, the regional indicators 🇻🇽, dingbat
digits ❶) and accents are dropped (wēixìn → weixin); common Cyrillic and Greek look-alikes
become Latin; a plus sign reads 加 (+V); inserted spaces, symbols, emoji and zero-width
characters are squeezed out (加 微-信 → 加微信); traditional characters become simplified
(OpenCC ``t2s``: 加微信號 → 加微信号). How words sound is :mod:`console.barrage.sounds`.

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
# Characters the table below changes: accented Latin, small capitals, Greek and Cyrillic,
# enclosed and dingbat alphanumerics, the regional indicators, plus signs. One search
# finds whether a text has any (most have none).
_STYLED_RANGES = (
    "\u00c0-\u02af\u0370-\u04ff\u1d00-\u1dbf\u1e00-\u1eff\u2460-\u27bf\U0001f100-\U0001f1ff"
)
_LOOKALIKE_RANGE = re.compile(f"[{_STYLED_RANGES}+]")
# Cyrillic and Greek letters that pass for Latin ones in "vх" or "wесhat".
_LOOKALIKES = dict(
    zip(map(ord, "аеорсухіјѕԁһкмтвνοαιкρτυχεϲ"), "aeopcyxijsdhkmtbvoaikptuxec", strict=True)
)
_NAMED_LETTER = re.compile(
    r"(?:LATIN (?:CAPITAL |SMALL )?LETTER (?:SMALL CAPITAL )?|REGIONAL INDICATOR SYMBOL LETTER )"
    r"([A-Z])$"
)


@cache
def _styled() -> dict[int, str]:
    """What each styled character reads as, from Unicode data: its digit value (❶), its
    letter without accents (ē), or the letter its name ends with (NEGATIVE CIRCLED LATIN
    CAPITAL LETTER V); plus the look-alikes above and the plus signs (read 加)."""
    table: dict[int, str] = {}
    low, high = 0x00C0, 0x1F1FF
    for code in range(low, high + 1):
        char = chr(code)
        if _LOOKALIKE_RANGE.match(char) is None or char == "+":
            continue
        if unicodedata.is_normalized("NFKC", char) is False:
            continue  # NFKC has already changed it before this table is used
        digit = unicodedata.digit(char, None)
        base = unicodedata.normalize("NFD", char)[0]
        letter = _NAMED_LETTER.search(unicodedata.name(char, ""))
        if digit is not None:
            table[code] = str(digit)
        elif base != char and base.isascii() and base.isalpha():
            table[code] = base.lower()
        elif letter is not None:
            table[code] = letter.group(1).lower()
    table.update(_LOOKALIKES)
    table[ord("+")] = table[ord("\u2795")] = "加"
    return table


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
        folded = folded.translate(_styled())
    return folded


def squeeze(folded: str) -> str:
    """Only letters and digits (and separators): spaces, symbols, emoji, ``_`` removed."""
    kept = "".join(_KEEP.findall(folded))
    return kept.replace("_", "") if "_" in kept else kept


def normalise(text: str) -> str:
    """The full cheap normalisation of one text (the batch path gives the same result)."""
    return _simplify(squeeze(fold(text.replace(SEPARATOR, " "))))


def steps(text: str) -> list[tuple[str, str]]:
    """Each step of ``normalise`` with the text after it, for explaining a verdict."""
    nfkc = _nfkc(text.replace(SEPARATOR, " "))
    folded = fold(nfkc)
    squeezed = squeeze(folded)
    return [
        ("as sent", text),
        ("NFKC (width, styled letters)", nfkc),
        ("folded (case, accents, look-alikes, + as 加)", folded),
        ("squeezed (spaces, symbols, emoji)", squeezed),
        ("simplified (OpenCC t2s): what the rules see", _simplify(squeezed)),
    ]


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
        folded = folded.translate(_styled())
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
