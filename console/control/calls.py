"""Commands over HTTP: ``GET /api/commands`` lists them, ``POST /api/commands/<name>`` runs one.

The body is a JSON object of arguments, read as JSON whatever the Content-Type says (curl's
``-d`` and many button panels send ``application/x-www-form-urlencoded``); an empty body
means no arguments. The call runs through the registry in ``Context("api")``, so it is
checked, logged and fanned out (``room=all``) exactly like a hotkey or the command palette.

Answers:

- success: 200 ``{"ok": true, "message", "data"}``;
- ``room=all``: every room succeeded: 200 as above, each room's outcome in ``data.rooms``;
  some rooms failed: 207 ``{"ok": false, "message", "data"}``, unless every room failed
  with the same code: then that code's status with ``{"error": {"code", "message",
  "rooms"}}``;
- failure: the code's status (:data:`console.control.statuses.STATUS`) with
  ``{"error": {"code", "message", ...}}`` and the error's data (OBS's ``obs_code`` and
  ``obs_comment`` for ``obs_refused``).
"""

from __future__ import annotations

import json
import logging
from typing import Any

from aiohttp import web

from console.commands import CommandError, CommandRegistry, Context, ErrorCode, Result
from console.control.statuses import (
    BAD_REQUEST,
    MULTI_STATUS,
    STATUS,
    TOO_LARGE,
    error_response,
    respond,
)

log = logging.getLogger(__name__)

API_CONTEXT = Context("api", room=None, selection=None)
"""Where API calls come from: no working room, no selection (the registry asks "which
room?" in a show of several rooms)."""


class Calls:
    """The command routes over one registry."""

    def __init__(self, registry: CommandRegistry) -> None:
        self.registry = registry

    async def list(self, request: web.Request) -> web.Response:
        """Every command: name, help, whether it is a room command, its arguments (name,
        type, required, help), and whether this console can run it."""
        commands = [
            {**spec.describe(), "available": self.registry.bound(spec.name)}
            for spec in self.registry.specs()
        ]
        return respond(200, {"commands": commands})

    async def run(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        try:
            body = await request.read()
        except web.HTTPRequestEntityTooLarge as exc:
            return error_response(413, TOO_LARGE, f"request body too large: {exc.text}")
        arguments = _arguments(body)
        if isinstance(arguments, web.Response):
            return arguments
        try:
            result = await self.registry.call(name, arguments, API_CONTEXT)
        except CommandError as exc:
            return error_response(STATUS[exc.error_code], exc.error_code, exc.message, exc.data)
        except Exception as exc:
            # A bug: the registry logged the action; the traceback goes to the log.
            log.exception("control API: %s failed unexpectedly", name)
            return error_response(500, ErrorCode.INTERNAL, f"internal error: {exc!r}")
        return answer(result)


def _arguments(body: bytes) -> dict[str, Any] | web.Response:
    """The JSON object of a request body, or the 400 that says why it is not one."""
    if not body.strip():
        return {}
    try:
        arguments = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return error_response(
            400, BAD_REQUEST, f"the body must be a JSON object of arguments: {exc}"
        )
    if not isinstance(arguments, dict):
        kind = type(arguments).__name__
        return error_response(
            400, BAD_REQUEST, f"the body must be a JSON object of arguments, not a {kind}"
        )
    return arguments


def answer(result: Result) -> web.Response:
    """The response to a command that ran (see the module's doc for ``room=all``)."""
    failed = [outcome for outcome in result.outcomes if not outcome.ok]
    if not failed:
        return respond(200, {"ok": True, "message": result.message, "data": result.data})
    codes = {outcome.code for outcome in failed}
    if len(failed) == len(result.outcomes) and len(codes) == 1:
        code = ErrorCode(codes.pop())
        rooms = {"rooms": result.data["rooms"]}
        return error_response(STATUS[code], code, result.message, rooms)
    return respond(MULTI_STATUS, {"ok": False, "message": result.message, "data": result.data})
