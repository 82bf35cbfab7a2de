"""The ``barrage.*`` commands on a running ``BarrageService``.

The specs are declared in ``console.catalog``. Commands on "the selected message" take the
message from their context (the window's selection) unless given an id; a pin goes to the
room the context names (the window passes the room of the selected message's feed).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from console.barrage.message import Message
from console.barrage.service import BarrageService
from console.commands import CommandRegistry, Context, Result
from console.text import Text


def quote(message: Message, limit: int = 40) -> str:
    text = message.text if len(message.text) <= limit else message.text[: limit - 1] + "…"
    return f"{message.user_name}: {text}"


def bind(registry: CommandRegistry, service: BarrageService) -> None:
    """Attach the handlers of ``service`` to the declared ``barrage.*`` commands."""
    commands = BarrageCommands(service)
    handlers: dict[str, Callable[..., Awaitable[Any]]] = {
        "barrage.approve": commands.approve,
        "barrage.reject": commands.reject,
        "barrage.release": commands.release,
        "barrage.ban": commands.ban,
        "barrage.unban": commands.unban,
        "barrage.pin": commands.pin,
        "barrage.unpin": commands.unpin,
        "barrage.answer": commands.answer,
    }
    for name, handler in handlers.items():
        registry.bind(name, handler)


def _message_data(message: Message) -> dict[str, Any]:
    return {"id": message.id, "user": message.user_name, "room": message.room}


class BarrageCommands:
    def __init__(self, service: BarrageService) -> None:
        self.service = service
        self.moderator = service.moderator

    async def approve(self, context: Context, id: str | None = None) -> Result:
        judged = self.moderator.message(id or context.selection, "barrage.approve")
        message = self.moderator.approve(judged)
        said = Text("barrage", "approved {message}").format(message=quote(message))
        return Result(said, _message_data(message))

    async def reject(self, context: Context, id: str | None = None) -> Result:
        judged = self.moderator.message(id or context.selection, "barrage.reject")
        message = self.moderator.reject(judged)
        said = Text("barrage", "rejected {message}").format(message=quote(message))
        return Result(said, _message_data(message))

    async def release(self, context: Context, id: str | None = None) -> Result:
        judged = self.moderator.message(id or context.selection, "barrage.release")
        message = self.moderator.release(judged).message
        rule = judged.verdict.rule
        count = self.service.blocked.false_alarms().get(rule, 0)
        said = Text("barrage", "released {message} (a false alarm of {rule}: {count} this show)")
        said = said.format(message=quote(message), rule=rule, count=count)
        return Result(said, {**_message_data(message), "rule": rule, "false_alarms": count})

    async def ban(self, context: Context, id: str | None = None) -> Result:
        ban, problems = await self.service.ban(id or context.selection)
        rejected = ban.rejected
        said = Text("barrage", "banned {user}").format(user=ban.message.user_name)
        if rejected == 1:
            said = Text("barrage", "{said}; 1 held message rejected").format(said=said)
        elif rejected:
            said = Text("barrage", "{said}; {count} held messages rejected").format(
                said=said, count=rejected
            )
        for problem in problems:
            said = Text("barrage", "{said}; {problem}").format(said=said, problem=problem)
        data = {
            **_message_data(ban.message),
            "banned": ban.user,
            "rejected": rejected,
            "problems": problems,
        }
        return Result(said, data)

    async def unban(self, context: Context, user: str | None = None) -> Result:
        ban = self.moderator.unban(user, context.selection)
        return Result(
            Text("barrage", "unbanned {name} ({user})").format(name=ban.name, user=ban.user),
            {"user": ban.user, "name": ban.name, "id": ban.message_id},
        )

    async def pin(
        self, context: Context, id: str | None = None, seconds: int | None = None
    ) -> Result:
        pin = await self.service.pin(context.room, id or context.selection, seconds)
        return Result(
            Text("barrage", "on air in {room} ({scene}) for {seconds} s: {comment}").format(
                room=pin.room, scene=pin.scene, seconds=pin.seconds, comment=pin.text
            ),
            {**_message_data(pin.message), "scene": pin.scene, "seconds": pin.seconds},
        )

    async def unpin(self, context: Context) -> Result:
        pin = await self.service.unpin(context.room)
        if pin is None:
            return Result(
                Text("barrage", "no comment was on air in {room}").format(room=context.room)
            )
        return Result(
            Text("barrage", "pinned comment cleared in {room}").format(room=context.room),
            _message_data(pin.message),
        )

    async def answer(
        self, context: Context, id: str | None = None, sku: str | None = None
    ) -> Result:
        answer = self.service.answer(id or context.selection, sku)
        return Result(
            Text("barrage", "suggested answer to {message} — {answer}").format(
                message=quote(answer.message), answer=answer.suggestion.answer
            ),
            {**_message_data(answer.message), "answer": answer.suggestion.answer},
        )
