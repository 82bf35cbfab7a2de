"""Who a message is from, as staff and ban entries match it: the platform's user id, never
the name a viewer chose.

Anyone can take a staff member's nickname, or write it with a zero-width space or in
full-width letters, so a shown name never makes a message staff. An entry is a user id:
platform-qualified (``twitch:12345`` matches that platform's user only) or bare (``12345``
matches that id from any source). A ban must also hold a viewer whose source gives no id:
a ban entry matches such a message by its shown name, the only identity it has, and never
a message that has an id.

A badge counts only where the source reads it from the platform itself: Twitch sets the
``badges`` tag of every chat line and a viewer cannot, so a broadcaster or moderator
badge on a Twitch message makes it staff when the profile lists that badge
(``staff_badges``). A grabber's fields are not such a source; a replayed Twitch
recording keeps the platform and the badges it was recorded with.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from console.barrage.message import Message

ANY_PLATFORM = "*"
"""A bare id's platform in the index: the id matches from any source."""

BADGE_PLATFORMS = frozenset({"twitch"})
"""Platforms whose source reads badges from the platform's own tags."""

STAFF_BADGES = ("broadcaster", "moderator")
"""The badges a profile may let make a message staff."""


def account(message: Message) -> str:
    """What a ban of this message's author holds on to: ``platform:id`` (the bare id when
    the message has no platform), or the shown name when the source gives no id."""
    if not message.user_id:
        return message.user_name
    return f"{message.platform}:{message.user_id}" if message.platform else message.user_id


class Accounts:
    """Entries (user ids, bare or platform-qualified) matched against messages; with
    ``by_name``, an entry also matches a message without a user id by its shown name."""

    __slots__ = ("_ids", "_names")

    def __init__(self, entries: Iterable[str], by_name: bool = False) -> None:
        ids: dict[str, set[str]] = {}
        names: set[str] = set()
        for entry in entries:
            ids.setdefault(entry, set()).add(ANY_PLATFORM)
            platform, qualified, user = entry.partition(":")
            if qualified and platform and user:
                ids.setdefault(user, set()).add(platform)
            if by_name:
                names.add(entry)
        self._ids = {user: frozenset(platforms) for user, platforms in ids.items()}
        self._names = frozenset(names)

    def __bool__(self) -> bool:
        return bool(self._ids)

    def match(self, message: Message) -> bool:
        user = message.user_id
        if not user:
            return message.user_name in self._names
        platforms = self._ids.get(user)
        return platforms is not None and (
            ANY_PLATFORM in platforms or message.platform in platforms
        )


def holds(user: str, message: Message) -> bool:
    """Whether a ban on ``user`` (an ``account``) holds the author of ``message``."""
    return Accounts((user,), by_name=True).match(message)


def has_badge(message: Message, badges: frozenset[str]) -> bool:
    """Whether the platform itself gave the message one of ``badges``."""
    if message.platform not in BADGE_PLATFORMS:
        return False
    given = message.extra.get("badges")
    return isinstance(given, Mapping) and not badges.isdisjoint(given)


class SpecialUsers:
    """The show's staff and banned users, as the pipeline checks each message."""

    __slots__ = ("badges", "banned", "staff")

    def __init__(
        self, staff: Iterable[str], banned: Iterable[str], badges: Iterable[str] = ()
    ) -> None:
        self.staff = Accounts(staff)
        self.banned = Accounts(banned, by_name=True)
        self.badges = frozenset(badges)

    def __bool__(self) -> bool:
        return bool(self.staff or self.banned or self.badges)

    def is_staff(self, message: Message) -> bool:
        if self.staff.match(message):
            return True
        return bool(self.badges) and bool(message.extra) and has_badge(message, self.badges)

    def is_banned(self, message: Message) -> bool:
        return self.banned.match(message)
