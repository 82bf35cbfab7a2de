"""The ``barrage.*`` commands: moderation, pinning and answers by name, from every surface.

``BARRAGE_COMMANDS`` are the specs (the catalogue declares them, so profiles can bind
hotkeys to them without a running console); ``bind`` attaches the handlers of a running
``BarrageService``. Commands without an id act on the message selected in the window.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from console.barrage.message import Message
from console.commands import Arg, CommandError, CommandRegistry, CommandSpec

if TYPE_CHECKING:  # the catalogue imports the specs; the service imports the profile
    from console.barrage.service import BarrageService

FILTER_MODES = ("all", "questions", "gifts", "product")

ID = Arg("id", str, "message id (default: the selected message)", required=False)

BARRAGE_COMMANDS = (
    CommandSpec("barrage.approve", "Let a held comment through (it may then be pinned)", (ID,)),
    CommandSpec("barrage.reject", "Reject a held comment; selects the next held one", (ID,)),
    CommandSpec(
        "barrage.ban",
        "Ban a comment's author: later messages blocked, held ones rejected, pin cleared",
        (ID,),
    ),
    CommandSpec(
        "barrage.pin",
        "Show an approved or passed comment on air through the room's comment source",
        (ID, Arg("seconds", int, "seconds on screen (default: the profile's)", required=False)),
    ),
    CommandSpec(
        "barrage.unpin",
        "Take the pinned comment off air",
        (Arg("room", str, "room id (default: every room with a pin)", required=False),),
    ),
    CommandSpec(
        "barrage.answer",
        "Suggest the product FAQ answer to a viewer's question",
        (ID, Arg("sku", str, "product (default: the one the question names)", required=False)),
    ),
    CommandSpec("barrage.pause", "Hold the feed still; comments keep coming and are counted"),
    CommandSpec("barrage.resume", "Let the feed scroll again"),
    CommandSpec(
        "barrage.filter",
        "Show all comments, questions, gifts and orders, or one product's mentions",
        (
            Arg("mode", str, " | ".join(FILTER_MODES)),
            Arg("sku", str, "product sku (with mode product)", required=False),
        ),
    ),
    CommandSpec(
        "barrage.select",
        "Select the next or previous held comment, or a message by id",
        (Arg("which", str, "next, previous or a message id"),),
    ),
)


def quote(message: Message, limit: int = 40) -> str:
    text = message.text if len(message.text) <= limit else message.text[: limit - 1] + "…"
    return f"{message.user_name}: {text}"


def bind(registry: CommandRegistry, service: BarrageService) -> None:
    """Attach the handlers of ``service`` to the declared ``barrage.*`` commands."""
    handlers: dict[str, Callable[..., Awaitable[Any]]] = {
        "barrage.approve": lambda id=None: _approve(service, id),
        "barrage.reject": lambda id=None: _reject(service, id),
        "barrage.ban": lambda id=None: _ban(service, id),
        "barrage.pin": lambda id=None, seconds=None: _pin(service, id, seconds),
        "barrage.unpin": lambda room=None: _unpin(service, room),
        "barrage.answer": lambda id=None, sku=None: _answer(service, id, sku),
        "barrage.pause": lambda: _pause(service, True),
        "barrage.resume": lambda: _pause(service, False),
        "barrage.filter": lambda mode, sku=None: _filter(service, mode, sku),
        "barrage.select": lambda which: _select(service, which),
    }
    for name, handler in handlers.items():
        registry.bind(name, handler)


async def _approve(service: BarrageService, id: str | None) -> str:
    return f"approved {quote(service.approve(id))}"


async def _reject(service: BarrageService, id: str | None) -> str:
    return f"rejected {quote(service.reject(id))}"


async def _ban(service: BarrageService, id: str | None) -> str:
    ban = await service.ban(id)
    rejected = ban.rejected
    held = f"; {rejected} held message{'s' if rejected != 1 else ''} rejected" if rejected else ""
    problem = f"; {ban.problem}" if ban.problem else ""
    return f"banned {ban.message.user_name}{held}{problem}"


async def _pin(service: BarrageService, id: str | None, seconds: int | None) -> str:
    pin = await service.pin(id, seconds)
    return f"on air in {pin.room} ({pin.scene}) for {pin.seconds} s: {pin.text}"


async def _unpin(service: BarrageService, room: str | None) -> str:
    rooms = await service.unpin(room)
    return f"pinned comment cleared in {', '.join(rooms)}"


async def _answer(service: BarrageService, id: str | None, sku: str | None) -> str:
    answer = service.answer(id, sku)
    return f"suggested answer to {quote(answer.message)} — {answer.suggestion.answer}"


async def _pause(service: BarrageService, paused: bool) -> str:
    service.set_paused(paused)
    return "feed paused (comments keep coming)" if paused else "feed scrolling"


async def _filter(service: BarrageService, mode: str, sku: str | None) -> str:
    return f"feed shows {service.set_filter(mode, sku).describe()}"


async def _select(service: BarrageService, which: str) -> str:
    if which in ("next", "previous"):
        selected = service.select_step(1 if which == "next" else -1)
        if selected is None:
            raise CommandError("barrage.select: no held comments")
    else:
        service.message(which, "barrage.select")  # raises for an unknown id
        service.select(which)
        selected = which
    judged = service.find(selected)
    return f"selected {quote(judged.message)}" if judged is not None else f"selected {selected}"
