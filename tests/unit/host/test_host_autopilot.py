"""The autopilot's loop and its presence check, on its own loop (no OBS needed): products and
variants in turn, never the same line twice in a row, a viewer's product first, the cut
segment again after a pause, and the operator check that warns, then pauses on the safe
scene, logged."""

from __future__ import annotations

import asyncio
import itertools
import random
from collections.abc import Callable

import pytest

from console.host.air_log import AirLog
from console.host.autopilot import Autopilot, AutoState, Presence, Script
from tests.virtual_time import run_in_virtual_time

SCRIPTS = (
    Script("steak", "steak", ("牛排一", "牛排二", "牛排三")),
    Script("steak-cook", "steak", ("煎法一", "煎法二")),
    Script("oats", "oats", ("燕麦一", "燕麦二")),
    Script("lego", "lego", ("积木一",)),
)


def pilot(
    presence: Presence | None = None, safe: Callable[[], None] | None = None, seed: int = 7
) -> Autopilot:
    async def to_safe_scene() -> None:
        if safe is not None:
            safe()

    return Autopilot(
        "main",
        ["steak", "oats", "lego", "unscripted"],
        SCRIPTS,
        presence or Presence(),
        AirLog(None),
        to_safe_scene,
        draw=random.Random(seed),
        render=lambda text, sku: f"{text}（{sku}）",
    )


def said(autopilot: Autopilot, count: int) -> list[tuple[str | None, str | None]]:
    lines = [autopilot.next_line() for _ in range(count)]
    return [(line.segment, line.text) for line in lines if line is not None]


def test_it_cycles_the_products_segments_in_order_with_their_fields_filled() -> None:
    async def scenario() -> None:
        autopilot = pilot()
        autopilot.start()
        segments = [segment for segment, _ in said(autopilot, 8)]
        assert segments == ["steak", "steak-cook", "oats", "lego"] * 2
        line = autopilot.next_line()
        assert line is not None and line.sku == "steak" and line.origin == "autopilot"
        assert line.text is not None and line.text.endswith("（steak）")  # from the catalogue

    asyncio.run(scenario())


def test_variants_rotate_and_no_line_airs_twice_in_a_row() -> None:
    async def scenario() -> None:
        for seed in range(20):
            autopilot = pilot(seed=seed)
            autopilot.start()
            texts = [text for _, text in said(autopilot, 40)]
            steak = [text for text in texts if text and text.startswith("牛排")]
            assert all(a != b for a, b in itertools.pairwise(steak)), steak
            assert len(set(steak)) == 3  # every variant comes up
            assert all(a != b for a, b in itertools.pairwise(texts))

    asyncio.run(scenario())


def test_a_single_product_with_a_single_line_never_repeats_back_to_back_when_it_can() -> None:
    async def scenario() -> None:
        autopilot = Autopilot(
            "main", ["a"], (Script("a", "a", ("一", "二")),), Presence(), AirLog(None)
        )
        autopilot.start()
        texts = [text for _, text in said(autopilot, 10)]
        assert texts == ["一", "二"] * 5 or texts == ["二", "一"] * 5

    asyncio.run(scenario())


def test_a_viewers_product_becomes_current_and_a_cut_segment_comes_again() -> None:
    async def scenario() -> None:
        autopilot = pilot()
        autopilot.start()
        assert autopilot.go_to("lego") and autopilot.product == "lego"
        assert not autopilot.go_to("unscripted")  # nothing to say about it
        first = autopilot.next_line()
        assert first is not None and first.segment == "lego"
        cut = autopilot.next_line()
        assert cut is not None and cut.segment == "steak"
        autopilot.rewind(cut)  # cut off before its end
        again = autopilot.next_line()
        assert again is not None and again.segment == "steak" and again.id != cut.id

    asyncio.run(scenario())


def test_the_presence_check_warns_then_pauses_on_the_safe_scene_logged() -> None:
    async def scenario() -> None:
        loop = asyncio.get_running_loop()
        cut_to_safe = asyncio.Event()
        autopilot = pilot(Presence(every_s=600, warn_s=60), safe=cut_to_safe.set)
        seen: list[tuple[str, str, float]] = []
        autopilot.subscribe(lambda a: seen.append((a.state.value, a.warning, loop.time())))
        began = loop.time()
        autopilot.start()
        await asyncio.wait_for(cut_to_safe.wait(), 3600)
        warned = [(warning, at) for state, warning, at in seen if warning]
        assert warned and warned[0][1] - began == pytest.approx(540)  # 60 s before it is due
        paused = [at for state, warning, at in seen if state == "paused"]
        assert paused and paused[0] - began == pytest.approx(600)
        assert autopilot.state is AutoState.PAUSED and autopilot.absent
        assert autopilot.next_line() is None  # nothing new starts
        events = [(entry.get("event"), entry.get("reason")) for entry in autopilot.air_log.recent]
        assert ("operator check due", None) in events
        assert (
            "autopilot paused",
            "no sign of the operator: paused on the safe scene",
        ) in events
        autopilot.start()  # the operator is back
        assert autopilot.running and not autopilot.absent
        await autopilot.close()

    run_in_virtual_time(scenario())


def test_a_sign_of_the_operator_keeps_it_running() -> None:
    async def scenario() -> None:
        loop = asyncio.get_running_loop()
        autopilot = pilot(Presence(every_s=600, warn_s=60))
        warned = asyncio.Event()
        autopilot.subscribe(lambda a: warned.set() if a.warning else None)
        autopilot.start()
        for _ in range(6):  # a sign every 500 s, each before the warning would come
            await asyncio.sleep(500)  # the operator's pace, in the loop's virtual time
            assert autopilot.sign_due_in() == pytest.approx(100)
            autopilot.saw_operator()
            assert autopilot.sign_due_in() == pytest.approx(600)
        assert autopilot.running and not warned.is_set()
        last_sign = loop.time()
        await asyncio.wait_for(warned.wait(), 3600)  # no more signs: the warning comes
        assert loop.time() - last_sign == pytest.approx(540)
        autopilot.saw_operator()
        assert autopilot.warning == "" and autopilot.running
        await autopilot.close()

    run_in_virtual_time(scenario())


def test_a_restarted_autopilot_is_back_where_it_was_and_paused_until_resumed() -> None:
    async def scenario() -> None:
        before = pilot()
        before.start()
        said(before, 3)  # steak, steak-cook, oats: next is lego
        position = before.position()
        assert position == {"state": "running", "sku": "lego", "segment": "lego"}
        after = pilot()
        after.restore(position)
        assert after.state is AutoState.PAUSED and "restarted" in after.reason
        assert after.next_line() is None  # nothing airs by itself
        after.start()
        line = after.next_line()
        assert line is not None and line.segment == "lego"
        stopped = pilot()
        stopped.restore({"state": "stopped", "sku": "oats", "segment": "oats"})
        assert stopped.state is AutoState.STOPPED and stopped.product == "oats"

    asyncio.run(scenario())
