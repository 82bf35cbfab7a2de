"""The control API over real HTTP on loopback: the token, the state, the command list, and
every way a command call can fail, each with its status and code."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from console.commands import ActionRecord, CommandSpec, Context, ErrorCode
from console.control.statuses import STATUS
from tests.unit.control.conftest import Serve, Served
from tests.unit.control.control_show import TOKEN, Reply, request


async def call(
    served: Served, name: str, arguments: dict[str, Any] | None = None, raw: bytes | None = None
) -> Reply:
    """POST a command: ``arguments`` as curl -d sends them, or a ``raw`` body."""
    url = served.api(f"/api/commands/{name}")
    return await request("POST", url, arguments=arguments, body=raw)


def test_every_error_code_has_a_status() -> None:
    assert set(STATUS) == set(ErrorCode)
    assert all(400 <= status < 600 for status in STATUS.values())


def test_no_token_is_refused_with_a_challenge_and_runs_nothing(serve: Serve) -> None:
    async def scenario() -> None:
        async with serve() as served:
            records: list[ActionRecord] = []
            served.console.action_log.subscribe(records.append)
            for method, path in [("GET", "/api/state"), ("POST", "/api/commands/scene.program")]:
                url = served.api(path)
                reply = await request(method, url, token=None, arguments={"scene": "Host"})
                assert reply.status == 401
                assert reply.headers["WWW-Authenticate"] == 'Bearer realm="live-room-console"'
                assert reply.error["code"] == "unauthorized"
            assert records == []

    asyncio.run(scenario())


@pytest.mark.parametrize(
    "authorization",
    [
        f"Bearer {TOKEN[:-1]}x",  # differs in the last character only
        f"Bearer {TOKEN}{TOKEN}",
        "Bearer ",
        f"Basic {TOKEN}",
        TOKEN,
    ],
)
def test_a_wrong_token_is_refused(serve: Serve, authorization: str) -> None:
    async def scenario() -> Reply:
        async with serve() as served:
            headers = {"Authorization": authorization}
            return await request("GET", served.api("/api/state"), token=None, headers=headers)

    reply = asyncio.run(scenario())
    assert reply.status == 401
    assert reply.headers["WWW-Authenticate"].startswith('Bearer realm="live-room-console"')


def test_a_wrong_bearer_token_is_called_invalid(serve: Serve) -> None:
    async def scenario() -> Reply:
        async with serve() as served:
            return await request("GET", served.api("/api/state"), token="nope")

    reply = asyncio.run(scenario())
    assert reply.status == 401
    assert 'error="invalid_token"' in reply.headers["WWW-Authenticate"]
    assert reply.error == {"code": "unauthorized", "message": "wrong token"}


def test_the_token_in_the_query_is_for_the_events_socket_only(serve: Serve) -> None:
    async def scenario() -> Reply:
        async with serve() as served:
            return await request("GET", served.api(f"/api/state?token={TOKEN}"), token=None)

    assert asyncio.run(scenario()).status == 401


def test_state_has_every_room_and_the_show_title(serve: Serve) -> None:
    async def scenario() -> Reply:
        async with serve(("a", "b")) as served:
            return await request("GET", served.api("/api/state"))

    reply = asyncio.run(scenario())
    assert reply.status == 200
    assert reply.body["show"] == {"title": "Test show"}
    rooms = reply.body["rooms"]
    assert [room["id"] for room in rooms] == ["a", "b"]
    first = rooms[0]
    assert first["link"] == {"state": "connecting", "reason": ""}
    assert {
        "name",
        "obs_version",
        "program",
        "preview",
        "studio_mode",
        "streaming",
        "recording",
        "slide",
        "pin",
    } <= set(first)
    assert first["slide"] is None and first["pin"] is None


def test_commands_lists_every_command_with_its_arguments(serve: Serve) -> None:
    async def scenario() -> tuple[Reply, set[str]]:
        async with serve() as served:
            names = {spec.name for spec in served.console.registry.specs()}
            return await request("GET", served.api("/api/commands")), names

    reply, names = asyncio.run(scenario())
    assert reply.status == 200
    commands = {command["name"]: command for command in reply.body["commands"]}
    assert set(commands) == names
    program = commands["scene.program"]
    assert program["help"] == "Cut the room's program output to a scene"
    assert program["room"] is True and program["available"] is True
    assert [(a["name"], a["type"], a["required"]) for a in program["args"]] == [
        ("scene", "text", True),
        ("room", "text", False),
    ]
    assert commands["room.select"]["available"] is False  # the window binds it


@pytest.mark.parametrize(
    ("name", "arguments", "status", "code", "said"),
    [
        ("scene.progam", {"scene": "Host"}, 404, "unknown_command", "did you mean 'scene.program'"),
        ("scene.program", {}, 400, "bad_argument", "missing scene"),
        ("scene.program", {"scene": "Host", "colour": "red"}, 400, "bad_argument", "'colour'"),
        (
            "transition.set",
            {"transition": "Cut", "duration": "soon"},
            400,
            "bad_argument",
            "integer",
        ),
        ("scene.program", {"scene": 3}, 400, "bad_argument", "must be text"),
        ("scene.program", {"scene": "Host", "room": "nowhere"}, 400, "unknown_room", "'nowhere'"),
        ("scene.program", {"scene": "Host"}, 400, "unknown_room", "which room?"),
        ("scene.program", {"scene": "Host", "room": "a"}, 503, "not_connected", "room a is not"),
        ("slide.show", {"sku": "coffee", "room": "a"}, 404, "not_found", "no product 'coffee'"),
        ("product.add", {"sku": "tea", "name": "Tea", "price": "9"}, 409, "refused", "exists"),
        ("room.select", {"room": "a"}, 501, "unavailable", "not available in this console"),
    ],
)
def test_command_errors_have_their_status_and_code(
    serve: Serve, name: str, arguments: dict[str, Any], status: int, code: str, said: str
) -> None:
    async def scenario() -> Reply:
        async with serve(("a", "b")) as served:
            return await call(served, name, arguments)

    reply = asyncio.run(scenario())
    assert (reply.status, reply.error["code"]) == (status, code), reply.body
    assert said in reply.error["message"]
    assert STATUS[ErrorCode(code)] == status


@pytest.mark.parametrize(
    ("raw", "said"),
    [
        (b'{"scene": "Host"', "must be a JSON object of arguments"),
        (b'["Host"]', "not a list"),
        (b'"Host"', "not a str"),
        (b"\xff\xfe{}", "must be a JSON object"),
    ],
)
def test_a_body_that_is_not_a_json_object_is_a_bad_request(
    serve: Serve, raw: bytes, said: str
) -> None:
    async def scenario() -> Reply:
        async with serve() as served:
            return await call(served, "scene.program", raw=raw)

    reply = asyncio.run(scenario())
    assert (reply.status, reply.error["code"]) == (400, "bad_request")
    assert said in reply.error["message"]


def test_an_oversized_body_is_refused(serve: Serve) -> None:
    async def scenario() -> Reply:
        async with serve() as served:
            raw = json.dumps({"scene": "x" * (65 * 1024)}).encode()
            return await call(served, "scene.program", raw=raw)

    reply = asyncio.run(scenario())
    assert (reply.status, reply.error["code"]) == (413, "too_large")


def test_json_is_read_whatever_the_content_type(serve: Serve) -> None:
    async def scenario() -> list[Reply]:
        async with serve(("solo",)) as served:
            url = served.api("/api/commands/scene.program")
            return [
                await request("POST", url, body='{"scene": "H"}', headers={"Content-Type": kind})
                for kind in ("application/x-www-form-urlencoded", "text/plain", "application/json")
            ]

    for reply in asyncio.run(scenario()):
        # One room: the command acts on it without room= (and its OBS is not there).
        assert (reply.status, reply.error["code"]) == (503, "not_connected")


def test_an_empty_body_means_no_arguments(serve: Serve) -> None:
    async def scenario() -> list[Reply]:
        async with serve(("solo",)) as served:
            return [await call(served, "scene.take", raw=body) for body in (b"", b"  \n")]

    for reply in asyncio.run(scenario()):
        assert (reply.status, reply.error["code"]) == (503, "not_connected")


def test_room_all_failing_alike_everywhere_reports_every_room(serve: Serve) -> None:
    async def scenario() -> Reply:
        async with serve(("a", "b")) as served:
            return await call(served, "scene.program", {"scene": "Host", "room": "all"})

    reply = asyncio.run(scenario())
    assert (reply.status, reply.error["code"]) == (503, "not_connected")
    rooms = reply.error["rooms"]
    assert set(rooms) == {"a", "b"}
    assert rooms["a"]["ok"] is False
    assert rooms["a"]["error"]["code"] == "not_connected"
    assert "room a is not connected" in rooms["a"]["error"]["message"]


def test_a_crashing_command_is_an_internal_error(serve: Serve) -> None:
    records: list[ActionRecord] = []

    async def crash(context: Context) -> None:
        raise ZeroDivisionError("division by zero")

    async def scenario() -> Reply:
        async with serve() as served:
            registry = served.console.registry
            registry.declare([CommandSpec("test.crash", "A command with a bug")])
            registry.bind("test.crash", crash)
            served.console.action_log.subscribe(records.append)
            return await call(served, "test.crash", raw=b"{}")

    reply = asyncio.run(scenario())
    assert (reply.status, reply.error["code"]) == (500, "internal")
    assert "ZeroDivisionError" in reply.error["message"]
    assert [(r.line, r.source, r.code) for r in records] == [("test.crash", "api", "internal")]


def test_api_calls_land_in_the_action_log_with_trigger_api(serve: Serve) -> None:
    records: list[ActionRecord] = []

    async def scenario() -> list[dict[str, Any]]:
        async with serve(("a", "b")) as served:
            served.console.action_log.subscribe(records.append)
            await call(served, "scene.program", {"scene": "Host", "room": "b"})
            await call(served, "scene.progam", {"scene": "Host"})
            path = served.console.action_log.path
        assert path is not None
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]

    logged = asyncio.run(scenario())
    assert [(r.line, r.source, r.ok, r.code) for r in records] == [
        ("scene.program scene=Host room=b", "api", False, "not_connected"),
        ("scene.progam scene=Host", "api", False, "unknown_command"),
    ]
    assert [(entry["command"], entry["source"]) for entry in logged] == [
        ("scene.program scene=Host room=b", "api"),
        ("scene.progam scene=Host", "api"),
    ]


def test_unknown_routes_and_methods_answer_json(serve: Serve) -> None:
    async def scenario() -> tuple[Reply, Reply]:
        async with serve() as served:
            nothing = await request("GET", served.api("/api/nothing"))
            wrong = await request("GET", served.api("/api/commands/scene.program"))
            return nothing, wrong

    nothing, wrong = asyncio.run(scenario())
    assert (nothing.status, nothing.error["code"]) == (404, "no_route")
    assert (wrong.status, wrong.error["code"]) == (405, "method_not_allowed")
    assert wrong.headers["Allow"] == "POST"
