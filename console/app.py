"""Start the console: validate the profile, build services and window, run the loop."""

from __future__ import annotations

import asyncio
import logging
import sys
from pathlib import Path
from types import TracebackType

import qasync
from PySide6.QtWidgets import QApplication

from console.profile import Profile, ProfileError, load_profile
from console.services import Console
from console.ui.main_window import MainWindow
from console.ui.theme import apply_theme

log = logging.getLogger("console")


def check(path: Path) -> int:
    """``--check``: print every problem of a profile as PATH:LINE:COL: message."""
    try:
        load_profile(path)
    except ProfileError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"{path}: ok")
    return 0


def run(path: Path) -> int:
    """Open the console on a profile; refuses to start on an invalid one."""
    try:
        profile = load_profile(path)
    except ProfileError as exc:
        print(exc, file=sys.stderr)
        print(f"{path}: not opened; fix the problems above and start again", file=sys.stderr)
        return 1
    _configure_logging(profile)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Live Room Console")
    apply_theme(app)
    sys.excepthook = _excepthook
    return qasync.run(_main(app, profile))  # type: ignore[no-any-return]


async def _main(app: QApplication, profile: Profile) -> int:
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(_loop_exception)
    console = Console(profile)
    window = MainWindow(console)
    closed = asyncio.Event()
    # The loop must outlive the window: links close politely after it is gone.
    app.setQuitOnLastWindowClosed(False)
    app.lastWindowClosed.connect(closed.set)
    # The console is the operator's whole screen: fill it, with or without a window manager.
    window.setGeometry(app.primaryScreen().availableGeometry())
    window.showMaximized()
    console.start()
    await closed.wait()
    await console.close()
    return 0


def _configure_logging(profile: Profile) -> None:
    profile.show.log_dir.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        handlers=[
            logging.StreamHandler(),
            logging.FileHandler(profile.show.log_dir / "console.log", encoding="utf-8"),
        ],
    )


def _excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """A bug in a slot must not take the show down: log it and keep running."""
    log.critical("unhandled exception", exc_info=(kind, exc, tb))


def _loop_exception(loop: asyncio.AbstractEventLoop, context: dict[str, object]) -> None:
    log.error("event loop: %s", context.get("message"), exc_info=context.get("exception"))  # type: ignore[arg-type]
