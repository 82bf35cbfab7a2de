"""What the palette offers from the show: the scenes and transitions a room's OBS has (as
its mirror holds them, only while connected) and the ones the profile declares, the live
catalogue, the rundown as it stands, the rooms and the host's segments."""

from __future__ import annotations

from pathlib import Path

from qasync import QEventLoop

from console.commands import ArgKind
from console.obs.state import LinkPhase, LinkState
from console.palette_match import Choice
from console.profile import load_profile
from console.services import Console
from console.show_names import ShowNames
from tests.conftest import Drive
from tests.support import FAST
from tests.unit.ui.rooms import seem_connected

PROFILE = """\
schema_version: 1
show: {title: Names, log_dir: logs}
rooms:
  - id: main
    name: 京东超市
    obs: {host: 127.0.0.1, port: 1, password: ""}
    scenes: {host: Host, break: Break, others: [Lucky Draw]}
  - id: phone
    name: 手机直播
    obs: {host: 127.0.0.1, port: 1, password: ""}
products:
  - {sku: steak-ribeye-1kg, name: 眼肉牛排 1kg, price: 69}
  - {sku: oats-1kg, name: 燕麦片 1kg, price: 29}
rundown:
  - {kind: opening, title: Welcome}
  - {kind: product, sku: steak-ribeye-1kg}
  - {kind: break, title: Break time}
segments:
  - id: opening
    text: 欢迎来到京东超市直播间！今晚给大家带来四样好东西，牛排、牛肉饼、燕麦片和乐高积木。
  - {id: closing, text: 下次见}
"""


def _show(tmp_path: Path) -> tuple[Console, ShowNames]:
    path = tmp_path / "show.yaml"
    path.write_text(PROFILE, encoding="utf-8")
    console = Console(load_profile(path), FAST, log_actions=False)
    show = console.show
    return console, ShowNames(console.profile, console.rooms, show.products, show.rundown)


def test_scenes_are_what_obs_has_marked_as_obs_marks_them_then_the_declared_ones(
    tmp_path: Path, aloop: QEventLoop, drive: Drive
) -> None:
    console, names = _show(tmp_path)
    seem_connected(console.rooms.get("main").state)
    scenes = names(ArgKind.SCENE, "main")
    assert scenes[:3] == [
        Choice("Opening", "in OBS"),
        Choice("Host", "on program"),
        Choice("Product", "in preview"),
    ]
    assert [choice.value for choice in scenes[3:6]] == ["Break", "Closing", "Standby"]
    assert scenes[6:] == [Choice("Lucky Draw", "declared; OBS has no such scene")]
    drive(console.close())


def test_a_room_whose_obs_is_not_connected_offers_only_what_the_profile_declares(
    tmp_path: Path, aloop: QEventLoop, drive: Drive
) -> None:
    console, names = _show(tmp_path)
    state = console.rooms.get("main").state
    seem_connected(state)
    state.set_link(LinkState(LinkPhase.RECONNECTING, "link lost"))
    assert names(ArgKind.SCENE, "main") == [
        Choice("Host", "declared; OBS not connected"),
        Choice("Break", "declared; OBS not connected"),
        Choice("Lucky Draw", "declared; OBS not connected"),
    ]
    assert names(ArgKind.TRANSITION, "main") == []  # what OBS has is not known now
    assert names(ArgKind.SCENE, "phone") == []  # declares none, not connected
    drive(console.close())


def test_every_room_lists_each_scene_once_with_what_each_room_says(
    tmp_path: Path, aloop: QEventLoop, drive: Drive
) -> None:
    console, names = _show(tmp_path)
    seem_connected(console.rooms.get("phone").state)
    every = {choice.value: choice.detail for choice in names(ArgKind.SCENE, None)}
    assert every["Host"] == "main: declared; OBS not connected · phone: on program"
    assert every["Lucky Draw"] == "main: declared; OBS not connected"
    assert every["Standby"] == "phone: in OBS"
    assert names(ArgKind.SCENE, "nowhere") == []
    drive(console.close())


def test_transitions_are_obs_own_with_the_current_one_marked(
    tmp_path: Path, aloop: QEventLoop, drive: Drive
) -> None:
    console, names = _show(tmp_path)
    seem_connected(console.rooms.get("main").state)
    assert names(ArgKind.TRANSITION, "main") == [Choice("Fade", "current, 300 ms")]
    drive(console.close())


def test_products_rooms_and_segments_come_from_the_show(
    tmp_path: Path, aloop: QEventLoop, drive: Drive
) -> None:
    console, names = _show(tmp_path)
    assert names(ArgKind.SKU, None) == [
        Choice("steak-ribeye-1kg", "眼肉牛排 1kg"),
        Choice("oats-1kg", "燕麦片 1kg"),
    ]
    assert names(ArgKind.ROOM, None) == [Choice("main", "京东超市"), Choice("phone", "手机直播")]
    segments = names(ArgKind.SEGMENT, None)
    assert [choice.value for choice in segments] == ["opening", "closing"]
    gist = segments[0].detail
    assert gist.startswith("欢迎来到京东超市直播间") and gist.endswith("…") and len(gist) == 40
    assert names(ArgKind.TEXT, None) == []
    drive(console.close())


def test_a_product_added_live_is_offered_at_once(
    tmp_path: Path, aloop: QEventLoop, drive: Drive
) -> None:
    console, names = _show(tmp_path)
    drive(console.registry.run("product.add lego-box 乐高积木 199", "test"))
    assert names(ArgKind.SKU, None)[-1] == Choice("lego-box", "乐高积木")
    drive(console.close())


def test_rundown_items_by_number_with_their_title_and_where_the_show_is(
    tmp_path: Path, aloop: QEventLoop, drive: Drive
) -> None:
    console, names = _show(tmp_path)
    assert names(ArgKind.ITEM, None) == [
        Choice("1", "Welcome · next"),
        Choice("2", "眼肉牛排 1kg"),
        Choice("3", "Break time"),
    ]
    console.show.rundown.go(1)
    assert names(ArgKind.ITEM, None) == [
        Choice("1", "Welcome"),
        Choice("2", "眼肉牛排 1kg · on now"),
        Choice("3", "Break time · next"),
    ]
    drive(console.close())
