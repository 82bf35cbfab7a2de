"""The barrage in numbers: rate, moderation by rule (with the operator's releases: false
alarms), top questions and a mentions chart.

Refreshed from a ``StatsSnapshot`` about once a second; labels are only re-set when their
text changed, and the chart is drawn with QPainter (no chart library).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import NamedTuple

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from console.barrage.stats import StatsSnapshot
from console.ui.language import language_changed
from console.ui.theme import ACCENT, ATTENTION, BORDER, DIM, PANEL, PREVIEW, PROGRAM

SERIES_COLOURS = (ACCENT, ATTENTION, PREVIEW, PROGRAM, "#b48cff", "#4dd0e1", "#ff8a65")


class Entry(NamedTuple):
    """One product in the chart's legend."""

    product: str
    label: str
    box: QRectF


class MentionChart(QWidget):
    """Mentions per product per minute, one line each, the current minute on the right."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("mentionChart")
        self.setMinimumHeight(60)  # the questions above it keep the dock a laptop's size
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.minutes: list[int] = []
        self.series: dict[str, list[int]] = {}
        self.names: dict[str, str] = {}

    def sizeHint(self) -> QSize:
        return QSize(320, 140)

    def set_data(
        self, minutes: list[int], series: Mapping[str, list[int]], names: Mapping[str, str]
    ) -> None:
        data = (list(minutes), {key: list(values) for key, values in series.items()})
        if data == (self.minutes, self.series) and dict(names) == self.names:
            return
        self.minutes, self.series = data
        self.names = dict(names)
        self.update()

    def colour(self, product: str) -> QColor:
        order = sorted(self.names) if self.names else sorted(self.series)
        index = order.index(product) if product in order else len(order)
        return QColor(SERIES_COLOURS[index % len(SERIES_COLOURS)])

    def legend(self, width: float, line: float, advance: Callable[[str], int]) -> list[Entry]:
        """Where each product's legend entry goes: wrapped into rows within ``width``."""
        entries: list[Entry] = []
        x, y = 0.0, 2.0
        for product in sorted(self.series):
            values = self.series[product]
            label = f"■ {self.names.get(product, product)} {values[-1] if values else 0}"
            size = advance(label) + 12
            if x > 0 and x + size > width:
                x, y = 0.0, y + line
            entries.append(Entry(product, label, QRectF(x, y, size, line)))
            x += size
        return entries

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(PANEL))
        metrics = painter.fontMetrics()
        line = metrics.height()
        legend = self.legend(self.width() - 8, line, metrics.horizontalAdvance)
        legend_bottom = max((entry.box.bottom() for entry in legend), default=line)
        plot = QRectF(self.rect()).adjusted(34, legend_bottom + 8, -8, -line - 4)
        if plot.width() < 20 or plot.height() < 20:
            return
        peak = max((max(values) for values in self.series.values() if values), default=0)
        top = max(1, peak)
        painter.setPen(QPen(QColor(BORDER), 1))
        painter.drawRect(plot)
        painter.setPen(QColor(DIM))
        painter.drawText(
            QRectF(0, plot.top() - line / 2, 30, line), Qt.AlignmentFlag.AlignRight, str(top)
        )
        painter.drawText(
            QRectF(0, plot.bottom() - line / 2, 30, line), Qt.AlignmentFlag.AlignRight, "0"
        )
        span = len(self.minutes)
        footer = QRectF(plot.left(), plot.bottom() + 2, plot.width(), line)
        painter.drawText(
            footer, Qt.AlignmentFlag.AlignLeft, self.tr("-{minutes} min").format(minutes=span)
        )
        painter.drawText(footer, Qt.AlignmentFlag.AlignRight, self.tr("now"))
        if not self.series:
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, self.tr("no product mentions yet"))
            return
        step = plot.width() / max(1, span - 1)
        for entry in legend:
            values = self.series[entry.product]
            points = QPolygonF(
                [
                    QPointF(plot.left() + i * step, plot.bottom() - v / top * plot.height())
                    for i, v in enumerate(values)
                ]
            )
            colour = self.colour(entry.product)
            painter.setPen(QPen(colour, 2))
            painter.drawPolyline(points)
            painter.drawText(entry.box.translated(4, 0), Qt.AlignmentFlag.AlignLeft, entry.label)


class StatsPanel(QWidget):
    """Rate and totals, held/blocked by rule (and the false alarms among the blocked), the
    most asked questions, and the chart."""

    def __init__(self, product_names: Mapping[str, str], parent: QWidget) -> None:
        super().__init__(parent)
        self.product_names = dict(product_names)
        self.rate = QLabel(self)
        self.rules = QLabel(self)
        self.rules.setWordWrap(True)
        self.questions = QLabel(self)
        self.questions.setWordWrap(True)
        self.questions.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.chart = MentionChart(self)
        title = self.title = QLabel(self)
        title.setProperty("dim", True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.rate, self.rules, title, self.questions):
            layout.addWidget(widget)
        layout.addWidget(self.chart, 1)
        self._stats: StatsSnapshot | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Top questions"))
        self.show_stats(self._stats)

    def changeEvent(self, event: QEvent) -> None:
        if language_changed(event):
            self.retranslate()
        super().changeEvent(event)

    def show_stats(self, stats: StatsSnapshot | None) -> None:
        self._stats = stats
        rate = self.tr("{rate} msg/min · {total} received")
        rules = self.tr("held: {held}   ·   blocked: {blocked}")
        if stats is None:
            _set(self.rate, rate.format(rate=0, total=0))
            _set(self.rules, rules.format(held="—", blocked="—"))
            _set(self.questions, "—")
            return
        _set(self.rate, rate.format(rate=stats.per_minute, total=stats.total))
        blocked = self._by_rule(stats.blocked, stats.false_alarms)
        _set(self.rules, rules.format(held=self._by_rule(stats.held), blocked=blocked))
        lines = [f"{q.count}×  {q.text}" for q in stats.questions]
        _set(self.questions, "\n".join(lines[:SHOWN_QUESTIONS]) or "—")
        self.questions.setToolTip("\n".join(lines))
        self.chart.set_data(stats.minutes, stats.mentions, self._short_names(stats.mentions))

    def _short_names(self, products: Mapping[str, list[int]]) -> dict[str, str]:
        return {sku: self.product_names.get(sku, sku) for sku in products}

    def _by_rule(
        self, counts: Mapping[str, int], false_alarms: Mapping[str, int] | None = None
    ) -> str:
        """``contact 3 · spam 1``; a rule with releases says how many were false alarms."""
        parts = []
        for rule, count in counts.items():
            released = (false_alarms or {}).get(rule, 0)
            alarms = (
                self.tr(" (1 false alarm)")
                if released == 1
                else self.tr(" (%n false alarms)", "", released)
                if released
                else ""
            )
            parts.append(f"{rule} {count}{alarms}")
        return " · ".join(parts) or "—"


SHOWN_QUESTIONS = 3
"""Lines of top questions shown (all of them in the tooltip): more would make the barrage
dock, and the window, taller than a laptop screen."""


def _set(label: QLabel, text: str) -> None:
    if label.text() != text:
        label.setText(text)
