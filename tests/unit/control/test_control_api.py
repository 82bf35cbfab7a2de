"""The control API over real HTTP on loopback: the token, the state, the command list, and
every way a command call can fail, each with its status and code."""

from __future__ import annotations

import json
from typing import Any

import pytest

from console.commands import ActionRecord, CommandSpec, Context, ErrorCode
from console.control.statuses import STATUS
from tests.conftest import Drive
from tests.unit.control.conftest import Serve, Served
from tests.unit.control.control_show import TOKEN, Reply, request


def test_every_error_code_has_a_status() -> None:
    assert set(STATUS) == set(ErrorCode)
    assert all(400 <= status < 600 for status in STATUS.values())


def test_no_token_is_refused_with_a_challenge_and_runs_nothing(serve: Serve, drive: Drive) -> None:
    served = serve()
    records: list[ActionRecord] = []
    served.console.action_log.subscribe(records.append)
    for method, path in [("GET", "/api/state"), ("POST", "/api/commands/scene.program")]:
        reply = drive(request(method, served.api(path), token=None, arguments={"scene": "Host"}))
        assert reply.status == 401
        assert reply.headers["WWW-Authenticate"] == 'Bearer realm="live-room-console"'
        assert reply.error["code"] == "unauthorized"
    assert records == []


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
def test_a_wrong_token_is_refused(serve: Serve, drive: Drive, authorization: str) -> None:
    served = serve()
    headers = {"Authorization": authorization}
    reply = drive(request("GET", served.api("/api/state"), token=None, headers=headers))
    assert reply.status == 401
    assert reply.headers["WWW-Authenticate"].startswith('Bearer realm="live-room-console"')


def test_a_wrong_bearer_token_is_called_invalid(serve: Serve, drive: Drive) -> None:
    served = serve()
    reply = drive(request("GET", served.api("/api/state"), token="nope"))
    assert reply.status == 401
    assert 'error="invalid_token"' in reply.headers["WWW-Authenticate"]
    assert reply.error == {"code": "unauthorized", "message": "wrong token"}


def test_the_token_in_the_query_is_for_the_events_socket_only(serve: Serve, drive: Drive) -> None:
    served = serve()
    reply = drive(request("GET", served.api(f"/api/state?token={TOKEN}"), token=None))
    assert reply.status == 401


def test_state_has_every_room_and_the_show_title(serve: Serve, drive: Drive) -> None:
    served = serve(("a", "b"))
    reply = drive(request("GET", served.api("/api/state")))
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


def test_commands_lists_every_command_with_its_arguments(serve: Serve, drive: Drive) -> None:
    served = serve()
    reply = drive(request("GET", served.api("/api/commands")))
    assert reply.status == 200
    commands = {command["name"]: command for command in reply.body["commands"]}
    assert set(commands) == {spec.name for spec in served.console.registry.specs()}
    program = commands["scene.program"]
    assert program["help"] == "Cut the room's program output to a scene"
    assert program["room"] is True and program["available"] is True
    assert [(a["name"], a["type"], a["required"]) for a in program["args"]] == [
        ("scene", "text", True),
        ("room", "text", False),
    ]
    assert commands["room.select"]["available"] is False  # the window binds it


def call(
    served: Served,
    drive: Drive,
    name: str,
    arguments: dict[str, Any] | None = None,
    raw: bytes | None = None,
) -> Reply:
    """POST a command: ``arguments`` as curl -d sends them, or a ``raw`` body."""
    url = served.api(f"/api/commands/{name}")
    reply: Reply = drive(request("POST", url, arguments=arguments, body=raw))
    return reply


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
    serve: Serve,
    drive: Drive,
    name: str,
    arguments: dict[str, Any],
    status: int,
    code: str,
    said: str,
) -> None:
    served = serve(("a", "b"))
    reply = call(served, drive, name, arguments)
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
    serve: Serve, drive: Drive, raw: bytes, said: str
) -> None:
    reply = call(serve(), drive, "scene.program", raw=raw)
    assert (reply.status, reply.error["code"]) == (400, "bad_request")
    assert said in reply.error["message"]


