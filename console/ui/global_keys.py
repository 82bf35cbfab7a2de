"""Global hotkeys: the profile's bindings marked ``global: true`` fire while another
application (OBS itself) has focus.

pynput watches the keyboard on a thread of its own: on X11 through the RECORD extension
(python-xlib), on Windows and macOS through their keyboard hooks. It only listens: the key
still reaches the application in front. Each press is handed to the loop
(:func:`console.tasks.hand_over`) and runs the binding as the window's own shortcut does,
logged as ``global KEY``. While the console itself has the keyboard, Qt's shortcut has the
press already and the global one is dropped: a binding fires once, whichever window has
focus. On X11 the listener asks the X server which window has the keyboard as each press
arrives (Qt itself learns that a window lost the focus only some 400 ms later).

Where global hotkeys cannot work (no X display, a Wayland session, an X server without
RECORD, macOS without the accessibility permission, a listener that does not start) the
status says why in one line, and the in-window hotkeys go on as before.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import sys
import threading
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future
from typing import Any, TypeVar

from console.profile import Hotkey
from console.tasks import hand_over
from console.text import Text

log = logging.getLogger(__name__)
T = TypeVar("T")

STARTS_WITHIN = 10.0
"""Seconds the listener may take to start before it counts as unavailable."""

_MODIFIERS = {"Meta": "<cmd>", "Ctrl": "<ctrl>", "Alt": "<alt>", "Shift": "<shift>"}
_MAC_MODIFIERS = {**_MODIFIERS, "Meta": "<ctrl>", "Ctrl": "<cmd>"}
"""On macOS Qt's Ctrl is the Command key and its Meta the Control key."""
_NAMED = {
    "Space": "<space>",
    "Return": "<enter>",
    "Esc": "<esc>",
    "Tab": "<tab>",
    "Backspace": "<backspace>",
    "Del": "<delete>",
    "Ins": "<insert>",
    "Home": "<home>",
    "End": "<end>",
    "PgUp": "<page_up>",
    "PgDown": "<page_down>",
    "Up": "<up>",
    "Down": "<down>",
    "Left": "<left>",
    "Right": "<right>",
}


def pynput_hotkey(key: str, platform: str = sys.platform) -> str:
    """The canonical Qt key text (``Ctrl+Shift+F5``) as pynput writes it
    (``<ctrl>+<shift>+<f5>``)."""
    *modifiers, name = key.split("+")
    table = _MAC_MODIFIERS if platform == "darwin" else _MODIFIERS
    if len(name) == 1:
        last = name.lower()
    elif name[0] == "F" and name[1:].isdigit():
        last = f"<f{name[1:]}>"
    else:
        last = _NAMED[name]
    return "+".join([*(table[m] for m in modifiers), last])


def unavailable_reason(environ: Mapping[str, str], platform: str = sys.platform) -> str | None:
    """Why this session cannot have global hotkeys at all, or None if it may."""
    if platform in ("win32", "darwin"):
        return None
    if environ.get("WAYLAND_DISPLAY") or environ.get("XDG_SESSION_TYPE") == "wayland":
        return Text(
            "globalkeys",
            "a Wayland session lets no program see keys pressed in other windows "
            "(log in to an X11 session, or bind keys in the desktop's settings to the "
            "control API)",
        )
    if not environ.get("DISPLAY"):
        return Text("globalkeys", "no X display (DISPLAY is not set)")
    return None


XFocus = tuple[int, ...] | None
"""The X window that has the keyboard and its ancestors, innermost first; None: unknown."""


class _XFocusProbe:
    """Asks the X server which window has the keyboard, from the listener's thread (its
    own connection, opened at the first press, used by that thread alone)."""

    def __init__(self, display: str | None) -> None:
        self._name = display
        self._display: Any = None

    def ask(self) -> XFocus:
        if self._name is None:
            return None
        from Xlib import X, error
        from Xlib import display as xdisplay

        try:
            if self._display is None:
                self._display = xdisplay.Display(self._name)
            root = self._display.screen().root
            window = self._display.get_input_focus().focus
            if window == X.PointerRoot:  # the keys go to the window under the pointer
                window = root.query_pointer().child
            chain: list[int] = []
            while window not in (X.NONE, X.PointerRoot) and window.id != root.id:
                chain.append(window.id)
                window = window.query_tree().parent
        except (error.XError, error.ConnectionClosedError, OSError):
            log.warning("global hotkeys: cannot ask X which window has the keyboard")
            return None
        return tuple(chain)

    def close(self) -> None:
        if self._display is not None:
            self._display.close()


