"""The show's journal: one line per change, folded back into the last state; a line torn by
a kill mid-write is skipped, never fatal."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from console.barrage.message import Message
from console.barrage.review import Decision, ReviewChange
from console.barrage.verdict import Action, Judged, Verdict
from console.host.lines import Line, Priority
from console.host.prosody import Prosody
from console.journal import Journal, ShowOpenElsewhere, judged_from, judged_record, replay

CAT = {"user": "test:cat", "name": "cat-name", "message_id": "m3", "text": "主播好", "at": 1.0}


def _judged(ident: str) -> Judged:
    message = Message("test", "main", ident, "u1", "Ann", "牛排几号链接？", 1000.0)
    return Judged(message, Verdict(Action.HOLD, "links", (4, 6), ""), "牛排几号链接?")


def test_a_judged_message_survives_the_journal_as_it_was() -> None:
    judged = _judged("m1")
    assert judged_from(judged_record(judged)) == judged


def test_the_journal_folds_into_the_last_state(tmp_path: Path) -> None:
    path = tmp_path / "show.journal.jsonl"
    journal = Journal(path)
    journal.on_review(ReviewChange(Decision.HELD, _judged("m1")))
    journal.on_review(ReviewChange(Decision.HELD, _judged("m2")))
    journal.on_review(ReviewChange(Decision.REJECTED, _judged("m1")))
    journal.write("bans", bans=[CAT])
    journal.write("slide", room="main", sku="steak")
    journal.write("slide", room="main", sku=None)
    journal.write("program", room="main", scene="Product")
    journal.close()
    state = replay(path)
    assert list(state.held) == ["m2"]
    assert state.bans == [CAT]
    assert (state.rooms["main"].slide, state.rooms["main"].program) == (None, "Product")


def test_a_torn_last_line_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "show.journal.jsonl"
    journal = Journal(path)
    journal.write("bans", bans=[CAT])
    journal.close()
    with path.open("a", encoding="utf-8") as torn:
        torn.write('{"t": 1, "kind": "bans", "bans": [{"user": "d')  # killed mid-write
    assert replay(path).bans == [CAT]


def test_no_journal_is_an_empty_show(tmp_path: Path) -> None:
    state = replay(tmp_path / "missing.jsonl")
    assert state.rundown is None and state.held == {} and state.bans == []


def test_the_hosts_lines_survive_the_journal_with_their_priority_and_voice(
    tmp_path: Path,
) -> None:
    answer = Line(
        "多少钱", "69 元，1号链接。", priority=Priority.ANSWER, sku="steak",
        prosody=Prosody(rate=1.2, pitch=-2), question="多少钱", origin="answer",
    )  # fmt: skip
    clip = Line("intro", clip=tmp_path / "intro.mp4", segment="intro", override=True)
    path = tmp_path / "show.journal.jsonl"
    journal = Journal(path)
    position = {"state": "running", "sku": "steak", "segment": "steak-cook"}
    journal.write("host", room="main", lines=[answer.to_record()], autopilot=position)
    journal.write("host", room="main", lines=[answer.to_record(), clip.to_record()],
                  autopilot=position)  # fmt: skip
    journal.close()
    host = replay(path).rooms["main"].host
    assert host is not None and host["autopilot"] == position
    back = [Line.from_record(record) for record in host["lines"]]
    assert [replace(line, id=0) for line in back] == [
        replace(answer, id=0),
        replace(clip, id=0),
    ]


def test_a_show_open_in_one_console_is_refused_by_another_and_free_once_closed(
    tmp_path: Path,
) -> None:
    path = tmp_path / "show.journal.jsonl"
    first = Journal(path)
    with pytest.raises(ShowOpenElsewhere, match="already open in another console"):
        Journal(path)
    first.write("bans", bans=[CAT])
    first.close()
    second = Journal(path)  # the first one closed (or died): the show opens again
    second.close()
    assert replay(path).bans == [CAT]
