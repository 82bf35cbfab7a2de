"""``obs.setup`` and ``obs.check`` against a real OBS whose collection holds only a scene of
the user's own: what the show needs is created, laid out as the profile says, once.

Everything is read back through the independent probe (OBS's scenes, inputs, scene items
and their transforms), never the console's mirror. Each test's room uses scene and source
names of its own (OBS 29 keeps a removed input's name taken), so the module's OBS holds the
results of every test side by side, as a user's collection would.
"""

from __future__ import annotations

import asyncio
import secrets
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt
from pytestqt.qtbot import QtBot

from console.barrage.message import Message
from console.commands import Result
from console.obs.layout import Box, box
from console.obs.visibility import shown_in
from console.profile import load_profile
from console.profile.layout_model import Layout
from console.room import RoomRuntime
from console.services import Console
from console.ui.language import CHINESE, ENGLISH, Language, shown
from console.ui.main_window import MainWindow
from tests.conftest import Drive
from tests.harness import ObsProbe, ObsStudio, SeedScene
from tests.harness.process import log_tail
from tests.support import FAST, connected, until

USER_SCENE = "Lucky Draw"


@pytest.fixture(scope="module")
def obs(tmp_path_factory: pytest.TempPathFactory, xvfb_display: str) -> Iterator[ObsStudio]:
    """An OBS whose collection has one scene of the user's and nothing of the show's."""
    studio = ObsStudio(
        tmp_path_factory.mktemp("obs-setup"),
        xvfb_display,
        password=secrets.token_urlsafe(12),
        scenes=(SeedScene(USER_SCENE, 0xFF336699),),
    )
    studio.start()
    try:
        yield studio
    finally:
        code = studio.stop()
        if code not in (0, -signal.SIGSEGV):  # OBS 29 may crash as it quits (see conftest)
            pytest.fail(f"OBS exited with {code}" + log_tail(studio.log_path), pytrace=False)


def make_console(directory: Path, obs: ObsStudio, tag: str, layout: str = "") -> Console:
    """A one-room show whose scenes and sources are named after ``tag``."""
    path = directory / "show.yaml"
    path.write_text(
        f"""\
schema_version: 1
show: {{title: Setup test, log_dir: logs}}
rooms:
  - id: main
    obs: {{host: 127.0.0.1, port: {obs.port}, password: "{obs.password}"}}
    scenes: {{opening: {tag} Opening, host: {tag} Host, product: {tag} Product, break: {tag} Break}}
    slide_source: {tag} Slide
    comment_source: {tag} Comment
    host: {{media_source: {tag} Host Media, label_source: {tag} Label}}
{layout}""",
        encoding="utf-8",
    )
    return Console(load_profile(path), FAST, log_actions=False)


@pytest.fixture
def running(drive: Drive) -> Iterator[list[Console]]:
    """Consoles a test starts; closed after it."""
    consoles: list[Console] = []
    yield consoles
    for console in consoles:
        drive(console.close())


def start(console: Console, running: list[Console], drive: Drive) -> RoomRuntime:
    running.append(console)
    room = next(iter(console.rooms))

    async def up() -> None:
        console.start()
        await connected(room.state)

    drive(up())
    return room


def run(console: Console, line: str, drive: Drive) -> Result:
    result: Result = drive(console.registry.run(line, "test"))
    return result


def items(probe: ObsProbe, scene: str) -> list[dict[str, Any]]:
    listed: list[dict[str, Any]] = probe.call("GetSceneItemList", sceneName=scene)["sceneItems"]
    return listed


def item_of(probe: ObsProbe, scene: str, source: str) -> dict[str, Any]:
    found = [item for item in items(probe, scene) if item["sourceName"] == source]
    assert len(found) == 1, f"{source!r} in {scene!r}: {found}"
    return found[0]


def transform_of(probe: ObsProbe, scene: str, source: str) -> dict[str, Any]:
    item = item_of(probe, scene, source)
    data = probe.call("GetSceneItemTransform", sceneName=scene, sceneItemId=item["sceneItemId"])
    transform: dict[str, Any] = data["sceneItemTransform"]
    return transform


