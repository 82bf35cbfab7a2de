"""Small helpers for child processes the harness owns."""

from __future__ import annotations

import ctypes
import errno
import random
import signal
import socket
from pathlib import Path

_PR_SET_PDEATHSIG = 1
_SIGKILL = int(signal.SIGKILL)
# Resolved here, in the parent: the child between fork and exec must not dlopen or allocate.
_prctl = ctypes.CDLL(None, use_errno=True).prctl
_prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
_prctl.restype = ctypes.c_int


def set_parent_death_signal() -> None:
    """``preexec_fn``: the child gets SIGKILL if pytest dies without cleaning up (Linux).

    The "parent" is the forking thread; fixtures start processes on pytest's main thread.
    """
    _prctl(_PR_SET_PDEATHSIG, _SIGKILL, 0, 0, 0)


def log_tail(path: Path | None, lines: int = 40, title: str = "log") -> str:
    """The last ``lines`` lines of a log file, formatted for an exception message."""
    if path is None or not path.exists():
        return ""
    tail = path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]
    return f"\n--- {title} tail ({path}) ---\n" + "\n".join(tail)


# Below Linux's ephemeral range (32768-60999): no outgoing connection takes the port as its
# source port while OBS is down between a kill() and a restart() on the same port.
PORT_RANGE = (20000, 32000)


def _bindable(port: int) -> bool:
    """True if nobody holds ``port`` on the IPv4 or IPv6 wildcard (obs-websocket binds ``::``)."""
    for family, address in ((socket.AF_INET, "0.0.0.0"), (socket.AF_INET6, "::")):
        try:
            with socket.socket(family, socket.SOCK_STREAM) as sock:
                sock.bind((address, port))
        except OSError as exc:
            if family == socket.AF_INET6 and exc.errno == errno.EAFNOSUPPORT:
                continue
            return False
    return True


def free_tcp_port(attempts: int = 200) -> int:
    """A TCP port nobody listens on right now, outside the ephemeral range."""
    for _ in range(attempts):
        port = random.randrange(*PORT_RANGE)
        if _bindable(port):
            return port
    raise RuntimeError(f"no free TCP port in {PORT_RANGE} after {attempts} attempts")


def port_accepts_connections(port: int, host: str = "127.0.0.1", timeout: float = 0.5) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False
