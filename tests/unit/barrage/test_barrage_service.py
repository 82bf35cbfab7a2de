"""The running barrage: a replayed recording through moderation, review, commands and stats."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from barrage_show import BARRAGE, RECORDING, running, texts, write_show

from console.barrage.config import ModerationConfig
from console.barrage.message import Kind, Message
from console.barrage.on_air import pin_text
from console.barrage.verdict import Action
from console.catalog import BARRAGE_COMMANDS, FEED_COMMANDS
from console.commands import CommandError, ErrorCode
from console.profile import Profile


@pytest.fixture
def profile(tmp_path: Path) -> Profile:
    return write_show(tmp_path)


def test_the_replay_is_judged_held_and_counted(profile: Profile) -> None:
    async def scenario() -> None:
        async with running(profile) as rig:
            service = rig.service
            assert service.ingest.received == 9
            assert texts(service.review.held()) == ["这个是垃圾吧", "垃圾主播"]
            stats = service.stats.snapshot()
            assert stats.per_minute == 9 and stats.total == 9
            assert stats.held == {"rude": 2}
            assert stats.blocked == {"contact": 1, "spam": 1}
            assert [q.text for q in stats.questions] == ["牛排多少钱？", "乐高多少钱", "发货快吗"]
            assert {sku: series[-1] for sku, series in stats.mentions.items()} == {
                "steak": 1,
                "lego": 1,
            }

    asyncio.run(scenario())


def test_messages_go_to_the_source_room(profile: Profile) -> None:
    async def scenario() -> set[str]:
        async with running(profile) as rig:
            service = rig.service
            return {
                j.message.room for j in (service.moderator.find(f"m{n}") for n in range(1, 10)) if j
            }

    assert asyncio.run(scenario()) == {"main"}


def test_the_first_held_message_is_selected(profile: Profile) -> None:
    async def scenario() -> str | None:
        async with running(profile) as rig:
            return rig.feed.selected_id

    assert asyncio.run(scenario()) == "m3"


def test_approve_lets_the_selected_message_through_and_keeps_it_selected(
    profile: Profile,
) -> None:
    async def scenario() -> tuple[str, str | None, str, list[str]]:
        async with running(profile) as rig:
            service = rig.service
            result = (await rig.run("barrage.approve")).message
            return (
                result,
                rig.feed.selected_id,
                service.moderator.status("m3"),
                texts(service.review.held()),
            )

    result, selected, status, held = asyncio.run(scenario())
    assert result == "approved cat-name: 这个是垃圾吧"
    assert (selected, status, held) == ("m3", "approved", ["垃圾主播"])


def test_reject_moves_the_selection_to_the_next_held(profile: Profile) -> None:
    async def scenario() -> tuple[str, str | None, str]:
        async with running(profile) as rig:
            service = rig.service
            result = (await rig.run("barrage.reject m3")).message
            return result, rig.feed.selected_id, service.moderator.status("m3")

    assert asyncio.run(scenario()) == ("rejected cat-name: 这个是垃圾吧", "m4", "rejected")


def test_approving_a_message_that_passed_says_so(profile: Profile) -> None:
    async def scenario() -> None:
        async with running(profile) as rig:
            with pytest.raises(CommandError, match="m1 was not held"):
                await rig.run("barrage.approve m1")

    asyncio.run(scenario())


def test_ban_rejects_the_users_held_messages_and_blocks_the_next(profile: Profile) -> None:
    async def scenario() -> tuple[str, list[str], Action, str | None]:
        async with running(profile) as rig:
            service = rig.service
            result = (await rig.run("barrage.ban m3")).message
            held = texts(service.review.held())
            later = Message("test", "main", "m10", "cat", "cat-name", "你好", 2000.0)
            service.ingest.put(later)
            (judged,) = service.ingest.flush()
            return result, held, judged.verdict.action, rig.feed.selected_id

    result, held, action, selected = asyncio.run(scenario())
    assert result == "banned cat-name; 2 held messages rejected"
    assert held == [] and action is Action.BLOCK and selected is None


def test_pin_refuses_a_held_message(profile: Profile) -> None:
    async def scenario() -> None:
        async with running(profile) as rig:
            with pytest.raises(CommandError, match=r"m4 is held for review \(rude\): approve it"):
                await rig.run("barrage.pin m4")

    asyncio.run(scenario())


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("barrage.pin m2", "m2 was blocked"),
        ("barrage.pin m7", "only comments can go on air"),
        ("barrage.pin m404", "m404 is no longer in the console's memory"),
        ("barrage.pin m1 seconds=0", "seconds must be 1 to 3600"),
    ],
)
def test_pin_refuses_what_cannot_go_on_air(profile: Profile, line: str, reason: str) -> None:
    async def scenario() -> None:
        async with running(profile) as rig:
            with pytest.raises(CommandError, match=reason):
                await rig.run(line)

    asyncio.run(scenario())


def test_pin_of_a_rejected_message_is_refused(profile: Profile) -> None:
    async def scenario() -> None:
        async with running(profile) as rig:
            await rig.run("barrage.reject m3")
            with pytest.raises(CommandError, match="m3 was rejected, not approved"):
                await rig.run("barrage.pin m3")

    asyncio.run(scenario())


def test_pin_of_an_allowed_message_goes_to_obs(profile: Profile) -> None:
    """With no OBS the pin fails on the link, which shows the checks let it through."""

    async def scenario() -> None:
        async with running(profile) as rig:
            with pytest.raises(CommandError, match="room main is not connected"):
                await rig.run("barrage.pin m1")

    asyncio.run(scenario())


@pytest.mark.parametrize(
    ("line", "answer"),
    [
        ("barrage.answer m1", "牛排直播间价 69 元，在 1号链接。"),
        ("barrage.answer m5", "积木盒直播间价 229 元。"),
        ("barrage.answer m8", "冷链发货，48 小时内发出。"),  # only the steak's FAQ fits
    ],
)
def test_answer_suggests_the_product_faq(profile: Profile, line: str, answer: str) -> None:
    async def scenario() -> tuple[str, str]:
        async with running(profile) as rig:
            service = rig.service
            result = (await rig.run(line)).message
            assert service.suggestion is not None
            return result, service.suggestion.suggestion.answer

    result, suggested = asyncio.run(scenario())
    assert suggested == answer and result.endswith(answer)


def test_answer_asks_which_product_when_the_question_names_none(tmp_path: Path) -> None:
    profile = write_show(tmp_path, recording=[*RECORDING, ("m10", "ivy", "多少钱", Kind.COMMENT)])

    async def scenario() -> str:
        async with running(profile) as rig:
            with pytest.raises(CommandError, match=r"2 products have an answer .*add sku="):
                await rig.run("barrage.answer m10")
            return str(await rig.run("barrage.answer m10 sku=lego"))

    assert asyncio.run(scenario()).endswith("积木盒直播间价 229 元。")


def test_answer_refuses_a_held_question(profile: Profile) -> None:
    async def scenario() -> None:
        async with running(profile) as rig:
            with pytest.raises(CommandError, match="held for review"):
                await rig.run("barrage.answer m3")

    asyncio.run(scenario())


def test_pause_filter_and_select(profile: Profile) -> None:
    async def scenario() -> None:
        async with running(profile) as rig:
            assert (await rig.run("barrage.pause")).message == "feed paused (comments keep coming)"
            assert rig.feed.paused
            await rig.run("barrage.resume")
            assert not rig.feed.paused
            assert (await rig.run("barrage.filter product lego")).message == (
                "feed shows product lego"
            )
            assert (rig.feed.filter.mode, rig.feed.filter.sku) == ("product", "lego")
            with pytest.raises(CommandError, match="needs sku="):
                await rig.run("barrage.filter product")
            with pytest.raises(CommandError, match="no product 'tofu'"):
                await rig.run("barrage.filter product tofu")
            with pytest.raises(CommandError, match="mode must be one of"):
                await rig.run("barrage.filter everything")
            await rig.run("barrage.select next")
            assert rig.feed.selected_id == "m4"
            await rig.run("barrage.select m1")
            assert rig.feed.selected_id == "m1"

    asyncio.run(scenario())


def test_no_selection_is_an_error_an_operator_can_read(tmp_path: Path) -> None:
    profile = write_show(tmp_path, recording=[("m1", "ann", "你好", Kind.COMMENT)])

    async def scenario() -> None:
        async with running(profile) as rig:
            with pytest.raises(CommandError, match="no message selected"):
                await rig.run("barrage.pin")

    asyncio.run(scenario())


def test_every_command_has_a_one_line_help() -> None:
    specs = (*BARRAGE_COMMANDS, *FEED_COMMANDS)
    assert all(spec.help and "\n" not in spec.help for spec in specs)
    assert {spec.name for spec in specs} >= {
        "barrage.approve",
        "barrage.reject",
        "barrage.release",
        "barrage.ban",
        "barrage.unban",
        "barrage.pin",
        "barrage.unpin",
        "barrage.answer",
        "barrage.pause",
        "barrage.resume",
        "barrage.filter",
    }


def test_reload_swaps_the_rules_compiled_off_the_loop(profile: Profile) -> None:
    async def scenario() -> Action:
        async with running(profile) as rig:
            service = rig.service
            config = ModerationConfig.from_mapping(
                {"terms": [{"name": "new", "terms": ["好吃"], "action": "block"}]}
            )
            await service.reload(config)
            service.ingest.put(Message("test", "main", "n1", "zed", "zed", "真好吃", 2000.0))
            (judged,) = service.ingest.flush()
            return judged.verdict.action

    assert asyncio.run(scenario()) is Action.BLOCK


def test_every_message_and_decision_is_in_the_show_log(profile: Profile) -> None:
    async def scenario() -> None:
        async with running(profile, log_actions=True) as rig:
            await rig.run("barrage.approve m3")

    asyncio.run(scenario())
    (path,) = (profile.show.log_dir).glob("*.barrage.jsonl")
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines if "review" not in line] == [f"m{n}" for n in range(1, 10)]
    assert [(line["review"], line["id"]) for line in lines if "review" in line] == [
        ("approve", "m3")
    ]


def test_pin_text_is_one_short_line() -> None:
    message = Message("test", "main", "x", "u", "Ann", "好\n吃 " + "啊" * 100, 1.0)
    text = pin_text(message)
    assert text.startswith("Ann: 好 吃 啊") and len(text) == 80 and text.endswith("…")


def test_banning_from_the_feed_keeps_the_selection(profile: Profile) -> None:
    async def scenario() -> tuple[str | None, list[str]]:
        async with running(profile) as rig:
            service = rig.service
            rig.feed.select("m9")
            await rig.run("barrage.ban")
            return rig.feed.selected_id, texts(service.review.held())

    assert asyncio.run(scenario()) == ("m9", ["这个是垃圾吧", "垃圾主播"])


def test_a_selected_message_outlives_the_recent_index(profile: Profile) -> None:
    """A feed held still by hover shows messages the moderator has already let go."""

    async def scenario() -> str:
        async with running(profile, remember=3) as rig:
            assert rig.service.moderator.find("m1") is None
            (first,) = [j for j in rig.service.history.recent("ann") if j.message.id == "m1"]
            rig.feed.select("m1", first)
            return str(await rig.run("barrage.answer"))

    assert asyncio.run(scenario()).endswith("牛排直播间价 69 元，在 1号链接。")


def test_a_ban_holds_in_every_room_and_can_be_lifted(profile: Profile) -> None:
    async def scenario() -> tuple[Action, Action]:
        async with running(profile) as rig:
            service = rig.service
            await rig.run("barrage.ban m3")
            elsewhere = Message("test", "other", "n1", "cat", "cat-name", "你好", 2000.0)
            service.ingest.put(elsewhere)
            (banned,) = service.ingest.flush()
            await rig.run("barrage.unban cat")
            service.ingest.put(Message("test", "other", "n2", "cat", "cat-name", "你好", 2001.0))
            (lifted,) = service.ingest.flush()
            with pytest.raises(CommandError) as refused:
                await rig.run("barrage.unban cat")
            assert refused.value.error_code is ErrorCode.NOT_FOUND
            return banned.verdict.action, lifted.verdict.action

    assert asyncio.run(scenario()) == (Action.BLOCK, Action.PASS)


STAFF_BARRAGE = BARRAGE.replace("  moderation:\n", "  moderation:\n    staff: [test:hal]\n")


def test_an_impostor_of_the_staff_cannot_be_pinned_and_the_staff_can(tmp_path: Path) -> None:
    recording = [
        *RECORDING,
        ("s1", "hal", "加我微信 abc12345 领券", Kind.COMMENT),  # the staff account
        ("s2", "mallory", "加我微信 abc12345 领券", Kind.COMMENT),  # named like hal below
    ]
    profile = write_show(tmp_path, recording=recording, barrage=STAFF_BARRAGE)

    async def scenario() -> None:
        async with running(profile) as rig:
            service = rig.service
            service.ingest.put(
                Message("test", "main", "s3", "mallory", "hal-name", "加微信 abc12345", 2000.0)
            )
            (judged,) = service.ingest.flush()
            assert judged.verdict.rule == "contact"
            with pytest.raises(CommandError, match="s3 was blocked"):
                await rig.run("barrage.pin s3")
            with pytest.raises(CommandError, match="room main is not connected"):
                await rig.run("barrage.pin s1")  # staff: the checks let it through
            with pytest.raises(CommandError, match="hal-name is staff") as refused:
                await rig.run("barrage.ban s1")
            assert refused.value.error_code is ErrorCode.REFUSED

    asyncio.run(scenario())


def test_unban_without_a_user_lifts_the_ban_on_the_selected_authors(profile: Profile) -> None:
    async def scenario() -> None:
        async with running(profile) as rig:
            service = rig.service
            await rig.run("barrage.ban m3")
            (ban,) = service.decisions.bans()
            assert (ban.user, ban.name, ban.message_id, ban.text) == (
                "test:cat",
                "cat-name",
                "m3",
                "这个是垃圾吧",
            )
            rig.feed.select("m4")  # another message of theirs
            result = await rig.run("barrage.unban")
            assert result.message == "unbanned cat-name (test:cat)"
            assert service.decisions.bans() == () and not service.moderator.is_banned(
                Message("test", "main", "n1", "cat", "cat-name", "你好", 2000.0)
            )
            with pytest.raises(CommandError, match="cat-name is not banned") as refused:
                await rig.run("barrage.unban")
            assert refused.value.error_code is ErrorCode.NOT_FOUND
            rig.feed.select(None)
            with pytest.raises(CommandError, match=r"whom\? select one") as unnamed:
                await rig.run("barrage.unban")
            assert unnamed.value.error_code is ErrorCode.BAD_ARGUMENT

    asyncio.run(scenario())


def test_a_ban_holds_the_user_id_and_not_the_name(profile: Profile) -> None:
    async def scenario() -> list[str]:
        async with running(profile) as rig:
            service = rig.service
            await rig.run("barrage.ban m1")  # ann
            service.ingest.put(Message("test", "main", "n1", "ann", "renamed", "你好", 2000.0))
            service.ingest.put(Message("test", "main", "n2", "zed", "ann-name", "你好", 2000.0))
            service.ingest.put(Message("other", "main", "n3", "ann", "ann-name", "你好", 2000.0))
            return [j.verdict.rule for j in service.ingest.flush()]

    # Renamed, still banned; a namesake is not; the same number elsewhere is someone else.
    assert asyncio.run(scenario()) == ["banned", "", ""]


def test_a_user_without_an_id_is_banned_by_name(profile: Profile) -> None:
    async def scenario() -> tuple[list[str], str]:
        async with running(profile) as rig:
            service = rig.service
            service.ingest.put(Message("douyin", "main", "d1", "", "路人甲", "垃圾主播", 2000.0))
            service.ingest.flush()
            result = (await rig.run("barrage.ban d1")).message
            service.ingest.put(Message("douyin", "main", "d2", "", "路人甲", "你好", 2001.0))
            service.ingest.put(Message("douyin", "main", "d3", "9", "路人甲", "你好", 2002.0))
            rules = [j.verdict.rule for j in service.ingest.flush()]
            unbanned = (await rig.run("barrage.unban 路人甲")).message
            return [result, *rules], unbanned

    said, unbanned = asyncio.run(scenario())
    assert said == ["banned 路人甲; 1 held message rejected", "banned", ""]
    assert unbanned == "unbanned 路人甲 (路人甲)"


def test_unban_names_a_ban_as_listed_by_its_id_or_name_and_says_which(
    profile: Profile,
) -> None:
    async def scenario() -> None:
        async with running(profile) as rig:
            service = rig.service
            await rig.run("barrage.ban m3")  # cat on platform test
            service.ingest.put(Message("other", "main", "o1", "cat", "cat-name", "hi", 2000.0))
            service.ingest.flush()
            await rig.run("barrage.ban o1")  # another platform's cat
            with pytest.raises(CommandError, match=r"names 2 bans \(test:cat, other:cat\)") as two:
                await rig.run("barrage.unban cat")
            assert two.value.error_code is ErrorCode.BAD_ARGUMENT
            assert (await rig.run("barrage.unban other:cat")).data["user"] == "other:cat"
            assert (await rig.run("barrage.unban cat-name")).data["user"] == "test:cat"

    asyncio.run(scenario())


def test_a_ban_from_the_profile_is_not_lifted_by_the_show(tmp_path: Path) -> None:
    barrage = BARRAGE.replace("  moderation:\n", "  moderation:\n    banned: [cat]\n")
    profile = write_show(tmp_path, barrage=barrage)

    async def scenario() -> None:
        async with running(profile) as rig:
            assert rig.service.moderator.status("m3") == "block"
            with pytest.raises(CommandError, match="banned by the profile") as refused:
                await rig.run("barrage.unban cat")
            assert refused.value.error_code is ErrorCode.REFUSED

    asyncio.run(scenario())


def test_a_staff_entry_written_as_a_name_still_loads(tmp_path: Path) -> None:
    barrage = BARRAGE.replace(
        "  moderation:\n", "  moderation:\n    staff: [京东超市官方, 'twitch:12345']\n"
    )
    profile = write_show(tmp_path, barrage=barrage)
    assert profile.barrage.moderation.staff == {"京东超市官方", "twitch:12345"}


def test_every_blocked_message_is_kept_with_its_rule_and_span(profile: Profile) -> None:
    async def scenario() -> list[tuple[str, str, str]]:
        async with running(profile) as rig:
            return [
                (j.message.id, j.verdict.rule, j.message.text[slice(*j.verdict.span or (0, 0))])
                for j in rig.service.blocked.blocked()
            ]

    assert asyncio.run(scenario()) == [("m2", "contact", "微信"), ("m6", "spam", "刷单")]


def test_release_counts_a_false_alarm_and_lets_the_message_on_air(profile: Profile) -> None:
    async def scenario() -> None:
        async with running(profile, log_actions=True) as rig:
            service = rig.service
            original = service.blocked.get("m6")
            assert original is not None and original.verdict.action is Action.BLOCK
            rig.feed.select("m6")
            result = await rig.run("barrage.release")
            assert (
                result.message == "released eve-name: 刷单日结 (a false alarm of spam: 1 this show)"
            )
            assert result.data["false_alarms"] == 1
            assert [j.message.id for j in service.blocked.blocked()] == ["m2"]
            assert service.moderator.status("m6") == "released"
            found = service.moderator.find("m6")
            assert found is not None and found.verdict.rule == "released"
            service.moderator.check_on_air(original, "barrage.pin")  # as blocked: let through
            assert service.stats.snapshot().false_alarms == {"spam": 1}
            assert service.stats.snapshot().blocked == {"contact": 1, "spam": 1}  # still was
            with pytest.raises(CommandError, match="room main is not connected"):
                await rig.run("barrage.pin m6")  # the checks let it through, like approved
            with pytest.raises(CommandError, match="m6 was released, not blocked") as again:
                await rig.run("barrage.release m6")
            assert again.value.error_code is ErrorCode.REFUSED

    asyncio.run(scenario())
    (path,) = profile.show.log_dir.glob("*.barrage.jsonl")
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [(line["review"], line["id"]) for line in lines if "review" in line] == [
        ("release", "m6")
    ]


@pytest.mark.parametrize(
    ("line", "reason", "code"),
    [
        ("barrage.release m1", "m1 was pass, not blocked", ErrorCode.REFUSED),
        ("barrage.release m3", "m3 was held, not blocked", ErrorCode.REFUSED),
        ("barrage.release m404", "no longer in the console's memory", ErrorCode.NOT_FOUND),
    ],
)
def test_release_refuses_what_was_not_blocked(
    profile: Profile, line: str, reason: str, code: ErrorCode
) -> None:
    async def scenario() -> None:
        async with running(profile) as rig:
            with pytest.raises(CommandError, match=reason) as refused:
                await rig.run(line)
            assert refused.value.error_code is code

    asyncio.run(scenario())


def test_a_message_blocked_for_a_ban_is_released_only_once_the_ban_is_lifted(
    profile: Profile,
) -> None:
    async def scenario() -> None:
        async with running(profile) as rig:
            service = rig.service
            await rig.run("barrage.ban m9")
            service.ingest.put(Message("test", "main", "n1", "hal", "hal-name", "你好", 2000.0))
            service.ingest.flush()
            with pytest.raises(CommandError, match="hal-name is banned: lift the ban first"):
                await rig.run("barrage.release n1")
            await rig.run("barrage.unban hal")
            assert "a false alarm of banned" in (await rig.run("barrage.release n1")).message

    asyncio.run(scenario())


def test_a_released_message_stays_addressable_however_old(profile: Profile) -> None:
    async def scenario() -> None:
        async with running(profile, remember=2) as rig:
            moderator = rig.service.moderator
            assert [moderator.find(key) is not None for key in ("m1", "m2")] == [False, True]
            await rig.run("barrage.release m2")  # found in the blocked list, kept once out
            assert moderator.find("m2") is not None
            with pytest.raises(CommandError, match="room main is not connected"):
                await rig.run("barrage.pin m2")

    asyncio.run(scenario())


def test_select_steps_through_the_blocked_list_when_it_is_browsed(profile: Profile) -> None:
    async def scenario() -> None:
        async with running(profile) as rig:
            feed = rig.feed
            feed.browse("blocked")
            assert feed.selected_id == "m6"  # the newest blocked one
            assert (await rig.run("barrage.select previous")).data == {"id": "m2"}
            await rig.run("barrage.select previous")
            assert feed.selected_id == "m2"  # stays on the oldest
            await rig.run("barrage.release")
            assert feed.selected_id == "m2"  # kept, as an approved one: pinning follows
            await rig.run("barrage.select next")
            assert feed.selected_id == "m6"
            await rig.run("barrage.release")
            with pytest.raises(CommandError, match="no blocked comments") as empty:
                await rig.run("barrage.select next")
            assert empty.value.error_code is ErrorCode.NOT_FOUND
            feed.browse("held")
            assert feed.selected_id == "m3"  # back to the oldest held one

    asyncio.run(scenario())


def test_a_blocked_message_pushed_out_moves_the_selection_on(profile: Profile) -> None:
    async def scenario() -> None:
        async with running(profile) as rig:
            service, feed = rig.service, rig.feed
            service.blocked.capacity = 2
            feed.browse("blocked")
            await rig.run("barrage.select previous")
            assert feed.selected_id == "m2"
            service.ingest.put(Message("test", "main", "n1", "zed", "zed", "刷单返现", 2000.0))
            service.ingest.flush()
            assert [j.message.id for j in service.blocked.blocked()] == ["m6", "n1"]
            assert feed.selected_id == "m6"

    asyncio.run(scenario())