def assert_in_box(transform: dict[str, Any], where: Box) -> None:
    """The item's transform as OBS reports it is the layout's box, in pixels."""
    got = (
        transform["positionX"],
        transform["positionY"],
        transform["boundsWidth"],
        transform["boundsHeight"],
    )
    assert got == pytest.approx((where.x, where.y, where.width, where.height), abs=0.5)
    assert transform["boundsType"] == where.fit.bounds
    assert transform["boundsAlignment"] == where.fit.align
    assert transform["alignment"] == 5


def user_scene(probe: ObsProbe) -> list[tuple[str, bool, dict[str, Any]]]:
    """The user's scene as OBS has it: each item's source, visibility and transform."""
    return [
        (item["sourceName"], item["sceneItemEnabled"], transform_of(probe, USER_SCENE, name))
        for item in items(probe, USER_SCENE)
        if (name := item["sourceName"])
    ]


def canvas_of(probe: ObsProbe) -> tuple[int, int]:
    video = probe.call("GetVideoSettings")
    return int(video["baseWidth"]), int(video["baseHeight"])


def show_scenes(tag: str) -> list[str]:
    return [f"{tag} {role}" for role in ("Opening", "Host", "Product", "Break")]


def assert_laid_out(probe: ObsProbe, tag: str, layout: Layout) -> None:
    """Every piece where the layout puts it on OBS's canvas, the overlays nested."""
    canvas = canvas_of(probe)
    overlay = layout.overlay_scene
    assert_in_box(transform_of(probe, overlay, f"{tag} Comment"), box(layout, "comment", canvas))
    assert_in_box(transform_of(probe, overlay, f"{tag} Label"), box(layout, "label", canvas))
    for scene in (f"{tag} Host", f"{tag} Product"):
        assert_in_box(transform_of(probe, scene, f"{tag} Host Media"), box(layout, "host", canvas))
    slide = transform_of(probe, f"{tag} Product", f"{tag} Slide")
    assert_in_box(slide, box(layout, "slide", canvas))
    for scene in show_scenes(tag):
        nested = item_of(probe, scene, overlay)
        assert nested["sceneItemEnabled"] and nested["sourceType"] == "OBS_SOURCE_TYPE_SCENE"
        assert items(probe, scene)[-1]["sourceName"] == overlay, "the overlays are on top"
    for scene in (f"{tag} Opening", f"{tag} Break"):
        assert [item["sourceName"] for item in items(probe, scene)] == [overlay]


def test_setup_on_an_empty_collection_creates_the_show_laid_out_once(
    tmp_path: Path, obs: ObsStudio, obs_probe: ObsProbe, running: list[Console], drive: Drive
) -> None:
    tag = "L"
    layout = "    layout: {overlay_scene: L Overlays}\n"
    console = make_console(tmp_path, obs, tag, layout)
    before = user_scene(obs_probe)
    inputs_before = obs_probe.call("GetInputList")["inputs"]
    room = start(console, running, drive)

    checked = run(console, "obs.check", drive)
    assert f"scene '{tag} Product'" in checked.data["missing"]
    assert checked.data["different"] == []
    assert obs_probe.scene_names() == [USER_SCENE], "obs.check changed nothing"

    done = run(console, "obs.setup", drive)
    created = done.data["created"]
    assert created[:3] == [
        "scene 'L Overlays'",
        "'L Comment' in 'L Overlays' (new source)",
        "'L Label' in 'L Overlays' (new source)",
    ]
    assert "'L Host Media' in 'L Product'" in created  # the input made for L Host, added
    assert "'L Overlays' in 'L Break' (nested)" in created
    assert len(created) == 3 + 4 + 2 + 1 + 4  # overlays, scenes, host twice, slide, nests
    assert set(obs_probe.scene_names()) == {USER_SCENE, "L Overlays", *show_scenes(tag)}
    assert_laid_out(obs_probe, tag, room.settings.layout)
    assert canvas_of(obs_probe) == (1280, 720)
    assert item_of(obs_probe, f"{tag} Product", f"{tag} Slide")["sceneItemEnabled"] is False
    assert item_of(obs_probe, "L Overlays", f"{tag} Comment")["sceneItemEnabled"] is False

    again = run(console, "obs.setup", drive)
    assert again.data["created"] == [] and again.data["different"] == []
    assert "nothing to create" in again.message
    checked = run(console, "obs.check", drive)
    assert checked.data["missing"] == [] and checked.data["different"] == []
    assert room.setup.missing == []

    assert user_scene(obs_probe) == before, "the user's scene is untouched"
    names_after = {i["inputName"] for i in obs_probe.call("GetInputList")["inputs"]}
    assert {i["inputName"] for i in inputs_before} <= names_after


