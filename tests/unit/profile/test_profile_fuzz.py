"""The demo profile broken in every way a file gets broken: cut short, bytes flipped, keys and
values swapped, lines lost or doubled, YAML's special tokens (tags, anchors, aliases,
merge keys, directives, document markers) dropped in. Each mutant loads, or gets
FILE:LINE:COL problems; never another exception, and never a hang (each within a generous
time bound).

The mutants are generated from the demo with a fixed seed, so a failure names a mutant
that can be made again; ``broken/`` holds the hand-written cases.
"""

from __future__ import annotations

import random
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from console.profile import Profile, ProfileError, load_profile

ROOT = Path(__file__).resolve().parents[3]
DEMO = (ROOT / "profiles" / "demo.yaml").read_bytes()
CPU_BOUND_S = 1.0  # a hang or an explosion is the failure; this is not a speed test, and
WALL_BOUND_S = 30.0  # the machine may be shared: CPU time is what the profile costs
TRUNCATE_EVERY = 211
FLIPS = 80
SWAPS = 60
LINE_EDITS = 40
TOKENS = 60
SPECIAL = (
    b"!!int x", b"!!binary x", b"!!python/object:os.system", b"!custom", b"&a", b"*a", b"*zz",
    b"[", b"{", b"- ", b": ", b"? ", b"'", b'"', b"|", b">", b"~", b"0x1F", b"1e999", b".nan",
    b"<<: *a", b"%YAML 1.1", b"---", b"...", b"\t", b"\x00", b"2024-02-30", b"9" * 5000,
)  # fmt: skip
_KEY_VALUE = re.compile(rb"^(\s*-?\s*)([^:#\s][^:#]*?):\s+([^#\s][^#]*?)\s*(#.*)?$")


def _truncations() -> Iterator[tuple[str, bytes]]:
    for cut in range(0, len(DEMO), TRUNCATE_EVERY):
        yield f"truncated-at-{cut}", DEMO[:cut]


def _flips(rng: random.Random) -> Iterator[tuple[str, bytes]]:
    for case in range(FLIPS):
        data = bytearray(DEMO)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        yield f"flipped-{case}", bytes(data)


def _swaps(rng: random.Random) -> Iterator[tuple[str, bytes]]:
    lines = DEMO.split(b"\n")
    candidates = [i for i, line in enumerate(lines) if _KEY_VALUE.match(line)]
    for _ in range(SWAPS):
        index = rng.choice(candidates)
        match = _KEY_VALUE.match(lines[index])
        assert match is not None
        lead, key, value, comment = match.groups()
        swapped = lead + value + b": " + key + (b"  " + comment if comment else b"")
        yield (
            f"swapped-line-{index + 1}",
            b"\n".join([*lines[:index], swapped, *lines[index + 1 :]]),
        )


def _line_edits(rng: random.Random) -> Iterator[tuple[str, bytes]]:
    lines = DEMO.split(b"\n")
    for case in range(LINE_EDITS):
        index = rng.randrange(len(lines))
        if case % 2:
            edited = [*lines[:index], *lines[index + 1 :]]
            name = f"line-{index + 1}-deleted"
        else:
            edited = [*lines[: index + 1], lines[index], *lines[index + 1 :]]
            name = f"line-{index + 1}-doubled"
        yield name, b"\n".join(edited)


def _tokens(rng: random.Random) -> Iterator[tuple[str, bytes]]:
    lines = DEMO.split(b"\n")
    for case in range(TOKENS):
        index = rng.randrange(len(lines))
        token = SPECIAL[case % len(SPECIAL)]
        line = lines[index]
        at = rng.randrange(len(line) + 1)
        edited = [*lines[:index], line[:at] + token + line[at:], *lines[index + 1 :]]
        yield f"token-{case % len(SPECIAL)}-in-line-{index + 1}-at-{at}", b"\n".join(edited)


def _mutants() -> dict[str, bytes]:
    rng = random.Random(20240416)
    mutants: dict[str, bytes] = {}
    generators = (_truncations(), _flips(rng), _swaps(rng), _line_edits(rng), _tokens(rng))
    for generated in generators:
        for name, data in generated:
            mutants.setdefault(name, data)
    return mutants


MUTANTS = _mutants()


@pytest.fixture(scope="module")
def show_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A read-only copy of what the demo refers to (images, the barrage recording)."""
    root = tmp_path_factory.mktemp("demo-files")
    shutil.copytree(ROOT / "assets", root / "assets")
    shutil.copy(ROOT / "profiles" / "demo_barrage.jsonl", root / "demo_barrage.jsonl")
    return root


def _place(tmp_path: Path, show_files: Path, data: bytes) -> Path:
    """The mutant as profiles/demo.yaml in a folder of its own, beside the demo's files."""
    (tmp_path / "assets").symlink_to(show_files / "assets")
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    (profiles / "demo_barrage.jsonl").symlink_to(show_files / "demo_barrage.jsonl")
    path = profiles / "demo.yaml"
    path.write_bytes(data)
    return path


def test_the_mutants_are_many_and_mostly_broken(tmp_path: Path, show_files: Path) -> None:
    assert len(MUTANTS) > 200
    assert isinstance(load_profile(_place(tmp_path, show_files, DEMO)), Profile)


@pytest.mark.parametrize("name", MUTANTS)
def test_a_mutant_loads_or_gets_located_problems(
    tmp_path: Path, show_files: Path, name: str
) -> None:
    path = _place(tmp_path, show_files, MUTANTS[name])
    started, cpu = time.perf_counter(), time.process_time()
    try:
        load_profile(path)
    except ProfileError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.path == path and problem.line >= 1 and problem.col >= 1
            assert problem.message and "\n" not in problem.message
            assert str(problem).startswith(f"{path}:{problem.line}:{problem.col}: ")
    assert time.process_time() - cpu < CPU_BOUND_S
    assert time.perf_counter() - started < WALL_BOUND_S
