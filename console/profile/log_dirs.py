"""The folders a show writes its logs to, checked when the profile is checked.

A ``log_dir`` that is a file, or in which this user cannot create files, would stop the
console at start (or lose the logs during the show); ``--check`` says so first. Nothing is
created: the check writes an unnamed temporary file (``O_TMPFILE`` where the system has it)
in the folder, or in the nearest folder above it that exists, where the console would
create the missing ones.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

from console.profile.nodes import nearest
from console.profile.validate import Validator


def check_log_dirs(validator: Validator, root: yaml.Node, data: dict[str, Any]) -> None:
    """Report a ``show.log_dir`` or ``barrage.log_dir`` the console could not write in."""
    show, barrage = data["show"], data["barrage"]
    folders = [("show", show and show["log_dir"]), ("barrage", barrage and barrage["log_dir"])]
    for section, folder in folders:
        if folder is None:
            continue
        problem = folder_problem(folder, validator.context.base_dir)
        if problem is not None:
            node = nearest(root, [section, "log_dir"])
            validator.report(node, f"{section}.log_dir: {problem}")


def folder_problem(folder: Path, base_dir: Path) -> str | None:
    """Why logs cannot be written in ``folder`` (absolute), or None if they can; paths
    under ``base_dir`` (the profile's folder) are named relative to it."""
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    wanted, found = _shown(folder, base_dir), _shown(existing, base_dir)
    if not existing.is_dir():
        if existing == folder:
            return f"{wanted} is a file, not a folder"
        return f"cannot create {wanted}: {found} is a file, not a folder"
    try:
        with tempfile.TemporaryFile(dir=existing):
            pass
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        if existing == folder:
            return f"cannot write logs in {wanted} ({reason})"
        return f"cannot create {wanted}: cannot write in {found} ({reason})"
    return None


def _shown(path: Path, base_dir: Path) -> str:
    return os.path.relpath(path, base_dir) if path.is_relative_to(base_dir) else str(path)
