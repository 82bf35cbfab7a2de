"""SlidePusher against a fake OBS link: the requests it makes, the files it writes, when it
refreshes and when it refuses. (tests/integration/test_slides.py does it with a real OBS.)"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from console.commands import CommandError
from console.obs.errors import RESOURCE_NOT_FOUND, RequestFailed
from console.obs.state import LinkPhase, LinkState, RoomState
from console.show.deal import DealPhase
from console.show.product import Deal, Product
from console.show.slides import ComplianceRefused, SlidePusher
from tests.unit.show.samples import CEREAL, STEAK, with_deal

T = TypeVar("T")
CST = timezone(timedelta(hours=8))
START = datetime(2024, 4, 16, 18, 30, tzinfo=CST)


class FakeObs:
    """Just enough of OBS for the pusher: inputs, the Product scene's items, the canvas."""

    def __init__(self, inputs: dict[str, str] | None = None) -> None:
        self.room_id = "main"
        self.state = RoomState()
        self.state.scenes = ["Opening", "Product"]
        self.state.set_link(LinkState(LinkPhase.CONNECTED))
        self.inputs = dict(inputs or {})  # name -> kind
        self.items: dict[str, int] = {}  # source in Product -> item id
        self.enabled: dict[int, bool] = {}
        self.files: dict[str, str] = {}
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.listeners: list[Callable[[str, dict[str, Any]], None]] = []

    def add_event_listener(
        self, listener: Callable[[str, dict[str, Any]], None]
    ) -> Callable[[], None]:
        self.listeners.append(listener)
        return lambda: self.listeners.remove(listener)

    def names(self) -> list[str]:
        return [name for name, _ in self.calls]

    def _missing(self, name: str) -> RequestFailed:
        return RequestFailed(name, RESOURCE_NOT_FOUND, "not found")

    async def request(self, name: str, reply_within: float | None = None, **data: Any) -> Any:
        self.calls.append((name, data))
        if name == "GetVideoSettings":
            return {"baseWidth": 1280, "baseHeight": 720}
        if name == "GetSceneItemId":
            if data["sourceName"] not in self.items:
                raise self._missing(name)
            return {"sceneItemId": self.items[data["sourceName"]]}
        if name == "GetInputSettings":
            if data["inputName"] not in self.inputs:
                raise self._missing(name)
            return {"inputKind": self.inputs[data["inputName"]], "inputSettings": {}}
        if name in ("CreateInput", "CreateSceneItem"):
            source = data.get("inputName") or data["sourceName"]
            self.inputs.setdefault(source, data.get("inputKind", "image_source"))
            self.items[source] = len(self.items) + 7
            self.enabled[self.items[source]] = data["sceneItemEnabled"]
            return {"sceneItemId": self.items[source]}
        if name == "SetInputSettings":
            if data["inputName"] not in self.inputs:
                raise self._missing(name)
            self.files[data["inputName"]] = data["inputSettings"]["file"]
            return {}
        if name == "SetSceneItemEnabled":
            self.enabled[data["sceneItemId"]] = data["sceneItemEnabled"]
            return {}
        if name == "GetSceneItemEnabled":
            return {"sceneItemEnabled": self.enabled[data["sceneItemId"]]}
        if name == "GetSceneItemTransform":  # this OBS loads images at once
            source = next(s for s, item in self.items.items() if item == data["sceneItemId"])
            width = 1280 if self.files.get(source) else 0
            return {"sceneItemTransform": {"sourceWidth": width}}
        if name in ("SetCurrentProgramScene", "SetCurrentPreviewScene"):
            return {}
        raise AssertionError(f"unexpected request {name}")


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


Run = Callable[[Coroutine[Any, Any, T]], T]


@pytest.fixture
def run() -> Iterator[Run[Any]]:
    """One plain asyncio loop for the test (the fake OBS needs no Qt event loop)."""
    with asyncio.Runner() as runner:
        yield runner.run


@pytest.fixture
def obs() -> FakeObs:
    return FakeObs()


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


@pytest.fixture
def pusher(
    qapp: QApplication, obs: FakeObs, clock: Clock, tmp_path: Path, run: Run[Any]
) -> Iterator[SlidePusher]:
    # No refresh loop: the tests call refresh() themselves, at the fake clock's moments.
    pusher = SlidePusher(
        obs, source="Slide", output_dir=tmp_path / "slides", clock=clock, auto_refresh=False
    )
    yield pusher
    run(pusher.close())


