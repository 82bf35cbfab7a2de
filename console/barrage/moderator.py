"""The operator's moderation decisions on judged messages: approve, reject, release, ban,
unban.

``Moderator`` remembers recent messages by id (the commands name them, or the window's
selection does), knows each one's status (held, approved, rejected, released, the
pipeline's verdict), acts on the review queue, the blocked list and the show's moderation
decisions (a ban holds in every room), records each decision in the barrage log, and says
whether a message may go on air. It holds no view state: what is selected, paused or
filtered is the window's.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

from console.barrage.blocked import BlockedList, ReleaseError, released
from console.barrage.decisions import ModerationDecisions, UserBan
from console.barrage.identity import Accounts, SpecialUsers, account, holds
from console.barrage.log import BarrageLog
from console.barrage.message import Kind, Message
from console.barrage.review import Decision, ReviewChange, ReviewError, ReviewQueue
from console.barrage.verdict import Action, Judged
from console.commands import CommandError, ErrorCode
from console.text import Text

log = logging.getLogger(__name__)

STATUS_WORDS = {
    "approved": Text("barrage", "approved"),
    "rejected": Text("barrage", "rejected"),
    "expired": Text("barrage", "expired"),
    "released": Text("barrage", "released"),
}
"""A settled message's status in a sentence (``message 42 was already approved``)."""

RETAINED = 100  # messages the operator selected, kept addressable after they age out


@dataclass(frozen=True)
class Ban:
    """What a ban did: whose message, whom it holds (``UserBan.user``), and how many held
    messages it rejected."""

    message: Message
    user: str
    rejected: int


