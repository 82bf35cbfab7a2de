"""The barrage of one show, running: sources → ingest (moderation) → review, log, stats.

``BarrageService`` is built from a validated profile and the show's rooms. It wires the
parts, each of which holds one responsibility:

- the sources (each attached to a room or to all) and ``BarrageIngest`` with the
  moderation ``Pipeline``, judging a batch at a time;
- the ``Moderator``: review decisions on the ``ReviewQueue``, releases from the
  ``BlockedList`` (every blocked message, kept with its rule and span) and the show's
  moderation decisions (bans hold in every room);
- ``BarrageStats``, users' recent messages, the per-show JSONL log;
- pins, which belong to the rooms (each room's ``PinnedComment``);
- the FAQ answer suggested for a viewer's question.

What the window shows of the feed (the selected message, pause, filter) is the window's
own state, passed to commands in their context. No Qt here.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from console.barrage.answers import FaqIndex, NoAnswer, Suggestion, product_matcher
from console.barrage.blocked import BlockedList
from console.barrage.config import ModerationConfig
from console.barrage.decisions import LocalDecisions, ModerationDecisions
from console.barrage.identity import holds
from console.barrage.ingest import BarrageIngest
from console.barrage.log import BarrageLog, log_path
from console.barrage.message import Message
from console.barrage.moderator import Ban, Moderator
from console.barrage.on_air import Pin, PinnedComment
from console.barrage.pipeline import Pipeline
from console.barrage.review import ReviewQueue, UserHistory
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
from console.commands import CommandError, ErrorCode
from console.observers import Observers, Unsubscribe
from console.profile import (
    BarrageSourceSettings,
    MissingSecret,
    Profile,
    ReplaySourceSettings,
    TwitchSourceSettings,
)
from console.room import RoomSet

BatchListener = Callable[[Sequence[Judged]], None]


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
        rooms: RoomSet,
        log_actions: bool = True,
        interval: float = 0.02,
        remember: int = 5_000,
        decisions: ModerationDecisions | None = None,
    ) -> None:
        settings = profile.barrage
        self.profile = profile
        self.rooms = rooms
        self.pin_seconds = settings.pin_seconds
        self.decisions = decisions or LocalDecisions(settings.moderation)
        self.pipeline = Pipeline(settings.moderation, self.decisions)
        self.review = ReviewQueue()
        self.history = UserHistory()
        log_dir = settings.log_dir or profile.show.log_dir
        self.log = (
            BarrageLog(log_path(log_dir, profile.show.title), max_bytes=profile.show.log_max_bytes)
            if log_actions
            else None
        )
        self.blocked = BlockedList()
        self.moderator = Moderator(self.review, self.decisions, self.blocked, self.log, remember)
        self.ingest = BarrageIngest(
            self.pipeline, self.log, self.review, self.history, interval=interval
        )
        self.products = product_matcher(profile.products)
        self.faq = FaqIndex(profile.products)
        self.stats = BarrageStats(self.products, blocked=self.blocked)
        self.sources = [make_source(source, self.ingest.put) for source in settings.sources]
        for source in self.sources:
            source.pace = self.ingest.room  # a burst waits in the socket, not in memory
        self.suggestion: Answer | None = None
        self._observers: Observers[str] = Observers()
        self._compiler: ThreadPoolExecutor | None = None  # made on the first reload
        self._pinned: dict[str, Pin | None] = {room.id: None for room in rooms}
        # First listeners: the moderator knows a message before the window can select it.
        self.ingest.subscribe(self._on_batch)
        for room in rooms:
            room.pin.subscribe(self._on_pin_changed)

    # -- life -----------------------------------------------------------------------------

    def start(self) -> None:
        """Start every source; call on the running loop. Returns at once."""
        for source in self.sources:
            source.start()

    async def close(self) -> None:
        """Stop the sources, judge and log what is buffered, close the log."""
        for source in self.sources:
            await source.close()
        self.ingest.flush()
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
        self.decisions.set_config(config)
        self._notify("rules")

    # -- observing ------------------------------------------------------------------------

    def subscribe(self, listener: Callable[[str], None]) -> Unsubscribe:
        """``listener(aspect)`` after each change: pin, suggestion, rules."""
        return self._observers.subscribe(listener)

    def subscribe_batches(self, listener: BatchListener) -> Unsubscribe:
        """Every judged batch, in order (the feed)."""
        return self.ingest.subscribe(listener)

    def _notify(self, aspect: str) -> None:
        self._observers.notify(aspect)

    # -- on air ---------------------------------------------------------------------------

    def pins(self) -> list[Pin]:
        """The comments on air, room by room."""
        return [room.pin.current for room in self.rooms if room.pin.current is not None]

    def pin_problems(self) -> list[str]:
        return [room.pin.problem for room in self.rooms if room.pin.problem]

    async def pin(self, room: str | None, message_id: str | None, seconds: int | None) -> Pin:
        """Show a comment on air in ``room`` for ``seconds`` (default: the profile's)."""
        judged = self.moderator.message(message_id, "barrage.pin")
        self.moderator.check_on_air(judged, "barrage.pin")
        seconds = self.pin_seconds if seconds is None else seconds
        if not 1 <= seconds <= 3600:
            raise CommandError("barrage.pin: seconds must be 1 to 3600", ErrorCode.BAD_ARGUMENT)
        pin = await self.rooms.get(room).pin.show(judged.message, seconds)
        self.moderator.record(judged.message.id, "pin")
        return pin

    async def unpin(self, room: str | None) -> Pin | None:
        return await self.rooms.get(room).pin.clear()

    async def ban(self, message_id: str | None) -> tuple[Ban, list[str]]:
        """Ban a message's author in every room; take their pinned comments off air. A
        failure there is reported (the second item: what is still on air), the ban stands."""
        judged = self.moderator.message(message_id, "barrage.ban")
        ban = self.moderator.ban(judged)
        problems = []
        for room in self.rooms:
            pinned = room.pin.current
            if pinned is not None and holds(ban.user, pinned.message):
                try:
                    await room.pin.clear(only=pinned)
                except CommandError as exc:
                    problems.append(f"their comment is still on air in {room.id}: {exc}")
        return ban, problems

    def _on_pin_changed(self, pinned: PinnedComment) -> None:
        before = self._pinned.get(pinned.room)
        if before is not None and pinned.current is not before:
            self.moderator.record(before.message_id, "unpin")
        self._pinned[pinned.room] = pinned.current
        self._notify("pin")

    # -- answers --------------------------------------------------------------------------

    def answer(self, message_id: str | None = None, sku: str | None = None) -> Answer:
        """The FAQ answer for a question, suggested to the operator (and later the host)."""
        judged = self.moderator.message(message_id, "barrage.answer")
        self.moderator.check_on_air(judged, "barrage.answer")
        mentioned = self.products.mentions(judged.normalised)
        try:
            suggestion = self.faq.answer(judged.normalised, mentioned, sku)
        except NoAnswer as exc:
            raise CommandError(f"barrage.answer: {exc}", ErrorCode.NOT_FOUND) from None
        self.suggestion = Answer(judged.message, suggestion)
        self.moderator.record(judged.message.id, "answer")
        self._notify("suggestion")
        return self.suggestion

    # -- plumbing -------------------------------------------------------------------------

    def _on_batch(self, batch: Sequence[Judged]) -> None:
        self.moderator.on_batch(batch)
        blocked = self.blocked
        for judged in batch:
            if judged.verdict.action is Action.BLOCK:
                blocked.add(judged)
        self.stats.add(batch)