def test_first_show_creates_the_image_source_and_points_it_at_a_whole_png(
    pusher: SlidePusher, obs: FakeObs, run: Run[Any]
) -> None:
    pushed = run(pusher.show(STEAK))
    assert obs.inputs == {"Slide": "image_source"}
    assert obs.files["Slide"] == str(pushed.path)
    assert obs.enabled == {7: True}
    on_disk = QImage(str(pushed.path))
    assert (on_disk.width(), on_disk.height()) == pushed.canvas == (1280, 720)
    assert pushed.image.size() == on_disk.size()
    assert sorted(p.name for p in pushed.path.parent.iterdir()) == [pushed.path.name]
    # The file is set before the item is enabled, so OBS never shows an empty source.
    names = obs.names()
    assert names.index("SetInputSettings") < names.index("SetSceneItemEnabled")


def test_pushes_alternate_between_two_files(pusher: SlidePusher, run: Run[Any]) -> None:
    paths = [run(pusher.show(product)).path.name for product in (STEAK, CEREAL, STEAK)]
    assert paths == ["Slide-A.png", "Slide-B.png", "Slide-A.png"]


def test_an_existing_image_source_is_added_to_the_scene_not_created(
    qapp: QApplication, tmp_path: Path, run: Run[Any]
) -> None:
    obs = FakeObs({"Slide": "image_source"})
    pusher = SlidePusher(obs, source="Slide", output_dir=tmp_path, auto_refresh=False)
    run(pusher.show(STEAK))
    assert "CreateSceneItem" in obs.names() and "CreateInput" not in obs.names()
    run(pusher.close())


def test_a_source_of_another_kind_is_not_taken_over(
    qapp: QApplication, tmp_path: Path, run: Run[Any]
) -> None:
    obs = FakeObs({"Slide": "text_ft2_source_v2"})
    pusher = SlidePusher(obs, source="Slide", output_dir=tmp_path, auto_refresh=False)
    with pytest.raises(CommandError, match="is a text_ft2_source_v2, not an image source"):
        run(pusher.show(STEAK))
    run(pusher.close())


def test_a_missing_product_scene_is_named(pusher: SlidePusher, obs: FakeObs, run: Run[Any]) -> None:
    obs.state.scenes = ["Opening"]
    with pytest.raises(CommandError, match="OBS has no scene 'Product'"):
        run(pusher.show(STEAK))


def test_prohibited_terms_are_refused_before_anything_reaches_obs(
    pusher: SlidePusher, obs: FakeObs, run: Run[Any]
) -> None:
    product = replace(STEAK, name="全网最好吃的牛排")
    with pytest.raises(ComplianceRefused, match=r"name:1:3: '最好' is a prohibited term"):
        run(pusher.show(product))
    assert obs.calls == []
    pushed = run(pusher.show(product, override=True))
    assert pushed.override and obs.files


def test_switch_cuts_to_the_product_scene_or_previews_it_in_studio_mode(
    pusher: SlidePusher, obs: FakeObs, run: Run[Any]
) -> None:
    obs.state.program = "Opening"
    run(pusher.show(STEAK, switch=True))
    assert ("SetCurrentProgramScene", {"sceneName": "Product"}) in obs.calls
    obs.state.studio_mode = True
    run(pusher.show(CEREAL, switch=True))
    assert ("SetCurrentPreviewScene", {"sceneName": "Product"}) in obs.calls


def test_hide_disables_the_item_and_drops_the_image(
    pusher: SlidePusher, obs: FakeObs, run: Run[Any]
) -> None:
    pushed = run(pusher.show(STEAK))
    run(pusher.hide())
    assert obs.enabled == {7: False}
    assert obs.files["Slide"] == ""
    assert pusher.on_air is None and pusher.last is pushed
    run(pusher.show(CEREAL))
    assert obs.enabled == {7: True}


def test_refresh_pushes_only_when_the_content_changed(
    pusher: SlidePusher, obs: FakeObs, clock: Clock, run: Run[Any]
) -> None:
    run(pusher.show(with_deal(STEAK, START - timedelta(minutes=1), 10, "59")))
    pushes = obs.names().count("SetInputSettings")
    clock.now += timedelta(milliseconds=300)  # same whole second on the countdown
    assert run(pusher.refresh()) is None
    clock.now += timedelta(seconds=1)
    pushed = run(pusher.refresh())
    assert pushed is not None and pushed.content.deal_text == "限时价 · 距结束 08:59"
    assert obs.names().count("SetInputSettings") == pushes + 1


