"""Services never import widgets: only console/ui and the app entry point may."""

from __future__ import annotations

import ast
from pathlib import Path

CONSOLE = Path(__file__).resolve().parents[2] / "console"
ALLOWED = {CONSOLE / "app.py"}


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_services_do_not_import_qt_widgets() -> None:
    offenders = [
        str(path.relative_to(CONSOLE))
        for path in CONSOLE.rglob("*.py")
        if "ui" not in path.relative_to(CONSOLE).parts
        and path not in ALLOWED
        and any(name.startswith(("PySide6.QtWidgets", "console.ui")) for name in _imports(path))
    ]
    assert offenders == []


def test_no_work_goes_to_the_loops_default_executor() -> None:
    """qasync's default executor runs QThreads, which abort the process if still alive
    when Qt exits: blocking work goes to a plain executor that its owner shuts down."""
    offenders = [
        str(path.relative_to(CONSOLE))
        for path in CONSOLE.rglob("*.py")
        if "run_in_executor(None" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
