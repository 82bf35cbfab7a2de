"""The command registry: parsing, typed arguments, errors and the action records."""

from __future__ import annotations

import asyncio

import pytest

from console.catalog import catalog, declare_all
from console.commands import (
    ActionRecord,
    Arg,
    CommandError,
    CommandRegistry,
    CommandSpec,
    Context,
    ErrorCode,
)


def test_positional_and_named_arguments_fill_the_spec() -> None:
    invocation = catalog().parse('scene.program "Product A" room=main')
    assert invocation.kwargs == {"scene": "Product A", "room": "main"}


def test_optional_arguments_take_their_defaults() -> None:
    assert catalog().parse("scene.program Host").kwargs == {"scene": "Host", "room": None}


def test_named_arguments_are_checked_like_a_line() -> None:
    registry = catalog()
    invocation = registry.check("transition.set", {"transition": "Fade", "duration": 300})
    assert invocation.kwargs == {"transition": "Fade", "duration": 300, "room": None}
    assert invocation.line == "transition.set transition=Fade duration=300"
    assert (
        registry.check("transition.set", {"transition": "Fade", "duration": "300"}).kwargs[
            "duration"
        ]
        == 300
    )
    for arguments, message in (
        ({"transition": "Fade", "duration": "slow"}, "duration must be an integer"),
        ({"transition": "Fade", "duration": True}, "duration must be an integer"),
        ({"transition": 5}, "transition must be text"),
        ({}, "missing transition"),
        ({"transition": "Fade", "speed": 2}, "unknown argument 'speed'"),
    ):
        with pytest.raises(CommandError, match=message) as raised:
            registry.check("transition.set", arguments)
        assert raised.value.error_code is ErrorCode.BAD_ARGUMENT


def test_integer_argument_is_converted() -> None:
    assert catalog().parse("transition.set Fade 300").kwargs["duration"] == 300


def test_wrong_type_names_the_argument() -> None:
    with pytest.raises(CommandError, match="duration must be an integer, not 'slow'"):
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
    registry = declare_all(CommandRegistry(rooms=("main",)))
    records: list[ActionRecord] = []
    registry.add_listener(records.append)
    return registry, records


def test_run_records_success_with_source_and_result() -> None:
    registry, records = _recording_registry()

    async def program(context: Context, scene: str) -> str:
        return f"cut {context.room} to {scene}"

    registry.bind("scene.program", program)
    result = asyncio.run(registry.run("scene.program Host", "hotkey F3"))
    assert result.message == "cut main to Host"
    (record,) = records
    assert (record.line, record.source, record.ok, record.result, record.room) == (
        "scene.program Host",
        "hotkey F3",
        True,
        "cut main to Host",
        "main",
    )
    assert record.duration_ms >= 0


def test_run_records_a_failure_and_reraises() -> None:
    registry, records = _recording_registry()

    async def program(context: Context, scene: str) -> str:
        raise CommandError(f"no scene {scene}", ErrorCode.NOT_FOUND)

    registry.bind("scene.program", program)
    with pytest.raises(CommandError, match="no scene Nope"):
        asyncio.run(registry.run("scene.program Nope", "button"))
    assert [(r.ok, r.result, r.code) for r in records] == [(False, "no scene Nope", "not_found")]


def test_unbound_command_is_reported_not_crashed() -> None:
    registry, records = _recording_registry()
    with pytest.raises(CommandError, match="not available"):
        asyncio.run(registry.run("scene.take", "button"))
    assert records[0].ok is False


def test_parse_error_is_recorded_too() -> None:
    registry, records = _recording_registry()
    with pytest.raises(CommandError):
        asyncio.run(registry.run("nonsense", "palette"))
    assert records[0].result.startswith("unknown command 'nonsense'")


def _two_rooms() -> tuple[CommandRegistry, list[ActionRecord]]:
    registry = declare_all(CommandRegistry(rooms=("a", "b")))
    records: list[ActionRecord] = []
    registry.add_listener(records.append)
    return registry, records


def test_a_room_command_runs_in_the_room_of_its_context() -> None:
    registry, records = _two_rooms()

    async def program(context: Context, scene: str) -> str:
        return f"{context.room}:{scene}"

    registry.bind("scene.program", program)
    result = asyncio.run(registry.run("scene.program Host", Context("hotkey F3", room="b")))
    assert result.message == "b:Host" and records[-1].room == "b"
    named = asyncio.run(registry.run("scene.program Host room=a", Context("api", room="b")))
    assert named.message == "a:Host"


def test_a_room_command_that_fails_is_recorded_in_the_room_it_ran_in() -> None:
    registry, records = _two_rooms()

    async def program(context: Context, scene: str) -> str:
        raise CommandError(f"room {context.room}: not connected", ErrorCode.NOT_CONNECTED)

    registry.bind("scene.program", program)
    with pytest.raises(CommandError, match="room a: not connected"):
        asyncio.run(registry.run("scene.program Host room=a", Context("palette", room="b")))
    assert [(r.room, r.code) for r in records] == [("a", "not_connected")]


def test_without_a_room_in_a_two_room_show_the_command_asks_which() -> None:
    registry, records = _two_rooms()

    async def program(context: Context, scene: str) -> str:
        return "never"

    registry.bind("scene.program", program)
    with pytest.raises(CommandError, match="which room") as raised:
        asyncio.run(registry.run("scene.program Host", "api"))
    assert raised.value.error_code is ErrorCode.UNKNOWN_ROOM
    with pytest.raises(CommandError, match="no room 'c'") as unknown:
        asyncio.run(registry.call("scene.program", {"scene": "Host", "room": "c"}, "api"))
    assert unknown.value.error_code is ErrorCode.UNKNOWN_ROOM
    assert [r.code for r in records] == ["unknown_room", "unknown_room"]


def test_room_all_runs_every_room_at_once_and_reports_each() -> None:
    """Room a fails, room b hangs until a has finished: b still succeeds, and the run
    reports both outcomes (a slow or failing room never fails the other)."""
    registry, records = _two_rooms()
    a_done = asyncio.Event()

    async def program(context: Context, scene: str) -> str:
        if context.room == "a":
            a_done.set()
            raise CommandError("OBS refused", ErrorCode.OBS_REFUSED, {"obs_code": 600})
        await a_done.wait()  # would deadlock if the rooms ran one after the other
        return f"program: {scene}"

    registry.bind("scene.program", program)
    result = asyncio.run(registry.run("scene.program Host room=all", "api"))
    assert not result.ok
    assert result.data["rooms"] == {
        "a": {
            "ok": False,
            "error": {"code": "obs_refused", "message": "OBS refused", "obs_code": 600},
        },
        "b": {"ok": True, "message": "program: Host", "data": {}},
    }
    (record,) = records
    assert (record.ok, record.code) == (False, "partial")
    assert [(o.room, o.ok) for o in record.rooms] == [("a", False), ("b", True)]


def test_every_spec_describes_itself_for_programs() -> None:
    described = {spec.name: spec.describe() for spec in catalog().specs()}
    program = described["scene.program"]
    assert program["room"] is True
    assert [(a["name"], a["type"], a["required"]) for a in program["args"]] == [
        ("scene", "text", True),
        ("room", "text", False),
    ]
