"""One room's digital host at a glance: on air with elapsed and remaining time, the queue
(drag to reorder), the AI label as OBS reports it, the autopilot and its presence check,
and the answer waiting for the operator's confirmation (editable, problems shown).

Only reads the room's host and fires ``host.*`` commands in its room.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from console.host.answers import Draft
from console.host.host import HostState, RoomHost
from console.host.lines import Priority
from console.profile.host_facts import contradictions
from console.ui.elided import ElidedLabel
from console.ui.follow import follow
from console.ui.language import language_changed, shown
from console.ui.surface import Fire
from console.ui.theme import mark, named


class HostPanel(QFrame):
    """The host of one room (see the module docstring)."""

    def __init__(self, host: RoomHost, room: str, fire: Fire, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("hostPanel")
        self.host = host
        self.room = room
        self._fire = fire
        # One elided line each (the whole text in the tooltip): the room column keeps its
        # height whatever the host, the label or the autopilot has to say.
        self.now_label = named(ElidedLabel(), "hostNow")
        self.label_state = named(ElidedLabel(), "hostLabel")
        self.autopilot_label = named(ElidedLabel(), "hostAutopilot")
        self.answer_edit = QLineEdit()
        self.answer_problems = named(QLabel(), "hostAnswerProblems")
        self.queue_list = QListWidget()
        self.queue_list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.queue_list.setMaximumHeight(70)
        self.speak_button = QPushButton()
        self.stop_button = named(QPushButton(), "hostStop")
        self.skip_button = QPushButton()
        self.auto_button = QPushButton()
        self.confirm_button = QPushButton()
        self._shown_proposal: Draft | None = None
        self.answer_problems.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.answer_problems.setWordWrap(True)
        self._problems: list[str] = []
        self._layout()
        self._connect()
        self.retranslate()

    def retranslate(self) -> None:
        self.answer_edit.setPlaceholderText(
            self.tr("answer proposed with Q (barrage.answer) appears here")
        )
        self.speak_button.setText(self.tr("Speak answer"))
        self.stop_button.setText(self.tr("■ STOP host"))
        self.skip_button.setText(self.tr("Skip"))
        self.confirm_button.setText(self.tr("I'm here"))
        self._show_problems(self._problems)
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if language_changed(event):
            self.retranslate()
        super().changeEvent(event)

    def _layout(self) -> None:
        buttons = QHBoxLayout()
        for button in (self.stop_button, self.skip_button, self.auto_button, self.confirm_button):
            buttons.addWidget(button)
        answer = QHBoxLayout()
        answer.addWidget(self.answer_edit, 1)
        answer.addWidget(self.speak_button)
        # Compact: two rooms with their hosts fit a 1366x768 screen. The queue shows only
        # while something waits, the answer row only while an answer is proposed.
        states = QHBoxLayout()
        states.addWidget(self.label_state, 1)
        states.addWidget(self.autopilot_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.now_label)
        layout.addLayout(states)
        layout.addWidget(self.queue_list)
        layout.addLayout(answer)
        layout.addWidget(self.answer_problems)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        follow(self, self.host.subscribe(lambda aspect: self.refresh()))
        follow(self, self.host.label.subscribe(lambda check: self._show_label()))
        self.stop_button.clicked.connect(lambda: self._command("host.stop"))
        self.skip_button.clicked.connect(lambda: self._command("host.skip"))
        self.confirm_button.clicked.connect(lambda: self._command("host.confirm"))
        self.auto_button.clicked.connect(self.on_autopilot_clicked)
        self.speak_button.clicked.connect(self.on_speak_clicked)
        self.answer_edit.textEdited.connect(self.on_answer_edited)
        self.queue_list.model().rowsMoved.connect(self.on_rows_moved)

    def _command(self, name: str, **arguments: object) -> None:
        self._fire(name, "button", room=self.room, **arguments)

    # -- slots ----------------------------------------------------------------------------

    def on_autopilot_clicked(self) -> None:
        action = "pause" if self.host.autopilot.running else "start"
        self._command("host.autopilot", action=action)

    def on_speak_clicked(self) -> None:
        proposed = self.host.proposed
        text = self.answer_edit.text().strip()
        if not text:
            return
        self._command(
            "host.answer",
            text=text,
            question=None if proposed is None else proposed.question,
            sku=None if proposed is None else proposed.sku,
        )

    def on_answer_edited(self, text: str) -> None:
        """The operator edits the answer: figures are checked against the product again."""
        proposed = self.host.proposed
        product = None
        if proposed is not None and proposed.sku is not None:
            product = self.host.products.get(proposed.sku)
        found = contradictions(text, product) if product is not None else []
        hits = self.host.terms.check(text)
        problems = [c.message for c in found] + [
            self.tr("prohibited term {term!r}").format(term=text[h.start : h.end]) for h in hits
        ]
        self._show_problems(problems)

    def on_rows_moved(self, *_: object) -> None:
        """A drag in the queue: the line dragged goes where it was dropped."""
        waiting = [line.id for line in self.host.queue.waiting]
        shown = [int(self.queue_list.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(
            self.queue_list.count())]  # fmt: skip
        for position, line_id in enumerate(shown):
            if line_id in waiting and waiting.index(line_id) != position:
                self._command("host.move", line=waiting.index(line_id) + 1, position=position + 1)
                return

    # -- showing --------------------------------------------------------------------------

    def tick(self) -> None:
        """Once a second: elapsed and remaining time, the presence countdown."""
        self._show_now()
        self._show_autopilot()

    def refresh(self) -> None:
        self._show_now()
        self._show_queue()
        self._show_label()
        self._show_autopilot()
        self._show_proposed()

    def _show_now(self) -> None:
        host = self.host
        line, playback = host.queue.on_air, host.playback
        if host.state is HostState.ON_AIR and line is not None:
            text = self.tr("HOST  ON AIR · {line}").format(line=shown(line.describe()))
            if playback is not None:
                remaining = playback.remaining()
                text += self.tr(" · {seconds} s").format(seconds=f"{playback.elapsed():.1f}")
                if remaining is not None:
                    text += self.tr(" / {seconds} s left").format(seconds=f"{remaining:.1f}")
        elif host.state is HostState.PREPARING and line is not None:
            text = self.tr("HOST  preparing {line}…").format(line=line.title)
        elif host.held:
            held = len(host.queue)
            if held == 1:
                text = self.tr("HOST  held · 1 line from before the restart: room.restore")
            else:
                text = self.tr(
                    "HOST  held · %n lines from before the restart: room.restore", "", held
                )
        else:
            text = self.tr("HOST  silent")
        if host.problem:
            text += f"  ✗ {shown(host.problem)}"
        self.now_label.setText(text)
        self.now_label.setToolTip(text)
        mark(self.now_label, "alert", bool(host.problem))
        mark(self.now_label, "live", host.state is HostState.ON_AIR)
        mark(self.now_label, "warn", host.held)

    def _show_queue(self) -> None:
        self.queue_list.clear()
        for number, line in enumerate(self.host.queue.waiting, 1):
            kind = self._priority_word(line.priority)
            self.queue_list.addItem(f"{number}. [{kind}] {shown(line.describe())}")
            self.queue_list.item(number - 1).setData(Qt.ItemDataRole.UserRole, line.id)
        self.queue_list.setVisible(self.queue_list.count() > 0)

    def _priority_word(self, priority: Priority) -> str:
        words = {
            Priority.COPY: self.tr("copy"),
            Priority.ANSWER: self.tr("answer"),
            Priority.OPERATOR: self.tr("operator"),
        }
        return words.get(priority, priority.name.lower())

    def _show_label(self) -> None:
        check = self.host.label.check
        self.label_state.setText(shown(check.describe()))
        mark(self.label_state, "live", check.visible)
        mark(
            self.label_state, "alert", bool(check.problem) and self.host.state is not HostState.IDLE
        )

    def _show_autopilot(self) -> None:
        pilot = self.host.autopilot
        states = {
            "running": self.tr("running"),
            "paused": self.tr("paused"),
            "stopped": self.tr("stopped"),
        }
        state = states.get(pilot.state.value, pilot.state.value)
        text = self.tr("AUTOPILOT  {state}").format(state=state)
        if pilot.product:
            text += f" · {pilot.product}"
        if pilot.reason:
            text += f" · {shown(pilot.reason)}"
        due = pilot.sign_due_in()
        if due is not None:
            text += self.tr(" · presence check in {seconds} s").format(seconds=f"{due:.0f}")
        if pilot.warning:
            text += f"  ⚠ {shown(pilot.warning)}"
        self.autopilot_label.setText(text)
        mark(self.autopilot_label, "alert", bool(pilot.warning))
        self.auto_button.setText(
            self.tr("Pause autopilot") if pilot.running else self.tr("Start autopilot")
        )

    def _show_proposed(self) -> None:
        proposed = self.host.proposed
        self.answer_edit.setVisible(proposed is not None)
        self.speak_button.setVisible(proposed is not None)
        if proposed is self._shown_proposal:
            return  # the same proposal: the operator's edit of it stays as typed
        self._shown_proposal = proposed
        if proposed is None:
            self._show_problems([])
            return
        self.answer_edit.setText(proposed.text)
        self.answer_edit.setToolTip(f"{proposed.asker}: {proposed.question}")
        self._show_problems(proposed.problems)

    def _show_problems(self, problems: list[str]) -> None:
        self._problems = problems
        self.answer_problems.setText("⚠ " + "; ".join(map(shown, problems)) if problems else "")
        self.answer_problems.setVisible(bool(problems))
        mark(self.answer_problems, "alert", bool(problems))
