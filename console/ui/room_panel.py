"""One room at a glance: link state, program and preview, scenes, transition, outputs.

The panel only reads the room's ``RoomState`` mirror and fires commands; it never talks to
OBS itself.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable

from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from console.obs.state import LinkPhase, RoomState
from console.profile import Room
from console.ui.follow import follow
from console.ui.theme import mark, named

Fire = Callable[[str, str], object]
SCENE_COLUMNS = 3


class RoomPanel(QFrame):
    """Scene control for one room; clicks and edits become commands with ``room=<id>``."""

    def __init__(
        self, room: Room, state: RoomState, fire: Fire, hints: dict[str, str], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setObjectName("roomPanel")
        self.room = room
        self.state = state
        self._fire = fire
        self._hints = hints  # command line -> key, to show the hotkey on each button
        self.scene_buttons: dict[str, QPushButton] = {}

        self.title = named(QLabel(room.name), "roomTitle")
        self.link_pill = named(QLabel(), "linkState")
        self.link_reason = named(QLabel(), "linkReason")
        self.link_reason.setWordWrap(True)
        self.program_label = named(QLabel(), "busLabel")
        self.program_label.setProperty("bus", "program")
        self.preview_label = named(QLabel(), "busLabel")
        self.preview_label.setProperty("bus", "preview")
        self.scene_grid = QGridLayout()
        self.scene_grid.setSpacing(6)
        self.studio_button = QPushButton("Studio mode")
        self.studio_button.setCheckable(True)
        self.transition_box = QComboBox()
        self.transition_box.setToolTip("Scene transition (transition.set)")
        self.duration_box = QSpinBox()
        self.duration_box.setRange(50, 20000)
        self.duration_box.setSingleStep(50)
        self.duration_box.setSuffix(" ms")
        self.take_button = named(QPushButton("TAKE"), "takeButton")
        self.record_button = QPushButton("● REC")
        self.stream_button = QPushButton("◉ STREAM")
        self._layout()
        self._connect_signals()
        for aspect in ("link", "scenes", "program", "preview", "studio", "transition", "stats"):
            self.on_state_changed(aspect)

    def _layout(self) -> None:
        header = QHBoxLayout()
        header.addWidget(self.title)
        room_id = QLabel(f"[{self.room.id}]")
        room_id.setProperty("dim", True)
        header.addWidget(room_id)
        header.addStretch(1)
        header.addWidget(self.link_pill)
        buses = QHBoxLayout()
        for label in (self.program_label, self.preview_label):
            label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            buses.addWidget(label)
        controls = QHBoxLayout()
        for widget in (self.studio_button, self.transition_box, self.duration_box):
            controls.addWidget(widget)
        controls.addWidget(self.take_button)
        controls.addStretch(1)
        controls.addWidget(self.record_button)
        controls.addWidget(self.stream_button)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.link_reason)
        layout.addLayout(buses)
        layout.addLayout(self.scene_grid)
        layout.addLayout(controls)
        layout.addStretch(1)

    def _connect_signals(self) -> None:
        follow(self, self.state.subscribe(self.on_state_changed))
        self.studio_button.clicked.connect(self.on_studio_clicked)
        self.take_button.clicked.connect(lambda: self._command("scene.take"))
        self.record_button.clicked.connect(lambda: self._command("record.toggle"))
        self.stream_button.clicked.connect(lambda: self._command("stream.toggle"))
        self.transition_box.activated.connect(self.on_transition_chosen)
        self.duration_box.editingFinished.connect(self.on_duration_edited)

    def _command(self, line: str) -> None:
        self._fire(f"{line} room={self.room.id}", "button")

    # -- slots ----------------------------------------------------------------------------

    def on_studio_clicked(self) -> None:
        self.studio_button.setChecked(self.state.studio_mode)  # the mirror decides
        self._command("studio.toggle")

    def on_transition_chosen(self, index: int) -> None:
        name = self.transition_box.itemText(index)
        self._command(f"transition.set {shlex.quote(name)}")

    def on_duration_edited(self) -> None:
        if self.duration_box.value() != self.state.transition_ms and self.state.transition:
            transition = shlex.quote(self.state.transition)
            self._command(f"transition.set {transition} {self.duration_box.value()}")

    def on_scene_clicked(self, scene: str) -> None:
        verb = "scene.preview" if self.state.studio_mode else "scene.program"
        self._command(f"{verb} {shlex.quote(scene)}")

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._fire(f"room.select {self.room.id}", "click")
        super().mousePressEvent(event)

    def set_selected(self, selected: bool) -> None:
        mark(self, "selected", selected)

    def on_state_changed(self, aspect: str) -> None:
        refresh = {
            "link": self._show_link,
            "scenes": self._show_scenes,
            "program": self._show_buses,
            "preview": self._show_buses,
            "studio": self._show_studio,
            "transition": self._show_transition,
            "stats": self._show_outputs,
        }.get(aspect)
        if refresh is not None:
            refresh()

    def tick(self) -> None:
        """Once a second: keep the retry countdown current."""
        if self.state.link.retry_at is not None:
            self._show_link()

    # -- rendering the mirror -------------------------------------------------------------

    def _show_link(self) -> None:
        link = self.state.link
        self.link_pill.setText(link.phase.value.upper())
        mark(self.link_pill, "phase", link.phase.value)
        connected = link.phase is LinkPhase.CONNECTED
        self.link_reason.setText(link.describe())
        self.link_reason.setVisible(not connected)
        self.link_pill.setToolTip(link.describe())
        for widget in self._controls():
            widget.setEnabled(connected)
        if connected:
            self._show_studio()

    def _controls(self) -> list[QWidget]:
        return [
            self.studio_button,
            self.transition_box,
            self.duration_box,
            self.take_button,
            self.record_button,
            self.stream_button,
            *self.scene_buttons.values(),
        ]

    def _show_scenes(self) -> None:
        for button in self.scene_buttons.values():
            self.scene_grid.removeWidget(button)
            button.deleteLater()
        self.scene_buttons = {}
        for index, scene in enumerate(self.state.scenes):
            button = named(QPushButton(self._scene_text(scene)), "sceneButton")
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _=False, s=scene: self.on_scene_clicked(s))
            button.setEnabled(self.state.link.phase is LinkPhase.CONNECTED)
            self.scene_grid.addWidget(button, index // SCENE_COLUMNS, index % SCENE_COLUMNS)
            self.scene_buttons[scene] = button
        self._show_buses()

    def _scene_text(self, scene: str) -> str:
        keys = [
            key
            for line, key in self._hints.items()
            if line.split(maxsplit=1)[0] in ("scene.program", "scene.preview")
            and shlex.split(line)[1:2] == [scene]
        ]
        return f"{scene}\n{'  '.join(keys)}" if keys else scene

    def _show_buses(self) -> None:
        state = self.state
        self.program_label.setText(f"PGM  {state.program or '—'}")
        if state.studio_mode:
            self.preview_label.setText(f"PVW  {state.preview or '—'}")
        else:
            self.preview_label.setText("PVW  studio mode off")
        mark(self.preview_label, "off", not state.studio_mode)
        for scene, button in self.scene_buttons.items():
            mark(button, "program", scene == state.program)
            mark(button, "preview", state.studio_mode and scene == state.preview)

    def _show_studio(self) -> None:
        self.studio_button.setChecked(self.state.studio_mode)
        connected = self.state.link.phase is LinkPhase.CONNECTED
        self.take_button.setEnabled(connected and self.state.studio_mode)
        self._show_buses()

    def _show_transition(self) -> None:
        box = self.transition_box
        box.blockSignals(True)
        if [box.itemText(i) for i in range(box.count())] != self.state.transitions:
            box.clear()
            box.addItems(self.state.transitions)
        box.setCurrentText(self.state.transition)
        box.blockSignals(False)
        if not self.duration_box.hasFocus():
            self.duration_box.setValue(self.state.transition_ms or 300)

    def _show_outputs(self) -> None:
        stats = self.state.stats
        recording = f"● REC {stats.record_timecode[:8]}"
        self.record_button.setText(recording if stats.recording else "● REC")
        mark(self.record_button, "live", stats.recording)
        self.stream_button.setText(
            f"◉ LIVE {stats.stream_timecode[:8]}" if stats.streaming else "◉ STREAM"
        )
        mark(self.stream_button, "live", stats.streaming)
