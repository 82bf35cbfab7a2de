"""Slide files on a machine other people use: private folders, and writes no symlink redirects.

Two pushers for the same room id (two consoles, or a test run beside a show) get folders of
their own; another local user who plants a symlink where a slide is written cannot make the
console write through it. Against the fake OBS of ``test_show_pusher``, with real files.
"""

from __future__ import annotations

import asyncio
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from console.show.slides import SlidePusher, default_output_dir
from tests.unit.show.samples import CEREAL, STEAK
from tests.unit.show.test_show_pusher import FakeObs, Run


@pytest.fixture
def run() -> Iterator[Run[Any]]:
    with asyncio.Runner() as runner:
        yield runner.run


@pytest.fixture
def runtime(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A runtime folder of this user's, as a login session has (mode 0700)."""
    folder = tmp_path / "runtime"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    return folder


def _on_disk(path: Path, image: QImage) -> bool:
    """Whether the file holds exactly ``image`` (PNG drops the premultiplied format)."""
    return QImage(str(path)).convertToFormat(image.format()) == image


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def test_two_pushers_for_one_room_write_to_private_folders_of_their_own(
    qapp: QApplication, runtime: Path, run: Run[Any]
) -> None:
    first = SlidePusher(FakeObs(), source="Slide", auto_refresh=False)
    second = SlidePusher(FakeObs(), source="Slide", auto_refresh=False)  # same room "main"
    try:
        assert first.output_dir != second.output_dir
        for pusher in (first, second):
            assert pusher.output_dir.parent == runtime
            assert pusher.output_dir.name.startswith("live-room-console-main-")
            assert _mode(pusher.output_dir) == 0o700
        steak = run(first.show(STEAK))
        cereal = run(second.show(CEREAL))
        assert steak.path.name == cereal.path.name  # the same name, in different folders
        assert _on_disk(steak.path, steak.image)  # the steak survived the cereal
        assert _on_disk(cereal.path, cereal.image)
        assert _mode(steak.path) == 0o600
    finally:
        run(first.close())
        run(second.close())
    assert not first.output_dir.exists() and not second.output_dir.exists()
    assert list(runtime.iterdir()) == []


def test_a_planted_symlink_is_replaced_not_written_through(
    qapp: QApplication, tmp_path: Path, run: Run[Any]
) -> None:
    folder = tmp_path / "slides"
    folder.mkdir()
    victim = tmp_path / "victim.png"
    victim.write_bytes(b"the real picture")
    for name in ("Slide-A.png", "Slide-B.png"):
        (folder / name).symlink_to(victim)
        # and at the temporary name a writer using its process id would pick
        (folder / f".{name}.{os.getpid()}.partial").symlink_to(victim)
    pusher = SlidePusher(FakeObs(), source="Slide", output_dir=folder, auto_refresh=False)
    try:
        pushed = [run(pusher.show(product)) for product in (STEAK, CEREAL)]
    finally:
        run(pusher.close())
    assert victim.read_bytes() == b"the real picture"
    for slide in pushed:
        assert not slide.path.is_symlink() and stat.S_ISREG(slide.path.lstat().st_mode)
        assert _on_disk(slide.path, slide.image)
    assert folder.exists()  # a folder the pusher was given is not removed
    leftovers = [p for p in folder.iterdir() if p.name.endswith(".partial")]
    assert all(p.is_symlink() for p in leftovers)  # only the planted ones


def test_a_runtime_folder_others_can_enter_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "open"
    shared.mkdir()
    shared.chmod(0o777)
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(shared))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    folder = default_output_dir("main")
    assert folder.parent == temp and _mode(folder) == 0o700
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "missing"))
    assert default_output_dir("main").parent == temp
    assert os.listdir(shared) == []
