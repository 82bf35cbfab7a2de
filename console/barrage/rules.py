"""The compiled rule set: every text rule of a ``ModerationConfig`` ready to scan a batch.

All literal patterns go into ONE Aho-Corasick automaton (``ahocorasick_rs``), so a batch
is scanned once whatever their number: the term lists and the abuse list (a Latin term
of three letters or fewer only as a whole word), the two-character sound-alikes of the
risky terms (ignored where they are an ordinary word, :mod:`console.barrage.words`), the
screens of longer sound-alike terms (for the pipeline's pinyin pass), the allowed
phrases, the contact words with their homophones and look-alikes, and the contact
pointers. Contact words count only in context (:mod:`console.barrage.contact`).

A ``RuleSet`` is immutable: reloading builds a new one and the pipeline swaps the
reference, so a batch is always judged by one complete rule set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum
from functools import lru_cache
from itertools import product
from typing import Any, NamedTuple

from console.barrage import lexicon, words
from console.barrage.automaton import automaton
from console.barrage.config import ConfigError, ModerationConfig, PatternError, RegexRule
from console.barrage.contact import ContactContext, Word
from console.barrage.normalise import NormalBatch, normalise_batch
from console.barrage.sounds import Pinyin, homophones, sound_alikes, syllables
from console.barrage.verdict import Action

__all__ = ["ConfigError", "Hit", "ModerationConfig", "RuleSet", "SoundTerm", "Where", "compiled"]


class Where(IntEnum):
    """Which text a hit's span refers to."""

    NORMAL = 0  # the normalised text
    FOLDED = 1  # NFKC + casefold, before squeezing (links)
    TEXT = 2  # the text as sent
    NONE = 3  # not about a place in the text


NORMAL, FOLDED, TEXT = Where.NORMAL, Where.FOLDED, Where.TEXT


class Hit(NamedTuple):
    """One rule matching one message; ``order`` breaks ties between equal actions."""

    order: int
    action: Action
    rule: str
    where: Where
    start: int
    end: int
    detail: str


class _Kind(IntEnum):
    TERM = 0  # a listed term: a hit
    SOUND = 1  # a sound-alike of a listed term: a hit unless it is an ordinary word
    SCREEN = 2  # a longer sound-alike term may be here: flags the message for pinyin
    ALLOW = 3  # an allowed phrase: hits inside it do not count
    WORD = 4  # a contact word: a hit only with something to reach
    POINTER = 5  # a contact pointer: a hit on sight


@dataclass(frozen=True, slots=True)
class _Tag:
    kind: _Kind
    order: int
    rule: str
    action: Action
    detail: str


@dataclass(frozen=True)
class SoundTerm:
    """A term of three or more characters also caught when written with characters that
    sound the same (found by the pinyin pass)."""

    order: int
    rule: str
    action: Action
    term: str
    spelling: str  # toneless pinyin, e.g. "caonima"


# Rule order: the first rule listed wins among rules with the same action.
ORDER_CONTACT = 10  # numbers and links; then contact words, invitations, pointers
ORDER_CONTACT_WORD, ORDER_INVITATION, ORDER_POINTER = 11, 12, 13
ORDER_TERMS = 100  # + index of the term rule
ORDER_ABUSE = 900  # after the show's own lists: their names say more to the operator
ORDER_REGEX = 1000  # + index of the regex rule
ORDER_FLOOD = 2000
ORDER_SLOW = 2001
ORDER_REPEAT = 2002
ORDER_LENGTH = 2003
ORDER_CAPS = 2004
ORDER_SYMBOLS = 2005
ORDER_SOUND = 3000  # + index of the sound-alike term

_LATIN = frozenset("abcdefghijklmnopqrstuvwxyz")
_SHORT_LATIN = 3  # Latin ends this short must be whole words: "sb", not the "sb" of "usb"
_MAY_BE_PHONE = re.compile("[0-9oil零〇一二三四五六七八九壹贰叁肆伍陆柒捌玖两幺]{11,}")


class _Patterns:
    """Patterns and their tags, normalised like messages, as the automaton takes them."""

    def __init__(self) -> None:
        self.tags: dict[str, list[_Tag]] = {}
        self._raw: list[tuple[str, _Tag]] = []

    def add(self, pattern: str, tag: _Tag, normal: bool = False) -> None:
        """``normal``: already normalised (sound-alikes), else normalised at ``build``."""
        if normal:
            self.tags.setdefault(pattern, []).append(tag)
        else:
            self._raw.append((pattern, tag))

    def build(self) -> dict[str, list[_Tag]]:
        normal = normalise_batch([pattern for pattern, _ in self._raw]).normal
        for pattern, (_, tag) in zip(normal, self._raw, strict=True):
            if pattern:
                self.tags.setdefault(pattern, []).append(tag)
        return self.tags


