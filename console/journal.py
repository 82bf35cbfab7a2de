"""The show's live state, journaled as it changes and restored when the same show opens
again: a SIGKILL mid-show loses nothing an operator decided.

One JSON line per change, flushed at once (like the logs): the rundown's position and
actual times, what each room had on air (program scene, slide, pinned comment), the host's
queue and autopilot, the bans and the review queue. On open, ``replay`` folds the lines
into the last state; ``restore``
gives it back to the services: the rundown and the moderation directly, and what was on
air as the rooms' expectations, which each room compares with what its OBS really shows
once connected (the operator restores the differences with ``room.restore``). A torn last
line (the process killed mid-write) is skipped.
"""

from __future__ import annotations

import fcntl
import json
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from console.barrage.message import Message
from console.barrage.review import Decision, ReviewChange
from console.barrage.verdict import Action, Judged, Verdict
from console.logfile import show_log_path
from console.observers import Unsubscribe

log = logging.getLogger(__name__)


def journal_path(log_dir: Path, show_title: str, day: str | None = None) -> Path:
    """``<log_dir>/<show-slug>-<YYYY-MM-DD>.journal.jsonl``: the same show, the same day."""
    return show_log_path(log_dir, show_title, "journal.jsonl", day)


def judged_record(judged: Judged) -> dict[str, Any]:
    verdict = judged.verdict
    return {
        "message": judged.message.to_record(),
        "verdict": [verdict.action.label, verdict.rule, verdict.span, verdict.detail],
        "normalised": judged.normalised,
    }


def judged_from(record: dict[str, Any]) -> Judged:
    action, rule, span, detail = record["verdict"]
    verdict = Verdict(Action.parse(action), rule, tuple(span) if span else None, detail)
    return Judged(Message.from_record(record["message"]), verdict, record["normalised"])


@dataclass
class RoomOnAir:
    program: str | None = None
    slide: str | None = None
    pin: dict[str, Any] | None = None
    """``{"message": record, "until": epoch seconds}``."""
    host: dict[str, Any] | None = None
    """``{"lines": [line records], "autopilot": position}`` (``RoomHost.journaled``)."""


@dataclass
class ShowState:
    """What the journal says the show had, folded from its lines."""

    rundown: dict[str, Any] | None = None
    rooms: dict[str, RoomOnAir] = field(default_factory=dict)
    bans: list[dict[str, Any]] = field(default_factory=list)
    """The bans made during the show (``UserBan`` fields)."""
    held: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Held messages by id, oldest first."""

    def room(self, room_id: str) -> RoomOnAir:
        return self.rooms.setdefault(room_id, RoomOnAir())

    def apply(self, entry: dict[str, Any]) -> None:
        kind = entry.get("kind")
        if kind == "rundown":
            self.rundown = entry
        elif kind == "program":
            self.room(entry["room"]).program = entry["scene"]
        elif kind == "slide":
            self.room(entry["room"]).slide = entry["sku"]
        elif kind == "pin":
            self.room(entry["room"]).pin = entry.get("pin")
        elif kind == "host":
            self.room(entry["room"]).host = {
                "lines": list(entry["lines"]),
                "autopilot": entry.get("autopilot"),
            }
        elif kind == "bans":
            self.bans = [dict(ban) for ban in entry["bans"]]
        elif kind == "held":
            self.held[entry["judged"]["message"]["id"]] = entry["judged"]
        elif kind == "settled":
            self.held.pop(entry["id"], None)


def replay(path: Path) -> ShowState:
    """The state the journal at ``path`` ends in (empty when there is none)."""
    state = ShowState()
    if not path.is_file():
        return state
    with path.open(encoding="utf-8", errors="replace") as lines:
        for number, line in enumerate(lines, 1):
            try:
                entry = json.loads(line)
                state.apply(entry)
            except (ValueError, KeyError, TypeError) as exc:
                log.warning("%s:%d: journal line skipped: %s", path, number, exc)
    return state


class ShowOpenElsewhere(Exception):
    """Another console has this show open: two writing one journal would lose decisions."""


class Journal:
    """Appends one line per change of the show's live state.

    The journal is held with an exclusive lock for as long as it is open, so a second
    console opening the same show (the same title, the same day, the same log folder)
    is refused with :class:`ShowOpenElsewhere` instead of mixing its changes into the
    first one's. The lock is the kernel's: it goes with the process, even a SIGKILLed one.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.problem = ""
        self._file: TextIO | None = None
        self._stops: list[Unsubscribe] = []
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle = path.open("a", encoding="utf-8")
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.close()
                raise ShowOpenElsewhere(
                    f"this show is already open in another console (its journal {path} is "
                    "in use); close that console first, or give this show another title "
                    "or log_dir"
                ) from None
            self._file = handle

    def write(self, kind: str, **data: Any) -> None:
        if self._file is None:
            return
        entry = {"t": round(time.time(), 3), "kind": kind, **data}
        try:
            self._file.write(json.dumps(entry, ensure_ascii=False) + "\n")
            self._file.flush()
        except OSError as exc:
            if not self.problem:
                log.error("journal %s: %s", self.path, exc)
            self.problem = f"the show's journal is not being written: {exc}"

    def follow(self, stop: Unsubscribe) -> None:
        """Keep a subscription to end at ``close``."""
        self._stops.append(stop)

    def on_review(self, change: ReviewChange) -> None:
        if change.decision is Decision.HELD:
            self.write("held", judged=judged_record(change.held))
        else:
            self.write("settled", id=change.held.message.id, decision=change.decision.value)

    def close(self) -> None:
        for stop in self._stops:
            stop()
        self._stops.clear()
        if self._file is not None:
            self._file.close()
            self._file = None
