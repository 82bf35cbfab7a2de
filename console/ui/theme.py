"""A dark, high-contrast theme for a dim control room.

Program is red and preview green, as OBS marks them; amber means attention, grey means
idle. Colours live here only; widgets select them through object names and properties.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QWidget

W = TypeVar("W", bound=QWidget)

BACKGROUND = "#121417"
PANEL = "#1b1e23"
RAISED = "#252a31"
BORDER = "#323841"
TEXT = "#e8eaed"
DIM = "#8d96a0"
PROGRAM = "#e5484d"
PREVIEW = "#30c476"
ATTENTION = "#f5a524"
ACCENT = "#4c9aff"

STYLE = f"""
QWidget {{ background: {BACKGROUND}; color: {TEXT}; font-size: 13px; }}
QMainWindow::separator {{ background: {BORDER}; width: 2px; height: 2px; }}
QDockWidget {{ titlebar-close-icon: none; }}
QDockWidget::title {{ background: {PANEL}; padding: 4px 8px; color: {DIM}; }}
QLabel#dim, QLabel[dim="true"] {{ color: {DIM}; }}
QFrame#roomPanel {{ background: {PANEL}; border: 1px solid {BORDER}; border-radius: 6px; }}
QFrame#roomPanel[selected="true"] {{ border: 1px solid {ACCENT}; }}
QLabel#showTitle {{ font-size: 17px; font-weight: 700; }}
QLabel#lastAction {{ color: {DIM}; padding: 0 4px; }}
QLabel#lastAction[alert="true"] {{ color: {PROGRAM}; font-weight: 700; }}
QLabel#clock {{ font-size: 20px; font-weight: 700; font-family: monospace; padding-left: 12px; }}
QLabel#roomTitle {{ font-size: 16px; font-weight: 600; background: transparent; }}
QLabel#linkState {{ background: transparent; padding: 2px 8px; border-radius: 9px;
    color: {BACKGROUND}; font-weight: 600; }}
QLabel#linkState[phase="connected"] {{ background: {PREVIEW}; }}
QLabel#linkState[phase="connecting"] {{ background: {ACCENT}; }}
QLabel#linkState[phase="reconnecting"] {{ background: {ATTENTION}; }}
QLabel#linkState[phase="failed"], QLabel#linkState[phase="closed"] {{ background: {PROGRAM}; }}
QLabel#linkReason {{ background: transparent; color: {ATTENTION}; }}
QLabel#busLabel {{ background: {RAISED}; border-radius: 4px; padding: 3px 10px;
    font-size: 18px; font-weight: 700; }}
QLabel#busLabel[bus="program"] {{ border-left: 6px solid {PROGRAM}; }}
QLabel#busLabel[bus="preview"] {{ border-left: 6px solid {PREVIEW}; }}
QLabel#busLabel[bus="preview"][off="true"] {{ border-left: 6px solid {BORDER}; color: {DIM}; }}
QLabel#busLabel[bus="program"][off="true"] {{ border-left: 6px solid {BORDER}; color: {DIM}; }}
QPushButton {{ background: {RAISED}; border: 1px solid {BORDER}; border-radius: 4px;
    padding: 6px 12px; }}
QPushButton:hover {{ border-color: {ACCENT}; }}
QPushButton:focus {{ border-color: {ACCENT}; }}
QPushButton:disabled {{ color: #555c66; }}
QPushButton#sceneButton {{ min-height: 30px; font-size: 14px; font-weight: 600;
    text-align: left; padding: 6px 6px; }}
QPushButton#sceneButton[program="true"] {{ border: 3px solid {PROGRAM}; background: #3b1a1c; }}
QPushButton#sceneButton[preview="true"] {{ border: 3px solid {PREVIEW}; background: #15331f; }}
QLabel#roomDiffers {{ background: #3b1a1c; color: {ATTENTION}; border-radius: 4px;
    padding: 4px 8px; font-weight: 700; }}
