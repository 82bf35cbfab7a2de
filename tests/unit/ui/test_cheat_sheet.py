"""F1: every binding of the demo show at a glance on a 1366x768 laptop, no scrolling."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from console.catalog import catalog
from console.profile import load_profile
from console.ui.hotkeys import CheatSheet

DEMO = Path(__file__).resolve().parents[3] / "profiles" / "demo.yaml"


def test_the_demo_shows_every_binding_without_scrolling_on_a_laptop(qtbot: QtBot) -> None:
    profile = load_profile(DEMO)
    owner = QWidget()
    qtbot.addWidget(owner)
    sheet = CheatSheet(profile.hotkeys, catalog().specs(), owner)
    sheet.resize(min(sheet.width(), 1366), min(sheet.height(), 768 - 40))
    sheet.show()
    qtbot.waitExposed(sheet)
    shown = sheet.bindings()
    assert {hotkey.key: hotkey.command for hotkey in profile.hotkeys}.items() <= shown.items()
    table = sheet.hotkey_table
    qtbot.waitUntil(lambda: table.verticalScrollBar().maximum() == 0)  # nothing to scroll
    assert table.horizontalScrollBar().maximum() == 0
    last_row = table.rowCount() - 1
    assert table.visualRect(table.model().index(last_row, 0)).bottom() <= table.viewport().height()
    sheet.close()
