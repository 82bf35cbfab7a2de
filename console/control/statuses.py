"""The control API's HTTP statuses and error bodies.

One table gives the status of every command error code, so a button panel can tell "fix the
request" (4xx) from "OBS or the link is the problem" (502/503) without reading messages.
Every failure answers with the same body, ``{"error": {"code", "message", ...data}}``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Final

from aiohttp import web

from console.commands import ErrorCode

STATUS: Final[Mapping[ErrorCode, int]] = MappingProxyType(
    {
        ErrorCode.UNKNOWN_COMMAND: 404,
        ErrorCode.BAD_ARGUMENT: 400,
        # Both "no such room" and "which room?" (no room= in a show of several): the
        # request must name a room of this show.
        ErrorCode.UNKNOWN_ROOM: 400,
        ErrorCode.NOT_CONNECTED: 503,  # the link retries by itself: try again later
        ErrorCode.OBS_REFUSED: 502,  # OBS answered with a failure: its code and comment
        ErrorCode.COMPLIANCE: 422,
        ErrorCode.NOT_FOUND: 404,
        ErrorCode.REFUSED: 409,  # not in the current state (studio mode off...)
        ErrorCode.UNAVAILABLE: 501,  # this console cannot do it at all
        ErrorCode.FAILED: 500,
        ErrorCode.INTERNAL: 500,
    }
)
"""The HTTP status of each command error code."""

MULTI_STATUS: Final = 207
"""A ``room=all`` run in which some rooms failed (each room's outcome in data.rooms)."""

# Codes of failures that happen before a command is looked at.
UNAUTHORIZED: Final = "unauthorized"
BAD_REQUEST: Final = "bad_request"
TOO_LARGE: Final = "too_large"
NO_ROUTE: Final = "no_route"
METHOD_NOT_ALLOWED: Final = "method_not_allowed"

_HTTP_CODES: Final[Mapping[int, str]] = MappingProxyType(
    {400: BAD_REQUEST, 401: UNAUTHORIZED, 404: NO_ROUTE, 405: METHOD_NOT_ALLOWED, 413: TOO_LARGE}
)


def code_for_http(status: int) -> str:
    """The error code of a failure aiohttp itself answered (no route, body too large...)."""
    return _HTTP_CODES.get(status, f"http_{status}")


def dumps(value: Any) -> str:
    """JSON as the API writes it: readable non-ASCII (room and product names), and text
    for a value JSON has no type for, so a command that ran is never answered with 500."""
    return json.dumps(value, ensure_ascii=False, default=str)


def respond(
    status: int, body: Mapping[str, Any], headers: Mapping[str, str] | None = None
) -> web.Response:
    return web.json_response(dict(body), status=status, headers=headers, dumps=dumps)


def error_response(
    status: int,
    code: str,
    message: str,
    data: Mapping[str, Any] | None = None,
    headers: Mapping[str, str] | None = None,
) -> web.Response:
    """``{"error": {"code", "message", ...data}}``; code and message win over data's keys."""
    error = {**(data or {}), "code": code, "message": message}
    return respond(status, {"error": error}, headers)
