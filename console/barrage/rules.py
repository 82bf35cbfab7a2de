"""The compiled rule set: every text rule of a ``ModerationConfig`` ready to scan a batch.

All terms (every named list, the contact keywords, and the homophone screens) go into ONE
Aho-Corasick automaton (``ahocorasick_rs``) so a batch is scanned once whatever the number
of terms. A ``RuleSet`` is immutable: reloading builds a new one and the pipeline swaps the
reference, so a batch is always judged by one complete rule set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum
from typing import TYPE_CHECKING, NamedTuple

from console.barrage.automaton import automaton
from console.barrage.config import ConfigError, ModerationConfig, RegexRule
from console.barrage.normalise import (
    NormalBatch,
    Pinyin,
    homophones,
    normalise,
    normalise_batch,
)
from console.barrage.verdict import Action

if TYPE_CHECKING:
    pass

__all__ = ["ConfigError", "Hit", "ModerationConfig", "RuleSet", "SoundTerm", "Where"]


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
    TERM = 0
    SCREEN = 1  # a homophone screen: flags the message for the pinyin pass
    ALLOW = 2  # an allowed phrase: term hits inside it do not count


@dataclass(frozen=True, slots=True)
class _Tag:
    kind: _Kind
    order: int
    rule: str
    action: Action
    detail: str


@dataclass(frozen=True)
class SoundTerm:
    """A term also caught when written with characters that sound the same."""

    order: int
    rule: str
    action: Action
    term: str
    spelling: str  # toneless pinyin, e.g. "weixin"


# Rule order: the first rule listed wins among rules with the same action.
ORDER_CONTACT = 10
ORDER_TERMS = 100  # + index of the term rule
ORDER_REGEX = 1000  # + index of the regex rule
ORDER_FLOOD = 2000
ORDER_SLOW = 2001
ORDER_REPEAT = 2002
ORDER_LENGTH = 2003
ORDER_CAPS = 2004
ORDER_SYMBOLS = 2005
ORDER_SOUND = 3000  # + index of the sound-alike term

_DIGIT_CHARS = "0-9零〇一二三四五六七八九壹贰叁肆伍陆柒捌玖两幺"
_DIGITS = re.compile(f"[{_DIGIT_CHARS}]{{5,}}")
_TO_ASCII = str.maketrans("零〇一二三四五六七八九壹贰叁肆伍陆柒捌玖两幺", "0012345678912345678921")
_PHONE = re.compile(r"1[3-9]\d{9}")
# A short id is contact only right after a WeChat/QQ word (not inside a Latin word: "love520").
_ID_LEAD = re.compile(r"(?:vx|wx|qq|v|q|微|薇|威|扣扣|企鹅)(?:号码?)?[a-z]{0,8}$")
_LATIN_BEFORE = re.compile(r"[a-z]$")
# Number memes viewers cheer with: 5201314 (I love you for ever), 1314520, 7758258 ...
_MEMES = ("5201314", "1314520", "7758258", "1234567", "12345678", "123456789")
# Links: a scheme, "www." or "t.me/", or ".tld" after a domain name. The pattern starts at a
# literal so sre skips most positions at once; the domain before ".tld" is walked back in
# Python for the few candidates.
_LINK = re.compile(
    r"\.(?:com|cn|net|org|top|xyz|vip|cc|me|io|link|shop|site|club|info|tv|ly|co)\b"
    r"|https?://|www\.|t\.me/"
)
_DOMAIN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")


class RuleSet:
    """The text rules of one config, compiled. Raises ``ConfigError`` on a bad pattern."""

    def __init__(self, config: ModerationConfig) -> None:
        self.config = config
        wanted: list[tuple[str, _Tag]] = []
        contact = config.contact
        if contact.enabled:
            for keyword in contact.keywords:
                detail = f"contact word {keyword!r}"
                tag = _Tag(_Kind.TERM, ORDER_CONTACT, "contact", contact.action, detail)
                wanted.append((keyword, tag))
        for index, term_rule in enumerate(config.terms):
            for term in term_rule.terms:
                order = ORDER_TERMS + index
                tag = _Tag(_Kind.TERM, order, term_rule.name, term_rule.action, f"term {term!r}")
                wanted.append((term, tag))
        allow = _Tag(_Kind.ALLOW, 0, "", Action.PASS, "")
        wanted.extend((phrase, allow) for phrase in config.allow)
        tags: dict[str, list[_Tag]] = {}
        normal = normalise_batch([term for term, _ in wanted]).normal
        for pattern, (_, tag) in zip(normal, wanted, strict=True):
            if pattern:
                tags.setdefault(pattern, []).append(tag)
        self.sound_terms = self._sound_terms(config)
        screen = _Tag(_Kind.SCREEN, 0, "", Action.PASS, "")
        for sound in self.sound_terms:
            for pattern in _screens(sound):  # already normal: Han characters and pinyin
                tags.setdefault(pattern, []).append(screen)
        self._patterns = list(tags)
        self._tags = [tuple(tags[pattern]) for pattern in self._patterns]
        self._automaton = automaton(self._patterns)
        self._regex_normal: list[tuple[int, RegexRule, re.Pattern[str]]] = []
        self._regex_text: list[tuple[int, RegexRule, re.Pattern[str]]] = []
        for index, rule in enumerate(config.regex):
            try:
                compiled = rule.compile()
            except re.error as exc:
                raise ConfigError([(f"regex[{index}].pattern", str(exc))]) from None
            target = self._regex_normal if rule.on == "normalised" else self._regex_text
            target.append((ORDER_REGEX + index, rule, compiled))

    @property
    def term_count(self) -> int:
        return len(self._patterns)

    @staticmethod
    def _sound_terms(config: ModerationConfig) -> tuple[SoundTerm, ...]:
        from console.barrage.normalise import pinyin

        wanted: list[tuple[str, Action, str]] = []
        if config.contact.enabled:
            action = config.contact.sound_alike_action
            wanted.extend(("contact", action, term) for term in config.contact.sound_alike)
        for rule in config.terms:
            if rule.sound_alike:
                wanted.extend((rule.name, rule.action, term) for term in rule.terms)
        terms: list[SoundTerm] = []
        for rule_name, action, term in wanted:
            normal = normalise(term)
            if len(normal) < 2 or not all("\u4e00" <= c <= "\u9fff" for c in normal):
                continue  # only Han terms have homophones worth a pinyin pass
            spelled = pinyin(normal).text
            terms.append(SoundTerm(ORDER_SOUND + len(terms), rule_name, action, normal, spelled))
        return tuple(terms)

    def scan(self, batch: NormalBatch, texts: list[str]) -> tuple[dict[int, Hit], set[int]]:
        """The strongest text hit per message index, and the messages a homophone screen
        flagged (the pipeline spells those in pinyin if nothing else decided them)."""
        best: dict[int, Hit] = {}
        screened: set[int] = set()
        if self._automaton is not None and batch.joined:
            self._terms(batch, best, screened)
        if self.config.contact.enabled:
            self._contact(batch, best)
        for order, rule, compiled in self._regex_normal:
            for match in compiled.finditer(batch.joined):
                index, local = batch.locate(match.start())
                if match.end() - match.start() and "\n" not in match.group():
                    end = local + match.end() - match.start()
                    hit = Hit(order, rule.action, rule.name, NORMAL, local, end, rule.detail)
                    _keep(best, index, hit)
        if self._regex_text:
            _scan_text(self._regex_text, texts, best)
        return best, screened

    def _terms(self, batch: NormalBatch, best: dict[int, Hit], screened: set[int]) -> None:
        assert self._automaton is not None
        tags = self._tags
        found = self._automaton.find_matches_as_indexes(batch.joined, overlapping=True)
        allowed: list[tuple[int, int]] = [
            (start, end)
            for pattern, start, end in found
            if any(tag.kind is _Kind.ALLOW for tag in tags[pattern])
        ]
        for pattern, start, end in found:
            if allowed and any(a <= start and end <= b for a, b in allowed):
                continue  # part of an allowed phrase (微信支付 is not a contact detail)
            index, local = batch.locate(start)
            for tag in tags[pattern]:
                if tag.kind is _Kind.TERM:
                    stop = local + end - start
                    hit = Hit(tag.order, tag.action, tag.rule, NORMAL, local, stop, tag.detail)
                    _keep(best, index, hit)
                elif tag.kind is _Kind.SCREEN:
                    screened.add(index)

    def _contact(self, batch: NormalBatch, best: dict[int, Hit]) -> None:
        contact = self.config.contact
        action = contact.action
        joined = batch.joined
        for match in _DIGITS.finditer(joined):
            digits = match.group().translate(_TO_ASCII)
            detail = _number_kind(digits, contact.min_digits)
            if detail is None:
                lead = joined[max(0, match.start() - 12) : match.start()].rpartition("\n")[2]
                found = _ID_LEAD.search(lead)
                if found is None or _LATIN_BEFORE.search(lead[: found.start()]) is not None:
                    continue
                detail, start = "WeChat/QQ id", match.start() - len(lead) + found.start()
            else:
                start = match.start()
            index, local = batch.locate(start)
            end = local + match.end() - start
            _keep(best, index, Hit(ORDER_CONTACT, action, "contact", NORMAL, local, end, detail))
        if contact.links:
            folded = batch.folded
            for match in _LINK.finditer(folded):
                start = match.start()
                if folded[start] == ".":  # ".com": only after a domain name of 2+ characters
                    while start > 0 and folded[start - 1] in _DOMAIN_CHARS:
                        start -= 1
                    if match.start() - start < 2:
                        continue
                index, local = batch.locate_folded(start)
                end = local + match.end() - start
                _keep(
                    best, index, Hit(ORDER_CONTACT, action, "contact", FOLDED, local, end, "link")
                )

    def sound_alike(self, spelled: Pinyin) -> Hit | None:
        """The first sound-alike term heard in a message spelt in pinyin."""
        for sound in self.sound_terms:
            span = spelled.find(sound.spelling)
            if span is not None:
                detail = f"sounds like {sound.term!r}"
                return Hit(sound.order, sound.action, sound.rule, NORMAL, *span, detail)
        return None


def _keep(best: dict[int, Hit], index: int, hit: Hit) -> None:
    current = best.get(index)
    if (
        current is None
        or hit.action > current.action
        or (hit.action == current.action and hit.order < current.order)
    ):
        best[index] = hit


def _number_kind(digits: str, min_digits: int) -> str | None:
    """Why a run of digits is contact, or None when it is a cheer or too short alone."""
    if _PHONE.search(digits):
        return "phone number"
    if len(digits) < min_digits or len(set(digits)) < 3 or digits in _MEMES:
        return None
    return "number"


def _scan_text(
    rules: list[tuple[int, RegexRule, re.Pattern[str]]], texts: list[str], best: dict[int, Hit]
) -> None:
    for index, text in enumerate(texts):
        for order, rule, compiled in rules:
            match = compiled.search(text)
            if match is not None and match.end() > match.start():
                span = match.start(), match.end()
                _keep(best, index, Hit(order, rule.action, rule.name, TEXT, *span, rule.detail))


def _screens(sound: SoundTerm) -> set[str]:
    """Cheap patterns that flag a message as possibly holding ``sound`` in homophones:
    every pair of characters (or a character and a spelt syllable) that sounds like the
    term's first two syllables, plus the whole term spelt in Latin letters."""
    from console.barrage.normalise import pinyin

    syllables: list[str] = []
    spelled = pinyin(sound.term)
    current = ""
    for position in range(len(spelled.text)):
        current += spelled.text[position]
        if position + 1 in spelled.ends:
            syllables.append(current)
            current = ""
    first, second = syllables[0], syllables[1]
    firsts, seconds = homophones(first), homophones(second)
    patterns = {a + b for a in firsts for b in seconds}
    patterns.update(a + second for a in firsts)
    patterns.update(first + b for b in seconds)
    patterns.add(sound.spelling)
    return patterns
