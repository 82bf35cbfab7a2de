"""Helpers for the control API's tests: show profiles with rooms and a control section, and
an HTTP client that says what the API answered."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp

from console.profile import Profile, load_profile

TOKEN = "test-token-0123456789"


@dataclass(frozen=True)
class RoomAt:
    """A room of a test show and the OBS it talks to."""

    id: str
    port: int
    password: str = "unused"


PRODUCTS = """\
products:
  - sku: tea
    name: 绿茶 500 g
    price: 29
"""


def show_yaml(
    rooms: Sequence[RoomAt],
    control: Mapping[str, object] | None = None,
    extra: str = "",
    title: str = "Test show",
) -> str:
    """A profile's text: the rooms on loopback, the control section as given."""
    lines = [
        "schema_version: 1",
        f"show: {{title: {title}, log_dir: logs}}",
        "rooms:",
    ]
    for room in rooms:
        lines.append(f"  - id: {room.id}")
        lines.append(
            f'    obs: {{host: 127.0.0.1, port: {room.port}, password: "{room.password}"}}'
        )
    if control is not None:
        lines.append("control:")
        lines.extend(f"  {key}: {json.dumps(value)}" for key, value in control.items())
    return "\n".join(lines) + "\n" + extra


def write_show(
    directory: Path,
    rooms: Sequence[RoomAt],
    control: Mapping[str, object] | None = None,
    extra: str = "",
) -> Profile:
    """Write the profile to ``directory/show.yaml`` and load it through the real loader."""
    path = directory / "show.yaml"
    path.write_text(show_yaml(rooms, control, extra), encoding="utf-8")
    return load_profile(path)


@dataclass(frozen=True)
class Reply:
    status: int
    body: Any
    headers: Mapping[str, str]

    @property
    def error(self) -> dict[str, Any]:
        assert isinstance(self.body, dict) and "error" in self.body, self.body
        error: dict[str, Any] = self.body["error"]
        return error


async def request(
    method: str,
    url: str,
    *,
    token: str | None = TOKEN,
    body: bytes | str | None = None,
    arguments: Mapping[str, Any] | None = None,
    headers: Mapping[str, str] | None = None,
) -> Reply:
    """One request as a script or Companion makes it; ``arguments`` are sent as curl's
    ``-d`` sends them (JSON text with a form Content-Type)."""
    sent = dict(headers or {})
    if token is not None:
        sent["Authorization"] = f"Bearer {token}"
    if arguments is not None:
        body = json.dumps(arguments)
        sent.setdefault("Content-Type", "application/x-www-form-urlencoded")
    async with (
        aiohttp.ClientSession() as session,
        session.request(method, url, data=body, headers=sent) as response,
    ):
        text = await response.text()
        try:
            parsed: Any = json.loads(text)
        except json.JSONDecodeError:
            parsed = text
        return Reply(response.status, parsed, dict(response.headers))
