"""Keys on a test X server as a keyboard sends them, for the global hotkeys' test and
benchmark: a console process with its window on that server, another application's window
(xmessage), the keyboard given to either, and the lines the console prints at start."""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from tests.harness import INSTALL_HINT
from tests.harness.process import log_tail, set_parent_death_signal

MAIN = Path(__file__).resolve().parents[1] / "main.py"


class XKeysError(RuntimeError):
    """A tool is missing, or the console did not start as expected."""


def _need(tool: str) -> None:
    if shutil.which(tool) is None:
        raise XKeysError(f"'{tool}' is not installed. {INSTALL_HINT}")


def xdotool(display: str, *args: str) -> str:
    """What ``xdotool ARGS`` printed on ``display``."""
    _need("xdotool")
    done = subprocess.run(
        ["xdotool", *args],
        env={**os.environ, "DISPLAY": display},
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    return done.stdout.strip()


def focus(display: str, *search: str) -> None:
    """Give the keyboard to the first visible window ``xdotool search`` finds (waiting for
    it to appear)."""
    window = xdotool(display, "search", "--sync", "--onlyvisible", *search).split()[0]
    xdotool(display, "windowfocus", "--sync", window)
    if xdotool(display, "getwindowfocus") != window:
        raise XKeysError(f"the keyboard did not go to window {window} ({search})")


@contextmanager
def other_application(display: str, name: str) -> Iterator[None]:
    """Another program's window on ``display`` (xmessage, X instance name ``name``)."""
    _need("xmessage")
    other = subprocess.Popen(
        ["xmessage", "-name", name, "-geometry", "+900+700", "another application"],
        env={**os.environ, "DISPLAY": display},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=set_parent_death_signal,
    )
    try:
        yield
    finally:
        other.terminate()
        other.wait()


def start_console(
    profile: Path, display: str, environment: dict[str, str], stderr: Path
) -> subprocess.Popen[bytes]:
    """``python main.py PROFILE`` with its window on ``display`` (Qt's xcb platform), in an
    X11 session: no Wayland variables."""
    env = {**os.environ, **environment, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    for wayland in ("WAYLAND_DISPLAY", "XDG_SESSION_TYPE"):
        env.pop(wayland, None)
    with stderr.open("wb") as errors:
        return subprocess.Popen(
            [sys.executable, str(MAIN), str(profile)],
            stdout=subprocess.PIPE,
            stderr=errors,
            env=env,
            cwd=profile.parent,
            preexec_fn=set_parent_death_signal,
        )


def read_lines(
    stream: IO[bytes], prefixes: tuple[bytes, ...], within: float, stderr: Path
) -> dict[bytes, str]:
    """The rest of the first line of ``stream`` starting with each prefix, waiting for the
    output (lines in one chunk are all read)."""
    deadline = time.monotonic() + within
    found: dict[bytes, str] = {}
    pending = b""
    while len(found) < len(prefixes):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise XKeysError(f"no {prefixes} lines within {within} s" + log_tail(stderr))
        ready, _, _ = select.select([stream], [], [], remaining)
        if not ready:
            continue
        chunk = os.read(stream.fileno(), 4096)
        if not chunk:
            raise XKeysError("the console exited before it was ready" + log_tail(stderr))
        pending += chunk
        *lines, pending = pending.split(b"\n")
        for line in lines:
            for prefix in prefixes:
                if line.startswith(prefix) and prefix not in found:
                    found[prefix] = line[len(prefix) :].decode().strip()
    return found