class RuleSet:
    """The text rules of one config, compiled. Raises ``ConfigError`` on a bad pattern."""

    def __init__(self, config: ModerationConfig) -> None:
        self.config = config
        self.contact = ContactContext(config.contact)
        patterns = _Patterns()
        screens: list[tuple[str, Action, str]] = []  # rule, action, term
        if config.contact.enabled:
            _contact_patterns(config, patterns)
        for index, term_rule in enumerate(config.terms):
            order = ORDER_TERMS + index
            for term in term_rule.terms:
                tag = _Tag(_Kind.TERM, order, term_rule.name, term_rule.action, f"term {term!r}")
                patterns.add(term, tag)
                if term_rule.sound_alike:
                    _sound(patterns, screens, tag, term)
        abuse = config.abuse
        if abuse.enabled:
            for term in abuse.terms:
                tag = _Tag(_Kind.TERM, ORDER_ABUSE, "abuse", abuse.action, repr(term))
                for spelling in _spellings(term, variants=False):
                    patterns.add(spelling, tag)
            for term in abuse.sound_alike:
                tag = _Tag(_Kind.TERM, ORDER_ABUSE, "abuse", abuse.action, repr(term))
                _sound(patterns, screens, tag, term)
        allow = _Tag(_Kind.ALLOW, 0, "", Action.PASS, "")
        for phrase in (*config.allow, *(abuse.allow if abuse.enabled else ())):
            patterns.add(phrase, allow)
        self.sound_terms = _sound_terms(screens, patterns)
        tags = patterns.build()
        self._patterns = list(tags)
        self._tags = [tuple(tags[pattern]) for pattern in self._patterns]
        self._automaton = automaton(self._patterns)
        self._regex_normal: list[tuple[int, RegexRule, Any]] = []
        self._regex_text: list[tuple[int, RegexRule, Any]] = []
        for index, rule in enumerate(config.regex):
            try:
                compiled_rule = rule.compile()
            except PatternError as exc:
                raise ConfigError([(f"regex[{index}].pattern", str(exc))]) from None
            target = self._regex_normal if rule.on == "normalised" else self._regex_text
            target.append((ORDER_REGEX + index, rule, compiled_rule))
        words.load()  # now, not on the first match during the show

    @property
    def term_count(self) -> int:
        return len(self._patterns)

    def scan(
        self, batch: NormalBatch, texts: list[str], hits: Hits | None = None
    ) -> tuple[dict[int, Hit], set[int]]:
        """The strongest text hit per message index, and the messages a homophone screen
        flagged (the pipeline spells those in pinyin if nothing else decided them).
        ``hits`` (``Hits(every=True)``) also collects every hit and every match that did
        not count, for explaining a verdict."""
        best = hits if hits is not None else Hits()
        screened: set[int] = set()
        if self._automaton is not None and batch.joined:
            self._terms(batch, best, screened)
        if self.config.contact.enabled:
            self._numbers_and_links(batch, best)
        for order, rule, compiled_rule in self._regex_normal:
            for match in compiled_rule.finditer(batch.joined):
                index, local = batch.locate(match.start())
                if match.end() - match.start() and "\n" not in match.group():
                    end = local + match.end() - match.start()
                    hit = Hit(order, rule.action, rule.name, NORMAL, local, end, rule.detail)
                    best.keep(index, hit)
        if self._regex_text:
            _scan_text(self._regex_text, texts, best)
        return best.best, screened

    def _terms(self, batch: NormalBatch, best: Hits, screened: set[int]) -> None:
        assert self._automaton is not None
        tags, patterns, joined = self._tags, self._patterns, batch.joined
        found = self._automaton.find_matches_as_indexes(joined, overlapping=True)
        allowed: list[tuple[int, int]] = [
            (start, end)
            for pattern, start, end in found
            if any(tag.kind is _Kind.ALLOW for tag in tags[pattern])
        ]
        contact_words: dict[int, list[Word]] = {}
        pointed: set[int] = set()
        for pattern, start, end in found:
            if allowed and any(a <= start and end <= b for a, b in allowed):
                if all(tag.kind is not _Kind.ALLOW for tag in tags[pattern]):
                    best.ignore(batch.locate(start)[0], f"{joined[start:end]!r}: allowed phrase")
                continue  # part of an allowed phrase (微信支付 is not a contact detail)
            head, tail = _edges(joined, start, end, patterns[pattern])
            if not head:
                continue
            index, local = batch.locate(start)
            stop = local + end - start
            han = not patterns[pattern].isascii()
            for tag in tags[pattern]:
                kind = tag.kind
                if not tail and kind is not _Kind.WORD:
                    continue  # a contact word's handle may follow it glued: vxmm1688
                text = batch.normal[index]
                if kind is _Kind.TERM or kind is _Kind.POINTER:
                    ours = tag.order in (ORDER_ABUSE, ORDER_POINTER)
                    if han and ours and words.cut_across(text, local, stop):
                        best.ignore(index, f"{tag.detail} at {local}-{stop}: inside other words")
                        continue  # 去|死皮 holds no 去死 (the show's own lists are trusted)
                    hit = Hit(tag.order, tag.action, tag.rule, NORMAL, local, stop, tag.detail)
                    best.keep(index, hit)
                    if kind is _Kind.POINTER:
                        pointed.add(index)
                elif kind is _Kind.SOUND:
                    detail = f"sounds like {tag.detail}"
                    if words.ordinary(text, local, stop):
                        best.ignore(index, f"{text[local:stop]!r} {detail}: an ordinary word")
                    else:
                        hit = Hit(tag.order, tag.action, tag.rule, NORMAL, local, stop, detail)
                        best.keep(index, hit)
                elif kind is _Kind.WORD:
                    word = Word(local, stop, joined[start:end], tag.order, tag.action, tag.detail)
                    contact_words.setdefault(index, []).append(word)
                elif kind is _Kind.SCREEN:
                    screened.add(index)
        if contact_words:
            self._reachable(batch, contact_words, pointed, best)

    def _reachable(
        self,
        batch: NormalBatch,
        found: dict[int, list[Word]],
        pointed: set[int],
        best: Hits,
    ) -> None:
        folded = batch.folded.split("\n")
        for index, candidates in found.items():
            text = batch.normal[index]
            for word in candidates:
                if not self.contact.reachable(text, folded[index], word, index in pointed):
                    best.ignore(
                        index, f"{word.detail} at {word.start}-{word.end}: nothing to reach"
                    )
                    continue  # 稍微信任, 微信转账行吗
                hit = Hit(
                    word.order, word.action, "contact", NORMAL, word.start, word.end, word.detail
                )
                best.keep(index, hit)

    def _numbers_and_links(self, batch: NormalBatch, best: Hits) -> None:
        contact = self.contact
        action = self.config.contact.action
        if _MAY_BE_PHONE.search(batch.joined) is not None:
            for index, text in enumerate(batch.normal):
                if len(text) >= 11 and _MAY_BE_PHONE.search(text) is not None:
                    for start, end in contact.phones(text):
                        hit = Hit(ORDER_CONTACT, action, "contact", NORMAL, start, end, "phone")
                        best.keep(index, hit)
        if self.config.contact.links and contact.may_link(batch.folded):
            for index, folded in enumerate(batch.folded.split("\n")):
                span = contact.link(folded) if contact.may_link(folded) else None
                if span is not None:
                    best.keep(index, Hit(ORDER_CONTACT, action, "contact", FOLDED, *span, "link"))

    def sound_alike(self, spelled: Pinyin) -> Hit | None:
        """The first sound-alike term heard in a message spelt in pinyin."""
        for sound in self.sound_terms:
            span = spelled.find(sound.spelling)
            if span is not None:
                detail = f"sounds like {sound.term!r}"
                return Hit(sound.order, sound.action, sound.rule, NORMAL, *span, detail)
        return None


