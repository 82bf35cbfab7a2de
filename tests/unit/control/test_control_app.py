"""The console's start says where the control API serves, or why it is off, in the window's
status bar and on stdout (where a script that started the console reads it)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from console import app
from console.services import Console
from console.ui.main_window import MainWindow
from tests.harness.process import free_tcp_port
from tests.support import FAST
from tests.unit.control.control_show import TOKEN, RoomAt, request, write_show


def window_for(
    tmp_path: Path, qtbot: QtBot, control: dict[str, object]
) -> tuple[Console, MainWindow]:
    profile = write_show(tmp_path, [RoomAt("main", free_tcp_port())], control)
    console = Console(profile, FAST, log_actions=False, slides=False)
    window = MainWindow(console)
    qtbot.addWidget(window)
    return console, window


def status_texts(window: MainWindow) -> list[str]:
    return [label.text() for label in window.statusBar().findChildren(QLabel)]


def test_the_address_served_is_shown_and_printed(
    tmp_path: Path, qtbot: QtBot, capsys: pytest.CaptureFixture[str]
) -> None:
    console, window = window_for(tmp_path, qtbot, {"port": 0, "token": TOKEN})

    async def scenario() -> None:
        server = await app._start_control(console, window)
        assert server is not None
        try:
            assert f"control API {server.url}" in status_texts(window)
            assert capsys.readouterr().out == f"control API on {server.url}\n"
            assert (await request("GET", f"{server.url}/api/state")).status == 200
        finally:
            await server.stop()
            await console.close()

    asyncio.run(scenario())


def test_without_a_token_the_api_is_off_and_says_why(
    tmp_path: Path,
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CONSOLE_TEST_TOKEN", raising=False)
    console, window = window_for(tmp_path, qtbot, {"port": 0, "token_env": "CONSOLE_TEST_TOKEN"})

    async def scenario() -> None:
        assert await app._start_control(console, window) is None
        await console.close()

    asyncio.run(scenario())
    why = "no token: environment variable CONSOLE_TEST_TOKEN is not set (control.token_env)"
    assert f"control API off: {why}" in status_texts(window)
    assert capsys.readouterr().out == f"control API off: {why}\n"
