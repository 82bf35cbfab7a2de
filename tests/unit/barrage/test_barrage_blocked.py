"""The blocked list: every blocked message kept with its rule and span, released on demand."""

from __future__ import annotations

import pytest
from barrage_samples import msg

from console.barrage.blocked import BlockedChange, BlockedList, Fate, ReleaseError, released
from console.barrage.message import Message
from console.barrage.pipeline import Pipeline
from console.barrage.verdict import Action, Judged


def judged(*texts: str) -> list[Judged]:
    messages = [msg(text, user=f"viewer{n}") for n, text in enumerate(texts)]
    verdicts, normalised = Pipeline().judge_batch(messages)
    return [Judged(m, v, n) for m, v, n in zip(messages, verdicts, normalised, strict=True)]


def test_only_blocked_messages_are_kept_with_rule_and_span() -> None:
    blocked = BlockedList()
    kept = [blocked.add(item) for item in judged("加我微信 abc12345", "加薇心", "牛排多少钱")]

    assert kept == [True, False, False]  # held and passed messages are not blocked
    (entry,) = blocked.blocked()
    text = entry.message.text
    assert entry.verdict.rule == "contact" and entry.verdict.span is not None
    assert text[slice(*entry.verdict.span)] == "微信"
    assert entry.message.id in blocked and blocked.get(entry.message.id) is entry


def test_release_gives_the_message_back_and_counts_a_false_alarm() -> None:
    blocked = BlockedList()
    changes: list[BlockedChange] = []
    blocked.subscribe(changes.append)
    first, second = judged("加我微信 abc12345", "电话13812345678")
    blocked.add(first)
    blocked.add(second)

    released = blocked.release(second.message.id)

    assert isinstance(released, Message) and released is second.message
    assert blocked.blocked() == [first] and blocked.was_released(second.message.id)
    assert blocked.false_alarms() == {"contact": 1}
    assert [change.fate for change in changes] == [Fate.BLOCKED, Fate.BLOCKED, Fate.RELEASED]
    with pytest.raises(ReleaseError, match="not in the blocked list"):
        blocked.release(second.message.id)


def test_a_full_list_lets_the_oldest_expire() -> None:
    blocked = BlockedList(capacity=2)
    changes: list[BlockedChange] = []
    blocked.subscribe(changes.append)
    items = judged("加我微信 aa12345", "加我微信 bb12345", "加我微信 cc12345")
    for item in items:
        blocked.add(item)

    assert blocked.blocked() == items[1:] and blocked.expired == 1
    assert [change.blocked for change in changes if change.fate is Fate.EXPIRED] == items[:1]
    assert not blocked.was_released(items[0].message.id)


def test_a_released_message_stands_as_passed_by_the_operator() -> None:
    (blocked,) = judged("加我微信 abc12345")
    back = released(blocked)
    assert back.message is blocked.message and back.normalised == blocked.normalised
    assert (back.verdict.action, back.verdict.rule, back.verdict.span) == (
        Action.PASS,
        "released",
        None,
    )
    assert back.verdict.detail == f"released by the operator (was {blocked.verdict.describe()})"
