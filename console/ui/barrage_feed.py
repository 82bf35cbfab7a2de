"""The operator's barrage feed: a list model that stays smooth at thousands of messages a second.

Judged messages arrive in batches (``push``) and wait in a buffer; a timer flushes the
buffer at most 30 times a second with ONE ``beginInsertRows`` for everything new and, when
the model is over capacity, ONE ``beginRemoveRows`` for the oldest rows. Everything a row
shows is computed once at flush (display text, tooltip, colour, flags), so ``data()`` only
reads fields. Pausing (hover, a held key) stops rows moving, not ingestion: what arrives
waits in the buffer (only the newest ``capacity`` are kept, since no more could be shown)
and ``pending_changed`` tells the view how many came in.

``BarrageFilter`` narrows the feed to questions, to mentions of one product, or to gifts
and orders, and hides blocked messages unless asked.
"""

from __future__ import annotations

import enum
import time
from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, NamedTuple

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from console.barrage.classify import ProductMatcher, is_question
from console.barrage.message import Kind
from console.barrage.verdict import Action, Judged
from console.ui.language import shown
from console.ui.theme import ATTENTION, DIM

Index = QModelIndex | QPersistentModelIndex


class FeedFlag(enum.IntFlag):
    QUESTION = 1
    GIFT = 2
    ORDER = 4
    MENTION = 8
    HELD = 16
    BLOCKED = 32
    EVENT = 64  # enter, like, follow: room activity rather than words


class FeedRole(enum.IntEnum):
    JUDGED = Qt.ItemDataRole.UserRole + 1  # the Judged (message, verdict, normalised)
    MESSAGE_ID = Qt.ItemDataRole.UserRole + 2
    USER = Qt.ItemDataRole.UserRole + 3  # user id, else name: what bans and history use
    ACTION = Qt.ItemDataRole.UserRole + 4  # "pass" | "hold" | "block"
    FLAGS = Qt.ItemDataRole.UserRole + 5  # FeedFlag as int
    PRODUCTS = Qt.ItemDataRole.UserRole + 6  # product ids mentioned
    HIGHLIGHT = Qt.ItemDataRole.UserRole + 7  # matched span in the display text, or None


class FeedRow(NamedTuple):
    """What one row shows, computed once when it enters the model."""

    judged: Judged
    display: str
    tooltip: str
    flags: int
    products: tuple[str, ...]
    highlight: tuple[int, int] | None
    brush: QBrush | None


_HELD_BRUSH = QBrush(QColor(ATTENTION))
_BLOCKED_BRUSH = QBrush(QColor(DIM))


def _event_words() -> dict[Kind, str]:
    return {
        Kind.ENTER: QCoreApplication.translate("BarrageFeed", "{user} joined"),
        Kind.LIKE: QCoreApplication.translate("BarrageFeed", "{user} liked the stream"),
        Kind.FOLLOW: QCoreApplication.translate("BarrageFeed", "{user} followed"),
    }


# Plain ints on the hot path: IntFlag arithmetic costs a Python call per operation.
_QUESTION, _GIFT, _ORDER, _MENTION, _HELD, _BLOCKED, _EVENT = (
    int(flag)
    for flag in (
        FeedFlag.QUESTION,
        FeedFlag.GIFT,
        FeedFlag.ORDER,
        FeedFlag.MENTION,
        FeedFlag.HELD,
        FeedFlag.BLOCKED,
        FeedFlag.EVENT,
    )
)
_stamp_cache: list[tuple[int, str]] = [(-1, "")]


def _clock(when: float) -> str:
    """``HH:MM:SS`` of a time, formatted once per second rather than once per row."""
    second = int(when)
    cached = _stamp_cache[0]
    if cached[0] != second:
        cached = (second, time.strftime("%H:%M:%S", time.localtime(second)))
        _stamp_cache[0] = cached
    return cached[1]


