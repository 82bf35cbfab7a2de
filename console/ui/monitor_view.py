"""A live monitor of one bus of a room: OBS's latest screenshot of it, scaled with its aspect
kept, under a PGM (red) or PVW (green) label and the scene's name, as OBS marks them.

It draws only what its :class:`~console.obs.monitor.BusMonitor` may claim: a live frame as
it is, a stale one dimmed with its age, and no signal while the link is down. It tells the
monitor whether anyone can see it (shown, its window not minimised, not clipped away) and
how wide it is, so OBS renders screenshots at the size they are drawn and none while the
monitor is out of sight. Keys never stop here: the monitor takes no focus.
"""

from __future__ import annotations

import math
import time

from PySide6.QtCore import QEvent, QObject, QRect, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHideEvent,
    QImage,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from console.obs.monitor import Bus, BusMonitor, Frame, Status, request_width
from console.ui.follow import follow
from console.ui.language import language_changed
from console.ui.theme import ATTENTION, BORDER, DIM, PANEL, PREVIEW, PROGRAM, TEXT

_COLOURS = {Bus.PROGRAM: PROGRAM, Bus.PREVIEW: PREVIEW}
_SCREEN = "#000000"
_DIMMED = QColor(0, 0, 0, 170)
_DEFAULT_ASPECT = 16 / 9
_TOP = 6  # pixels above the label: the column's spacing, inside the view (see MonitorArea)
_GAP = 3  # pixels between the label line and the picture
MIN_PICTURE = 32  # pixels wide: a monitor squeezed smaller shows its label only
_TEXT_GAP = 8
_LABEL_SPAN = 120  # pixels: a narrower picture has the label across the whole view