QLabel#logProblem {{ color: {PROGRAM}; font-weight: 700; }}
QLabel#typingBanner {{ background: {ATTENTION}; color: black; font-weight: 700;
    border-radius: 4px; padding: 2px 8px; }}
QFrame#roomPanel:focus {{ border: 2px solid {ACCENT}; }}
QLabel#roomOnAir {{ background: {RAISED}; border-radius: 4px; padding: 3px 8px; }}
QLabel#roomOnAir[alert="true"] {{ color: {PROGRAM}; font-weight: 700; }}
QPushButton#takeButton {{ font-weight: 700; min-width: 90px; }}
QPushButton#takeButton:enabled {{ background: #4a1d20; border-color: {PROGRAM}; }}
QPushButton[live="true"] {{ background: {PROGRAM}; color: white; font-weight: 700; }}
QPushButton:checked {{ background: #24405f; border-color: {ACCENT}; }}
QComboBox, QSpinBox, QLineEdit {{ background: {RAISED}; border: 1px solid {BORDER};
    border-radius: 4px; padding: 4px 6px; selection-background-color: {ACCENT}; }}
QFrame#palette {{ background: {PANEL}; border: 2px solid {ACCENT}; border-radius: 6px; }}
QLineEdit#paletteInput {{ font-family: monospace; font-size: 15px; padding: 7px; }}
QTreeWidget#paletteList {{ font-size: 14px; }}
QTreeWidget#paletteList::item {{ padding: 2px 4px; }}
QTreeWidget#paletteList::item:selected {{ background: #2b4c73; color: {TEXT}; }}
QLabel#paletteUsage {{ background: transparent; color: {DIM}; font-family: monospace; }}
QLabel#paletteAction {{ background: transparent; font-family: monospace; }}
QLabel#paletteAction[alert="true"] {{ color: {PROGRAM}; font-weight: 700; }}
QTableView, QListView, QTreeView {{ background: {PANEL}; alternate-background-color: #1f2328;
    gridline-color: {BORDER}; border: none; selection-background-color: #2b4c73; }}
QHeaderView::section {{ background: {RAISED}; color: {DIM}; border: none; padding: 3px 6px; }}
QStatusBar {{ background: {PANEL}; border-top: 1px solid {BORDER}; }}
QStatusBar QLabel {{ background: transparent; padding: 0 8px; }}
QLabel[alert="true"] {{ color: {PROGRAM}; font-weight: 700; }}
QPushButton#inlineButton {{ padding: 2px 8px; }}
QLabel[warn="true"] {{ color: {ATTENTION}; font-weight: 700; }}
QLabel[onair="true"] {{ background: {PROGRAM}; color: white; font-weight: 700;
    border-radius: 3px; }}
QToolTip {{ background: {RAISED}; color: {TEXT}; border: 1px solid {BORDER}; }}
"""


def apply_theme(app: QApplication) -> None:
    """Dark palette (for dialogs Qt draws itself) plus the style sheet."""
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, BACKGROUND),
        (QPalette.ColorRole.WindowText, TEXT),
        (QPalette.ColorRole.Base, PANEL),
        (QPalette.ColorRole.AlternateBase, RAISED),
        (QPalette.ColorRole.Text, TEXT),
        (QPalette.ColorRole.Button, RAISED),
        (QPalette.ColorRole.ButtonText, TEXT),
        (QPalette.ColorRole.Highlight, ACCENT),
        (QPalette.ColorRole.HighlightedText, BACKGROUND),
        (QPalette.ColorRole.PlaceholderText, DIM),
    ):
        palette.setColor(role, QColor(colour))
    app.setPalette(palette)
    font = QFont(app.font())
    font.setFamilies(["Noto Sans CJK SC", "Noto Sans", "DejaVu Sans"])
    app.setFont(font)
    app.setStyleSheet(STYLE)


def named(widget: W, name: str) -> W:
    """Give a widget the object name the style sheet selects it by."""
    widget.setObjectName(name)
    return widget


def mark(widget: QWidget, name: str, value: object) -> None:
    """Set a style property and restyle the widget, only when the value really changed
    (restyling is the costly part of a redraw)."""
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