def make_row(judged: Judged, products: ProductMatcher | None) -> FeedRow:
    """The row for a judged message (module level so the benchmark can time it alone)."""
    message, verdict, normalised = judged
    kind = message.kind
    flags = 0
    highlight: tuple[int, int] | None = None
    mentioned: tuple[str, ...] = ()
    if kind is Kind.COMMENT:
        prefix = message.user_name + ": "
        display = prefix + message.text
        if verdict.span is not None:
            highlight = (len(prefix) + verdict.span[0], len(prefix) + verdict.span[1])
        if is_question(message.text, normalised):
            flags = _QUESTION
        if message.extra and "bits" in message.extra:
            flags |= _GIFT
        if products is not None:
            mentioned = products.mentions(normalised)
            if mentioned:
                flags |= _MENTION
    elif kind is Kind.GIFT:
        gift = (
            message.extra.get("gift")
            or message.text
            or QCoreApplication.translate("BarrageFeed", "a gift")
        )
        count = message.extra.get("count")
        display = QCoreApplication.translate("BarrageFeed", "{user} sent {gift}").format(
            user=message.user_name, gift=gift
        )
        display += f" ×{count}" if count else ""
        flags = _GIFT
    elif kind is Kind.ORDER:
        item = message.extra.get("product") or message.text
        display = (
            QCoreApplication.translate("BarrageFeed", "{user} ordered {item}").format(
                user=message.user_name, item=item
            )
            if item
            else QCoreApplication.translate("BarrageFeed", "{user} ordered").format(
                user=message.user_name
            )
        )
        flags = _ORDER
    else:
        words = _event_words().get(kind, "{user} " + kind.value)
        display = words.format(user=message.user_name)
        flags = _EVENT
    action = verdict.action
    brush: QBrush | None = None
    if action is Action.PASS:
        tooltip = _clock(message.time) + " · " + message.platform
    else:
        flags |= _HELD if action is Action.HOLD else _BLOCKED
        brush = _HELD_BRUSH if action is Action.HOLD else _BLOCKED_BRUSH
        tooltip = (
            _clock(message.time) + " · " + message.platform + " · " + shown(verdict.describe())
        )
    return FeedRow(judged, display, tooltip, flags, mentioned, highlight, brush)


