"""The console window: room panels, command palette, action log dock and status bar."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any, Protocol

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QStackedWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from console.actionlog import ActionLog
from console.commands import ActionRecord, CommandError, Context, ErrorCode, Result
from console.observers import Unsubscribe
from console.profile import Hotkey, Profile
from console.services import Console
from console.tasks import TaskSet
from console.text import Text
from console.ui.action_log_view import ActionLogModel, ActionLogView
from console.ui.barrage_dock import BarrageDock
from console.ui.elided import ElidedLabel
from console.ui.feed_state import FeedState
from console.ui.feed_state import bind as bind_feed
from console.ui.follow import follow
from console.ui.global_keys import GlobalKeys, XFocus
from console.ui.hotkeys import (
    CHEAT_SHEET_KEYS,
    LANGUAGE_KEYS,
    PALETTE_KEYS,
    CheatSheet,
    bind_hotkeys,
)
from console.ui.language import (
    LANGUAGES,
    NAMES,
    Language,
    TranslationUnavailable,
    language_changed,
    language_of,
    shown,
)
from console.ui.palette import TRIGGER as PALETTE_TRIGGER
from console.ui.palette import Palette
from console.ui.rebind import RebindDialog
from console.ui.room_panel import RoomPanel
from console.ui.show_dock import ShowPanel
from console.ui.status_line import RoomStatus
from console.ui.theme import mark, named


class MainWindow(QMainWindow):
    """Built from a validated profile and the running services; holds no service logic."""

    def __init__(self, console: Console, language: Language | None = None) -> None:
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
        self.language = language or Language()
        self.resize(1440, 860)  # the app fills the screen; this is for tests and tools
        # The room the operator works in: commands without room= act on it. The window's
        # own, passed in each command's context; set by focus, clicks and room.select.
        self.working_room = rooms.ids[0]
        self._forced = False  # close_now(): quit without asking
        self._show_keys_focus: QWidget | None = None  # where the keys go back after typing
        barrage = console.barrage
        self.feed = FeedState(barrage.moderator, barrage.review, console.products)
        bind_feed(registry, self.feed)
        registry.bind("room.select", self.on_room_select_command)
        registry.bind("window.language", self.on_language_command)
        self._last_record: ActionRecord | None = None

        keys = {hotkey.key: hotkey.invocation for hotkey in profile.hotkeys}
        central = QWidget(self)
        self.panels = {room.id: RoomPanel(room, self.fire, keys, central) for room in rooms}
        panel_row = QHBoxLayout()
        for panel in self.panels.values():
            panel_row.addWidget(panel, 1)
        self.clock = named(QLabel(central), "clock")
        header = QHBoxLayout()
        header.addWidget(named(QLabel(profile.show.title, central), "showTitle"))
        header.addStretch(1)
        hint = self.hint = QLabel(central)
        hint.setProperty("dim", True)
        hint.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # Where the keys go, unmistakably: into a text field, single-key hotkeys are text.
        self.typing_banner = named(QLabel(central), "typingBanner")
        # The banner takes the hint's place, in a slot as wide as the wider of the two: the
        # header never changes size, so the room columns and the docks stay put as one types.
        self.keys_slot = QStackedWidget(central)
        self.keys_slot.addWidget(hint)
        self.keys_slot.addWidget(self.typing_banner)
        header.addWidget(self.keys_slot)
        header.addWidget(self.clock)
        # One line, elided (the whole outcome in its tooltip and the action log): a long
        # error or result neither widens the window past the screen nor makes it taller.
        self.last_action = named(ElidedLabel(parent=central), "lastAction")
        layout = QVBoxLayout(central)
        layout.addLayout(header)
        layout.addLayout(panel_row, 1)
        layout.addWidget(self.last_action)
        self.setCentralWidget(central)

        self.log_model = ActionLogModel(self)
        for record in action_log.recent:
            self.log_model.append(record)
        self.log_model.flush()
        self.log_view = ActionLogView(self.log_model, self)
        dock = self.log_dock = QDockWidget(self)
        dock.setObjectName("actionLogDock")
        dock.setWidget(self.log_view)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        self.resizeDocks([dock], [520], Qt.Orientation.Horizontal)

        self.show_panel = ShowPanel(console.show, self.fire, lambda: self.working_room, self)
        show_dock = self.show_dock = QDockWidget(self)
        show_dock.setObjectName("showDock")
        show_dock.setWidget(self.show_panel)
        show_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, show_dock)
        self.tabifyDockWidget(dock, show_dock)
        show_dock.raise_()
        plain = _plain_keys(profile.hotkeys)
        self.barrage_dock = BarrageDock(console.barrage, self.feed, self.fire, plain, self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.barrage_dock)
        self.resizeDocks([self.barrage_dock], [340], Qt.Orientation.Vertical)

        self.room_status = {room.id: RoomStatus(room.id, room.state, self) for room in rooms}
        for label in self.room_status.values():
            self.statusBar().addWidget(label)
        # A log that cannot be written (a full disk) is said once, in red, until it works.
        self.log_problem = named(QLabel(self), "logProblem")
        self.log_problem.setVisible(False)
        self.statusBar().addPermanentWidget(self.log_problem)
        self.control_status = QLabel(self)  # the control API's address, or why it is off
        self.statusBar().addPermanentWidget(self.control_status)
        self._control_text = ""
        self._log_problems: dict[str, str] = {}
        self._logs: list[tuple[str, ProblemSource]] = [("action log", action_log)]
        if console.barrage.log is not None:
            self._logs.append(("barrage log", console.barrage.log))

        self.command_palette = Palette(
            console, self.fire_line, self.return_to_show_keys, lambda: self.working_room, self
        )
        self.hotkeys = bind_hotkeys(self, profile.hotkeys, self.on_hotkey_pressed)
        self.cheat_sheet = CheatSheet(profile.hotkeys, registry.specs(), self)
        # Started by the app (a test's window has none): keys marked global, from any window.
        self.global_keys = GlobalKeys(
            self.on_global_hotkey_pressed, _console_has_keys, self.on_global_keys_status
        )
        self.global_keys_label = named(ElidedLabel(parent=self), "globalKeys")
        self._global_keys_text = ""
        self.statusBar().addWidget(self.global_keys_label, 1)
        self._rebinding = TaskSet()
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._connect_signals(action_log)
        self.retranslate()
        self._show_working_room()
        self.on_ticker_timeout()

    def retranslate(self) -> None:
        """Set every text this window holds itself in the current language."""
        self.setWindowTitle(
            self.tr("{title} — Live Room Console").format(title=self.profile.show.title)
        )
        self.hint.setText(
            self.tr("F1 hotkeys · Ctrl+K commands · {keys} 中文/English").format(
                keys=" / ".join(LANGUAGE_KEYS)
            )
        )
        self.typing_banner.setText(
            self.tr("⌨ TYPING — keys go into the text field · Esc gives them back")
        )
        self.log_dock.setWindowTitle(self.tr("Action log"))
        self.show_dock.setWindowTitle(self.tr("Show · products, slide, rundown"))
        if self._last_record is not None:
            self.on_action_recorded(self._last_record, logged=True)
        self._show_log_problems()
        self.control_status.setText(shown(self._control_text))
        self.global_keys_label.setText(shown(self._global_keys_text))

    def show_control(self, text: str) -> None:
        """Say in the status bar where the control API listens, or why it is off."""
        self._control_text = text
        self.control_status.setText(shown(text))

    def changeEvent(self, event: QEvent) -> None:
        if language_changed(event):
            self.retranslate()
        super().changeEvent(event)

    def _connect_signals(self, action_log: ActionLog) -> None:
        follow(self, action_log.subscribe(self.on_action_recorded))
        for name, logged in self._logs:
            follow(self, logged.on_problem(partial(self.on_log_problem, name)))
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self.on_focus_changed)
        for key in CHEAT_SHEET_KEYS:
            _window_shortcut(self, key).activated.connect(self.cheat_sheet.show)
        for key in PALETTE_KEYS:
            _window_shortcut(self, key).activated.connect(self.command_palette.open)
        for key in LANGUAGE_KEYS:
            _window_shortcut(self, key).activated.connect(
                lambda key=key: self.fire("window.language", f"key {key}")
            )
        self.cheat_sheet.rebind_wanted.connect(self.on_rebind_wanted)
        self._ticker.timeout.connect(self.on_ticker_timeout)
        self._ticker.start()

    # -- running commands -----------------------------------------------------------------

    def context(self, trigger: str, room: str | None = None, barrage: bool = False) -> Context:
        """A command's context: the room given, else (for a command on the selected
        comment) that comment's room, else the room the operator works in."""
        if room is None and barrage:
            room = self.feed.room
        return Context(trigger, room or self.working_room, self.feed.selected_id)

    def fire(self, name: str, trigger: str, room: str | None = None, **arguments: Any) -> None:
        """Widgets: a command by name with its arguments."""
        context = self.context(trigger, room, name.startswith("barrage."))
        self.dispatcher.fire(name, arguments, context)

    def fire_line(self, line: str) -> None:
        """The palette: a typed line."""
        barrage = line.lstrip().startswith("barrage.")
        self.dispatcher.fire_line(line, self.context(PALETTE_TRIGGER, barrage=barrage))

    def on_hotkey_pressed(self, hotkey: Hotkey, trigger: str = "hotkey") -> None:
        invocation = hotkey.invocation
        barrage = invocation.spec.name.startswith("barrage.")
        context = self.context(f"{trigger} {hotkey.key}", barrage=barrage)
        self.dispatcher.fire_invocation(invocation, context)

    def on_global_hotkey_pressed(self, hotkey: Hotkey) -> None:
        """A global binding pressed while another application had the keyboard."""
        self.on_hotkey_pressed(hotkey, "global")

    def on_global_keys_status(self, text: str, trouble: bool) -> None:
        self._global_keys_text = text
        self.global_keys_label.setText(shown(text))
        mark(self.global_keys_label, "alert", trouble)

    def on_rebind_wanted(self, key: str) -> None:
        RebindDialog(self.profile, self.apply_hotkeys, self, key or None).open()

    def apply_hotkeys(self, profile: Profile) -> None:
        """A rebinding was saved: the new keys work at once, here and from other windows."""
        self.profile = profile
        for shortcut in self.hotkeys:
            shortcut.setEnabled(False)
            shortcut.deleteLater()
        self.hotkeys = bind_hotkeys(self, profile.hotkeys, self.on_hotkey_pressed)
        self.cheat_sheet.show_hotkeys(profile.hotkeys)
        self.command_palette.completer.set_hotkeys(
            (hotkey.key, hotkey.invocation) for hotkey in profile.hotkeys
        )
        keys = {hotkey.key: hotkey.invocation for hotkey in profile.hotkeys}
        for panel in self.panels.values():
            panel.set_hints(keys)
        self.barrage_dock.set_hints(_plain_keys(profile.hotkeys))
        if self.global_keys.status:  # started: listen for the new keys instead
            self._rebinding.spawn(self.global_keys.start(profile.hotkeys), "global keys")

    async def on_room_select_command(self, context: Context, room: str) -> Result:
        if room not in self.rooms:
            raise CommandError(
                Text("window", "no room {room!r} in this show (rooms: {rooms})").format(
                    room=room, rooms=", ".join(self.rooms.ids)
                ),
                ErrorCode.UNKNOWN_ROOM,
            )
        self.working_room = room
        self._show_working_room()
        if not takes_text(QApplication.focusWidget()):  # never take the keys from typing
            self.panels[room].setFocus(Qt.FocusReason.OtherFocusReason)
        return Result(Text("window", "working in room {room}").format(room=room), {"room": room})

    async def on_language_command(self, context: Context, language: str | None = None) -> Result:
        """The window in another language at once; without one, the other of the two."""
        chosen = self.language.other() if language is None else language_of(language)
        if chosen is None:
            raise CommandError(
                Text("window", "no translation for {tag}: say one of {languages}").format(
                    tag=language, languages=", ".join(LANGUAGES)
                ),
                ErrorCode.BAD_ARGUMENT,
            )
        try:
            self.language.switch(chosen)
        except TranslationUnavailable as exc:
            raise CommandError(exc.args[0], ErrorCode.FAILED) from exc
        said = Text("window", "the window speaks {name}").format(name=NAMES[chosen])
        return Result(said, {"language": chosen})

    # -- slots ----------------------------------------------------------------------------

    def on_action_recorded(self, record: ActionRecord, logged: bool = False) -> None:
        """The last command's outcome under the rooms: a failure with its code's headline
        and the message, both in the window's language."""
        if not logged:
            self.log_model.append(record)
        self._last_record = record
        if not record.ok:
            headline = ErrorCode(record.code).headline if record.code in CODES else None
            self.last_action.setText(
                f"✗ {shown(headline)} · {record.line}: {shown(record.result)}"
                if headline is not None
                else f"✗ {record.line}: {shown(record.result)}"
            )
            mark(self.last_action, "alert", True)
        else:
            said = shown(record.result)
            self.last_action.setText(f"✓ {record.line} · {said}" if said else f"✓ {record.line}")
            mark(self.last_action, "alert", False)

    def on_log_problem(self, name: str, problem: str) -> None:
        """A log's writer says it fails (or, with "", that it works again)."""
        if problem:
            self._log_problems[name] = problem
        else:
            self._log_problems.pop(name, None)
        self._show_log_problems()

    def _show_log_problems(self) -> None:
        names = {"action log": self.tr("action log"), "barrage log": self.tr("barrage log")}
        text = "; ".join(
            f"{names.get(log_name, log_name)}: {shown(text)}"
            for log_name, text in self._log_problems.items()
        )
        self.log_problem.setText(f"✗ {text}" if text else "")
        self.log_problem.setVisible(bool(text))
        mark(self.log_problem, "alert", bool(text))

    def on_focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        """Focus in a room's column makes it the room the operator works in; focus in a
        text field shows the typing banner (the show keys are text there)."""
        for room_id, panel in self.panels.items():
            if new is not None and panel.isAncestorOf(new) and room_id != self.working_room:
                self.working_room = room_id
                self._show_working_room()
        self.keys_slot.setCurrentIndex(1 if takes_text(new) else 0)
        if new is not None and not takes_text(new) and self.isAncestorOf(new):
            self._show_keys_focus = new

    def return_to_show_keys(self) -> None:
        """Give the keyboard back to the show keys: to where it was before typing began,
        else the working room's column."""
        target = self._show_keys_focus
        if target is None or not target.isVisible() or not target.isEnabled():
            target = self.panels[self.working_room]
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.focusWidget() is None or takes_text(self.focusWidget()):
            self.return_to_show_keys()  # at start-up the show keys work at once

    def _show_working_room(self) -> None:
        for panel_id, panel in self.panels.items():
            panel.set_selected(panel_id == self.working_room and len(self.panels) > 1)

    def on_ticker_timeout(self) -> None:
        self.clock.setText(time.strftime("%H:%M:%S"))
        for panel in self.panels.values():
            panel.tick()

    def live_outputs(self) -> list[str]:
        """What quitting would leave running on air, room by room."""
        running = []
        for room in self.rooms:
            stats = room.state.stats
            if stats.streaming:
                running.append(self.tr("{room} is streaming").format(room=room.id))
            if stats.recording:
                running.append(self.tr("{room} is recording").format(room=room.id))
            if room.host is not None and room.host.on_air is not None:
                running.append(self.tr("{room}'s host is on air").format(room=room.id))
        return running

    def close_now(self) -> None:
        """Close without asking (a stop signal: nobody is there to answer)."""
        self._forced = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        running = [] if self._forced else self.live_outputs()
        if running and not self.confirm_quit(running):
            event.ignore()
            return
        self._ticker.stop()
        self.global_keys.stop()
        self.cheat_sheet.close()
        super().closeEvent(event)

    def confirm_quit(self, running: list[str]) -> bool:
        """Ask before quitting mid-show; OBS keeps streaming without the console, but the
        operator loses the host, the pins' timers and the moderation."""
        answer = QMessageBox.warning(
            self,
            self.tr("Quit during the show?"),
            "\n".join(running)
            + "\n\n"
            + self.tr(
                "Quit the console anyway? OBS keeps streaming and recording, but the host, "
                "the pinned comments' timers and the moderation stop."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes


CODES = frozenset(ErrorCode)


class ProblemSource(Protocol):
    """A log that says when writing it fails (``console.logfile.LogFile`` and its users)."""

    def on_problem(self, listener: Callable[[str], None]) -> Unsubscribe: ...


def takes_text(widget: QWidget | None) -> bool:
    """Whether typed keys go into ``widget`` as text (single-key hotkeys do not fire)."""
    if isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit | QAbstractSpinBox):
        return not (isinstance(widget, QLineEdit) and widget.isReadOnly())
    return isinstance(widget, QComboBox) and widget.isEditable()


def _plain_keys(hotkeys: Iterable[Hotkey]) -> dict[str, str]:
    """Command name → the key bound to it without arguments, for buttons to name."""
    return {
        hotkey.invocation.spec.name: hotkey.key
        for hotkey in hotkeys
        if not any(value is not None for value in hotkey.invocation.kwargs.values())
    }


def _console_has_keys(x_focus: XFocus) -> bool:
    """Whether a window of the console has the keyboard (its shortcuts take the keys): X's
    word at the press where there is one, else Qt's."""
    if x_focus is None:
        return QGuiApplication.focusWindow() is not None
    ours = {int(w.winId()) for w in QGuiApplication.topLevelWindows() if w.isVisible()}
    return not ours.isdisjoint(x_focus)


def _window_shortcut(window: QWidget, key: str) -> QShortcut:
    shortcut = QShortcut(QKeySequence(key), window)
    shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
    return shortcut
