"""Pushing product slides to one room's OBS: render, write atomically, point OBS at it.

The slide reaches OBS as a file: an ``image_source`` input (created in the product scene if
the collection lacks it) whose ``file`` setting the pusher changes with ``SetInputSettings``.

- Private, atomic files: each pusher writes to a folder of its own that it creates (mode
  0700, an unpredictable name, removed at ``close``), so two consoles on one machine, or a
  test run beside a show, never write each other's slides, and no other local user can put
  a file or a symlink where OBS reads. Each image goes to a fresh temporary file
  (``mkstemp``: ``O_CREAT | O_EXCL | O_NOFOLLOW``, mode 0600) and is moved into place with
  ``os.replace``, which replaces a name without following it: OBS never reads a
  half-written PNG, and a symlink at the name is replaced, not written through.
- Two file names, A and B, alternate. OBS 29 does reload an image when ``file`` is set to
  the same path again (verified against the real OBS), but it loads the file on its video
  thread a frame or more after answering, and it also reloads a file whose mtime changed
  (checked once a second). With one name the next write could replace the file while such
  a load is pending, so what OBS shows would depend on timing; with two, the file OBS was
  last pointed at is never rewritten until OBS has been pointed at the other one, and
  every push is a real change of settings.
- Hiding disables the slide's scene item (``SetSceneItemEnabled``: immediate, and visible
  as the eye toggle in OBS) and points the source at no file. Disabling alone is not
  enough: measured on OBS 29, re-enabling the item shows the image it held before for a
  frame or two until the new file is loaded, which would flash the previous product (and
  its price) on air. The console keeps the last pushed image for the operator to check.
- While a slide with a countdown or a stock figure is on air, it is refreshed once a
  second, and pushed only when its content (``SlideContent``), not its pixels, changed.
- The compliance gate: ``show`` refuses a product whose on-air texts contain prohibited
  terms unless the operator overrides it (the caller logs the override).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
import shutil
import tempfile
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtGui import QImage

from console.commands import CommandError, ErrorCode
from console.obs.state import LinkPhase
from console.observers import Observers, Unsubscribe
from console.profile.layout_model import Layout
from console.show.compliance import Finding, TermList
from console.show.content import SlideContent, next_change, slide_content
from console.show.fonts import require_family
from console.show.png import Buffer, PngEncoder
from console.show.product import Product, on_air_texts
from console.show.slide import SlideRenderer
from console.show.slide_source import SlideLink, SlideSource
from console.show.template import SlideTemplate, load_template
from console.tasks import watch
from console.text import Listed, Text

log = logging.getLogger(__name__)

REFRESH_INTERVAL = 1.0  # seconds: the stock/lookup poll, and the longest countdown wait
_TICK_SLACK = 0.005  # wake just after a countdown's second boundary, not just before


class ComplianceRefused(CommandError):
    """A slide not pushed because its texts contain prohibited terms."""

    error_code = ErrorCode.COMPLIANCE

    def __init__(self, sku: str, findings: list[Finding]) -> None:
        listed = Listed([finding.describe() for finding in findings[:5]])
        more = (
            Text("compliance", " (and {count} more)").format(count=len(findings) - 5)
            if len(findings) > 5
            else ""
        )
        super().__init__(
            Text(
                "compliance",
                "slide {sku} not shown: {findings}{more}. Fix the text, or show it with override",
            ).format(sku=sku, findings=listed, more=more)
        )
        self.sku = sku
        self.findings = findings


@dataclass(frozen=True)
class PushedSlide:
    """A slide OBS accepted: exactly the image it was given, and what it cost."""

    sku: str
    content: SlideContent
    image: QImage
    path: Path
    canvas: tuple[int, int]
    pushed_at: datetime
    override: bool
    render_ms: float
    """Drawing the slide (QPainter); 0 when a recent identical slide was reused."""
    write_ms: float
    """Encoding the PNG (unless reused), writing it and moving it into place."""
    accepted_ms: float
    """From the start of drawing until OBS answered ``SetInputSettings`` (for a slide that
    was hidden: until OBS had loaded the new image and the item was enabled)."""


def local_now() -> datetime:
    return datetime.now().astimezone()


def default_output_dir(room_id: str) -> Path:
    """A new folder for one room's slide files, private to this console: created now with
    mode 0700 under an unpredictable name, in the user's runtime folder (RAM on most Linux)
    when it is the user's own, else the temp folder. OBS must see the same path: slides
    need OBS on this machine, running as the same user."""
    prefix = f"live-room-console-{_safe(room_id)}-"
    return Path(tempfile.mkdtemp(prefix=prefix, dir=_runtime_dir()))


def _runtime_dir() -> str | None:
    """``XDG_RUNTIME_DIR`` if it is a folder of this user's that nobody else can enter;
    None (the temp folder) otherwise."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if not runtime:
        return None
    try:
        info = os.stat(runtime)
    except OSError:
        return None
    private = info.st_uid == os.getuid() and not info.st_mode & 0o077
    return runtime if os.path.isdir(runtime) and private else None


