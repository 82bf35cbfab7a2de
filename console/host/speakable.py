"""Text as a Mandarin speaker says it: numbers, prices, units, links, dates and Latin words.

Speech engines read characters; a price written ``69.9元`` or a size written ``1.2kg`` has to
become the words a host would say (六十九点九元, 一点二千克) before any engine sees it, and
a Latin brand name has to become something a Mandarin voice can pronounce. Each rule is one
pattern and one way of saying it, applied in order (dates before plain numbers, prices
before quantities); what no rule matches is left as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

_DIGITS = "零一二三四五六七八九"
_SMALL_UNITS = ("", "十", "百", "千")
_BIG_UNITS = ("", "万", "亿", "万亿")

UNITS: dict[str, str] = {
    "kg": "千克",
    "g": "克",
    "mg": "毫克",
    "ml": "毫升",
    "l": "升",
    "cm": "厘米",
    "mm": "毫米",
    "m": "米",
    "km": "公里",
    "℃": "摄氏度",
    "°c": "摄氏度",
    "h": "小时",
    "min": "分钟",
    "s": "秒",
    "w": "瓦",
    "mah": "毫安时",
    "gb": "G B",
}
"""Latin unit symbols (lower case) and how they are said."""

MEASURE_WORDS = "片个件块盒袋包只支瓶罐斤两克天年月周次号份种颗粒人位层箱套张条台"
"""Measure words after which 2 is said 两 (两片, 两天)."""

LETTERS = {
    "a": "诶", "b": "比", "c": "西", "d": "迪", "e": "伊", "f": "艾弗", "g": "吉",
    "h": "艾尺", "i": "艾", "j": "杰", "k": "开", "l": "艾勒", "m": "艾姆", "n": "恩",
    "o": "欧", "p": "批", "q": "丘", "r": "阿", "s": "艾斯", "t": "提", "u": "优",
    "v": "维", "w": "达布溜", "x": "艾克斯", "y": "歪", "z": "贼",
}  # fmt: skip
"""Latin letters as Mandarin speakers name them, for words no table knows (spelt out)."""

BRANDS: dict[str, str] = {
    "lego": "乐高",
    "jd": "京东",
    "iphone": "爱疯",
    "apple": "苹果",
    "nike": "耐克",
    "adidas": "阿迪达斯",
    "ok": "欧开",
    "app": "诶批批",
    "ai": "诶艾",
}
"""Latin words with a settled Mandarin reading; a show adds its own (``host.pronounce``)."""


def integer_words(number: int) -> str:
    """``69`` → 六十九, ``10`` → 十, ``1010`` → 一千零一十, ``200`` → 两百."""
    if number < 0:
        return "负" + integer_words(-number)
    if number == 0:
        return "零"
    groups: list[int] = []
    while number:
        groups.append(number % 10000)
        number //= 10000
    words = ""
    need_zero = False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            need_zero = bool(words)
            continue
        if words and (need_zero or group < 1000):
            words += "零"
        words += _group_words(group) + _BIG_UNITS[index]
        need_zero = False
    if words.startswith("一十"):
        words = words[1:]  # 十五, not 一十五
    if words.startswith("二") and len(words) > 1 and words[1] in "百千万亿":
        words = "两" + words[1:]
    return words


def _group_words(group: int) -> str:
    """A number below 10000, with 零 for gaps inside it (1005 → 一千零五)."""
    digits = f"{group:04d}".lstrip("0")
    words = ""
    gap = False
    for position, char in enumerate(digits):
        unit = _SMALL_UNITS[len(digits) - position - 1]
        if char == "0":
            gap = True
            continue
        if gap and words:
            words += "零"
        gap = False
        words += _DIGITS[int(char)] + unit
    return words


def number_words(text: str, counting: bool = False) -> str:
    """A written number (``69``, ``69.9``, ``0.5``) as words; decimals digit by digit."""
    whole, _, fraction = text.replace(",", "").partition(".")
    words = integer_words(int(whole or "0"))
    if counting and not fraction and words == "二":
        words = "两"
    if fraction:
        words += "点" + "".join(_DIGITS[int(char)] for char in fraction)
    return words


def digit_words(text: str) -> str:
    """Digit by digit, as years and phone numbers are said: 2024 → 二零二四."""
    return "".join(_DIGITS[int(char)] for char in text)


_NUMBER = r"\d+(?:\.\d+)?"


@dataclass(frozen=True)
class Rule:
    """One kind of written thing and how it is said."""

    name: str
    pattern: re.Pattern[str]
    say: Callable[[re.Match[str]], str]


def _date(match: re.Match[str]) -> str:
    year, month, day = match.group("y"), match.group("mo"), match.group("d")
    words = f"{digit_words(year)}年" if year else ""
    return words + f"{integer_words(int(month))}月{integer_words(int(day))}日"


def _time(match: re.Match[str]) -> str:
    hour, minute = int(match.group("h")), int(match.group("mi"))
    if minute == 0:
        return f"{integer_words(hour)}点整"
    spoken = integer_words(minute)
    return f"{integer_words(hour)}点{'零' if minute < 10 else ''}{spoken}分"


def _price(match: re.Match[str]) -> str:
    return number_words(match.group("n")) + "元"


def _percent(match: re.Match[str]) -> str:
    return "百分之" + number_words(match.group("n"))


def _range(match: re.Match[str]) -> str:
    after = match.group("after") or ""
    counting = bool(after) and (after[0] in MEASURE_WORDS or after.lower() in UNITS)
    first = number_words(match.group("a"), counting)
    second = number_words(match.group("b"), counting)
    return f"{first}到{second}{_unit(after)}"


def _unit(text: str) -> str:
    return UNITS.get(text.lower(), text)


def _quantity(match: re.Match[str]) -> str:
    unit = match.group("u")
    return number_words(match.group("n"), counting=True) + _unit(unit)


def _counted(match: re.Match[str]) -> str:
    return number_words(match.group("n"), counting=True) + match.group("w")


def _link(match: re.Match[str]) -> str:
    return integer_words(int(match.group("n"))) + "号链接"


def _times(match: re.Match[str]) -> str:
    return "乘"


def _per(match: re.Match[str]) -> str:
    return "每" + _unit(match.group("u"))


def _plain_number(match: re.Match[str]) -> str:
    text = match.group(0)
    if len(text) >= 7 and text.isdigit():
        return digit_words(text)  # phone and order numbers are read digit by digit
    return number_words(text)


_UNIT_ALTERNATION = "|".join(sorted((re.escape(unit) for unit in UNITS), key=len, reverse=True))

RULES: tuple[Rule, ...] = (
    Rule(
        "date",
        re.compile(
            r"(?:(?P<y>\d{4})[-/.年]|(?<![\d.]))(?P<mo>1[0-2]|0?[1-9])"
            r"(?(y)[-/.月]|月)(?P<d>3[01]|[12]\d|0?[1-9])(?![\d.])[日号]?"
        ),
        _date,
    ),
    Rule(
        "below zero",
        re.compile(r"(?<![\d.])[-−](?P<n>\d+(?:\.\d+)?)\s*(?P<u>℃|°C)"),
        lambda match: "零下" + number_words(match.group("n")) + "摄氏度",
    ),
    Rule("time", re.compile(r"(?P<h>[01]?\d|2[0-3])[:：](?P<mi>[0-5]\d)(?!\d)"), _time),
    Rule("link", re.compile(r"(?P<n>\d+)\s*号\s*链接"), _link),
    Rule("price", re.compile(rf"[¥￥]\s*(?P<n>{_NUMBER})\s*(?:元)?|(?P<m>{_NUMBER})\s*元"), _price),
    Rule("percent", re.compile(rf"(?P<n>{_NUMBER})\s*[%％]"), _percent),
    Rule(
        "range",
        re.compile(
            rf"(?P<a>{_NUMBER})\s*[-–~～—]\s*(?P<b>{_NUMBER})\s*"
            rf"(?P<after>(?:{_UNIT_ALTERNATION})(?![A-Za-z])|[{MEASURE_WORDS}])?",
            re.IGNORECASE,
        ),
        _range,
    ),
    Rule("times", re.compile(r"\s*[×xX*]\s*(?=\d)"), _times),
    Rule(
        "per unit",
        re.compile(rf"\s*/\s*(?P<u>(?:{_UNIT_ALTERNATION})(?![A-Za-z])|[{MEASURE_WORDS}])"),
        _per,
    ),
    Rule(
        "quantity",
        re.compile(rf"(?P<n>{_NUMBER})\s*(?P<u>(?:{_UNIT_ALTERNATION}))(?![A-Za-z])", re.I),
        _quantity,
    ),
    Rule("counted", re.compile(rf"(?P<n>{_NUMBER})\s*(?P<w>[{MEASURE_WORDS}])"), _counted),
    Rule("number", re.compile(_NUMBER), _plain_number),
)
"""In order: what an earlier rule has said is never read again by a later one."""

_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")


def _fix_price(match: re.Match[str]) -> str:
    number = match.group("n") or match.group("m")
    return number_words(number) + "元"


def latin_words(text: str, pronounce: Mapping[str, str] | None = None) -> str:
    """Latin words as a Mandarin voice can say them: the show's table, the brand table,
    else spelt letter by letter."""
    table = {**BRANDS, **{k.casefold(): v for k, v in (pronounce or {}).items()}}

    def say(match: re.Match[str]) -> str:
        word = match.group(0)
        known = table.get(word.casefold())
        if known is not None:
            return known
        return "".join(LETTERS.get(char, "") for char in word.casefold())

    return _LATIN_WORD.sub(say, text)


def speakable(text: str, pronounce: Mapping[str, str] | None = None) -> str:
    """``text`` with everything written in digits, symbols and Latin letters turned into
    the words a host says (see the module docstring)."""
    for word, reading in (pronounce or {}).items():
        text = text.replace(word, reading)
    pieces: list[tuple[str, bool]] = [(text, False)]  # (text, already said)
    for rule in RULES:
        say = _fix_price if rule.name == "price" else rule.say
        next_pieces: list[tuple[str, bool]] = []
        for piece, done in pieces:
            if done:
                next_pieces.append((piece, done))
                continue
            position = 0
            for match in rule.pattern.finditer(piece):
                if match.start() > position:
                    next_pieces.append((piece[position : match.start()], False))
                next_pieces.append((say(match), True))
                position = match.end()
            if position < len(piece):
                next_pieces.append((piece[position:], False))
        pieces = next_pieces
    said = "".join(piece for piece, _ in pieces)
    return latin_words(said, pronounce)
