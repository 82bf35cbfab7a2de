"""Global hotkeys in the window without an X server: why they are unavailable, said in the
status bar while the in-window keys go on, and a global press that fires exactly once.

The listener's side of a press is what pynput's thread calls (``GlobalKeys.actions``),
called here from a thread of the test's own; tests/integration/test_global_hotkeys.py
presses real keys on a real X server.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from qasync import QEventLoop

from console.commands import ActionRecord
from console.ui.global_keys import XFocus, pynput_hotkey, unavailable_reason
from console.ui.main_window import MainWindow
from tests.conftest import Drive
from tests.unit.ui.rooms import connected_rooms, open_window

GLOBAL = "  Ctrl+Alt+P: {command: scene.program Product, global: true}\n"


def _window(tmp_path: Path, qtbot: QtBot) -> tuple[MainWindow, list[ActionRecord]]:
    return open_window(connected_rooms(tmp_path, 1, extra_hotkeys=GLOBAL), qtbot, shown=False)


def _press_globally(window: MainWindow, drive: Drive, x_focus: XFocus = None) -> None:
    """Ctrl+Alt+P as pynput's thread reports it, and everything it started run to the end."""
    (hotkey,) = [h for h in window.profile.hotkeys if h.is_global]
    actions = window.global_keys.actions([hotkey], lambda: x_focus)
    press = threading.Thread(target=actions["<ctrl>+<alt>+p"])
    press.start()
    press.join()

    async def settled() -> None:  # the hand-over was queued before this task's first step
        await window.dispatcher.drain()

    drive(settled())
    drive(window.dispatcher.drain())


def _show(window: MainWindow, qtbot: QtBot) -> None:
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(window.isActiveWindow)


@pytest.mark.parametrize(
    ("environ", "reason"),
    [
        ({}, "no X display (DISPLAY is not set)"),
        ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, "a Wayland session lets no program"),
        ({"DISPLAY": ":0", "XDG_SESSION_TYPE": "wayland"}, "a Wayland session lets no program"),
    ],
)
def test_a_session_without_x_has_no_global_hotkeys_and_says_why(
    environ: dict[str, str], reason: str
) -> None:
    said = unavailable_reason(environ, "linux")
    assert said is not None and said.startswith(reason)
    assert unavailable_reason(environ, "win32") is None  # pynput hooks the keyboard there


def test_without_a_display_the_window_says_so_and_its_own_keys_still_work(
    tmp_path: Path,
    qtbot: QtBot,
    aloop: QEventLoop,
    drive: Drive,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "XDG_SESSION_TYPE"):
        monkeypatch.delenv(name, raising=False)
    window, records = _window(tmp_path, qtbot)
    _show(window, qtbot)
    said = drive(window.global_keys.start(window.profile.hotkeys))
    assert said == (
        "global hotkeys unavailable: no X display (DISPLAY is not set); in-window keys work"
    )
    assert window.global_keys_label.text() == said
    assert window.global_keys_label.property("alert") is True
    qtbot.keyClick(
        window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    )
    qtbot.waitUntil(lambda: [r.source for r in records] == ["hotkey Ctrl+Alt+P"])
    window.close()


def test_an_x_display_nobody_serves_is_named_with_why(
    tmp_path: Path,
    qtbot: QtBot,
    aloop: QEventLoop,
    drive: Drive,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    number = next(n for n in range(90, 200) if not os.path.exists(f"/tmp/.X11-unix/X{n}"))
    monkeypatch.setenv("DISPLAY", f":{number}")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("XDG_SESSION_TYPE", raising=False)
    window, _ = _window(tmp_path, qtbot)
    said = drive(window.global_keys.start(window.profile.hotkeys))
    assert said.startswith(f"global hotkeys unavailable: cannot open the X display :{number}: ")
    assert said.endswith("; in-window keys work")
    window.close()


def test_a_profile_without_global_bindings_says_nothing(
    tmp_path: Path, qtbot: QtBot, aloop: QEventLoop, drive: Drive
) -> None:
    console = connected_rooms(tmp_path, 1)
    window = MainWindow(console)
    qtbot.addWidget(window)
    assert drive(window.global_keys.start(console.profile.hotkeys)) == ""
    assert window.global_keys_label.text() == ""
    window.close()


def test_with_the_console_in_front_a_global_binding_fires_once(
    tmp_path: Path, qtbot: QtBot, aloop: QEventLoop, drive: Drive
) -> None:
    """The key reaches the window (its shortcut fires) and the listener (dropped)."""
    window, records = _window(tmp_path, qtbot)
    _show(window, qtbot)
    qtbot.keyClick(
        window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    )
    _press_globally(window, drive)
    assert [r.source for r in records] == ["hotkey Ctrl+Alt+P"]
    window.close()


def test_x_says_which_window_has_the_keys(
    tmp_path: Path, qtbot: QtBot, aloop: QEventLoop, drive: Drive
) -> None:
    """On X11 the window that had the keyboard at the press decides, not Qt's late word."""
    window, records = _window(tmp_path, qtbot)
    _show(window, qtbot)
    ours = int(window.windowHandle().winId())
    _press_globally(window, drive, x_focus=(ours,))  # the console had them: its shortcut
    assert records == []
    _press_globally(window, drive, x_focus=(ours + 1_000_003, 7))  # another program had them
    assert [(r.source, r.line) for r in records] == [("global Ctrl+Alt+P", "scene.program Product")]
    window.close()


def test_with_another_application_in_front_the_global_binding_fires(
    tmp_path: Path, qtbot: QtBot, aloop: QEventLoop, drive: Drive
) -> None:
    window, records = _window(tmp_path, qtbot)  # never shown: no window of ours has focus
    _press_globally(window, drive)
    assert [(r.source, r.line) for r in records] == [("global Ctrl+Alt+P", "scene.program Product")]
    window.close()


def test_a_press_of_a_stopped_listener_is_dropped(
    tmp_path: Path, qtbot: QtBot, aloop: QEventLoop, drive: Drive
) -> None:
    window, records = _window(tmp_path, qtbot)
    (hotkey,) = [h for h in window.profile.hotkeys if h.is_global]
    late = window.global_keys.actions([hotkey], lambda: None)["<ctrl>+<alt>+p"]
    window.global_keys.stop()  # a rebinding or the window closing
    press = threading.Thread(target=late)
    press.start()
    press.join()
    drive(window.dispatcher.drain())
    assert records == []
    window.close()


@pytest.mark.parametrize(
    ("key", "platform", "written"),
    [
        ("F3", "linux", "<f3>"),
        ("Ctrl+Shift+F5", "linux", "<ctrl>+<shift>+<f5>"),
        ("Meta+Ctrl+Alt+Shift+X", "linux", "<cmd>+<ctrl>+<alt>+<shift>+x"),
        ("Ctrl+PgDown", "win32", "<ctrl>+<page_down>"),
        ("Alt+Esc", "linux", "<alt>+<esc>"),
        ("Ctrl+1", "linux", "<ctrl>+1"),
        ("Ctrl+K", "darwin", "<cmd>+k"),  # Qt's Ctrl is the Command key on macOS
        ("Meta+K", "darwin", "<ctrl>+k"),
    ],
)
def test_keys_are_written_as_pynput_reads_them(key: str, platform: str, written: str) -> None:
    assert pynput_hotkey(key, platform) == written
