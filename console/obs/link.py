"""The life of one room's link to OBS: connect, resync, watch, reconnect.

Runs on the asyncio loop; every obs-websocket-py call goes to the room's single worker
thread, so requests are serialised and nothing blocks the GUI thread. Events and close
notices from the library's receive thread are only handed to the loop. Reconnecting is the
console's one reconnecting loop (``console.reconnect``); one attempt here opens a session,
resyncs the mirror and watches the link until it dies.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
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
    HandshakeTimeout,
    LinkDown,
    NotAnswering,
    RequestFailed,
)
from console.obs.session import ObsSession, answer_data
from console.obs.state import LinkPhase, LinkState, RoomState, Stats
from console.observers import Unsubscribe
from console.reconnect import Backoff, Outcome, Phase, Reconnector, Retry, Status, Stop
from console.tasks import TaskSet, hand_over
from console.text import Text

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

    @property
    def backoff(self) -> Backoff:
        """Waits between failed attempts: from ``backoff_base`` doubling to ``backoff_cap``."""
        return Backoff(self.backoff_base, self.backoff_cap)


# How the loop's phases show on the room's link.
_LINK_PHASES = {
    Phase.IDLE: LinkPhase.CONNECTING,
    Phase.CONNECTING: LinkPhase.CONNECTING,
    Phase.CONNECTED: LinkPhase.CONNECTED,
    Phase.RECONNECTING: LinkPhase.RECONNECTING,
    Phase.FAILED: LinkPhase.FAILED,
    Phase.FINISHED: LinkPhase.CLOSED,
    Phase.CLOSED: LinkPhase.CLOSED,
}


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
        self._reconnector = Reconnector(
            f"obs-link-{room_id}", self._attempt, self._on_status, self.timing.backoff
        )
        self._tasks = TaskSet(quiet=(LinkDown,))  # resyncs: a link gone meanwhile is no bug
        self._silent_since: float | None = None  # OBS's last answer, while it says nothing
        self._last_answer: float | None = None
        self._resync_task: asyncio.Task[str] | None = None
        self._listeners: list[EventListener] = []

    # -- public ---------------------------------------------------------------------------

    def start(self) -> None:
        """Start (or restart) the connect/watch/reconnect loop; only one ever runs."""
        self._reconnector.start()

    def reconnect_now(self) -> None:
        """Skip the wait before the next attempt, or restart a link that gave up."""
        self._reconnector.retry_now()

    def add_event_listener(self, listener: EventListener) -> Unsubscribe:
        """``listener(name, data)`` for every OBS event, on the loop; returns how to stop."""
        self._listeners.append(listener)

        def remove() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return remove

    @property
    def connected(self) -> bool:
        return self.state.link.phase is LinkPhase.CONNECTED

    async def request(self, name: str, reply_within: float | None = None, **data: Any) -> Any:
        """Send a request to OBS; retry while OBS is still loading (207 NotReady)."""
        session = self._session
        if session is None or not self.connected:
            raise LinkDown(
                Text("link", "room {room} is not connected ({link})").format(
                    room=self.room_id, link=self.state.link.describe()
                )
            )
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
            hand_over(loop, settle, result)

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
            raise NotAnswering(
                Text("link", "OBS did not answer {request} within {seconds} s").format(
                    request=name, seconds=f"{within:g}"
                )
            ) from None
        if result is None:
            failure = sent.exception() if sent.done() and not sent.cancelled() else None
            if failure is not None:
                raise failure  # the send itself failed: say why
            raise LinkDown(
                Text("link", "the link to OBS was lost during {request}").format(request=name)
            )
        self._last_answer = time.monotonic()
        return answer_data(name, result)

    async def close(self) -> None:
        """Stop the loop and close the connection; the link is not used afterwards.

        Ending the attempt under way closes a connected session politely (``_serve`` closes
        it on the worker) and frees an attempt still connecting (``_open`` aborts its
        socket); the loop cancels until it has ended, and ``_watch`` stops on ``stopping``.
        """
        await self._reconnector.close()
        await self._tasks.cancel()
        self._worker.shutdown(wait=False)

    # -- one attempt ----------------------------------------------------------------------

    async def _attempt(self) -> Outcome:
        """Connect, resync and serve until the link dies; say what the loop does next."""
        try:
            session = await self._open()
        except AuthFailed as exc:
            reason = (
                Text("link", "{reason} {note}").format(reason=exc.text, note=self._password_note)
                if self._password_note
                else exc.text
            )
            return Retry(reason, after=self.timing.auth_retry, failed=True)
        except ConnectFailed as exc:
            self._heard(silent=isinstance(exc, HandshakeTimeout))
            return Retry(exc.text)
        reason = await self._serve(session)
        if session.close_code == CLOSE_SESSION_INVALIDATED:
            # Another client took this session over: reconnecting would fight it.
            return Stop(
                Text("link", "{reason}; not reconnecting").format(reason=reason), failed=True
            )
        return Retry(reason)

    def _heard(self, silent: bool) -> None:
        """Note how the last attempt ended: OBS silent (frozen, or the link half-open), or
        heard from (a refusal, a close). A silence is dated from the last answer OBS gave."""
        if not silent:
            self._silent_since = None
        elif self._silent_since is None:
            self._silent_since = self._last_answer or time.monotonic()

    def _on_status(self, status: Status) -> None:
        phase = _LINK_PHASES[status.phase]
        if phase is LinkPhase.CONNECTED:
            self._silent_since = None
            link = LinkState(phase, obs_version=status.reason)  # the attempt's note
        else:
            link = LinkState(
                phase, status.reason, retry_at=status.retry_at, silent_since=self._silent_since
            )
        self.state.set_link(link)

    async def _open(self) -> ObsSession:
        loop = asyncio.get_running_loop()
        self._generation += 1
        generation = self._generation

        def on_event(name: str, data: dict[str, Any]) -> None:
            hand_over(loop, self._on_event, generation, name, data)

        def on_closed(code: int | None, reason: str) -> None:
            hand_over(loop, self._on_closed, generation, code, reason)

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
            self._reconnector.progress("loading OBS state")
            version = await self._resync_now(session)
            self._reconnector.connected(version)
            log.info("room %s connected to OBS %s", self.room_id, version)
            return await self._watch(session)
        except LinkDown as exc:
            self._heard(silent=isinstance(exc, NotAnswering))
            return (session.close_reason and _describe_close(session)) or exc.text
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
        while not self._reconnector.stopping:
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
                    "video": await ask("GetVideoSettings"),
                }
                break
            except RequestFailed as exc:
                if exc.code != NOT_READY or time.monotonic() > deadline:
                    raise LinkDown(f"cannot read OBS state: {exc}") from None
                await asyncio.sleep(0.2)  # OBS still loading its collection
        self.state.load(snapshot)
        return str(version.get("obsVersion", "?"))

    # -- handed over from the receive thread ----------------------------------------------

    def _on_event(self, generation: int, name: str, data: dict[str, Any]) -> None:
        if generation != self._generation:
            return  # a late event of a session already replaced
        if not self.state.apply(name, data):
            self._schedule_resync()
        for listener in list(self._listeners):  # a listener may remove itself
            listener(name, data)

    def _on_closed(self, generation: int, code: int | None, reason: str) -> None:
        if generation == self._generation:
            self._lost.set()

    def _schedule_resync(self) -> None:
        session = self._session
        if session is None or (self._resync_task is not None and not self._resync_task.done()):
            return
        self._resync_task = self._tasks.spawn(
            self._resync_now(session), name=f"obs-resync-{self.room_id}"
        )


def _describe_close(session: ObsSession) -> str:
    if session.close_code == CLOSE_GOING_AWAY:
        return Text("link", "OBS closed")
    if session.close_code == CLOSE_SESSION_INVALIDATED:
        return Text("link", "another client invalidated this session")
    if session.close_code is not None:
        return Text("link", "OBS closed the link ({code}: {reason})").format(
            code=session.close_code, reason=session.close_reason or Text("link", "no reason")
        )
    return session.close_reason or Text("link", "link lost")
