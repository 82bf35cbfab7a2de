"""Serve the control API (aiohttp) on the address the profile's ``control:`` gives.

The console decides first whether it may serve at all (:func:`listen_settings`): not when
the profile turns it off, not without a token, and not on an address other than loopback
unless the profile says ``allow_remote: true`` (the profile validator rejects that case
too; the server refuses it again rather than trust every caller). Each refusal is a
:class:`ControlOff` saying why, and the rest of the console runs without the API.
"""

from __future__ import annotations

import ipaddress
import logging
from dataclasses import dataclass

from aiohttp import web
from aiohttp.typedefs import Handler

from console.control.auth import require_token
from console.control.calls import Calls
from console.control.events import QUEUE_LIMIT, EventHub
from console.control.state import show_state
from console.control.statuses import code_for_http, error_response, respond
from console.profile import Control, MissingSecret
from console.services import Console

log = logging.getLogger(__name__)

MAX_BODY = 64 * 1024
"""Largest request body: arguments are a few words; anything bigger is refused with 413."""
SHUTDOWN_WITHIN = 5.0
"""Seconds that commands still running at shutdown get to finish."""
EVENTS_PATH = "/api/events"


class ControlOff(Exception):
    """Why the control API is not served (the rest of the console runs)."""


@dataclass(frozen=True)
class Listen:
    """Where the API listens and the token it wants."""

    host: str
    port: int
    token: str
    allow_remote: bool = False


def is_loopback(host: str) -> bool:
    """Whether ``host`` is a loopback address (``localhost``, 127.0.0.0/8, ``::1``)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a name: it may resolve to anything


def listen_settings(control: Control) -> Listen:
    """The profile's control settings, checked; ControlOff saying why the API may not run."""
    if not control.enabled:
        raise ControlOff("turned off in the profile (control.enabled: false)")
    try:
        token = control.resolve_token()
    except MissingSecret as exc:
        raise ControlOff(f"no token: {exc} (control.token_env)") from None
    if not token:
        where = f"{control.token_env} is empty" if control.token_env else "none in the profile"
        raise ControlOff(f"no token ({where}): set control.token_env to a variable holding one")
    return Listen(control.host, control.port, token, control.allow_remote)


class ControlServer:
    """The control API of one console, started after its services, stopped before them."""

    def __init__(self, console: Console, listen: Listen, queue_limit: int = QUEUE_LIMIT) -> None:
        if not is_loopback(listen.host) and not listen.allow_remote:
            raise ControlOff(
                f"{listen.host} is not loopback: other machines could drive the show "
                "(control.allow_remote: true allows it)"
            )
        self.listen = listen
        self.console = console
        self.events = EventHub(
            console.profile.show.title,
            console.rooms,
            console.action_log,
            console.barrage.review,
            queue_limit,
        )
        self._runner: web.AppRunner | None = None
        self.url = ""
        """``http://host:port`` once serving (with port 0: the port the system gave)."""

    def app(self) -> web.Application:
        calls = Calls(self.console.registry)
        app = web.Application(
            client_max_size=MAX_BODY,
            middlewares=[_json_errors, require_token(self.listen.token, {EVENTS_PATH})],
        )
        app.router.add_get("/api/state", self._state)
        app.router.add_get("/api/commands", calls.list)
        app.router.add_post("/api/commands/{name}", calls.run)
        app.router.add_get(EVENTS_PATH, self.events.handle)
        app.on_shutdown.append(self._close_events)
        return app

    async def start(self) -> str:
        """Listen; returns the URL served. ControlOff when the address cannot be had."""
        # No access log: the events socket may carry the token in its query string.
        runner = web.AppRunner(self.app(), access_log=None, shutdown_timeout=SHUTDOWN_WITHIN)
        await runner.setup()
        # "localhost" may resolve to two addresses, which port 0 would give two ports.
        host = "127.0.0.1" if self.listen.host == "localhost" else self.listen.host
        try:
            await web.TCPSite(runner, host, self.listen.port).start()
        except OSError as exc:
            await runner.cleanup()
            raise ControlOff(f"cannot listen on {host}:{self.listen.port}: {exc}") from None
        self._runner = runner
        bound_host, bound_port = runner.addresses[0][:2]
        shown = f"[{bound_host}]" if ":" in bound_host else bound_host
        self.url = f"http://{shown}:{bound_port}"
        self.events.open()
        log.info("control API on %s", self.url)
        return self.url

    async def stop(self) -> None:
        """Stop listening, close the event sockets, let running commands finish briefly."""
        if self._runner is None:
            return
        runner, self._runner = self._runner, None
        await runner.cleanup()
        log.info("control API stopped")

    async def _state(self, request: web.Request) -> web.Response:
        return respond(
            200,
            show_state(
                self.console.profile.show.title, self.console.rooms, self.console.barrage.review
            ),
        )

    async def _close_events(self, app: web.Application) -> None:
        await self.events.close()


@web.middleware
async def _json_errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    """aiohttp's own refusals (no such route, wrong method...) as the API's JSON errors."""
    try:
        return await handler(request)
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        headers = {key: value for key, value in exc.headers.items() if key == "Allow"}
        message = f"{request.method} {request.path}: {exc.reason}"
        return error_response(exc.status, code_for_http(exc.status), message, headers=headers)