class Unavailable(Exception):
    """The listener cannot run here; the message says why, for the operator."""


class GlobalKeys:
    """The global listener of one window: started with the profile's bindings, started
    again after a rebinding, stopped with the window.

    ``pressed(hotkey)`` runs a binding on the loop; ``console_has_keys(x_focus)`` says
    whether the console's own window has the keyboard (then its shortcut fires instead),
    given the X windows that had it at the press (the focused one and its ancestors), or
    None where there is no X server to ask; ``on_status(text, trouble)`` hears each new
    status line.
    """

    def __init__(
        self,
        pressed: Callable[[Hotkey], object],
        console_has_keys: Callable[[XFocus], bool],
        on_status: Callable[[str, bool], None],
    ) -> None:
        self._pressed = pressed
        self._console_has_keys = console_has_keys
        self._on_status = on_status
        self._listener: Any = None  # pynput's GlobalHotKeys (untyped where it is not running)
        self._generation = 0  # presses of a listener stopped since are dropped
        self.status = ""

    async def start(self, hotkeys: Iterable[Hotkey]) -> str:
        """Listen for the global ones of ``hotkeys`` (the previous listener stops); the
        status line, also said to ``on_status``."""
        self.stop()
        generation = self._generation
        wanted = [hotkey for hotkey in hotkeys if hotkey.is_global]
        if not wanted:
            return self._say("", trouble=False)
        reason = unavailable_reason(os.environ)
        if reason is not None:
            return self._unavailable(reason)
        loop = asyncio.get_running_loop()
        focus = _XFocusProbe(None if sys.platform in ("win32", "darwin") else os.environ["DISPLAY"])
        actions = self.actions(wanted, focus.ask)
        started = _in_thread(lambda: _listen(actions))
        try:
            listener = await asyncio.wait_for(asyncio.wrap_future(started), STARTS_WITHIN)
        except TimeoutError:
            started.add_done_callback(_stop_late)
            return self._unavailable(
                Text("globalkeys", "the keyboard listener did not start in {seconds} s").format(
                    seconds=f"{STARTS_WITHIN:g}"
                )
            )
        except Unavailable as exc:
            return self._unavailable(exc.args[0])
        except Exception as exc:  # pynput's own failure (a key this platform lacks...)
            log.exception("the global keyboard listener did not start")
            return self._unavailable(
                Text("globalkeys", "the keyboard listener did not start: {error}").format(
                    error=str(exc)
                )
            )
        if generation != self._generation:  # stopped or started again meanwhile
            _stop_listener(listener)
            return self.status
        self._listener = listener
        _watch(loop, listener, focus, lambda: self._on_ended(generation))
        keys = " ".join(hotkey.key for hotkey in wanted)
        return self._say(
            Text("globalkeys", "global hotkeys on: {keys}").format(keys=keys), trouble=False
        )

    def actions(
        self, hotkeys: Iterable[Hotkey], x_focus: Callable[[], XFocus]
    ) -> dict[str, Callable[[], None]]:
        """pynput's hotkey text → what its thread calls on a press: the binding handed to
        the loop with ``x_focus()`` (asked on that thread, at the press), to run unless a
        newer listener replaced this one or the console has the keyboard. Called on the
        loop."""
        loop = asyncio.get_running_loop()
        generation = self._generation

        def action(hotkey: Hotkey) -> Callable[[], None]:
            return lambda: hand_over(loop, self._on_press, generation, hotkey, x_focus())

        return {pynput_hotkey(hotkey.key): action(hotkey) for hotkey in hotkeys}

    def stop(self) -> None:
        """Stop listening; presses already on their way are dropped."""
        self._generation += 1
        listener, self._listener = self._listener, None
        if listener is not None:
            _stop_listener(listener)

    def _on_press(self, generation: int, hotkey: Hotkey, x_focus: XFocus) -> None:
        if generation == self._generation and not self._console_has_keys(x_focus):
            self._pressed(hotkey)

    def _on_ended(self, generation: int) -> None:
        if generation == self._generation:  # not stopped by us: the listener died
            self._listener = None
            self._unavailable(
                Text("globalkeys", "the keyboard listener stopped (the display closed?)")
            )

    def _unavailable(self, reason: str) -> str:
        said = Text("globalkeys", "global hotkeys unavailable: {reason}; in-window keys work")
        return self._say(said.format(reason=reason), True)

    def _say(self, status: str, trouble: bool) -> str:
        self.status = status
        self._on_status(status, trouble)
        return status


