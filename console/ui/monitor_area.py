"""Where a room column's monitors go: under its controls, side by side, or beside them,
one above the other, whichever draws the larger picture in the space the column has.

A tall column (two rooms on a large screen) has its free space below the controls; a wide
and short one (one room on a 1366x768 laptop, where the controls fill the height) has it
to their right. The controls keep at least their minimum width either way. The choice is
made again when the column is resized, and changes only for a clearly larger picture, so
a column near the boundary does not flip back and forth.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QLayout

from console.ui.monitor_view import MonitorView

SIDE_SHARE = 0.45  # of the column's width, at most, for monitors beside the controls
MIN_SIDE = 160  # pixels: narrower than this, monitors never go beside the controls
CLEARLY = 1.25  # how much larger the picture must be to change places
_ASPECT = 16 / 9

Dir = QBoxLayout.Direction


class MonitorArea:
    """The controls and the monitors of one column, in one layout that can turn."""

    def __init__(self, controls: QLayout, views: list[MonitorView]) -> None:
        self.views = views
        self.beside = False
        self.body = QBoxLayout(Dir.TopToBottom)
        self._controls = controls
        self._monitors = QBoxLayout(Dir.LeftToRight)
        self._monitors.setSpacing(controls.spacing())  # not the body's 0 (see below)
        for view in views:
            self._monitors.addWidget(view, 1)
        self.body.addLayout(controls, 0)
        self.body.addLayout(self._monitors, 1)
        self.body.setAlignment(controls, Qt.AlignmentFlag.AlignTop)  # beside: at the top
        # Below, the views keep the gap above them themselves: squeezed to nothing, they
        # leave the column exactly as tall as without them.
        self.body.setSpacing(0)

    def fit(self) -> None:
        """Put the monitors where their picture is larger, for the body's current size."""
        area, gap = self.body.geometry(), self._monitors.spacing()
        label = self.views[0].above_picture()
        controls = self._controls.sizeHint().height()
        below = _picture((area.width() - gap) / 2, area.height() - controls - label)
        side = min(
            area.width() - self._controls.minimumSize().width() - gap,
            area.width() * SIDE_SHARE,
        )
        beside = _picture(side, (area.height() - gap) / 2 - label) if side >= MIN_SIDE else 0
        # Stay put unless the other place draws a clearly larger picture.
        wanted = below * CLEARLY < beside if not self.beside else below < beside * CLEARLY
        if wanted != self.beside:
            self._turn(wanted)

    def _turn(self, beside: bool) -> None:
        self.beside = beside
        self.body.setDirection(Dir.LeftToRight if beside else Dir.TopToBottom)
        self.body.setSpacing(-1 if beside else 0)  # -1: the style's spacing
        self._monitors.setDirection(Dir.TopToBottom if beside else Dir.LeftToRight)
        # Beside: the controls keep the larger share; below: only what they need.
        self.body.setStretch(0, 11 if beside else 0)
        self.body.setStretch(1, 9 if beside else 1)
        self.body.activate()  # now, not at the next layout request: the column is drawn so


def _picture(width: float, height: float) -> float:
    """The width of a 16:9 picture fitting ``width`` by ``height``."""
    return max(0.0, min(width, height * _ASPECT))
