"""The action log: every command run, by whom, with its result and timing.

Kept in memory for the window (bounded) and appended to a per-show JSON-lines file, one
line per action, written at once so a crash loses nothing already done. The file is a
:class:`~console.logfile.LogFile`: private to its owner, rotated by size, and a full disk
shows as ``problem`` instead of a broken line.
"""

from __future__ import annotations

import json
import logging
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path

from console.commands import ActionRecord
from console.logfile import LOG_MAX_MB, MB, LogFile, show_log_path
from console.observers import Observers, Unsubscribe

log = logging.getLogger(__name__)


def log_path(log_dir: Path, show_title: str, day: str | None = None) -> Path:
    """``<log_dir>/<show-slug>-<YYYY-MM-DD>.actions.jsonl``: one file per show and day."""
    return show_log_path(log_dir, show_title, "actions.jsonl", day)


class ActionLog:
    """Listens to the command registry; remembers the recent actions and writes them all."""

    def __init__(
        self, path: Path | None, keep: int = 2000, max_bytes: int = LOG_MAX_MB * MB
    ) -> None:
        self.path = path
        self.recent: deque[ActionRecord] = deque(maxlen=keep)
        self._observers: Observers[ActionRecord] = Observers()
        self._file: LogFile | None = None
        if path is not None:
            self._file = LogFile(path, max_bytes)
            self._file.on_problem(_log_problem)

    def subscribe(self, listener: Callable[[ActionRecord], None]) -> Unsubscribe:
        return self._observers.subscribe(listener)

    @property
    def problem(self) -> str:
        """Why actions are not being written to the file ("" while they are)."""
        return "" if self._file is None else self._file.problem

    def on_problem(self, listener: Callable[[str], None]) -> Unsubscribe:
        """``listener(problem)`` when writing the file starts failing, ``("")`` when it
        works again."""
        if self._file is None:
            return lambda: None
        return self._file.on_problem(listener)

    def __call__(self, record: ActionRecord) -> None:
        self.recent.append(record)
        if self._file is not None:
            entry: dict[str, object] = {
                "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(record.started))
                + f".{int(record.started * 1000) % 1000:03d}",
                "command": record.line,
                "source": record.source,
                "ok": record.ok,
                "result": record.result,
                "ms": round(record.duration_ms, 3),
            }
            if record.room is not None:
                entry["room"] = record.room
            if record.code:
                entry["code"] = record.code
            if record.rooms:
                entry["rooms"] = {outcome.room: outcome.as_json() for outcome in record.rooms}
            self._file.write_lines([json.dumps(entry, ensure_ascii=False)])
        self._observers.notify(record)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


def _log_problem(problem: str) -> None:
    if problem:
        log.error("action log: %s", problem)
    else:
        log.info("action log: written again")
