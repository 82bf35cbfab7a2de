"""The ``monitors:`` setting: the show's frame rate, a room's own, and off."""

from __future__ import annotations

from pathlib import Path

from console.profile import load_profile
from console.profile.monitors import DEFAULT_FPS, Monitors

DEMO = Path(__file__).parents[3] / "profiles" / "demo.yaml"


def rooms(tmp_path: Path, text: str) -> dict[str, Monitors]:
    path = tmp_path / "show.yaml"
    path.write_text("schema_version: 1\n" + text, encoding="utf-8")
    return {room.id: room.monitors for room in load_profile(path).rooms}


def test_a_profile_without_the_setting_gets_the_default_in_every_room(tmp_path: Path) -> None:
    assert rooms(tmp_path, "rooms:\n  - id: a\n  - id: b\n") == {
        "a": Monitors(DEFAULT_FPS),
        "b": Monitors(DEFAULT_FPS),
    }
    assert {room.monitors for room in load_profile(DEMO).rooms} == {Monitors(DEFAULT_FPS)}
    assert Monitors().on


def test_the_shows_rate_applies_to_rooms_without_their_own(tmp_path: Path) -> None:
    text = """\
monitors: {fps: 0.5}
rooms:
  - id: a
  - id: b
    monitors: {fps: 5}
  - id: c
    monitors: true
"""
    assert rooms(tmp_path, text) == {
        "a": Monitors(0.5),
        "b": Monitors(5.0),
        "c": Monitors(DEFAULT_FPS),
    }


def test_false_or_zero_turns_them_off(tmp_path: Path) -> None:
    text = """\
monitors: false
rooms:
  - id: a
  - id: b
    monitors: {fps: 0}
  - id: c
    monitors: {fps: 1}
"""
    found = rooms(tmp_path, text)
    assert found == {"a": Monitors(0.0), "b": Monitors(0.0), "c": Monitors(1.0)}
    assert [found[room].on for room in "abc"] == [False, False, True]
