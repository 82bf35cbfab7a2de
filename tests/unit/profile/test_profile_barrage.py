"""The barrage section: typed source settings, the moderation config, and where problems are."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from console.barrage.config import (
    CapsRule,
    ContactRule,
    FloodRule,
    LengthRule,
    ModerationConfig,
    RegexRule,
    RepeatRule,
    SymbolsRule,
    TermRule,
)
from console.barrage.message import ALL_ROOMS, Kind, Message
from console.barrage.sources.mapping import FieldMapping
from console.barrage.verdict import Action
from console.profile import (
    MissingSecret,
    ReplaySourceSettings,
    TwitchSourceSettings,
    WebSocketSourceSettings,
    check_profile,
    load_profile,
)
from console.profile.barrage_schema import MAPPING
from console.profile.moderation_schema import MODERATION

DEMO = Path(__file__).parents[3] / "profiles" / "demo.yaml"
ROOMS = "rooms:\n  - id: main\n  - id: second\n"


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "chat.jsonl").write_text("", encoding="utf-8")
    path = tmp_path / "show.yaml"
    path.write_text(ROOMS + text, encoding="utf-8")
    return path


def test_the_demo_replays_its_recording_with_contact_moderation_on() -> None:
    barrage = load_profile(DEMO).barrage

    (source,) = barrage.sources
    assert isinstance(source, ReplaySourceSettings)
    assert source.file == DEMO.parent / "demo_barrage.jsonl" and source.file.is_file()
    assert (source.room, source.speed, source.loop) == ("supermarket", 1.0, True)
    assert isinstance(barrage.moderation, ModerationConfig)
    assert barrage.moderation.contact.enabled
    assert barrage.moderation.terms[0].terms == ("刷单", "兼职日结", "低价代购")
    assert barrage.pin_seconds == 15 and barrage.log_dir is None


def test_each_kind_of_source_gets_its_settings_and_defaults(tmp_path: Path) -> None:
    text = """\
barrage:
  sources:
    - kind: websocket
      url: ws://127.0.0.1:8888
    - kind: websocket
      url: ws://127.0.0.1:8889
      room: second
      mapping: {kind: type, kinds: {chat: comment}, text: msg, user_name: who}
    - kind: twitch
      channel: "#JDLive"
    - kind: replay
      file: chat.jsonl
      speed: max
    - kind: replay
      file: chat.jsonl
      speed: 2.5
  pin_seconds: 30
  log_dir: barrage-logs
"""
    barrage = load_profile(write(tmp_path, text)).barrage

    plain, mapped, twitch, fast, paced = barrage.sources
    assert plain == WebSocketSourceSettings(
        "websocket ws://127.0.0.1:8888", ALL_ROOMS, "ws://127.0.0.1:8888", "type_data"
    )
    assert plain.shape == "type_data"
    assert isinstance(mapped, WebSocketSourceSettings)
    assert (mapped.room, mapped.preset) == ("second", "mapping")
    assert mapped.shape == FieldMapping(
        kind="type", kinds={"chat": Kind.COMMENT}, text="msg", user_name="who"
    )
    assert twitch == TwitchSourceSettings(
        "twitch #jdlive", ALL_ROOMS, "jdlive", None, None, "irc.chat.twitch.tv", 6697, True
    )
    assert isinstance(fast, ReplaySourceSettings) and math.isinf(fast.speed)
    assert isinstance(paced, ReplaySourceSettings) and paced.speed == 2.5
    assert (fast.name, paced.name) == ("replay chat.jsonl", "replay chat.jsonl (2)")
    assert barrage.pin_seconds == 30
    assert barrage.log_dir == tmp_path.resolve() / "barrage-logs"


def test_the_twitch_token_comes_from_the_environment_at_connect_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = """\
barrage:
  sources:
    - kind: twitch
      channel: jdlive
      nick: jd_bot
      token_env: TWITCH_TOKEN
      server: 127.0.0.1:6667
      tls: false
"""
    monkeypatch.delenv("TWITCH_TOKEN", raising=False)
    (source,) = load_profile(write(tmp_path, text)).barrage.sources

    assert isinstance(source, TwitchSourceSettings)
    assert (source.host, source.port, source.tls, source.nick) == (
        "127.0.0.1",
        6667,
        False,
        "jd_bot",
    )
    with pytest.raises(MissingSecret):
        source.resolve_token()
    monkeypatch.setenv("TWITCH_TOKEN", "oauth:abc")
    assert source.resolve_token() == "oauth:abc"


def test_moderation_is_the_barrage_config_of_the_checked_section(tmp_path: Path) -> None:
    text = """\
