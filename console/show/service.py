"""The show's products and rundown, with one slide pusher per room, behind the commands."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

from console.commands import CommandError, CommandRegistry
from console.obs.rooms import Rooms
from console.obs.state import LinkPhase
from console.observers import Observers, Unsubscribe
from console.profile import Profile, ProfileError
from console.profile.edit import product_mapping, rundown_mapping, save_section
from console.show.edits import new_product, with_field
from console.show.fonts import FontMissing
from console.show.product import Product
from console.show.rundown import Rundown
from console.show.slides import PushedSlide, SlidePusher

log = logging.getLogger(__name__)


class ShowService:
    """Catalogue, rundown position and slide pushers; what ``slide.*`` and ``rundown.*`` do."""

    def __init__(self, profile: Profile, rooms: Rooms, **pusher_options: Any) -> None:
        self.profile = profile
        self.rooms = rooms
        self.products = {product.sku: product for product in profile.products}
        self.rundown = Rundown.of(profile.rundown)
        self.pushers: dict[str, SlidePusher] = {}
        self.unavailable = ""
        self.last_save_error = ""
        self._background: set[asyncio.Task[None]] = set()
        self._observers: Observers[str] = Observers()
        self._editing = asyncio.Lock()
        # The profile is written off the GUI thread, by a plain Python thread: the loop's
        # default executor is made of QThreads, which must not outlive the application.
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="profile-writer")
        self.rundown.subscribe(self.on_rundown_changed)
        try:
            for room in profile.rooms:
                self.pushers[room.id] = SlidePusher(
                    rooms.links[room.id],
                    source=room.slide_source,
                    scene=room.scenes.product or "Product",
                    terms=profile.compliance,
                    lookup=self.products.get,
                    **pusher_options,
                )
            for room_id in self.pushers:
                state = rooms.states[room_id]
                state.subscribe(partial(self.on_room_changed, room_id))
        except FontMissing as exc:
            # The window still opens: scenes work, slides say why they cannot.
            self.unavailable = f"slides unavailable: {exc}"
            log.error("%s", self.unavailable)

    def bind(self, registry: CommandRegistry) -> None:
        handlers: dict[str, Callable[..., Any]] = {
            "slide.show": self.slide_show,
            "slide.hide": self.slide_hide,
            "product.set": self.product_set,
            "product.add": self.product_add,
            "product.move": self.product_move,
            "slide.next": lambda room=None: self._step_slide(1, room),
            "slide.prev": lambda room=None: self._step_slide(-1, room),
            "rundown.next": lambda room=None: self._step_rundown(1, room),
            "rundown.prev": lambda room=None: self._step_rundown(-1, room),
            "rundown.goto": self.rundown_goto,
        }
        for name, handler in handlers.items():
            registry.bind(name, handler)

    async def saved(self) -> None:
        """Wait for the background work: saves (a rundown drag) and slides drawn ahead."""
        while self._background:
            await asyncio.gather(*self._background, return_exceptions=True)

    async def close(self) -> None:
        await self.saved()
        self._writer.shutdown(wait=True)
        for pusher in self.pushers.values():
            await pusher.close()

    def pusher(self, room: str | None) -> SlidePusher:
        if self.unavailable:
            raise CommandError(self.unavailable)
        link = self.rooms.link(room)  # raises for an unknown room
        return self.pushers[link.room_id]

    def product(self, sku: str) -> Product:
        try:
            return self.products[sku]
        except KeyError:
            known = ", ".join(self.products) or "none in this profile"
            raise CommandError(f"no product {sku!r} (products: {known})") from None

    # -- commands -------------------------------------------------------------------------

    async def slide_show(
        self,
        sku: str,
        room: str | None = None,
        override: bool | None = None,
        switch: bool | None = None,
    ) -> str:
        product = self.product(sku)
        pushed = await self.pusher(room).show(product, override=bool(override), switch=bool(switch))
        return _pushed(product, pushed) + (" (compliance override)" if override else "")

    async def product_set(self, sku: str, field: str, value: str) -> str:
        """Change a product, save it to the profile (atomically), refresh its slide."""
        async with self._editing:  # each edit starts from the one before it
            changed = with_field(self.product(sku), field, value, self._base)
            await self._save_products({**self.products, sku: changed})
        for pusher in self.pushers.values():
            pusher.update(changed)
        return f"{sku} {field} = {value or '(cleared)'}; saved to {self.profile.path.name}"

    async def product_add(self, sku: str, name: str, price: str) -> str:
        async with self._editing:
            if sku in self.products:
                raise CommandError(f"product.add: {sku} already exists")
            await self._save_products({**self.products, sku: new_product(sku, name, price)})
        return f"{sku} added; saved to {self.profile.path.name}"

    async def product_move(self, sku: str, position: int) -> str:
        async with self._editing:
            self.product(sku)
            order = [key for key in self.products if key != sku]
            index = max(0, min(len(order), position - 1))
            order.insert(index, sku)
            await self._save_products({key: self.products[key] for key in order})
        return f"{sku} moved to {index + 1}; saved to {self.profile.path.name}"

    async def _save_products(self, products: dict[str, Product]) -> None:
        """Write the catalogue to the profile, then make it the one in use."""
        await self._save("products", [product_mapping(p, self._base) for p in products.values()])
        self.products.clear()
        self.products.update(products)
        self._observers.notify("products")

    def subscribe(self, listener: Callable[[str], None]) -> Unsubscribe:
        """``listener("products")`` after the catalogue changed."""
        return self._observers.subscribe(listener)

    async def slide_hide(self, room: str | None = None) -> str:
        await self.pusher(room).hide()
        return "slide hidden"

    async def rundown_goto(self, item: str, room: str | None = None) -> str:
        try:
            index = self.rundown.find(item)
        except KeyError:
            titles = ", ".join(entry.item.title for entry in self.rundown.entries)
            raise CommandError(f"no rundown item {item!r} (items: {titles})") from None
        return await self._go(index, room)

    async def _step_rundown(self, step: int, room: str | None) -> str:
        if not self.rundown.entries:
            raise CommandError("this profile has no rundown")
        index = self.rundown.current + step
        if not 0 <= index < len(self.rundown.entries):
            raise CommandError(
                "already at the end of the rundown"
                if step > 0
                else "already at the start of the rundown"
            )
        return await self._go(index, room)

    async def _go(self, index: int, room: str | None) -> str:
        if not 0 <= index < len(self.rundown.entries):
            raise CommandError(f"rundown has items 1 to {len(self.rundown.entries)}")
        item = self.rundown.go(index)
        said = f"rundown {index + 1}: {item.title}"
        if item.sku is not None:
            said += "; " + await self.slide_show(item.sku, room)
        return said

    async def _step_slide(self, step: int, room: str | None) -> str:
        order = [item.sku for item in self.rundown.items() if item.sku is not None]
        order = order or list(self.products)
        if not order:
            raise CommandError("this profile has no products")
        on_air = self.pusher(room).on_air
        if on_air is not None and on_air.sku in order:
            index = (order.index(on_air.sku) + step) % len(order)
        else:
            index = 0 if step > 0 else len(order) - 1
        return await self.slide_show(order[index], room)

    def on_room_changed(self, room_id: str, aspect: str) -> None:
        """On each (re)connect, draw the rundown's slides ahead of time, so that going to
        a product item costs a file write and one request."""
        if aspect != "link" or self.rooms.states[room_id].link.phase is not LinkPhase.CONNECTED:
            return
        skus = [item.sku for item in self.rundown.items() if item.sku is not None]
        products = [self.products[sku] for sku in dict.fromkeys(skus) if sku in self.products]
        task = asyncio.get_running_loop().create_task(self._prepare(room_id, products))
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def _prepare(self, room_id: str, products: list[Product]) -> None:
        try:
            await self.pushers[room_id].prepare(products)
        except CommandError as exc:  # OBS went away meanwhile: the next show draws anew
            log.info("room %s: slides not prepared: %s", room_id, exc)

    # -- saving to the profile -------------------------------------------------------------

    @property
    def _base(self) -> Path:
        return self.profile.path.parent

    def on_rundown_changed(self, what: str) -> None:
        if what != "reordered":
            return
        items = [rundown_mapping(item) for item in self.rundown.items()]
        task = asyncio.get_running_loop().create_task(self._save_quietly("rundown", items))
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def _save_quietly(self, key: str, value: Any) -> None:
        """A drag in the rundown is saved in the background; a refusal is shown, not raised."""
        try:
            async with self._editing:  # one writer of the profile file at a time
                await self._save(key, value)
        except CommandError as exc:
            log.error("%s", exc)

    async def _save(self, key: str, value: Any) -> None:
        loop = asyncio.get_running_loop()
        try:
            await loop.run_in_executor(self._writer, save_section, self.profile.path, key, value)
        except ProfileError as exc:
            self.last_save_error = f"not saved to {self.profile.path.name}: {exc}"
            raise CommandError(self.last_save_error) from None
        self.last_save_error = ""


def _pushed(product: Product, pushed: PushedSlide) -> str:
    return f"slide {product.sku} on air ({pushed.accepted_ms:.0f} ms to OBS)"
