"""The migration mechanism, exercised with a migration injected by the test.

Version 1 is the first format, so the real table is empty; here a pretend version 2
renames the top-level ``stage`` section (as "version 1" called it) to ``show``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from console.profile import MIGRATIONS, check_profile, current_version, load_profile


def stage_to_show(root: yaml.MappingNode) -> yaml.MappingNode:
    for key, _ in root.value:
        if key.value == "stage":
            key.value = "show"
    return root


@pytest.fixture
def version_2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(MIGRATIONS, 1, stage_to_show)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "old.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_first_format_needs_no_migration() -> None:
    assert MIGRATIONS == {}
    assert current_version() == 1


@pytest.mark.usefixtures("version_2")
def test_an_older_profile_is_upgraded_in_memory_only(tmp_path: Path) -> None:
    text = "schema_version: 1\nstage:\n  title: Old show\nrooms: [{id: main}]\n"
    path = write(tmp_path, text)

    profile = load_profile(path)

    assert current_version() == 2
    assert profile.show.title == "Old show"
    assert profile.schema_version == 1
    assert path.read_text(encoding="utf-8") == text


@pytest.mark.usefixtures("version_2")
def test_a_profile_without_schema_version_counts_as_version_1(tmp_path: Path) -> None:
    path = write(tmp_path, "stage: {title: Old show}\nrooms: [{id: main}]\n")

    assert load_profile(path).show.title == "Old show"


@pytest.mark.usefixtures("version_2")
def test_problems_in_an_upgraded_profile_point_at_its_own_lines(tmp_path: Path) -> None:
    path = write(tmp_path, "schema_version: 1\nstage:\n  titel: Old show\nrooms: [{id: main}]\n")

    assert [str(p) for p in check_profile(path)] == [
        f"{path}:3:3: unknown key 'titel' (did you mean 'title'?)"
    ]


@pytest.mark.usefixtures("version_2")
def test_a_current_profile_is_not_migrated(tmp_path: Path) -> None:
    path = write(tmp_path, "schema_version: 2\nstage: {title: x}\nrooms: [{id: main}]\n")

    assert [p.message for p in check_profile(path)] == ["unknown key 'stage'"]


@pytest.mark.usefixtures("version_2")
def test_a_newer_profile_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "schema_version: 3\nrooms: [{id: main}]\n")

    assert [f"{p.line}:{p.col}: {p.message}" for p in check_profile(path)] == [
        "1:17: schema_version 3 was written by a newer console (this one reads up to 2); "
        "update the console"
    ]


def test_migrations_run_in_order_from_the_declared_version(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    ran: list[int] = []

    def step(version: int) -> Callable[[yaml.MappingNode], yaml.MappingNode]:
        def migrate(root: yaml.MappingNode) -> yaml.MappingNode:
            ran.append(version)
            return root

        return migrate

    for version in (1, 2, 3):
        monkeypatch.setitem(MIGRATIONS, version, step(version))

    load_profile(write(tmp_path, "schema_version: 2\nrooms: [{id: main}]\n"))

    assert ran == [2, 3]


@pytest.mark.parametrize(
    ("version", "message"),
    [
        ("one", "schema_version: expected an integer, got string 'one'"),
        ("0", "schema_version: expected an integer at least 1, got 0"),
    ],
)
def test_an_unusable_schema_version_is_reported(tmp_path: Path, version: str, message: str) -> None:
    path = write(tmp_path, f"schema_version: {version}\nrooms: [{{id: main}}]\n")

    assert [p.message for p in check_profile(path)] == [message]
