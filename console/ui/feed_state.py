"""What the operator has selected in the barrage and how the feed is shown: the window's
state, not the service's (no Qt here, so it is tested on its own).

The selection is the message that commands on "the selected comment" act on: the window
passes it in each command's context. ``barrage.select next`` and ``previous`` step
through the list the operator is browsing (the held messages, or the blocked ones: the
tab the window shows). ``barrage.select``, ``barrage.pause``, ``barrage.resume`` and
``barrage.filter`` change this state through the registry like every other operator
action; ``bind`` attaches them.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from console.barrage.blocked import BlockedChange, Fate
from console.barrage.commands import quote
from console.barrage.message import ALL_ROOMS
from console.barrage.moderator import Moderator
from console.barrage.review import Decision, ReviewChange, ReviewQueue
from console.barrage.verdict import Judged
from console.catalog import FILTER_MODES
from console.commands import CommandError, CommandRegistry, Context, ErrorCode, Result
from console.observers import Observers, Unsubscribe
from console.text import Text

HELD = "held"
BLOCKED = "blocked"
"""The lists ``barrage.select next`` and ``previous`` step through."""


@dataclass(frozen=True)
class FeedFilter:
    """What the feed shows: all, questions, gifts (and orders), or one product's mentions."""

    mode: str = "all"
    sku: str | None = None

    def describe(self) -> Text:
        if self.mode == "product":
            return Text("feed", "product {sku}").format(sku=self.sku)
        words = {
            "all": Text("feed", "all"),
            "questions": Text("feed", "questions"),
            "gifts": Text("feed", "gifts"),
        }
        return words[self.mode]


class FeedState:
    """Selection, pause and filter of the window's barrage views."""

    def __init__(self, moderator: Moderator, review: ReviewQueue, skus: Iterable[str]) -> None:
        self.moderator = moderator
        self.review = review
        self.skus = tuple(skus)
        self.selected_id: str | None = None
        self.paused = False
        self.filter = FeedFilter()
        self.browsing = HELD
        self._lists: dict[str, OrderedDict[str, None]] = {
            HELD: OrderedDict((judged.message.id, None) for judged in review.held()),
            BLOCKED: OrderedDict((j.message.id, None) for j in moderator.blocked.blocked()),
        }
        self._observers: Observers[str] = Observers()
        review.subscribe(self._on_review)
        moderator.blocked.subscribe(self._on_blocked)
        if self._lists[HELD]:  # keyboard first: something is always ready to decide
            self.selected_id = next(iter(self._lists[HELD]))

    def subscribe(self, listener: Callable[[str], None]) -> Unsubscribe:
        """``listener(aspect)`` after each change: selected, paused, filter."""
        return self._observers.subscribe(listener)

    # -- the selection --------------------------------------------------------------------

    @property
    def selected(self) -> Judged | None:
        return None if self.selected_id is None else self.moderator.find(self.selected_id)

    @property
    def room(self) -> str | None:
        """The room of the selected message's feed (None for a source of every room)."""
        judged = self.selected
        if judged is None or judged.message.room == ALL_ROOMS:
            return None
        return judged.message.room

    def select(self, message_id: str | None, judged: Judged | None = None) -> None:
        """Make a message the one commands act on. The window passes the row's ``judged``:
        a feed held still by hover can show messages older than the moderator keeps."""
        if judged is not None:
            self.moderator.retain(judged)
        if message_id == self.selected_id:
            return
        self.selected_id = message_id
        self._observers.notify("selected")

    def browse(self, which: str) -> None:
        """Step through the held messages or the blocked ones from now on (the window shows
        that list). A selection outside it moves to its oldest held or newest blocked."""
        ids = self._lists[which]
        if which == self.browsing:
            return
        self.browsing = which
        if ids and self.selected_id not in ids:
            self.select(next(iter(ids)) if which == HELD else next(reversed(ids)))

    def select_step(self, step: int) -> str | None:
        """Move the selection ``step`` messages down (positive) or up the list browsed; from
        a selection outside it, Down picks the oldest and Up the newest. Returns the new
        selection (None when the list is empty)."""
        listed = self._lists[self.browsing]
        ids = list(listed)
        if not ids:
            return None
        current = self.selected_id
        if current is not None and current in listed:
            index = ids.index(current) + step
            target = ids[max(0, min(len(ids) - 1, index))]
        else:
            target = ids[0] if step > 0 else ids[-1]
        self.select(target)
        return target

    def _on_review(self, change: ReviewChange) -> None:
        key = change.held.message.id
        if change.decision is Decision.HELD:
            self._arrived(HELD, key)
        else:  # the approved one stays selected: pinning usually follows
            self._left(HELD, key, keep=change.decision is Decision.APPROVED)

    def _on_blocked(self, change: BlockedChange) -> None:
        key = change.blocked.message.id
        if change.fate is Fate.BLOCKED:
            self._arrived(BLOCKED, key)
        else:  # the released one stays selected, as an approved one does
            self._left(BLOCKED, key, keep=change.fate is Fate.RELEASED)

    def _arrived(self, which: str, key: str) -> None:
        self._lists[which][key] = None
        if self.selected_id is None and self.browsing == which:
            self.select(key)  # keyboard first: something is always ready to decide

    def _left(self, which: str, key: str, keep: bool) -> None:
        listed = self._lists[which]
        following = _following(listed, key)
        listed.pop(key, None)
        if not keep and self.selected_id == key:
            self.select(following)

    # -- pause and filter -----------------------------------------------------------------

    def set_paused(self, paused: bool) -> None:
        """Hold the feed still (ingestion goes on; the feed counts what waits)."""
        if paused != self.paused:
            self.paused = paused
            self._observers.notify("paused")

    def set_filter(self, mode: str, sku: str | None = None) -> FeedFilter:
        if mode not in FILTER_MODES:
            raise CommandError(
                f"barrage.filter: mode must be one of {', '.join(FILTER_MODES)}",
                ErrorCode.BAD_ARGUMENT,
            )
        if mode == "product":
            if sku is None:
                raise CommandError(
                    "barrage.filter product needs sku=<product sku>", ErrorCode.BAD_ARGUMENT
                )
            if sku not in self.skus:
                known = ", ".join(self.skus) or "none"
                raise CommandError(
                    f"barrage.filter: no product {sku!r} (products: {known})",
                    ErrorCode.NOT_FOUND,
                )
        elif sku is not None:
            raise CommandError(
                "barrage.filter: sku= goes with the product mode only", ErrorCode.BAD_ARGUMENT
            )
        self.filter = FeedFilter(mode, sku)
        self._observers.notify("filter")
        return self.filter


