"""Message → verdict: the one moderation core (no Qt), judging a batch at a time.

For a batch: normalise every text at once, scan them all with the compiled rule set, then
walk the messages once applying the per-user rules (staff, bans, flood, slow mode, repeats)
and the shape rules (length, caps, symbols). Staff and bans match the platform's user id
(``console.barrage.identity``), never a shown name. Only messages that nothing decided but
that a homophone screen flagged are spelt in pinyin. Only messages a rule matched get a
verdict object and have their span mapped back to the original text; every clean pass is
the one ``PASSED``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import NamedTuple

from console.barrage.config import FloodRule, ModerationConfig, RepeatRule
from console.barrage.decisions import LocalDecisions, ModerationDecisions
from console.barrage.identity import SpecialUsers
from console.barrage.message import Kind, Message
from console.barrage.normalise import fold, mapped, normalise_batch
from console.barrage.rate import LastPass, RateState, SlidingCount
from console.barrage.rules import (
    ORDER_CAPS,
    ORDER_FLOOD,
    ORDER_LENGTH,
    ORDER_REPEAT,
    ORDER_SLOW,
    ORDER_SYMBOLS,
    Hit,
    RuleSet,
    Where,
    compiled,
    stronger,
)
from console.barrage.sounds import pinyin
from console.barrage.verdict import PASSED, Action, Verdict

STAFF = Verdict(Action.PASS, "staff", None, "")
BANNED = Verdict(Action.BLOCK, "banned", None, "user is banned")

_DIGIT_RUNS = re.compile(r"\d+")
_UPPER = re.compile(r"[A-Z]")
_LETTERS = re.compile(r"[A-Za-z]")
_COMMENT = Kind.COMMENT
_BLOCK = Action.BLOCK


class Judgements(NamedTuple):
    """The verdicts of a batch, in order, and the normalised texts the rules saw."""

    verdicts: list[Verdict]
    normalised: list[str]


class Pipeline:
    """Judges messages with the current rule set; ``reload`` swaps it atomically."""

    def __init__(
        self,
        config: ModerationConfig | RuleSet | None = None,
        decisions: ModerationDecisions | None = None,
    ) -> None:
        self._rules = (
            config if isinstance(config, RuleSet) else compiled(config or ModerationConfig())
        )
        self._rate = RateState()
        self.decisions = decisions or LocalDecisions(self._rules.config)
        self.sound_checks = 0  # messages spelt in pinyin (the slow pass), for the stats
        self._special: tuple[ModerationConfig, frozenset[str], SpecialUsers | None] | None = None

    @property
    def rules(self) -> RuleSet:
        return self._rules

    @property
    def config(self) -> ModerationConfig:
        return self._rules.config

    @property
    def rate(self) -> RateState:
        return self._rate

    def reload(self, config: ModerationConfig | RuleSet) -> None:
        """Use a new rule set from the next batch on. Compile first (``RuleSet(config)``,
        e.g. on a worker thread) so a bad config or a slow build never touches the live set;
        rate memory (who is flooding) carries over."""
        self._rules = config if isinstance(config, RuleSet) else RuleSet(config)

    def _special_users(self, config: ModerationConfig) -> SpecialUsers | None:
        """Staff and banned users under ``config`` and the show's bans (None: nobody),
        rebuilt only when either changed."""
        banned = self.decisions.banned()
        cached = self._special
        if cached is None or cached[0] is not config or cached[1] is not banned:
            users = SpecialUsers(config.staff, config.banned | banned, config.staff_badges)
            cached = self._special = (config, banned, users or None)
        return cached[2]

    def judge(self, message: Message) -> Verdict:
        return self.judge_batch([message]).verdicts[0]

    def judge_batch(self, messages: Sequence[Message]) -> Judgements:
        """One verdict per message, in order.

        The hot path: per message, a clean comment costs a few dictionary operations and
        comparisons; everything rarer (a hit, a long text, a flooding user) leaves the loop
        for a helper."""
        rules = self._rules  # one rule set for the whole batch, whatever reload does
        config = rules.config
        texts = [message.text for message in messages]
        batch = normalise_batch(texts)
        normal = batch.normal
        hits, screened = rules.scan(batch, texts)
        flood, repeat, slow = config.flood, config.repeat, config.slow_mode
        rate = self._rate
        rate.fit(flood.seconds, repeat.seconds, slow)
        counter = rate.flood if flood.messages and messages else None
        flood_limit = flood.messages
        if counter is not None:  # SlidingCount.add inlined: the per-message cost that counts
            counter.advance(messages[0].time)
        f_current = counter.current if counter is not None else {}
        f_next = counter.start + counter.seconds if counter is not None else 0.0
        repeat_min = repeat.min_chars if repeat.users else 1 << 30
        slow_memory = rate.slow if slow else None
        special = self._special_users(config)
        shape_min = _shape_threshold(config)
        get_hit = hits.get
        out: list[Verdict] = []
        append = out.append
        for index, message in enumerate(messages):
            if special is not None:
                if special.is_staff(message):
                    append(STAFF)
                    continue
                if special.is_banned(message):
                    append(BANNED)
                    continue
            user = message.user_id or message.user_name
            if message.kind is not _COMMENT:
                append(PASSED)
                continue
            best = get_hit(index)
            when = message.time
            if counter is not None:
                if when >= f_next:
                    counter.advance(when)
                    f_current, f_next = counter.current, counter.start + counter.seconds
                count = f_current.get(user, 0) + 1
                f_current[user] = count
                if count > flood_limit or user in counter.previous:
                    best = _flood(counter, flood, user, count, when, best)
            norm = normal[index]
            if len(norm) >= repeat_min:
                best = _repeat(rate, repeat, norm, user, when, best)
            text = message.text
            if len(text) >= shape_min and (best is None or best.action is not _BLOCK):
                best = _shape(config, text, norm, best)
            if slow_memory is not None and (best is None or best.action is not _BLOCK):
                best = _slow(slow_memory, slow, user, when, best)
            if best is None and index in screened:
                self.sound_checks += 1
                best = rules.sound_alike(pinyin(norm))
            if best is None:
                if slow_memory is not None:
                    slow_memory.passed(user, when)
                append(PASSED)
            else:
                append(Verdict(best.action, best.rule, span_in_text(best, text, norm), best.detail))
        return Judgements(out, normal)


def _shape_threshold(config: ModerationConfig) -> int:
    """The shortest text any shape rule (length, caps, symbols) could apply to."""
    never = 1 << 30
    return min(
        config.length.max + 1 if config.length.max else never,
        config.caps.min_letters or never,
        config.symbols.min_chars or never,
    )


def _flood(
    counter: SlidingCount, flood: FloodRule, user: str, count: int, when: float, best: Hit | None
) -> Hit | None:
    into = max(0.0, (when - counter.start) / counter.seconds)
    estimate = counter.estimate(user, count, into)
    if estimate <= flood.messages:
        return best
    detail = f"about {estimate:.0f} messages in {flood.seconds:g} s"
    return _stronger(best, _about(ORDER_FLOOD, flood.action, "flood", detail))


def _repeat(
    rate: RateState, repeat: RepeatRule, norm: str, user: str, when: float, best: Hit | None
) -> Hit | None:
    # Digit-insensitive (bots number their copies) and cut to a prefix, so a random tail
    # does not make every copy look new.
    key = _DIGIT_RUNS.sub("#", norm)[:24]
    senders = rate.repeat.add(key, user, when)
    if senders < repeat.users:
        return best
    detail = f"same text from {senders:.0f} users"
    return _stronger(best, _about(ORDER_REPEAT, repeat.action, "repeat", detail))


def _slow(memory: LastPass, slow: float, user: str, when: float, best: Hit | None) -> Hit | None:
    waited = memory.waited(user, when)
    if waited is None or waited >= slow:
        return best
    detail = f"slow mode: {slow:g} s between comments"
    return _stronger(best, _about(ORDER_SLOW, _BLOCK, "slow_mode", detail))


def _shape(config: ModerationConfig, text: str, norm: str, best: Hit | None) -> Hit | None:
    length, caps, symbols = config.length, config.caps, config.symbols
    if length.max and len(text) > length.max:
        detail = f"{len(text)} characters (limit {length.max})"
        best = _stronger(best, _about(ORDER_LENGTH, length.action, "length", detail))
    if caps.min_letters and len(text) >= caps.min_letters and text.lower() != text:
        plain = text if text.isascii() else unicodedata.normalize("NFKC", text)
        letters = len(_LETTERS.findall(plain))
        if letters >= caps.min_letters and len(_UPPER.findall(plain)) >= caps.ratio * letters:
            best = _stronger(best, _about(ORDER_CAPS, caps.action, "caps", "mostly capitals"))
    if symbols.min_chars and len(text) >= symbols.min_chars:
        share = 1.0 - len(norm) / len(text)
        if share >= symbols.ratio:
            hit = _about(ORDER_SYMBOLS, symbols.action, "symbols", f"{share:.0%} symbols")
            best = _stronger(best, hit)
    return best


def _about(order: int, action: Action, rule: str, detail: str) -> Hit:
    """A hit about the message as a whole (no span)."""
    return Hit(order, action, rule, Where.NONE, 0, 0, detail)


def _stronger(current: Hit | None, hit: Hit) -> Hit:
    if current is None or stronger(hit, current):
        return hit
    return current


def span_in_text(hit: Hit, text: str, norm: str) -> tuple[int, int] | None:
    """The hit's span in the original text (the whole text if the map cannot be trusted)."""
    if hit.where is Where.NONE:
        return None
    if hit.where is Where.TEXT:
        return hit.start, hit.end
    if hit.where is Where.FOLDED:
        folded = mapped(text, folded_only=True)
        if folded.text == fold(text.replace("\n", " ")):
            return folded.original_span(hit.start, hit.end)
        return 0, len(text)
    found = norm[hit.start : hit.end]
    at = text.find(found)
    if at >= 0:  # written as matched (no tricks inside the match): no map needed
        return at, at + len(found)
    exact = mapped(text)
    if exact.text == norm:
        return exact.original_span(hit.start, hit.end)
    return 0, len(text)
