"""The show profile as the rest of the console sees it: plain, frozen, already checked.

These classes are only ever built by the loader from a profile that passed validation, so
the code that uses them never re-checks types, ranges or cross-references.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


class MissingSecret(Exception):
    """A secret is meant to come from an environment variable that is not set.

    Raised when the secret is needed (at connect time), not when the profile loads: a
    profile prepared on one machine stays valid on another that sets the variable later.
    """


@dataclass(frozen=True)
class Show:
    """What the show is called and where it keeps its files."""

    title: str
    locale: str
    log_dir: Path
    """Folder for the per-show action logs, absolute (resolved against the profile's folder)."""
    logo: Path | None
    """Absolute path of an existing image file, or None."""


@dataclass(frozen=True)
class ObsEndpoint:
    """Where a room's OBS Studio listens (obs-websocket) and how to authenticate."""

    host: str
    port: int
    password: str | None
    password_env: str | None

    def resolve_password(self) -> str:
        """The password to send: written in the profile, read from the environment, or ""."""
        if self.password is not None:
            return self.password
        if self.password_env is None:
            return ""
        try:
            return os.environ[self.password_env]
        except KeyError:
            raise MissingSecret(f"environment variable {self.password_env} is not set") from None


@dataclass(frozen=True)
class Scenes:
    """OBS scene names for the roles the console cuts to; None where the show has none."""

    opening: str | None
    host: str | None
    product: str | None
    break_: str | None
    """The ``break`` key in YAML (a Python keyword, hence the underscore)."""


@dataclass(frozen=True)
class Transition:
    """The scene transition a room uses for takes."""

    name: str
    duration_ms: int


@dataclass(frozen=True)
class Room:
    """One live room: its own OBS, its scenes and its transition."""

    id: str
    name: str
    obs: ObsEndpoint
    scenes: Scenes
    transition: Transition


@dataclass(frozen=True)
class Hotkey:
    """A key bound to a command line, with where the binding is written in the profile."""

    key: str
    """Canonical, Qt-portable key text such as ``Ctrl+Shift+F5``."""
    command: str
    line: int
    col: int


@dataclass(frozen=True)
class Control:
    """The local control API (accepted and checked now, served by a later version)."""

    port: int
    token: str | None
    token_env: str | None


@dataclass(frozen=True)
class Profile:
    """A whole show profile, checked and with every default filled in."""

    path: Path
    """Absolute path of the profile file."""
    schema_version: int
    """The format version the file declares (older files are upgraded in memory only)."""
    show: Show
    rooms: tuple[Room, ...]
    hotkeys: tuple[Hotkey, ...]
    control: Control

    def room(self, room_id: str) -> Room:
        """The room with this id; KeyError naming the known ids if there is none."""
        for room in self.rooms:
            if room.id == room_id:
                return room
        known = ", ".join(room.id for room in self.rooms)
        raise KeyError(f"no room {room_id!r} in this profile (rooms: {known})")
