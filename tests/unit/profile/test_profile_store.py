"""Saving profiles: atomic replacement, rotating backups of the previous files, no invalid saves."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from console.profile import ProfileError, save_profile_text, save_text_atomic
from console.profile.store import BACKUPS, backup_path

GOOD = "rooms:\n  - id: main\n"
BETTER = "show: {title: Evening}\nrooms:\n  - id: main\n"


def leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".tmp"))


def test_a_new_file_is_written_without_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "demo.yaml"

    save_text_atomic(path, "标题: 京东超市\n")

    assert path.read_bytes() == "标题: 京东超市\n".encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.yaml"]


def test_the_previous_file_is_kept_as_bak_with_its_permissions(tmp_path: Path) -> None:
    path = tmp_path / "demo.yaml"
    path.write_text(GOOD, encoding="utf-8")
    path.chmod(0o640)

    save_text_atomic(path, BETTER)

    assert path.read_text(encoding="utf-8") == BETTER
    backup = tmp_path / "demo.yaml.bak.1"
    assert backup.read_text(encoding="utf-8") == GOOD
    assert path.stat().st_mode & 0o777 == backup.stat().st_mode & 0o777 == 0o640
    assert leftovers(tmp_path) == []


def test_a_failed_replace_leaves_the_profile_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "demo.yaml"
    path.write_text(GOOD, encoding="utf-8")
    real_replace = os.replace

    def replace_only_the_backup(src: Path, dst: Path) -> None:
        if Path(dst) == path:
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace_only_the_backup)

    with pytest.raises(OSError, match="No space left"):
        save_text_atomic(path, BETTER)

    assert path.read_text(encoding="utf-8") == GOOD
    assert leftovers(tmp_path) == []


def test_valid_profile_text_is_saved_and_returned_as_a_profile(tmp_path: Path) -> None:
    path = tmp_path / "demo.yaml"
    path.write_text(GOOD, encoding="utf-8")

    profile = save_profile_text(path, BETTER)

    assert profile.show.title == "Evening"
    assert path.read_text(encoding="utf-8") == BETTER
    assert (tmp_path / "demo.yaml.bak.1").read_text(encoding="utf-8") == GOOD


@pytest.mark.parametrize(
    "text",
    [
        "rooms:\n  - id: main\n    obs: {prot: 4455}\n",
        "rooms:\n  - id: 'main\n",
        "",
    ],
    ids=["invalid", "malformed", "empty"],
)
def test_text_that_does_not_validate_is_never_written(tmp_path: Path, text: str) -> None:
    path = tmp_path / "demo.yaml"
    path.write_bytes(GOOD.encode())
    before = path.stat()

    with pytest.raises(ProfileError) as caught:
        save_profile_text(path, text)

    assert all(problem.path == path for problem in caught.value.problems)
    assert path.read_bytes() == GOOD.encode()
    assert path.stat().st_mtime_ns == before.st_mtime_ns
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.yaml"]


def test_relative_files_are_checked_where_the_text_will_be_saved(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes(b"\x89PNG")
    text = "show: {logo: logo.png}\nrooms: [{id: main}]\n"

    assert save_profile_text(tmp_path / "demo.yaml", text).show.logo == tmp_path / "logo.png"
    with pytest.raises(ProfileError, match=r"file not found: logo\.png"):
        save_profile_text(tmp_path / "elsewhere" / "demo.yaml", text)


def test_backups_rotate_and_keep_the_last_generations(tmp_path: Path) -> None:
    path = tmp_path / "demo.yaml"
    versions = [
        f"show: {{title: Version {n}}}\nrooms: [{{id: main}}]\n" for n in range(BACKUPS + 3)
    ]
    for text in versions:
        save_text_atomic(path, text)

    assert path.read_text(encoding="utf-8") == versions[-1]
    kept = [backup_path(path, n).read_text(encoding="utf-8") for n in range(1, BACKUPS + 1)]
    assert kept == versions[-2 : -2 - BACKUPS : -1]  # .bak.1 the latest, .bak.5 the oldest
    assert not backup_path(path, BACKUPS + 1).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["demo.yaml", *(backup_path(path, n).name for n in range(1, BACKUPS + 1))]
    )
