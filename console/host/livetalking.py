"""The ``livetalking`` engine: the open-source real-time digital human, driven over HTTP.

LiveTalking's video is already a source in OBS; the console sends it text to say and asks
whether it is still speaking. Its quirks, contained here:

- errors arrive as HTTP 200 with ``{"code": -1, "msg": ...}``: every answer's code is read;
- session ids are strings in current versions and integers before April 2026, and each
  answers "not found" to the other's type: on that answer the other type is tried once and
  kept for the rest of the show;
- there is no reliable end event (SSE ``end`` may never come after an interrupt), so the end
  of a line is ``/is_speaking`` turning false, polled, under a deadline;
- an interruption leaves about a second of rendered frames playing: a stop waits, polling,
  until the engine says it is silent.

Every request has a timeout; a refused connection, a timeout, an HTTP error or an error
answer becomes an :class:`~console.host.engine.EngineError` the operator reads, and a
line whose engine dies ends as failed: the queue never waits on a dead engine.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import Any

import aiohttp

from console.host.engine import EngineError, Playback, Take
from console.host.lines import Line
from console.profile.host_model import LiveTalking
from console.tasks import TaskSet

log = logging.getLogger(__name__)

START_PATIENCE = 3.0  # seconds the engine gets to start speaking before a line counts as said
SILENCE_PATIENCE = 4.0  # seconds an interrupted engine gets to fall silent


class LiveTalkingEngine:
    """Speaks lines through a LiveTalking server (see the module docstring)."""

    name = "livetalking"

    def __init__(
        self,
        settings: LiveTalking,
        session: Callable[[], aiohttp.ClientSession] = aiohttp.ClientSession,
    ) -> None:
        self.settings = settings
        self.url = settings.url.rstrip("/")
        self.session_id: str | int = settings.session
        self._make_session = session
        self._http: aiohttp.ClientSession | None = None
        self._playing: Playback | None = None
        self._tasks = TaskSet()

    async def prepare(self, line: Line) -> Take:
        if not line.text:
            raise EngineError(f"{line.title}: LiveTalking speaks text; this line has none")
        return Take(line, text=line.text)

    async def start(self, take: Take) -> Playback:
        assert take.text is not None
        body = {"text": take.text, "type": "echo", "interrupt": True}
        await self.call("/human", body)
        playback = Playback(take, asyncio.get_running_loop().create_future())
        self._playing = playback
        self._tasks.spawn(self._until_silent(playback), "livetalking-line")
        return playback

    async def stop(self) -> None:
        self._playing = None
        await self.call("/interrupt_talk", {})
        deadline = time.monotonic() + SILENCE_PATIENCE
        while await self.speaking():
            if time.monotonic() > deadline:
                raise EngineError(
                    f"LiveTalking still speaking {SILENCE_PATIENCE:g} s after the interruption"
                )
            await asyncio.sleep(self.settings.poll_ms / 1000)  # no event to wait for

    async def ahead(self, lines: list[Line]) -> int:
        return 0  # the engine renders in real time: nothing to make ahead

    async def close(self) -> None:
        await self._tasks.cancel()
        if self._http is not None:
            await self._http.close()
            self._http = None

    async def speaking(self) -> bool:
        return bool(await self.call("/is_speaking", {}))

    # -- one line to its end --------------------------------------------------------------

    async def _until_silent(self, playback: Playback) -> None:
        """Resolve the playback once the engine stopped speaking (or fail it)."""
        poll = self.settings.poll_ms / 1000
        started = time.monotonic()
        seen = False
        try:
            while self._playing is playback:
                speaking = await self.speaking()
                seen = seen or speaking
                elapsed = time.monotonic() - started
                if (seen and not speaking) or (not seen and elapsed > START_PATIENCE):
                    break
                if elapsed > self.settings.max_line_s:
                    raise EngineError(
                        f"LiveTalking still speaking after {self.settings.max_line_s:g} s"
                    )
                await asyncio.sleep(poll)  # LiveTalking's end events are unreliable
        except EngineError as exc:
            if not playback.ended.done():
                playback.ended.set_exception(exc)
            return
        if self._playing is playback:
            self._playing = None
            if not playback.ended.done():
                playback.ended.set_result(None)

    # -- the protocol ---------------------------------------------------------------------

    async def call(self, path: str, body: dict[str, Any]) -> Any:
        """POST ``body`` (with the session id) to ``path``; the answer's ``data``."""
        answer = await self._post(path, {"sessionid": self.session_id, **body})
        if answer.get("code") == 0:
            return answer.get("data")
        message = str(answer.get("msg") or answer)
        other = _other_type(self.session_id)
        if "not found" in message.lower() and other is not None:
            retried = await self._post(path, {**body, "sessionid": other})
            if retried.get("code") == 0:
                log.info("LiveTalking takes session ids as %s", type(other).__name__)
                self.session_id = other
                return retried.get("data")
        raise EngineError(f"LiveTalking refused {path}: {message}")

    async def _post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        if self._http is None:
            self._http = self._make_session()
        timeout = aiohttp.ClientTimeout(total=self.settings.timeout_s)
        url = self.url + path
        try:
            async with self._http.post(url, json=body, timeout=timeout) as reply:
                if reply.status != 200:
                    text = (await reply.text())[:200]
                    raise EngineError(f"LiveTalking answered HTTP {reply.status} to {path}: {text}")
                data = await reply.json(content_type=None)
        except TimeoutError:
            raise EngineError(
                f"LiveTalking at {self.url} did not answer {path} within "
                f"{self.settings.timeout_s:g} s"
            ) from None
        except aiohttp.ClientConnectorError as exc:
            raise EngineError(f"cannot reach LiveTalking at {self.url}: {exc.os_error}") from None
        except (aiohttp.ClientError, ValueError) as exc:
            raise EngineError(f"LiveTalking's answer to {path} unreadable: {exc}") from None
        if not isinstance(data, dict):
            raise EngineError(f"LiveTalking's answer to {path} is not an object: {data!r:.80}")
        return data


def _other_type(session: str | int) -> str | int | None:
    """The same session id in the other version's type, if it has one."""
    if isinstance(session, int):
        return str(session)
    return int(session) if session.isdigit() else None
