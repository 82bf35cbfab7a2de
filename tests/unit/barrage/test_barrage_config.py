"""The moderation section of a profile: read as data, every problem reported with its path."""

from __future__ import annotations

import pytest

from console.barrage.config import FIELD_HELP, ConfigError, ModerationConfig
from console.barrage.verdict import Action


def problems(data: object) -> list[tuple[str, str]]:
    with pytest.raises(ConfigError) as caught:
        ModerationConfig.from_mapping(data)
    return caught.value.problems


def test_empty_mapping_gives_the_defaults() -> None:
    assert ModerationConfig.from_mapping({}) == ModerationConfig()
    assert ModerationConfig.from_mapping(None) == ModerationConfig()


def test_full_mapping_is_read() -> None:
    config = ModerationConfig.from_mapping(
        {
            "staff": ["host", 42],
            "banned": ["troll"],
            "terms": [{"name": "abuse", "terms": ["傻瓜"], "action": "hold", "sound_alike": True}],
            "regex": [{"name": "promo", "pattern": "返现", "on": "text"}],
            "contact": {"action": "hold", "keywords": ["vx"], "min_digits": 9, "links": False},
            "length": {"max": 50},
            "flood": {"messages": 3, "seconds": 5},
            "repeat": False,
            "caps": {"ratio": 0.5},
            "slow_mode": 2,
        }
    )
    assert config.staff == {"host", "42"}
    assert config.terms[0].action is Action.HOLD and config.terms[0].sound_alike
    assert config.regex[0].on == "text"
    assert config.contact.keywords == ("vx",) and not config.contact.links
    assert config.length.max == 50 and config.flood.messages == 3 and config.repeat.users == 0
    assert config.caps.ratio == 0.5 and config.slow_mode == 2.0


def test_every_problem_is_reported_with_its_path() -> None:
    found = problems(
        {
            "bogus": 1,
            "terms": [{"name": "a b", "terms": ["!!"]}, {"name": "x", "terms": "not a list"}],
            "regex": [{"name": "bad", "pattern": "("}, {"name": "empty", "pattern": "a*"}],
            "flood": {"messages": -1, "extra": 2},
            "slow_mode": "soon",
            "length": {"action": "pass"},
            "contact": {"min_digits": 3},
        }
    )
    paths = [path for path, _ in found]
    assert paths == [
        "bogus",
        "terms[0].name",
        "terms[0].terms[0]",
        "terms[1].terms",
        "regex[0].pattern",
        "regex[1].pattern",
        "contact.min_digits",
        "length.action",
        "flood.extra",
        "flood.messages",
        "slow_mode",
    ]


def test_rule_names_must_be_unique_and_not_built_in() -> None:
    found = problems(
        {
            "terms": [{"name": "contact", "terms": ["a"]}, {"name": "t", "terms": ["b"]}],
            "regex": [{"name": "t", "pattern": "c"}],
        }
    )
    assert [path for path, _ in found] == ["terms[0].name", "regex[0].name"]


def test_not_a_mapping() -> None:
    assert problems(["a"]) == [("moderation", "must be a mapping")]


def test_every_field_has_one_line_of_help() -> None:
    fields = set(ModerationConfig.__dataclass_fields__)
    assert fields == set(FIELD_HELP)
    assert all("\n" not in text for text in FIELD_HELP.values())
