"""The console window: room panels, command bar, action log dock and status bar."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from console.actionlog import ActionLog
from console.commands import ActionRecord
from console.services import Console
from console.ui.action_log_view import ActionLogModel, ActionLogView
from console.ui.barrage_dock import BarrageDock
from console.ui.command_bar import CommandBar
from console.ui.follow import follow
from console.ui.hotkeys import CHEAT_SHEET_KEYS, COMMAND_BAR_KEYS, CheatSheet, bind_hotkeys
from console.ui.room_panel import RoomPanel
from console.ui.show_dock import ShowPanel
from console.ui.status_line import RoomStatus
from console.ui.theme import mark, named


class MainWindow(QMainWindow):
    """Built from a validated profile and the running services; holds no service logic."""

    def __init__(self, console: Console) -> None:
        super().__init__()
        profile, rooms, registry, action_log = (
            console.profile,
            console.rooms,
            console.registry,
            console.action_log,
        )
        self.profile = profile
        self.rooms = rooms
        self.registry = registry
        self.dispatcher = console.dispatcher
        self.setWindowTitle(f"{profile.show.title} — Live Room Console")
        self.resize(1440, 860)  # the app fills the screen; this is for tests and tools

        hints = {hotkey.command: hotkey.key for hotkey in profile.hotkeys}
        central = QWidget(self)
        self.panels = {
            room.id: RoomPanel(room, rooms.states[room.id], self.fire, hints, central)
            for room in profile.rooms
        }
        self.command_bar = CommandBar(registry.specs(), self.fire, central)
        panel_row = QHBoxLayout()
        for panel in self.panels.values():
            panel_row.addWidget(panel, 1)
        self.clock = named(QLabel(central), "clock")
        header = QHBoxLayout()
        header.addWidget(named(QLabel(profile.show.title, central), "showTitle"))
        header.addStretch(1)
        hint = QLabel("F1 hotkeys · Ctrl+K command", central)
        hint.setProperty("dim", True)
        header.addWidget(hint)
        header.addWidget(self.clock)
        self.last_action = named(QLabel(central), "lastAction")
        layout = QVBoxLayout(central)
        layout.addLayout(header)
        layout.addLayout(panel_row, 1)
        layout.addWidget(self.last_action)
        layout.addWidget(self.command_bar)
        self.setCentralWidget(central)

        self.log_model = ActionLogModel(self)
        for record in action_log.recent:
            self.log_model.append(record)
        self.log_model.flush()
        self.log_view = ActionLogView(self.log_model, self)
        dock = QDockWidget("Action log", self)
        dock.setObjectName("actionLogDock")
        dock.setWidget(self.log_view)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        self.resizeDocks([dock], [520], Qt.Orientation.Horizontal)

        self.show_panel = ShowPanel(console.show, self.fire, lambda: self.rooms.selected, self)
        show_dock = QDockWidget("Show · products, slide, rundown", self)
        show_dock.setObjectName("showDock")
        show_dock.setWidget(self.show_panel)
        show_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, show_dock)
        self.tabifyDockWidget(dock, show_dock)
        show_dock.raise_()
        self.barrage_dock = BarrageDock(console.barrage, self.fire, hints, self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.barrage_dock)
        self.resizeDocks([self.barrage_dock], [340], Qt.Orientation.Vertical)

        self.room_status = {
            room.id: RoomStatus(room.id, rooms.states[room.id], self) for room in profile.rooms
        }
        for label in self.room_status.values():
            self.statusBar().addWidget(label)

        self.hotkeys = bind_hotkeys(self, profile.hotkeys, self.fire)
        self.cheat_sheet = CheatSheet(profile.hotkeys, registry.specs(), self)
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._connect_signals(action_log)
        self.on_room_selected(rooms.selected)
        self.on_ticker_timeout()

    def _connect_signals(self, action_log: ActionLog) -> None:
        follow(self, action_log.subscribe(self.on_action_recorded))
        follow(self, self.rooms.on_selection(self.on_room_selected))
        for key in CHEAT_SHEET_KEYS:
            _window_shortcut(self, key).activated.connect(self.cheat_sheet.show)
        for key in COMMAND_BAR_KEYS:
            _window_shortcut(self, key).activated.connect(self.on_command_bar_wanted)
        self._ticker.timeout.connect(self.on_ticker_timeout)
        self._ticker.start()

    def fire(self, line: str, source: str) -> None:
        self.dispatcher.fire(line, source)

    # -- slots ----------------------------------------------------------------------------

    def on_action_recorded(self, record: ActionRecord) -> None:
        self.log_model.append(record)
        if not record.ok:
            self.last_action.setText(f"✗ {record.line}: {record.result}")
            mark(self.last_action, "alert", True)
        else:
            self.last_action.setText(f"✓ {record.line}")
            mark(self.last_action, "alert", False)

    def on_room_selected(self, room_id: str) -> None:
        for panel_id, panel in self.panels.items():
            panel.set_selected(panel_id == room_id and len(self.panels) > 1)

    def on_command_bar_wanted(self) -> None:
        self.command_bar.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.command_bar.selectAll()

    def on_ticker_timeout(self) -> None:
        self.clock.setText(time.strftime("%H:%M:%S"))
        for panel in self.panels.values():
            panel.tick()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._ticker.stop()
        self.cheat_sheet.close()
        super().closeEvent(event)


def _window_shortcut(window: QWidget, key: str) -> QShortcut:
    shortcut = QShortcut(QKeySequence(key), window)
    shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
    return shortcut
