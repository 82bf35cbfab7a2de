"""A private X server (Xvfb) for GUI programs under test.

Xvfb picks a free display number itself (``-displayfd``) and writes it to a pipe once it
accepts connections, so there is no guessing of display numbers and no polling of lock files.
"""

from __future__ import annotations

import os
import re
import select
import shutil
import subprocess
import time
from pathlib import Path
from types import TracebackType

from .process import log_tail, set_parent_death_signal

XVFB_BINARY = "Xvfb"


class XvfbError(RuntimeError):
    """Xvfb did not start or did not report its display."""


_CHILD_LINE = re.compile(r"^\s+(0x[0-9a-f]+) (.*)$", re.MULTILINE)
_NAME = re.compile(r'^"(.*)": \(')


def visible_windows(display: str) -> list[str]:
    """Titles of the root window's mapped (viewable) children: main windows and dialogs.

    Uses ``xwininfo`` (Debian package x11-utils). Untitled windows are listed as "".
    """
    if shutil.which("xwininfo") is None:
        raise XvfbError("xwininfo is not installed (apt-get install x11-utils)")

    def xwininfo(*args: str) -> str:
        return subprocess.run(
            ["xwininfo", "-display", display, *args],
            capture_output=True,
            text=True,
            check=False,
            timeout=10,
        ).stdout

    titles: list[str] = []
    for match in _CHILD_LINE.finditer(xwininfo("-root", "-children")):
        window_id, description = match.groups()
        if "Map State: IsViewable" in xwininfo("-id", window_id):
            name = _NAME.match(description)
            titles.append(name.group(1) if name else "")
    return titles


class Xvfb:
    """One ``Xvfb`` process on a display number of its own choosing."""

    def __init__(
        self,
        log_path: Path | None = None,
        screen: str = "1920x1080x24",
        binary: str = XVFB_BINARY,
    ) -> None:
        self.log_path = log_path
        self.screen = screen
        self.binary = binary
        self.display: str | None = None
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def start(self, timeout: float = 15.0) -> str:
        """Start Xvfb and return its DISPLAY string (``":N"``) once it accepts clients."""
        if self._process is not None:
            raise XvfbError("Xvfb is already running")
        read_fd, write_fd = os.pipe()
        command = [
            self.binary,
            "-displayfd",
            str(write_fd),
            "-screen",
            "0",
            self.screen,
            "-nolisten",
            "tcp",
        ]
        log_path = self.log_path if self.log_path is not None else Path(os.devnull)
        try:
            with open(log_path, "wb") as log:
                self._process = subprocess.Popen(
                    command,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    pass_fds=(write_fd,),
                    start_new_session=True,  # a Ctrl-C in the terminal must not kill it first
                    preexec_fn=set_parent_death_signal,
                )
        except FileNotFoundError as exc:
            os.close(read_fd)
            raise XvfbError(
                f"{self.binary} is not installed (apt-get install xvfb); "
                "see the README's test command"
            ) from exc
        finally:
            os.close(write_fd)
        try:
            number = self._read_display_number(read_fd, timeout)
        except BaseException:
            self.stop()
            raise
        finally:
            os.close(read_fd)
        self.display = f":{number}"
        return self.display

    def _read_display_number(self, read_fd: int, timeout: float) -> int:
        assert self._process is not None
        deadline = time.monotonic() + timeout
        data = b""
        while not data.endswith(b"\n"):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise XvfbError(f"Xvfb reported no display within {timeout} s{self._log_tail()}")
            ready, _, _ = select.select([read_fd], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(read_fd, 64)
            if not chunk:  # every writer closed: Xvfb exited
                code = self._process.wait(timeout=5)
                raise XvfbError(
                    f"Xvfb exited with code {code} before it was ready{self._log_tail()}"
                )
            data += chunk
        return int(data.strip())

    def _log_tail(self) -> str:
        return log_tail(self.log_path, 20, "Xvfb log")

    def stop(self, timeout: float = 10.0) -> None:
        """Terminate Xvfb (SIGTERM, then SIGKILL) and wait for it."""
        process, self._process = self._process, None
        self.display = None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def __enter__(self) -> Xvfb:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
