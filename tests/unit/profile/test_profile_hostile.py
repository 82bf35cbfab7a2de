"""Files that are not a profile at all, or YAML built to choke a parser, are refused fast.

Each gets FILE:LINE:COL problems (a BOM'd file loads), within a generous time bound and
with bounded memory (the failure modes are a hang, a blown stack or exponential growth,
not slowness), and ``main.py --check`` never prints a traceback on any of them.
"""

from __future__ import annotations

import codecs
import random
import re
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from console.profile import ProfileError, check_profile, load_profile
from console.profile.guard import MAX_ALIAS_VALUES

ROOT = Path(__file__).resolve().parents[3]
MINIMAL = "rooms:\n  - id: main\n"
CPU_BOUND_S = 1.0  # the requirement, in this process's CPU time: a shared machine's load
WALL_BOUND_S = 30.0  # does not count, but a hang does
BOUND_BYTES = 64 * 1024 * 1024

Writer = Callable[[Path], None]


def _bytes(data: bytes) -> Writer:
    return lambda path: path.write_bytes(data)


def _text(text: str) -> Writer:
    return lambda path: path.write_text(text, encoding="utf-8")


def _directory(path: Path) -> None:
    path.mkdir()


def _laughs(levels: int, width: int) -> str:
    """Billion laughs: each level an anchored list of ``width`` aliases of the level below."""
    lines = [f"  l0: &l0 [{', '.join(['lol'] * width)}]"]
    lines += [f"  l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * width)}]" for n in range(1, levels)]
    return MINIMAL + "barrage:\n moderation:\n" + "\n".join(" " + line for line in lines) + "\n"


HOSTILE: dict[str, tuple[Writer, str]] = {
    "binary garbage": (
        _bytes(random.Random(7).randbytes(4096)),
        r"1:\d+: the profile is not UTF-8 text \(byte 0x",
    ),
    "utf-16 with bom": (_bytes(MINIMAL.encode("utf-16")), "1:1: the profile is saved as UTF-16;"),
    "utf-16 without bom": (
        _bytes(MINIMAL.encode("utf-16-be")),
        "1:1: the profile is saved as UTF-16;",
    ),
    "utf-32": (_bytes(MINIMAL.encode("utf-32")), "1:1: the profile is saved as UTF-32;"),
    "nul byte": (_bytes(b"rooms:\n  - id: ma\x00in\n"), "2:11: character #x0000 is not allowed"),
    "empty": (_bytes(b""), "1:1: the profile is empty"),
    "only a comment": (_text("# nothing yet\n"), "1:1: the profile is empty"),
    "directory": (_directory, "1:1: cannot read the profile: Is a directory"),
    "deep lists": (
        _text("rooms: " + "[" * 10_000 + "]" * 10_000),
        "1:72: lists and mappings nested more than 64",
    ),
    "deep flow mappings": (
        _text("rooms: [" + "{a: " * 10_000 + "}" * 10_000 + "]"),
        r"1:\d+: lists and mappings nested",
    ),
    "deep block mappings": (
        _text("".join(" " * n + "a:\n" for n in range(2000))),
        r"65:65: lists and mappings nested",
    ),
    "deep block nesting": (
        _text("rooms:\n" + "".join(" " * n + "- \n" for n in range(0, 2000, 2))),
        r"65:127: lists and mappings nested more than 64 deep",
    ),
    "recursive alias": (_text("rooms: &a [*a]\n"), r"1:12: rooms\[0\]: alias \*a is inside"),
    "recursive mapping alias": (
        _text(MINIMAL + "barrage: &b {moderation: *b}\n"),
        r"3:26: barrage\.moderation: alias \*b is inside",
    ),
    "billion laughs": (
        _text(_laughs(10, 10)),
        r"\d+:\d+: barrage.moderation.l\d\[\d+\]: aliases here expand",
    ),
    "wide laughs": (
        _text(_laughs(3, 1000)),
        r"\d+:\d+: barrage.moderation.l1\[\d+\]: aliases here expand",
    ),
    "huge integer": (
        _text(MINIMAL + "control: {port: " + "9" * 100_000 + "}\n"),
        r"3:17: control.port: .* more than 4300 digits",
    ),
    "python tag": (
        _text("rooms: !!python/object/apply:os.system [echo pwned]\n"),
        r"1:8: rooms: tag !!python/object/apply:os\.system is not allowed",
    ),
    "undefined alias": (_text(MINIMAL + "hotkeys: *nothing\n"), "3:10: found undefined alias"),
    "tab indent": (
        _text("rooms:\n\t- id: main\n"),
        r"2:1: found character '\\t' that cannot start any token.*indent with spaces",
    ),
}


def _write(tmp_path: Path, name: str) -> Path:
    path = tmp_path / "show.yaml"
    HOSTILE[name][0](path)
    return path


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_file_gets_a_located_problem_within_a_second(tmp_path: Path, name: str) -> None:
    path = _write(tmp_path, name)
    started, cpu = time.perf_counter(), time.process_time()
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    assert time.process_time() - cpu < CPU_BOUND_S
    assert time.perf_counter() - started < WALL_BOUND_S
    first = caught.value.problems[0]
    assert re.match(HOSTILE[name][1], f"{first.line}:{first.col}: {first.message}"), str(first)
    assert all(str(p).startswith(f"{path}:{p.line}:{p.col}: ") for p in caught.value.problems)


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_file_is_refused_with_bounded_memory(tmp_path: Path, name: str) -> None:
    path = _write(tmp_path, name)
    tracemalloc.start()
    try:
        with pytest.raises(ProfileError):
            load_profile(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < BOUND_BYTES


def test_a_byte_order_mark_is_read_as_utf8(tmp_path: Path) -> None:
    path = tmp_path / "show.yaml"
    path.write_bytes(codecs.BOM_UTF8 + MINIMAL.encode())
    assert [room.id for room in load_profile(path).rooms] == ["main"]


def test_anchors_within_the_limit_still_load(tmp_path: Path) -> None:
    """Aliases are not refused as such: two rooms sharing one obs block keep working."""
    path = tmp_path / "show.yaml"
    path.write_text(
        "rooms:\n  - id: main\n    obs: &obs {host: 127.0.0.1, port: 4455, password_env: P}\n"
        "  - id: second\n    obs: *obs\n",
        encoding="utf-8",
    )
    profile = load_profile(path)
    assert profile.rooms[0].obs == profile.rooms[1].obs
    assert MAX_ALIAS_VALUES >= 10_000


def test_a_log_dir_nobody_can_write_in_is_refused_at_check_time(tmp_path: Path) -> None:
    """Even root cannot create files in /proc/self: a real unwritable folder."""
    path = tmp_path / "show.yaml"
    path.write_text("show: {log_dir: /proc/self/logs}\n" + MINIMAL, encoding="utf-8")
    (problem,) = check_profile(path)
    assert (problem.line, problem.col) == (1, 17)
    assert re.fullmatch(
        r"show\.log_dir: cannot create /proc/\d+/logs: cannot write in .*", problem.message
    )


CHECKED = ["binary garbage", "utf-16 with bom", "deep lists", "billion laughs", "python tag"]


@pytest.mark.parametrize("name", CHECKED)
def test_check_on_the_command_line_prints_problems_not_a_traceback(
    tmp_path: Path, name: str
) -> None:
    path = _write(tmp_path, name)
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--check", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith(f"{path}:")
    assert all(
        re.match(rf"{re.escape(str(path))}:\d+:\d+: ", line) for line in done.stderr.splitlines()
    )
