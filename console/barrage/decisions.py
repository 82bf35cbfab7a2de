"""The show's moderation decisions behind one small interface: who is banned, who is staff,
which rules are in force.

A ban holds in every room of the show, so the decisions are show-wide and every room's
moderation reads them from one store. ``LocalDecisions`` keeps them in this process; a
store used by several consoles (two operators on one show) implements the same interface
and replaces it without touching the pipeline or the commands.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from console.barrage.config import ModerationConfig
from console.observers import Observers, Unsubscribe


@dataclass(frozen=True)
class UserBan:
    """A ban made during the show: whom it holds (``user``, what
    ``console.barrage.identity.account`` gives: ``platform:id``, an id, or the shown name
    of a user without one), their name then, the message it was made on, and when."""

    user: str
    name: str
    message_id: str
    text: str
    at: float
    """Epoch seconds."""


class ModerationDecisions(Protocol):
    """What moderation reads and the operator's commands change."""

    @property
    def config(self) -> ModerationConfig:
        """The rules in force: term lists, staff and the profile's banned users."""
        ...

    def set_config(self, config: ModerationConfig) -> None: ...

    def banned(self) -> frozenset[str]:
        """The users banned during the show (their ``UserBan.user``), besides the
        profile's list; the same object until the bans change."""
        ...

    def bans(self) -> tuple[UserBan, ...]:
        """The bans made during the show, oldest first."""
        ...

    def ban(self, ban: UserBan) -> None:
        """Ban a user (a user banned already keeps their first ban)."""
        ...

    def unban(self, user: str) -> UserBan | None:
        """Lift the ban on ``user`` (a ``UserBan.user``); None when there was none."""
        ...

    def subscribe(self, listener: Callable[[str], None]) -> Unsubscribe:
        """``listener("bans")`` or ``listener("config")`` after each change."""
        ...


class LocalDecisions:
    """The in-process store: one per show, used by all its rooms."""

    def __init__(self, config: ModerationConfig | None = None) -> None:
        self._config = config or ModerationConfig()
        self._bans: dict[str, UserBan] = {}
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

    def bans(self) -> tuple[UserBan, ...]:
        return tuple(self._bans.values())

    def ban(self, ban: UserBan) -> None:
        if ban.user in self._bans:
            return
        self._bans[ban.user] = ban
        self._frozen = frozenset(self._bans)
        self._observers.notify("bans")

    def unban(self, user: str) -> UserBan | None:
        lifted = self._bans.pop(user, None)
        if lifted is not None:
            self._frozen = frozenset(self._bans)
            self._observers.notify("bans")
        return lifted

    def subscribe(self, listener: Callable[[str], None]) -> Unsubscribe:
        return self._observers.subscribe(listener)
