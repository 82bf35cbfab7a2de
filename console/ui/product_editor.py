"""Editing one product: a form whose changes become ``product.set`` commands.

Each changed field is one command, so every edit (a new price, more stock, a restarted
deal) is in the action log and saved to the profile by the show service.
"""

from __future__ import annotations

import os
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

from console.product_fields import EDITABLE, product_field
from console.show.edits import field_text
from console.show.product import Product
from console.ui.language import shown
from console.ui.surface import Fire


def field_texts(product: Product, base_dir: Path) -> dict[str, str]:
    """Each editable field as the text ``product.set`` takes."""
    return {field.name: field_text(product, field.name, base_dir) for field in EDITABLE}


class ProductEditor(QDialog):
    """The form for one product; Save fires one ``product.set`` per changed field."""

    def __init__(self, product: Product, base_dir: Path, fire: Fire, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Edit {sku}").format(sku=product.sku))
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
                pick = QPushButton(self.tr("Pick…"), self)
                pick.clicked.connect(self.on_pick_clicked)
                row.addWidget(pick)
                form.addRow(shown(product_field(key).label), row)
            else:
                form.addRow(shown(product_field(key).label), line)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.on_save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def changes(self) -> list[dict[str, str]]:
        """The ``product.set`` arguments that make the product what the form says."""
        changes = []
        for key, line in self.fields.items():
            text = line.text().strip()
            if text != self._original[key]:
                changes.append({"sku": self._sku, "field": key, "value": text})
        return changes

    def on_save(self) -> None:
        for change in self.changes():
            self._fire("product.set", "product editor", **change)
        self.accept()

    def on_pick_clicked(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Product images"),
            str(self._base_dir),
            self.tr("Images (*.png *.jpg *.jpeg *.webp)"),
        )
        if names:
            relative = [os.path.relpath(name, self._base_dir) for name in names]
            self.fields["images"].setText(" | ".join(relative))


class AddProductDialog(QDialog):
    """The three fields a new product needs; the rest is edited afterwards."""

    def __init__(self, fire: Fire, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Add product"))
        self._fire = fire
        self.sku = QLineEdit(self)
        self.sku.setPlaceholderText(self.tr("e.g. steak-ribeye-1kg"))
        self.name = QLineEdit(self)
        self.price = QLineEdit(self)
        self.price.setPlaceholderText(self.tr("e.g. 69"))
        form = QFormLayout(self)
        form.addRow(self.tr("SKU"), self.sku)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Price (¥)"), self.price)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.on_save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def arguments(self) -> dict[str, str]:
        """The ``product.add`` arguments the form holds."""
        return {
            "sku": self.sku.text().strip(),
            "name": self.name.text().strip(),
            "price": self.price.text().strip(),
        }

    def on_save(self) -> None:
        self._fire("product.add", "product editor", **self.arguments())
        self.accept()
