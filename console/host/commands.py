"""The ``host.*`` commands on each room's host, and ``barrage.answer`` handing to the host.

The specs are declared in ``console.catalog``. Each room command runs in the room its
context names (``room=all``: in every room at once, each room's outcome reported).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from console.barrage.service import BarrageService
from console.commands import CommandError, CommandRegistry, Context, ErrorCode, Result
from console.host.answers import review
from console.host.autopilot import AutoState
from console.host.host import RoomHost
from console.host.lines import Line, Placement, Priority
from console.profile.host_facts import render
from console.profile.host_model import Segment
from console.show.compliance import TermList
from console.show.product import Product
from console.text import Text

Lookup = Callable[[str | None], RoomHost]


def bind(
    registry: CommandRegistry,
    hosts: Lookup,
    segments: Mapping[str, Segment],
    products: Mapping[str, Product],
    terms: TermList,
    prosody: Callable[[str | None, Segment], Any],
    barrage: BarrageService | None = None,
) -> HostCommands:
    """Attach the host commands (and, given the barrage, ``barrage.answer``)."""
    commands = HostCommands(hosts, segments, products, terms, prosody, barrage)
    handlers: dict[str, Callable[..., Awaitable[Any]]] = {
        "host.play": commands.play,
        "host.say": commands.say,
        "host.insert": lambda context, what, override=None: commands.place(
            context, what, override, Placement.NEXT
        ),
        "host.interrupt": lambda context, what, override=None: commands.place(
            context, what, override, Placement.NOW
        ),
        "host.stop": commands.stop,
        "host.skip": commands.skip,
        "host.answer": commands.answer,
        "host.draft": commands.draft,
        "host.autopilot": commands.autopilot,
        "host.confirm": commands.confirm,
        "host.move": commands.move,
        "host.drop": commands.drop,
        "host.label": commands.label,
    }
    for name, handler in handlers.items():
        registry.bind(name, handler)
    if barrage is not None:
        registry.bind("barrage.answer", commands.propose)
    return commands


class HostCommands:
    def __init__(
        self,
        hosts: Lookup,
        segments: Mapping[str, Segment],
        products: Mapping[str, Product],
        terms: TermList,
        prosody: Callable[[str | None, Segment], Any],
        barrage: BarrageService | None,
    ) -> None:
        self.hosts = hosts
        self.segments = segments
        self.products = products
        self.terms = terms
        self.prosody = prosody
        self.barrage = barrage
        self._rotation: dict[tuple[str | None, str], int] = {}

    # -- lines ----------------------------------------------------------------------------

    def segment_line(self, room: str | None, segment_id: str, override: bool) -> Line:
        try:
            segment = self.segments[segment_id]
        except KeyError:
            known = ", ".join(self.segments) or "none in this profile"
            raise CommandError(
                f"no host segment {segment_id!r} (segments: {known})", ErrorCode.NOT_FOUND
            ) from None
        versions = segment.versions
        text: str | None = None
        title = segment.id
        if versions:
            key = (room, segment.id)
            index = self._rotation.get(key, -1) + 1
            index %= len(versions)
            self._rotation[key] = index
            product = self.products.get(segment.product) if segment.product else None
            text = render(versions[index], product)
            if len(versions) > 1:
                title = f"{segment.id} ({index + 1}/{len(versions)})"
        return Line(
            title=title,
            text=text,
            clip=segment.clip,
            priority=Priority.COPY,
            segment=segment.id,
            sku=segment.product,
            prosody=self.prosody(room, segment),
            origin="operator",
            override=override,
        )

    def text_line(
        self, room: str | None, text: str, override: bool, priority: Priority, **more: Any
    ) -> Line:
        if not text.strip():
            raise CommandError(
                Text("host", "nothing to say: the text is empty"), ErrorCode.BAD_ARGUMENT
            )
        title = text.strip().splitlines()[0]
        title = title if len(title) <= 16 else title[:15] + "…"
        return Line(
            title=title,
            text=text.strip(),
            priority=priority,
            prosody=self.prosody(room, Segment(id="text")),
            override=override,
            **more,
        )

    def _what(self, room: str | None, what: str, override: bool) -> Line:
        if what in self.segments:
            return self.segment_line(room, what, override)
        return self.text_line(room, what, override, Priority.OPERATOR)

    async def _queue(self, context: Context, line: Line, placement: Placement) -> Result:
        host = self.hosts(context.room)
        cut = await host.add(line, placement)
        said = {
            Placement.QUEUE: Text("host", "queued {line} ({waiting} waiting)"),
            Placement.NEXT: Text("host", "next: {line}"),
            Placement.NOW: Text("host", "on air now: {line}"),
        }[placement].format(line=line.describe(), waiting=len(host.queue))
        if cut is not None:
            said = Text("host", "{said}; {cut} cut, said again after").format(
                said=said, cut=cut.title
            )
        if line.override:
            said = Text("host", "{said} (compliance override)").format(said=said)
        data = {"line": line.id, "title": line.title, "cut": None if cut is None else cut.title}
        return Result(said, data)

    async def play(self, context: Context, segment: str, override: bool | None = None) -> Result:
        line = self.segment_line(context.room, segment, bool(override))
        return await self._queue(context, line, Placement.QUEUE)

    async def say(self, context: Context, text: str, override: bool | None = None) -> Result:
        line = self.text_line(context.room, text, bool(override), Priority.OPERATOR)
        return await self._queue(context, line, Placement.QUEUE)

    async def place(
        self, context: Context, what: str, override: bool | None, placement: Placement
    ) -> Result:
        return await self._queue(context, self._what(context.room, what, bool(override)), placement)

    async def stop(self, context: Context) -> Result:
        dropped = await self.hosts(context.room).stop()
        said = (
            Text("host", "host silenced; 1 line dropped")
            if len(dropped) == 1
            else Text("host", "host silenced; {count} lines dropped").format(count=len(dropped))
        )
        return Result(said, {"dropped": len(dropped)})

    async def skip(self, context: Context) -> Result:
        line = await self.hosts(context.room).skip()
        if line is None:
            return Result(Text("host", "nothing on air to skip"))
        return Result(
            Text("host", "skipped {line}").format(line=line.title), {"skipped": line.title}
        )

    # -- answers --------------------------------------------------------------------------

    async def propose(
        self, context: Context, id: str | None = None, sku: str | None = None
    ) -> Result:
        """``barrage.answer``: the FAQ answer proposed to the room's host for confirmation."""
        assert self.barrage is not None
        answer = self.barrage.answer(id or context.selection, sku)
        message, suggestion = answer.message, answer.suggestion
        room = context.room if context.room is not None else message.room
        host = self.hosts(room if room != "*" else None)
        product = self.products.get(suggestion.sku)
        text = render(suggestion.answer, product)
        draft = review(
            message.text, text, product, self.terms, "faq", message.user_name, message.id
        )
        host.propose(draft)
        if suggestion.sku != host.autopilot.product:
            host.autopilot.go_to(suggestion.sku)
        warn = f" ⚠ {'; '.join(draft.problems)}" if draft.problems else ""
        return Result(
            Text(
                "host", "answer proposed to {user}: {text} — confirm with host.answer{warn}"
            ).format(user=message.user_name, text=text, warn=warn),
            {"id": message.id, "answer": text, "sku": suggestion.sku, "problems": draft.problems},
        )

    async def answer(
        self,
        context: Context,
        text: str | None = None,
        question: str | None = None,
        sku: str | None = None,
        override: bool | None = None,
    ) -> Result:
        host = self.hosts(context.room)
        proposed = host.proposed
        if text is None and proposed is None:
            raise CommandError(
                "host.answer: no answer proposed; give text=...", ErrorCode.BAD_ARGUMENT
            )
        if proposed is not None:  # said as proposed, or as the operator edited it
            text = proposed.text if text is None else text
            question, sku = question or proposed.question, sku or proposed.sku
        assert text is not None
        if sku is not None and sku not in self.products:
            raise CommandError(f"host.answer: no product {sku!r}", ErrorCode.NOT_FOUND)
        line = self.text_line(
            context.room,
            render(text, self.products.get(sku) if sku else None),
            bool(override),
            Priority.ANSWER,
            sku=sku,
            question=question,
            origin="answer",
        )
        result = await self._queue(context, line, Placement.QUEUE)
        if proposed is not None:
            host.propose(None)
        return result

    async def draft(self, context: Context, question: str, sku: str | None = None) -> Result:
        host = self.hosts(context.room)
        drafter = host.drafter
        if drafter is None:
            raise CommandError(
                "host.draft: this room has no language model (host.llm in the profile)",
                ErrorCode.UNAVAILABLE,
            )
        sku = sku or host.autopilot.product
        if sku is None or sku not in self.products:
            raise CommandError("host.draft: which product? give sku=", ErrorCode.BAD_ARGUMENT)
        product = self.products[sku]
        text = await drafter.draft(question, product)
        draft = review(question, text, product, self.terms, "llm")
        host.propose(draft)
        warn = f" ⚠ {'; '.join(draft.problems)}" if draft.problems else ""
        return Result(
            f"draft for {question!r}: {text} — confirm with host.answer{warn}",
            {"answer": text, "sku": sku, "problems": draft.problems},
        )

    # -- the loop, the queue, the label ----------------------------------------------------

    async def autopilot(self, context: Context, action: str) -> Result:
        host = self.hosts(context.room)
        pilot = host.autopilot
        if action in ("start", "resume"):
            try:
                pilot.start()
            except ValueError as exc:
                raise CommandError(f"host.autopilot: {exc}", ErrorCode.REFUSED) from None
            return Result(
                Text("host", "autopilot running on {product}").format(product=pilot.product),
                pilot.snapshot(),
            )
        if action == "pause":
            pilot.pause(Text("host", "paused by the operator"))
        elif action == "stop":
            pilot.stop(Text("host", "stopped by the operator"))
        else:
            raise CommandError(
                f"host.autopilot: {action!r} is not start, pause, resume or stop",
                ErrorCode.BAD_ARGUMENT,
            )
        said = {
            AutoState.RUNNING: Text("host", "autopilot running"),
            AutoState.PAUSED: Text("host", "autopilot paused"),
            AutoState.STOPPED: Text("host", "autopilot stopped"),
        }[pilot.state]
        return Result(said, pilot.snapshot())

    async def confirm(self, context: Context) -> Result:
        host = self.hosts(context.room)
        host.autopilot.saw_operator()
        left = host.autopilot.sign_due_in()
        if left is None:
            return Result(Text("host", "operator present"))
        return Result(
            Text("host", "operator present; next check in {seconds} s").format(
                seconds=f"{left:.0f}"
            )
        )

    async def move(self, context: Context, line: int, position: int) -> Result:
        host = self.hosts(context.room)
        moved = await host.move(self._waiting_id(host, line), position - 1)
        return Result(
            Text("host", "{line} moved to {position}").format(line=moved.title, position=position),
            {"title": moved.title},
        )

    async def drop(self, context: Context, line: int) -> Result:
        host = self.hosts(context.room)
        dropped = host.queue.remove(self._waiting_id(host, line))
        return Result(
            Text("host", "{line} taken out of the queue").format(line=dropped.title),
            {"title": dropped.title},
        )

    def _waiting_id(self, host: RoomHost, number: int) -> int:
        waiting = host.queue.waiting
        if not 1 <= number <= len(waiting):
            raise CommandError(
                f"the queue has lines 1 to {len(waiting)}" if waiting else "the queue is empty",
                ErrorCode.NOT_FOUND,
            )
        return waiting[number - 1].id

    async def label(self, context: Context, show: bool) -> Result:
        host = self.hosts(context.room)
        if show:
            check = await host.label.ensure()
            return Result(check.describe(), {"on": True, "height": check.height})
        await host.hide_label()
        return Result(Text("host", "AI label hidden"), {"on": False})
