"""Keys whose values are secrets, or name where a secret is, and keeping them out of messages.

A password pasted into ``password_env`` (which expects the *name* of an environment
variable) is a secret in the wrong place: no message may quote it back, since messages
reach the terminal, the window and the logs. Every message that would quote a value asks
:func:`secret_key` first and says :data:`NOT_SHOWN` instead.
"""

from __future__ import annotations

import re

_SECRET_NAMES = frozenset({"password", "passphrase", "token", "secret", "key"})
_LAST_KEY = re.compile(r"([^.\[\]]+)(?:\[\d+\])*$")

LOOKS_LIKE_SECRET = (
    "this looks like a secret, not the name of an environment variable (letters, digits "
    "and _); the value is not shown"
)
"""What a ``*_env`` key says of a value that is not a variable name."""
NOT_SHOWN = "the value is not shown: it may be a secret"


def secret_key(where: str) -> bool:
    """Whether the key at ``where`` (``rooms[0].obs.password_env``) holds a secret or the name
    of the variable that does: ``*_env``, ``password``, ``token`` and the like."""
    match = _LAST_KEY.search(where)
    if match is None:
        return False
    name = match.group(1).lower()
    return name.endswith("_env") or name.rsplit("_", 1)[-1] in _SECRET_NAMES


def env_key(where: str) -> bool:
    """Whether the key at ``where`` names an environment variable (``password_env``)."""
    match = _LAST_KEY.search(where)
    return match is not None and match.group(1).lower().endswith("_env")