def test_an_oversized_body_is_refused(serve: Serve, drive: Drive) -> None:
    served = serve()
    raw = json.dumps({"scene": "x" * (65 * 1024)}).encode()
    reply = call(served, drive, "scene.program", raw=raw)
    assert (reply.status, reply.error["code"]) == (413, "too_large")


def test_json_is_read_whatever_the_content_type(serve: Serve, drive: Drive) -> None:
    served = serve(("solo",))
    for content_type in ("application/x-www-form-urlencoded", "text/plain", "application/json"):
        reply = drive(
            request(
                "POST",
                served.api("/api/commands/scene.program"),
                body='{"scene": "Host"}',
                headers={"Content-Type": content_type},
            )
        )
        # One room: the command acts on it without room= (and its OBS is not there).
        assert (reply.status, reply.error["code"]) == (503, "not_connected")


def test_an_empty_body_means_no_arguments(serve: Serve, drive: Drive) -> None:
    reply = call(serve(("solo",)), drive, "barrage.pause", raw=b"")
    assert reply.status == 501  # the window binds the feed's commands
    reply = call(serve(("solo",)), drive, "scene.take", raw=b"  \n")
    assert (reply.status, reply.error["code"]) == (503, "not_connected")


def test_room_all_failing_alike_everywhere_reports_every_room(serve: Serve, drive: Drive) -> None:
    served = serve(("a", "b"))
    reply = call(served, drive, "scene.program", {"scene": "Host", "room": "all"})
    assert (reply.status, reply.error["code"]) == (503, "not_connected")
    rooms = reply.error["rooms"]
    assert set(rooms) == {"a", "b"}
    assert rooms["a"]["ok"] is False
    assert rooms["a"]["error"]["code"] == "not_connected"
    assert "room a is not connected" in rooms["a"]["error"]["message"]


def test_a_crashing_command_is_an_internal_error(serve: Serve, drive: Drive) -> None:
    served = serve()
    registry = served.console.registry
    registry.declare([CommandSpec("test.crash", "A command with a bug")])

    async def crash(context: Context) -> None:
        raise ZeroDivisionError("division by zero")

    registry.bind("test.crash", crash)
    records: list[ActionRecord] = []
    served.console.action_log.subscribe(records.append)
    reply = call(served, drive, "test.crash", raw=b"{}")
    assert (reply.status, reply.error["code"]) == (500, "internal")
    assert "ZeroDivisionError" in reply.error["message"]
    assert [(r.line, r.source, r.code) for r in records] == [("test.crash", "api", "internal")]


def test_api_calls_land_in_the_action_log_with_trigger_api(serve: Serve, drive: Drive) -> None:
    served = serve(("a", "b"))
    records: list[ActionRecord] = []
    served.console.action_log.subscribe(records.append)
    call(served, drive, "scene.program", {"scene": "Host", "room": "b"})
    call(served, drive, "scene.progam", {"scene": "Host"})
    assert [(r.line, r.source, r.ok, r.code) for r in records] == [
        ("scene.program scene=Host room=b", "api", False, "not_connected"),
        ("scene.progam scene=Host", "api", False, "unknown_command"),
    ]
    log_file = served.console.action_log.path
    assert log_file is not None
    logged = [json.loads(line) for line in log_file.read_text(encoding="utf-8").splitlines()]
    assert [entry["source"] for entry in logged[-2:]] == ["api", "api"]


def test_unknown_routes_and_methods_answer_json(serve: Serve, drive: Drive) -> None:
    served = serve()
    reply = drive(request("GET", served.api("/api/nothing")))
    assert (reply.status, reply.error["code"]) == (404, "no_route")
    reply = drive(request("GET", served.api("/api/commands/scene.program")))
    assert (reply.status, reply.error["code"]) == (405, "method_not_allowed")
    assert reply.headers["Allow"] == "POST"
