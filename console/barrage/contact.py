"""Contact details in context: when a contact word is one, and numbers and web addresses.

The rule set's automaton finds the contact words (微信, vx, 小红书, their homophones and
look-alikes) and the pointers; this module decides, for the few messages holding one,
whether there is something to reach. A contact word counts with a handle or a number
after it (``vx: mm1688``, ``微 信 号 1 3 8 …``), with an invitation before or after it
(加微信, 小红书搜, 微信同号), with an ``@`` or with a pointer in the same message. So 微信
of 微信转账行吗 and 威信 of 主播很有威信 pass.

Numbers are a contact on their own only as mobile numbers (written in any digits, Chinese
numerals, or with o/l/i for 0/1), and never after an order, tracking or invoice word.
Web addresses are found with their dot written as a word (点, dot, 。) and without a
scheme, except the show's own domains.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from console.barrage import lexicon
from console.barrage.config import ContactRule
from console.barrage.verdict import Action

# Digits as written: Chinese numerals, financial ones, and the radio-operator readings
# (幺 1, 两 2, 拐 7, 勾 9, 洞 0).
_DIGIT_CHARS = "0-9零〇一二三四五六七八九壹贰叁肆伍陆柒捌玖两幺拐勾洞"
_TO_ASCII = str.maketrans(
    "零〇一二三四五六七八九壹贰叁肆伍陆柒捌玖两幺拐勾洞", "0012345678912345678921790"
)
# A run of Latin letters and digits; in a number o/l/i stand for 0 and 1.
_RUN = re.compile(f"[a-z{_DIGIT_CHARS}]+")
_LIKE_DIGITS = str.maketrans("oli", "011")
_PHONE = re.compile(r"(?:86)?1[3-9]\d{9}")
_LATIN = frozenset("abcdefghijklmnopqrstuvwxyz")
_HOTLINE = re.compile(r"(?:400|800)\d{7}|95\d{3,4}")  # a company's service line
_HANDLE_WINDOW = 10  # characters after a contact word where its handle may start
_SOLICIT_BEFORE = 5  # characters before a contact word where 加 or 搜 may be

_DOTS = re.compile(r"[\s(\[（【]*(?:dot|点|點|。|．|·|•|・|\.)[\s)\]）】]*")
_HOST = re.compile(
    r"[a-z0-9._-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+"  # an e-mail address
    r"|(?:https?://)?((?:[a-z0-9-]+\.)+(?:" + "|".join(lexicon.TLDS) + r"))(?![a-z])(?:/\S*)?"
    r"|https?://\S+|www\.\S+"
)
# Could a folded text hold a web address? A scheme, www, or a dot (written any way)
# between Latin letters or digits.
_LINKISH = re.compile(r"www|https?|[a-z0-9][\s(\[（【]*(?:[.。．·•・点點]|dot)[\s)\]）】]*[a-z]")


@dataclass(frozen=True, slots=True)
class Word:
    """A contact word found in a message: where, and how sure the spelling is."""

    start: int
    end: int
    text: str  # as it stands in the normalised message
    order: int  # the rule order of its kind (a named app before an invitation)
    action: Action  # the contact action, or the sound-alike action for a homophone
    detail: str


class ContactContext:
    """Decides whether contact words have something to reach, and finds numbers and links."""

    def __init__(self, rule: ContactRule) -> None:
        self.rule = rule
        self._domains = tuple(domain.lower().lstrip(".") for domain in rule.allow_domains)

    def reachable(self, text: str, folded: str, word: Word, pointed: bool) -> bool:
        """Whether ``word`` in the normalised ``text`` is a contact detail."""
        start, end = word.start, word.end
        latin = text[start] in _LATIN
        before = text[max(0, start - _SOLICIT_BEFORE) : start]
        if any(before.endswith(kind) for kind in lexicon.NUMBER_CONTEXT):
            return False  # 发票号码, 订单电话: the number of an order, not a person's
        inside = latin and before[-1:] in _LATIN and len(word.text) < 5
        if inside and not before.endswith(lexicon.SOLICIT_BEFORE):
            return False  # inside a Latin word: the "v" of "love", the "line" of "online"
        # A Latin word glued to English ("wechatpayok") has no handle made of letters only
        # right after it, unless the text says so with a colon or an @.
        named = not latin or ":" in folded or "@" in folded
        if len(word.text) == 1:  # 微, v, q: right before a handle, or invited to on its own
            if self._handle(text, end, 2, named):
                return True
            # 加我薇 or 加我威❤: invited, and standing alone where it was written
            alone = re.search(f"加[我个]?\\W*{re.escape(word.text)}(?!\\w)", folded)
            return not latin and alone is not None
        if pointed or "@" in folded or self._handle(text, end, _HANDLE_WINDOW, named):
            return True
        if any(place in text for place in lexicon.NEARBY_POINTERS):
            return True
        if any(verb in before for verb in lexicon.SOLICIT_BEFORE):
            return True
        after = text[end : end + 6]
        return any(after.startswith(verb) or verb in after for verb in lexicon.SOLICIT_AFTER)

    def _handle(self, text: str, end: int, window: int, named: bool) -> bool:
        """Whether a handle (letters and digits, or a number) starts within ``window``
        characters after ``end``: mm1688, lili888, 13800138000, 壹叁捌…, and with
        ``named`` a longer name of letters only. A service hotline (400…, 95…) is none."""
        for match in _RUN.finditer(text, end, min(len(text), end + window + 24)):
            if match.start() > end + window:
                return False
            run = match.group()
            digits = sum(1 for char in run.translate(_TO_ASCII) if char.isdigit())
            letters = len(run) - digits
            if digits and letters and len(run) >= 3:
                return True
            if digits >= self.rule.min_digits and not _HOTLINE.fullmatch(run.translate(_TO_ASCII)):
                return True
            apart = named or match.start() > end
            if apart and not digits and letters >= 5 and run not in lexicon.PLAIN_WORDS:
                return True
        return False

    def phones(self, text: str) -> list[tuple[int, int]]:
        """Spans of mobile numbers in a normalised text (not order or tracking numbers)."""
        found: list[tuple[int, int]] = []
        for match in _RUN.finditer(text):
            run = match.group().translate(_TO_ASCII)
            if not any(char.isdigit() for char in run):
                continue
            letters = set(run) - set("0123456789")
            if letters and (not letters <= set("oli") or sum(c.isdigit() for c in run) < 3):
                continue
            number = run.translate(_LIKE_DIGITS)
            if len(number) > 13 or _PHONE.fullmatch(number) is None or len(set(number)) < 3:
                continue
            before = text[max(0, match.start() - 6) : match.start()]
            if any(word in before for word in lexicon.NUMBER_CONTEXT):
                continue
            found.append(match.span())
        return found

    @staticmethod
    def may_link(folded: str) -> bool:
        """A cheap test on a folded text or batch: could it hold a web address?"""
        return _LINKISH.search(folded) is not None

    def link(self, folded: str) -> tuple[int, int] | None:
        """The span in the folded text of its first web address, if any."""
        view: list[str] = []
        owner: list[int] = []
        position = 0
        for match in _DOTS.finditer(folded):
            for index in range(position, match.start()):
                if not folded[index].isspace():
                    view.append(folded[index])
                    owner.append(index)
            view.append(".")
            owner.append(match.start())
            position = match.end()
        for index in range(position, len(folded)):
            if not folded[index].isspace():
                view.append(folded[index])
                owner.append(index)
        flat = "".join(view)
        for match in _HOST.finditer(flat):
            host = match.group(1) or match.group().partition("@")[2]
            if host and self._own(host):
                continue
            if "@" in match.group():
                return owner[match.start()], owner[match.end() - 1] + 1
            labels = "".join(host.split(".")[:-1])
            scheme = match.group().startswith(("http", "www"))
            if host and not scheme and not any(char.isalpha() for char in labels):
                continue  # 20点top3: a time, not a domain
            return owner[match.start()], owner[match.end() - 1] + 1
        return None

    def _own(self, host: str) -> bool:
        return any(host == domain or host.endswith("." + domain) for domain in self._domains)
