"""The slide and rundown commands on the demo show's products, against a real OBS."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from console.commands import ActionRecord, CommandError, Context
from console.profile import load_profile
from console.services import Console
from console.show.slides import SlidePusher
from console.ui.product_editor import ProductEditor
from tests.conftest import Drive
from tests.harness import ObsProbe, ObsStudio
from tests.support import FAST, connected

DEMO = Path(__file__).resolve().parents[2] / "profiles" / "demo.yaml"


@pytest.fixture
def console(tmp_path: Path, obs: ObsStudio, drive: Drive) -> Iterator[Console]:
    """The demo show (its products, rundown and compliance list) on the module's OBS."""
    text = DEMO.read_text(encoding="utf-8")
    text = text.replace("port: 4455", f"port: {obs.port}")
    text = text.replace("password_env: OBS_PASSWORD", f'password: "{obs.password}"')
    text = text.replace("../assets/", f"{DEMO.parents[1]}/assets/")
    text = text.replace("file: demo_barrage.jsonl", f"file: {DEMO.parent}/demo_barrage.jsonl")
    path = tmp_path / "demo.yaml"
    path.write_text(text, encoding="utf-8")
    service = Console(load_profile(path), FAST, log_actions=False)

    async def ready() -> None:
        service.start()
        await connected(service.rooms.get(None).state)

    drive(ready())
    yield service
    drive(service.close())


async def until_pushed(pusher: SlidePusher, predicate: Callable[[], bool]) -> None:
    """Wait for the pusher's own notices until ``predicate`` holds."""
    if predicate():
        return
    reached = asyncio.Event()
    unsubscribe = pusher.subscribe(lambda what: predicate() and reached.set())
    try:
        await asyncio.wait_for(reached.wait(), 10)
    finally:
        unsubscribe()


def _slide_file(probe: ObsProbe) -> str:
    return str(probe.call("GetInputSettings", inputName="Product Slide")["inputSettings"]["file"])


def test_slide_show_points_obs_at_the_rendered_slide(
    console: Console, obs_probe: ObsProbe, drive: Drive
) -> None:
    result = drive(console.registry.run("slide.show steak-ribeye-1kg", "test")).message
    assert "slide steak-ribeye-1kg on air" in result
    pusher = console.rooms.get(None).slides
    assert pusher.last is not None
    assert _slide_file(obs_probe) == str(pusher.last.path)
    assert Path(pusher.last.path).stat().st_size > 0
    drive(console.registry.run("slide.hide", "test"))
    assert pusher.on_air is None


def test_rundown_walks_items_and_pushes_product_slides(
    console: Console, obs_probe: ObsProbe, drive: Drive
) -> None:
    rundown = console.show.rundown
    first = drive(console.registry.run("rundown.goto 1", "test")).message
    assert first.startswith("rundown 1: ")
    assert rundown.item is not None and rundown.item.sku is None  # the opening
    pushed = None
    while pushed is None:
        said = drive(console.registry.run("rundown.next", "test")).message
        if rundown.item is not None and rundown.item.sku is not None:
            pushed = rundown.item.sku
            assert f"slide {pushed} on air" in said
    assert console.rooms.get(None).slides.on_air is not None
    assert console.rooms.get(None).slides.on_air.sku == pushed  # type: ignore[union-attr]
    drive(console.registry.run("slide.next", "test"))
    following = console.rooms.get(None).slides.on_air
    assert following is not None and following.sku != pushed
    drive(console.registry.run("slide.prev", "test"))
    assert console.rooms.get(None).slides.on_air.sku == pushed  # type: ignore[union-attr]


