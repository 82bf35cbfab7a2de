"""What the moderation pipeline decided about one message, and why."""

from __future__ import annotations

from enum import IntEnum
from typing import NamedTuple

from console.barrage.message import Message
from console.text import Text


class Action(IntEnum):
    """Ordered by severity, so the strictest rule that matched wins with ``max``."""

    PASS = 0
    HOLD = 1
    BLOCK = 2

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Action:
        try:
            return cls[text.upper()]
        except KeyError:
            raise ValueError(f"must be pass, hold or block, not {text!r}") from None


class Verdict(NamedTuple):
    """The decision: the action, the rule that caused it (``""`` when nothing matched), the
    matched span as ``(start, end)`` in the ORIGINAL text (None when the rule is not about a
    place in the text, e.g. flood) and a short detail for the operator.

    A tuple rather than a dataclass: cheap to build, and a clean pass is one shared
    constant (``PASSED``), so most messages cost no verdict object at all.
    """

    action: Action
    rule: str
    span: tuple[int, int] | None
    detail: str

    def describe(self) -> Text:
        if self.action is Action.PASS:
            if not self.rule:
                return Text("barrage", "pass")
            return Text("barrage", "pass ({rule})").format(rule=self.rule)
        action = Text("barrage", "hold") if self.action is Action.HOLD else Text("barrage", "block")
        if self.detail:
            return Text("barrage", "{action}: {rule} ({detail})").format(
                action=action, rule=self.rule, detail=self.detail
            )
        return Text("barrage", "{action}: {rule}").format(action=action, rule=self.rule)


PASSED = Verdict(Action.PASS, "", None, "")


class Judged(NamedTuple):
    """A message with its verdict and the normalised text the rules saw (filters and
    product matching reuse it), as the log, the review queue and the feed receive it."""

    message: Message
    verdict: Verdict
    normalised: str