class BarrageFeedModel(QAbstractListModel):
    """The newest ``capacity`` judged messages, oldest first."""

    pending_changed = Signal(int)  # messages that arrived while paused (0 after resuming)
    flushed = Signal(int)  # rows inserted by one flush: the view scrolls to the end on it

    def __init__(
        self,
        capacity: int = 1000,
        max_rate: float = 30.0,
        products: ProductMatcher | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self.products = products
        self._rows: list[FeedRow] = []
        self._pending: deque[Judged] = deque(maxlen=capacity)
        self._paused = False
        self._waiting = 0  # arrived since the pause began
        self._reported = 0
        self.received = 0
        self.skipped = 0  # arrived but never shown: more came in one flush than fit
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(max(1, round(1000 / max_rate)))
        self._timer.timeout.connect(self.on_timer_timeout)

    # -- feeding --------------------------------------------------------------------------

    def push(self, batch: Sequence[Judged]) -> None:
        """Buffer a batch (an ingest listener); the next timer tick shows it."""
        if not batch:
            return
        pending = self._pending
        self.skipped += max(0, len(pending) + len(batch) - self.capacity)  # pushed out unseen
        pending.extend(batch)
        self.received += len(batch)
        if self._paused:
            self._waiting += len(batch)
        if not self._timer.isActive():
            self._timer.start()

    def on_timer_timeout(self) -> None:
        self.flush()

    def flush(self) -> int:
        """Show what is buffered now (unless paused); return the rows inserted."""
        if self._paused:
            if self._waiting != self._reported:
                self._reported = self._waiting
                self.pending_changed.emit(self._waiting)
            return 0
        if not self._pending:
            return 0
        products = self.products
        rows = [make_row(judged, products) for judged in self._pending]
        self._pending.clear()
        overflow = len(self._rows) + len(rows) - self.capacity
        if overflow > 0:
            self.beginRemoveRows(QModelIndex(), 0, overflow - 1)
            del self._rows[:overflow]
            self.endRemoveRows()
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()
        self.flushed.emit(len(rows))
        return len(rows)

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def pending(self) -> int:
        """How many messages arrived while paused ("N new")."""
        return self._waiting

    def set_paused(self, paused: bool) -> None:
        """Hold the rows still (hover, a held key) or let them move again."""
        if paused == self._paused:
            return
        self._paused = paused
        if paused:
            self._waiting = self._reported = 0
            return
        self._waiting = self._reported = 0
        self.pending_changed.emit(0)
        self.flush()

    def set_products(self, products: ProductMatcher | None) -> None:
        """Use new product keywords from the next flush on (rows shown keep their flags)."""
        self.products = products

    def clear(self) -> None:
        self.beginResetModel()
        self._rows.clear()
        self._pending.clear()
        self.endResetModel()

    # -- reading --------------------------------------------------------------------------

    def row_at(self, row: int) -> FeedRow:
        return self._rows[row]

    def find(self, message_id: str) -> int:
        """The row of a message id, or -1 (newest first: selections are usually recent)."""
        for row in range(len(self._rows) - 1, -1, -1):
            if self._rows[row].judged.message.id == message_id:
                return row
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row_number = index.row()
        if not index.isValid() or not 0 <= row_number < len(self._rows):
            return None
        row = self._rows[row_number]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.display
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tooltip
        if role == Qt.ItemDataRole.ForegroundRole:
            return row.brush
        if role == FeedRole.JUDGED:
            return row.judged
        if role == FeedRole.MESSAGE_ID:
            return row.judged.message.id
        if role == FeedRole.USER:
            return row.judged.message.user_key
        if role == FeedRole.ACTION:
            return row.judged.verdict.action.label
        if role == FeedRole.FLAGS:
            return row.flags
        if role == FeedRole.PRODUCTS:
            return list(row.products)
        if role == FeedRole.HIGHLIGHT:
            return list(row.highlight) if row.highlight is not None else None
        return None

    def roleNames(self) -> dict[int, QByteArray]:
        names = dict(super().roleNames())
        names.update({role.value: QByteArray(role.name.lower().encode()) for role in FeedRole})
        return names


class BarrageFilter(QSortFilterProxyModel):
    """Which feed rows to show. All filters combine (AND); blocked rows are hidden unless
    ``show_blocked``."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._questions = False
        self._gifts_orders = False
        self._product: str | None = None
        self._show_blocked = False

    @property
    def questions_only(self) -> bool:
        return self._questions

    def set_questions_only(self, on: bool) -> None:
        with self._filter_change():
            self._questions = on

    @property
    def gifts_orders_only(self) -> bool:
        return self._gifts_orders

    def set_gifts_orders_only(self, on: bool) -> None:
        with self._filter_change():
            self._gifts_orders = on

    @property
    def product(self) -> str | None:
        return self._product

    def set_product(self, product: str | None) -> None:
        """Only rows mentioning this product id (None: any)."""
        with self._filter_change():
            self._product = product

    @property
    def show_blocked(self) -> bool:
        return self._show_blocked

    def set_show_blocked(self, on: bool) -> None:
        with self._filter_change():
            self._show_blocked = on

    @contextmanager
    def _filter_change(self) -> Iterator[None]:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+
            self.beginFilterChange()
            yield
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            yield
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        source = self.sourceModel()
        if not isinstance(source, BarrageFeedModel):
            return True
        row = source.row_at(source_row)
        flags = row.flags
        if flags & FeedFlag.BLOCKED and not self._show_blocked:
            return False
        if self._questions and not flags & FeedFlag.QUESTION:
            return False
        if self._gifts_orders and not flags & (FeedFlag.GIFT | FeedFlag.ORDER):
            return False
        return not (self._product is not None and self._product not in row.products)
