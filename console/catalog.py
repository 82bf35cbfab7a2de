"""Every command the console declares, gathered in one place.

The profile validator checks hotkeys against this catalogue without starting any service;
the running console binds handlers to the same specs.
"""

from __future__ import annotations

from console.barrage.commands import BARRAGE_COMMANDS
from console.commands import Arg, CommandRegistry, CommandSpec

ROOM = Arg("room", str, "room id from the profile (default: the selected room)", required=False)

SCENE_COMMANDS = (
    CommandSpec(
        "scene.program",
        "Cut the room's program output to a scene",
        (Arg("scene", str, "scene name as OBS shows it"), ROOM),
    ),
    CommandSpec(
        "scene.preview",
        "Put a scene in preview (studio mode)",
        (Arg("scene", str, "scene name as OBS shows it"), ROOM),
    ),
    CommandSpec(
        "scene.take",
        "Transition preview to program with the chosen transition (studio mode)",
        (ROOM,),
    ),
    CommandSpec("studio.toggle", "Turn studio mode on or off", (ROOM,)),
    CommandSpec(
        "transition.set",
        "Choose the scene transition and, optionally, its duration",
        (
            Arg("transition", str, "transition name as OBS shows it"),
            Arg("duration", int, "duration in ms", required=False),
            ROOM,
        ),
    ),
    CommandSpec("stream.toggle", "Start or stop streaming", (ROOM,)),
    CommandSpec("record.toggle", "Start or stop recording", (ROOM,)),
    CommandSpec("obs.ping", "Ask the room's OBS for its version and time the answer", (ROOM,)),
    CommandSpec("obs.reconnect", "Reconnect to the room's OBS now, skipping the wait", (ROOM,)),
    CommandSpec(
        "room.select",
        "Make a room the selected one (the default for commands without room=)",
        (Arg("room", str, "room id from the profile"),),
    ),
)


SKU = Arg("sku", str, "product sku from the profile")
PRODUCT_FIELDS = (
    "name", "price", "list_price", "stock", "link_no", "images", "selling_points",
    "guarantee", "usage", "deal",
)  # fmt: skip

SHOW_COMMANDS = (
    CommandSpec(
        "slide.show",
        "Render a product's slide and put it on air in the room's product scene",
        (
            SKU,
            ROOM,
            Arg("override", bool, "push despite prohibited terms (logged)", required=False),
            Arg("switch", bool, "also cut to the product scene", required=False),
        ),
    ),
    CommandSpec("slide.hide", "Take the product slide off air", (ROOM,)),
    CommandSpec(
        "product.set",
        "Change one field of a product (saved to the profile, slide on air refreshed)",
        (
            SKU,
            Arg("field", str, f"one of: {', '.join(PRODUCT_FIELDS)}"),
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
    CommandSpec("slide.next", "Show the slide of the rundown's next product", (ROOM,)),
    CommandSpec("slide.prev", "Show the slide of the rundown's previous product", (ROOM,)),
    CommandSpec(
        "rundown.next", "Go to the next rundown item (a product item shows its slide)", (ROOM,)
    ),
    CommandSpec("rundown.prev", "Go back to the previous rundown item", (ROOM,)),
    CommandSpec(
        "rundown.goto",
        "Go to a rundown item by its number (1 = first) or title",
        (Arg("item", str, "item number or title"), ROOM),
    ),
)


def declare_all(registry: CommandRegistry) -> CommandRegistry:
    """Declare every command of the console on a registry and return it."""
    registry.declare(SCENE_COMMANDS)
    registry.declare(SHOW_COMMANDS)
    registry.declare(BARRAGE_COMMANDS)
    return registry


def catalog() -> CommandRegistry:
    """A registry with every command declared and none bound: enough to validate a profile."""
    return declare_all(CommandRegistry())
