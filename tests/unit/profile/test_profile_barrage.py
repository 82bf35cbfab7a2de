"""The barrage section: typed source settings, the moderation config, and where problems are."""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path

import pytest

from console.barrage.config import ModerationConfig
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
from console.profile.barrage_schema import MAPPING_HELP

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
    assert isinstance(mapped.shape, FieldMapping) and mapped.shape.text == "msg"
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


def test_moderation_is_the_barrage_config_read_from_the_mapping(tmp_path: Path) -> None:
    text = """\
barrage:
  moderation:
    banned: [troll]
    contact: false
    regex: [{name: links, pattern: 'https?://', action: block}]
"""
    moderation = load_profile(write(tmp_path, text)).barrage.moderation

    assert moderation == ModerationConfig.from_mapping(
        {
            "banned": ["troll"],
            "contact": False,
            "regex": [{"name": "links", "pattern": "https?://", "action": "block"}],
        }
    )
    assert moderation.regex[0].action is Action.BLOCK


def test_a_moderation_problem_at_the_top_points_at_the_section(tmp_path: Path) -> None:
    problems = check_profile(write(tmp_path, "barrage:\n  moderation: [contact]\n"))

    assert [f"{p.line}:{p.col}: {p.message}" for p in problems] == [
        "5:15: barrage.moderation: must be a mapping"
    ]


def test_a_repeated_key_inside_moderation_is_reported_once(tmp_path: Path) -> None:
    text = "barrage:\n  moderation:\n    banned: [a]\n    banned: [b]\n"

    assert [f"{p.line}:{p.col}: {p.message}" for p in check_profile(write(tmp_path, text))] == [
        "7:5: duplicate key 'banned' (first at 6:5)"
    ]


def test_the_mapping_reference_lists_what_field_mapping_reads() -> None:
    assert set(MAPPING_HELP) == set(FieldMapping.__dataclass_fields__)


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
