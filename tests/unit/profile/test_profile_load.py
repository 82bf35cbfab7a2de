"""Loading profiles: what valid files turn into, and how whole-file problems are reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from console.catalog import catalog
from console.commands import CommandRegistry
from console.profile import (
    Control,
    MissingSecret,
    ObsEndpoint,
    ProfileError,
    Scenes,
    Transition,
    check_profile,
    load_profile,
)

DEMO = Path(__file__).parents[3] / "profiles" / "demo.yaml"

MINIMAL = """\
schema_version: 1
rooms:
  - id: main
    obs: {host: 127.0.0.1, port: 4455, password_env: OBS_PASSWORD}
"""


def write(tmp_path: Path, text: str, name: str = "show.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problem_lines(path: Path) -> list[str]:
    return [f"{p.line}:{p.col}: {p.message}" for p in check_profile(path)]


def test_minimal_profile_is_accepted_as_written_with_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OBS_PASSWORD", raising=False)
    path = write(tmp_path, MINIMAL)

    profile = load_profile(path)

    assert profile.path == path.resolve()
    assert profile.schema_version == 1
    assert profile.show.title == "Untitled show"
    assert profile.show.locale is None  # the window follows the system's language
    assert profile.show.log_dir == tmp_path.resolve() / "logs"
    assert profile.show.logo is None
    (room,) = profile.rooms
    assert room.id == room.name == "main"
    assert room.obs == ObsEndpoint("127.0.0.1", 4455, None, "OBS_PASSWORD")
    assert room.scenes == Scenes(None, None, None, None)
    assert room.transition == Transition("Fade", 300)
    assert profile.hotkeys == ()
    assert profile.control == Control(True, "127.0.0.1", 8765, None, None, False)


def test_demo_profile_is_valid() -> None:
    profile = load_profile(DEMO)

    room = profile.room("supermarket")
    assert room.name == "京东超市"
    assert room.obs.password_env == "OBS_PASSWORD"
    assert room.scenes == Scenes("Opening", "Host", "Product", "Break")
    assert room.transition == Transition("Fade", 300)
    bindings = {hotkey.key: hotkey.command for hotkey in profile.hotkeys}
    assert bindings["F4"] == "scene.program Product"
    assert bindings["Ctrl+F4"] == "scene.preview Product"
    assert bindings["Space"] == "scene.take"
    assert bindings["Ctrl+Shift+L"] == "stream.toggle"
    assert "F1" not in bindings


def test_hotkeys_keep_file_order_canonical_keys_and_positions(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "rooms:\n  - id: main\nhotkeys:\n  shift+ctrl+f5: scene.take\n  enter: studio.toggle\n",
    )

    hotkeys = load_profile(path).hotkeys
    assert [(h.key, h.command, h.line, h.col) for h in hotkeys] == [
        ("Ctrl+Shift+F5", "scene.take", 4, 3),
        ("Return", "studio.toggle", 5, 3),
    ]
    assert [h.invocation.spec.name for h in hotkeys] == ["scene.take", "studio.toggle"]


def test_every_problem_is_reported_in_one_go(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "show:\n"
        "  titel: x\n"
        "rooms:\n"
        "  - id: main\n"
        "    obs: {port: abc}\n"
        "  - id: main\n"
        "hotkeys:\n"
        "  F1: scene.take\n"
        "  F2: scene.programm A\n",
    )

    with pytest.raises(ProfileError) as caught:
        load_profile(path)

    assert str(caught.value).splitlines() == [
        f"{path}:2:3: unknown key 'titel' (did you mean 'title'?)",
        f"{path}:5:17: rooms[0].obs.port: expected an integer, got string 'abc'",
        f"{path}:6:9: duplicate room id 'main' (first at 4:9)",
        f"{path}:8:3: F1 is reserved for the cheat sheet",
        f"{path}:9:7: unknown command 'scene.programm' (did you mean 'scene.program'?)",
    ]


def test_relative_paths_resolve_against_the_profile_folder(tmp_path: Path) -> None:
    (tmp_path / "art").mkdir()
    (tmp_path / "art" / "logo.png").write_bytes(b"\x89PNG")
    path = write(tmp_path, "show:\n  logo: art/logo.png\n  log_dir: ../logs\nrooms: [{id: a}]\n")

    show = load_profile(path).show

    assert show.logo == tmp_path.resolve() / "art" / "logo.png"
    assert show.log_dir == tmp_path.resolve().parent / "logs"


def test_a_key_with_nothing_after_it_counts_as_not_given(tmp_path: Path) -> None:
    path = write(tmp_path, "show:\n  title:\n  logo:\nhotkeys:\nrooms:\n  - id: main\n")

    profile = load_profile(path)

    assert profile.show.title == "Untitled show"
    assert profile.show.logo is None
    assert profile.hotkeys == ()


def test_scalars_keep_the_text_written(tmp_path: Path) -> None:
    path = write(tmp_path, "show: {title: 2024}\nrooms:\n  - {id: '1', name: yes}\n")

    profile = load_profile(path)

    assert profile.show.title == "2024"
    assert profile.room("1").name == "yes"


def test_hotkeys_are_checked_against_the_given_registry(tmp_path: Path) -> None:
    path = write(tmp_path, "rooms: [{id: main}]\nhotkeys:\n  F2: scene.take\n")

    assert load_profile(path, catalog()).hotkeys[0].command == "scene.take"
    assert problem_lines_with(path, CommandRegistry()) == ["3:7: unknown command 'scene.take'"]


def problem_lines_with(path: Path, registry: CommandRegistry) -> list[str]:
    return [f"{p.line}:{p.col}: {p.message}" for p in check_profile(path, registry)]


def test_an_empty_file_is_one_clear_problem(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_bytes(b"")

    assert problem_lines(path) == ["1:1: the profile is empty; it needs at least a 'rooms:' list"]


def test_a_file_that_is_not_utf8_is_one_clear_problem(tmp_path: Path) -> None:
    path = tmp_path / "gbk.yaml"
    path.write_bytes(b"rooms:\n  - id: main\n    name: " + "京东超市".encode("gbk") + b"\n")

    assert problem_lines(path) == [
        "3:11: the profile is not UTF-8 text (byte 0xbe here); save it as UTF-8"
    ]


def test_a_utf8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode())

    assert load_profile(path).rooms[0].id == "main"


def test_control_characters_are_located(tmp_path: Path) -> None:
    path = write(tmp_path, "rooms:\n  - id: ma\x07in\n")

    assert problem_lines(path) == [
        "2:11: character #x0007 is not allowed in YAML (special characters are not allowed)"
    ]


def test_a_missing_file_is_one_problem(tmp_path: Path) -> None:
    assert problem_lines(tmp_path / "nowhere.yaml") == [
        "1:1: cannot read the profile: No such file or directory"
    ]


def test_room_lookup_names_the_known_rooms(tmp_path: Path) -> None:
    profile = load_profile(write(tmp_path, "rooms: [{id: a}, {id: b, name: B}]\n"))

    assert profile.room("b").name == "B"
    with pytest.raises(KeyError, match=r"no room 'c' in this profile \(rooms: a, b\)"):
        profile.room("c")


def test_password_comes_from_the_environment_at_connect_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    endpoint = ObsEndpoint("127.0.0.1", 4455, None, "OBS_PASSWORD")

    monkeypatch.setenv("OBS_PASSWORD", "s3cret")
    assert endpoint.resolve_password() == "s3cret"

    monkeypatch.delenv("OBS_PASSWORD")
    with pytest.raises(MissingSecret) as caught:
        endpoint.resolve_password()
    assert str(caught.value) == "environment variable OBS_PASSWORD is not set"


def test_password_written_in_the_profile_or_none_at_all() -> None:
    assert ObsEndpoint("h", 1, "pw", None).resolve_password() == "pw"
    assert ObsEndpoint("h", 1, None, None).resolve_password() == ""


def test_the_log_rotation_size_is_the_profiles_or_the_default(tmp_path: Path) -> None:
    from console.logfile import LOG_MAX_MB, MB

    path = tmp_path / "show.yaml"
    path.write_text("rooms: [{id: main}]\n", encoding="utf-8")
    assert load_profile(path).show.log_max_mb == LOG_MAX_MB
    path.write_text("show: {log_max_mb: 5}\nrooms: [{id: main}]\n", encoding="utf-8")
    assert load_profile(path).show.log_max_bytes == 5 * MB
    path.write_text("show: {log_max_mb: 0}\nrooms: [{id: main}]\n", encoding="utf-8")
    with pytest.raises(ProfileError, match=r"1:20: show\.log_max_mb: expected an integer in 1\.\."):
        load_profile(path)
