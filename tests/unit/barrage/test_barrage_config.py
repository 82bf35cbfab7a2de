"""The moderation config as plain data, built from a section the profile has checked."""

from __future__ import annotations

from console.barrage.config import ContactRule, ModerationConfig, RegexRule, TermRule
from console.barrage.verdict import Action


def test_an_empty_mapping_gives_the_defaults() -> None:
    assert ModerationConfig.from_mapping({}) == ModerationConfig()


def test_checked_data_becomes_the_data_classes() -> None:
    config = ModerationConfig.from_mapping(
        {
            "staff": ["host", "42"],
            "banned": ["troll"],
            "terms": [{"name": "abuse", "terms": ["傻瓜"], "action": "hold", "sound_alike": True}],
            "regex": [{"name": "promo", "pattern": "返现", "on": "text"}],
            "contact": {"action": "hold", "keywords": ["vx"], "min_digits": 9, "links": False},
            "length": {"max": 50},
            "flood": {"messages": 3, "seconds": 5.0},
            "repeat": {"users": 0},
            "caps": {"ratio": 0.5},
            "slow_mode": 2.0,
        }
    )

    assert config.staff == {"host", "42"} and config.banned == {"troll"}
    assert config.terms == (TermRule("abuse", ("傻瓜",), Action.HOLD, sound_alike=True),)
    assert config.regex == (RegexRule("promo", "返现", on="text"),)
    assert config.contact == ContactRule(
        action=Action.HOLD, keywords=("vx",), min_digits=9, links=False
    )
    assert config.length.max == 50 and config.flood.messages == 3 and config.repeat.users == 0
    assert config.caps.ratio == 0.5 and config.slow_mode == 2.0


def test_actions_may_already_be_actions() -> None:
    config = ModerationConfig.from_mapping({"length": {"action": Action.BLOCK}})
    assert config.length.action is Action.BLOCK