class MonitorView(QWidget):
    """One bus's monitor (see the module docstring)."""

    def __init__(self, monitor: BusMonitor, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("monitorView")
        self.monitor = monitor
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        # A frame that is not followed by another turns stale on time, not at the next tick.
        self._stale_timer = QTimer(self)
        self._stale_timer.setSingleShot(True)
        self._stale_timer.timeout.connect(self.update)
        key = self._key = object()  # who the monitor knows this view as
        follow(self, monitor.subscribe(self.on_monitor_changed))
        follow(self, lambda: monitor.seen(key, 0))
        self.retranslate()

    def retranslate(self) -> None:
        """The words the view draws come from ``tr`` at each paint; the tooltip is set."""
        fps = f"{self.monitor.fps:g}"
        if self.monitor.bus is Bus.PROGRAM:
            tip = self.tr("Program monitor: OBS's screenshot of the program scene, {fps} a second")
        else:
            tip = self.tr("Preview monitor: OBS's screenshot of the preview scene, {fps} a second")
        self.setToolTip(tip.format(fps=fps))
        self.update()

    def changeEvent(self, event: QEvent) -> None:
        if language_changed(event):
            self.retranslate()
        super().changeEvent(event)

    # -- sizes ----------------------------------------------------------------------------

    def _label_height(self) -> int:
        return self.fontMetrics().height() + 4

    def above_picture(self) -> int:
        """Pixels of the view above its picture: the label line and a gap."""
        return _TOP + self._label_height() + _GAP

    def minimumSizeHint(self) -> QSize:
        return QSize(MIN_PICTURE, 0)  # only the column's free space: it never makes it taller

    def sizeHint(self) -> QSize:
        return QSize(320, self.above_picture() + 180)

    def picture_rect(self) -> QRect:
        """Where the frame is drawn: under the label, as large as the frame's aspect allows,
        centred across and at the top."""
        top = self.above_picture()
        room_width, room_height = self.width(), max(0, self.height() - top)
        frame = self.monitor.frame
        aspect = _DEFAULT_ASPECT
        if frame is not None and frame.image.height() > 0:
            aspect = frame.image.width() / frame.image.height()
        width = min(room_width, round(room_height * aspect))
        height = min(room_height, round(width / aspect))
        return QRect((room_width - width) // 2, top, width, height)

    # -- who sees it ----------------------------------------------------------------------

    def _check_seen(self) -> None:
        """Tell the monitor whether the operator can see this view, and how wide it is."""
        seen = (
            self.isVisible()
            and not self.window().isMinimized()
            and not self.visibleRegion().isEmpty()
        )
        pixels = self.picture_rect().width()
        too_small = pixels < MIN_PICTURE  # a column with no room left: not worth a request
        width = 0 if too_small or not seen else request_width(pixels * self.devicePixelRatioF())
        self.monitor.seen(self._key, width)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.window().installEventFilter(self)  # minimised and restored (idempotent)
        self._check_seen()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.monitor.seen(self._key, 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._check_seen()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowStateChange:
            self._check_seen()
        return False

    def on_monitor_changed(self, frame: Frame | None) -> None:
        if frame is not None:
            if self.visibleRegion().isEmpty():
                self._check_seen()  # clipped away (a scrolled or collapsed column): stop asking
            self._stale_timer.start(math.ceil(self.monitor.stale_after * 1000) + 20)
        self.update()

    def tick(self) -> None:
        """Once a second: a stale frame's age goes on."""
        if self.monitor.frame is not None:
            self.update()

    # -- drawing --------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        now = time.monotonic()
        monitor = self.monitor
        status, frame = monitor.status(now), monitor.frame
        picture = self.picture_rect()
        caption = self.caption(status, frame, now)
        # The state goes over the picture when it has room, else on the label line.
        roomy = picture.height() >= (len(caption) + 1) * self.fontMetrics().height()
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(PANEL))
        self._paint_label(painter, status, picture, "" if roomy else self.note(status, frame, now))
        painter.fillRect(picture, QColor(_SCREEN))
        if frame is not None and status in (Status.LIVE, Status.STALE, Status.NO_SIGNAL):
            _draw(painter, picture, frame.image)
            if status is not Status.LIVE:
                painter.fillRect(picture, _DIMMED)
        if roomy and caption:
            painter.setPen(QColor(self._note_colour(status)))
            painter.setFont(self._bold())
            flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
            painter.drawText(picture, flags, "\n".join(caption))
        painter.setPen(QColor(self._colour(status) if status is Status.LIVE else BORDER))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(picture.adjusted(0, 0, -1, -1))
        painter.end()
        self._check_seen()  # painted: it is in view (again, after being clipped away)

    def _bold(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        return font

    def _colour(self, status: Status) -> str:
        """The bus's colour while OBS has something on it, else the idle grey."""
        on = status not in (Status.NO_SIGNAL, Status.OFF)
        return _COLOURS[self.monitor.bus] if on else BORDER

    @staticmethod
    def _note_colour(status: Status) -> str:
        return DIM if status is Status.OFF else ATTENTION

    def _paint_label(self, painter: QPainter, status: Status, picture: QRect, note: str) -> None:
        """PGM or PVW in the bus's colour, the scene OBS has on it, and the state when the
        picture has no room for it."""
        word = self.tr("PGM") if self.monitor.bus is Bus.PROGRAM else self.tr("PVW")
        bold = self._bold()
        metrics = QFontMetrics(bold)
        height = self._label_height()
        # Over the picture's width, or the whole view's when the picture is too narrow.
        span = picture if picture.width() >= _LABEL_SPAN else self.rect()
        badge = QRect(span.left(), _TOP, metrics.horizontalAdvance(word) + 14, height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(self._colour(status)))
        painter.drawRoundedRect(badge, 3, 3)
        painter.setFont(bold)
        on = status not in (Status.NO_SIGNAL, Status.OFF)
        painter.setPen(QColor(PANEL if on else TEXT))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, word)
        left = badge.right() + 8
        room = max(1, span.right() - left)
        # The note gets what the scene leaves of the line; the scene keeps at least half.
        scene = self.monitor.scene or "—"
        note_room = 0
        if note:
            left_over = max(room - metrics.horizontalAdvance(scene), room // 2) - _TEXT_GAP
            # + 2: Qt elides a text given exactly its own width.
            note_room = max(0, min(metrics.horizontalAdvance(note) + 2, left_over))
        scene_room = room - note_room - (_TEXT_GAP if note else 0)
        scene = metrics.elidedText(scene, Qt.TextElideMode.ElideRight, scene_room)
        painter.setPen(QColor(TEXT if on else DIM))
        line = QRect(left, _TOP, room, height)
        painter.drawText(line, Qt.AlignmentFlag.AlignVCenter, scene)
        if note:
            painter.setPen(QColor(self._note_colour(status)))
            align = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight
            shown = metrics.elidedText(note, Qt.TextElideMode.ElideRight, note_room)
            painter.drawText(line, align, shown)

    def note(self, status: Status, frame: Frame | None, now: float) -> str:
        """The state in a word or two, for the label line (nothing while live)."""
        if status is Status.STALE and frame is not None:
            return self.tr("STALE {age}").format(age=self.age(frame.age(now)))
        if status is Status.NO_SIGNAL:
            return self.tr("NO SIGNAL")
        if status is Status.WAITING:
            return self.tr("waiting")
        return self.tr("off") if status is Status.OFF else ""

    def caption(self, status: Status, frame: Frame | None, now: float) -> list[str]:
        """The state in words, over the picture (nothing while live)."""
        if status is Status.NO_SIGNAL:
            if frame is None:
                return [self.tr("NO SIGNAL")]
            last = self.tr("last frame {age} ago").format(age=self.age(frame.age(now)))
            return [self.tr("NO SIGNAL"), last]
        if status is Status.STALE and frame is not None:
            stale = self.tr("STALE {age}").format(age=self.age(frame.age(now)))
            if frame.scene == self.monitor.scene:
                return [stale]
            return [stale, self.tr("(of {scene})").format(scene=frame.scene)]
        if status is Status.WAITING:
            return [self.tr("waiting for OBS…")]
        if status is Status.OFF:
            if self.monitor.bus is Bus.PREVIEW:
                return [self.tr("studio mode off")]
            return [self.tr("no program scene")]
        return []

    def age(self, seconds: float) -> str:
        """How old a frame is, in words."""
        if seconds < 1:
            return self.tr("<1 s")
        if seconds < 120:
            return self.tr("{seconds} s").format(seconds=f"{seconds:.0f}")
        return self.tr("{minutes} min").format(minutes=f"{seconds / 60:.0f}")


def _draw(painter: QPainter, picture: QRect, image: QImage) -> None:
    """The frame in the picture: as it is when OBS made it that size (give or take OBS's
    rounding of the height), else scaled smoothly (while the view is being resized)."""
    if abs(image.width() - picture.width()) <= 1 and abs(image.height() - picture.height()) <= 1:
        painter.drawImage(picture.topLeft(), image)
        return
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.drawImage(QRectF(picture), image)
