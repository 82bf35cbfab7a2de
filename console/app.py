"""Start the console: validate the profile, build services and window, run the loop.

The services start first, then the control API; at the end the API stops before the
services close. SIGINT and SIGTERM end the console as closing its window does, so a
script that started it (``QT_QPA_PLATFORM=offscreen python main.py PROFILE``) stops it
politely: pinned comments off air, OBS links closed, logs flushed.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import signal
import sys
from pathlib import Path
from types import TracebackType

import qasync
from PySide6.QtWidgets import QApplication

from console.control import ControlOff, ControlServer, listen_settings
from console.journal import ShowOpenElsewhere
from console.logfile import LogFileHandler, make_private_folder, show_log_path
from console.profile import Profile, ProfileError, load_profile
from console.services import Console
from console.text import Text
from console.ui.language import Language, TranslationUnavailable, choose, shown
from console.ui.main_window import MainWindow
from console.ui.theme import apply_theme

log = logging.getLogger("console")


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
    try:
        console = Console(profile)
    except ShowOpenElsewhere as exc:
        print(f"{profile.path}: not opened: {exc}", file=sys.stderr)
        return 1
    language = Language()
    chosen, note = choose(profile.show.locale)
    try:
        language.prepare()
        language.switch(chosen)
    except TranslationUnavailable as exc:  # the window in its source language, English
        note = exc.args[0]
    window = MainWindow(console, language)
    if note is not None:
        log.warning("%s", note)
        window.last_action.setText(f"⚠ {shown(note)}")
    # What the show loaded (the moderation dictionaries: some 300,000 objects) never becomes
    # garbage: out of the collector's way, a full collection in a comment burst walks only
    # what came since, instead of stalling the loop for some 100 ms.
    gc.collect()
    gc.freeze()
    quit_wanted = asyncio.Event()
    # The loop must outlive the window: links close politely after it is gone.
    app.setQuitOnLastWindowClosed(False)
    app.lastWindowClosed.connect(quit_wanted.set)
    # The console is the operator's whole screen: fill it, with or without a window manager.
    window.setGeometry(app.primaryScreen().availableGeometry())
    window.showMaximized()
    for stop in STOP_SIGNALS:
        loop.add_signal_handler(stop, quit_wanted.set)
    console.start()
    control = await _start_control(console, window)
    global_keys = await window.global_keys.start(profile.hotkeys)
    if global_keys:  # scripts read it here, as the control API's address
        log.info("%s", global_keys)
        print(global_keys, flush=True)
    try:
        await quit_wanted.wait()
    finally:
        for stop in STOP_SIGNALS:
            loop.remove_signal_handler(stop)
    if window.isVisible():
        window.close_now()  # a stop signal: nobody is there to answer a question
    if control is not None:
        await control.stop()
    await console.close()
    return 0


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


async def _start_control(console: Console, window: MainWindow) -> ControlServer | None:
    """Serve the control API, or say in the window and the log why it is off. Either line
    goes to stdout too, where a script that started the console reads the address."""
    try:
        server = ControlServer(console, listen_settings(console.profile.control))
        url = await server.start()
    except ControlOff as exc:
        window.show_control(Text("app", "control API off: {why}").format(why=str(exc)))
        log.warning("control API off: %s", exc)
        print(f"control API off: {exc}", flush=True)
        return None
    window.show_control(Text("app", "control API {url}").format(url=url))
    print(f"control API on {url}", flush=True)
    return server


def _configure_logging(profile: Profile) -> None:
    """The console's own log (``<show>-<date>.console.log``) holds viewers' names too:
    private to the owner, rotated at the show's size, and a full disk never merges two
    records."""
    make_private_folder(profile.show.log_dir)
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        handlers=[
            logging.StreamHandler(),
            LogFileHandler(
                show_log_path(profile.show.log_dir, profile.show.title, "console.log"),
                profile.show.log_max_bytes,
            ),
        ],
    )


def _excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """A bug in a slot must not take the show down: log it and keep running."""
    log.critical("unhandled exception", exc_info=(kind, exc, tb))


def _loop_exception(loop: asyncio.AbstractEventLoop, context: dict[str, object]) -> None:
    log.error("event loop: %s", context.get("message"), exc_info=context.get("exception"))  # type: ignore[arg-type]
