"""Messages for the barrage tests, built with only what a test cares about."""

from __future__ import annotations

import itertools

from console.barrage.message import Kind, Message

_ids = itertools.count(1)


def msg(
    text: str,
    user: str = "u1",
    at: float = 1000.0,
    kind: Kind = Kind.COMMENT,
    name: str | None = None,
) -> Message:
    serial = next(_ids)
    return Message(
        platform="test",
        room="main",
        id=f"m{serial}",
        user_id=user,
        user_name=name if name is not None else f"name-{user}",
        text=text,
        time=at,
        kind=kind,
    )
