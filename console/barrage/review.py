"""The operator's side of moderation: held messages to approve or reject, and who said what.

Pure Python: the window shows these through its own models and calls the commands
(``barrage.approve``, ``barrage.reject``, ``barrage.ban``) that act on them.
"""

from __future__ import annotations

from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from console.barrage.message import Message
from console.barrage.verdict import Action, Judged
from console.observers import Observers, Unsubscribe


class ReviewError(KeyError):
    """The message is not (or no longer) waiting for review."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "not in the review queue"


class Decision(StrEnum):
    HELD = "held"
    APPROVED = "approved"
    REJECTED = "rejected"
    EXPIRED = "expired"  # pushed out of a full queue, oldest first


@dataclass(frozen=True)
class ReviewChange:
    """A notice to listeners: what happened to which held message."""

    decision: Decision
    held: Judged


class ReviewQueue:
    """Held messages, oldest first, at most ``capacity`` (the oldest expire when full)."""

    def __init__(self, capacity: int = 500, remember: int = 2000) -> None:
        self.capacity = capacity
        self._held: OrderedDict[str, Judged] = OrderedDict()
        self._approved: OrderedDict[str, Judged] = OrderedDict()
        self._remember = remember
        self._observers: Observers[ReviewChange] = Observers()
        self.expired = 0

    def subscribe(self, listener: Callable[[ReviewChange], None]) -> Unsubscribe:
        return self._observers.subscribe(listener)

    def __len__(self) -> int:
        return len(self._held)

    def __contains__(self, message_id: object) -> bool:
        return message_id in self._held

    def held(self) -> list[Judged]:
        return list(self._held.values())

    def get(self, message_id: str) -> Judged | None:
        return self._held.get(message_id)

    def add(self, judged: Judged) -> bool:
        """Queue a held message; other verdicts are ignored. True if it was queued."""
        if judged.verdict.action is not Action.HOLD:
            return False
        key = judged.message.id
        self._held[key] = judged
        self._observers.notify(ReviewChange(Decision.HELD, judged))
        while len(self._held) > self.capacity:
            _, oldest = self._held.popitem(last=False)
            self.expired += 1
            self._observers.notify(ReviewChange(Decision.EXPIRED, oldest))
        return True

    def approve(self, message_id: str) -> Message:
        """Let a held message through (it may then be pinned on air)."""
        judged = self._take(message_id)
        self._approved[message_id] = judged
        while len(self._approved) > self._remember:
            self._approved.popitem(last=False)
        self._observers.notify(ReviewChange(Decision.APPROVED, judged))
        return judged.message

    def reject(self, message_id: str) -> Message:
        judged = self._take(message_id)
        self._observers.notify(ReviewChange(Decision.REJECTED, judged))
        return judged.message

    def reject_user(self, is_user: Callable[[Message], bool]) -> list[Message]:
        """Reject every held message whose author ``is_user``: what a ban does to the queue
        (the ban says who its user is: by id, or by name when the source gives none)."""
        ids = [key for key, judged in self._held.items() if is_user(judged.message)]
        return [self.reject(key) for key in ids]

    def was_approved(self, message_id: str) -> bool:
        """Whether the operator approved this message (recent approvals only)."""
        return message_id in self._approved

    def _take(self, message_id: str) -> Judged:
        judged = self._held.pop(message_id, None)
        if judged is None:
            raise ReviewError(f"message {message_id} is not waiting for review")
        return judged


class UserHistory:
    """The last few messages of recently active users (shown when one is selected)."""

    def __init__(self, per_user: int = 10, users: int = 2000) -> None:
        self.per_user = per_user
        self.users = users
        self._recent: OrderedDict[str, deque[Judged]] = OrderedDict()

    def add(self, judged: Judged) -> None:
        message = judged.message
        key = message.user_id or message.user_name
        recent = self._recent.get(key)
        if recent is None:
            recent = self._recent[key] = deque(maxlen=self.per_user)
            if len(self._recent) > self.users:
                self._recent.popitem(last=False)
        else:
            self._recent.move_to_end(key)
        recent.append(judged)

    def recent(self, user: str) -> list[Judged]:
        """Oldest first; empty for a user not seen lately."""
        return list(self._recent.get(user, ()))

    def __len__(self) -> int:
        return len(self._recent)
