"""The action log: every command run, by whom, with its result and timing.

Kept in memory for the window (bounded) and appended to a per-show JSON-lines file, one
line per action, flushed at once so a crash loses nothing already done.
"""

from __future__ import annotations

import json
import re
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from console.commands import ActionRecord
from console.observers import Observers, Unsubscribe


def log_path(log_dir: Path, show_title: str, day: str | None = None) -> Path:
    """``<log_dir>/<show-slug>-<YYYY-MM-DD>.actions.jsonl``: one file per show and day."""
    slug = re.sub(r"[^\w-]+", "-", show_title, flags=re.UNICODE).strip("-").lower() or "show"
    return log_dir / f"{slug}-{day or time.strftime('%Y-%m-%d')}.actions.jsonl"


class ActionLog:
    """Listens to the command registry; remembers the recent actions and writes them all."""

    def __init__(self, path: Path | None, keep: int = 2000) -> None:
        self.path = path
        self.recent: deque[ActionRecord] = deque(maxlen=keep)
        self._observers: Observers[ActionRecord] = Observers()
        self._file: TextIO | None = None
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._file = path.open("a", encoding="utf-8")

    def subscribe(self, listener: Callable[[ActionRecord], None]) -> Unsubscribe:
        return self._observers.subscribe(listener)

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
            self._file.write(json.dumps(entry, ensure_ascii=False) + "\n")
            self._file.flush()
        self._observers.notify(record)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
