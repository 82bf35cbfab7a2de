"""The action log dock: every command run, newest at the bottom, failures in red."""

from __future__ import annotations

import time
from collections import deque

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from console.commands import ActionRecord
from console.ui.language import language_changed, shown
from console.ui.theme import PROGRAM


def columns() -> tuple[str, ...]:
    return (
        QCoreApplication.translate("ActionLog", "Time"),
        QCoreApplication.translate("ActionLog", "By"),
        QCoreApplication.translate("ActionLog", "Room"),
        QCoreApplication.translate("ActionLog", "Command"),
        QCoreApplication.translate("ActionLog", "Result"),
        QCoreApplication.translate("ActionLog", "ms"),
    )


def trigger_word(trigger: str) -> str:
    """Who ran a command (``hotkey F3``, ``button``, ``api``...) as the log shows it."""
    kind, _, key = trigger.partition(" ")
    if kind in ("hotkey", "key") and key:
        return QCoreApplication.translate("ActionLog", "hotkey {key}").format(key=key)
    if kind == "global" and key:  # a global hotkey, pressed in another application
        return QCoreApplication.translate("ActionLog", "global {key}").format(key=key)
    words = {
        "button": QCoreApplication.translate("ActionLog", "button"),
        "click": QCoreApplication.translate("ActionLog", "click"),
        "key": QCoreApplication.translate("ActionLog", "key"),
        "list": QCoreApplication.translate("ActionLog", "list"),
        "rundown": QCoreApplication.translate("ActionLog", "rundown"),
        "product editor": QCoreApplication.translate("ActionLog", "product editor"),
        "command bar": QCoreApplication.translate("ActionLog", "command bar"),
        "cue": QCoreApplication.translate("ActionLog", "cue"),
        "palette": QCoreApplication.translate("ActionLog", "palette"),
    }
    return words.get(trigger, trigger)


COLUMNS = 6
COLUMN_WIDTHS = (64, 96, 72, 180, 160, 44)
Index = QModelIndex | QPersistentModelIndex


class ActionLogModel(QAbstractTableModel):
    """A bounded table of action records; rows are precomputed text.

    Records arrive in the middle of commands; they are shown in batches a few times a
    second, so drawing the log never sits in a command's path.
    """

    def __init__(self, parent: QObject, keep: int = 1000, flush_ms: int = 200) -> None:
        # A parent makes Qt own the model: it must die on the GUI thread, never in a
        # worker thread that happens to run Python's garbage collector.
        super().__init__(parent)
        self._keep = keep
        self._rows: deque[tuple[tuple[str, ...], bool]] = deque()
        self._pending: list[tuple[tuple[str, ...], bool]] = []
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.setInterval(flush_ms)
        self._flush.timeout.connect(self.flush)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> str | None:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return columns()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        cells, ok = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return cells[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and not ok:
            return QColor(PROGRAM)
        return None

    def append(self, record: ActionRecord) -> None:
        cells = (
            time.strftime("%H:%M:%S", time.localtime(record.started)),
            trigger_word(record.source),
            record.room or (", ".join(o.room for o in record.rooms) if record.rooms else ""),
            record.line,
            shown(record.result) if record.ok else f"✗ {shown(record.result)}",
            f"{record.duration_ms:.1f}",
        )
        self._pending.append((cells, record.ok))
        if not self._flush.isActive():
            self._flush.start()

    def flush(self) -> None:
        """Show every pending record: one removal of the oldest rows, one insertion."""
        incoming, self._pending = self._pending[-self._keep :], []
        if not incoming:
            return
        excess = len(self._rows) + len(incoming) - self._keep
        if excess > 0:
            self.beginRemoveRows(QModelIndex(), 0, excess - 1)
            for _ in range(excess):
                self._rows.popleft()
            self.endRemoveRows()
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(incoming) - 1)
        self._rows.extend(incoming)
        self.endInsertRows()


class ActionLogView(QTableView):
    """Follows the newest action unless the operator scrolled up to read."""

    def __init__(self, model: ActionLogModel, parent: QWidget) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(22)
        # Fixed widths: sizing columns to their contents re-measures every row per insert.
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate(COLUMN_WIDTHS):
            self.setColumnWidth(column, width)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        model.rowsInserted.connect(self.on_model_rows_inserted)

    def changeEvent(self, event: QEvent) -> None:
        if language_changed(event):
            self.model().headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMNS - 1)
        super().changeEvent(event)

    def on_model_rows_inserted(self) -> None:
        bar = self.verticalScrollBar()
        if bar.value() >= bar.maximum() - 2:
            self.scrollToBottom()