def test_prohibited_terms_refuse_the_push_unless_overridden_and_logged(
    console: Console, obs_probe: ObsProbe, drive: Drive
) -> None:
    records: list[ActionRecord] = []
    console.registry.add_listener(records.append)
    steak = console.show.products["steak-ribeye-1kg"]
    boasting = type(steak)(**{**steak.__dict__, "selling_points": ("全网最低价",)})
    console.show.products[steak.sku] = boasting
    with pytest.raises(CommandError, match="最"):
        drive(console.registry.run("slide.show steak-ribeye-1kg", "test"))
    said = drive(console.registry.run("slide.show steak-ribeye-1kg override=true", "test")).message
    assert "compliance override" in said
    assert [(r.line, r.ok) for r in records] == [
        ("slide.show steak-ribeye-1kg", False),
        ("slide.show steak-ribeye-1kg override=true", True),
    ]


def test_unknown_product_names_the_known_ones(console: Console, drive: Drive) -> None:
    with pytest.raises(CommandError, match=r"no product 'steak' .*steak-ribeye-1kg"):
        drive(console.registry.run("slide.show steak", "test"))


def test_product_set_is_saved_logged_and_refreshes_the_slide_on_air(
    console: Console, obs_probe: ObsProbe, drive: Drive
) -> None:
    drive(console.registry.run("slide.show steak-ribeye-1kg", "test"))
    pusher = console.rooms.get(None).slides
    assert pusher.last is not None
    first = pusher.last.path
    said = drive(console.registry.run("product.set steak-ribeye-1kg stock 120", "hotkey")).message
    assert "saved to demo.yaml" in said
    drive(until_pushed(pusher, lambda: pusher.last is not None and pusher.last.path != first))
    assert _slide_file(obs_probe) == str(pusher.last.path)
    reloaded = load_profile(console.profile.path)
    assert reloaded.product("steak-ribeye-1kg").stock == 120


def test_reordering_the_rundown_is_saved_to_the_profile(console: Console, drive: Drive) -> None:
    rundown = console.show.rundown
    last = rundown.entries[-1].item
    said = drive(console.registry.run(f"rundown.move {len(rundown.entries)} 1", "rundown"))
    assert said.message.startswith(f"rundown: {last.title} moved to 1; saved")
    assert rundown.entries[0].item == last
    assert load_profile(console.profile.path).rundown[0] == last


def test_product_editor_saves_each_changed_field_as_a_logged_command(
    console: Console, qtbot: QtBot
) -> None:
    records: list[ActionRecord] = []
    console.registry.add_listener(records.append)
    host = QWidget()
    qtbot.addWidget(host)
    steak = console.show.products["steak-ribeye-1kg"]

    def fire(name: str, trigger: str, room: str | None = None, **arguments: object) -> None:
        console.dispatcher.fire(name, arguments, Context(trigger, room))

    editor = ProductEditor(steak, console.profile.path.parent, fire, host)
    editor.fields["stock"].setText("321")
    editor.fields["selling_points"].setText("南美草饲 | 原切")
    editor.on_save()
    qtbot.waitUntil(lambda: len(records) == 2)
    assert [r.line for r in records] == [
        "product.set sku=steak-ribeye-1kg field=stock value=321",
        "product.set sku=steak-ribeye-1kg field=selling_points value='南美草饲 | 原切'",
    ]
    assert all(r.ok for r in records), records
    saved = load_profile(console.profile.path).product("steak-ribeye-1kg")
    assert (saved.stock, saved.selling_points) == (321, ("南美草饲", "原切"))


def test_products_are_added_and_reordered(console: Console, drive: Drive) -> None:
    drive(console.registry.run("product.add tea-500g '高山绿茶 500g' 88", "test"))
    drive(console.registry.run("product.move tea-500g 1", "test"))
    assert next(iter(console.show.products)) == "tea-500g"
    assert load_profile(console.profile.path).products[0].name == "高山绿茶 500g"


def test_rundown_slides_are_drawn_ahead_once_connected(console: Console, drive: Drive) -> None:
    drive(console.show.saved())  # the preparation started when the link came up
    pusher = console.rooms.get(None).slides
    prepared = {content.sku for content, _, _ in pusher._slides}
    rundown_skus = {item.sku for item in console.show.rundown.items() if item.sku}
    assert rundown_skus <= prepared
