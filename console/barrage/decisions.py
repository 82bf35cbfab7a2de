"""The show's moderation decisions behind one small interface: who is banned, who is staff,
which rules are in force.

A ban holds in every room of the show, so the decisions are show-wide and every room's
moderation reads them from one store. ``LocalDecisions`` keeps them in this process; a
store shared by several consoles (two operators on one show) implements the same
interface and replaces it without touching the pipeline or the commands.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from console.barrage.config import ModerationConfig
from console.observers import Observers, Unsubscribe


class ModerationDecisions(Protocol):
    """What moderation reads and the operator's commands change."""

    @property
    def config(self) -> ModerationConfig:
        """The rules in force: term lists, staff and the profile's banned users."""
        ...

    def set_config(self, config: ModerationConfig) -> None: ...

    def banned(self) -> frozenset[str]:
        """Users (ids or names) banned during the show, besides the profile's list."""
        ...

    def is_banned(self, user: str) -> bool: ...

    def ban(self, user: str) -> None: ...

    def unban(self, user: str) -> bool:
        """Lift a ban; False when the user was not banned during the show."""
        ...

    def subscribe(self, listener: Callable[[str], None]) -> Unsubscribe:
        """``listener("bans")`` or ``listener("config")`` after each change."""
        ...


class LocalDecisions:
    """The in-process store: one per show, shared by its rooms."""

    def __init__(self, config: ModerationConfig | None = None) -> None:
        self._config = config or ModerationConfig()
        self._bans: set[str] = set()
        self._frozen: frozenset[str] = frozenset()
        self._observers: Observers[str] = Observers()

    @property
    def config(self) -> ModerationConfig:
        return self._config

    def set_config(self, config: ModerationConfig) -> None:
        self._config = config
        self._observers.notify("config")

    def banned(self) -> frozenset[str]:
        return self._frozen

    def is_banned(self, user: str) -> bool:
        return user in self._bans or user in self._config.banned

    def ban(self, user: str) -> None:
        if user not in self._bans:
            self._bans.add(user)
            self._frozen = frozenset(self._bans)
            self._observers.notify("bans")

    def unban(self, user: str) -> bool:
        if user not in self._bans:
            return False
        self._bans.discard(user)
        self._frozen = frozenset(self._bans)
        self._observers.notify("bans")
        return True

    def subscribe(self, listener: Callable[[str], None]) -> Unsubscribe:
        return self._observers.subscribe(listener)
