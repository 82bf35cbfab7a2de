"""Moderation settings as data: what a show profile's ``moderation:`` section holds.

``ModerationConfig.from_mapping`` reads plain dicts (as YAML gives them) and reports every
problem at once with its path (``terms[2].action``), so the profile loader can turn each
into ``file:line:col``. ``FIELD_HELP`` has one line per field for the profile schema.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from console.barrage.normalise import normalise
from console.barrage.verdict import Action

T = TypeVar("T")

BUILT_IN_RULES = frozenset(
    {"staff", "banned", "contact", "flood", "slow_mode", "repeat", "length", "caps", "symbols"}
)

DEFAULT_CONTACT_KEYWORDS = (
    "微信",
    "威信",
    "薇信",
    "徽信",
    "v信",
    "vx",
    "wx",
    "weixin",
    "wechat",
    "qq号",
    "扣扣",
    "企鹅号",
    "私信我",
    "私聊我",
    "加我好友",
    "telegram",
    "飞机号",
)

DEFAULT_ALLOW = ("微信支付", "微信付款", "微信小程序", "微信红包", "qq音乐", "qq会员")

FIELD_HELP: dict[str, str] = {
    "staff": "user ids or names whose messages always pass (hosts, assistants, moderators)",
    "banned": "user ids or names whose messages are always blocked",
    "allow": "phrases that are never a match: a term or contact word inside one is ignored "
    "(微信支付 is a way to pay, not a contact detail)",
    "terms": "named lists of blocked terms: {name, terms, action: block|hold, sound_alike}",
    "regex": "named regular expressions: {name, pattern, action, on: normalised|text}",
    "contact": "contact details (WeChat/QQ/phone/links): {enabled, action, keywords, "
    "sound_alike, sound_alike_action, min_digits, links}",
    "length": "over-long comments: {max: characters (0 = off), action}",
    "flood": "one user's rate: {messages, seconds, action}; more than messages per seconds",
    "repeat": "the same text from many users: {users (0 = off), seconds, min_chars, action}",
    "caps": "shouting: {min_letters, ratio, action}; upper-case share of Latin letters",
    "symbols": "symbol/emoji walls: {min_chars, ratio, action}; share of characters that "
    "are not letters or digits",
    "slow_mode": "seconds a user must wait between passed comments (0 = off)",
}


class ConfigError(ValueError):
    """Every problem of a moderation mapping, each as ``(path, message)``."""

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


@dataclass(frozen=True)
class RegexRule:
    """A named regular expression over the normalised text (or the text as sent)."""

    name: str
    pattern: str
    action: Action = Action.HOLD
    on: str = "normalised"  # "normalised" (casefolded, squeezed, simplified) or "text"

    def compile(self) -> re.Pattern[str]:
        return re.compile(self.pattern, re.MULTILINE)

    @property
    def detail(self) -> str:
        return f"regex {self.pattern!r}"


@dataclass(frozen=True)
class ContactRule:
    """WeChat, QQ, phone numbers and links, however they are spelt."""

    enabled: bool = True
    action: Action = Action.BLOCK
    keywords: tuple[str, ...] = DEFAULT_CONTACT_KEYWORDS  # any of these is contact on sight
    sound_alike: tuple[str, ...] = ("微信",)  # also caught when written with homophones
    sound_alike_action: Action = Action.HOLD  # a homophone is less certain: hold by default
    min_digits: int = 8  # a run of this many digits (any script) is a number to call
    links: bool = True  # URLs and bare domains


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
    """Everything the pipeline checks; immutable, so a reload swaps it whole."""

    staff: frozenset[str] = frozenset()
    banned: frozenset[str] = frozenset()
    allow: tuple[str, ...] = DEFAULT_ALLOW
    terms: tuple[TermRule, ...] = ()
    regex: tuple[RegexRule, ...] = ()
    contact: ContactRule = field(default_factory=ContactRule)
    length: LengthRule = field(default_factory=LengthRule)
    flood: FloodRule = field(default_factory=FloodRule)
    repeat: RepeatRule = field(default_factory=RepeatRule)
    caps: CapsRule = field(default_factory=CapsRule)
    symbols: SymbolsRule = field(default_factory=SymbolsRule)
    slow_mode: float = 0.0

    @classmethod
    def from_mapping(cls, data: Any) -> ModerationConfig:
        """Read a ``moderation:`` mapping; raise ``ConfigError`` listing every problem."""
        reader = _Reader()
        config = reader.config(data or {})
        if reader.problems:
            raise ConfigError(reader.problems)
        return config


class _Reader:
    """Walks the mapping, collecting problems instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[tuple[str, str]] = []
        self._path: list[str] = []
        self._names: set[str] = set(BUILT_IN_RULES)

    @contextmanager
    def at(self, part: str) -> Iterator[None]:
        self._path.append(part)
        try:
            yield
        finally:
            self._path.pop()

    def problem(self, message: str) -> None:
        path = ".".join(self._path).replace(".[", "[")
        self.problems.append((path or "moderation", message))

    def config(self, data: Any) -> ModerationConfig:
        if not isinstance(data, Mapping):
            self.problem("must be a mapping")
            return ModerationConfig()
        self.unknown(data, FIELD_HELP)
        default = ModerationConfig()
        staff = self.names(data, "staff")
        banned = self.names(data, "banned")
        allow: tuple[str, ...] = DEFAULT_ALLOW
        if "allow" in data:
            with self.at("allow"):
                allow = self.strings(data["allow"])
        terms = self.rule_list(data, "terms", self.term_rule)
        regex = self.rule_list(data, "regex", self.regex_rule)
        return ModerationConfig(
            staff=staff,
            banned=banned,
            allow=allow,
            terms=terms,
            regex=regex,
            contact=self.contact(data.get("contact", True)),
            length=self.section(data, "length", LengthRule, {"max": int, "action": Action}),
            flood=self.section(
                data, "flood", FloodRule, {"messages": int, "seconds": float, "action": Action}
            ),
            repeat=self.section(
                data,
                "repeat",
                RepeatRule,
                {"users": int, "seconds": float, "min_chars": int, "action": Action},
            ),
            caps=self.section(
                data, "caps", CapsRule, {"min_letters": int, "ratio": float, "action": Action}
            ),
            symbols=self.section(
                data, "symbols", SymbolsRule, {"min_chars": int, "ratio": float, "action": Action}
            ),
            slow_mode=self.scalar(data, "slow_mode", float, default.slow_mode),
        )

    def unknown(self, data: Mapping[str, Any], known: Mapping[str, Any]) -> None:
        for key in data:
            if key not in known:
                with self.at(str(key)):
                    self.problem(f"unknown key (known: {', '.join(sorted(known))})")

    def names(self, data: Mapping[str, Any], key: str) -> frozenset[str]:
        with self.at(key):
            return frozenset(self.strings(data.get(key, [])))

    def strings(self, value: Any) -> tuple[str, ...]:
        if isinstance(value, str) or not isinstance(value, list | tuple):
            self.problem("must be a list of strings")
            return ()
        out: list[str] = []
        for index, item in enumerate(value):
            if isinstance(item, str | int) and not isinstance(item, bool) and str(item).strip():
                out.append(str(item).strip())
            else:
                with self.at(f"[{index}]"):
                    self.problem(f"must be a non-empty string, not {item!r}")
        return tuple(out)

    def scalar(self, data: Mapping[str, Any], key: str, kind: Callable[[Any], T], default: T) -> T:
        if key not in data:
            return default
        value = data[key]
        with self.at(key):
            if kind is Action:
                try:
                    return kind(Action.parse(str(value)))
                except ValueError as exc:
                    self.problem(str(exc))
                    return default
            if isinstance(value, bool) or not isinstance(value, int | float):
                self.problem(f"must be a number, not {value!r}")
                return default
            if kind is int and not float(value).is_integer():
                self.problem(f"must be a whole number, not {value!r}")
                return default
            if value < 0:
                self.problem(f"must not be negative, not {value!r}")
                return default
            return kind(value)

    def section(
        self,
        data: Mapping[str, Any],
        key: str,
        make: Callable[..., T],
        fields: Mapping[str, Callable[[Any], Any]],
    ) -> T:
        default = make()
        value = data.get(key)
        if value is None:
            return default
        with self.at(key):
            if value is False:
                off = {"max": 0, "messages": 0, "users": 0, "min_letters": 0, "min_chars": 0}
                return make(**{k: v for k, v in off.items() if k in fields})
            if not isinstance(value, Mapping):
                self.problem("must be a mapping (or false to turn the rule off)")
                return default
            self.unknown(value, fields)
            kwargs = {
                name: self.scalar(value, name, kind, getattr(default, name))
                for name, kind in fields.items()
            }
            if "ratio" in kwargs and not 0.0 < kwargs["ratio"] <= 1.0:
                with self.at("ratio"):
                    self.problem("must be above 0 and at most 1")
                kwargs["ratio"] = getattr(default, "ratio")  # noqa: B009
            if "action" in kwargs and kwargs["action"] is Action.PASS:
                with self.at("action"):
                    self.problem("must be hold or block")
                kwargs["action"] = getattr(default, "action")  # noqa: B009
            return make(**kwargs)

    def rule_list(
        self, data: Mapping[str, Any], key: str, read: Callable[[Mapping[str, Any]], T | None]
    ) -> tuple[T, ...]:
        value = data.get(key, [])
        rules: list[T] = []
        with self.at(key):
            if not isinstance(value, list):
                self.problem("must be a list of rules")
                return ()
            for index, item in enumerate(value):
                with self.at(f"[{index}]"):
                    if not isinstance(item, Mapping):
                        self.problem("must be a mapping")
                        continue
                    rule = read(item)
                    if rule is not None:
                        rules.append(rule)
        return tuple(rules)

    def rule_name(self, item: Mapping[str, Any]) -> str | None:
        name = item.get("name")
        if not isinstance(name, str) or not re.fullmatch(r"[\w.-]+", name):
            with self.at("name"):
                self.problem(f"needs a name of letters, digits, '_', '.', '-', not {name!r}")
            return None
        if name in self._names:
            with self.at("name"):
                self.problem(f"{name!r} is already the name of another rule")
            return None
        self._names.add(name)
        return name

    def action(self, item: Mapping[str, Any], default: Action) -> Action:
        action = self.scalar(item, "action", Action, default)
        if action is Action.PASS:
            with self.at("action"):
                self.problem("must be hold or block")
            return default
        return action

    def term_rule(self, item: Mapping[str, Any]) -> TermRule | None:
        self.unknown(item, {"name": 0, "terms": 0, "action": 0, "sound_alike": 0})
        name = self.rule_name(item)
        with self.at("terms"):
            terms = self.strings(item.get("terms", []))
            for index, term in enumerate(terms):
                if not normalise(term):
                    with self.at(f"[{index}]"):
                        self.problem(f"{term!r} has no letters or digits: it would match nothing")
        action = self.action(item, Action.BLOCK)
        sound = item.get("sound_alike", False)
        if not isinstance(sound, bool):
            with self.at("sound_alike"):
                self.problem("must be true or false")
            sound = False
        return None if name is None else TermRule(name, terms, action, sound)

    def regex_rule(self, item: Mapping[str, Any]) -> RegexRule | None:
        self.unknown(item, {"name": 0, "pattern": 0, "action": 0, "on": 0})
        name = self.rule_name(item)
        pattern = item.get("pattern")
        on = item.get("on", "normalised")
        ok = True
        with self.at("pattern"):
            if not isinstance(pattern, str) or not pattern:
                self.problem("must be a non-empty regular expression")
                ok = False
            else:
                try:
                    compiled = re.compile(pattern, re.MULTILINE)
                except re.error as exc:
                    self.problem(f"not a valid regular expression: {exc}")
                    ok = False
                else:
                    if compiled.search("") is not None:
                        self.problem("matches empty text: it would match every message")
                        ok = False
        if on not in ("normalised", "text"):
            with self.at("on"):
                self.problem(f"must be normalised or text, not {on!r}")
            ok = False
        action = self.action(item, Action.HOLD)
        if name is None or not ok:
            return None
        assert isinstance(pattern, str)
        return RegexRule(name, pattern, action, str(on))

    def contact(self, value: Any) -> ContactRule:
        with self.at("contact"):
            if value is True or value is None:
                return ContactRule()
            if value is False:
                return ContactRule(enabled=False)
            if not isinstance(value, Mapping):
                self.problem("must be a mapping, true or false")
                return ContactRule()
            fields = {
                "enabled": 0,
                "action": 0,
                "keywords": 0,
                "sound_alike": 0,
                "sound_alike_action": 0,
                "min_digits": 0,
                "links": 0,
            }
            self.unknown(value, fields)
            default = ContactRule()
            flags = {}
            for key in ("enabled", "links"):
                flag = value.get(key, getattr(default, key))
                if not isinstance(flag, bool):
                    with self.at(key):
                        self.problem("must be true or false")
                    flag = getattr(default, key)
                flags[key] = flag
            keywords = default.keywords
            if "keywords" in value:
                with self.at("keywords"):
                    keywords = self.strings(value["keywords"])
            sound = default.sound_alike
            if "sound_alike" in value:
                with self.at("sound_alike"):
                    sound = self.strings(value["sound_alike"])
            min_digits = self.scalar(value, "min_digits", int, default.min_digits)
            if min_digits < 5:
                with self.at("min_digits"):
                    self.problem("must be at least 5")
                min_digits = default.min_digits
            return ContactRule(
                enabled=flags["enabled"],
                action=self.action(value, default.action),
                keywords=keywords,
                sound_alike=sound,
                sound_alike_action=self.scalar(
                    value, "sound_alike_action", Action, default.sound_alike_action
                ),
                min_digits=min_digits,
                links=flags["links"],
            )
