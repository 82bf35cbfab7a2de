"""The control API: the console's commands, state and events over HTTP on loopback.

For Stream Deck users (Bitfocus Companion's generic HTTP module), scripts and other tools.
Every request carries the profile's token; commands go through the same registry as every
other surface, so each call lands in the action log with the trigger ``api``.

- :mod:`console.control.server` serves it (aiohttp) and decides whether it may run at all;
- :mod:`console.control.auth` checks the bearer token;
- :mod:`console.control.calls` lists and runs commands;
- :mod:`console.control.statuses` maps every command error code to an HTTP status;
- :mod:`console.control.state` is the show's state as JSON;
- :mod:`console.control.events` streams state changes and action records over a WebSocket.
"""

from console.control.server import ControlOff, ControlServer, Listen, listen_settings

__all__ = ["ControlOff", "ControlServer", "Listen", "listen_settings"]
