"""The ``barrage.moderation`` section, declared like every other key of the profile.

Defaults come from the barrage's own data classes (``ModerationConfig()`` and its rules),
so the reference, the validator and the pipeline agree. The checked data is handed to
``ModerationConfig.from_mapping``, which only builds. Rule names are checked here after
the walk: they must differ across the term and regex lists and from the built-in rules.
"""

from __future__ import annotations

from typing import Any

import yaml

from console.barrage.config import (
    BUILT_IN_RULES,
    AbuseRule,
    CapsRule,
    ContactRule,
    FloodRule,
    LengthRule,
    ModerationConfig,
    PatternError,
    RegexRule,
    RepeatRule,
    SymbolsRule,
    TermRule,
    compile_pattern,
)
from console.barrage.identity import STAFF_BADGES
from console.barrage.normalise import fold, squeeze
from console.barrage.verdict import Action
from console.profile.nodes import node_at
from console.profile.spec import TEXT, Context, KeyedValueError, Kind, ListOf, Record, Scalar
from console.profile.validate import Validator
from console.profile.values import BOOLEAN, choice, number, whole

DEFAULTS = ModerationConfig()
ACTION = choice(("hold", "block"), "action")
"""What a rule does to a message it matches (passing is what no rule does)."""


def _word(value: str | int, context: Context) -> str:
    text = str(value).strip()
    if not text:
        raise KeyedValueError("expected a non-empty string")
    return text


def _term(value: str | int, context: Context) -> str:
    text = _word(value, context)
    if not squeeze(fold(text)):
        raise KeyedValueError(f"{text!r} has no letters or digits: it would match nothing")
    return text


def _pattern(text: str, context: Context) -> str:
    try:
        compiled = compile_pattern(text)  # the engine the rules run on
    except PatternError as exc:
        raise KeyedValueError(str(exc)) from None
    if compiled.search("") is not None:
        raise KeyedValueError("matches empty text: it would match every message")
    return text


WORD = Kind("string", "a string", frozenset({"str", "int"}), _word)
TERM = Kind("term (letters or digits)", "a term", frozenset({"str", "int"}), _term)
PATTERN = Kind("regular expression", "a regular expression", frozenset({"str"}), _pattern)
NAME = Scalar(
    TEXT,
    "the rule's name, shown with each message it holds or blocks",
    required=True,
    pattern=r"[\w.-]+",
    means="letters, digits, '_', '.' and '-'",
)


def _action(default: Action, help: str = "hold (for review) or block") -> Scalar:
    return Scalar(ACTION, help, default.label)


def _words(help: str, item: str, default: tuple[str, ...] | None = None) -> ListOf:
    return ListOf(Scalar(WORD, item), help, default=default)


_TERM = TermRule("", ())
_REGEX = RegexRule("", "")
CONTACT, ABUSE, LENGTH, FLOOD = ContactRule(), AbuseRule(), LengthRule(), FloodRule()
REPEAT, CAPS, SYMBOLS = RepeatRule(), CapsRule(), SymbolsRule()