class Moderator:
    """Decisions on messages, by id (see the module docstring)."""

    def __init__(
        self,
        review: ReviewQueue,
        decisions: ModerationDecisions,
        blocked: BlockedList,
        log_file: BarrageLog | None = None,
        remember: int = 5_000,
    ) -> None:
        self.review = review
        self.decisions = decisions
        self.blocked = blocked
        self.log_file = log_file
        self._remember = remember
        self._recent: OrderedDict[str, Judged] = OrderedDict()
        self._settled: OrderedDict[str, Decision] = OrderedDict()  # rejected or expired
        self._retained: OrderedDict[str, Judged] = OrderedDict()
        review.subscribe(self._on_review)

    # -- looking up -----------------------------------------------------------------------

    def on_batch(self, batch: Sequence[Judged]) -> None:
        """Remember a judged batch (the ingest calls this first, before the window)."""
        recent = self._recent
        recent.update((judged.message.id, judged) for judged in batch)
        for _ in range(max(0, len(recent) - self._remember)):
            recent.popitem(last=False)

    def retain(self, judged: Judged) -> None:
        """Keep a message addressable however old it gets: the operator selected it (a feed
        held still by hover shows messages older than the recent ones kept)."""
        self._retained[judged.message.id] = judged
        self._retained.move_to_end(judged.message.id)
        while len(self._retained) > RETAINED:
            self._retained.popitem(last=False)

    def find(self, message_id: str) -> Judged | None:
        """A recent message, one still held or blocked (however old) or one retained, by
        id."""
        return (
            self._recent.get(message_id)
            or self.review.get(message_id)
            or self.blocked.get(message_id)
            or self._retained.get(message_id)
        )

    def message(self, message_id: str | None, command: str) -> Judged:
        """The message a command acts on; CommandError when there is none or it is gone."""
        if message_id is None:
            raise CommandError(
                Text(
                    "barrage",
                    "{command}: no message selected (select one in the review queue or the "
                    "feed, or give its id)",
                ).format(command=command),
                ErrorCode.BAD_ARGUMENT,
            )
        judged = self.find(message_id)
        if judged is None:
            raise CommandError(
                Text(
                    "barrage", "{command}: message {id} is no longer in the console's memory"
                ).format(command=command, id=message_id),
                ErrorCode.NOT_FOUND,
            )
        return judged

    def status(self, message_id: str) -> str:
        """``held``, ``approved``, ``rejected``, ``expired``, ``released`` or the pipeline's
        verdict (``block`` for a message in the blocked list)."""
        if message_id in self.review:
            return "held"
        if self.review.was_approved(message_id):
            return "approved"
        if self.blocked.was_released(message_id):
            return "released"
        settled = self._settled.get(message_id)
        if settled is not None:
            return settled.value
        judged = self.find(message_id)
        return judged.verdict.action.label if judged is not None else "unknown"

    def is_banned(self, message: Message) -> bool:
        """Whether the author is banned, by the profile or during the show."""
        banned = self.decisions.config.banned | self.decisions.banned()
        return Accounts(banned, by_name=True).match(message)

    def is_staff(self, message: Message) -> bool:
        """Whether the profile makes the author staff (by user id or a platform's badge)."""
        config = self.decisions.config
        return SpecialUsers(config.staff, (), config.staff_badges).is_staff(message)

    # -- decisions ------------------------------------------------------------------------

    def approve(self, judged: Judged) -> Message:
        key = judged.message.id
        try:
            message = self.review.approve(key)
        except ReviewError:
            raise self._not_held(key, "barrage.approve") from None
        self._log(key, "approve")
        return message

    def reject(self, judged: Judged) -> Message:
        key = judged.message.id
        try:
            message = self.review.reject(key)
        except ReviewError:
            raise self._not_held(key, "barrage.reject") from None
        self._log(key, "reject")
        return message

    def release(self, judged: Judged) -> Judged:
        """Let a blocked message through: a false alarm for its rule, for the show's
        numbers. It may then go on air like an approved one; the moderator knows it as
        ``released`` has it from then on (and returns that)."""
        message, verdict = judged.message, judged.verdict
        key = message.id
        if verdict.action is not Action.BLOCK or self.blocked.was_released(key):
            raise CommandError(
                f"barrage.release: message {key} was {self.status(key)}, not blocked",
                ErrorCode.REFUSED,
            )
        if verdict.rule == "banned" and self.is_banned(message):
            raise CommandError(
                f"barrage.release: {message.user_name} is banned: lift the ban first "
                "(barrage.unban)",
                ErrorCode.REFUSED,
            )
        try:
            self.blocked.release(key)
        except ReleaseError:
            raise CommandError(
                f"barrage.release: message {key} is no longer in the blocked list (the "
                f"oldest leave it past {self.blocked.capacity})",
                ErrorCode.NOT_FOUND,
            ) from None
        back = released(judged)
        if key in self._recent:
            self._recent[key] = back
        self.retain(back)  # pinning usually follows, however old it gets
        self._log(key, "release")
        return back

    def ban(self, judged: Judged) -> Ban:
        """Block the author's later messages in every room and reject their held ones: by
        their user id, or by their shown name when the source gives no id."""
        message = judged.message
        if self.is_staff(message):
            raise CommandError(
                f"barrage.ban: {message.user_name} is staff in the profile "
                "(barrage.moderation.staff or staff_badges): their messages always pass",
                ErrorCode.REFUSED,
            )
        user = account(message)
        ban = UserBan(user, message.user_name, message.id, message.text, time.time())
        self.decisions.ban(ban)
        rejected = self.review.reject_user(lambda held: holds(user, held))
        self._log(message.id, "ban")
        return Ban(message, user, len(rejected))

    def unban(self, user: str | None, message_id: str | None) -> UserBan:
        """Lift a ban made during the show: on ``user`` (as the ban list shows it, or a
        bare id or name that names one ban), else on the author of message ``message_id``."""
        if user is None:
            if message_id is None:
                raise CommandError(
                    "barrage.unban: whom? select one of their messages or give the user as "
                    "the ban list shows it",
                    ErrorCode.BAD_ARGUMENT,
                )
            judged = self.message(message_id, "barrage.unban")
            author = judged.message
            bans = [ban for ban in self.decisions.bans() if holds(ban.user, author)]
            who = author.user_name
            in_profile = Accounts(self.decisions.config.banned, by_name=True).match(author)
        else:
            bans = self._bans_named(user)
            who = user
            in_profile = user in self.decisions.config.banned
        if not bans:
            if in_profile:
                raise CommandError(
                    f"barrage.unban: {who} is banned by the profile "
                    "(barrage.moderation.banned), not during the show",
                    ErrorCode.REFUSED,
                )
            raise CommandError(f"barrage.unban: {who} is not banned", ErrorCode.NOT_FOUND)
        if len(bans) > 1:
            named = ", ".join(ban.user for ban in bans)
            raise CommandError(
                f"barrage.unban: {who} names {len(bans)} bans ({named}); give one of them",
                ErrorCode.BAD_ARGUMENT,
            )
        (ban,) = bans
        self.decisions.unban(ban.user)
        self._log(ban.message_id, "unban")
        return ban

    def _bans_named(self, user: str) -> list[UserBan]:
        """The ban on ``user`` as listed, else every ban whose id or name it is."""
        bans = self.decisions.bans()
        exact = [ban for ban in bans if ban.user == user]
        if exact:
            return exact
        return [ban for ban in bans if user in (ban.name, ban.user.partition(":")[2])]

    def check_on_air(self, judged: Judged, command: str) -> None:
        """Only approved or passed comments reach air; CommandError saying why not."""
        message, verdict = judged.message, judged.verdict
        key = message.id
        if message.kind is not Kind.COMMENT:
            raise CommandError(
                f"{command}: only comments can go on air, not a {message.kind}", ErrorCode.REFUSED
            )
        if self.is_banned(message):
            raise CommandError(
                Text("barrage", "{command}: {user} is banned").format(
                    command=command, user=message.user_name
                ),
                ErrorCode.REFUSED,
            )
        if verdict.action is Action.BLOCK and not self.blocked.was_released(key):
            raise CommandError(
                Text(
                    "barrage",
                    "{command}: message {id} was blocked ({verdict}): release it first if that "
                    "was a false alarm (barrage.release)",
                ).format(command=command, id=key, verdict=verdict.describe()),
                ErrorCode.REFUSED,
            )
        if verdict.action is Action.HOLD and not self.review.was_approved(key):
            status = self.status(key)
            if status == "held":
                raise CommandError(
                    Text(
                        "barrage",
                        "{command}: message {id} is held for review ({rule}): approve it first "
                        "(barrage.approve)",
                    ).format(command=command, id=key, rule=verdict.rule),
                    ErrorCode.REFUSED,
                )
            raise CommandError(
                f"{command}: message {key} was {status}, not approved", ErrorCode.REFUSED
            )

    def record(self, message_id: str, decision: str) -> None:
        """Write a decision (pin, unpin, answer...) to the barrage log."""
        self._log(message_id, decision)

    # -- plumbing -------------------------------------------------------------------------

    def _not_held(self, key: str, command: str) -> CommandError:
        status = self.status(key)
        if status == "pass":
            why = Text("barrage", "message {id} was not held (it passed moderation)")
        elif status == "block":
            why = Text(
                "barrage",
                "message {id} was blocked: it never reaches the review queue (a false alarm is "
                "released: barrage.release)",
            )
        elif status in ("approved", "rejected", "expired", "released"):
            why = Text("barrage", "message {id} was already {status}")
        else:
            why = Text("barrage", "message {id} is not waiting for review")
        return CommandError(
            Text("barrage", "{command}: {why}").format(
                command=command, why=why.format(id=key, status=STATUS_WORDS.get(status, status))
            ),
            ErrorCode.REFUSED,
        )

    def _on_review(self, change: ReviewChange) -> None:
        if change.decision in (Decision.REJECTED, Decision.EXPIRED):
            self._settled[change.held.message.id] = change.decision
            while len(self._settled) > self._remember:
                self._settled.popitem(last=False)

    def _log(self, message_id: str, decision: str) -> None:
        if self.log_file is None:
            return
        try:
            self.log_file.write_review(message_id, decision)
        except (OSError, ValueError) as exc:
            log.error("barrage log: cannot record %s of %s: %s", decision, message_id, exc)
