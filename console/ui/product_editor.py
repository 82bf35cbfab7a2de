"""Editing one product: a form whose changes become ``product.set`` commands.

Each changed field is one command, so every edit (a new price, more stock, a restarted
deal) is in the action log and saved to the profile by the show service.
"""

from __future__ import annotations

import os
import shlex
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from console.show.product import Product

Fire = Callable[[str, str], object]


def field_texts(product: Product, base_dir: Path) -> dict[str, str]:
    """Each editable field as the text ``product.set`` takes."""
    deal = product.deal
    return {
        "name": product.name,
        "price": str(product.price),
        "list_price": "" if product.list_price is None else str(product.list_price),
        "stock": "" if product.stock is None else str(product.stock),
        "link_no": "" if product.link_no is None else str(product.link_no),
        "images": " | ".join(os.path.relpath(image, base_dir) for image in product.images),
        "selling_points": " | ".join(product.selling_points),
        "guarantee": product.guarantee or "",
        "usage": product.usage or "",
        "deal": ""
        if deal is None
        else f"{deal.start.isoformat(timespec='minutes')} "
        f"{deal.end.isoformat(timespec='minutes')} {deal.price}",
    }


LABELS = {
    "name": "Name",
    "price": "Price (¥)",
    "list_price": "List price (¥, only a real one)",
    "stock": "Stock left",
    "link_no": "Cart link no.",
    "images": "Images (a | b)",
    "selling_points": "Selling points (a | b)",
    "guarantee": "Guarantee",
    "usage": "Usage",
    "deal": "Deal: START END PRICE",
}


class ProductEditor(QDialog):
    """The form for one product; Save fires one ``product.set`` per changed field."""

    def __init__(self, product: Product, base_dir: Path, fire: Fire, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(f"Edit {product.sku}")
        self.resize(640, 0)
        self._sku = product.sku
        self._base_dir = base_dir
        self._fire = fire
        self._original = field_texts(product, base_dir)
        self.fields = {key: QLineEdit(text, self) for key, text in self._original.items()}
        form = QFormLayout(self)
        for key, line in self.fields.items():
            if key == "images":
                row = QHBoxLayout()
                row.addWidget(line, 1)
                pick = QPushButton("Pick…", self)
                pick.clicked.connect(self.on_pick_clicked)
                row.addWidget(pick)
                form.addRow(LABELS[key], row)
            else:
                form.addRow(LABELS[key], line)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.on_save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def changes(self) -> list[str]:
        """The command lines that make the product what the form says."""
        lines = []
        for key, line in self.fields.items():
            text = line.text().strip()
            if text != self._original[key]:
                lines.append(f"product.set {shlex.quote(self._sku)} {key} {shlex.quote(text)}")
        return lines

    def on_save(self) -> None:
        for line in self.changes():
            self._fire(line, "product editor")
        self.accept()

    def on_pick_clicked(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, "Product images", str(self._base_dir), "Images (*.png *.jpg *.jpeg *.webp)"
        )
        if names:
            relative = [os.path.relpath(name, self._base_dir) for name in names]
            self.fields["images"].setText(" | ".join(relative))


class AddProductDialog(QDialog):
    """The three fields a new product needs; the rest is edited afterwards."""

    def __init__(self, fire: Fire, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle("Add product")
        self._fire = fire
        self.sku = QLineEdit(self)
        self.sku.setPlaceholderText("e.g. steak-ribeye-1kg")
        self.name = QLineEdit(self)
        self.price = QLineEdit(self)
        self.price.setPlaceholderText("e.g. 69")
        form = QFormLayout(self)
        form.addRow("SKU", self.sku)
        form.addRow("Name", self.name)
        form.addRow("Price (¥)", self.price)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.on_save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def command(self) -> str:
        parts = (self.sku.text().strip(), self.name.text().strip(), self.price.text().strip())
        return "product.add " + " ".join(shlex.quote(part) for part in parts)

    def on_save(self) -> None:
        self._fire(self.command(), "product editor")
        self.accept()