MODERATION = Record(
    {
        "staff": _words(
            "user ids whose messages always pass (hosts, assistants, moderators); a shown "
            "name is never matched (anyone can take it)",
            "a user id: twitch:12345 for that platform's user, 12345 for that id from any source",
        ),
        "staff_badges": ListOf(
            Scalar(choice(STAFF_BADGES, "badge"), "a Twitch badge"),
            "Twitch badges that make a message staff (Twitch sets them; no other source's "
            "badges count)",
        ),
        "banned": _words(
            "user ids whose messages are always blocked (a source that gives no ids: shown names)",
            "a user id: twitch:12345 or 12345",
        ),
        "allow": _words(
            "phrases that are never a match: a term or contact word inside one is ignored "
            "(微信支付 is a way to pay, not a contact detail)",
            "a phrase",
            DEFAULTS.allow,
        ),
        "terms": ListOf(
            Record(
                {
                    "name": NAME,
                    "terms": ListOf(
                        Scalar(TERM, "a word or phrase, matched after normalisation"),
                        "the words of this list",
                    ),
                    "action": _action(_TERM.action),
                    "sound_alike": Scalar(
                        BOOLEAN,
                        "also catch Han terms written with homophones (a slower pass)",
                        _TERM.sound_alike,
                    ),
                },
                "a named list of blocked terms",
            ),
            "named lists of blocked terms",
        ),
        "regex": ListOf(
            Record(
                {
                    "name": NAME,
                    "pattern": Scalar(
                        PATTERN, "a regular expression (RE2 syntax: linear time)", required=True
                    ),
                    "action": _action(_REGEX.action),
                    "on": Scalar(
                        choice(("normalised", "text"), "target"),
                        "normalised (casefolded, squeezed, simplified) or the text as sent",
                        _REGEX.on,
                    ),
                },
                "a named regular expression",
            ),
            "named regular expressions",
        ),
        "contact": Record(
            {
                "enabled": Scalar(BOOLEAN, "look for contact details at all", CONTACT.enabled),
                "action": _action(CONTACT.action),
                "keywords": _words(
                    "words naming a way to reach someone: a contact detail with a handle or "
                    "number after them, an invitation (加, 搜) or a pointer",
                    "a word such as 微信, vx or 小红书",
                    CONTACT.keywords,
                ),
                "pointers": _words(
                    "phrases pointing to a contact (私我, 看我主页): a contact detail on sight",
                    "a phrase",
                    CONTACT.pointers,
                ),
                "pointer_action": Scalar(
                    ACTION,
                    "what a pointer does (less certain than a number)",
                    CONTACT.pointer_action.label,
                ),
                "sound_alike": _words(
                    "Han contact words also caught when written with homophones",
                    "a Han word such as 微信",
                    CONTACT.sound_alike,
                ),
                "sound_alike_action": Scalar(
                    choice(("pass", "hold", "block"), "action"),
                    "what a homophone of a contact word does (less certain than the word)",
                    CONTACT.sound_alike_action.label,
                ),
                "min_digits": Scalar(
                    whole(5),
                    "this many digits (any script) after a contact word are a number to reach "
                    "(mobile numbers count on their own)",
                    CONTACT.min_digits,
                ),
                "links": Scalar(BOOLEAN, "URLs and bare domains", CONTACT.links),
                "allow_domains": _words(
                    "the show's own sites, never a contact detail (jd.com also allows item.jd.com)",
                    "a domain such as jd.com",
                    CONTACT.allow_domains,
                ),
            },
            "contact details (WeChat, QQ, phone numbers, links), however they are spelt",
            off={"enabled": False},
        ),
        "abuse": Record(
            {
                "enabled": Scalar(BOOLEAN, "look for abuse at all", ABUSE.enabled),
                "action": _action(ABUSE.action),
                "terms": ListOf(
                    Scalar(TERM, "a word or phrase, matched after normalisation"),
                    "insults and curses (a Latin term of 3 letters or fewer matches only as a "
                    "whole word)",
                    default=ABUSE.terms,
                ),
                "sound_alike": ListOf(
                    Scalar(TERM, "a Han term"),
                    "terms also caught when written with characters that sound the same "
                    "(an ordinary word that sounds the same is not a match)",
                    default=ABUSE.sound_alike,
                ),
                "allow": _words(
                    "everyday compounds of those words, never abuse (垃圾袋, 废物利用)",
                    "a phrase",
                    ABUSE.allow,
                ),
            },
            "abuse against the host, the brand or viewers; the default list is maintained "
            "with the console",
            off={"enabled": False},
        ),
        "length": Record(
            {
                "max": Scalar(whole(), "characters (0 = off)", LENGTH.max),
                "action": _action(LENGTH.action),
            },
            "over-long comments",
            off={"max": 0},
        ),
        "flood": Record(
            {
                "messages": Scalar(
                    whole(),
                    "more than this many from one user is a flood (0 = off)",
                    FLOOD.messages,
                ),
                "seconds": Scalar(number(above=True), "within this many seconds", FLOOD.seconds),
                "action": _action(FLOOD.action),
            },
            "one user's rate",
            off={"messages": 0},
        ),
        "repeat": Record(
            {
                "users": Scalar(
                    whole(), "this many users sending the same text (0 = off)", REPEAT.users
                ),
                "seconds": Scalar(number(above=True), "within this many seconds", REPEAT.seconds),
                "min_chars": Scalar(
                    whole(), "shorter texts are a chorus, not spam (666, 多少钱)", REPEAT.min_chars
                ),
                "action": _action(REPEAT.action),
            },
            "the same (digit-insensitive) text from many users",
            off={"users": 0},
        ),
        "caps": Record(
            {
                "min_letters": Scalar(
                    whole(), "only texts with this many Latin letters (0 = off)", CAPS.min_letters
                ),
                "ratio": Scalar(
                    number(above=True, maximum=1.0), "share of upper-case letters", CAPS.ratio
                ),
                "action": _action(CAPS.action),
            },
            "shouting in capitals",
            off={"min_letters": 0},
        ),
        "symbols": Record(
            {
                "min_chars": Scalar(
                    whole(), "only texts of this many characters (0 = off)", SYMBOLS.min_chars
                ),
                "ratio": Scalar(
                    number(above=True, maximum=1.0),
                    "share of characters that are not letters or digits",
                    SYMBOLS.ratio,
                ),
                "action": _action(SYMBOLS.action),
            },
            "symbol and emoji walls",
            off={"min_chars": 0},
        ),
        "slow_mode": Scalar(
            number(),
            "seconds a user must wait between passed comments (0 = off)",
            DEFAULTS.slow_mode,
        ),
    },
    "moderation rules, checked by the barrage pipeline (contact details are on unless "
    "contact: false)",
)


def check_moderation(validator: Validator, root: yaml.Node, data: dict[str, Any] | None) -> None:
    """Every rule name differs from the others and from the built-in rules'."""
    if data is None:
        return
    taken = set(BUILT_IN_RULES)
    for key in ("terms", "regex"):
        for index, rule in enumerate(data[key] or []):
            name = None if rule is None else rule["name"]
            if name is None:
                continue
            if name in taken:
                node = node_at(root, ["barrage", "moderation", key, index, "name"])
                assert node is not None, "checked values come from nodes"
                where = f"barrage.moderation.{key}[{index}].name"
                validator.report(node, f"{where}: {name!r} is already the name of another rule")
            taken.add(name)
