"""Finding, adding and creating an input in a scene, against a real OBS.

What the helper did is checked through the independent probe: OBS's own scene items,
their visibility, the inputs it lists and their settings. Each test uses inputs of its own
name: OBS 29 keeps a removed input's name taken, so the module's OBS keeps them (hidden).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from console.obs.inputs import (
    Canvas,
    InputSpec,
    Made,
    WrongKind,
    find_item,
    place_input,
    video_canvas,
)
from console.obs.link import ObsLink
from console.obs.state import RoomState
from tests.conftest import Drive
from tests.harness import ObsProbe, ObsStudio
from tests.support import FAST, connected


@pytest.fixture
def link(obs: ObsStudio, drive: Drive) -> Iterator[ObsLink]:
    link = ObsLink("main", "127.0.0.1", obs.port, obs.password, RoomState(), FAST)

    async def up() -> None:
        link.start()
        await connected(link.state)

    drive(up())
    yield link
    drive(link.close())


def colour(name: str) -> InputSpec:
    return InputSpec(
        name,
        "color_source_v3",
        kind_prefix="color_source",
        noun="a colour source",
        remedy="choose another colour source",
    )


def half_canvas(canvas: Canvas) -> dict[str, Any]:
    return {"width": canvas[0] // 2, "height": canvas[1] // 2, "color": 0xFF00FF00}


def items_of(probe: ObsProbe, scene: str, source: str) -> list[dict[str, Any]]:
    items = probe.call("GetSceneItemList", sceneName=scene)["sceneItems"]
    return [item for item in items if item["sourceName"] == source]


def inputs_named(probe: ObsProbe, name: str) -> list[dict[str, Any]]:
    return [i for i in probe.call("GetInputList")["inputs"] if i["inputName"] == name]


def test_a_missing_input_is_created_hidden_with_settings_for_the_canvas_then_found(
    link: ObsLink, obs_probe: ObsProbe, drive: Drive
) -> None:
    spec = colour("Inputs Created")
    assert inputs_named(obs_probe, spec.name) == []

    placed = drive(place_input(link, "Break", spec, half_canvas))

    video = obs_probe.call("GetVideoSettings")
    assert placed.made is Made.CREATED
    assert placed.canvas == (video["baseWidth"], video["baseHeight"])
    (item,) = items_of(obs_probe, "Break", spec.name)
    assert item["sceneItemId"] == placed.item_id and item["sceneItemEnabled"] is False
    settings = obs_probe.call("GetInputSettings", inputName=spec.name)
    assert settings["inputKind"] == "color_source_v3"
    assert (settings["inputSettings"]["width"], settings["inputSettings"]["height"]) == (
        video["baseWidth"] // 2,
        video["baseHeight"] // 2,
    )

    again = drive(place_input(link, "Break", spec, half_canvas))
    assert (again.item_id, again.made, again.canvas) == (placed.item_id, Made.NOTHING, None)
    assert len(items_of(obs_probe, "Break", spec.name)) == 1
    assert len(inputs_named(obs_probe, spec.name)) == 1


def test_an_input_shown_elsewhere_is_added_hidden_and_not_created_again(
    link: ObsLink, obs_probe: ObsProbe, drive: Drive
) -> None:
    spec = colour("Inputs In Two Scenes")
    first = drive(place_input(link, "Host", spec, half_canvas))
    asked: list[Canvas] = []

    def settings(canvas: Canvas) -> dict[str, Any]:
        asked.append(canvas)
        return half_canvas(canvas)

    added = drive(place_input(link, "Opening", spec, settings))

    assert (added.made, added.canvas, asked) == (Made.ADDED, None, [])
    (item,) = items_of(obs_probe, "Opening", spec.name)
    assert item["sceneItemId"] == added.item_id and item["sceneItemEnabled"] is False
    (kept,) = items_of(obs_probe, "Host", spec.name)
    assert kept["sceneItemId"] == first.item_id
    assert len(inputs_named(obs_probe, spec.name)) == 1


def test_an_input_of_another_kind_is_refused_and_obs_left_as_it_was(
    link: ObsLink, obs_probe: ObsProbe, drive: Drive
) -> None:
    spec = InputSpec(
        "Product Label",  # the seeded text source
        "image_source",
        kind_prefix="image_source",
        noun="an image source",
        remedy="choose another slide source in the profile",
    )
    before = obs_probe.call("GetSceneItemList", sceneName="Break")["sceneItems"]

    with pytest.raises(WrongKind) as refused:
        drive(place_input(link, "Break", spec))

    assert str(refused.value) == (
        "OBS source 'Product Label' is a text_ft2_source_v2, not an image source: rename it "
        "in OBS or choose another slide source in the profile"
    )
    assert obs_probe.call("GetSceneItemList", sceneName="Break")["sceneItems"] == before
    (label,) = inputs_named(obs_probe, "Product Label")
    assert label["inputKind"] == "text_ft2_source_v2"


def test_an_item_already_in_the_scene_is_used_as_the_operator_left_it(
    link: ObsLink, obs_probe: ObsProbe, drive: Drive
) -> None:
    label = InputSpec(
        "Host Label",
        "text_ft2_source_v2",
        kind_prefix="text_",
        noun="a text source",
        remedy="name another label",
    )
    (seeded,) = items_of(obs_probe, "Host", "Host Label")

    placed = drive(place_input(link, "Host", label))

    assert (placed.item_id, placed.made) == (seeded["sceneItemId"], Made.NOTHING)
    (item,) = items_of(obs_probe, "Host", "Host Label")
    assert item["sceneItemEnabled"] is True  # shown as it was: never hidden by a lookup
    assert drive(find_item(link, "Host", "Host Label")) == seeded["sceneItemId"]
    assert drive(find_item(link, "Host", "Break Label")) is None


def test_the_canvas_is_obs_base_canvas(link: ObsLink, obs_probe: ObsProbe, drive: Drive) -> None:
    video = obs_probe.call("GetVideoSettings")
    assert drive(video_canvas(link)) == (video["baseWidth"], video["baseHeight"])
