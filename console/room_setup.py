"""``obs.check`` and ``obs.setup`` in one room: what its show needs in its OBS, from the profile.

The show needs, in this order (``console.obs.setup`` makes them in it):

- the overlay scene (``layout.overlay_scene``) with the pinned comment's text source in the
  comment region (hidden until a pin) and, when the room has a host, the AI label in the
  label region;
- each show scene the room names (opening, host, product, break; the product scene is
  ``Product`` when none is named, as for the slide pusher), holding, bottom to top, the
  host's media in the host region where ``layout.host_in`` shows the host (for engines
  that play through OBS), the product slide in the slide region of the product scene
  (hidden until a push), and the overlay scene nested over the whole canvas, so the
  comment and the label show whichever show scene is on program.

The inputs are made with the specs and settings their own features use (the slide pusher,
the pin, the host's media and label), in the regions of the layout for OBS's canvas,
landscape or portrait. When the room connects, and whenever OBS's scene list changes, the
check runs by itself and what it finds missing is offered to the operator; nothing is
created without ``obs.setup``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from console.barrage.pin import comment_spec, text_settings
from console.commands import CommandError, CommandRegistry, Context, Result
from console.host.label import label_settings, label_spec
from console.host.media import media_spec
from console.obs.inputs import Canvas
from console.obs.layout import box
from console.obs.link import ObsLink
from console.obs.setup import Applied, Piece, SceneNeeds, Survey, set_up, survey
from console.obs.state import LinkPhase
from console.observers import Observers, Unsubscribe
from console.profile import Room
from console.profile.layout_model import ROLES
from console.show.slide_source import slide_spec
from console.tasks import TaskSet
from console.text import Listed, Text

log = logging.getLogger(__name__)

DEFAULT_PRODUCT_SCENE = "Product"


def show_needs(room: Room, has_host: bool) -> Callable[[Canvas], list[SceneNeeds]]:
    """What ``room``'s show needs in OBS on a canvas (see the module docstring)."""
    layout = room.layout

    def needs(canvas: Canvas) -> list[SceneNeeds]:
        overlays = [
            Piece(
                room.comment_source,
                box(layout, "comment", canvas),
                comment_spec(room.comment_source),
                lambda canvas: text_settings("", canvas, layout),
                enabled=False,
            )
        ]
        if has_host:
            host = room.host
            overlays.append(
                Piece(
                    host.label_source,
                    box(layout, "label", canvas),
                    label_spec(host.label_source),
                    lambda canvas: label_settings(host.label_text, canvas),
                )
            )
        scenes = [SceneNeeds(layout.overlay_scene, tuple(overlays))]
        pieces: dict[str, list[Piece]] = {}
        for role, scene in _show_scenes(room):
            held = pieces.setdefault(scene, [])
            if has_host and room.host.engine != "livetalking" and role in layout.host_in:
                source = room.host.media_source
                held.append(Piece(source, box(layout, "host", canvas), media_spec(source)))
            if role == "product":
                source = room.slide_source
                slide = Piece(
                    source, box(layout, "slide", canvas), slide_spec(source), enabled=False
                )
                held.append(slide)
        for scene, held in pieces.items():
            unique = list({piece.name: piece for piece in held}.values())
            nested = Piece(layout.overlay_scene)
            scenes.append(SceneNeeds(scene, (*unique, nested)))
        return scenes

    return needs


def _show_scenes(room: Room) -> list[tuple[str, str]]:
    """(role, scene) of each show scene the room has, in the order of ``ROLES``."""
    named = {
        "opening": room.scenes.opening,
        "host": room.scenes.host,
        "product": room.scenes.product or DEFAULT_PRODUCT_SCENE,
        "break": room.scenes.break_,
    }
    return [(role, scene) for role in ROLES if (scene := named[role])]


