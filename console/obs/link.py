"""The life of one room's link to OBS: connect, resync, watch, reconnect.

Runs on the asyncio loop; every obs-websocket-py call goes to the room's single worker
thread, so requests are serialised and nothing blocks the GUI thread. Events and close
notices from the library's receive thread are only handed to the loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from console.obs.errors import (
    CLOSE_GOING_AWAY,
    CLOSE_SESSION_INVALIDATED,
    NOT_READY,
    AuthFailed,
    ConnectFailed,
    LinkDown,
    RequestFailed,
)
from console.obs.session import ObsSession, answer_data
from console.obs.state import LinkPhase, LinkState, RoomState, Stats

log = logging.getLogger(__name__)

EventListener = Callable[[str, dict[str, Any]], None]


@dataclass(frozen=True)
class LinkTiming:
    """Deadlines and intervals of the link, in seconds."""

    connect_deadline: float = 5.0
    request_timeout: float = 5.0
    heartbeat_interval: float = 1.0
    heartbeat_timeout: float = 2.5
    backoff_base: float = 0.5
    backoff_cap: float = 10.0
    auth_retry: float = 60.0
    not_ready_patience: float = 10.0


def backoff_delay(attempt: int, timing: LinkTiming) -> float:
    """Exponential backoff with jitter: half the step fixed, half random."""
    step = min(timing.backoff_cap, timing.backoff_base * 2**attempt)
    return float(step / 2 + random.uniform(0, step / 2))


class ObsLink:
    """Keeps one room connected to its OBS and its ``RoomState`` mirror current."""

    def __init__(
        self,
        room_id: str,
        host: str,
        port: int,
        password: str,
        state: RoomState,
        timing: LinkTiming | None = None,
        password_note: str = "",
    ) -> None:
        self.room_id = room_id
        self.host = host
        self.port = port
        self.state = state
        self.timing = timing or LinkTiming()
        self._password = password
        self._password_note = password_note
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"obs-{room_id}")
        self._session: ObsSession | None = None
        self._generation = 0
        self._lost = asyncio.Event()
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._resync_task: asyncio.Task[None] | None = None
        self._listeners: list[EventListener] = []
        self._closing = False

    # -- public ---------------------------------------------------------------------------

    def start(self) -> None:
        """Start (or restart) the connect/watch/reconnect loop; only one ever runs."""
        if self._task is not None and not self._task.done():
            self._task.cancel()
        self._task = asyncio.get_running_loop().create_task(
            self._run(), name=f"obs-link-{self.room_id}"
        )
        self._task.add_done_callback(_report_crash)

    def reconnect_now(self) -> None:
        """Skip the wait before the next attempt, or restart a link that gave up."""
        if self._task is None or self._task.done():
            self.start()
        else:
            self._wake.set()

    def add_event_listener(self, listener: EventListener) -> None:
        self._listeners.append(listener)

    @property
    def connected(self) -> bool:
        return self.state.link.phase is LinkPhase.CONNECTED

    async def request(self, name: str, reply_within: float | None = None, **data: Any) -> Any:
        """Send a request to OBS; retry while OBS is still loading (207 NotReady)."""
        session = self._session
        if session is None or not self.connected:
            raise LinkDown(f"room {self.room_id} is not connected ({self.state.link.describe()})")
        deadline = time.monotonic() + self.timing.not_ready_patience
        while True:
            try:
                return await self._ask(session, name, data, reply_within)
            except RequestFailed as exc:
                if exc.code != NOT_READY or time.monotonic() > deadline:
                    raise
            await asyncio.sleep(0.1)  # OBS said NotReady: it is still loading

    async def _ask(
        self, session: ObsSession, name: str, data: dict[str, Any], within: float | None
    ) -> Any:
        """One request: sent by the worker thread, answered straight onto the loop."""
        loop = asyncio.get_running_loop()
        answer: asyncio.Future[dict[str, Any] | None] = loop.create_future()

        def settle(result: dict[str, Any] | None) -> None:
            if not answer.done():
                answer.set_result(result)

        def on_answer(result: dict[str, Any] | None) -> None:
            _hand_over(loop, settle, result)

        def on_sent(sending: asyncio.Future[str]) -> None:
            if sending.cancelled() or sending.exception() is not None:
                settle(None)  # nothing is coming: stop waiting at once

        sent = asyncio.wrap_future(self._worker.submit(session.send, name, data, on_answer))
        sent.add_done_callback(on_sent)
        within = self.timing.request_timeout if within is None else within
        try:
            result = await asyncio.wait_for(answer, within)
        except TimeoutError:
            if sent.done() and not sent.cancelled() and sent.exception() is None:
                session.forget(sent.result())
            else:
                sent.cancel()
            raise LinkDown(f"OBS did not answer {name} within {within:g} s") from None
        if result is None:
            failure = sent.exception() if sent.done() and not sent.cancelled() else None
            if failure is not None:
                raise failure  # the send itself failed: say why
            raise LinkDown(f"the link to OBS was lost during {name}")
        return answer_data(name, result)

    async def close(self) -> None:
        """Stop the loop and close the connection; the link is not used afterwards.

        Cancelling the loop ends a connected session politely (``_serve`` closes it on the
        worker) and frees an attempt still connecting (``_open`` aborts its socket).
        """
        self._closing = True
        task = self._task
        while task is not None and not task.done():
            # Python 3.11's wait_for can swallow a cancellation that races with the inner
            # future finishing; the loops also check _closing, and we cancel until it ends.
            task.cancel()
            await asyncio.wait({task}, timeout=0.5)
        if task is not None and not task.cancelled():
            with contextlib.suppress(asyncio.CancelledError):
                task.result()
        if self._resync_task is not None:
            self._resync_task.cancel()
        self._worker.shutdown(wait=False)
        self._set_link(LinkState(LinkPhase.CLOSED, "closed"))

    # -- the loop -------------------------------------------------------------------------

    async def _run(self) -> None:
        attempt = 0
        while not self._closing:
            self._set_link(LinkState(LinkPhase.CONNECTING))
            try:
                session = await self._open()
            except AuthFailed as exc:
                reason = f"{exc} {self._password_note}".strip()
                await self._wait(LinkPhase.FAILED, reason, self.timing.auth_retry)
                continue
            except ConnectFailed as exc:
                delay = backoff_delay(attempt, self.timing)
                await self._wait(LinkPhase.RECONNECTING, str(exc), delay)
                attempt += 1
                continue
            reason = await self._serve(session)
            attempt = 0
            if session.close_code == CLOSE_SESSION_INVALIDATED:
                # Another client took this session over: reconnecting would fight it.
                self._set_link(LinkState(LinkPhase.FAILED, f"{reason}; not reconnecting"))
                return
            await self._wait(LinkPhase.RECONNECTING, reason, backoff_delay(0, self.timing))

    async def _open(self) -> ObsSession:
        loop = asyncio.get_running_loop()
        self._generation += 1
        generation = self._generation

        def on_event(name: str, data: dict[str, Any]) -> None:
            _hand_over(loop, self._on_event, generation, name, data)

        def on_closed(code: int | None, reason: str) -> None:
            _hand_over(loop, self._on_closed, generation, code, reason)

        session = ObsSession(
            self.host, self.port, self._password, on_event, on_closed, self.timing.request_timeout
        )
        self._lost.clear()
        self._session = session
        try:
            await loop.run_in_executor(self._worker, session.open, self.timing.connect_deadline)
        except BaseException:
            self._session = None
            session.abort()
            raise
        return session

    async def _serve(self, session: ObsSession) -> str:
        """Resync, then watch the link until it dies; return why it died."""
        try:
            self._set_link(LinkState(LinkPhase.CONNECTING, "loading OBS state"))
            version = await self._resync_now(session)
            self._set_link(LinkState(LinkPhase.CONNECTED, obs_version=version))
            log.info("room %s connected to OBS %s", self.room_id, version)
            return await self._watch(session)
        except LinkDown as exc:
            return (session.close_reason and _describe_close(session)) or str(exc)
        finally:
            self._session = None
            if self._resync_task is not None:
                self._resync_task.cancel()
            await self._disconnect(session)

    async def _disconnect(self, session: ObsSession) -> None:
        """Close politely on the worker; if it is stuck (a send into a dead socket), shut
        the socket down from here, which frees it."""
        closing = asyncio.get_running_loop().run_in_executor(self._worker, session.disconnect)
        try:
            await asyncio.wait_for(asyncio.shield(closing), self.timing.heartbeat_timeout)
        except TimeoutError:
            session.abort()
            await closing

    async def _watch(self, session: ObsSession) -> str:
        while not self._closing:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._lost.wait(), self.timing.heartbeat_interval)
            if self._lost.is_set() or not session.alive:
                return _describe_close(session)
            if self.state.collection_switching:
                continue  # requests during a collection switch can crash OBS
            try:
                await self._poll_stats()
            except RequestFailed as exc:
                log.warning("room %s: stats poll refused: %s", self.room_id, exc)
        return "closed"

    async def _poll_stats(self) -> None:
        """The heartbeat: a dead or half-open link fails here within the heartbeat timeout."""
        within = self.timing.heartbeat_timeout
        stats = await self.request("GetStats", reply_within=within)
        stream = await self.request("GetStreamStatus", reply_within=within)
        record = await self.request("GetRecordStatus", reply_within=within)
        self.state.stats = Stats(
            fps=float(stats.get("activeFps", 0.0)),
            cpu=float(stats.get("cpuUsage", 0.0)),
            render_skipped=int(stats.get("renderSkippedFrames", 0)),
            render_total=int(stats.get("renderTotalFrames", 0)),
            output_skipped=int(stats.get("outputSkippedFrames", 0)),
            output_total=int(stats.get("outputTotalFrames", 0)),
            streaming=bool(stream.get("outputActive")),
            recording=bool(record.get("outputActive")),
            stream_timecode=str(stream.get("outputTimecode", "")),
            record_timecode=str(record.get("outputTimecode", "")),
        )
        self.state.changed("stats")

    async def _resync(self, session: ObsSession) -> None:
        await self._resync_now(session)

    async def _resync_now(self, session: ObsSession) -> str:
        async def ask(name: str) -> Any:
            return await self._ask(session, name, {}, None)

        deadline = time.monotonic() + self.timing.not_ready_patience
        while True:
            try:
                version = await ask("GetVersion")
                snapshot = {
                    "scenes": await ask("GetSceneList"),
                    "studio": await ask("GetStudioModeEnabled"),
                    "inputs": (await ask("GetInputList")).get("inputs", []),
                    "transitions": await ask("GetSceneTransitionList"),
                    "transition": await ask("GetCurrentSceneTransition"),
                }
                break
            except RequestFailed as exc:
                if exc.code != NOT_READY or time.monotonic() > deadline:
                    raise LinkDown(f"cannot read OBS state: {exc}") from None
                await asyncio.sleep(0.2)  # OBS still loading its collection
        self.state.load(snapshot)
        return str(version.get("obsVersion", "?"))

    async def _wait(self, phase: LinkPhase, reason: str, delay: float) -> None:
        self._set_link(LinkState(phase, reason, retry_at=time.monotonic() + delay))
        log.info("room %s: %s; next attempt in %.1f s", self.room_id, reason, delay)
        self._wake.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), delay)

    # -- handed over from the receive thread ----------------------------------------------

    def _on_event(self, generation: int, name: str, data: dict[str, Any]) -> None:
        if generation != self._generation:
            return  # a late event of a session already replaced
        if not self.state.apply(name, data):
            self._schedule_resync()
        for listener in self._listeners:
            listener(name, data)

    def _on_closed(self, generation: int, code: int | None, reason: str) -> None:
        if generation == self._generation:
            self._lost.set()

    def _schedule_resync(self) -> None:
        session = self._session
        if session is None or (self._resync_task is not None and not self._resync_task.done()):
            return
        self._resync_task = asyncio.get_running_loop().create_task(self._resync(session))
        self._resync_task.add_done_callback(_report_crash)

    def _set_link(self, link: LinkState) -> None:
        self.state.set_link(link)


def _describe_close(session: ObsSession) -> str:
    if session.close_code == CLOSE_GOING_AWAY:
        return "OBS closed"
    if session.close_code == CLOSE_SESSION_INVALIDATED:
        return "another client invalidated this session"
    if session.close_code is not None:
        return f"OBS closed the link ({session.close_code}: {session.close_reason or 'no reason'})"
    return session.close_reason or "link lost"


def _hand_over(loop: asyncio.AbstractEventLoop, callback: Callable[..., None], *args: Any) -> None:
    """From the library's thread to the loop; never raise into that thread."""
    with contextlib.suppress(RuntimeError):  # the loop is closed: the console is exiting
        loop.call_soon_threadsafe(callback, *args)


def _report_crash(task: asyncio.Task[Any]) -> None:
    if task.cancelled():
        return
    exc = task.exception()
    if exc is not None and not isinstance(exc, LinkDown):
        log.error("task %s failed", task.get_name(), exc_info=exc)
