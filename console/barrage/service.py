"""The barrage of one show, running: sources → ingest → review, log, stats; pins on air.

``BarrageService`` is built from a validated profile and the show's rooms. It owns the
sources (each attached to a room or to all), the ingest with the moderation pipeline, the
review queue, users' recent messages, the per-show JSONL log, the stats and the comment
pinned in each room. It keeps what the window shows as observable state (the selected
message, the feed's pause and filter, the pins, the last answer suggestion) and the
operations the ``barrage.*`` commands call; its errors are ``CommandError`` with text an
operator can act on. No Qt here.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from console.barrage.answers import FaqIndex, NoAnswer, Suggestion, product_matcher
from console.barrage.commands import FILTER_MODES
from console.barrage.config import ModerationConfig
from console.barrage.ingest import BarrageIngest
from console.barrage.log import BarrageLog, log_path
from console.barrage.message import Kind, Message
from console.barrage.pin import CommentPin
from console.barrage.pipeline import Pipeline
from console.barrage.review import Decision, ReviewChange, ReviewError, ReviewQueue, UserHistory
from console.barrage.rules import RuleSet
from console.barrage.sources import (
    ReplaySource,
    Sink,
    Source,
    SourceFailed,
    TwitchSource,
    WebSocketSource,
)
from console.barrage.stats import BarrageStats
from console.barrage.verdict import Action, Judged
from console.commands import CommandError
from console.obs.rooms import Rooms
from console.observers import Observers, Unsubscribe
from console.profile import (
    BarrageSourceSettings,
    MissingSecret,
    Profile,
    ReplaySourceSettings,
    TwitchSourceSettings,
)

log = logging.getLogger(__name__)

PIN_MAX_CHARS = 80  # a lower third, not a wall of text
CLOSE_UNPIN_WITHIN = 2.0  # seconds to take a pin off air at shutdown before giving up

BatchListener = Callable[[Sequence[Judged]], None]


@dataclass(frozen=True)
class FeedFilter:
    """What the feed shows: all, questions, gifts (and orders), or one product's mentions."""

    mode: str = "all"
    sku: str | None = None

    def describe(self) -> str:
        return f"product {self.sku}" if self.mode == "product" else self.mode


@dataclass(frozen=True)
class Pin:
    """A comment on air in one room until ``until`` (``time.monotonic()``)."""

    room: str
    message_id: str
    text: str
    scene: str
    seconds: int
    until: float

    def left(self, now: float | None = None) -> float:
        return max(0.0, self.until - (time.monotonic() if now is None else now))


@dataclass(frozen=True)
class Answer:
    """An FAQ answer suggested for a viewer's question (shown to the operator until the
    digital host can take it)."""

    message: Message
    suggestion: Suggestion

    def describe(self) -> str:
        """``Ann: 牛排多少钱？ → 南美草饲原切眼肉牛排 1kg: <answer>``."""
        asked = f"{self.message.user_name}: {self.message.text}"
        return f"{asked} → {self.suggestion.product}: {self.suggestion.answer}"


@dataclass(frozen=True)
class Ban:
    """What a ban did: whose message, how many held messages it rejected, and what went
    wrong taking their pinned comment off air ("" when nothing did)."""

    message: Message
    rejected: int
    problem: str


def make_source(settings: BarrageSourceSettings, sink: Sink) -> Source:
    """The source a profile entry describes, delivering to ``sink``."""
    if isinstance(settings, ReplaySourceSettings):
        return ReplaySource(
            settings.name, settings.file, settings.room, sink, settings.speed, settings.loop
        )
    if isinstance(settings, TwitchSourceSettings):
        return _ProfileTwitchSource(settings, sink)
    return WebSocketSource(settings.name, settings.url, settings.room, sink, settings.shape)


class _ProfileTwitchSource(TwitchSource):
    """Reads its token from the environment at every attempt: a missing variable shows as a
    failed source (retried rarely) instead of stopping the console."""

    def __init__(self, settings: TwitchSourceSettings, sink: Sink) -> None:
        super().__init__(
            settings.name,
            settings.channel,
            settings.room,
            sink,
            nick=settings.nick or "",
            host=settings.host,
            port=settings.port,
            tls=settings.tls,
        )
        self.settings = settings

    async def _session(self) -> str | None:
        try:
            self.token = self.settings.resolve_token()
        except MissingSecret as exc:
            raise SourceFailed(f"no token: {exc}") from None
        return await super()._session()


