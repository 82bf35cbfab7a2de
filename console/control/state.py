"""The show's state as programs see it: every room's snapshot, the show's title and how
many comments wait for review.

Also what counts as a change of a room: its snapshot without the pinned comment's
countdown (which moves every tick and is not news), so the events socket reports a cut, a
link going down or a slide going on air, never the same state twice.
"""

from __future__ import annotations

from typing import Any

from console.barrage.review import ReviewQueue
from console.room import RoomRuntime, RoomSet


def show_state(title: str, rooms: RoomSet, review: ReviewQueue | None = None) -> dict[str, Any]:
    """``GET /api/state``: ``{"show": {"title"}, "rooms": [snapshot, ...], "review":
    {"held"}}``, the rooms in profile order (``review`` only with the show's queue)."""
    state: dict[str, Any] = {"show": {"title": title}, "rooms": [r.snapshot() for r in rooms]}
    if review is not None:
        state["review"] = {"held": len(review)}
    return state


def steady(snapshot: dict[str, Any]) -> dict[str, Any]:
    """A room's snapshot less what moves by itself (the pin's seconds left)."""
    pin = snapshot.get("pin")
    if isinstance(pin, dict):
        return {**snapshot, "pin": {key: value for key, value in pin.items() if key != "left_s"}}
    return snapshot


class RoomWatch:
    """The last state of one room reported; says which keys changed since."""

    def __init__(self, room: RoomRuntime) -> None:
        self.room = room
        self._last = steady(room.snapshot())

    def changes(self) -> tuple[list[str], dict[str, Any]] | None:
        """The keys that changed and the new snapshot, or None when nothing did."""
        snapshot = self.room.snapshot()
        now = steady(snapshot)
        changed = [key for key in now if now[key] != self._last.get(key)]
        if not changed:
            return None
        self._last = now
        return changed, snapshot
