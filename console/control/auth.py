"""The control API's one rule of access: every request carries the profile's token.

``Authorization: Bearer <token>`` on every request. The events socket also takes
``?token=<token>``, because a browser's WebSocket API cannot set headers; nothing else does,
so a token does not end up in URLs where a header would do. Tokens are compared in
constant time, so a wrong guess says nothing about how close it was.
"""

from __future__ import annotations

import hmac
from collections.abc import Collection

from aiohttp import web
from aiohttp.typedefs import Handler, Middleware

from console.control.statuses import UNAUTHORIZED, error_response

REALM = "live-room-console"


def bearer(header: str | None) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header (scheme in any case)."""
    if header is None:
        return None
    scheme, _, token = header.strip().partition(" ")
    if scheme.lower() != "bearer":
        return None
    return token.strip() or None


def matches(given: str, token: str) -> bool:
    """Whether ``given`` is the token, in time that does not depend on where they differ."""
    return hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8"))


def require_token(token: str, query_paths: Collection[str] = ()) -> Middleware:
    """Middleware answering 401 (with ``WWW-Authenticate``) unless the request carries
    ``token``; on ``query_paths`` the token may also come as ``?token=``."""
    if not token:
        raise ValueError("the control API needs a token")

    @web.middleware
    async def check(request: web.Request, handler: Handler) -> web.StreamResponse:
        given = bearer(request.headers.get("Authorization"))
        if given is None and request.path in query_paths:
            given = request.query.get("token") or None
        if given is not None and matches(given, token):
            return await handler(request)
        challenge = f'Bearer realm="{REALM}"'
        if given is None:
            message = "this API needs a token: send Authorization: Bearer <token>"
        else:
            challenge += ', error="invalid_token"'
            message = "wrong token"
        return error_response(401, UNAUTHORIZED, message, headers={"WWW-Authenticate": challenge})

    return check