def test_a_pinned_comment_and_the_label_show_in_every_show_scene(
    tmp_path: Path, obs: ObsStudio, obs_probe: ObsProbe, running: list[Console], drive: Drive
) -> None:
    tag = "P"
    layout = "    layout: {overlay_scene: P Overlays}\n"
    console = make_console(tmp_path, obs, tag, layout)
    room = start(console, running, drive)
    run(console, "obs.setup", drive)
    source = f"{tag} Comment"
    message = Message("test", "main", "m1", "u1", "ann", "牛排几号链接？", time.time())

    async def pin_then_look() -> dict[str, bool]:
        pin = await room.pin.show(message, 60)
        assert pin.scene == "P Overlays", "pins go to the overlay scene"
        return {
            scene: await shown_in(room.link, scene, source) for scene in obs_probe.scene_names()
        }

    shown = drive(pin_then_look())
    looked = [*show_scenes(tag), USER_SCENE]
    assert {scene: shown[scene] for scene in looked} == {
        **{scene: True for scene in show_scenes(tag)},
        USER_SCENE: False,  # not a show scene: obs.setup left it alone
    }
    assert item_of(obs_probe, "P Overlays", source)["sceneItemEnabled"] is True
    settings = obs_probe.call("GetInputSettings", inputName=source)["inputSettings"]
    assert settings["text"].endswith("牛排几号链接？")

    host = room.host
    assert host is not None
    for scene in show_scenes(tag):
        drive(cut_and_check(room, scene))
        assert room.pin.on_air is True, (scene, room.pin.missing)
        check = drive(host.label.ensure())
        assert check.visible and check.scene == scene, check.describe()
        assert check.height >= check.needed
    drive(room.pin.clear())


async def cut_and_check(room: RoomRuntime, scene: str) -> None:
    """Cut OBS to ``scene``, then have the pin's on-air check run for it."""
    await room.link.request("SetCurrentProgramScene", sceneName=scene)
    await until(room.state, lambda: room.state.program == scene)
    checked = asyncio.Event()
    unsubscribe = room.pin.subscribe(lambda pinned: checked.set())
    try:
        room.pin.recheck()
        await asyncio.wait_for(checked.wait(), 5)
    finally:
        unsubscribe()


def test_setup_on_a_portrait_canvas_uses_the_portrait_regions(
    tmp_path: Path, obs: ObsStudio, obs_probe: ObsProbe, running: list[Console], drive: Drive
) -> None:
    tag = "V"
    layout = """\
    layout:
      overlay_scene: V Overlays
      host_in: [host]
      portrait:
        slide: {x: 0.1, y: 0.5, w: 0.8, h: 0.3}
"""
    obs_probe.call(
        "SetVideoSettings", baseWidth=1080, baseHeight=1920, outputWidth=1080, outputHeight=1920
    )
    try:
        console = make_console(tmp_path, obs, tag, layout)
        room = start(console, running, drive)
        done = run(console, "obs.setup", drive)
        assert "'V Host Media' in 'V Product'" not in done.data["created"]  # host_in: [host]
        assert done.data["canvas"] == [1080, 1920]
        portrait = room.settings.layout
        slide = box(portrait, "slide", (1080, 1920))
        assert (slide.x, slide.y, slide.width, slide.height) == (108, 960, 864, 576)
        assert_in_box(transform_of(obs_probe, "V Product", "V Slide"), slide)
        assert_in_box(
            transform_of(obs_probe, "V Host", "V Host Media"), box(portrait, "host", (1080, 1920))
        )
        assert_in_box(
            transform_of(obs_probe, "V Overlays", "V Label"), box(portrait, "label", (1080, 1920))
        )
        assert [i["sourceName"] for i in items(obs_probe, "V Product")] == ["V Slide", "V Overlays"]
    finally:
        obs_probe.call(
            "SetVideoSettings", baseWidth=1280, baseHeight=720, outputWidth=1280, outputHeight=720
        )


