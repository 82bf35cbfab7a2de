"""The ``monitors:`` setting: how often each room's program and preview monitors are
refreshed from OBS's screenshots, for the whole show and, where a room says so, per room.

A room's own ``monitors:`` replaces the show's for that room (a room whose OBS sits across a
slow network can ask for fewer frames). ``monitors: false`` or ``fps: 0`` turns them off.
The default comes from ``tests/benchmarks/monitors.py`` (see the README's figures).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from console.profile.spec import Record, Scalar
from console.profile.values import number

DEFAULT_FPS = 2.0
"""Frames a second of each monitor unless the profile says otherwise."""
MAX_FPS = 10.0


@dataclass(frozen=True)
class Monitors:
    """A room's live monitors of program and preview."""

    fps: float = DEFAULT_FPS
    """Screenshots a second asked of OBS for each monitor on screen; 0: no monitors."""

    @property
    def on(self) -> bool:
        return self.fps > 0


MONITORS = Record(
    {
        "fps": Scalar(
            number(0.0, maximum=MAX_FPS),
            "screenshots a second of program and of preview (studio mode), 0: off",
            DEFAULT_FPS,
        ),
    },
    "the live monitors of each room's program and preview, made from OBS's screenshots",
    off={"fps": 0.0},
)

ROOM_MONITORS = Record(
    MONITORS.fields,
    "this room's monitors, instead of the show's monitors setting",
    optional=True,
    off={"fps": 0.0},
)


def build_monitors(data: dict[str, Any] | None, show: Monitors) -> Monitors:
    """A room's monitors: its own setting if it has one, else the show's."""
    return show if data is None else Monitors(fps=data["fps"])
