"""Helpers shared by console tests: profiles written to disk and awaiting mirror changes."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from pathlib import Path

from console.obs.link import LinkTiming
from console.obs.state import LinkPhase, RoomState
from console.profile import Profile, load_profile

# Fast enough for tests, same shape as production.
FAST = LinkTiming(
    connect_deadline=1.0,
    request_timeout=3.0,
    heartbeat_interval=0.25,
    heartbeat_timeout=1.0,
    backoff_base=0.1,
    backoff_cap=0.5,
    auth_retry=60.0,
)

HOTKEYS = """\
hotkeys:
  F2: scene.program Opening
  F3: scene.program Host
  F4: scene.program Product
  Ctrl+F4: scene.preview Product
  Space: scene.take
"""


def write_profile(
    directory: Path, port: int, password: str, room: str = "main", hotkeys: str = HOTKEYS
) -> Profile:
    """A one-room profile for an OBS on loopback, loaded through the real loader."""
    return write_rooms(directory, [(room, port, password)], hotkeys)


def write_rooms(
    directory: Path, rooms: Sequence[tuple[str, int, str]], hotkeys: str = HOTKEYS, extra: str = ""
) -> Profile:
    """A profile with a room per (id, port, password), each an OBS on loopback."""
    listed = "".join(
        f"""\
  - id: {room}
    obs: {{host: 127.0.0.1, port: {port}, password: "{password}"}}
"""
        for room, port, password in rooms
    )
    path = directory / "show.yaml"
    path.write_text(
        f"""\
schema_version: 1
show: {{title: Test show, log_dir: logs}}
rooms:
{listed}{hotkeys}{extra}""",
        encoding="utf-8",
    )
    return load_profile(path)


async def until(state: RoomState, predicate: Callable[[], bool], within: float = 10.0) -> None:
    """Wait for the mirror to satisfy ``predicate``, woken by its own change notices."""
    if predicate():
        return
    reached = asyncio.Event()

    def check(aspect: str) -> None:
        if predicate():
            reached.set()

    unsubscribe = state.subscribe(check)
    try:
        await asyncio.wait_for(reached.wait(), within)
    except TimeoutError:
        raise AssertionError(
            f"condition not reached within {within} s; link: {state.link.describe()}"
        ) from None
    finally:
        unsubscribe()


async def connected(state: RoomState, within: float = 15.0) -> None:
    await until(state, lambda: state.link.phase is LinkPhase.CONNECTED, within)
