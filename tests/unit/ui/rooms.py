"""A show whose rooms look connected to an OBS with six scenes, without any OBS running."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from console.commands import ActionRecord
from console.obs.state import LinkPhase, LinkState, RoomState
from console.services import Console
from console.ui.main_window import MainWindow
from tests.support import FAST, write_rooms

SCENES = ["Opening", "Host", "Product", "Break", "Closing", "Standby"]


def connected_rooms(
    tmp_path: Path,
    count: int,
    extra_hotkeys: str = "",
    extra: str = "",
    more_scenes: tuple[str, ...] = (),
) -> Console:
    """A show with ``count`` rooms whose mirrors hold what a connected OBS with six scenes
    and long names would show (nothing listens on port 1: no OBS is needed). ``extra`` is
    more of the profile (products, a rundown, segments...); ``more_scenes`` more scenes OBS
    has, without hotkeys."""
    rooms = [(f"room{n}", 1, "") for n in range(1, count + 1)]
    hotkeys = (
        "hotkeys:\n"
        + "".join(
            f"  F{n + 2}: scene.program {scene}\n  Ctrl+F{n + 2}: scene.preview {scene}\n"
            for n, scene in enumerate(SCENES)
        )
        + extra_hotkeys
    )
    console = Console(write_rooms(tmp_path, rooms, hotkeys, extra), FAST, log_actions=False)
    for room in console.rooms:
        seem_connected(room.state, [*SCENES, *more_scenes])
    return console


def seem_connected(state: RoomState, scenes: list[str] = SCENES) -> None:
    """Fill a room's mirror as a resync with a connected OBS of six scenes would: Host on
    program, Product in preview (studio mode), the Fade transition."""
    state.load(
        {
            "scenes": {
                "scenes": [
                    {"sceneName": name, "sceneIndex": len(scenes) - i}
                    for i, name in enumerate(scenes)
                ],
                "currentProgramSceneName": "Host",
                "currentPreviewSceneName": "Product",
            },
            "studio": {"studioModeEnabled": True},
            "inputs": [],
            "transitions": {"transitions": [{"transitionName": "Fade"}]},
            "transition": {"transitionName": "Fade", "transitionDuration": 300},
        }
    )
    state.set_link(LinkState(LinkPhase.CONNECTED, obs_version="29.0.2"))


def open_window(
    console: Console, qtbot: QtBot, shown: bool = True
) -> tuple[MainWindow, list[ActionRecord]]:
    """The console's window (shown and active, so application hotkeys fire, unless not
    ``shown``) and the records of every command it runs."""
    window = MainWindow(console)
    qtbot.addWidget(window)
    records: list[ActionRecord] = []
    console.registry.add_listener(records.append)
    if shown:
        window.show()
        window.activateWindow()
        qtbot.waitExposed(window)
        qtbot.waitUntil(window.isActiveWindow)
    return window, records