barrage:
  moderation:
    staff: [host, 42]
    banned: [troll]
    allow: [微信支付]
    terms:
      - {name: abuse, terms: [傻瓜], action: hold, sound_alike: true}
    regex: [{name: links, pattern: 'https?://', action: block}]
    contact: {action: hold, keywords: [vx], min_digits: 9, links: false}
    length: {max: 50}
    flood: {messages: 3, seconds: 5}
    repeat: false
    caps: {ratio: 0.5}
    symbols: true
    slow_mode: 2
"""
    moderation = load_profile(write(tmp_path, text)).barrage.moderation

    assert moderation == ModerationConfig(
        staff=frozenset({"host", "42"}),
        banned=frozenset({"troll"}),
        allow=("微信支付",),
        terms=(TermRule("abuse", ("傻瓜",), Action.HOLD, sound_alike=True),),
        regex=(RegexRule("links", "https?://", Action.BLOCK),),
        contact=ContactRule(action=Action.HOLD, keywords=("vx",), min_digits=9, links=False),
        length=LengthRule(max=50),
        flood=FloodRule(messages=3, seconds=5.0),
        repeat=RepeatRule(users=0),
        caps=CapsRule(ratio=0.5),
        symbols=SymbolsRule(),
        slow_mode=2.0,
    )


def test_a_section_left_out_or_empty_is_the_defaults(tmp_path: Path) -> None:
    for text in ("", "barrage:\n", "barrage:\n  moderation:\n", "barrage:\n  moderation: {}\n"):
        assert load_profile(write(tmp_path, text)).barrage.moderation == ModerationConfig()


def test_false_turns_a_rule_off(tmp_path: Path) -> None:
    text = """\
barrage:
  moderation:
    contact: false
    length: false
    flood: false
    caps: false
    symbols: false
"""
    moderation = load_profile(write(tmp_path, text)).barrage.moderation

    assert not moderation.contact.enabled
    assert moderation.contact.keywords == ContactRule().keywords
    assert (moderation.length.max, moderation.flood.messages) == (0, 0)
    assert (moderation.caps.min_letters, moderation.symbols.min_chars) == (0, 0)


def test_every_moderation_problem_is_reported_where_it_is(tmp_path: Path) -> None:
    text = """\
barrage:
  moderation:
    bogus: 1
    staff: ["  ", true]
    terms:
      - {name: a b, terms: ["!!"]}
      - {name: x, terms: not a list}
      - {terms: [y]}
    regex:
      - {name: bad, pattern: "("}
      - {name: empty, pattern: "a*"}
      - {name: flood, pattern: "z", on: raw}
    flood: {messages: -1, extra: 2, seconds: 0}
    caps: {ratio: 1.5}
    length: {action: pass}
    contact: maybe
    slow_mode: soon
"""
    problems = check_profile(write(tmp_path, text))

    assert [f"{p.line}:{p.col}: {p.message}" for p in problems] == [
        "6:5: unknown key 'bogus' (did you mean 'abuse'?)",
        "7:13: barrage.moderation.staff[0]: expected a non-empty string",
        "7:19: barrage.moderation.staff[1]: expected a string, got boolean true",
        "9:16: barrage.moderation.terms[0].name: expected letters, digits, '_', '.' and '-', "
        "got 'a b'",
        "9:29: barrage.moderation.terms[0].terms[0]: '!!' has no letters or digits: it would "
        "match nothing",
        "10:26: barrage.moderation.terms[1].terms: expected a list, got string 'not a list'",
        "11:9: barrage.moderation.terms[2]: missing required key 'name'",
        "13:30: barrage.moderation.regex[0].pattern: not a pattern the linear-time engine "
        "(RE2) accepts: missing ): ( (lookarounds and backreferences are not supported)",
        "14:32: barrage.moderation.regex[1].pattern: matches empty text: it would match every "
        "message",
        "15:16: barrage.moderation.regex[2].name: 'flood' is already the name of another rule",
        "15:41: barrage.moderation.regex[2].on: unknown target 'raw' (choose normalised or text)",
        "16:23: barrage.moderation.flood.messages: expected a whole number at least 0, got -1",
        "16:27: unknown key 'extra'",
        "16:46: barrage.moderation.flood.seconds: expected a number above 0, got 0",
        "17:19: barrage.moderation.caps.ratio: expected a number above 0 and at most 1, got 1.5",
        "18:22: barrage.moderation.length.action: unknown action 'pass' (choose hold or block)",
        "19:14: barrage.moderation.contact: expected a mapping, got string 'maybe'",
        "20:16: barrage.moderation.slow_mode: expected a number at least 0, got string 'soon'",
    ]


def test_rule_names_differ_across_lists(tmp_path: Path) -> None:
    text = """\
barrage:
  moderation:
    terms: [{name: t, terms: [a]}]
    regex: [{name: t, pattern: b}]