def test_an_expired_deal_shows_ended_and_the_regular_price_then_stops_refreshing(
    pusher: SlidePusher, clock: Clock, run: Run[Any]
) -> None:
    run(pusher.show(with_deal(STEAK, START - timedelta(minutes=1), 2, "59")))
    assert pusher.last is not None and pusher.last.content.price == "¥59"
    clock.now += timedelta(minutes=5)
    pushed = run(pusher.refresh())
    assert pushed is not None
    assert (pushed.content.deal_phase, pushed.content.deal_text) == (DealPhase.ENDED, "活动已结束")
    assert pushed.content.price == "¥69"
    clock.now += timedelta(days=1)
    assert run(pusher.refresh()) is None  # nothing resets by itself


def test_a_stock_edit_reaches_the_slide(pusher: SlidePusher, obs: FakeObs, run: Run[Any]) -> None:
    run(pusher.show(STEAK))
    pusher.update(replace(STEAK, stock=0))
    pushed = run(pusher.refresh())
    assert pushed is not None and pushed.content.stock == "已售罄"


def test_an_edit_that_brings_a_prohibited_term_is_not_pushed(
    pusher: SlidePusher, run: Run[Any]
) -> None:
    run(pusher.show(STEAK))
    pusher.update(replace(STEAK, selling_points=("顶级雪花",)))
    with pytest.raises(ComplianceRefused, match="顶级"):
        run(pusher.refresh())


def test_after_a_reconnect_nothing_is_pushed_by_itself_and_a_show_recreates_the_source(
    pusher: SlidePusher, obs: FakeObs, run: Run[Any]
) -> None:
    run(pusher.show(CEREAL))
    obs.state.set_link(LinkState(LinkPhase.RECONNECTING, "OBS closed"))
    obs.items.clear()
    obs.inputs.clear()  # a restarted OBS without the slide source
    obs.state.set_link(LinkState(LinkPhase.CONNECTED))
    assert run(pusher.refresh()) is None  # unchanged content: the operator restores it
    assert pusher.on_air == CEREAL
    pushed = run(pusher.show(CEREAL))
    assert obs.files["Slide"] == str(pushed.path)
    assert obs.names().count("CreateInput") == 2


def test_removing_the_source_in_obs_makes_the_next_push_recreate_it(
    pusher: SlidePusher, obs: FakeObs, run: Run[Any]
) -> None:
    run(pusher.show(STEAK))
    obs.inputs.clear()
    obs.items.clear()
    for listener in obs.listeners:
        listener("InputRemoved", {"inputName": "Slide"})
    run(pusher.show(CEREAL))
    assert obs.names().count("CreateInput") == 2


def test_the_slide_lookup_gives_the_current_product(
    qapp: QApplication, tmp_path: Path, run: Run[Any]
) -> None:
    catalogue: dict[str, Product] = {STEAK.sku: STEAK}
    obs = FakeObs()
    pusher = SlidePusher(obs, output_dir=tmp_path, lookup=catalogue.get, auto_refresh=False)
    run(pusher.show(STEAK))
    catalogue[STEAK.sku] = replace(STEAK, stock=499)
    pushed = run(pusher.refresh())
    assert pushed is not None and pushed.content.stock == "库存 499 件"
    run(pusher.close())


def test_a_slide_shown_again_is_reused_not_redrawn(pusher: SlidePusher, run: Run[Any]) -> None:
    first = run(pusher.show(STEAK))
    first_bytes = first.path.read_bytes()
    run(pusher.show(CEREAL))
    again = run(pusher.show(STEAK))
    assert first.render_ms > 0 and again.render_ms == 0
    assert again.image is first.image
    assert again.path.read_bytes() == first_bytes


def test_prepared_slides_show_without_drawing(pusher: SlidePusher, run: Run[Any]) -> None:
    run(pusher.prepare([STEAK, CEREAL]))
    assert run(pusher.show(CEREAL)).render_ms == 0


def test_a_tick_after_a_reused_slide_is_still_the_right_picture(
    pusher: SlidePusher, clock: Clock, run: Run[Any]
) -> None:
    deal = with_deal(STEAK, START - timedelta(minutes=1), 10, "59")
    run(pusher.show(deal))
    run(pusher.show(CEREAL))
    run(pusher.show(deal))  # reused: the renderer and encoder last saw CEREAL
    clock.now += timedelta(seconds=1)
    pushed = run(pusher.refresh())
    assert pushed is not None
    on_disk = QImage(str(pushed.path)).convertToFormat(QImage.Format.Format_RGB32)
    assert on_disk == pushed.image.convertToFormat(QImage.Format.Format_RGB32)


