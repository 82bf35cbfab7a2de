"""Errors of the OBS link, worded for the operator."""

from __future__ import annotations

from console.commands import CommandError, ErrorCode
from console.text import Text

# Request status codes from the obs-websocket v5 protocol that the console treats specially.
NOT_READY = 207
STUDIO_MODE_ACTIVE = 505
STUDIO_MODE_NOT_ACTIVE = 506
RESOURCE_NOT_FOUND = 600

# WebSocket close codes sent by obs-websocket.
CLOSE_GOING_AWAY = 1001
CLOSE_AUTHENTICATION_FAILED = 4009
CLOSE_SESSION_INVALIDATED = 4011


class ObsError(CommandError):
    """Something about OBS the operator must know; its text is shown as it is."""


class LinkDown(ObsError):
    """The room has no working link to OBS right now."""

    error_code = ErrorCode.NOT_CONNECTED


class ConnectFailed(ObsError):
    """One connection attempt failed; the link retries with backoff."""

    error_code = ErrorCode.NOT_CONNECTED


class NotAnswering(LinkDown):
    """OBS is there but says nothing: frozen, swamped, or a half-open link."""


class HandshakeTimeout(ConnectFailed):
    """Something accepted the connection and never completed the handshake."""


class AuthFailed(ConnectFailed):
    """OBS refused the password: retrying at speed would only repeat the refusal."""


class RequestFailed(ObsError):
    """OBS answered a request with a failure status; carries OBS's own code and reason."""

    def __init__(self, request: str, code: int, comment: str) -> None:
        reason = comment or Text("obs", "status {code}").format(code=code)
        super().__init__(
            Text("obs", "OBS refused {request}: {reason} (code {code})").format(
                request=request, reason=reason, code=code
            ),
            ErrorCode.OBS_REFUSED,
            {"request": request, "obs_code": code, "obs_comment": comment},
        )
        self.request = request
        self.code = code
        self.comment = comment
