"""The per-show barrage log: every message received, with its verdict, one JSON line each.

Written a batch at a time and flushed after each batch, so once the pipeline has judged a
message it is in the OS's hands and survives a crash of the console (``fsync=True`` also
survives a power cut, at the cost of a disk sync per batch). Review decisions are appended
as their own lines. ``replay`` plays a log back (it skips the review lines).
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from console.barrage.verdict import Judged

log_encoding = "utf-8"
# One encoder for every line: json.dumps with options builds a new encoder per call.
_ENCODER = json.JSONEncoder(ensure_ascii=False)


def log_path(log_dir: Path, show_title: str, day: str | None = None) -> Path:
    """``<log_dir>/<show-slug>-<YYYY-MM-DD>.barrage.jsonl``, beside the action log."""
    slug = re.sub(r"[^\w-]+", "-", show_title, flags=re.UNICODE).strip("-").lower() or "show"
    return log_dir / f"{slug}-{day or time.strftime('%Y-%m-%d')}.barrage.jsonl"


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

    def __init__(self, path: Path, fsync: bool = False) -> None:
        self.path = path
        self.fsync = fsync
        self.written = 0
        path.parent.mkdir(parents=True, exist_ok=True)
        # backslashreplace: a lone surrogate that slipped past a source is written as its
        # JSON escape (\ud800) instead of failing the whole batch.
        self._file: TextIO | None = path.open("a", encoding=log_encoding, errors="backslashreplace")

    def write(self, batch: Iterable[Judged]) -> None:
        """Append a batch and flush it."""
        if self._file is None:
            raise ValueError(f"barrage log {self.path} is closed")
        encode = _ENCODER.encode
        lines = [encode(entry(judged)) for judged in batch]
        if not lines:
            return
        self._file.write("\n".join(lines) + "\n")
        self._flush()
        self.written += len(lines)

    def write_review(self, message_id: str, decision: str, by: str = "operator") -> None:
        """Record an operator's decision on a held message (approve, reject, ban, pin)."""
        if self._file is None:
            raise ValueError(f"barrage log {self.path} is closed")
        line = {"review": decision, "id": message_id, "by": by, "at": round(time.time(), 3)}
        self._file.write(json.dumps(line, ensure_ascii=False) + "\n")
        self._flush()

    def _flush(self) -> None:
        assert self._file is not None
        self._file.flush()
        if self.fsync:
            import os

            os.fsync(self._file.fileno())

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
