"""The review queue in the window: held comments with the rule and the matched span marked.

``JudgedListModel`` mirrors a list of judged messages from its change notices, a batch at
a time (a spam wave can hold hundreds a second): one insertion for what arrived, one
removal per contiguous run of what left. ``ReviewModel`` is the service's ``ReviewQueue``
seen that way (the blocked list is another, in ``console.ui.blocked_view``).
``SpanDelegate`` draws a row as a rule tag followed by the text with the matched span in
another colour; the feed uses it too. ``UserPanel`` lists the selected author's recent
messages.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from console.barrage.message import Message
from console.barrage.review import Decision, ReviewChange
from console.barrage.verdict import Judged
from console.ui.barrage_feed import FeedFlag, FeedRole
from console.ui.language import shown
from console.ui.theme import ATTENTION, BORDER, DIM, PREVIEW, PROGRAM, RAISED, TEXT

Index = QModelIndex | QPersistentModelIndex
TAG_ROLE = Qt.ItemDataRole.UserRole + 20  # short label drawn before the text, or None

TAG_COLOURS = {
    "held": ATTENTION,
    "approved": PREVIEW,
    "rejected": DIM,
    "expired": DIM,
    "banned": PROGRAM,
}


def status_word(status: str) -> str:
    """A message's status (``console.barrage.moderator.Moderator.status``) as shown."""
    words = {
        "held": QCoreApplication.translate("Review", "held"),
        "approved": QCoreApplication.translate("Review", "approved"),
        "rejected": QCoreApplication.translate("Review", "rejected"),
        "expired": QCoreApplication.translate("Review", "expired"),
        "released": QCoreApplication.translate("Review", "released"),
        "banned": QCoreApplication.translate("Review", "banned"),
        "pass": QCoreApplication.translate("Review", "pass"),
        "hold": QCoreApplication.translate("Review", "hold"),
        "block": QCoreApplication.translate("Review", "block"),
        "unknown": QCoreApplication.translate("Review", "unknown"),
    }
    return words.get(status, status)


class ReviewRow(NamedTuple):
    judged: Judged
    display: str
    tooltip: str
    highlight: tuple[int, int] | None


def review_row(judged: Judged) -> ReviewRow:
    message, verdict, _ = judged
    prefix = f"{message.user_name}: "
    span = verdict.span
    highlight = (len(prefix) + span[0], len(prefix) + span[1]) if span is not None else None
    stamp = time.strftime("%H:%M:%S", time.localtime(message.time))
    tooltip = f"{stamp} · {message.platform} · {shown(verdict.describe())}"
    return ReviewRow(judged, prefix + message.text, tooltip, highlight)


