"""The action log dock: every command run, newest at the bottom, failures in red."""

from __future__ import annotations

import time
from collections import deque

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from console.commands import ActionRecord
from console.ui.theme import PROGRAM

COLUMNS = ("Time", "By", "Command", "Result", "ms")
Index = QModelIndex | QPersistentModelIndex


class ActionLogModel(QAbstractTableModel):
    """A bounded table of action records; rows are precomputed text."""

    def __init__(self, keep: int = 1000) -> None:
        super().__init__()
        self._keep = keep
        self._rows: deque[tuple[tuple[str, ...], bool]] = deque()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> str | None:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
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
        if len(self._rows) >= self._keep:
            self.beginRemoveRows(QModelIndex(), 0, 0)
            self._rows.popleft()
            self.endRemoveRows()
        cells = (
            time.strftime("%H:%M:%S", time.localtime(record.started)),
            record.source,
            record.line,
            record.result if record.ok else f"✗ {record.result}",
            f"{record.duration_ms:.1f}",
        )
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append((cells, record.ok))
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
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        model.rowsInserted.connect(self.on_model_rows_inserted)

    def on_model_rows_inserted(self) -> None:
        bar = self.verticalScrollBar()
        if bar.value() >= bar.maximum() - 2:
            self.scrollToBottom()
