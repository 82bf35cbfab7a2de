"""The queue's rules as a table: the situation, what is added, what plays next."""

from __future__ import annotations

import pytest

from console.host.lines import Line, Placement, Priority
from console.host.queue import HostQueue


def line(name: str) -> Line:
    kinds = {"c": Priority.COPY, "a": Priority.ANSWER, "o": Priority.OPERATOR}
    return Line(title=name, text=name, priority=kinds[name[0]])


# Lines are named by kind: c… copy, a… answer, o… the operator's free text.
# (on air, waiting, added, placement) → (cut, order in which the rest plays)
CASES = [
    # an answer preempts copy; the cut copy is said again first among copy
    ("c1", ["c2"], "a1", Placement.QUEUE, "c1", ["a1", "c1", "c2"]),
    # copy never preempts an answer: it waits at the end
    ("a1", ["c2"], "c3", Placement.QUEUE, None, ["c2", "c3"]),
    # a long answer is never cut by a scripted line, even one inserted next
    ("a1", [], "c1", Placement.QUEUE, None, ["c1"]),
    # a second answer waits behind the first answer, ahead of copy
    ("a1", ["a2", "c1"], "a3", Placement.QUEUE, None, ["a2", "a3", "c1"]),
    # an answer cut off by the operator's 急插 is said again right after it
    ("a1", ["c1"], "o1", Placement.NOW, "a1", ["o1", "a1", "c1"]),
    # 急插 cuts copy; the cut copy resumes from its start, before the copy that waited
    ("c1", ["c2", "c3"], "o1", Placement.NOW, "c1", ["o1", "c1", "c2", "c3"]),
    # 插播 plays after the current line without cutting it
    ("c1", ["c2"], "o1", Placement.NEXT, None, ["o1", "c2"]),
    # free text preempts copy like an answer, ahead of the answers waiting
    ("c1", ["a1", "c2"], "o1", Placement.QUEUE, "c1", ["o1", "a1", "c1", "c2"]),
    # free text never cuts an answer on air: it goes next
    ("a1", ["a2", "c1"], "o1", Placement.QUEUE, None, ["o1", "a2", "c1"]),
    # an answer that preempts copy waits behind the operator's free text
    ("c1", ["o1"], "a1", Placement.QUEUE, "c1", ["o1", "a1", "c1"]),
    # free text on air is not cut by an answer
    ("o1", ["c1"], "a1", Placement.QUEUE, None, ["a1", "c1"]),
    # nothing on air: an answer simply goes first
    (None, ["c1"], "a1", Placement.QUEUE, None, ["a1", "c1"]),
    # copy queued plays after copy queued before it
    ("c1", ["c2"], "c3", Placement.QUEUE, None, ["c2", "c3"]),
]


@pytest.mark.parametrize(("on_air", "waiting", "added", "placement", "cut", "order"), CASES)
def test_the_trades_priorities(
    on_air: str | None,
    waiting: list[str],
    added: str,
    placement: Placement,
    cut: str | None,
    order: list[str],
) -> None:
    queue = HostQueue()
    for name in waiting:
        queue.add(line(name))
    if on_air is not None:
        queue.start(line(on_air))
    decision = queue.add(line(added), placement)
    assert (decision.cut.title if decision.cut else None) == cut
    assert queue.on_air is None if cut else (queue.on_air is None) == (on_air is None)
    played = []
    while (taken := queue.take()) is not None:
        played.append(taken.title)
        queue.finished(taken)
    assert played == order


def test_the_operator_reorders_and_drops_waiting_lines() -> None:
    queue = HostQueue()
    lines = [line(name) for name in ("c1", "c2", "c3")]
    for item in lines:
        queue.add(item)
    queue.move(lines[2].id, 0)
    queue.remove(lines[1].id)
    assert [item.title for item in queue] == ["c3", "c1"]
    with pytest.raises(KeyError):
        queue.remove(lines[1].id)


def test_panic_clears_everything() -> None:
    queue = HostQueue()
    queue.add(line("c1"))
    queue.start(line("a1"))
    assert [item.title for item in queue.clear()] == ["a1", "c1"]
    assert queue.on_air is None and len(queue) == 0
