"""The per-show barrage log: every message received, with its verdict, one JSON line each.

Written a batch at a time, so once the pipeline has judged a message it is in the OS's
hands and survives a crash of the console (``fsync=True`` also survives a power cut, at
the cost of a disk sync per batch). Review decisions are appended as their own lines.
``replay`` plays a log back (it skips the review lines). The file is a
:class:`~console.logfile.LogFile`: readable by its owner only (it holds viewers' ids and
names), rotated by size, and a full disk shows as ``problem``, never as a broken line.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from console.barrage.verdict import Judged
from console.logfile import LOG_MAX_MB, MB, LogFile, show_log_path
from console.observers import Unsubscribe

log = logging.getLogger(__name__)
# One encoder for every line: json.dumps with options builds a new encoder per call.
_ENCODER = json.JSONEncoder(ensure_ascii=False)


def log_path(log_dir: Path, show_title: str, day: str | None = None) -> Path:
    """``<log_dir>/<show-slug>-<YYYY-MM-DD>.barrage.jsonl``, beside the action log."""
    return show_log_path(log_dir, show_title, "barrage.jsonl", day)


def entry(judged: Judged) -> dict[str, Any]:
    """One log line's content: the message record plus the verdict."""
    record = judged.message.to_record()
    verdict = judged.verdict
    record["verdict"] = verdict.action.label
    if verdict.rule:
        record["rule"] = verdict.rule
    if verdict.span is not None:
        record["span"] = list(verdict.span)
    if verdict.detail:
        record["detail"] = verdict.detail
    return record


class BarrageLog:
    """Appends judged messages to one JSONL file."""

    def __init__(self, path: Path, fsync: bool = False, max_bytes: int = LOG_MAX_MB * MB) -> None:
        self.path = path
        self.fsync = fsync
        self.written = 0
        self._file = LogFile(path, max_bytes)
        self._file.on_problem(_log_problem)

    @property
    def problem(self) -> str:
        """Why messages are not being written ("" while they are)."""
        return self._file.problem

    @property
    def lost(self) -> int:
        """Lines not written because of a problem (a full disk)."""
        return self._file.lost

    def on_problem(self, listener: Callable[[str], None]) -> Unsubscribe:
        """``listener(problem)`` when writing starts failing, ``("")`` when it works again."""
        return self._file.on_problem(listener)

    def write(self, batch: Iterable[Judged]) -> None:
        """Append a batch; ValueError once the log is closed."""
        encode = _ENCODER.encode
        lines = [encode(entry(judged)) for judged in batch]
        if self._file.write_lines(lines, self.fsync):
            self.written += len(lines)

    def write_review(self, message_id: str, decision: str, by: str = "operator") -> None:
        """Record an operator's decision on a held message (approve, reject, ban, pin)."""
        line = {"review": decision, "id": message_id, "by": by, "at": round(time.time(), 3)}
        self._file.write_lines([json.dumps(line, ensure_ascii=False)], self.fsync)

    def close(self) -> None:
        self._file.close()


def _log_problem(problem: str) -> None:
    if problem:
        log.error("barrage log: %s", problem)
    else:
        log.info("barrage log: written again")
