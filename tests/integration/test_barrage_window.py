"""The barrage dock in the real window (no OBS needed): hotkeys act on the selected held
message, Up/Down move the selection, the feed pauses on hover, the numbers show; blocked
messages are listed and released, bans listed and lifted.

Here rather than in tests/unit: the window runs on the qasync loop (``drive``), which stays
the running loop for the rest of the session, after the unit tests' own ``asyncio.run``."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QEnterEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from console.barrage.message import Message
from console.barrage.service import BarrageService
from console.commands import ActionRecord
from console.services import Console
from console.ui.barrage_dock import BarrageDock
from console.ui.barrage_feed import FeedRole
from console.ui.main_window import MainWindow
from console.ui.review_view import TAG_ROLE
from tests.conftest import Drive
from tests.support import FAST
from tests.unit.barrage.barrage_show import write_show

HOTKEYS = """\
hotkeys:
  A: barrage.approve
  R: barrage.reject
  L: barrage.release
  Shift+B: barrage.ban
  P: barrage.pin
"""


@dataclass
class Show:
    console: Console
    service: BarrageService
    window: MainWindow
    dock: BarrageDock


@pytest.fixture
def show(tmp_path: Path, qtbot: QtBot, drive: Drive) -> Iterator[Show]:
    profile = write_show(tmp_path, hotkeys=HOTKEYS)
    console = Console(profile, FAST, log_actions=False)
    window = MainWindow(console)
    qtbot.addWidget(window)
    dock = window.barrage_dock
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(window.isActiveWindow)  # application hotkeys need an active window
    console.start()
    qtbot.waitUntil(lambda: dock.review_model.rowCount() == 2)
    yield Show(console, console.barrage, window, dock)
    drive(console.close())


def selected_row(show: Show) -> int:
    return show.dock.review_view.currentIndex().row()


def test_the_oldest_held_message_is_selected_in_the_review_queue(show: Show) -> None:
    assert show.window.feed.selected_id == "m3"
    assert selected_row(show) == 0
    assert "cat-name: 这个是垃圾吧" in show.dock.selected_label.text()


def test_approve_hotkey_approves_the_selected_held_message(show: Show, qtbot: QtBot) -> None:
    records: list[ActionRecord] = []
    show.console.registry.add_listener(records.append)
    qtbot.keyClick(show.window, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: show.service.moderator.status("m3") == "approved")
    qtbot.waitUntil(lambda: show.dock.review_model.rowCount() == 1)
    assert [(r.source, r.line, r.ok) for r in records] == [("hotkey A", "barrage.approve", True)]
    assert show.window.feed.selected_id == "m3"  # kept for pinning; no longer in the queue
    assert show.dock.review_view.selectionModel().selectedIndexes() == []


def test_reject_hotkey_moves_to_the_next_held_message(show: Show, qtbot: QtBot) -> None:
    qtbot.keyClick(show.window, Qt.Key.Key_R)
    qtbot.waitUntil(lambda: show.dock.review_model.rowCount() == 1)
    assert show.window.feed.selected_id == "m4" and selected_row(show) == 0


def test_up_and_down_move_the_review_selection(show: Show, qtbot: QtBot) -> None:
    show.dock.review_view.setFocus()
    records: list[ActionRecord] = []
    show.console.registry.add_listener(records.append)
    qtbot.keyClick(show.dock.review_view, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: len(records) == 1)
    assert show.window.feed.selected_id == "m4" and selected_row(show) == 1
    qtbot.keyClick(show.dock.review_view, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: len(records) == 2)
    assert show.window.feed.selected_id == "m4"  # stays on the last
    qtbot.keyClick(show.dock.feed_view, Qt.Key.Key_Up)  # anywhere in the dock
    qtbot.waitUntil(lambda: len(records) == 3)
    assert show.window.feed.selected_id == "m3" and selected_row(show) == 0
    # Through the registry, like every other operator action: in the action log.
    assert [(r.line, r.source) for r in records] == [
        ("barrage.select which=next", "key"),
        ("barrage.select which=next", "key"),
        ("barrage.select which=previous", "key"),
    ]


def test_up_and_down_in_the_palette_choose_its_rows_not_a_comment(show: Show, qtbot: QtBot) -> None:
    palette = show.window.command_palette
    palette.open()
    qtbot.keyClicks(palette.input, "barrage.pause")
    qtbot.keyClick(palette.input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: show.window.feed.paused)
    palette.open()
    qtbot.keyClick(palette.input, Qt.Key.Key_Down)
    chosen = palette.chosen()
    assert chosen is not None and chosen.line == "barrage.pause"  # the recent line first
    assert show.window.feed.selected_id == "m3"


def test_the_pin_hotkey_refuses_a_held_message_with_the_reason(show: Show, qtbot: QtBot) -> None:
    qtbot.keyClick(show.window, Qt.Key.Key_P)
    qtbot.waitUntil(lambda: "held for review" in show.window.last_action.text())
    assert show.window.last_action.property("alert") is True


def test_clicking_a_held_message_selects_it_and_shows_its_author(show: Show, qtbot: QtBot) -> None:
    view = show.dock.review_view
    rect = view.visualRect(show.dock.review_model.index(1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert show.window.feed.selected_id == "m4"
    panel = show.dock.user_panel
    assert panel.title.text().startswith("cat-name  (cat)")
    assert panel.messages.count() == 2


def feed_texts(show: Show) -> list[str]:
    proxy = show.dock.feed_filter
    return [str(proxy.index(row, 0).data()) for row in range(proxy.rowCount())]


def test_the_feed_shows_held_hides_blocked(show: Show, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: len(feed_texts(show)) == 7)
    shown = feed_texts(show)
    assert "cat-name: 垃圾主播" in shown
    assert not any("刷单" in text or "微信" in text for text in shown)


def test_the_feed_pauses_on_hover_and_counts_what_waits(show: Show, qtbot: QtBot) -> None:
    view = show.dock.feed_view
    qtbot.waitUntil(lambda: show.dock.feed_model.rowCount() == 9)
    inside = QPointF(view.rect().center())
    QApplication.sendEvent(view, QEnterEvent(inside, inside, view.mapToGlobal(inside)))
    assert show.dock.feed_model.paused
    for n in range(3):
        show.service.ingest.put(Message("test", "main", f"new{n}", "zed", "zed", "hi", 2000.0))
    qtbot.waitUntil(lambda: show.dock.new_button.text() == "3 new ↓")
    assert show.dock.new_button.isVisibleTo(show.dock) and show.dock.feed_model.rowCount() == 9
    show.dock.on_feed_hovered(False)
    assert show.dock.feed_model.rowCount() == 12 and not show.dock.new_button.isVisibleTo(show.dock)


def _follows(show: Show) -> bool:
    """The feed shows its newest row at the bottom."""
    view, proxy = show.dock.feed_view, show.dock.feed_filter
    newest = view.visualRect(proxy.index(proxy.rowCount() - 1, 0))
    return newest.top() >= 0 and newest.bottom() <= view.viewport().rect().bottom()


def _arrive(show: Show, *ids: str) -> None:
    for ident in ids:  # one viewer each, each their own words: none is held or blocked
        text = f"请问{ident}号链接还有货吗"
        show.service.ingest.put(Message("test", "main", ident, ident, ident, text, 2000.0))


@pytest.mark.parametrize("resume", ["new button", "hotkey"])
def test_a_clicked_message_does_not_stop_the_feed_following_once_resumed(
    show: Show, qtbot: QtBot, drive: Drive, resume: str
) -> None:
    dock, view = show.dock, show.dock.feed_view
    dock.resize(900, 300)  # fewer rows fit than arrive: following means scrolling
    qtbot.waitUntil(lambda: dock.feed_model.rowCount() == 9)
    if resume == "hotkey":
        drive(show.console.registry.run("barrage.pause", "test"))
    rect = view.visualRect(dock.feed_filter.index(0, 0))
    inside = QPointF(rect.center())
    QApplication.sendEvent(view, QEnterEvent(inside, inside, view.mapToGlobal(inside)))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert show.window.feed.selected_id is not None
    _arrive(show, *(f"while{n}" for n in range(30)))
    qtbot.waitUntil(lambda: dock.new_button.text() == "30 new ↓")
    if resume == "hotkey":
        drive(show.console.registry.run("barrage.resume", "test"))
    else:
        qtbot.mouseClick(dock.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dock.feed_model.rowCount() == 39)
    qtbot.waitUntil(lambda: _follows(show))
    # The pointer still rests on the clicked message: the feed keeps following.
    _arrive(show, *(f"after{n}" for n in range(30)))
    qtbot.waitUntil(lambda: dock.feed_model.rowCount() == 69)
    qtbot.waitUntil(lambda: _follows(show))
    assert not dock.feed_model.paused


def test_filter_command_narrows_the_feed(show: Show, qtbot: QtBot, drive: Drive) -> None:
    qtbot.waitUntil(lambda: len(feed_texts(show)) == 7)
    drive(show.console.registry.run("barrage.filter questions", "test"))
    assert feed_texts(show) == [
        "ann-name: 牛排多少钱？",
        "dan-name: 乐高多少钱",
        "gus-name: 发货快吗",
    ]
    assert show.dock.filter_box.currentData() == "questions"
    drive(show.console.registry.run("barrage.filter product lego", "test"))
    assert feed_texts(show) == ["dan-name: 乐高多少钱"]


def test_clicking_a_feed_row_selects_that_message(show: Show, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: len(feed_texts(show)) == 7)
    view = show.dock.feed_view
    index = show.dock.feed_filter.index(0, 0)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )
    assert show.window.feed.selected_id == index.data(FeedRole.MESSAGE_ID) == "m1"
    assert show.dock.review_view.selectionModel().selectedIndexes() == []


def test_stats_panel_shows_the_numbers(show: Show, qtbot: QtBot) -> None:
    show.dock.on_ticker_timeout()
    panel = show.dock.stats_panel
    assert panel.rate.text() == "9 msg/min · 9 received"
    assert panel.rules.text() == "held: rude 2   ·   blocked: contact 1 · spam 1"
    assert panel.questions.text().splitlines()[0] == "1×  牛排多少钱？"
    assert set(panel.chart.series) == {"steak", "lego"}
    assert not panel.chart.grab().isNull()


def test_source_line_shows_state_and_counters(show: Show, qtbot: QtBot) -> None:
    (line,) = show.dock.source_lines
    qtbot.waitUntil(lambda: "finished" in line.text())
    show.dock.on_ticker_timeout()
    assert line.text() == ("replay chat.jsonl: finished: end of recording · 9 received · 0 dropped")


def records_of(show: Show) -> list[ActionRecord]:
    records: list[ActionRecord] = []
    show.console.registry.add_listener(records.append)
    return records


def test_blocked_messages_are_listed_with_their_rule_and_span(show: Show, qtbot: QtBot) -> None:
    model = show.dock.blocked_model
    qtbot.waitUntil(lambda: model.rowCount() == 2)
    rows = [model.index(row) for row in range(model.rowCount())]
    assert [index.data() for index in rows] == ["bob-name: 加我微信 abc12345", "eve-name: 刷单日结"]
    assert [index.data(TAG_ROLE) for index in rows] == ["contact", "spam"]
    marked = [str(index.data())[slice(*index.data(FeedRole.HIGHLIGHT))] for index in rows]
    assert marked == ["微信", "刷单"]
    assert show.dock.tabs.tabText(1) == "Bloc&ked · 2"
    assert not show.dock.blocked_view.grab().isNull()


def test_the_keyboard_releases_a_blocked_message_back_to_the_feed(show: Show, qtbot: QtBot) -> None:
    dock, window = show.dock, show.window
    qtbot.waitUntil(lambda: dock.blocked_model.rowCount() == 2)
    qtbot.waitUntil(lambda: len(feed_texts(show)) == 7)
    records = records_of(show)
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dock.tabs.currentWidget() is dock.blocked_pane)
    assert window.feed.selected_id == "m6"  # the newest blocked one
    assert dock.blocked_view.currentIndex().row() == 1
    dock.blocked_view.setFocus()
    qtbot.keyClick(dock.blocked_view, Qt.Key.Key_Up)
    qtbot.waitUntil(lambda: window.feed.selected_id == "m2")
    assert dock.blocked_view.currentIndex().row() == 0
    qtbot.keyClick(window, Qt.Key.Key_L)
    qtbot.waitUntil(lambda: dock.blocked_model.rowCount() == 1)
    assert show.service.moderator.status("m2") == "released"
    assert "released · pass (released)" in dock.selected_label.text()
    qtbot.waitUntil(lambda: feed_texts(show)[-1] == "bob-name: 加我微信 abc12345")
    qtbot.keyClick(window, Qt.Key.Key_P)  # pinnable now: only the missing OBS refuses
    qtbot.waitUntil(lambda: len(records) == 3)
    assert [(r.source, r.line, r.ok) for r in records] == [
        ("key", "barrage.select which=previous", True),
        ("hotkey L", "barrage.release", True),
        ("hotkey P", "barrage.pin", False),
    ]
    assert "not connected" in records[-1].result
    dock.on_ticker_timeout()
    assert dock.stats_panel.rules.text() == (
        "held: rude 2   ·   blocked: contact 1 (1 false alarm) · spam 1"
    )


def test_the_release_button_releases_the_selected_blocked_message(show: Show, qtbot: QtBot) -> None:
    dock = show.dock
    qtbot.waitUntil(lambda: dock.blocked_model.rowCount() == 2)
    dock.tabs.setCurrentWidget(dock.blocked_pane)
    records = records_of(show)
    view = dock.blocked_view
    rect = view.visualRect(dock.blocked_model.index(0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert show.window.feed.selected_id == "m2"
    qtbot.mouseClick(dock.blocked_pane.release_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(records) == 1)
    assert [(r.source, r.line, r.ok) for r in records] == [("button", "barrage.release", True)]
    qtbot.waitUntil(lambda: dock.blocked_model.rowCount() == 1)
    assert dock.tabs.tabText(1) == "Bloc&ked · 1"


def test_bans_are_listed_and_the_unban_button_lifts_one(show: Show, qtbot: QtBot) -> None:
    dock, window = show.dock, show.window
    bans = dock.bans_pane
    assert bans.view.topLevelItemCount() == 0 and not bans.unban_button.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: bans.view.topLevelItemCount() == 1)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dock.tabs.currentWidget() is bans)
    item = bans.view.topLevelItem(0)
    assert item is not None
    (ban,) = show.service.decisions.bans()
    stamp = time.strftime("%H:%M:%S", time.localtime(ban.at))
    assert [item.text(n) for n in range(3)] == ["cat-name (test:cat)", stamp, "这个是垃圾吧"]
    assert dock.tabs.tabText(2) == "Ba&ns · 1"
    records = records_of(show)
    qtbot.mouseClick(bans.unban_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bans.view.topLevelItemCount() == 0)
    assert [(r.source, r.line, r.ok) for r in records] == [
        ("button", "barrage.unban user=test:cat", True)
    ]
    assert dock.tabs.tabText(2) == "Ba&ns · 0"


def test_delete_in_the_ban_list_lifts_the_selected_ban(
    show: Show, qtbot: QtBot, drive: Drive
) -> None:
    bans = show.dock.bans_pane
    drive(show.console.registry.run("barrage.ban m3", "test"))
    drive(show.console.registry.run("barrage.ban m1", "test"))
    show.dock.tabs.setCurrentWidget(bans)
    qtbot.waitUntil(lambda: bans.view.topLevelItemCount() == 2)
    assert bans.selected_user() == "test:ann"  # the newest first
    bans.view.setFocus()
    qtbot.keyClick(bans.view, Qt.Key.Key_Down)  # Up/Down move in the tab shown
    assert bans.selected_user() == "test:cat"
    qtbot.keyClick(bans.view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: bans.view.topLevelItemCount() == 1)
    assert [ban.user for ban in show.service.decisions.bans()] == ["test:ann"]
    assert bans.selected_user() == "test:ann"


def test_unban_without_a_user_lifts_the_selected_authors_ban(
    show: Show, qtbot: QtBot, drive: Drive
) -> None:
    drive(show.console.registry.run("barrage.ban m3", "test"))
    show.window.feed.select("m4")
    palette = show.window.command_palette
    palette.open()
    qtbot.keyClicks(palette.input, "barrage.unban")
    qtbot.keyClick(palette.input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: show.service.decisions.bans() == ())
    assert show.window.last_action.text() == "✓ barrage.unban · unbanned cat-name (test:cat)"
