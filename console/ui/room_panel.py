"""One room at a glance: link state, program and preview, scenes, transition, outputs,
the slide and the comment on air, and live monitors of program and preview.

The panel only reads the room's runtime (its ``RoomState`` mirror, the slide OBS accepted,
the pinned comment) and fires commands in its own room; it never talks to OBS itself.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QMouseEvent, QResizeEvent
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

from console.barrage.on_air import PinnedComment
from console.commands import Invocation
from console.obs.state import LinkPhase
from console.room import RoomRuntime
from console.ui.elided import ElidedLabel
from console.ui.follow import follow
from console.ui.host_panel import HostPanel
from console.ui.language import language_changed, shown
from console.ui.monitor_area import MonitorArea
from console.ui.monitor_view import MonitorView
from console.ui.setup_offer import SetupOffer
from console.ui.surface import Fire
from console.ui.theme import mark, named

SCENE_COLUMNS = 4  # two rooms side by side on a 1366-pixel screen still fit four
SCENE_MIN_WIDTH = 80


class RoomPanel(QFrame):
    """Scene control for one room; clicks and edits become commands in this room."""

    def __init__(
        self,
        runtime: RoomRuntime,
        fire: Fire,
        hints: dict[str, Invocation],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("roomPanel")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the show keys' home
        self.runtime = runtime
        self.room = runtime.settings
        self.state = runtime.state
        self._fire = fire
        self._hints = hints  # key -> the invocation it fires, to show hotkeys on buttons
        self.scene_buttons: dict[str, QPushButton] = {}

        self.title = named(QLabel(self.room.name), "roomTitle")

        self.link_pill = named(QLabel(), "linkState")
        # One line, elided (the whole reason in its tooltip): a long reason never makes the
        # column taller than a laptop screen allows.
        self.link_reason = named(ElidedLabel(), "linkReason")
        # One line beside its button, elided (every difference in its tooltip): after a
        # restart with many differences the column never outgrows the screen.
        self.differences_label = named(ElidedLabel(), "roomDiffers")
        self.differences_label.setSizePolicy(
            QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred
        )
        self.restore_button = named(QPushButton(), "inlineButton")
        self.differences = QWidget(self)  # the label and its button, shown together
        self.setup_offer = SetupOffer(runtime.setup, self.room.id, fire, self)
        self.slide_label = named(ElidedLabel(), "roomOnAir")
        self.pin_label = named(ElidedLabel(), "roomOnAir")
        self.program_label = named(QLabel(), "busLabel")
        self.program_label.setProperty("bus", "program")
        self.preview_label = named(QLabel(), "busLabel")
        self.preview_label.setProperty("bus", "preview")
        self.scene_grid = QGridLayout()
        self.scene_grid.setSpacing(4)
        self.studio_button = QPushButton()
        self.studio_button.setCheckable(True)
        self.transition_box = QComboBox()
        self.duration_box = QSpinBox()
        self.duration_box.setRange(50, 20000)
        self.duration_box.setSingleStep(50)
        self.duration_box.setSuffix(" ms")
        self.take_button = named(QPushButton(), "takeButton")
        self.record_button = QPushButton()
        self.stream_button = QPushButton()
        self.host_panel = (
            HostPanel(runtime.host, self.room.id, fire, self) if runtime.host is not None else None
        )
        # The column's free space: monitors of OBS's program and preview, unless turned off.
        self.monitor_views = (
            [MonitorView(monitor, self) for monitor in runtime.monitors]
            if runtime.monitors.settings.on
            else []
        )
        self._layout()
        self._connect_signals()
        self.on_state_changed("scenes")
        self.retranslate()

    def retranslate(self) -> None:
        """Every text of the column in the window's language."""
        self.restore_button.setText(self.tr("Restore…"))
        self.restore_button.setToolTip(self.tr("Restore the show's state (room.restore)"))
        self.studio_button.setText(self.tr("Studio mode"))
        self.transition_box.setToolTip(self.tr("Scene transition (transition.set)"))
        self.take_button.setText(self.tr("TAKE"))
        for aspect in ("link", "program", "preview", "studio", "transition", "stats"):
            self.on_state_changed(aspect)
        self._show_slide()
        self._show_pin()
        self._show_differences()

    def changeEvent(self, event: QEvent) -> None:
        if language_changed(event):
            self.retranslate()
        super().changeEvent(event)

    def _layout(self) -> None:
        header = QHBoxLayout()
        header.addWidget(self.title)
        room_id = QLabel(f"[{self.room.id}]")
        room_id.setProperty("dim", True)
        room_id.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        header.addWidget(room_id, 1)
        header.addWidget(self.record_button)
        header.addWidget(self.stream_button)
        header.addWidget(self.link_pill)
        buses = QHBoxLayout()
        for label in (self.program_label, self.preview_label):
            label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            buses.addWidget(label)
        # Two rows, so that two rooms side by side fit a 1366-pixel laptop screen.
        transition = QHBoxLayout()
        for widget in (self.studio_button, self.transition_box, self.duration_box):
            transition.addWidget(widget)
        transition.addWidget(self.take_button, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.link_reason)
        # What needs the operator after a reconnect or a restart, on one row whatever it is:
        # OBS differing from the show, and OBS lacking pieces of the show.
        attention = QHBoxLayout()
        differences = QHBoxLayout(self.differences)
        differences.setContentsMargins(0, 0, 0, 0)
        differences.addWidget(self.differences_label, 1)
        differences.addWidget(self.restore_button)
        attention.addWidget(self.differences, 1)
        attention.addWidget(self.setup_offer, 1)
        layout.addLayout(attention)
        controls = QVBoxLayout()
        controls.setSpacing(layout.spacing())  # the column's, whatever the monitors' area has
        controls.addLayout(buses)
        controls.addLayout(self.scene_grid)
        controls.addLayout(transition)
        on_air = QHBoxLayout()
        on_air.addWidget(self.slide_label, 1)
        on_air.addWidget(self.pin_label, 1)
        controls.addLayout(on_air)
        if self.host_panel is not None:
            controls.addWidget(self.host_panel)
        views = self.monitor_views
        self.monitor_area = MonitorArea(controls, views) if views else None
        if self.monitor_area is None:
            layout.addLayout(controls)
            layout.addStretch(1)
        else:
            layout.addLayout(self.monitor_area.body, 1)

    def _connect_signals(self) -> None:
        follow(self, self.state.subscribe(self.on_state_changed))
        if self.runtime.has_slides:
            follow(self, self.runtime.slides.subscribe(lambda what: self._show_slide()))
        follow(self, self.runtime.pin.subscribe(self.on_pin_changed))
        follow(self, self.runtime.reconciliation.subscribe(lambda _: self._show_differences()))
        self.restore_button.clicked.connect(lambda: self._command("room.restore"))
        self.studio_button.clicked.connect(self.on_studio_clicked)
        self.take_button.clicked.connect(lambda: self._command("scene.take"))
        self.record_button.clicked.connect(lambda: self._command("record.toggle"))
        self.stream_button.clicked.connect(lambda: self._command("stream.toggle"))
        self.transition_box.activated.connect(self.on_transition_chosen)
        self.duration_box.editingFinished.connect(self.on_duration_edited)

    def _command(self, name: str, **arguments: object) -> None:
        self._fire(name, "button", room=self.room.id, **arguments)

    # -- slots ----------------------------------------------------------------------------

    def on_studio_clicked(self) -> None:
        self.studio_button.setChecked(self.state.studio_mode)  # the mirror decides
        self._command("studio.toggle")

    def on_transition_chosen(self, index: int) -> None:
        self._command("transition.set", transition=self.transition_box.itemText(index))

    def on_duration_edited(self) -> None:
        if self.duration_box.value() != self.state.transition_ms and self.state.transition:
            self._command(
                "transition.set",
                transition=self.state.transition,
                duration=self.duration_box.value(),
            )

    def on_scene_clicked(self, scene: str) -> None:
        verb = "scene.preview" if self.state.studio_mode else "scene.program"
        self._command(verb, scene=scene)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.monitor_area is not None:
            self.monitor_area.fit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._fire("room.select", "click", room=self.room.id)
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
        """Once a second: keep the retry countdown and the pin's time left current."""
        link = self.state.link
        if link.retry_at is not None or link.silent_since is not None:
            self._show_link()
        if self.runtime.pin.current is not None:
            self._show_pin()
        if self.host_panel is not None:
            self.host_panel.tick()
        for view in self.monitor_views:
            view.tick()

    def on_pin_changed(self, pinned: PinnedComment) -> None:
        self._show_pin()

    # -- rendering the mirror -------------------------------------------------------------

    def _show_link(self) -> None:
        link = self.state.link
        self._show_slide()  # OBS confirms the slide on air only while connected
        silent = link.silent_since is not None and link.phase is not LinkPhase.CONNECTED
        self.link_pill.setText(self.tr("NOT ANSWERING") if silent else self._phase_word(link.phase))
        mark(self.link_pill, "phase", "reconnecting" if silent else link.phase.value)
        connected = link.phase is LinkPhase.CONNECTED
        described = shown(link.describe())
        self.link_reason.setText(described)
        self.link_reason.setVisible(not connected)
        self.link_pill.setToolTip(described)
        for widget in self._controls():
            widget.setEnabled(connected)
        if connected:
            self._show_studio()
        else:
            self._show_buses()

    def _phase_word(self, phase: LinkPhase) -> str:
        return {
            LinkPhase.CONNECTING: self.tr("CONNECTING"),
            LinkPhase.CONNECTED: self.tr("CONNECTED"),
            LinkPhase.RECONNECTING: self.tr("RECONNECTING"),
            LinkPhase.FAILED: self.tr("FAILED"),
            LinkPhase.CLOSED: self.tr("CLOSED"),
        }[phase]

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
        overlay = self.room.layout.overlay_scene  # nested in the show's scenes, never cut to
        for index, scene in enumerate(s for s in self.state.scenes if s != overlay):
            button = named(QPushButton(self._scene_text(scene)), "sceneButton")
            button.setToolTip("  ".join(self._scene_keys(scene)))
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setMinimumWidth(SCENE_MIN_WIDTH)  # a long name never widens the column
            button.clicked.connect(lambda _=False, s=scene: self.on_scene_clicked(s))
            button.setEnabled(self.state.link.phase is LinkPhase.CONNECTED)
            self.scene_grid.addWidget(button, index // SCENE_COLUMNS, index % SCENE_COLUMNS)
            self.scene_buttons[scene] = button
        self._show_buses()

    def set_hints(self, hints: dict[str, Invocation]) -> None:
        """The show's bindings changed (a rebinding): the scene buttons name the new keys."""
        self._hints = hints
        self._show_scenes()

    def _scene_text(self, scene: str) -> str:
        keys = self._scene_keys(scene)
        # One line (the column's height is a laptop screen's): the scene and its first key;
        # every key in the tooltip, and on the F1 sheet.
        return f"{scene}  {keys[0]}" if keys else scene

    def _scene_keys(self, scene: str) -> list[str]:
        return [
            key
            for key, invocation in self._hints.items()
            if invocation.spec.name in ("scene.program", "scene.preview")
            and invocation.kwargs.get("scene") == scene
            and invocation.kwargs.get("room") in (None, self.room.id, "all")
        ]

    def _show_buses(self) -> None:
        """Program and preview as OBS last confirmed them; while the link is down, what was
        on air is only a memory, and says so."""
        state = self.state
        live = state.link.phase is LinkPhase.CONNECTED
        if live:
            self.program_label.setText(self.tr("PGM  {scene}").format(scene=state.program or "—"))
        elif state.program:
            self.program_label.setText(
                self.tr("PGM  unknown (last seen: {scene})").format(scene=state.program)
            )
        else:
            self.program_label.setText(self.tr("PGM  unknown"))
        mark(self.program_label, "off", not live)
        if live and state.studio_mode:
            self.preview_label.setText(self.tr("PVW  {scene}").format(scene=state.preview or "—"))
        else:
            self.preview_label.setText(
                self.tr("PVW  studio mode off") if live else self.tr("PVW  unknown")
            )
        mark(self.preview_label, "off", not (live and state.studio_mode))
        for scene, button in self.scene_buttons.items():
            mark(button, "program", live and scene == state.program)
            mark(button, "preview", live and state.studio_mode and scene == state.preview)

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
        recording = self.tr("● REC {time}").format(time=stats.record_timecode[:8])
        self.record_button.setText(recording if stats.recording else self.tr("● REC"))
        mark(self.record_button, "live", stats.recording)
        self.stream_button.setText(
            self.tr("◉ LIVE {time}").format(time=stats.stream_timecode[:8])
            if stats.streaming
            else self.tr("◉ STREAM")
        )
        mark(self.stream_button, "live", stats.streaming)

    def _show_slide(self) -> None:
        """The product whose slide OBS accepted last, or why slides are off."""
        runtime = self.runtime
        if not runtime.has_slides:
            self.slide_label.setText(
                self.tr("SLIDE  {why}").format(why=shown(runtime.slides_unavailable))
            )
            return
        pusher = runtime.slides
        on_air = pusher.on_air
        if on_air is not None and self.state.link.phase is not LinkPhase.CONNECTED:
            # What the show had on air, which OBS cannot confirm now (compared on connect).
            text = self.tr("SLIDE  ? {product} · OBS not connected").format(product=on_air.name)
        else:
            text = self.tr("SLIDE  {product}").format(product=on_air.name if on_air else "—")
        if pusher.last_error:
            text += f"  ✗ {shown(pusher.last_error)}"
        self.slide_label.setText(text)
        self.slide_label.setToolTip(text)
        mark(self.slide_label, "alert", bool(pusher.last_error))

    def _show_pin(self) -> None:
        """The pinned comment, and whether OBS shows it on program (only then ON AIR)."""
        pinned = self.runtime.pin
        pin = pinned.current
        alert = bool(pinned.problem)
        if pin is None:
            text = (
                self.tr("PIN  ✗ {problem}").format(problem=shown(pinned.problem))
                if pinned.problem
                else self.tr("PIN  —")
            )
        elif pinned.on_air:
            text = self.tr("PIN  ON AIR {seconds} s · {comment}").format(
                seconds=f"{pin.left():.0f}", comment=pin.text
            )
        elif pinned.on_air is False:
            text = self.tr("PIN  NOT ON AIR: {missing} · {comment}").format(
                missing=shown(pinned.missing), comment=pin.text
            )
            alert = True
        else:
            missing = shown(pinned.missing) if pinned.missing else self.tr("checking OBS")
            text = self.tr("PIN  ? {missing} · {comment}").format(missing=missing, comment=pin.text)
        if self.pin_label.text() != text:
            self.pin_label.setText(text)
            self.pin_label.setToolTip(text)
        mark(self.pin_label, "alert", alert)

    def _show_differences(self) -> None:
        """What OBS shows otherwise than the show had it, after OBS came back."""
        differences = self.runtime.reconciliation.differences
        lines = [
            self.tr("OBS differs — {what}: {difference}").format(
                what=self._difference_word(d.what), difference=shown(d.text)
            )
            for d in differences
        ]
        self.differences_label.setText(" · ".join(lines))
        self.differences_label.setToolTip("\n".join(lines))
        self.differences.setVisible(bool(lines))
        self.restore_button.setVisible(any(d.what != "link" for d in differences))

    def _difference_word(self, what: str) -> str:
        words = {
            "link": self.tr("link"),
            "program": self.tr("program"),
            "slide": self.tr("slide"),
            "pin": self.tr("pin"),
            "host": self.tr("host"),
        }
        return words.get(what, what)
