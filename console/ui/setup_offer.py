"""One line in a room's column when its OBS lacks what the show needs: what is missing,
and a button that runs ``obs.setup`` in that room. Hidden while nothing is missing or the
room's OBS has not been checked (the link is down)."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QWidget

from console.room_setup import RoomSetup
from console.ui.elided import ElidedLabel
from console.ui.follow import follow
from console.ui.language import language_changed, shown
from console.ui.surface import Fire
from console.ui.theme import mark, named


class SetupOffer(QWidget):
    """``OBS lacks: …  [Set up OBS…]`` for one room."""

    def __init__(self, setup: RoomSetup, room: str, fire: Fire, parent: QWidget) -> None:
        super().__init__(parent)
        self.setup = setup
        self.line = named(ElidedLabel(), "roomOnAir")
        self.line.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        mark(self.line, "alert", True)
        self.button = named(QPushButton(), "inlineButton")
        self.button.clicked.connect(lambda: fire("obs.setup", "button", room=room))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.button)
        follow(self, setup.subscribe(lambda _: self.on_setup_checked()))
        self.retranslate()

    def retranslate(self) -> None:
        self.button.setText(self.tr("Set up OBS…"))
        self.button.setToolTip(self.tr("Create what the show needs in this room's OBS (obs.setup)"))
        self.on_setup_checked()

    def changeEvent(self, event: QEvent) -> None:
        if language_changed(event):
            self.retranslate()
        super().changeEvent(event)

    def on_setup_checked(self) -> None:
        missing = [shown(item) for item in self.setup.missing]
        text = (
            self.tr("OBS lacks {count}: {missing}").format(
                count=len(missing), missing=", ".join(missing)
            )
            if missing
            else ""
        )
        self.line.setText(text)
        self.line.setToolTip("\n".join(missing))
        self.setVisible(bool(missing))