def _following(ids: OrderedDict[str, None], key: str) -> str | None:
    """The message after ``key`` in ``ids``, else the one before it."""
    if key not in ids:
        return None
    listed = list(ids)
    at = listed.index(key)
    after, before = listed[at + 1 :], listed[:at]
    return after[0] if after else (before[-1] if before else None)


def bind(registry: CommandRegistry, state: FeedState) -> None:
    """Attach the feed commands to the window's feed state."""

    async def pause(context: Context) -> Result:
        state.set_paused(True)
        return Result(Text("feed", "feed paused (comments keep coming)"))

    async def resume(context: Context) -> Result:
        state.set_paused(False)
        return Result(Text("feed", "feed scrolling"))

    async def set_filter(context: Context, mode: str, sku: str | None = None) -> Result:
        shows = state.set_filter(mode, sku).describe()
        return Result(Text("feed", "feed shows {what}").format(what=shows))

    async def select(context: Context, which: str) -> Result:
        if which in ("next", "previous"):
            selected = state.select_step(1 if which == "next" else -1)
            if selected is None:
                what = (
                    Text("feed", "barrage.select: no held comments")
                    if state.browsing == HELD
                    else Text("feed", "barrage.select: no blocked comments")
                )
                raise CommandError(what, ErrorCode.NOT_FOUND)
        else:
            state.moderator.message(which, "barrage.select")  # raises for an unknown id
            state.select(which)
            selected = which
        judged = state.selected
        said = Text("feed", "selected {message}").format(
            message=quote(judged.message) if judged else selected
        )
        return Result(said, {"id": selected})

    registry.bind("barrage.pause", pause)
    registry.bind("barrage.resume", resume)
    registry.bind("barrage.filter", set_filter)
    registry.bind("barrage.select", select)