class JudgedListModel(QAbstractListModel):
    """Judged messages, oldest first, as a list in the service holds them."""

    flushed = Signal()  # rows moved: the view puts the selection back where it belongs

    def __init__(self, held: Iterable[Judged], parent: QObject, flush_ms: int = 100) -> None:
        super().__init__(parent)
        self._rows: list[ReviewRow] = [review_row(judged) for judged in held]
        self._adds: dict[str, Judged] = {}
        self._removes: set[str] = set()
        self.updating = False  # True while rows move because the queue changed
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(flush_ms)
        self._timer.timeout.connect(self.flush)

    def added(self, judged: Judged) -> None:
        """The list took a message: shown at the next flush."""
        key = judged.message.id
        self._removes.discard(key)
        self._adds[key] = judged
        self._later()

    def removed(self, judged: Judged) -> None:
        """The message left the list: gone at the next flush."""
        if self._adds.pop(judged.message.id, None) is None:
            self._removes.add(judged.message.id)
        self._later()

    def _later(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def flush(self) -> None:
        """Apply what changed: removals as contiguous runs (bottom up), then one insert."""
        self._timer.stop()
        removes, self._removes = self._removes, set()
        adds, self._adds = self._adds, {}
        self.updating = True
        try:
            if removes:
                rows = [n for n, row in enumerate(self._rows) if row.judged.message.id in removes]
                for first, last in reversed(_runs(rows)):
                    self.beginRemoveRows(QModelIndex(), first, last)
                    del self._rows[first : last + 1]
                    self.endRemoveRows()
            if adds:
                first = len(self._rows)
                self.beginInsertRows(QModelIndex(), first, first + len(adds) - 1)
                self._rows.extend(review_row(judged) for judged in adds.values())
                self.endInsertRows()
        finally:
            self.updating = False
        if removes or adds:
            self.flushed.emit()

    def row_of(self, message_id: str | None) -> int:
        for number, row in enumerate(self._rows):
            if row.judged.message.id == message_id:
                return number
        return -1

    def message_id(self, row: int) -> str:
        return self._rows[row].judged.message.id

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.display
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tooltip
        if role == TAG_ROLE:
            return row.judged.verdict.rule
        if role == FeedRole.HIGHLIGHT:
            return list(row.highlight) if row.highlight is not None else None
        if role == FeedRole.MESSAGE_ID:
            return row.judged.message.id
        if role == FeedRole.USER:
            return row.judged.message.user_key
        if role == FeedRole.JUDGED:
            return row.judged
        return None


class ReviewModel(JudgedListModel):
    """Held messages, oldest first, as the review queue holds them."""

    def on_review_changed(self, change: ReviewChange) -> None:
        if change.decision is Decision.HELD:
            self.added(change.held)
        else:
            self.removed(change.held)


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Sorted row numbers as (first, last) runs of consecutive rows."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs


class SpanDelegate(QStyledItemDelegate):
    """A one-line row: an optional tag (the rule, or a held row's fate) and the text with
    the matched span drawn in the alert colour on a raised background."""

    def __init__(self, parent: QObject, status: Callable[[str], str] | None = None) -> None:
        super().__init__(parent)
        self._status = status  # message id -> held/approved/...: tags held rows of the feed
        self._span_pen = QColor(PROGRAM)
        self._span_back = QColor(RAISED)
        self._tag_back = QColor(BORDER)

    def _tag(self, index: Index) -> str | None:
        tag = index.data(TAG_ROLE)
        if tag:
            return str(tag)
        if self._status is not None:
            flags = index.data(FeedRole.FLAGS) or 0
            if flags & FeedFlag.HELD:
                return self._status(str(index.data(FeedRole.MESSAGE_ID)))
        return None

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        painter.save()
        try:
            rect = opt.rect.adjusted(6, 0, -4, 0)
            metrics = QFontMetrics(opt.font)
            tag = self._tag(index)
            if tag:
                rect = self._draw_tag(painter, opt, rect, metrics, tag)
            foreground = index.data(Qt.ItemDataRole.ForegroundRole)
            colour = foreground.color() if isinstance(foreground, QBrush) else QColor(TEXT)
            highlight = index.data(FeedRole.HIGHLIGHT)
            span = (int(highlight[0]), int(highlight[1])) if highlight else None
            self._draw_text(painter, opt.font, metrics, rect, text, span, colour)
        finally:
            painter.restore()

    def _draw_tag(
        self,
        painter: QPainter,
        opt: QStyleOptionViewItem,
        rect: QRect,
        metrics: QFontMetrics,
        tag: str,
    ) -> QRect:
        label = status_word(tag)
        width = metrics.horizontalAdvance(label) + 10
        box = QRect(rect.left(), rect.top() + 3, width, rect.height() - 6)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._tag_back)
        painter.drawRoundedRect(box, 3, 3)
        painter.setPen(QColor(TAG_COLOURS.get(tag, ATTENTION)))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)
        return rect.adjusted(width + 6, 0, 0, 0)

    def _draw_text(
        self,
        painter: QPainter,
        font: QFont,
        metrics: QFontMetrics,
        rect: QRect,
        text: str,
        span: tuple[int, int] | None,
        colour: QColor,
    ) -> None:
        parts: list[tuple[str, bool]] = [(text, False)]
        if span is not None and 0 <= span[0] < span[1] <= len(text):
            start, end = span
            parts = [(text[:start], False), (text[start:end], True), (text[end:], False)]
        x = rect.left()
        right = rect.right()
        flags = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
        for part, marked in parts:
            if not part or x >= right:
                continue
            room = right - x
            shown = metrics.elidedText(part, Qt.TextElideMode.ElideRight, room)
            width = metrics.horizontalAdvance(shown)
            box = QRect(x, rect.top(), width + 1, rect.height())
            if marked:
                painter.fillRect(box.adjusted(-1, 2, 1, -2), self._span_back)
                bold = QFont(font)
                bold.setBold(True)
                painter.setFont(bold)
                painter.setPen(self._span_pen)
            else:
                painter.setFont(font)
                painter.setPen(colour)
            painter.drawText(box, flags, shown)
            x += width

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        metrics = QFontMetrics(option.font)
        return QSize(option.rect.width(), metrics.height() + 8)


class UserPanel(QWidget):
    """The selected message's author: name, id, and their last messages with verdicts."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.title = QLabel(self.tr("No message selected"), self)
        self.title.setWordWrap(True)
        self.messages = QListWidget(self)
        self.messages.setWordWrap(True)
        self.messages.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._shown: tuple[str, ...] = ()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.messages, 1)

    def forget(self) -> None:
        """Draw again at the next ``show_user`` (its words changed language)."""
        self._shown = ("",)

    def show_user(
        self,
        message: Message | None,
        recent: list[Judged],
        banned: bool,
        status: Callable[[str], str],
    ) -> None:
        """Show ``message``'s author and ``recent`` (oldest first); only redraws on change."""
        if message is None:
            key: tuple[str, ...] = ()
        else:
            key = (message.user_key, str(banned), *(j.message.id for j in recent))
            key += tuple(status(j.message.id) for j in recent)
        if key == self._shown:
            return
        self._shown = key
        self.messages.clear()
        if message is None:
            self.title.setText(self.tr("No message selected"))
            return
        who = message.user_name
        if message.user_id and message.user_id != message.user_name:
            who += f"  ({message.user_id})"
        banned_mark = self.tr("  · BANNED") if banned else ""
        self.title.setText(
            self.tr("{who}{banned} · %n recent", "", len(recent)).format(
                who=who, banned=banned_mark
            )
        )
        for judged in reversed(recent):
            stamp = time.strftime("%H:%M:%S", time.localtime(judged.message.time))
            word = status_word(status(judged.message.id))
            self.messages.addItem(f"{stamp}  [{word}]  {judged.message.text}")
