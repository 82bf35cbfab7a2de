"""Fixtures for integration tests against a real OBS Studio under a private Xvfb.

Every test in this directory gets the ``obs`` marker. A missing OBS or Xvfb fails the tests
(never skips them): the README's test command installs both.
"""

from __future__ import annotations

import secrets
import shutil
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.harness import INSTALL_HINT, ObsProbe, ObsStudio, Xvfb  # pythonpath = ["."]
from tests.harness.process import log_tail

_HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if _HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.obs)


def _require(binary: str) -> None:
    if shutil.which(binary) is None:
        pytest.fail(f"'{binary}' is not installed. {INSTALL_HINT}", pytrace=False)


@pytest.fixture(scope="session")
def xvfb_display(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """DISPLAY of a private ``Xvfb`` (1920x1080x24, no TCP) shared by the whole session."""
    _require("Xvfb")
    server = Xvfb(log_path=tmp_path_factory.mktemp("xvfb") / "xvfb.log")
    display = server.start()
    try:
        yield display
    finally:
        server.stop()


def _new_obs(base_dir: Path, display: str) -> ObsStudio:
    _require("obs")
    return ObsStudio(base_dir, display, password=secrets.token_urlsafe(12))


def _stop_cleanly(studio: ObsStudio) -> None:
    """Stop OBS; an OBS still running that does not quit with 0 on SIGINT fails the test."""
    if not studio.running:  # a test killed or stopped it itself
        studio.stop()
        return
    code = studio.stop()
    if code == -signal.SIGSEGV and not studio.stop_was_forced:
        # OBS 29 itself sometimes crashes while quitting (seen with and without a console
        # connected, most often after a media source played): its own defect, at the end of
        # its life, after everything the test checked. Said in the test's output, not failed.
        print(f"OBS crashed while quitting (SIGSEGV); its log: {studio.log_path}")
        return
    if code != 0 or studio.stop_was_forced:
        forced = " (ignored SIGINT, SIGKILLed)" if studio.stop_was_forced else ""
        pytest.fail(
            f"OBS exited with code {code}{forced} on SIGINT at teardown"
            + log_tail(studio.log_path, title="OBS log"),
            pytrace=False,
        )


@pytest.fixture(scope="module")
def obs(tmp_path_factory: pytest.TempPathFactory, xvfb_display: str) -> Iterator[ObsStudio]:
    """One OBS per test module, started (websocket ready) and stopped with SIGINT after.

    Shared: tests must not kill it, and should leave it as they found it (scene, studio mode).
    """
    studio = _new_obs(tmp_path_factory.mktemp("obs"), xvfb_display)
    studio.start()
    try:
        yield studio
    finally:
        _stop_cleanly(studio)


@pytest.fixture
def obs_fresh(tmp_path: Path, xvfb_display: str) -> Iterator[ObsStudio]:
    """An OBS of the test's own, for destructive tests (SIGKILL, restart, quit)."""
    studio = _new_obs(tmp_path / "obs", xvfb_display)
    studio.start()
    try:
        yield studio
    finally:
        _stop_cleanly(studio)


@pytest.fixture(scope="module")
def obs_second(tmp_path_factory: pytest.TempPathFactory, xvfb_display: str) -> Iterator[ObsStudio]:
    """A second OBS per test module, for a show with two rooms."""
    studio = _new_obs(tmp_path_factory.mktemp("obs-second"), xvfb_display)
    studio.start()
    try:
        yield studio
    finally:
        _stop_cleanly(studio)


@pytest.fixture
def obs_probe(obs: ObsStudio) -> Iterator[ObsProbe]:
    """An independent obs-websocket client on the module's ``obs`` (all low-volume events)."""
    probe = obs.probe()
    try:
        yield probe
    finally:
        probe.close()