@lru_cache(maxsize=8)
def compiled(config: ModerationConfig) -> RuleSet:
    """The rule set of ``config``, compiled once per process (rule sets are immutable)."""
    return RuleSet(config)


def _contact_patterns(config: ModerationConfig, patterns: _Patterns) -> None:
    """Contact words (with their look-alike and pinyin spellings, and the homophones of the
    sound-alike ones) and pointers (with their pinyin)."""
    contact = config.contact
    for keyword in contact.keywords:
        order = ORDER_INVITATION if keyword in lexicon.INVITATIONS else ORDER_CONTACT_WORD
        tag = _Tag(_Kind.WORD, order, "contact", contact.action, f"contact word {keyword!r}")
        for spelling in _spellings(keyword):
            patterns.add(spelling, tag)
    for term in contact.sound_alike:
        detail = f"sounds like contact word {term!r}"
        tag = _Tag(_Kind.WORD, ORDER_CONTACT_WORD, "contact", contact.sound_alike_action, detail)
        for spelling in sound_alikes(term, wide=True):
            patterns.add(spelling, tag, normal=True)
    for pointer in contact.pointers:
        detail = f"points to a contact: {pointer!r}"
        tag = _Tag(_Kind.POINTER, ORDER_POINTER, "contact", contact.pointer_action, detail)
        for spelling in _spellings(pointer):
            patterns.add(spelling, tag)