"""
    assert [f"{p.line}:{p.col}: {p.message}" for p in check_profile(write(tmp_path, text))] == [
        "7:20: barrage.moderation.regex[0].name: 't' is already the name of another rule"
    ]


def test_a_field_mapping_is_checked_key_by_key(tmp_path: Path) -> None:
    text = """\
barrage:
  sources:
    - kind: websocket
      url: ws://127.0.0.1:8888
      mapping:
        text: [content]
        kinds: {"1": shout, 2: comment}
        time_scale: 0
        colour: red
"""
    assert [f"{p.line}:{p.col}: {p.message}" for p in check_profile(write(tmp_path, text))] == [
        "8:7: barrage.sources[0].mapping: missing required key 'user_name'",
        "9:15: barrage.sources[0].mapping.text: expected a string, got a list",
        "10:22: barrage.sources[0].mapping.kinds.1: unknown kind 'shout' (choose comment, gift, "
        "enter, like, follow or order)",
        "11:21: barrage.sources[0].mapping.time_scale: expected a number above 0, got 0",
        "12:9: unknown key 'colour'",
    ]


def test_every_moderation_field_is_declared_with_help() -> None:
    assert set(MODERATION.fields) == set(ModerationConfig.__dataclass_fields__)
    assert all(spec.help and "\n" not in spec.help for spec in MODERATION.fields.values())


def test_checking_a_profile_loads_no_moderation_library() -> None:
    heavy = ("opencc", "ahocorasick_rs", "pypinyin", "jieba")
    probe = (
        "import sys, main\n"
        "assert main.main(['--check', sys.argv[1]]) == 0\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {heavy!r}))"
    )
    root = DEMO.parents[1]
    done = subprocess.run(
        [sys.executable, "-c", probe, str(DEMO)], cwd=root, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "[]"


def test_a_moderation_problem_at_the_top_points_at_the_section(tmp_path: Path) -> None:
    problems = check_profile(write(tmp_path, "barrage:\n  moderation: [contact]\n"))

    assert [f"{p.line}:{p.col}: {p.message}" for p in problems] == [
        "5:15: barrage.moderation: expected a mapping, got a list"
    ]


def test_a_repeated_key_inside_moderation_is_reported_once(tmp_path: Path) -> None:
    text = "barrage:\n  moderation:\n    banned: [a]\n    banned: [b]\n"

    assert [f"{p.line}:{p.col}: {p.message}" for p in check_profile(write(tmp_path, text))] == [
        "7:5: duplicate key 'banned' (first at 6:5)"
    ]


def test_the_mapping_declares_every_field_of_field_mapping() -> None:
    assert set(MAPPING.fields) == set(FieldMapping.__dataclass_fields__)


def test_the_demo_recording_is_a_replayable_mix_of_a_live_room() -> None:
    lines = (DEMO.parent / "demo_barrage.jsonl").read_text(encoding="utf-8").splitlines()
    messages = [Message.from_record(json.loads(line)) for line in lines]

    assert len(messages) >= 300
    kinds = Counter(message.kind for message in messages)
    assert kinds[Kind.COMMENT] > len(messages) / 2
    assert all(kinds[kind] for kind in (Kind.GIFT, Kind.LIKE, Kind.ENTER, Kind.ORDER))
    times = [message.time for message in messages]
    assert times == sorted(times)
    texts = [message.text for message in messages]
    for words in ("多少钱", "快递", "链接", "乐高", "燕麦", "微信", "ＶＸ", "私信我"):
        assert any(words in text for text in texts), words


def test_a_lookaround_is_refused_where_it_is_written(tmp_path: Path) -> None:
    moderation = "barrage:\n  moderation:\n    regex:\n      - {name: ad, pattern: 'buy(?=now)'}\n"
    problems = check_profile(write(tmp_path, moderation))
    assert [f"{p.line}:{p.col}" for p in problems] == ["7:29"]  # the pattern's value
    assert "linear-time engine (RE2)" in problems[0].message


def test_a_backtracking_pattern_cannot_freeze_the_show() -> None:
    """``(a+)+$`` against 40 a's and a b takes Python's backtracking engine hours (0.6 s at
    22 a's, three times longer for every two more); on the console's engine it is a scan.
    Run in a child with a deadline, so a regression fails instead of hanging the suite."""
    probe = (
        "from console.barrage.config import ModerationConfig, RegexRule\n"
        "from console.barrage.pipeline import Pipeline\n"
        "from console.barrage.message import Message\n"
        "rule = RegexRule('evil', '(a+)+$')\n"
        "pipeline = Pipeline(ModerationConfig(regex=(rule,)))\n"
        "text = 'a' * 40 + 'b'\n"
        "verdict = pipeline.judge(Message('t', 'main', 'm1', 'u', 'U', text, 1.0))\n"
        "print(verdict.action.label)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=DEMO.parents[1],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "pass"
