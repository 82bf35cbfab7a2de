"""The show's products and rundown (show-wide), and the slides of each room, behind the
``slide.*``, ``product.*`` and ``rundown.*`` commands."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

from console.commands import (
    CommandError,
    CommandRegistry,
    Context,
    ErrorCode,
    Result,
    across,
    target_rooms,
)
from console.obs.link import ObsLink
from console.obs.state import LinkPhase
from console.observers import Observers, Unsubscribe
from console.profile import Profile, ProfileError, Room
from console.profile.edit import product_mapping, rundown_mapping, save_section
from console.room import RoomSet
from console.show.edits import new_product, with_field
from console.show.product import Product
from console.show.rundown import Rundown
from console.show.slides import PushedSlide, SlidePusher
from console.tasks import TaskSet
from console.text import Text

log = logging.getLogger(__name__)


def slide_pusher(
    profile: Profile, room: Room, products: dict[str, Product], **options: Any
) -> Callable[[ObsLink], SlidePusher]:
    """How a room's runtime makes its slide pusher: the room's sources, the show's
    prohibited terms, and the live catalogue (edits reach a slide on air)."""

    def make(link: ObsLink) -> SlidePusher:
        return SlidePusher(
            link,
            source=room.slide_source,
            scene=room.scenes.product or "Product",
            terms=profile.compliance,
            lookup=products.get,
            layout=room.layout,
            **options,
        )

    return make


class ShowService:
    """Catalogue and rundown position, and what the slide and rundown commands do."""

    def __init__(self, profile: Profile, rooms: RoomSet, products: dict[str, Product]) -> None:
        self.profile = profile
        self.rooms = rooms
        self.products = products
        """The live catalogue, shared with the rooms' slide pushers."""
        self.rundown = Rundown.of(profile.rundown)
        self.last_save_error = ""
        self._background = TaskSet()
        self._observers: Observers[str] = Observers()
        self._editing = asyncio.Lock()
        # The profile is written off the GUI thread, by a plain Python thread: the loop's
        # default executor is made of QThreads, which must not outlive the application.
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="profile-writer")
        for room in rooms:
            room.state.subscribe(partial(self.on_room_changed, room.id))

    def bind(self, registry: CommandRegistry) -> None:
        handlers: dict[str, Callable[..., Any]] = {
            "slide.show": self.slide_show,
            "slide.hide": self.slide_hide,
            "product.set": self.product_set,
            "product.add": self.product_add,
            "product.move": self.product_move,
            "slide.next": lambda context: self._step_slide(context, 1),
            "slide.prev": lambda context: self._step_slide(context, -1),
            "rundown.next": lambda context, room=None: self._step_rundown(context, 1, room),
            "rundown.prev": lambda context, room=None: self._step_rundown(context, -1, room),
            "rundown.goto": self.rundown_goto,
            "rundown.move": self.rundown_move,
        }
        for name, handler in handlers.items():
            registry.bind(name, handler)

    async def saved(self) -> None:
        """Wait for the background work: slides drawn ahead."""
        await self._background.drain()

    async def close(self) -> None:
        await self.saved()
        self._writer.shutdown(wait=True)

    def product(self, sku: str) -> Product:
        try:
            return self.products[sku]
        except KeyError:
            known = ", ".join(self.products) or "none in this profile"
            raise CommandError(
                f"no product {sku!r} (products: {known})", ErrorCode.NOT_FOUND
            ) from None

    def subscribe(self, listener: Callable[[str], None]) -> Unsubscribe:
        """``listener("products")`` after the catalogue changed."""
        return self._observers.subscribe(listener)

    # -- slides ---------------------------------------------------------------------------

    async def slide_show(
        self,
        context: Context,
        sku: str,
        override: bool | None = None,
        switch: bool | None = None,
    ) -> Result:
        product = self.product(sku)
        pusher = self.rooms.get(context.room).slides
        pushed = await pusher.show(product, override=bool(override), switch=bool(switch))
        return _pushed(product, pushed, bool(override))

    async def slide_hide(self, context: Context) -> Result:
        await self.rooms.get(context.room).slides.hide()
        return Result(Text("show", "slide hidden"), {"slide": None})

    async def _step_slide(self, context: Context, step: int) -> Result:
        order = [item.sku for item in self.rundown.items() if item.sku is not None]
        order = order or list(self.products)
        if not order:
            raise CommandError("this profile has no products", ErrorCode.NOT_FOUND)
        on_air = self.rooms.get(context.room).slides.on_air
        if on_air is not None and on_air.sku in order:
            index = (order.index(on_air.sku) + step) % len(order)
        else:
            index = 0 if step > 0 else len(order) - 1
        return await self.slide_show(context, order[index])

    # -- the catalogue --------------------------------------------------------------------

    async def product_set(self, context: Context, sku: str, field: str, value: str) -> Result:
        """Change a product, save it to the profile (atomically), refresh its slide."""
        async with self._editing:  # each edit starts from the one before it
            changed = with_field(self.product(sku), field, value, self._base)
            await self._save_products({**self.products, sku: changed})
        for room in self.rooms:
            if room.has_slides:
                room.slides.update(changed)
        return Result(
            f"{sku} {field} = {value or '(cleared)'}; saved to {self.profile.path.name}",
            {"sku": sku, "field": field, "value": value},
        )

    async def product_add(self, context: Context, sku: str, name: str, price: str) -> Result:
        async with self._editing:
            if sku in self.products:
                raise CommandError(f"product.add: {sku} already exists", ErrorCode.REFUSED)
            await self._save_products({**self.products, sku: new_product(sku, name, price)})
        return Result(f"{sku} added; saved to {self.profile.path.name}", {"sku": sku})

    async def product_move(self, context: Context, sku: str, position: int) -> Result:
        async with self._editing:
            self.product(sku)
            order = [key for key in self.products if key != sku]
            index = max(0, min(len(order), position - 1))
            order.insert(index, sku)
            await self._save_products({key: self.products[key] for key in order})
        return Result(
            f"{sku} moved to {index + 1}; saved to {self.profile.path.name}",
            {"sku": sku, "position": index + 1},
        )

    async def _save_products(self, products: dict[str, Product]) -> None:
        """Write the catalogue to the profile, then make it the one in use."""
        await self._save("products", [product_mapping(p, self._base) for p in products.values()])
        self.products.clear()
        self.products.update(products)
        self._observers.notify("products")

    # -- the rundown ----------------------------------------------------------------------

    def _index(self, item: str) -> int:
        try:
            index = self.rundown.find(item)
        except KeyError:
            titles = ", ".join(entry.item.title for entry in self.rundown.entries)
            raise CommandError(
                f"no rundown item {item!r} (items: {titles})", ErrorCode.NOT_FOUND
            ) from None
        if not 0 <= index < len(self.rundown.entries):
            raise CommandError(
                f"rundown has items 1 to {len(self.rundown.entries)}", ErrorCode.NOT_FOUND
            )
        return index

    async def rundown_goto(self, context: Context, item: str, room: str | None = None) -> Result:
        return await self._go(context, self._index(item), room)

    async def _step_rundown(self, context: Context, step: int, room: str | None) -> Result:
        if not self.rundown.entries:
            raise CommandError(Text("show", "this profile has no rundown"), ErrorCode.NOT_FOUND)
        index = self.rundown.current + step
        if not 0 <= index < len(self.rundown.entries):
            at = (
                Text("show", "already at the end of the rundown")
                if step > 0
                else Text("show", "already at the start of the rundown")
            )
            raise CommandError(at, ErrorCode.REFUSED)
        return await self._go(context, index, room)

    async def _go(self, context: Context, index: int, room: str | None) -> Result:
        """Move the rundown once, then show a product item's slide in the rooms named."""
        rooms: Sequence[str] = ()
        item = self.rundown.entries[index].item
        if item.sku is not None:
            rooms = target_rooms(room, context, self.rooms.ids)  # before moving: may raise
        self.rundown.go(index)
        said = Text("show", "rundown {number}: {item}").format(number=index + 1, item=item.title)
        data: dict[str, Any] = {"index": index + 1, "title": item.title}
        if item.sku is None:
            return Result(said, data)
        sku = item.sku
        shown = await across(rooms, context, lambda c: self.slide_show(c, sku))
        both = Text("show", "{rundown}; {slide}").format(rundown=said, slide=shown.message)
        return Result(both, {**data, **shown.data}, shown.outcomes)

    async def rundown_move(self, context: Context, item: str, position: int) -> Result:
        """Reorder the rundown (a drag in the window) and save it to the profile."""
        source = self._index(item)
        target = max(0, min(len(self.rundown.entries) - 1, position - 1))
        async with self._editing:
            moved = self.rundown.entries[source].item
            order = [entry.item for entry in self.rundown.entries]
            order.insert(target, order.pop(source))
            await self._save("rundown", [rundown_mapping(i) for i in order])
            self.rundown.move(source, target)
        return Result(
            f"rundown: {moved.title} moved to {target + 1}; saved to {self.profile.path.name}",
            {"title": moved.title, "position": target + 1},
        )

    # -- drawing ahead --------------------------------------------------------------------

    def on_room_changed(self, room_id: str, aspect: str) -> None:
        """On each (re)connect, draw the rundown's slides ahead of time, so that going to
        a product item costs a file write and one request."""
        room = self.rooms.get(room_id)
        if aspect != "link" or room.state.link.phase is not LinkPhase.CONNECTED:
            return
        if not room.has_slides:
            return
        skus = [item.sku for item in self.rundown.items() if item.sku is not None]
        products = [self.products[sku] for sku in dict.fromkeys(skus) if sku in self.products]
        self._background.spawn(self._prepare(room_id, products), f"slides-ahead-{room_id}")

    async def _prepare(self, room_id: str, products: list[Product]) -> None:
        try:
            await self.rooms.get(room_id).slides.prepare(products)
        except CommandError as exc:  # OBS went away meanwhile: the next show draws anew
            log.info("room %s: slides not prepared: %s", room_id, exc)

    # -- saving to the profile -------------------------------------------------------------

    @property
    def _base(self) -> Path:
        return self.profile.path.parent

    async def _save(self, key: str, value: Any) -> None:
        loop = asyncio.get_running_loop()
        try:
            await loop.run_in_executor(self._writer, save_section, self.profile.path, key, value)
        except ProfileError as exc:
            self.last_save_error = f"not saved to {self.profile.path.name}: {exc}"
            raise CommandError(self.last_save_error, ErrorCode.FAILED) from None
        self.last_save_error = ""


def _pushed(product: Product, pushed: PushedSlide, override: bool) -> Result:
    said = Text("show", "slide {sku} on air ({ms} ms to OBS)").format(
        sku=product.sku, ms=f"{pushed.accepted_ms:.0f}"
    )
    if override:
        said = Text("show", "{said} (compliance override)").format(said=said)
    return Result(
        said,
        {"slide": product.sku, "accepted_ms": round(pushed.accepted_ms, 1), "override": override},
    )
