"""Global hotkeys in the profile: the mapping form beside the plain command line, and the
keys that cannot be global, refused where the mark is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from console.profile import global_refusal, load_profile
from tests.unit.profile.test_profile_load import DEMO, problem_lines, write

ROOM = "rooms: [{id: main}]\n"


def test_a_binding_marked_global_loads_beside_plain_ones(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        ROOM + "hotkeys:\n"
        "  F3: {command: scene.program Host, global: true}\n"
        "  F4:\n"
        "    command: scene.program Product\n"
        "  Space: scene.take\n",
    )
    hotkeys = load_profile(path).hotkeys
    assert [(h.key, h.command, h.is_global, h.line, h.col) for h in hotkeys] == [
        ("F3", "scene.program Host", True, 3, 3),
        ("F4", "scene.program Product", False, 4, 3),
        ("Space", "scene.take", False, 6, 3),
    ]
    assert hotkeys[0].invocation.kwargs["scene"] == "Host"


def test_the_demo_marks_its_scene_cuts_and_panic_keys_global() -> None:
    marked = {h.key: h.command for h in load_profile(DEMO).hotkeys if h.is_global}
    assert marked == {
        "F2": "scene.program Opening",
        "F3": "scene.program Host",
        "F4": "scene.program Product",
        "F5": "scene.program Break",
        "Ctrl+Shift+L": "stream.toggle",
        "Ctrl+Shift+H": "host.stop",
    }


@pytest.mark.parametrize(
    ("key", "why"),
    [
        ("A", "A is typing or editing there; use a function key or add Ctrl, Alt or Meta"),
        ("Shift+B", "B is typing or editing there"),
        ("Space", "Space is typing or editing there"),
        ("Escape", "Esc is typing or editing there"),
        ("Shift+Up", "Up is typing or editing there"),
        ("Ctrl+Shift+1", "with Shift, 1 is another character on each keyboard layout"),
        ("F21", "the global listener watches F1-F20 only"),
    ],
)
def test_a_key_other_programs_type_with_cannot_be_global_and_is_refused_at_its_mark(
    tmp_path: Path, key: str, why: str
) -> None:
    binding = f"  {key}:\n    command: scene.take\n    global: true\n"
    path = write(tmp_path, ROOM + "hotkeys:\n" + binding)
    (problem,) = problem_lines(path)
    canonical = {"Escape": "Esc"}.get(key, key)
    assert problem.startswith(f"5:13: {canonical} cannot be global: ")
    assert why in problem


@pytest.mark.parametrize("key", ["F2", "Shift+F12", "F20", "Ctrl+A", "Alt+Space", "Meta+1"])
def test_function_keys_and_keys_with_ctrl_alt_or_meta_can_be_global(key: str) -> None:
    assert global_refusal(key) is None


def test_a_plain_key_not_marked_global_is_still_fine(tmp_path: Path) -> None:
    path = write(tmp_path, ROOM + "hotkeys:\n  A: {command: scene.take, global: false}\n")
    assert problem_lines(path) == []


@pytest.mark.parametrize(
    ("hotkeys", "expected"),
    [
        ("  F3: {global: true}\n", "3:7: hotkeys.F3: missing required key 'command'"),
        ("  F3: {command: scene.take, globl: true}\n", "3:29: unknown key 'globl' (did you mean"),
        ("  F3: {command: scene.take, global: maybe}\n", "3:37: hotkeys.F3.global: expected"),
        ("  F3: {command: scene.nowhere}\n", "3:17: unknown command 'scene.nowhere'"),
        ("  F3:\n", "3:6: hotkeys.F3: needs a value"),
        ("  F3: [scene.take]\n", "3:7: hotkeys.F3: expected a mapping, got a list"),
    ],
)
def test_a_mapping_binding_gets_located_errors(tmp_path: Path, hotkeys: str, expected: str) -> None:
    path = write(tmp_path, ROOM + "hotkeys:\n" + hotkeys)
    (problem,) = problem_lines(path)
    assert problem.startswith(expected), problem


def test_a_room_the_mapping_form_names_is_checked_at_its_command(tmp_path: Path) -> None:
    path = write(tmp_path, ROOM + "hotkeys:\n  F3:\n    command: scene.program Host room=side\n")
    (problem,) = problem_lines(path)
    assert problem.startswith("4:14: scene.program: no room 'side' in this profile")
