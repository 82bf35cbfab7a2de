"""Every command the console declares, as plain data, in one leaf module.

The profile validator checks hotkeys against this catalogue without importing any feature
(no Qt, no barrage, no OBS client); the running console binds handlers to the same specs
when it is built, and the window binds the few that act on what it shows (the room the
operator works in, the feed's selection, pause and filter). Nothing here imports more
than the registry's vocabulary.
"""

from __future__ import annotations

from console import product_fields
from console.commands import ROOM_ARG, Arg, CommandRegistry, CommandSpec

SCENE = Arg("scene", str, "scene name as OBS shows it")

SCENE_COMMANDS = (
    CommandSpec("scene.program", "Cut the room's program output to a scene", (SCENE,), room=True),
    CommandSpec("scene.preview", "Put a scene in preview (studio mode)", (SCENE,), room=True),
    CommandSpec(
        "scene.take",
        "Transition preview to program with the chosen transition (studio mode)",
        room=True,
    ),
    CommandSpec("studio.toggle", "Turn studio mode on or off", room=True),
    CommandSpec(
        "transition.set",
        "Choose the scene transition and, optionally, its duration",
        (
            Arg("transition", str, "transition name as OBS shows it"),
            Arg("duration", int, "duration in ms", required=False),
        ),
        room=True,
    ),
    CommandSpec("stream.toggle", "Start or stop streaming", room=True),
    CommandSpec("record.toggle", "Start or stop recording", room=True),
    CommandSpec("obs.ping", "Ask the room's OBS for its version and time the answer", room=True),
    CommandSpec("obs.reconnect", "Reconnect to the room's OBS now, skipping the wait", room=True),
    CommandSpec(
        "room.restore",
        "Put back what the show had on air (program, slide, pin) after OBS came back otherwise",
        room=True,
    ),
)

WINDOW_COMMANDS = (
    CommandSpec(
        "room.select",
        "Work in a room: the window's commands without room= act on it",
        (Arg("room", str, "room id from the profile"),),
    ),
)

SKU = Arg("sku", str, "product sku from the profile")

SHOW_COMMANDS = (
    CommandSpec(
        "slide.show",
        "Render a product's slide and put it on air in the room's product scene",
        (
            SKU,
            Arg("override", bool, "push despite prohibited terms (logged)", required=False),
            Arg("switch", bool, "also cut to the product scene", required=False),
        ),
        room=True,
    ),
    CommandSpec("slide.hide", "Take the product slide off air", room=True),
    CommandSpec(
        "product.set",
        "Change one field of a product (saved to the profile, slide on air refreshed)",
        (
            SKU,
            Arg("field", str, f"one of: {', '.join(product_fields.NAMES)}"),
            Arg("value", str, "new value; lists take a|b|c; deal takes START END PRICE"),
        ),
    ),
    CommandSpec(
        "product.add",
        "Add a product to the catalogue (saved to the profile)",
        (SKU, Arg("name", str, "product name"), Arg("price", str, "price, e.g. 69")),
    ),
    CommandSpec(
        "product.move",
        "Move a product to a position in the catalogue (1 = first; saved to the profile)",
        (SKU, Arg("position", int, "new position, 1 = first")),
    ),
    CommandSpec("slide.next", "Show the slide of the rundown's next product", room=True),
    CommandSpec("slide.prev", "Show the slide of the rundown's previous product", room=True),
    # The rundown is show-wide: it moves once, and a product item's slide goes to the
    # rooms named (room=all: every room), so these take room= without being room commands.
    CommandSpec(
        "rundown.next",
        "Go to the next rundown item (a product item shows its slide)",
        (ROOM_ARG,),
    ),
    CommandSpec("rundown.prev", "Go back to the previous rundown item", (ROOM_ARG,)),
    CommandSpec(
        "rundown.goto",
        "Go to a rundown item by its number (1 = first) or title",
        (Arg("item", str, "item number or title"), ROOM_ARG),
    ),
    CommandSpec(
        "rundown.move",
        "Move a rundown item to another position (1 = first; saved to the profile)",
        (Arg("item", str, "item number or title"), Arg("position", int, "new position")),
    ),
)

FILTER_MODES = ("all", "questions", "gifts", "product")
"""What the feed can show: everything, questions, gifts and orders, or one product."""

ID = Arg("id", str, "message id (default: the selected message)", required=False)

BARRAGE_COMMANDS = (
    CommandSpec("barrage.approve", "Let a held comment through (it may then be pinned)", (ID,)),
    CommandSpec("barrage.reject", "Reject a held comment; selects the next held one", (ID,)),
    CommandSpec(
        "barrage.ban",
        "Ban a comment's author in every room: later messages blocked, held ones rejected, "
        "pin cleared",
        (ID,),
    ),
    CommandSpec(
        "barrage.unban",
        "Lift a ban made during the show",
        (Arg("user", str, "user id (or name) as banned"),),
    ),
    CommandSpec(
        "barrage.pin",
        "Show an approved or passed comment on air through the room's comment source",
        (ID, Arg("seconds", int, "seconds on screen (default: the profile's)", required=False)),
        room=True,
    ),
    CommandSpec("barrage.unpin", "Take the pinned comment off air", room=True),
    CommandSpec(
        "barrage.answer",
        "Suggest the product FAQ answer to a viewer's question",
        (ID, Arg("sku", str, "product (default: the one the question names)", required=False)),
    ),
)

FEED_COMMANDS = (
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

ALL_COMMANDS = (
    *SCENE_COMMANDS,
    *WINDOW_COMMANDS,
    *SHOW_COMMANDS,
    *BARRAGE_COMMANDS,
    *FEED_COMMANDS,
)


def declare_all(registry: CommandRegistry) -> CommandRegistry:
    """Declare every command of the console on a registry and return it."""
    registry.declare(ALL_COMMANDS)
    return registry


def catalog() -> CommandRegistry:
    """A registry with every command declared and none bound: enough to validate a profile."""
    return declare_all(CommandRegistry())
