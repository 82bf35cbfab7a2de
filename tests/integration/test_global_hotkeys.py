"""A global hotkey under Xvfb with the focus in another window: a real console process on
the harness's X server, another X client (xmessage) in front, keys sent with xdotool as a
keyboard sends them (XTEST), and the cut read back from OBS."""

from __future__ import annotations

import json
import signal
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest
from pytestqt.qtbot import QtBot

from console.actionlog import log_path
from console.profile import global_refusal
from console.profile.keys import NAMED_KEYS, PUNCTUATION
from console.ui.global_keys import pynput_hotkey
from tests.conftest import Drive
from tests.harness import ObsProbe, ObsStudio
from tests.harness.process import log_tail
from tests.integration.test_control_process import next_event
from tests.unit.control.control_show import TOKEN, RoomAt, show_yaml
from tests.x_keys import XKeysError, focus, other_application, read_lines, start_console, xdotool

STARTS_WITHIN = 60.0
STOPS_WITHIN = 20.0
TITLE = "Global keys show"

HOTKEYS = """\
hotkeys:
  F2: {command: scene.program Opening, global: true}
  F3: {command: scene.program Host, global: true}
  F4: {command: scene.program Product, global: true}
  F5: scene.program Break   # in-window only
"""


@dataclass
class Running:
    """The console process, its X display, its API and where it writes its actions."""

    process: subprocess.Popen[bytes]
    display: str
    url: str
    actions: Path
    stderr: Path

    def sources(self) -> list[tuple[str, str, bool]]:
        """(trigger, command, ok) of every action the console has logged."""
        if not self.actions.exists():
            return []
        lines = self.actions.read_text(encoding="utf-8").splitlines()
        return [(e["source"], e["command"], e["ok"]) for e in map(json.loads, lines)]


@pytest.fixture
def console(tmp_path: Path, obs: ObsStudio, xvfb_display: str) -> Iterator[Running]:
    """``python main.py PROFILE`` with its window on the harness's X server, connected to
    the module's OBS, its global hotkeys listening."""
    profile = tmp_path / "show.yaml"
    control = {"port": 0, "token_env": "CONSOLE_TOKEN"}
    rooms = [RoomAt("main", obs.port, obs.password)]
    profile.write_text(show_yaml(rooms, control, HOTKEYS, title=TITLE), encoding="utf-8")
    stderr = tmp_path / "console.stderr"
    child = start_console(profile, xvfb_display, {"CONSOLE_TOKEN": TOKEN}, stderr)
    assert child.stdout is not None
    try:
        prefixes = (b"control API on ", b"global hotkeys ")
        try:
            said = read_lines(child.stdout, prefixes, STARTS_WITHIN, stderr)
        except XKeysError as exc:
            pytest.fail(str(exc), pytrace=False)
        assert said[b"global hotkeys "] == "on: F2 F3 F4"
        actions = log_path(tmp_path / "logs", TITLE)
        yield Running(child, xvfb_display, said[b"control API on "], actions, stderr)
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()
        child.stdout.close()


@pytest.fixture
def other_window(xvfb_display: str, tmp_path: Path) -> Iterator[str]:
    """Another application's window on the same X server (xmessage); its instance name."""
    name = f"other-{tmp_path.name}"
    try:
        with other_application(xvfb_display, name):
            yield name
    except XKeysError as exc:
        pytest.fail(str(exc), pytrace=False)


def _program_became(probe: ObsProbe, scene: str) -> bool:
    return any(
        event.data["sceneName"] == scene for event in probe.events("CurrentProgramSceneChanged")
    )


def test_a_global_hotkey_cuts_in_obs_while_another_window_has_the_keys_and_fires_once(
    console: Running,
    other_window: str,
    obs_probe: ObsProbe,
    qtbot: QtBot,
    drive: Drive,
) -> None:
    obs_probe.set_program("Break")

    async def connected() -> None:
        async with (
            aiohttp.ClientSession() as session,
            session.ws_connect(f"{console.url}/api/events?token={TOKEN}") as ws,
        ):
            await next_event(ws, {"id": "main", "link": {"state": "connected", "reason": ""}})

    drive(connected())
    display = console.display

    focus(display, "--classname", other_window)
    xdotool(display, "key", "F4")
    qtbot.waitUntil(lambda: _program_became(obs_probe, "Product"), timeout=10_000)
    assert obs_probe.program_scene() == "Product"  # OBS's own word
    qtbot.waitUntil(lambda: ("global F4", "scene.program Product", True) in console.sources())

    # The console in front: its own shortcut fires, the listener's press is dropped.
    focus(display, "--name", f"^{TITLE} .* Live Room Console$")
    xdotool(display, "key", "F3")
    qtbot.waitUntil(lambda: _program_became(obs_probe, "Host"), timeout=10_000)

    # Back in the other window: an in-window binding does nothing there, a global one
    # fires. Its press comes after the two above through the same listener and the same
    # OBS link, so a second F3 would be in the log before it.
    focus(display, "--classname", other_window)
    xdotool(display, "key", "F5", "F2")
    qtbot.waitUntil(lambda: _program_became(obs_probe, "Opening"), timeout=10_000)
    qtbot.waitUntil(lambda: len(console.sources()) >= 3)
    assert console.sources() == [
        ("global F4", "scene.program Product", True),
        ("hotkey F3", "scene.program Host", True),
        ("global F2", "scene.program Opening", True),
    ]

    console.process.send_signal(signal.SIGINT)
    try:
        code = console.process.wait(STOPS_WITHIN)
    except subprocess.TimeoutExpired:
        pytest.fail("the console ignored SIGINT" + log_tail(console.stderr))
    errors = console.stderr.read_text(encoding="utf-8")
    assert code == 0, errors
    assert "Traceback" not in errors


def test_every_key_that_may_be_global_is_one_pynput_can_watch(
    xvfb_display: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The profile's rule and pynput's own reading of the keys, on a real X server."""
    monkeypatch.setenv("DISPLAY", xvfb_display)
    from pynput.keyboard import HotKey  # connects to the display as it is imported

    keys = [f"F{n}" for n in range(2, 21)] + [f"Shift+F{n}" for n in range(2, 21)]
    keys += [f"Ctrl+{name}" for name in sorted(set(NAMED_KEYS.values()))]
    keys += [f"Alt+{c}" for c in "ABCXYZ0189"] + [f"Ctrl+{c}" for c in sorted(PUNCTUATION)]
    keys += ["Meta+Ctrl+Alt+Shift+X", "Ctrl+Shift+H", "Ctrl+Shift+PgDown"]
    assert all(global_refusal(key) is None for key in keys)
    for key in keys:
        assert HotKey.parse(pynput_hotkey(key)), key
