"""Status bar sections: one per room, its outputs and OBS's health, each figure coloured by
its own threshold (one noisy figure does not paint the whole line)."""

from __future__ import annotations

import html
import time

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QWidget

from console.obs.health import Figure, Health, Level
from console.obs.state import LinkPhase, RoomState
from console.ui.follow import follow
from console.ui.language import language_changed, shown
from console.ui.theme import ATTENTION, DIM, PROGRAM, mark

COLOURS = {Level.OK: None, Level.WARN: ATTENTION, Level.ALERT: PROGRAM}


def render(room_id: str, figures: list[Figure]) -> str:
    """The figures as rich text: each one in its own colour when it is over its threshold."""
    parts = [f'<span style="color:{DIM}">{html.escape(room_id)}</span>']
    for figure in figures:
        colour = COLOURS[figure.level]
        text = html.escape(shown(figure.text))
        parts.append(f'<b style="color:{colour}">{text}</b>' if colour else text)
    return " · ".join(parts)


class RoomStatus(QLabel):
    """``room · LIVE 00:01:02 · REC … · 30.0 fps · render dropped 0.0% · … · OBS CPU 9%``."""

    def __init__(self, room_id: str, state: RoomState, parent: QWidget) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.room_id = room_id
        self.state = state
        self.health = Health()
        follow(self, state.subscribe(self.on_state_changed))
        self.on_state_changed("link")

    def changeEvent(self, event: QEvent) -> None:
        if language_changed(event):
            self.on_state_changed("link")
        super().changeEvent(event)

    def on_state_changed(self, aspect: str) -> None:
        if aspect not in ("link", "stats"):
            return
        state = self.state
        if state.link.phase is not LinkPhase.CONNECTED:
            phase = {
                LinkPhase.CONNECTING: self.tr("connecting"),
                LinkPhase.RECONNECTING: self.tr("reconnecting"),
                LinkPhase.FAILED: self.tr("failed"),
                LinkPhase.CLOSED: self.tr("closed"),
            }.get(state.link.phase, state.link.phase.value)
            self.setText(
                f'<b style="color:{PROGRAM}">{html.escape(self.room_id)} · {html.escape(phase)}</b>'
            )
            mark(self, "alert", True)
            return
        if aspect == "stats":
            self.health.add(time.monotonic(), state.stats)
        figures = self.health.figures(state.fps_target)
        self.setText(render(self.room_id, figures))
        mark(self, "alert", False)
