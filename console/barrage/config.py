"""Moderation settings as plain data: what a show profile's ``moderation:`` section holds.

The profile declares that section (types, defaults, help) and checks it with its one
validator; ``ModerationConfig.from_mapping`` only builds these classes from the checked
data. Nothing here reads or checks a file.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from console.barrage import lexicon
from console.barrage.verdict import Action

T = TypeVar("T")

BUILT_IN_RULES = frozenset(
    {
        "staff",
        "banned",
        "contact",
        "flood",
        "slow_mode",
        "repeat",
        "length",
        "caps",
        "symbols",
    }
)


class ConfigError(ValueError):
    """A config made in code that cannot be compiled, each problem as ``(path, message)``."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{path}: {message}" for path, message in problems))


@dataclass(frozen=True)
class TermRule:
    """A named list of terms, matched after normalisation (Aho-Corasick)."""

    name: str
    terms: tuple[str, ...]
    action: Action = Action.BLOCK
    sound_alike: bool = False  # also catch Han terms written with homophones (pinyin pass)


class PatternError(ValueError):
    """A pattern RE2 does not take; the message says why in words."""


def compile_pattern(pattern: str) -> Any:
    """``pattern`` compiled by RE2, a linear-time engine: no pattern a profile can hold can
    make matching a comment backtrack for seconds and freeze the show. RE2 has no
    lookarounds or backreferences: PatternError says so."""
    import re2  # only when rules are built: --check loads no matching engine it need not

    options = re2.Options()
    options.log_errors = False
    try:
        return re2.compile("(?m)" + pattern, options)
    except re2.error as exc:
        reason = exc.args[0] if exc.args else exc
        text = reason.decode("utf-8", "replace") if isinstance(reason, bytes) else str(reason)
        raise PatternError(
            f"not a pattern the linear-time engine (RE2) accepts: {text.replace('(?m)', '')}"
            " (lookarounds and backreferences are not supported)"
        ) from None


@dataclass(frozen=True)
class RegexRule:
    """A named regular expression over the normalised text (or the text as sent)."""

    name: str
    pattern: str
    action: Action = Action.HOLD
    on: str = "normalised"  # "normalised" (casefolded, squeezed, simplified) or "text"

    def compile(self) -> Any:
        return compile_pattern(self.pattern)

    @property
    def detail(self) -> str:
        return f"regex {self.pattern!r}"


@dataclass(frozen=True)
class ContactRule:
    """WeChat, QQ, phone numbers, other apps and links, however they are spelt.

    A contact word (微信, vx, 小红书 ...) is a contact detail only with something to reach:
    a handle or number after it, an invitation (加, 搜, 同号) or a pointer in the message.
    A pointer (私我, 看我主页, 头像二维码) is one on sight, and so are mobile numbers and
    web addresses (other than the show's own domains)."""

    enabled: bool = True
    action: Action = Action.BLOCK
    keywords: tuple[str, ...] = lexicon.CONTACT_WORDS + lexicon.INVITATIONS
    pointers: tuple[str, ...] = lexicon.POINTERS
    pointer_action: Action = Action.HOLD  # a pointer is less certain than a number
    sound_alike: tuple[str, ...] = ("微信", "扣扣")  # also caught written with homophones
    sound_alike_action: Action = Action.HOLD  # a homophone is less certain: hold by default
    min_digits: int = 5  # this many digits after a contact word make a number to reach
    links: bool = True  # URLs and bare domains
    allow_domains: tuple[str, ...] = ()  # the show's own sites (jd.com): never a contact


@dataclass(frozen=True)
class AbuseRule:
    """Insults and curses against the host, the brand or viewers: a maintained list, its
    pinyin initials (sb, nmsl) and sound-alikes of its risky terms (煞笔, 骗纸)."""

    enabled: bool = True
    action: Action = Action.HOLD
    terms: tuple[str, ...] = lexicon.ABUSE
    sound_alike: tuple[str, ...] = lexicon.ABUSE_SOUND_ALIKE
    allow: tuple[str, ...] = lexicon.ABUSE_ALLOW  # everyday compounds: 垃圾袋, 废物利用


@dataclass(frozen=True)
class FloodRule:
    """More than ``messages`` comments from one user within ``seconds``."""

    messages: int = 5
    seconds: float = 10.0
    action: Action = Action.BLOCK


@dataclass(frozen=True)
class RepeatRule:
    """The same (digit-insensitive) text from ``users`` different users within ``seconds``."""

    users: int = 5
    seconds: float = 60.0
    min_chars: int = 15  # shorter lines ("666", "多少钱") are a normal chorus, not spam
    action: Action = Action.HOLD


@dataclass(frozen=True)
class LengthRule:
    max: int = 200
    action: Action = Action.HOLD


@dataclass(frozen=True)
class CapsRule:
    min_letters: int = 12
    ratio: float = 0.8
    action: Action = Action.HOLD


@dataclass(frozen=True)
class SymbolsRule:
    min_chars: int = 10
    ratio: float = 0.9
    action: Action = Action.BLOCK


@dataclass(frozen=True)
class ModerationConfig:
    """Everything the pipeline checks; immutable, so a reload swaps it whole.

    ``staff`` and ``banned`` hold user ids, bare or platform-qualified (``twitch:12345``),
    never names (see ``console.barrage.identity``); ``staff_badges`` the badges a
    platform gives (Twitch's moderator, broadcaster) that make a message staff."""

    staff: frozenset[str] = frozenset()
    banned: frozenset[str] = frozenset()
    staff_badges: tuple[str, ...] = ()
    allow: tuple[str, ...] = lexicon.ALLOW
    terms: tuple[TermRule, ...] = ()
    regex: tuple[RegexRule, ...] = ()
    contact: ContactRule = field(default_factory=ContactRule)
    abuse: AbuseRule = field(default_factory=AbuseRule)
    length: LengthRule = field(default_factory=LengthRule)
    flood: FloodRule = field(default_factory=FloodRule)
    repeat: RepeatRule = field(default_factory=RepeatRule)
    caps: CapsRule = field(default_factory=CapsRule)
    symbols: SymbolsRule = field(default_factory=SymbolsRule)
    slow_mode: float = 0.0

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> ModerationConfig:
        """The config of checked data shaped like the profile's section (the profile's
        validator checks it and fills in every default; keys left out here take the
        defaults above). Actions may be written as text (``"hold"``). Checks nothing."""
        rules = {
            "terms": TermRule,
            "regex": RegexRule,
        }
        sections: dict[str, Callable[..., Any]] = {
            "contact": ContactRule,
            "abuse": AbuseRule,
            "length": LengthRule,
            "flood": FloodRule,
            "repeat": RepeatRule,
            "caps": CapsRule,
            "symbols": SymbolsRule,
        }
        values: dict[str, Any] = {}
        for key, value in data.items():
            if key in ("staff", "banned"):
                values[key] = frozenset(str(name) for name in value)
            elif key in rules:
                values[key] = tuple(_built(rules[key], item) for item in value)
            elif key in sections:
                values[key] = _built(sections[key], value)
            else:
                values[key] = tuple(value) if isinstance(value, list) else value
        return cls(**values)


def _built(make: Callable[..., T], data: Mapping[str, Any]) -> T:
    """One rule from its checked mapping: lists become tuples, actions ``Action``."""
    values = {
        key: Action.parse(value)
        if key.endswith("action") and isinstance(value, str)
        else tuple(value)
        if isinstance(value, list)
        else value
        for key, value in data.items()
    }
    return make(**values)