def test_an_item_the_user_moved_is_reported_and_left_where_it_is(
    tmp_path: Path, obs: ObsStudio, obs_probe: ObsProbe, running: list[Console], drive: Drive
) -> None:
    tag = "M"
    layout = "    layout: {overlay_scene: M Overlays}\n"
    console = make_console(tmp_path, obs, tag, layout)
    start(console, running, drive)
    run(console, "obs.setup", drive)
    slide = item_of(obs_probe, "M Product", "M Slide")
    moved = {"positionX": 0.0, "positionY": 0.0, "boundsType": "OBS_BOUNDS_NONE"}
    obs_probe.call(
        "SetSceneItemTransform",
        sceneName="M Product",
        sceneItemId=slide["sceneItemId"],
        sceneItemTransform=moved,
    )
    checked = run(console, "obs.check", drive)
    assert checked.data["missing"] == []
    assert len(checked.data["different"]) == 1
    assert checked.data["different"][0].startswith("'M Slide' in 'M Product' is not bounded")
    done = run(console, "obs.setup", drive)
    assert done.data["created"] == []
    assert done.data["different"] == checked.data["different"]
    assert "left as they are" in done.message
    after = transform_of(obs_probe, "M Product", "M Slide")
    assert (after["positionX"], after["positionY"], after["boundsType"]) == (
        0.0,
        0.0,
        "OBS_BOUNDS_NONE",
    )


def test_the_room_offers_setup_on_connect_and_its_button_runs_it(
    tmp_path: Path, obs: ObsStudio, obs_probe: ObsProbe, qtbot: QtBot, drive: Drive
) -> None:
    console = make_console(tmp_path, obs, "W", "    layout: {overlay_scene: W Overlays}\n")
    language = Language(tmp_path / "translations")
    window = MainWindow(console, language)
    qtbot.addWidget(window)
    window.setGeometry(QRect(0, 0, 1366, 768 - 40))  # a laptop screen less its panel
    window.show()
    qtbot.waitExposed(window)
    try:
        console.start()
        offer = window.panels["main"].setup_offer
        qtbot.waitUntil(offer.isVisible, timeout=15000)
        assert offer.line.text().startswith("OBS lacks 14: scene 'W Overlays'")
        assert window.width() == 1366, "the offer does not widen the window"
        corner = offer.mapTo(window, offer.rect().topLeft())
        assert window.rect().contains(QRect(corner, offer.size()))
        assert offer.height() <= 2 * offer.button.sizeHint().height(), "one line"
        # In Chinese: the same findings, in the operator's words, on one line still.
        language.switch(CHINESE)
        qtbot.waitUntil(lambda: offer.button.text() == "配置 OBS…")
        assert offer.line.text().startswith("OBS 缺少 14 项：场景 'W Overlays'")
        assert window.width() == 1366 and window.height() == 768 - 40
        assert offer.height() <= 2 * offer.button.sizeHint().height(), "one line"
        results = []
        console.registry.add_listener(results.append)
        qtbot.mouseClick(offer.button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not offer.isVisible(), timeout=15000)
        assert "W Overlays" in obs_probe.scene_names()
        assert console.rooms.get("main").setup.missing == []
        qtbot.waitUntil(lambda: len(results) == 1)
        assert results[0].ok, results[0].result
        assert results[0].result.startswith("room main: created 14: scene 'W Overlays'")
        assert shown(results[0].result).startswith("直播间 main：已创建 14 项：场景 'W Overlays'")
    finally:
        language.switch(ENGLISH)
        drive(console.close())