def _spellings(word: str, variants: bool = True) -> set[str]:
    """A word as written, with look-alike characters of contact words (徾信, 微亻言) and,
    for Han words of two or more characters, in pinyin (weixin, sixinwo, naocan)."""
    table = lexicon.CONTACT_VARIANTS if variants else {}
    options = [(char, *table.get(char, ())) for char in word]
    found = {"".join(parts) for parts in product(*options)}
    if len(word) >= 2 and all("\u4e00" <= char <= "\u9fff" for char in word):
        found.add("".join(syllables(word)))
    return found


def _sound(
    patterns: _Patterns, screens: list[tuple[str, Action, str]], tag: _Tag, term: str
) -> None:
    """Sound-alikes of a term: two characters go into the automaton whole; a longer term
    is screened by its first two syllables and confirmed by the pinyin pass."""
    sound = _Tag(_Kind.SOUND, tag.order, tag.rule, tag.action, tag.detail)
    alikes = sound_alikes(term)
    if alikes:
        for spelling in alikes:
            patterns.add(spelling, sound, normal=True)
    elif len(term) > 2 and all("\u4e00" <= char <= "\u9fff" for char in term):
        screens.append((tag.rule, tag.action, term))


def _sound_terms(
    screens: list[tuple[str, Action, str]], patterns: _Patterns
) -> tuple[SoundTerm, ...]:
    terms: list[SoundTerm] = []
    screen = _Tag(_Kind.SCREEN, 0, "", Action.PASS, "")
    for rule_name, action, term in screens:
        spelled = syllables(term)
        terms.append(SoundTerm(ORDER_SOUND + len(terms), rule_name, action, term, "".join(spelled)))
        first, second = homophones(spelled[0]) | {term[0]}, homophones(spelled[1]) | {term[1]}
        for pattern in {a + b for a in first for b in second} | {"".join(spelled)}:
            patterns.add(pattern, screen, normal=True)
    return tuple(terms)


def _edges(joined: str, start: int, end: int, pattern: str) -> tuple[bool, bool]:
    """Whether a match starting, and one ending, in a short Latin word does so at the edge
    of a Latin word (the "sb" of "sb主播", not of "usb")."""
    head = len(pattern) - len(pattern.lstrip("abcdefghijklmnopqrstuvwxyz"))
    tail = len(pattern) - len(pattern.rstrip("abcdefghijklmnopqrstuvwxyz"))
    head_ok = not (0 < head <= _SHORT_LATIN and start and joined[start - 1] in _LATIN)
    tail_ok = not (0 < tail <= _SHORT_LATIN and end < len(joined) and joined[end] in _LATIN)
    return head_ok, tail_ok


def stronger(hit: Hit, current: Hit | None) -> bool:
    """Whether ``hit`` beats ``current``: the stricter action, the earlier rule, the longer
    span."""
    return (
        current is None
        or hit.action > current.action
        or (hit.action == current.action and hit.order < current.order)
        or (
            hit.action == current.action
            and hit.order == current.order
            and hit.where == current.where
            and hit.end - hit.start > current.end - current.start
        )
    )


class Hits:
    """The strongest hit per message index; with ``every``, also every hit and every match
    that did not count (and why), in the order found."""

    def __init__(self, every: bool = False) -> None:
        self.best: dict[int, Hit] = {}
        self.every: list[tuple[int, Hit]] | None = [] if every else None
        self.ignored: list[tuple[int, str]] | None = [] if every else None

    def keep(self, index: int, hit: Hit) -> None:
        if self.every is not None:
            self.every.append((index, hit))
        if stronger(hit, self.best.get(index)):
            self.best[index] = hit

    def ignore(self, index: int, why: str) -> None:
        if self.ignored is not None:
            self.ignored.append((index, why))


def _scan_text(rules: list[tuple[int, RegexRule, Any]], texts: list[str], best: Hits) -> None:
    for index, text in enumerate(texts):
        for order, rule, compiled_rule in rules:
            match = compiled_rule.search(text)
            if match is not None and match.end() > match.start():
                span = match.start(), match.end()
                best.keep(index, Hit(order, rule.action, rule.name, TEXT, *span, rule.detail))
