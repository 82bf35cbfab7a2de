"""When the console may serve the control API, and where: each refusal says why."""

from __future__ import annotations

import asyncio
import re
import socket
from pathlib import Path

import pytest

from console.control import ControlOff, ControlServer, Listen, listen_settings
from console.control.server import is_loopback
from console.profile import Control
from console.services import Console
from tests.harness.process import free_tcp_port
from tests.support import FAST
from tests.unit.control.control_show import TOKEN, RoomAt, request, write_show


def control(**changes: object) -> Control:
    settings: dict[str, object] = {
        "enabled": True,
        "host": "127.0.0.1",
        "port": 0,
        "token": None,
        "token_env": None,
        "allow_remote": False,
    }
    settings.update(changes)
    return Control(**settings)  # type: ignore[arg-type]


def test_the_token_comes_from_the_profile_or_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert listen_settings(control(token="abc")).token == "abc"
    monkeypatch.setenv("CONSOLE_TEST_TOKEN", "from-env")
    assert listen_settings(control(token_env="CONSOLE_TEST_TOKEN")) == Listen(
        "127.0.0.1", 0, "from-env"
    )


@pytest.mark.parametrize(
    ("settings", "why"),
    [
        ({"enabled": False, "token": "abc"}, "turned off in the profile"),
        ({}, "no token (none in the profile)"),
        ({"token_env": "CONSOLE_TEST_UNSET"}, "environment variable CONSOLE_TEST_UNSET is not set"),
        ({"token_env": "CONSOLE_TEST_EMPTY"}, "CONSOLE_TEST_EMPTY is empty"),
    ],
)
def test_no_api_without_a_token_or_when_turned_off(
    monkeypatch: pytest.MonkeyPatch, settings: dict[str, object], why: str
) -> None:
    monkeypatch.delenv("CONSOLE_TEST_UNSET", raising=False)
    monkeypatch.setenv("CONSOLE_TEST_EMPTY", "")
    with pytest.raises(ControlOff, match=re.escape(why)):
        listen_settings(control(**settings))


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.0.1", True),
        ("::1", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.20", False),
        ("console.example", False),
    ],
)
def test_loopback_addresses(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_the_server_refuses_other_addresses_unless_allowed(tmp_path: Path) -> None:
    profile = write_show(tmp_path, [RoomAt("main", free_tcp_port())])
    console = Console(profile, FAST, log_actions=False, slides=False)
    with pytest.raises(ControlOff, match=r"0\.0\.0\.0 is not loopback"):
        ControlServer(console, Listen("0.0.0.0", 0, TOKEN))
    allowed = ControlServer(console, Listen("0.0.0.0", 0, TOKEN, allow_remote=True))
    assert allowed.listen.host == "0.0.0.0"


def test_a_port_in_use_turns_the_api_off_with_the_reason(tmp_path: Path) -> None:
    profile = write_show(tmp_path, [RoomAt("main", free_tcp_port())])

    async def scenario() -> None:
        console = Console(profile, FAST, log_actions=False, slides=False)
        with socket.socket() as taken:
            taken.bind(("127.0.0.1", 0))
            taken.listen()
            port = taken.getsockname()[1]
            server = ControlServer(console, Listen("127.0.0.1", port, TOKEN))
            with pytest.raises(ControlOff, match=f"cannot listen on 127.0.0.1:{port}"):
                await server.start()
        await console.close()

    asyncio.run(scenario())


def test_localhost_serves_one_loopback_address(tmp_path: Path) -> None:
    profile = write_show(tmp_path, [RoomAt("main", free_tcp_port())])

    async def scenario() -> None:
        console = Console(profile, FAST, log_actions=False, slides=False)
        server = ControlServer(console, Listen("localhost", 0, TOKEN))
        url = await server.start()
        assert url.startswith("http://127.0.0.1:") and url == server.url
        reply = await request("GET", f"{url}/api/state")
        assert reply.status == 200
        await server.stop()
        await console.close()

    asyncio.run(scenario())
