"""Live monitors of one room's program and preview, made from OBS's own screenshots.

Each bus has a :class:`BusMonitor` that asks OBS for a screenshot of the scene on that bus
(``GetSourceScreenshot`` of the program scene, and of the preview scene while studio mode is
on, as the room's mirror knows them from OBS's events) a few times a second, scaled by OBS to
the width it is shown at. It asks only while all of this holds: someone sees the monitor
(the window says so, and says when it is hidden, minimised or out of view), the link is up,
no scene collection is being switched (requests then can crash OBS) and there is a scene on
the bus. At most one screenshot is in flight per monitor: a tick that comes while the last
one is still on its way is dropped, never queued, so a slow OBS gets fewer requests, not a
backlog.

Nothing of it runs on the GUI thread but the bookkeeping: the request goes out on the link's
worker and comes back on the library's receive thread, and the image (base64 JPEG) is decoded
into a ``QImage`` on the room's own decoder thread; the window only draws it.

What a monitor may claim is :meth:`BusMonitor.status`: a frame is live only when it shows
the scene now on the bus, came on the current connection and is recent; otherwise it is
stale (drawn dimmed, with its age), and with the link down there is no signal.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import enum
import logging
import math
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass

from PySide6.QtGui import QImage

from console.obs.errors import LinkDown, RequestFailed
from console.obs.link import ObsLink
from console.obs.state import LinkPhase
from console.observers import Observers, Unsubscribe
from console.profile.monitors import Monitors
from console.tasks import TaskSet

log = logging.getLogger(__name__)

IMAGE_FORMAT = "jpg"  # measured: a fraction of PNG's encoding time in OBS, and smaller
JPEG_QUALITY = 75
MIN_WIDTH = 8  # obs-websocket's smallest screenshot
MAX_WIDTH = 1920
ANSWER_WITHIN = 2.0  # seconds a screenshot may take before the tick is given up
STALE_PERIODS = 2.5  # a frame older than this many periods is stale...
STALE_AT_LEAST = 1.5  # ...and never sooner than this many seconds
_SHOWN_ASPECTS = frozenset({"link", "scenes", "program", "preview", "studio"})


class Bus(enum.StrEnum):
    PROGRAM = "program"
    PREVIEW = "preview"


class Status(enum.Enum):
    """What a monitor may show, by what OBS confirmed."""

    LIVE = "live"  # a recent frame of the scene on the bus, from the current connection
    STALE = "stale"  # the last frame, older than that or of another scene: marked, dimmed
    WAITING = "waiting"  # the link is up, no frame of this connection yet
    OFF = "off"  # nothing on the bus (the preview while studio mode is off)
    NO_SIGNAL = "no signal"  # the link is down


@dataclass(frozen=True)
class Frame:
    """One screenshot of a bus."""

    scene: str
    image: QImage
    connection: int
    """Which connection of the link it came on (see ``BusMonitor.connection``)."""
    asked_at: float
    """``time.monotonic()`` when it was asked for: OBS rendered it after that."""
    arrived_at: float
    """``time.monotonic()`` when it was decoded, ready to draw."""

    def age(self, now: float) -> float:
        return now - self.asked_at


def decode(data_uri: str) -> QImage:
    """The image of a ``data:image/...;base64,...`` URI; ValueError if it holds none."""
    _, comma, payload = data_uri.partition(",")
    try:
        data = base64.b64decode(payload, validate=True)
    except binascii.Error as exc:
        raise ValueError(f"not base64: {exc}") from None
    image = QImage.fromData(data)
    if not comma or image.isNull():
        raise ValueError(f"no image in the screenshot ({data_uri[:30]!r}…)")
    return image


def request_width(pixels: float) -> int:
    """The width to ask OBS for, for a monitor ``pixels`` wide on screen: exactly that, so
    the frame is drawn as it comes (scaling it at each paint costs ten times the paint)."""
    return int(min(MAX_WIDTH, max(MIN_WIDTH, round(pixels))))


class BusMonitor:
    """One bus of one room, refreshed at ``fps`` while someone sees it."""

    def __init__(self, bus: Bus, link: ObsLink, fps: float, decoder: Executor) -> None:
        self.bus = bus
        self.fps = fps
        self.state = link.state
        self.frame: Frame | None = None
        """The last frame received (shown live or marked, see :meth:`status`)."""
        self.asked = 0
        """Screenshots asked of OBS, since the start."""
        self.dropped = 0
        """Ticks skipped because the screenshot before was still on its way."""
        self._link = link
        self._decoder = decoder
        self.connection = 0
        """How many times the link has connected: a frame of an earlier connection is from
        before a drop, and never live again."""
        self._viewers: dict[object, int] = {}  # who sees the monitor -> its width in pixels
        self._connected = False
        self._ready = asyncio.Event()
        self._changes: Observers[Frame | None] = Observers()
        self._tasks = TaskSet()
        self._count_connection()
        self.state.subscribe(self._on_state_changed)

    # -- what is shown ---------------------------------------------------------------------

    @property
    def scene(self) -> str | None:
        """The scene OBS has on this bus, by its events; None when nothing may be asked."""
        state = self.state
        if state.link.phase is not LinkPhase.CONNECTED or state.collection_switching:
            return None
        if self.bus is Bus.PREVIEW:
            return (state.preview or None) if state.studio_mode else None
        return state.program or None

    @property
    def stale_after(self) -> float:
        """Seconds after which a frame no longer counts as live."""
        return max(STALE_AT_LEAST, STALE_PERIODS / self.fps) if self.fps > 0 else math.inf

    def status(self, now: float) -> Status:
        if self.state.link.phase is not LinkPhase.CONNECTED:
            return Status.NO_SIGNAL
        scene, frame = self.scene, self.frame
        if frame is not None and frame.connection == self.connection and frame.scene == scene:
            return Status.LIVE if frame.age(now) <= self.stale_after else Status.STALE
        if scene is None:
            return Status.OFF
        return Status.WAITING if frame is None else Status.STALE

    def subscribe(self, listener: Callable[[Frame | None], None]) -> Unsubscribe:
        """``listener(frame)`` for each new frame, ``listener(None)`` when the bus, its
        scene or the link changed."""
        return self._changes.subscribe(listener)

    # -- who sees it ----------------------------------------------------------------------

    def seen(self, viewer: object, width: int) -> None:
        """``viewer`` shows the monitor ``width`` pixels wide; 0: it does not show it now."""
        if width > 0:
            self._viewers[viewer] = width
        else:
            self._viewers.pop(viewer, None)
        self._update()

    @property
    def width(self) -> int:
        """The width to ask for: the widest viewer's (0: nobody sees the monitor)."""
        return max(self._viewers.values(), default=0)

    def _update(self) -> None:
        if self.fps > 0 and self.width > 0 and self.scene is not None:
            self._ready.set()
        else:
            self._ready.clear()

    def _on_state_changed(self, aspect: str) -> None:
        if aspect not in _SHOWN_ASPECTS:
            return
        self._count_connection()
        self._update()
        self._changes.notify(None)

    def _count_connection(self) -> None:
        connected = self.state.link.phase is LinkPhase.CONNECTED
        if connected and not self._connected:
            self.connection += 1
        self._connected = connected

    # -- the loop -------------------------------------------------------------------------

    def start(self) -> None:
        if self.fps > 0:
            self._tasks.spawn(self._run(), name=f"monitor-{self._link.room_id}-{self.bus}")

    async def close(self) -> None:
        await self._tasks.cancel()

    async def _run(self) -> None:
        period = 1.0 / self.fps
        due = time.monotonic()
        while True:
            if not self._ready.is_set():
                await self._ready.wait()
                due = time.monotonic()  # a fresh start, not a backlog of ticks
            delay = due - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)  # the next tick
                continue  # hidden, or the link lost, meanwhile: ask nothing
            scene, width = self.scene, self.width
            if scene is None or width == 0:  # a collection switch began (no change notice)
                self._ready.clear()
                continue
            await self._fetch(scene, width)
            due += period
            late = time.monotonic() - due
            if late > 0:  # the screenshot took longer than a period: skip those ticks
                missed = math.floor(late / period) + 1
                self.dropped += missed
                due += missed * period

    async def _fetch(self, scene: str, width: int) -> None:
        asked, connection = time.monotonic(), self.connection
        self.asked += 1
        try:
            answer = await self._link.request(
                "GetSourceScreenshot",
                reply_within=ANSWER_WITHIN,
                sourceName=scene,
                imageFormat=IMAGE_FORMAT,
                imageWidth=width,
                imageCompressionQuality=JPEG_QUALITY,
            )
            loop = asyncio.get_running_loop()
            image = await loop.run_in_executor(self._decoder, decode, str(answer["imageData"]))
        except LinkDown:
            return  # the link says so itself; the monitor shows no signal
        except (RequestFailed, KeyError, ValueError) as exc:
            # A scene removed or renamed a moment ago, or a screenshot OBS could not make.
            log.info("room %s: %s monitor: %s", self._link.room_id, self.bus, exc)
            return
        self.frame = Frame(scene, image, connection, asked, time.monotonic())
        self._changes.notify(self.frame)


class RoomMonitors:
    """A room's program and preview monitors and the thread that decodes their frames."""

    def __init__(self, link: ObsLink, settings: Monitors) -> None:
        self.settings = settings
        self._decoder = ThreadPoolExecutor(1, thread_name_prefix=f"monitor-{link.room_id}")
        self.program = BusMonitor(Bus.PROGRAM, link, settings.fps, self._decoder)
        self.preview = BusMonitor(Bus.PREVIEW, link, settings.fps, self._decoder)

    def __iter__(self) -> Iterator[BusMonitor]:
        return iter((self.program, self.preview))

    def start(self) -> None:
        for monitor in self:
            monitor.start()

    async def close(self) -> None:
        for monitor in self:
            await monitor.close()
        self._decoder.shutdown(wait=False)