class RoomSetup:
    """One room's check of its OBS against the show's needs, kept current while connected."""

    def __init__(self, room: Room, link: ObsLink, has_host: bool) -> None:
        self.room_id = room.id
        self.link = link
        self.needs = show_needs(room, has_host)
        self.survey: Survey | None = None
        """The last check while connected (None: not checked, or the link is down)."""
        self._asked = 0  # checks started; only the latest one's answer is kept
        self._checking: asyncio.Task[None] | None = None
        self._check_again = False
        self._tasks = TaskSet()
        self._observers: Observers[RoomSetup] = Observers()
        link.state.subscribe(self._on_state_changed)

    def subscribe(self, listener: Callable[[RoomSetup], None]) -> Unsubscribe:
        return self._observers.subscribe(listener)

    @property
    def missing(self) -> list[str]:
        return [] if self.survey is None else self.survey.missing

    async def check(self) -> Survey:
        """Read OBS and compare it with what the show needs; nothing is changed."""
        self._asked += 1
        asked = self._asked
        found = await survey(self.link, self.needs)
        if asked == self._asked:
            self.survey = found
            self._observers.notify(self)
        return found

    async def set_up(self) -> Applied:
        """Create what the show needs and OBS lacks, then check again."""
        applied = await set_up(self.link, self.needs)
        await self.check()
        return applied

    def _on_state_changed(self, aspect: str) -> None:
        connected = self.link.state.link.phase is LinkPhase.CONNECTED
        if aspect == "link" and not connected:
            self._asked += 1  # a check under way answers for a link that is gone
            self.survey = None
            self._observers.notify(self)
        elif aspect in ("link", "scenes") and connected:
            self._recheck()

    def _recheck(self) -> None:
        """Check by itself, one check at a time (another follows if asked meanwhile: setup
        creating six scenes is six scene-list changes, and two checks)."""
        if self._checking is not None and not self._checking.done():
            self._check_again = True
            return
        self._checking = self._tasks.spawn(self._check_quietly(), f"obs-check-{self.room_id}")

    async def _check_quietly(self) -> None:
        """A link that drops meanwhile is no failure: the next connect checks again."""
        while True:
            self._check_again = False
            try:
                await self.check()
            except CommandError as exc:
                log.info("room %s: OBS not checked against the show: %s", self.room_id, exc)
            if not self._check_again:
                return

    async def close(self) -> None:
        await self._tasks.cancel()


SetupOf = Callable[[str | None], RoomSetup]


def bind(registry: CommandRegistry, setup_of: SetupOf) -> None:
    """Attach ``obs.check`` and ``obs.setup``; ``setup_of(room)`` is a room's setup."""

    async def obs_check(context: Context) -> Result:
        setup = setup_of(context.room)
        found = await setup.check()
        if not found.missing and not found.different:
            message = Text("setup", "room {room}: OBS has everything the show needs").format(
                room=setup.room_id
            )
        else:
            parts = [
                Text("setup", "missing: {items}").format(items=Listed(found.missing, ", "))
                if found.missing
                else "",
                Text("setup", "different: {items}").format(items=Listed(found.different, ", "))
                if found.different
                else "",
            ]
            message = _in_room(setup.room_id, Listed([part for part in parts if part]))
        return Result(message, found.data())

    async def obs_setup(context: Context) -> Result:
        setup = setup_of(context.room)
        applied = await setup.set_up()
        created = applied.created
        left = applied.survey.different
        parts: list[str] = [
            Text("setup", "created {count}: {items}").format(
                count=len(created), items=Listed(created, ", ")
            )
            if created
            else Text("setup", "nothing to create")
        ]
        if left:
            parts.append(
                Text("setup", "left as they are: {items}").format(items=Listed(left, ", "))
            )
        message = _in_room(setup.room_id, Listed(parts))
        return Result(message, {"created": created, "different": left, **_canvas(applied)})

    registry.bind("obs.check", obs_check)
    registry.bind("obs.setup", obs_setup)


def _in_room(room: str, said: str) -> Text:
    return Text("setup", "room {room}: {said}").format(room=room, said=said)


def _canvas(applied: Applied) -> dict[str, list[int]]:
    return {"canvas": list(applied.survey.canvas)}
