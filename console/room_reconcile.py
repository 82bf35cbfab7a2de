"""After a room's OBS comes back, what it has on air compared with what the show had.

OBS may have restarted (its saved collection back on program, the slide source pointing
elsewhere or gone), or only the link dropped (nothing changed). ``Reconciliation``
remembers what the show had on air while the link was up: the program scene, the slide
the console pushed, the comment it pinned (and, after a restart, the host's queue, held).
On reconnect it reads OBS's own state and lists every difference in words for the
operator; ``restore`` puts the show's state back with one command. Nothing is changed on
air by itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from console.barrage.on_air import PinnedComment
from console.commands import CommandError
from console.host.host import RoomHost
from console.obs.errors import RESOURCE_NOT_FOUND, RequestFailed
from console.obs.link import ObsLink
from console.obs.state import LinkPhase, RoomState
from console.obs.visibility import shown_in
from console.observers import Observers, Unsubscribe
from console.show.slides import SlidePusher
from console.tasks import TaskSet
from console.text import Text


class Room(Protocol):
    """What reconciliation needs of a room's runtime (``console.room.RoomRuntime``)."""

    id: str
    state: RoomState
    link: ObsLink
    pin: PinnedComment
    host: RoomHost | None

    @property
    def has_slides(self) -> bool: ...

    @property
    def slides(self) -> SlidePusher: ...


@dataclass(frozen=True)
class Difference:
    """One thing OBS shows otherwise than the show had it."""

    what: str
    """``program``, ``slide``, ``pin`` or ``host``."""
    text: str


class Reconciliation:
    """What the show had on air in one room, and how OBS differs after a reconnect."""

    def __init__(self, room: Room) -> None:
        self.room = room
        self.program: str | None = None
        """The program scene OBS last confirmed while the link was up."""
        self.differences: list[Difference] = []
        self._was_connected = False
        self._tasks = TaskSet()
        self._observers: Observers[Reconciliation] = Observers()
        room.state.subscribe(self._on_state_changed)

    def subscribe(self, listener: Callable[[Reconciliation], None]) -> Unsubscribe:
        return self._observers.subscribe(listener)

    def adopt(self, program: str | None) -> None:
        """What a restored show had on program: compared with OBS at the first connect."""
        self.program = program
        self._was_connected = True

    def _on_state_changed(self, aspect: str) -> None:
        state = self.room.state
        connected = state.link.phase is LinkPhase.CONNECTED
        if aspect == "program" and connected:
            if not self.differences:
                self.program = state.program or None
            else:
                self._tasks.spawn(self.compare(), f"reconcile-{self.room.id}")
        elif aspect == "link":
            if connected and self._was_connected:
                self._tasks.spawn(self.compare(), f"reconcile-{self.room.id}")
            elif connected:
                self.program = state.program or None
            self._was_connected = self._was_connected or connected

    async def compare(self) -> list[Difference]:
        """Read OBS's state and list how it differs from the show's."""
        room = self.room
        found: list[Difference] = []
        try:
            program = room.state.program
            if self.program and program != self.program:
                found.append(
                    Difference(
                        "program",
                        Text("restore", "OBS is on {program!r}; the show was on {show!r}").format(
                            program=program, show=self.program
                        ),
                    )
                )
            if room.has_slides and room.slides.on_air is not None:
                problem = await self._slide_problem()
                if problem:
                    found.append(Difference("slide", problem))
            pin = room.pin.current
            if pin is not None and not await shown_in(room.link, program, room.pin.output.source):
                off_air = Text("restore", "the pinned comment is not on air: {comment}")
                found.append(Difference("pin", off_air.format(comment=pin.text)))
            host = room.host
            if host is not None and host.held:
                titles = ", ".join(line.title for line in host.queue.waiting)
                waits = Text("restore", "the host's queue waits, held since the restart: {titles}")
                found.append(Difference("host", waits.format(titles=titles)))
        except CommandError as exc:  # the link dropped again: the next connect compares
            failed = Text("restore", "could not compare with OBS: {error}")
            found = [Difference("link", failed.format(error=exc.text))]
        self.differences = found
        if not found:
            self.program = room.state.program or None
        self._observers.notify(self)
        return found

    async def _slide_problem(self) -> str:
        room = self.room
        pusher = room.slides
        product, last = pusher.on_air, pusher.last
        assert product is not None
        try:
            settings = await room.link.request("GetInputSettings", inputName=pusher.source)
        except RequestFailed as exc:
            if exc.code != RESOURCE_NOT_FOUND:
                raise
            return Text(
                "restore", "OBS has no {source!r} source; the show had {product} on air"
            ).format(source=pusher.source, product=product.name)
        shown = settings.get("inputSettings", {}).get("file")
        if last is None or shown != str(last.path):
            return Text(
                "restore", "OBS's slide is not {product}'s, which the show had on air"
            ).format(product=product.name)
        if not await shown_in(room.link, pusher.scene, pusher.source):
            return Text("restore", "{product}'s slide is hidden in {scene!r}").format(
                product=product.name, scene=pusher.scene
            )
        return ""

    async def restore(self) -> list[str]:
        """Put the show's state back in OBS: program scene, slide, pinned comment; let the
        host's restored queue air."""
        room = self.room
        done: list[str] = []
        for difference in list(self.differences):
            if difference.what == "program" and self.program:
                await room.link.request("SetCurrentProgramScene", sceneName=self.program)
                done.append(Text("restore", "program {scene}").format(scene=self.program))
            elif difference.what == "slide":
                product = room.slides.on_air
                if product is not None:
                    await room.slides.show(product, override=True)  # it was approved before
                    done.append(Text("restore", "slide {sku}").format(sku=product.sku))
            elif difference.what == "pin":
                pin = room.pin.current
                if pin is not None:
                    left = max(1, round(pin.left()))
                    await room.pin.show(pin.message, left)
                    done.append(
                        Text("restore", "pinned comment for {seconds} s").format(seconds=left)
                    )
            elif difference.what == "host" and room.host is not None:
                lines = len(room.host.queue)
                done.append(
                    Text("restore", "host queue of 1 line")
                    if lines == 1
                    else Text("restore", "host queue of {count} lines").format(count=lines)
                )
                room.host.release()
        self.differences = []
        self._observers.notify(self)
        return done

    async def close(self) -> None:
        await self._tasks.cancel()
