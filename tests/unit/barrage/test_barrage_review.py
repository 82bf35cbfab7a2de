"""The review queue of held messages, and each user's recent messages."""

from __future__ import annotations

import pytest
from barrage_samples import msg

from console.barrage.message import Message
from console.barrage.review import Decision, ReviewChange, ReviewError, ReviewQueue, UserHistory
from console.barrage.verdict import PASSED, Action, Judged, Verdict

HOLD = Verdict(Action.HOLD, "contact", None, "")


def held(text: str, user: str = "u1") -> Judged:
    return Judged(msg(text, user=user), HOLD, text)


def test_only_held_messages_are_queued() -> None:
    queue = ReviewQueue()
    assert queue.add(held("a")) and not queue.add(Judged(msg("b"), PASSED, "b"))
    assert [j.message.text for j in queue.held()] == ["a"]


def test_approve_takes_the_message_out_and_remembers_it() -> None:
    queue = ReviewQueue()
    item = held("a")
    queue.add(item)
    assert queue.approve(item.message.id) is item.message
    assert item.message.id not in queue and queue.was_approved(item.message.id)


def test_reject_takes_the_message_out() -> None:
    queue = ReviewQueue()
    item = held("a")
    queue.add(item)
    queue.reject(item.message.id)
    assert len(queue) == 0 and not queue.was_approved(item.message.id)


def test_unknown_message_is_an_error_an_operator_can_read() -> None:
    with pytest.raises(ReviewError, match="m404 is not waiting for review"):
        ReviewQueue().approve("m404")


def test_rejecting_a_user_clears_their_held_messages() -> None:
    queue = ReviewQueue()
    for text, user in [("a", "troll"), ("b", "fan"), ("c", "troll")]:
        queue.add(held(text, user))
    rejected: list[Message] = queue.reject_user(lambda message: message.user_id == "troll")
    assert [m.text for m in rejected] == ["a", "c"]
    assert [j.message.text for j in queue.held()] == ["b"]


def test_a_full_queue_expires_the_oldest() -> None:
    queue = ReviewQueue(capacity=2)
    changes: list[ReviewChange] = []
    queue.subscribe(changes.append)
    for text in "abc":
        queue.add(held(text))
    assert [j.message.text for j in queue.held()] == ["b", "c"] and queue.expired == 1
    assert [(c.decision, c.held.message.text) for c in changes] == [
        (Decision.HELD, "a"),
        (Decision.HELD, "b"),
        (Decision.HELD, "c"),
        (Decision.EXPIRED, "a"),
    ]


def test_user_history_keeps_recent_messages_of_recent_users() -> None:
    history = UserHistory(per_user=2, users=2)
    for text, user in [("1", "a"), ("2", "a"), ("3", "a"), ("x", "b"), ("y", "c")]:
        history.add(Judged(msg(text, user=user), PASSED, text))
    assert history.recent("a") == []  # the least recently active user was forgotten
    assert [j.message.text for j in history.recent("c")] == ["y"]
    history2 = UserHistory(per_user=2)
    for text in "123":
        history2.add(Judged(msg(text, user="a"), PASSED, text))
    assert [j.message.text for j in history2.recent("a")] == ["2", "3"]
