"""From a key press to OBS's program change, with the console in front and with another
application in front (a global hotkey); prints one JSON object of figures.

Starts its own OBS Studio under a private Xvfb, the console (``main.py``) with its window on
that X server and F3/F4 bound as global hotkeys, and xmessage as the other application.
With the Cut transition, each round presses F3 or F4 through XTEST, as a keyboard does,
and times it until OBS's ``CurrentProgramSceneChanged`` reaches a separate client, as
median and p95 in ms:

- ``in_window``: the console has the keyboard (Qt's shortcut runs the binding);
- ``global``: xmessage has it (pynput's listener, which asks X which window had it).

Usage: ``python tests/benchmarks/global_hotkeys.py [--rounds N]``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import aiohttp  # noqa: E402
from Xlib import XK, X  # noqa: E402
from Xlib import display as xdisplay  # noqa: E402
from Xlib.ext import xtest  # noqa: E402

from tests.benchmarks.figures import figures, real_obs  # noqa: E402
from tests.harness import ObsProbe  # noqa: E402
from tests.integration.test_control_process import next_event  # noqa: E402
from tests.unit.control.control_show import TOKEN, RoomAt, show_yaml  # noqa: E402
from tests.x_keys import focus, other_application, read_lines, start_console  # noqa: E402

HOTKEYS = """\
hotkeys:
  F3: {command: scene.program Host, global: true}
  F4: {command: scene.program Product, global: true}
"""
TITLE = "Global keys benchmark"
CUTS = (("F3", "Host"), ("F4", "Product"))


def press(keyboard: xdisplay.Display, key: str) -> None:
    """Press and release ``key`` through XTEST, flushed to the server."""
    code = keyboard.keysym_to_keycode(XK.string_to_keysym(key))
    xtest.fake_input(keyboard, X.KeyPress, code)
    xtest.fake_input(keyboard, X.KeyRelease, code)
    keyboard.sync()


def timed_cuts(probe: ObsProbe, keyboard: xdisplay.Display, count: int) -> list[float]:
    """``count`` cuts, alternating Host and Product: press until OBS said it cut."""
    samples = []
    for index in range(count):
        key, scene = CUTS[index % 2]
        probe.clear_events()
        start = time.monotonic()
        press(keyboard, key)
        probe.wait_for_event(
            "CurrentProgramSceneChanged", lambda data, s=scene: data["sceneName"] == s, 10
        )
        samples.append((time.monotonic() - start) * 1e3)
    return samples


async def _connected_with_cuts(url: str) -> None:
    """Once the console is connected, its transition is Cut (the cut is OBS's at once)."""
    async with (
        aiohttp.ClientSession(headers={"Authorization": f"Bearer {TOKEN}"}) as session,
        session.ws_connect(f"{url}/api/events?token={TOKEN}") as ws,
    ):
        await next_event(ws, {"id": "main", "link": {"state": "connected", "reason": ""}})
        sent = await session.post(f"{url}/api/commands/transition.set", json={"transition": "Cut"})
        assert sent.status == 200, await sent.text()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch, real_obs(Path(scratch)) as obs:
        display = obs.display
        profile = Path(scratch) / "show.yaml"
        control = {"port": 0, "token_env": "CONSOLE_TOKEN"}
        rooms = [RoomAt("main", obs.port, obs.password)]
        profile.write_text(show_yaml(rooms, control, HOTKEYS, title=TITLE), encoding="utf-8")
        stderr = Path(scratch) / "console.stderr"
        child = start_console(profile, display, {"CONSOLE_TOKEN": TOKEN}, stderr)
        assert child.stdout is not None
        keyboard = xdisplay.Display(display)
        probe = obs.probe()
        try:
            said = read_lines(child.stdout, (b"control API on ", b"global hotkeys "), 60, stderr)
            asyncio.run(_connected_with_cuts(said[b"control API on "]))
            with other_application(display, "benchmark-other"):
                focus(display, "--name", f"^{TITLE} .* Live Room Console$")
                timed_cuts(probe, keyboard, 4)  # warm up: first requests, first paints
                in_window = timed_cuts(probe, keyboard, args.rounds)
                focus(display, "--classname", "benchmark-other")
                timed_cuts(probe, keyboard, 4)
                global_ = timed_cuts(probe, keyboard, args.rounds)
        finally:
            probe.close()
            keyboard.close()
            child.send_signal(signal.SIGINT)
            child.wait(30)
            child.stdout.close()
    print(
        json.dumps(
            {
                "obs_version": obs.version.get("obsVersion"),
                "global_hotkeys": said[b"global hotkeys "],
                "in_window": figures(in_window),
                "global": figures(global_),
            }
        )
    )


if __name__ == "__main__":
    main()