class BarrageService:
    """The running barrage of a show (see the module docstring)."""

    def __init__(
        self,
        profile: Profile,
        rooms: Rooms,
        log_actions: bool = True,
        interval: float = 0.02,
        remember: int = 5_000,
    ) -> None:
        settings = profile.barrage
        self.profile = profile
        self.rooms = rooms
        self.pin_seconds = settings.pin_seconds
        self.pipeline = Pipeline(settings.moderation)
        self.review = ReviewQueue()
        self.history = UserHistory()
        log_dir = settings.log_dir or profile.show.log_dir
        self.log = BarrageLog(log_path(log_dir, profile.show.title)) if log_actions else None
        self.ingest = BarrageIngest(
            self.pipeline, self.log, self.review, self.history, interval=interval
        )
        self.products = product_matcher(profile.products)
        self.faq = FaqIndex(profile.products)
        self.stats = BarrageStats(self.products)
        self.sources = [make_source(source, self.ingest.put) for source in settings.sources]
        self.selected_id: str | None = None
        self._selected: Judged | None = None  # kept while selected, however old
        self.paused = False
        self.filter = FeedFilter()
        self.pins: dict[str, Pin] = {}
        self.pin_problem = ""
        self.suggestion: Answer | None = None
        self._remember = remember
        self._recent: OrderedDict[str, Judged] = OrderedDict()
        self._settled: OrderedDict[str, Decision] = OrderedDict()  # rejected or expired
        self._observers: Observers[str] = Observers()
        self._pinners: dict[str, CommentPin] = {}
        self._pin_locks: dict[str, asyncio.Lock] = {}
        self._timers: dict[str, asyncio.TimerHandle] = {}
        self._tasks: set[asyncio.Task[Any]] = set()
        self._compiler: ThreadPoolExecutor | None = None  # made on the first reload
        # First listeners: the index knows a message before the window can select it.
        self.ingest.subscribe(self._on_batch)
        self.review.subscribe(self._on_review)

    # -- life -----------------------------------------------------------------------------

    def start(self) -> None:
        """Start every source; call on the running loop. Returns at once."""
        for source in self.sources:
            source.start()

    async def close(self) -> None:
        """Stop the sources, judge and log what is buffered, take pins off air (briefly
        trying), close the log. Call before the rooms close."""
        for source in self.sources:
            await source.close()
        self.ingest.flush()
        for timer in self._timers.values():
            timer.cancel()
        self._timers.clear()
        for room in list(self.pins):
            try:
                await asyncio.wait_for(self._clear(room), CLOSE_UNPIN_WITHIN)
            except (CommandError, TimeoutError) as exc:
                log.warning("room %s: pinned comment left on air at exit: %s", room, exc)
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._compiler is not None:
            self._compiler.shutdown(wait=True)
        if self.log is not None:
            self.log.close()

    async def reload(self, config: ModerationConfig) -> None:
        """Use new moderation rules: compiled on a worker thread (thousands of terms take a
        while), then swapped in whole between two batches. The thread is a plain Python one:
        qasync's default executor runs QThreads, which must not outlive the application."""
        if self._compiler is None:
            self._compiler = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rules")
        loop = asyncio.get_running_loop()
        rules = await loop.run_in_executor(self._compiler, RuleSet, config)
        self.pipeline.reload(rules)
        self._notify("rules")

    # -- observing ------------------------------------------------------------------------

    def subscribe(self, listener: Callable[[str], None]) -> Unsubscribe:
        """``listener(aspect)`` after each change: selected, paused, filter, pin,
        suggestion, rules."""
        return self._observers.subscribe(listener)

    def subscribe_batches(self, listener: BatchListener) -> Unsubscribe:
        """Every judged batch, in order (the feed)."""
        return self.ingest.subscribe(listener)

    def _notify(self, aspect: str) -> None:
        self._observers.notify(aspect)

    # -- looking up -----------------------------------------------------------------------

    def find(self, message_id: str) -> Judged | None:
        """A recent message, one still held (however old) or the selected one, by id."""
        found = self._recent.get(message_id) or self.review.get(message_id)
        if found is None and self._selected is not None and self._selected.message.id == message_id:
            return self._selected
        return found

    def status(self, message_id: str) -> str:
        """``held``, ``approved``, ``rejected``, ``expired`` or the pipeline's verdict."""
        if message_id in self.review:
            return "held"
        if self.review.was_approved(message_id):
            return "approved"
        settled = self._settled.get(message_id)
        if settled is not None:
            return settled.value
        judged = self.find(message_id)
        return judged.verdict.action.label if judged is not None else "unknown"

    def message(self, message_id: str | None, command: str) -> Judged:
        """The message a command acts on: ``message_id``, else the selected one."""
        key = message_id or self.selected_id
        if key is None:
            raise CommandError(
                f"{command}: no message selected (select one in the review queue or the "
                "feed, or give its id)"
            )
        judged = self.find(key)
        if judged is None:
            raise CommandError(f"{command}: message {key} is no longer in the console's memory")
        return judged

    def is_banned(self, message: Message) -> bool:
        return self.pipeline.is_banned(message.user_key) or self.pipeline.is_banned(
            message.user_name
        )

    # -- selection, pause, filter ---------------------------------------------------------

    def select(self, message_id: str | None, judged: Judged | None = None) -> None:
        """Make a message the one commands act on. The window passes the row's ``judged``:
        a feed held still by hover can show messages older than the recent index keeps."""
        if judged is None and message_id is not None:
            judged = self.find(message_id)
        self._selected = judged
        if message_id == self.selected_id:
            return
        self.selected_id = message_id
        self._notify("selected")

    def select_step(self, step: int) -> str | None:
        """Move the selection ``step`` held messages down (positive) or up; from no held
        selection, Down picks the oldest and Up the newest. Returns the new selection (None
        when nothing is held)."""
        held = [judged.message.id for judged in self.review.held()]
        if not held:
            return None
        current = self.selected_id
        if current is not None and current in self.review:
            index = held.index(current) + step
            target = held[max(0, min(len(held) - 1, index))]
        else:
            target = held[0] if step > 0 else held[-1]
        self.select(target)
        return target

    def set_paused(self, paused: bool) -> None:
        """Hold the feed still (ingestion goes on; the feed counts what waits)."""
        if paused != self.paused:
            self.paused = paused
            self._notify("paused")

    def set_filter(self, mode: str, sku: str | None = None) -> FeedFilter:
        if mode not in FILTER_MODES:
            raise CommandError(f"barrage.filter: mode must be one of {', '.join(FILTER_MODES)}")
        if mode == "product":
            if sku is None:
                raise CommandError("barrage.filter product needs sku=<product sku>")
            if sku not in {product.sku for product in self.profile.products}:
                known = ", ".join(product.sku for product in self.profile.products) or "none"
                raise CommandError(f"barrage.filter: no product {sku!r} (products: {known})")
        elif sku is not None:
            raise CommandError("barrage.filter: sku= goes with the product mode only")
        self.filter = FeedFilter(mode, sku)
        self._notify("filter")
        return self.filter

    # -- review ---------------------------------------------------------------------------

    def approve(self, message_id: str | None = None) -> Message:
        judged = self.message(message_id, "barrage.approve")
        key = judged.message.id
        try:
            message = self.review.approve(key)
        except ReviewError:
            raise CommandError(f"barrage.approve: {self._not_held(key)}") from None
        self._log_review(key, "approve")
        return message  # the selection stays: pinning is what usually follows

    def reject(self, message_id: str | None = None) -> Message:
        judged = self.message(message_id, "barrage.reject")
        key = judged.message.id
        following = self._following(key)
        try:
            message = self.review.reject(key)
        except ReviewError:
            raise CommandError(f"barrage.reject: {self._not_held(key)}") from None
        self._log_review(key, "reject")
        self._advance(key, following)
        return message

    async def ban(self, message_id: str | None = None) -> Ban:
        """Block the author's later messages and reject their held ones; take their pinned
        comment off air (a failure there is reported, the ban stands)."""
        judged = self.message(message_id, "barrage.ban")
        message = judged.message
        user = message.user_key
        following = self._following(message.id, user)
        self.pipeline.ban(user)
        rejected = self.review.reject_user(user)
        self._log_review(message.id, "ban")
        self._advance(message.id, following)
        problem = ""
        for room, pin in list(self.pins.items()):
            pinned = self.find(pin.message_id)
            if pinned is not None and pinned.message.user_key == user:
                try:
                    await self.unpin(room)
                except CommandError as exc:
                    problem = self.pin_problem = f"their comment is still on air in {room}: {exc}"
                    self._notify("pin")
        return Ban(message, len(rejected), problem)

    def _not_held(self, key: str) -> str:
        status = self.status(key)
        if status == "pass":
            return f"message {key} was not held (it passed moderation)"
        if status == "block":
            return f"message {key} was blocked: it never reaches the review queue"
        if status in ("approved", "rejected", "expired"):
            return f"message {key} was already {status}"
        return f"message {key} is not waiting for review"

    def _following(self, key: str, user: str | None = None) -> list[str] | None:
        """Held ids after ``key`` then before it (nearest first): where the selection goes
        once ``key`` (and, for a ban, the rest of ``user``'s messages) leaves the queue.
        None when ``key`` is not held: the selection then stays where it is."""
        held = self.review.held()
        ids = [judged.message.id for judged in held]
        if key not in ids:
            return None
        at = ids.index(key)
        order = held[at + 1 :] + held[:at][::-1]
        return [j.message.id for j in order if user is None or j.message.user_key != user]

    def _advance(self, key: str, following: list[str] | None) -> None:
        if following is None or self.selected_id != key:
            return
        self.select(next((i for i in following if i in self.review), None))

    def _on_review(self, change: ReviewChange) -> None:
        key = change.held.message.id
        if change.decision is Decision.HELD:
            if self.selected_id is None:
                self.select(key)  # keyboard first: something is always ready to decide
        elif change.decision in (Decision.REJECTED, Decision.EXPIRED):
            self._settled[key] = change.decision
            while len(self._settled) > self._remember:
                self._settled.popitem(last=False)

    # -- on air ---------------------------------------------------------------------------

    def check_on_air(self, judged: Judged, command: str) -> None:
        """Only approved or passed comments reach air; CommandError saying why not."""
        message, verdict = judged.message, judged.verdict
        key = message.id
        if message.kind is not Kind.COMMENT:
            raise CommandError(f"{command}: only comments can go on air, not a {message.kind}")
        if self.is_banned(message):
            raise CommandError(f"{command}: {message.user_name} is banned")
        if verdict.action is Action.BLOCK:
            raise CommandError(
                f"{command}: message {key} was blocked ({verdict.describe()}): never on air"
            )
        if verdict.action is Action.HOLD and not self.review.was_approved(key):
            status = self.status(key)
            if status == "held":
                raise CommandError(
                    f"{command}: message {key} is held for review ({verdict.rule}): "
                    "approve it first (barrage.approve)"
                )
            raise CommandError(f"{command}: message {key} was {status}, not approved")

    async def pin(self, message_id: str | None = None, seconds: int | None = None) -> Pin:
        """Show a comment on air in its room for ``seconds`` (default: the profile's)."""
        judged = self.message(message_id, "barrage.pin")
        self.check_on_air(judged, "barrage.pin")
        seconds = self.pin_seconds if seconds is None else seconds
        if not 1 <= seconds <= 3600:
            raise CommandError("barrage.pin: seconds must be 1 to 3600")
        message = judged.message
        room = message.room if message.room in self.rooms.rooms else self.rooms.selected
        text = pin_text(message)
        pinner = self._pinner(room)
        async with self._lock(room):
            scene = await pinner.show(text)
            pin = Pin(room, message.id, text, scene, seconds, time.monotonic() + seconds)
            self._set_timer(room, seconds, pin)
            self.pins[room] = pin
            self.pin_problem = ""
        self._log_review(message.id, "pin")
        self._notify("pin")
        return pin

    async def unpin(self, room: str | None = None) -> list[str]:
        """Take the pinned comment off air in ``room`` (default: every room with one, else
        the selected room); returns the rooms cleared."""
        if room is not None:
            self.rooms.link(room)  # CommandError for an unknown room
            targets = [room]
        else:
            targets = list(self.pins) or [self.rooms.selected]
        for target in targets:
            await self._clear(target)
        return targets

    async def _clear(self, room: str, only: Pin | None = None) -> None:
        """Clear ``room``'s pin (if ``only`` is given: only if that pin is still up)."""
        async with self._lock(room):
            if only is not None and self.pins.get(room) is not only:
                return  # replaced or cleared while the timer's task waited for the lock
            timer = self._timers.pop(room, None)
            if timer is not None:
                timer.cancel()
            await self._pinner(room).clear()
            pin = self.pins.pop(room, None)
            self.pin_problem = ""
        if pin is not None:
            self._log_review(pin.message_id, "unpin")
        self._notify("pin")

    def _set_timer(self, room: str, seconds: float, pin: Pin) -> None:
        old = self._timers.pop(room, None)
        if old is not None:
            old.cancel()
        loop = asyncio.get_running_loop()
        self._timers[room] = loop.call_later(seconds, self._on_pin_timer, room, pin)

    def _on_pin_timer(self, room: str, pin: Pin) -> None:
        self._timers.pop(room, None)
        self._track(self._expire(room, pin), f"barrage-unpin-{room}")

    async def _expire(self, room: str, pin: Pin) -> None:
        try:
            await self._clear(room, only=pin)
        except CommandError as exc:
            self.pin_problem = f"room {room}: could not take the pinned comment off air: {exc}"
            log.warning("%s", self.pin_problem)
            self._notify("pin")

    def _pinner(self, room: str) -> CommentPin:
        pinner = self._pinners.get(room)
        if pinner is None:
            link = self.rooms.link(room)
            settings = self.rooms.rooms[room]
            pinner = CommentPin(
                link,
                settings.comment_source,
                lambda: settings.scenes.host or link.state.program or None,
            )
            self._pinners[room] = pinner
        return pinner

    def _lock(self, room: str) -> asyncio.Lock:
        lock = self._pin_locks.get(room)
        if lock is None:
            lock = self._pin_locks[room] = asyncio.Lock()
        return lock

    # -- answers --------------------------------------------------------------------------

    def answer(self, message_id: str | None = None, sku: str | None = None) -> Answer:
        """The FAQ answer for a question, suggested to the operator (and later the host)."""
        judged = self.message(message_id, "barrage.answer")
        self.check_on_air(judged, "barrage.answer")
        mentioned = self.products.mentions(judged.normalised)
        try:
            suggestion = self.faq.answer(judged.normalised, mentioned, sku)
        except NoAnswer as exc:
            raise CommandError(f"barrage.answer: {exc}") from None
        self.suggestion = Answer(judged.message, suggestion)
        self._log_review(judged.message.id, "answer")
        self._notify("suggestion")
        return self.suggestion

    # -- plumbing -------------------------------------------------------------------------

    def _on_batch(self, batch: Sequence[Judged]) -> None:
        self.stats.add(batch)
        recent = self._recent
        recent.update((judged.message.id, judged) for judged in batch)
        excess = len(recent) - self._remember
        for _ in range(max(0, excess)):
            recent.popitem(last=False)

    def _log_review(self, message_id: str, decision: str) -> None:
        if self.log is None:
            return
        try:
            self.log.write_review(message_id, decision)
        except (OSError, ValueError) as exc:
            log.error("barrage log: cannot record %s of %s: %s", decision, message_id, exc)

    def _track(self, coro: Any, name: str) -> None:
        task = asyncio.get_running_loop().create_task(coro, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._on_task_done)

    def _on_task_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("task %s failed", task.get_name(), exc_info=task.exception())


def pin_text(message: Message) -> str:
    """``<nick>: <text>`` on one line, cut to ``PIN_MAX_CHARS``."""
    line = " ".join(f"{message.user_name}: {message.text}".split())
    return line if len(line) <= PIN_MAX_CHARS else line[: PIN_MAX_CHARS - 1] + "…"
