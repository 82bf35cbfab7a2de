"""How text sounds: pinyin spellings, and the characters that sound like a syllable.

Evaders write a risky word with characters read (almost) the same way: 威信 or 蚊信 for
微信, 煞笔 for 傻逼, 骗纸 for 骗子. ``sounds_like`` gives the characters whose reading
matches a syllable loosely, with the confusions of spoken Mandarin folded together
(zh/z, ch/c, sh/s, l/n, -ing/-in, -eng/-en, -ang/-an, -ei/-en): pairs of them, put in the
rule set's automaton, find two-character sound-alikes at no cost per message. Longer terms
are screened by their first two syllables and spelt in full (``pinyin``, pypinyin's
phrase-aware readings) only for the messages a screen flagged.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache


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
def syllables(term: str) -> tuple[str, ...]:
    """The toneless syllables of a Han term, as pypinyin reads it in context."""
    from pypinyin import lazy_pinyin

    return tuple(_toneless(item) for item in lazy_pinyin(term, v_to_u=False))


_INITIALS = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("l", "n"))
_FINALS = (("ing", "in"), ("eng", "en"), ("ang", "an"), ("ei", "en"))


def loose(syllable: str) -> str:
    """A syllable with the confusions of spoken Mandarin folded (``shi`` → ``si``)."""
    for spoken, folded in _INITIALS:
        if syllable.startswith(spoken):
            syllable = folded + syllable[len(spoken) :]
            break
    for spoken, folded in _FINALS:
        if syllable.endswith(spoken):
            return syllable[: -len(spoken)] + folded
    return syllable


@cache
def sounds_like(syllable: str, everyday: bool = True) -> frozenset[str]:
    """Han characters one of whose readings is loosely ``syllable``: everyday ones (the
    6,763 of GB 2312) by default, or every character pypinyin knows (rare look-alikes
    such as 嶶 for 微 are what contact spammers pick)."""
    table = _readings(everyday)
    return table.get(loose(syllable), frozenset())


def homophones(syllable: str) -> frozenset[str]:
    """Everyday characters read exactly as ``syllable``."""
    return frozenset(c for c in sounds_like(syllable) if syllable in _spellings(c))


@cache
def _readings(everyday: bool) -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for char, spellings in _all_spellings().items():
        if everyday and not _everyday(char):
            continue
        for spelled in spellings:
            table.setdefault(loose(spelled), set()).add(char)
    return {key: frozenset(chars) for key, chars in table.items()}


def _spellings(char: str) -> frozenset[str]:
    return _all_spellings().get(char, frozenset())


@cache
def _all_spellings() -> dict[str, frozenset[str]]:
    from pypinyin.pinyin_dict import pinyin_dict

    return {
        chr(code): frozenset(_toneless(reading) for reading in spelled.split(","))
        for code, spelled in pinyin_dict.items()
        if 0x3400 <= code <= 0x9FFF
    }


def _everyday(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _toneless(reading: str) -> str:
    decomposed = unicodedata.normalize("NFD", reading).replace("u\u0308", "v")
    return "".join(c for c in decomposed if not unicodedata.combining(c))


LETTER_READINGS = {"wei": ("v",)}
"""Latin letters read as a syllable in Chinese chat (V is read wei: V信, V芯)."""


@cache
def sound_alikes(term: str, wide: bool = False) -> frozenset[str]:
    """Spellings of a two-character Han term with characters that sound (almost) like
    it, with one syllable spelt in pinyin or a letter (wei信, 威xin, v芯), and the whole
    term in pinyin (weixin); without the term itself. ``wide``: also rare characters
    read exactly the same (嶶信 for 微信), as contact spammers write."""
    spelled = syllables(term)
    if len(term) != 2 or len(spelled) != 2 or not all(_is_han(char) for char in term):
        return frozenset()
    sides: list[set[str]] = []
    for char, syllable in zip(term, spelled, strict=True):
        chars = set(sounds_like(syllable)) | {char}
        if wide:
            chars |= {c for c in sounds_like(syllable, everyday=False) if syllable in _spellings(c)}
        sides.append(chars)
    first, second = sides
    found = {a + b for a in first for b in second}
    for latin in (spelled[0], *LETTER_READINGS.get(spelled[0], ())):
        found.update(latin + b for b in second)
        found.add(latin + spelled[1])
    found.update(a + spelled[1] for a in first)
    found.add(spelled[0] + spelled[1])
    found.discard(term)
    return frozenset(found)
