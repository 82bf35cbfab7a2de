"""The command registry: parsing, typed arguments, errors and the action records."""

from __future__ import annotations

import asyncio

import pytest

from console.catalog import catalog
from console.commands import ActionRecord, Arg, CommandError, CommandRegistry, CommandSpec


def test_positional_and_named_arguments_fill_the_spec() -> None:
    invocation = catalog().parse('scene.program "Product A" room=main')
    assert invocation.kwargs == {"scene": "Product A", "room": "main"}


def test_optional_arguments_take_their_defaults() -> None:
    assert catalog().parse("scene.program Host").kwargs == {"scene": "Host", "room": None}


def test_integer_argument_is_converted() -> None:
    assert catalog().parse("transition.set Fade 300").kwargs["duration"] == 300


def test_wrong_type_names_the_argument() -> None:
    with pytest.raises(CommandError, match="duration must be a int, not 'slow'"):
        catalog().parse("transition.set Fade slow")


def test_unknown_command_suggests_the_nearest_name() -> None:
    with pytest.raises(CommandError, match=r"did you mean 'scene\.program'"):
        catalog().parse("scene.programm Host")


def test_missing_argument_shows_usage() -> None:
    with pytest.raises(CommandError, match=r"missing scene \(usage: scene.program <scene>"):
        catalog().parse("scene.program")


def test_too_many_arguments() -> None:
    with pytest.raises(CommandError, match="too many arguments"):
        catalog().parse("scene.take main extra")


def test_argument_given_twice() -> None:
    with pytest.raises(CommandError, match="room given twice"):
        catalog().parse("scene.take main room=main")


def test_unbalanced_quote_is_an_operator_error() -> None:
    with pytest.raises(CommandError, match="cannot read command line"):
        catalog().parse('scene.program "Host')


def test_cjk_scene_names_survive_quoting() -> None:
    assert catalog().parse("scene.program '商品 讲解'").kwargs["scene"] == "商品 讲解"


def test_bool_argument() -> None:
    spec = CommandSpec("x.y", "test", (Arg("flag", bool, "a flag"),))
    registry = CommandRegistry()
    registry.declare([spec])
    assert registry.parse("x.y on").kwargs == {"flag": True}
    with pytest.raises(CommandError, match="true or false"):
        registry.parse("x.y maybe")


def test_declaring_a_name_twice_is_a_bug() -> None:
    registry = catalog()
    with pytest.raises(ValueError, match="declared twice"):
        registry.declare([CommandSpec("scene.take", "again")])


def _recording_registry() -> tuple[CommandRegistry, list[ActionRecord]]:
    registry = catalog()
    records: list[ActionRecord] = []
    registry.add_listener(records.append)
    return registry, records


def test_run_records_success_with_source_and_result() -> None:
    registry, records = _recording_registry()

    async def program(scene: str, room: str | None) -> str:
        return f"cut to {scene}"

    registry.bind("scene.program", program)
    assert asyncio.run(registry.run("scene.program Host", "hotkey F3")) == "cut to Host"
    (record,) = records
    assert (record.line, record.source, record.ok, record.result) == (
        "scene.program Host",
        "hotkey F3",
        True,
        "cut to Host",
    )
    assert record.duration_ms >= 0


def test_run_records_a_failure_and_reraises() -> None:
    registry, records = _recording_registry()

    async def program(scene: str, room: str | None) -> str:
        raise CommandError(f"no scene {scene}")

    registry.bind("scene.program", program)
    with pytest.raises(CommandError, match="no scene Nope"):
        asyncio.run(registry.run("scene.program Nope", "button"))
    assert [(r.ok, r.result) for r in records] == [(False, "no scene Nope")]


def test_unbound_command_is_reported_not_crashed() -> None:
    registry, records = _recording_registry()
    with pytest.raises(CommandError, match="not available"):
        asyncio.run(registry.run("scene.take", "button"))
    assert records[0].ok is False


def test_parse_error_is_recorded_too() -> None:
    registry, records = _recording_registry()
    with pytest.raises(CommandError):
        asyncio.run(registry.run("nonsense", "command bar"))
    assert records[0].result.startswith("unknown command 'nonsense'")