def test_the_refresh_loop_counts_down_to_the_end_then_stops(
    qapp: QApplication, tmp_path: Path, run: Run[Any]
) -> None:
    obs = FakeObs()
    pusher = SlidePusher(obs, output_dir=tmp_path)  # the real clock and the refresh loop
    now = datetime.now().astimezone()
    deal = Deal(now - timedelta(minutes=1), now + timedelta(seconds=1.5), Decimal("29.9"))
    product = replace(CEREAL, stock=None, deal=deal)

    async def scenario() -> list[str]:
        texts: list[str] = []
        ended = asyncio.Event()

        def on_change(what: str) -> None:
            if what == "pushed" and pusher.last is not None:
                texts.append(pusher.last.content.deal_text or "")
                if pusher.last.content.deal_phase is DealPhase.ENDED:
                    ended.set()

        pusher.subscribe(on_change)
        await pusher.show(product)
        await asyncio.wait_for(ended.wait(), 5)
        refreshing = pusher._refresh_task  # ends by itself right after the last push
        if refreshing is not None:
            await asyncio.wait_for(refreshing, 5)
        return texts

    texts = run(scenario())
    # Normally 00:02, 00:01, ended; a stalled machine may skip a second, never repeat one.
    assert texts[0] == "限时价 · 距结束 00:02" and texts[-1] == "活动已结束"
    assert len(texts) == len(set(texts)) <= 3
    assert not pusher.refreshing
    run(pusher.close())


def test_an_edit_is_pushed_at_once_by_the_refresh_loop(
    qapp: QApplication, tmp_path: Path, run: Run[Any]
) -> None:
    obs = FakeObs()
    pusher = SlidePusher(obs, output_dir=tmp_path)

    async def scenario() -> str | None:
        sold_out = asyncio.Event()

        def on_change(what: str) -> None:
            if what == "pushed" and pusher.last is not None and pusher.last.content.sold_out:
                sold_out.set()

        pusher.subscribe(on_change)
        await pusher.show(replace(CEREAL, stock=3))
        pusher.update(replace(CEREAL, stock=0))
        await asyncio.wait_for(sold_out.wait(), 0.5)  # at once, not at the next 1 s tick
        await pusher.close()
        return pusher.last.content.stock if pusher.last else None

    assert run(scenario()) == "已售罄"


def test_a_hidden_slide_holding_an_old_image_is_emptied_before_it_is_shown(
    qapp: QApplication, tmp_path: Path, run: Run[Any]
) -> None:
    obs = FakeObs({"Slide": "image_source"})
    obs.items["Slide"] = 7
    obs.enabled[7] = False  # hidden by the operator in OBS, still holding yesterday's slide
    obs.files["Slide"] = "/old/slide.png"
    pusher = SlidePusher(obs, source="Slide", output_dir=tmp_path, auto_refresh=False)
    pushed = run(pusher.show(STEAK))
    settings = [data for name, data in obs.calls if name == "SetInputSettings"]
    assert [s["inputSettings"]["file"] for s in settings] == ["", str(pushed.path)]
    assert obs.names()[-1] == "SetSceneItemEnabled" and obs.enabled[7]
    run(pusher.close())


def test_a_visible_slide_is_switched_in_place(
    qapp: QApplication, tmp_path: Path, run: Run[Any]
) -> None:
    obs = FakeObs({"Slide": "image_source"})
    obs.items["Slide"] = 7
    obs.enabled[7] = True
    obs.files["Slide"] = "/old/slide.png"
    pusher = SlidePusher(obs, source="Slide", output_dir=tmp_path, auto_refresh=False)
    pushed = run(pusher.show(STEAK))
    settings = [data for name, data in obs.calls if name == "SetInputSettings"]
    assert [s["inputSettings"]["file"] for s in settings] == [str(pushed.path)]
    assert "SetSceneItemEnabled" not in obs.names()
    run(pusher.close())


def test_whoever_hears_of_a_push_sees_the_product_on_air(
    pusher: SlidePusher, run: Run[Any]
) -> None:
    seen: list[str | None] = []
    pusher.subscribe(lambda what: seen.append(pusher.on_air.sku if pusher.on_air else None))
    run(pusher.show(STEAK))
    assert seen == [STEAK.sku]
