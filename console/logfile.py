"""The console's log files: private, rotated by size, and never a broken or merged line.

The barrage log, the action log and ``console.log`` hold viewers' ids and names, so:

- a log file is created readable by its owner only (0600), and a folder the console
  creates for it is 0700 (folders that exist are left as they are); a symlink planted at
  the file's name is refused (``O_NOFOLLOW``), not followed;
- once a file would grow past ``max_bytes`` it becomes ``<name>.1`` (``.1`` moves to
  ``.2`` and so on; :data:`GENERATIONS` are kept) and a new file starts;
- records are whole lines, written with one ``os.write`` of whole lines at a time on the
  raw descriptor, so the file is known to the byte. A write that fails partway (a full
  disk) is cut back to the last whole line; the records it held are counted in ``lost``,
  and ``problem`` says what went wrong, once, to every listener (the window shows it).
  The next write that works clears it; if the cut itself failed, or the file was left
  without a final newline (a crash), that write starts on a fresh line, so no record is
  ever glued to another.

Writing never raises for an error of the disk: a show does not stop for its log.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from console.observers import Observers, Unsubscribe

LOG_MAX_MB = 50
"""The size a log file is rotated at, unless the profile says otherwise (show.log_max_mb)."""
MB = 1024 * 1024
GENERATIONS = 5
"""Rotated files kept beside a log: ``<name>.1`` (the latest) to ``<name>.5``."""

_FLAGS = os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC
"""Read too: opening an existing log reads its last byte, to start on a fresh line."""


def show_log_path(log_dir: Path, show_title: str, kind: str, day: str | None = None) -> Path:
    """``<log_dir>/<show-slug>-<YYYY-MM-DD>.<kind>``: one file of each kind per show and
    day, so shows sharing a log folder never write into each other's files."""
    slug = re.sub(r"[^\w-]+", "-", show_title, flags=re.UNICODE).strip("-").lower() or "show"
    return log_dir / f"{slug}-{day or time.strftime('%Y-%m-%d')}.{kind}"


def rotated_path(path: Path, generation: int) -> Path:
    """``<name>.<generation>``: 1 is the file rotated out last."""
    return path.with_name(f"{path.name}.{generation}")


def make_private_folder(folder: Path) -> None:
    """Create ``folder`` and any missing parents with mode 0700; existing ones stay."""
    missing: list[Path] = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for level in reversed(missing):
        with contextlib.suppress(FileExistsError):  # another console made it meanwhile
            os.mkdir(level, 0o700)


class LogFile:
    """One append-only log of text lines (see the module docstring)."""

    def __init__(self, path: Path, max_bytes: int = LOG_MAX_MB * MB) -> None:
        self.path = path
        self.max_bytes = max_bytes
        self.problem = ""
        """Why records are not being written ("" while they are)."""
        self.lost = 0
        """Records not written because of a problem, since the file was opened."""
        self._observers: Observers[str] = Observers()
        self._fd: int | None = None
        self._size = 0
        self._fresh_line = False  # start the next write with a newline
        self._closed = False
        with contextlib.suppress(OSError):  # reported at the first write that fails
            self._open()

    def on_problem(self, listener: Callable[[str], None]) -> Unsubscribe:
        """``listener(problem)`` when writing starts failing, and ``listener("")`` when
        it works again."""
        return self._observers.subscribe(listener)

    def write_lines(self, lines: Iterable[str], fsync: bool = False) -> bool:
        """Append whole lines (without their newline); False if they were not written."""
        if self._closed:
            raise ValueError(f"log {self.path} is closed")
        text = "".join(f"{line}\n" for line in lines)
        if not text:
            return True
        # backslashreplace: a lone surrogate that slipped past a source is written as its
        # JSON escape (\ud800) instead of failing the whole batch.
        data = text.encode("utf-8", errors="backslashreplace")
        try:
            if self._fd is None:
                self._open()
            if self._size and self._size + len(data) > self.max_bytes:
                self._rotate()
            self._write(data)
            if fsync:
                assert self._fd is not None
                os.fsync(self._fd)
        except OSError as exc:
            self._failed(exc, text.count("\n"))
            return False
        if self.problem:
            self.problem = ""
            self._observers.notify("")
        return True

    def close(self) -> None:
        self._closed = True
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    # -- the descriptor -------------------------------------------------------------------

    def _open(self) -> None:
        make_private_folder(self.path.parent)
        fd = os.open(self.path, _FLAGS, 0o600)
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
            self._fresh_line = True  # an earlier run stopped mid-line
        self._fd, self._size = fd, size

    def _rotate(self) -> None:
        self._drop_fd()
        for generation in range(GENERATIONS - 1, 0, -1):
            older = rotated_path(self.path, generation)
            if older.exists():
                os.replace(older, rotated_path(self.path, generation + 1))
        os.replace(self.path, rotated_path(self.path, 1))
        self._fresh_line = False
        self._open()

    def _write(self, data: bytes) -> None:
        """All of ``data``, or the file cut back to where it was and OSError raised."""
        assert self._fd is not None
        if self._fresh_line:
            data = b"\n" + data
        start = self._size
        done = 0
        try:
            while done < len(data):
                done += os.write(self._fd, data[done:])
        except OSError:
            if done:
                self._cut_back(start, done)
            raise
        self._size = start + done
        self._fresh_line = False

    def _cut_back(self, start: int, written: int) -> None:
        """Remove the part of a record a failed write left, if the file holds only ours."""
        assert self._fd is not None
        try:
            if os.fstat(self._fd).st_size != start + written:
                raise OSError("another process wrote to the log meanwhile")
            os.ftruncate(self._fd, start)
        except OSError:
            self._size = start + written
            self._fresh_line = True  # keep the fragment on a line of its own

    def _failed(self, exc: OSError, records: int) -> None:
        self.lost += records
        if not self.problem:
            reason = exc.strerror or str(exc) or type(exc).__name__
            since = time.strftime("%H:%M:%S")
            self.problem = f"{self.path.name} not written since {since}: {reason}"
            self._observers.notify(self.problem)

    def _drop_fd(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None


class LogFileHandler(logging.Handler):
    """A ``logging`` handler writing each record whole to a :class:`LogFile`
    (``console.log``); it reports its own failures through ``file.problem`` only, never
    through logging."""

    def __init__(self, path: Path, max_bytes: int = LOG_MAX_MB * MB) -> None:
        super().__init__()
        self.file = LogFile(path, max_bytes)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = self.format(record)
        except Exception:  # logging's own contract: a bad record must not raise
            self.handleError(record)
            return
        self.file.write_lines(message.split("\n"))

    def close(self) -> None:
        self.file.close()
        super().close()
