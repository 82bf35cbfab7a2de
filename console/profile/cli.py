"""``main.py --check``: print every problem of a profile, without starting (or importing)
any part of the running console."""

from __future__ import annotations

import sys
from pathlib import Path

from console.profile.loader import load_profile
from console.profile.source import ProfileError


def check(path: Path) -> int:
    """Print every problem of a profile as PATH:LINE:COL: message; 0 when it loads."""
    try:
        load_profile(path)
    except ProfileError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"{path}: ok")
    return 0
