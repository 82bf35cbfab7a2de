"""What the host aired, when: one JSON line per line said, written as it ends.

``<log_dir>/<show>-<date>.host.jsonl`` beside the action log: start and end time, room,
the line (title, text or clip, product, who queued it), how it ended (ended, cut, skipped,
stopped, paused, failed, refused) and any compliance override, so a show can be reviewed after.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any, TextIO

from console.host.lines import Line
from console.logfile import show_log_path


def air_log_path(log_dir: Path, show_title: str, day: str | None = None) -> Path:
    return show_log_path(log_dir, show_title, "host.jsonl", day)


def _stamp(at: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(at)) + f".{int(at * 1000) % 1000:03d}"


class AirLog:
    """Appends to the file (flushed per line, so a crash loses nothing aired); None: memory."""

    def __init__(self, path: Path | None, keep: int = 200) -> None:
        self.path = path
        self.keep = keep
        self.recent: list[dict[str, Any]] = []
        self._file: TextIO | None = None
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._file = path.open("a", encoding="utf-8")

    def write(
        self, room: str, line: Line, outcome: str, started: float | None, **extra: Any
    ) -> None:
        entry: dict[str, Any] = {
            "start": _stamp(started) if started is not None else None,
            "end": _stamp(time.time()),
            "room": room,
            "title": line.title,
            "origin": line.origin,
            "outcome": outcome,
        }
        for key, value in (
            ("text", line.text),
            ("clip", str(line.clip) if line.clip else None),
            ("sku", line.sku),
            ("segment", line.segment),
            ("question", line.question),
        ):
            if value:
                entry[key] = value
        if line.override:
            entry["override"] = True
        entry.update({key: value for key, value in extra.items() if value is not None})
        self.recent.append(entry)
        del self.recent[: -self.keep]
        if self._file is not None:
            self._file.write(json.dumps(entry, ensure_ascii=False) + "\n")
            self._file.flush()

    def note(self, room: str, event: str, **extra: Any) -> None:
        """Something about the host that is not a line: autopilot paused, label refused."""
        entry = {"time": _stamp(time.time()), "room": room, "event": event, **extra}
        self.recent.append(entry)
        del self.recent[: -self.keep]
        if self._file is not None:
            self._file.write(json.dumps(entry, ensure_ascii=False) + "\n")
            self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
