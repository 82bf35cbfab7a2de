"""Saving profiles so that a crash, a full disk or a typo never costs the operator a show.

The new text goes to a temporary file in the same folder, is flushed to disk, and only
then replaces the profile in one atomic rename; the previous versions are kept next to it
as ``<name>.bak.1`` (the latest) to ``<name>.bak.5`` (:data:`BACKUPS`), each save moving
them one along. Text that does not validate is refused before anything is written.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

from console.commands import CommandRegistry
from console.profile.loader import parse_profile
from console.profile.model import Profile

BACKUPS = 5
"""Generations of a profile kept beside it: ``<name>.bak.1`` (latest) to ``.bak.5``."""


def backup_path(path: Path, generation: int) -> Path:
    """``<name>.bak.<generation>``; 1 is the version saved over last."""
    return path.with_name(f"{path.name}.bak.{generation}")


def save_text_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8) atomically, keeping the old file as .bak.1
    and older ones as .bak.2 and on, up to :data:`BACKUPS`.

    An existing file keeps its permissions; a new one is private to its owner (0600),
    since profiles may hold passwords.
    """
    if path.exists():
        previous = path.read_bytes()
        for generation in range(BACKUPS - 1, 0, -1):
            older = backup_path(path, generation)
            if older.exists():
                os.replace(older, backup_path(path, generation + 1))
        _replace(backup_path(path, 1), previous, mode_from=path)
    _replace(path, text.encode("utf-8"), mode_from=path if path.exists() else None)


def save_profile_text(path: Path, text: str, registry: CommandRegistry | None = None) -> Profile:
    """Save profile text only if it validates; ProfileError (file untouched) if not.

    Returns the profile the saved text describes.
    """
    profile = parse_profile(path, text, registry)
    save_text_atomic(path, text)
    return profile


def _replace(target: Path, data: bytes, mode_from: Path | None) -> None:
    """Write ``data`` to a synced temporary file beside ``target``, then rename it over."""
    fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        if mode_from is not None:
            shutil.copymode(mode_from, temp)
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _sync_dir(target.parent)


def _sync_dir(directory: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where folders cannot be opened."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
