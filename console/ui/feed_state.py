"""What the operator has selected in the barrage and how the feed is shown: the window's
state, not the service's (no Qt here, so it is tested on its own).

The selection is the message that commands on "the selected comment" act on: the window
passes it in each command's context. ``barrage.select``, ``barrage.pause``,
``barrage.resume`` and ``barrage.filter`` change this state through the registry like
every other operator action; ``bind`` attaches them.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from console.barrage.commands import quote
from console.barrage.message import ALL_ROOMS
from console.barrage.moderator import Moderator
from console.barrage.review import Decision, ReviewChange, ReviewQueue
from console.barrage.verdict import Judged
from console.catalog import FILTER_MODES
from console.commands import CommandError, CommandRegistry, Context, ErrorCode, Result
from console.observers import Observers, Unsubscribe


@dataclass(frozen=True)
class FeedFilter:
    """What the feed shows: all, questions, gifts (and orders), or one product's mentions."""

    mode: str = "all"
    sku: str | None = None

    def describe(self) -> str:
        return f"product {self.sku}" if self.mode == "product" else self.mode


class FeedState:
    """Selection, pause and filter of the window's barrage views."""

    def __init__(self, moderator: Moderator, review: ReviewQueue, skus: Iterable[str]) -> None:
        self.moderator = moderator
        self.review = review
        self.skus = tuple(skus)
        self.selected_id: str | None = None
        self.paused = False
        self.filter = FeedFilter()
        self._held: OrderedDict[str, None] = OrderedDict(
            (judged.message.id, None) for judged in review.held()
        )
        self._observers: Observers[str] = Observers()
        review.subscribe(self._on_review)
        if self._held:  # keyboard first: something is always ready to decide
            self.selected_id = next(iter(self._held))

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

    def select_step(self, step: int) -> str | None:
        """Move the selection ``step`` held messages down (positive) or up; from no held
        selection, Down picks the oldest and Up the newest. Returns the new selection (None
        when nothing is held)."""
        held = list(self._held)
        if not held:
            return None
        current = self.selected_id
        if current is not None and current in self._held:
            index = held.index(current) + step
            target = held[max(0, min(len(held) - 1, index))]
        else:
            target = held[0] if step > 0 else held[-1]
        self.select(target)
        return target

    def _on_review(self, change: ReviewChange) -> None:
        key = change.held.message.id
        if change.decision is Decision.HELD:
            self._held[key] = None
            if self.selected_id is None:
                self.select(key)  # keyboard first: something is always ready to decide
            return
        following = self._following(key)
        self._held.pop(key, None)
        if change.decision is not Decision.APPROVED and self.selected_id == key:
            self.select(following)  # the approved one stays: pinning usually follows

    def _following(self, key: str) -> str | None:
        """The held message after ``key``, else the one before it."""
        held = list(self._held)
        if key not in self._held:
            return None
        at = held.index(key)
        after, before = held[at + 1 :], held[:at]
        return after[0] if after else (before[-1] if before else None)

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


def bind(registry: CommandRegistry, state: FeedState) -> None:
    """Attach the feed commands to the window's feed state."""

    async def pause(context: Context) -> Result:
        state.set_paused(True)
        return Result("feed paused (comments keep coming)")

    async def resume(context: Context) -> Result:
        state.set_paused(False)
        return Result("feed scrolling")

    async def set_filter(context: Context, mode: str, sku: str | None = None) -> Result:
        return Result(f"feed shows {state.set_filter(mode, sku).describe()}")

    async def select(context: Context, which: str) -> Result:
        if which in ("next", "previous"):
            selected = state.select_step(1 if which == "next" else -1)
            if selected is None:
                raise CommandError("barrage.select: no held comments", ErrorCode.NOT_FOUND)
        else:
            state.moderator.message(which, "barrage.select")  # raises for an unknown id
            state.select(which)
            selected = which
        judged = state.selected
        return Result(f"selected {quote(judged.message) if judged else selected}", {"id": selected})

    registry.bind("barrage.pause", pause)
    registry.bind("barrage.resume", resume)
    registry.bind("barrage.filter", set_filter)
    registry.bind("barrage.select", select)