def _listen(actions: dict[str, Callable[[], None]]) -> Any:
    """A started pynput listener for ``actions`` (blocking: runs on a thread of its own)."""
    if sys.platform not in ("win32", "darwin"):
        _check_x_display(os.environ["DISPLAY"])
    try:
        from pynput import keyboard  # connects to the display as it is imported
    except ImportError as exc:
        raise Unavailable(
            Text("globalkeys", "pynput cannot watch this keyboard: {error}").format(error=str(exc))
        ) from None
    listener = keyboard.GlobalHotKeys(actions)
    listener.start()
    listener.wait()
    if not getattr(listener, "IS_TRUSTED", True):  # macOS without the permission
        _stop_listener(listener)
        raise Unavailable(
            Text(
                "globalkeys",
                "macOS has not let this program watch the keyboard: allow it in System "
                "Settings › Privacy & Security › Accessibility, then start the console again",
            )
        )
    return listener


def _check_x_display(name: str) -> None:
    """The X server named can be reached and records keys (RECORD), else Unavailable."""
    try:
        from Xlib import display as xdisplay
        from Xlib import error as xerror
    except ImportError as exc:
        raise Unavailable(
            Text("globalkeys", "python-xlib is missing ({error})").format(error=str(exc))
        ) from None

    try:
        connection = xdisplay.Display(name)
    except (xerror.DisplayError, xerror.ConnectionClosedError, OSError) as exc:
        _close_sockets(exc)
        raise Unavailable(
            Text("globalkeys", "cannot open the X display {name}: {error}").format(
                name=name, error=str(exc)
            )
        ) from None
    try:
        if not connection.has_extension("RECORD"):
            raise Unavailable(
                Text("globalkeys", "the X server {name} has no RECORD extension").format(name=name)
            )
    finally:
        connection.close()


def _close_sockets(failure: BaseException) -> None:
    """Close the sockets a failed connection left open: python-xlib drops them with the
    error it raises (tried on the X socket, then on TCP), unclosed."""
    seen: BaseException | None = failure
    while seen is not None:
        trace = seen.__traceback__
        while trace is not None:
            for value in trace.tb_frame.f_locals.values():
                if isinstance(value, socket.socket):
                    value.close()
            trace = trace.tb_next
        seen = seen.__context__


def _stop_listener(listener: Any) -> None:
    listener.stop()


def _in_thread(work: Callable[[], T]) -> Future[T]:
    """``work()`` on a daemon thread: one that hangs never holds up the console's exit."""
    done: Future[T] = Future()

    def run() -> None:
        done.set_running_or_notify_cancel()  # from now on a timeout cannot cancel it
        try:
            done.set_result(work())
        except Exception as exc:
            done.set_exception(exc)

    threading.Thread(target=run, name="global-keys-start", daemon=True).start()
    return done


def _stop_late(started: Future[Any]) -> None:
    """A listener that started after the console stopped waiting for it is stopped."""
    if not started.cancelled() and started.exception() is None:
        _stop_listener(started.result())


def _watch(
    loop: asyncio.AbstractEventLoop, listener: Any, focus: _XFocusProbe, ended: Callable[[], None]
) -> None:
    """``ended()`` on the loop once the listener's thread ends, stopped or not; its focus
    probe is closed then (no press can ask it any more)."""

    def wait() -> None:
        try:
            listener.join()  # re-raises what failed in the listener
        except Exception:
            log.exception("the global keyboard listener failed")
        finally:
            focus.close()
            hand_over(loop, ended)

    threading.Thread(target=wait, name="global-keys-watch", daemon=True).start()