def _safe(name: str) -> str:
    return re.sub(r"[^\w.-]+", "_", name, flags=re.ASCII).strip("._") or "slide"


class SlidePusher:
    """Shows and hides product slides in one room's OBS and keeps the one on air current."""

    def __init__(
        self,
        link: SlideLink,
        *,
        source: str = "Product Slide",
        scene: str = "Product",
        output_dir: Path | None = None,
        template: SlideTemplate | None = None,
        terms: TermList | None = None,
        clock: Callable[[], datetime] = local_now,
        lookup: Callable[[str], Product | None] | None = None,
        auto_refresh: bool = True,
        cache_size: int = 8,
        layout: Layout | None = None,
    ) -> None:
        self.link = link
        self.source = source
        self.scene = scene
        self._own_dir = output_dir is None  # made here, so removed at close
        self.output_dir = output_dir or default_output_dir(link.room_id)
        self.template = template or load_template()
        require_family(self.template.family)  # fail at start, not at the first push
        self.terms = terms or TermList()
        self.clock = clock
        self.lookup = lookup
        self.auto_refresh = auto_refresh
        """Refresh by itself (once a second at most); off, only ``refresh()`` calls do."""
        self.last: PushedSlide | None = None
        """The slide OBS last accepted (kept after ``hide`` for the console to show)."""
        self.last_error = ""
        self._product: Product | None = None
        self._approved: Product | None = None
        self._accepted: list[Finding] = []  # findings the operator overrode for _approved
        self._slot = 1  # index of the file name OBS points at; the next push uses the other
        self._lock = asyncio.Lock()
        self._wake = asyncio.Event()
        self._refresh_task: asyncio.Task[None] | None = None
        self._observers: Observers[str] = Observers()
        self.cache_size = cache_size
        """How many recent slides keep their image and PNG bytes for an instant re-show."""
        self._slides: OrderedDict[tuple[SlideContent, int, int], tuple[QImage, list[Buffer]]]
        self._slides = OrderedDict()
        self._renderer = SlideRenderer(self.template)
        self._encoder = PngEncoder()
        self._worker = ThreadPoolExecutor(
            max_workers=1, thread_name_prefix=f"slides-{link.room_id}"
        )
        self._obs = SlideSource(link, source, scene, layout)
        self._unsubscribe_state = link.state.subscribe(self._on_state_changed)

    # -- public ---------------------------------------------------------------------------

    @property
    def on_air(self) -> Product | None:
        """The product whose slide is shown (None after ``hide``)."""
        return self._product

    @property
    def refreshing(self) -> bool:
        """Whether the once-a-second refresh runs (a countdown or stock is on air)."""
        return self._refresh_task is not None and not self._refresh_task.done()

    def adopt(self, product: Product) -> None:
        """Take ``product`` as the show's slide without pushing it (a show restored from its
        journal): the room compares it with what OBS shows and offers to push it again."""
        self._product = self._approved = product

    def subscribe(self, listener: Callable[[str], None]) -> Unsubscribe:
        """``listener(what)`` after each change: "pushed", "hidden" or "error"."""
        return self._observers.subscribe(listener)

    def findings(self, product: Product) -> list[Finding]:
        """Prohibited terms in what this slide would put on air: the product's texts and the
        template's labels."""
        return self.terms.check_fields([*on_air_texts(product), *self.template.label_texts()])

    async def show(
        self, product: Product, *, override: bool = False, switch: bool = False
    ) -> PushedSlide:
        """Render ``product``'s slide and put it on air in the product scene.

        Raises ComplianceRefused if its texts contain prohibited terms and ``override`` is
        not set. With ``switch``, also cuts to the product scene (to preview in studio mode).
        """
        findings = self.findings(product)
        if findings and not override:
            raise ComplianceRefused(product.sku, findings)
        async with self._lock:
            await self._obs.canvas(fresh=True)  # it may have changed since the last show
            content = slide_content(product, self.template, self.clock())
            pushed = await self._push(product, content, override)
            self._product, self._approved = product, product
            self._accepted = findings
            if switch:
                await self._obs.switch_to_scene()
        self._start_refresh()
        return pushed

    async def hide(self) -> None:
        """Take the slide off air (disable its scene item); nothing refreshes afterwards."""
        self._product = None
        self._stop_refresh()
        async with self._lock:
            # Drop the image too, so showing the next product cannot flash this one.
            await self._obs.clear()
        self._observers.notify("hidden")

    async def prepare(self, products: Iterable[Product]) -> None:
        """Draw and encode slides ahead (the rundown's products before the show), so that
        showing one costs only a file write and a request."""
        loop = asyncio.get_running_loop()
        width, height = await self._obs.canvas()
        for product in products:
            content = slide_content(product, self.template, self.clock())
            await loop.run_in_executor(self._worker, self._prepare, content, width, height)

    def update(self, product: Product) -> None:
        """An operator edit of the product on air (stock, texts): pushed at once if it
        changes what the slide shows (with ``auto_refresh``; else at the next ``refresh``)."""
        if self._product is not None and self._product.sku == product.sku:
            self._product = product
            self._start_refresh()

    async def refresh(self) -> PushedSlide | None:
        """Push the on-air slide again if what it shows changed; None if nothing to do."""
        async with self._lock:
            product = self._current()
            if product is None:
                return None
            content = slide_content(product, self.template, self.clock())
            if self.last is not None and content == self.last.content:
                return None
            if product != self._approved:
                # An edit of the product on air: an override covers the findings the
                # operator saw, not terms the edit brought in.
                findings = self.findings(product)
                new = [finding for finding in findings if finding not in self._accepted]
                if new:
                    raise ComplianceRefused(product.sku, new)
                self._approved = product
            return await self._push(product, content, bool(self._accepted))

    async def close(self) -> None:
        """Stop refreshing, release the render thread and remove the folder this pusher
        made for its files (a folder it was given stays)."""
        self._stop_refresh()
        self._unsubscribe_state()
        self._obs.stop_listening()
        self._worker.shutdown(wait=True, cancel_futures=True)  # then nothing writes here
        if self._own_dir:
            shutil.rmtree(self.output_dir, ignore_errors=True)

    # -- pushing --------------------------------------------------------------------------

    async def _push(self, product: Product, content: SlideContent, override: bool) -> PushedSlide:
        loop = asyncio.get_running_loop()
        started = time.perf_counter()
        width, height = await self._obs.canvas()
        slot = 1 - self._slot
        path = self.output_dir / f"{_safe(self.source)}-{'AB'[slot]}.png"
        image, render_ms, write_ms = await loop.run_in_executor(
            self._worker, self._render_and_write, content, width, height, path
        )
        await self._obs.show_file(str(path))
        accepted_ms = (time.perf_counter() - started) * 1e3
        self._slot = slot
        pushed = PushedSlide(
            sku=product.sku,
            content=content,
            image=image,
            path=path,
            canvas=(width, height),
            pushed_at=self.clock(),
            override=override,
            render_ms=render_ms,
            write_ms=write_ms,
            accepted_ms=accepted_ms,
        )
        self.last = pushed
        self._product = product  # on air before anyone hears of it
        self.last_error = ""
        self._observers.notify("pushed")
        return pushed

    def _render_and_write(
        self, content: SlideContent, width: int, height: int, path: Path
    ) -> tuple[QImage, float, float]:
        """On the render thread: draw, encode, write to a temporary file, move into place.

        A slide pushed before (same content, same canvas) is not drawn or encoded again:
        its image and PNG bytes are kept for the last few slides (stepping back and forth
        through a rundown), and only the file is written.
        """
        started = time.perf_counter()
        key = (content, width, height)
        cached = self._slides.get(key)
        if cached is not None:
            self._slides.move_to_end(key)
            (image, parts), render_ms = cached, 0.0
        else:
            image, parts, render_ms = self._draw_and_encode(content, width, height)
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, partial = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as stream:
                for part in parts:
                    stream.write(part)
            # No fsync: OBS reads it from the page cache on this machine; what matters is
            # that the name only ever points at a complete file.
            os.replace(partial, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(partial)
            raise
        total_ms = (time.perf_counter() - started) * 1e3
        return image, render_ms, total_ms - render_ms

    def _prepare(self, content: SlideContent, width: int, height: int) -> None:
        if (content, width, height) not in self._slides:
            self._draw_and_encode(content, width, height)

    def _draw_and_encode(
        self, content: SlideContent, width: int, height: int
    ) -> tuple[QImage, list[Buffer], float]:
        """Render and encode, always together: the renderer reports the rows that changed
        since its previous image, and the encoder re-encodes only those rows of *its*
        previous image, so both must see every image. Returns the drawing time too (ms)."""
        started = time.perf_counter()
        rendered = self._renderer.render(content, width, height)
        render_ms = (time.perf_counter() - started) * 1e3
        parts = self._encoder.parts(rendered.image, self.template.opaque, rendered.changed_rows)
        self._remember((content, width, height), rendered.image, parts)
        return rendered.image, parts, render_ms

    def _remember(
        self, key: tuple[SlideContent, int, int], image: QImage, parts: list[Buffer]
    ) -> None:
        if self.cache_size:
            self._slides[key] = (image, parts)
            while len(self._slides) > self.cache_size:
                self._slides.popitem(last=False)

    def _on_state_changed(self, aspect: str) -> None:
        if aspect == "link" and self.link.state.link.phase is not LinkPhase.CONNECTED:
            # A new session may be a restarted OBS: look everything up again. What OBS then
            # shows is compared with the show by the room's reconciliation, which offers to
            # restore the slide; nothing is pushed by itself.
            self._obs.forget()

    # -- refreshing -----------------------------------------------------------------------

    def _current(self) -> Product | None:
        product = self._product
        if product is not None and self.lookup is not None:
            product = self.lookup(product.sku) or product
            self._product = product
        return product

    def _delay(self) -> float | None:
        """Seconds until the slide on air may change, or None if it never changes alone."""
        product = self._product
        if product is None:
            return None
        now = self.clock()
        change = next_change(product, now)
        if change is not None:
            return min(REFRESH_INTERVAL, (change - now).total_seconds() + _TICK_SLACK)
        if product.stock is not None or self.lookup is not None:
            return REFRESH_INTERVAL
        return None

    def _start_refresh(self) -> None:
        if not self.auto_refresh:
            return
        if self._refresh_task is not None and not self._refresh_task.done():
            self._wake.set()
            return
        self._refresh_task = watch(
            asyncio.get_running_loop().create_task(
                self._refresh_loop(), name=f"slides-refresh-{self.link.room_id}"
            )
        )

    def _stop_refresh(self) -> None:
        if self._refresh_task is not None:
            self._refresh_task.cancel()
            self._refresh_task = None

    async def _refresh_loop(self) -> None:
        """Refresh now, then whenever the slide may have changed, until it cannot change by
        itself any more; ``update`` and a reconnect wake it (or start it again)."""
        while self._product is not None:
            try:
                await self.refresh()
            except (CommandError, OSError) as exc:
                self._report(str(exc))
            delay = self._delay()
            if delay is None:
                return
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), max(0.0, delay))

    def _report(self, error: str) -> None:
        if error != self.last_error:  # once per distinct problem, not once a second
            log.warning("room %s: slide not refreshed: %s", self.link.room_id, error)
            self.last_error = error
            self._observers.notify("error")
