"""Staff and bans match the platform's user id (or a badge Twitch sets), never a shown name:
an impostor who takes the staff's nickname is judged like anyone."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from barrage_show import BARRAGE, write_show

from console.barrage.config import AbuseRule, ContactRule, ModerationConfig, TermRule
from console.barrage.identity import Accounts, account
from console.barrage.message import Message
from console.barrage.pipeline import Pipeline
from console.barrage.sources.irc import parse_line
from console.barrage.sources.twitch import message_from_line
from console.barrage.verdict import Action, Verdict
from console.profile import ProfileError

STAFF_ID = "40912873"
STAFF_NAME = "JDhost店长"
SPAM = "刷单日结 私我"  # blocked for anyone but staff
# One cheap rule to be judged by (the default contact and abuse lists take seconds to build).
BASE = ModerationConfig(
    terms=(TermRule("spam", ("刷单",)),),
    contact=ContactRule(enabled=False),
    abuse=AbuseRule(enabled=False),
)


def twitch(user_id: str, name: str, badges: str = "", text: str = SPAM) -> Message:
    """A chat line as Twitch sends it, read by the Twitch source's own parser."""
    tags = f"badges={badges};display-name={name};id=x{user_id};user-id={user_id}"
    line = parse_line(f"@{tags} :{name}!{name}@tmi.twitch.tv PRIVMSG #shop :{text}")
    message = message_from_line(line, "main", "fallback")
    assert message is not None
    return message


def judge(config: ModerationConfig, message: Message) -> Verdict:
    return Pipeline(config).judge(message)


STAFF = replace(BASE, staff=frozenset({f"twitch:{STAFF_ID}"}))


def test_the_staff_account_passes_by_its_id() -> None:
    verdict = judge(STAFF, twitch(STAFF_ID, STAFF_NAME))
    assert (verdict.action, verdict.rule) == (Action.PASS, "staff")


@pytest.mark.parametrize(
    "name",
    [
        STAFF_NAME,  # the nickname taken as it is
        "JDhost\u200b店长",  # with a zero-width space in it
        "ＪＤｈｏｓｔ店长",  # in full-width letters
        f"twitch:{STAFF_ID}",  # the staff's id written as a name
        STAFF_ID,
    ],
)
def test_an_impostor_with_the_staff_nickname_is_judged_like_anyone(name: str) -> None:
    # The profile also lists the staff's name, as profiles written before ids did.
    listed = replace(STAFF, staff=STAFF.staff | {STAFF_NAME})
    verdict = judge(listed, twitch("777", name))
    assert (verdict.action, verdict.rule) == (Action.BLOCK, "spam")


def test_a_profile_that_names_staff_by_name_makes_no_one_staff() -> None:
    """An entry is an id: a profile written with a name keeps loading and matches no name,
    not even from a source that gives no ids."""
    config = replace(BASE, staff=frozenset({STAFF_NAME}))
    nameless = Message("douyin", "main", "d1", "", STAFF_NAME, SPAM, 1000.0)
    assert judge(config, nameless).rule == "spam"
    assert judge(config, twitch("777", STAFF_NAME)).rule == "spam"


def test_a_qualified_id_matches_that_platform_only_and_a_bare_id_any() -> None:
    elsewhere = Message("douyin", "main", "d1", STAFF_ID, STAFF_NAME, SPAM, 1000.0)
    assert judge(STAFF, elsewhere).rule == "spam"
    bare = replace(BASE, staff=frozenset({STAFF_ID}))
    assert judge(bare, elsewhere).rule == "staff"
    assert judge(bare, twitch(STAFF_ID, "anyone")).rule == "staff"


def test_a_twitch_moderator_badge_passes_only_with_the_profile_option() -> None:
    moderator = twitch("555", "a_mod", badges="moderator/1,subscriber/12")
    assert judge(BASE, moderator).rule == "spam"
    with_badges = replace(BASE, staff_badges=("moderator",))
    assert judge(with_badges, moderator).rule == "staff"
    broadcaster = twitch("556", "the_shop", badges="broadcaster/1")
    assert judge(with_badges, broadcaster).rule == "spam"  # not the badge listed
    assert judge(replace(with_badges, staff_badges=("broadcaster",)), broadcaster).rule == "staff"


def test_a_badge_from_a_source_that_cannot_verify_it_does_not_count() -> None:
    """A grabber's JSON can say anything: only Twitch's own tags are believed."""
    badges = {"badges": {"moderator": "1"}}
    claimed = Message("douyin", "main", "d1", "555", "a_mod", SPAM, 1000.0, extra=badges)
    assert judge(replace(BASE, staff_badges=("moderator",)), claimed).rule == "spam"


def test_staff_outranks_a_ban_and_a_ban_holds_an_id_not_a_name() -> None:
    config = replace(STAFF, banned=frozenset({f"twitch:{STAFF_ID}", "twitch:777"}))
    assert judge(config, twitch(STAFF_ID, STAFF_NAME)).rule == "staff"
    assert judge(config, twitch("777", "troll")).rule == "banned"
    assert judge(config, twitch("778", "troll")).rule == "spam"  # the name is not banned


def test_a_ban_key_is_the_qualified_id_or_the_name_without_one() -> None:
    with_id = twitch("777", "troll")
    nameless = Message("douyin", "main", "d1", "", "troll", "hi", 1000.0)
    unplaced = Message("", "main", "d2", "777", "troll", "hi", 1000.0)
    assert [account(m) for m in (with_id, nameless, unplaced)] == ["twitch:777", "troll", "777"]
    by_name = Accounts(["troll"], by_name=True)
    assert by_name.match(nameless) and not by_name.match(with_id)
    assert not Accounts(["troll"]).match(nameless)  # staff never match a name


def test_the_profile_lists_the_badges_that_make_staff(tmp_path: Path) -> None:
    badges = BARRAGE.replace("  moderation:\n", "  moderation:\n    staff_badges: [moderator]\n")
    assert write_show(tmp_path, barrage=badges).barrage.moderation.staff_badges == ("moderator",)
    wrong = BARRAGE.replace("  moderation:\n", "  moderation:\n    staff_badges: [subscriber]\n")
    with pytest.raises(ProfileError) as refused:
        write_show(tmp_path, barrage=wrong)
    (problem,) = refused.value.problems
    assert problem.message == (
        "barrage.moderation.staff_badges[0]: unknown badge 'subscriber' "
        "(choose broadcaster or moderator)"
    )
