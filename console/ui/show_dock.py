"""The show dock: products, the slide exactly as OBS got it, and the rundown.

Enter or a double-click on a product shows its slide; on a rundown item, goes to it. The
rundown is reordered by drag and drop. Everything runs through commands.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QDropEvent, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.show.deal import format_countdown
from console.show.service import ShowService
from console.ui.follow import follow
from console.ui.language import language_changed, shown
from console.ui.product_editor import AddProductDialog, ProductEditor
from console.ui.surface import Fire
from console.ui.theme import ATTENTION, DIM, PREVIEW, PROGRAM, mark, named


def product_columns() -> list[str]:
    return [
        QCoreApplication.translate("ProductTable", "#"),
        QCoreApplication.translate("ProductTable", "Product"),
        QCoreApplication.translate("ProductTable", "Price"),
        QCoreApplication.translate("ProductTable", "List"),
        QCoreApplication.translate("ProductTable", "Stock"),
        QCoreApplication.translate("ProductTable", "Check"),
    ]


class ProductTable(QTableWidget):
    """The catalogue; a product with prohibited terms is flagged with the terms found."""

    def __init__(self, show: ShowService, fire: Fire, parent: QWidget) -> None:
        super().__init__(0, len(product_columns()), parent)
        self._show = show
        self._fire = fire
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.itemActivated.connect(self.on_item_activated)
        follow(self, show.subscribe(lambda what: self.rebuild()))
        self.rebuild()

    def changeEvent(self, event: QEvent) -> None:
        if language_changed(event):
            self.rebuild()
        super().changeEvent(event)

    def rebuild(self) -> None:
        self.setHorizontalHeaderLabels(product_columns())
        selected = self.selected_sku()
        room = next(iter(self._show.rooms), None)
        pusher = room.slides if room is not None and room.has_slides else None
        self.setRowCount(len(self._show.products))
        for row, product in enumerate(self._show.products.values()):
            findings = pusher.findings(product) if pusher is not None else []
            cells = (
                self.tr("No. {number}").format(number=product.link_no) if product.link_no else "",
                product.name,
                f"¥{product.price}",
                f"¥{product.list_price}" if product.list_price else "",
                "" if product.stock is None else str(product.stock),
                "⚠ " + ", ".join(sorted({f.hit.term for f in findings}))
                if findings
                else self.tr("ok"),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, product.sku)
                if findings:
                    item.setToolTip("\n".join(shown(f.describe()) for f in findings))
                if column == len(cells) - 1:
                    item.setForeground(QBrush(QColor(PROGRAM if findings else PREVIEW)))
                self.setItem(row, column, item)
            if product.sku == selected:
                self.selectRow(row)

    def selected_sku(self) -> str | None:
        item = self.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def on_item_activated(self, item: QTableWidgetItem) -> None:
        self._fire("slide.show", "list", sku=str(item.data(Qt.ItemDataRole.UserRole)))


class RundownList(QListWidget):
    """The run of the show: current item marked, planned and actual minutes, drag to reorder."""

    def __init__(self, show: ShowService, fire: Fire, parent: QWidget) -> None:
        super().__init__(parent)
        self._show = show
        self._fire = fire
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        follow(self, show.rundown.subscribe(lambda what: self.refresh()))
        self.itemActivated.connect(self.on_item_activated)
        self.refresh()

    def refresh(self) -> None:
        rundown = self._show.rundown
        if self.count() != len(rundown.entries):
            self.clear()
            for _ in rundown.entries:
                self.addItem(QListWidgetItem())
        for index, entry in enumerate(rundown.entries):
            marker = (
                "▶" if index == rundown.current else ("›" if index == rundown.next_index else " ")
            )
            planned = (
                f"{entry.item.planned_s // 60}:{entry.item.planned_s % 60:02d}"
                if (entry.item.planned_s)
                else "–"
            )
            actual = format_countdown(int(rundown.elapsed(index)))
            item = self.item(index)
            item.setText(f"{marker} {index + 1}. {entry.item.title}   {actual} / {planned}")
            late = (
                entry.item.planned_s is not None and rundown.elapsed(index) > entry.item.planned_s
            )
            item.setForeground(
                QBrush(QColor(ATTENTION if late else DIM if index < rundown.current else "#e8eaed"))
            )

    def on_item_activated(self, item: QListWidgetItem) -> None:
        self._fire("rundown.goto", "rundown", item=str(self.row(item) + 1))

    def dropEvent(self, event: QDropEvent) -> None:
        source = self.currentRow()
        super().dropEvent(event)
        target = self.currentRow()
        if source != target and source >= 0 and target >= 0:
            # The model is the rundown's, not the widget's: put the row back and let the
            # command move the item (and save it); the list redraws from the rundown.
            self.refresh()
            self._fire("rundown.move", "rundown", item=str(source + 1), position=target + 1)


class ShowPanel(QWidget):
    """Products, the slide as pushed (for the room the operator works in), the rundown."""

    def __init__(self, show: ShowService, fire: Fire, room: Callable[[], str], parent: QWidget):
        super().__init__(parent)
        self._show = show
        self._fire = fire
        self._room = room
        self.products = ProductTable(show, fire, self)
        self.preview = named(QLabel(self), "slidePreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumHeight(90)
        self.preview.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.status = named(QLabel(self), "slideStatus")
        self.status.setWordWrap(True)
        self.rundown = RundownList(show, fire, self)
        # Small minimums: two rooms, this dock and the barrage fit a 1366x768 laptop.
        self.products.setMinimumHeight(90)
        self.rundown.setMinimumHeight(60)
        editing = QHBoxLayout()
        self.buttons: list[QPushButton] = []
        for slot in (
            self.on_edit_clicked,
            self.on_add_clicked,
            lambda: self.on_move_clicked(-1),
            lambda: self.on_move_clicked(1),
        ):
            button = QPushButton(self)
            button.clicked.connect(slot)
            editing.addWidget(button)
            self.buttons.append(button)
        buttons = QHBoxLayout()
        for name in ("slide.prev", None, "slide.hide", "slide.next"):
            button = QPushButton(self)
            button.clicked.connect(lambda _=False, name=name: self.on_button(name))
            buttons.addWidget(button)
            self.buttons.append(button)
        self.rundown_title = QLabel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.products, 2)
        layout.addLayout(editing)
        layout.addLayout(buttons)
        layout.addWidget(self.preview, 3)
        layout.addWidget(self.status)
        layout.addWidget(self.rundown_title)
        layout.addWidget(self.rundown, 2)
        for runtime in show.rooms:
            if runtime.has_slides:
                follow(self, runtime.slides.subscribe(self.on_pusher_changed))
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self.rundown.refresh)
        self._ticker.start()
        self._last_pushed: str | None = None
        self.retranslate()

    def retranslate(self) -> None:
        labels = (
            self.tr("Edit…"),
            self.tr("Add…"),
            "▲",
            "▼",
            self.tr("◀ Prev"),
            self.tr("Show"),
            self.tr("Hide"),
            self.tr("Next ▶"),
        )
        for button, label in zip(self.buttons, labels, strict=True):
            button.setText(label)
        self.rundown_title.setText(self.tr("Rundown (Enter: go to item, drag to reorder)"))
        if self._last_pushed is None:  # no slide pushed or hidden yet
            rooms = self._show.rooms
            unavailable = next((r.slides_unavailable for r in rooms if not r.has_slides), "")
            self.status.setText(shown(unavailable))
            self.preview.setText(self.tr("no slide on air"))
        else:
            self.on_pusher_changed(self._last_pushed)

    def changeEvent(self, event: QEvent) -> None:
        if language_changed(event):
            self.retranslate()
        super().changeEvent(event)

    def on_button(self, name: str | None) -> None:
        if name is not None:
            self._fire(name, "button")
            return
        sku = self.products.selected_sku()
        if sku is not None:
            self._fire("slide.show", "button", sku=sku)

    def on_edit_clicked(self) -> None:
        sku = self.products.selected_sku()
        if sku is not None:
            base = self._show.profile.path.parent
            ProductEditor(self._show.products[sku], base, self._fire, self).open()

    def on_add_clicked(self) -> None:
        AddProductDialog(self._fire, self).open()

    def on_move_clicked(self, step: int) -> None:
        sku = self.products.selected_sku()
        if sku is not None:
            position = list(self._show.products).index(sku) + 1 + step
            self._fire("product.move", "button", sku=sku, position=max(1, position))

    def on_pusher_changed(self, what: str) -> None:
        """Show exactly the image OBS accepted ("pushed"), nothing after "hidden"."""
        room = self._show.rooms.get(self._room())
        if not room.has_slides:
            return
        pusher = room.slides
        last = pusher.last
        self._last_pushed = what
        if what == "hidden" or last is None:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(self.tr("no slide on air"))
        elif what == "pushed":
            pixmap = QPixmap.fromImage(last.image).scaled(
                self.preview.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            self.preview.setPixmap(pixmap)
        product = self._show.products.get(last.sku) if last is not None else None
        on_air = (
            self.tr("on air: {product}").format(product=product.name)
            if product is not None and what == "pushed"
            else ""
        )
        self.status.setText(shown(pusher.last_error) or on_air)
        mark(self.status, "alert", bool(pusher.last_error))
