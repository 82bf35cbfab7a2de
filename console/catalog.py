"""Every command the console declares, as plain data, in one leaf module.

The profile validator checks hotkeys against this catalogue without importing any feature
(no Qt, no barrage, no OBS client); the running console binds handlers to the same specs
when it is built, and the window binds the few that act on what it shows (the room the
operator works in, the feed's selection, pause and filter). Nothing here imports more
than the registry's vocabulary.
"""

from __future__ import annotations

from console import product_fields
from console.commands import ROOM_ARG, Arg, ArgKind, CommandRegistry, CommandSpec
from console.text import Text

SCENE = Arg("scene", str, Text("catalog", "scene name as OBS shows it"), kind=ArgKind.SCENE)

SCENE_COMMANDS = (
    CommandSpec(
        "scene.program",
        Text("catalog", "Cut the room's program output to a scene"),
        (SCENE,),
        room=True,
    ),
    CommandSpec(
        "scene.preview",
        Text("catalog", "Put a scene in preview (studio mode)"),
        (SCENE,),
        room=True,
    ),
    CommandSpec(
        "scene.take",
        Text("catalog", "Transition preview to program with the chosen transition (studio mode)"),
        room=True,
    ),
    CommandSpec("studio.toggle", Text("catalog", "Turn studio mode on or off"), room=True),
    CommandSpec(
        "transition.set",
        Text("catalog", "Choose the scene transition and, optionally, its duration"),
        (
            Arg(
                "transition",
                str,
                Text("catalog", "transition name as OBS shows it"),
                kind=ArgKind.TRANSITION,
            ),
            Arg("duration", int, Text("catalog", "duration in ms"), required=False),
        ),
        room=True,
    ),
    CommandSpec("stream.toggle", Text("catalog", "Start or stop streaming"), room=True),
    CommandSpec("record.toggle", Text("catalog", "Start or stop recording"), room=True),
    CommandSpec(
        "obs.ping",
        Text("catalog", "Ask the room's OBS for its version and time the answer"),
        room=True,
    ),
    CommandSpec(
        "obs.reconnect",
        Text("catalog", "Reconnect to the room's OBS now, skipping the wait"),
        room=True,
    ),
    CommandSpec(
        "obs.check",
        Text(
            "catalog",
            "Report what the show needs that the room's OBS lacks or has otherwise "
            "(changes nothing)",
        ),
        room=True,
    ),
    CommandSpec(
        "obs.setup",
        Text(
            "catalog",
            "Create in the room's OBS what the show needs and it lacks: scenes, sources, overlays, "
            "laid out by the profile (never changes or removes anything else)",
        ),
        room=True,
    ),
    CommandSpec(
        "room.restore",
        Text(
            "catalog",
            "Put back what the show had on air (program, slide, pin) after OBS came back otherwise",
        ),
        room=True,
    ),
)

WINDOW_COMMANDS = (
    CommandSpec(
        "room.select",
        Text("catalog", "Work in a room: the window's commands without room= act on it"),
        (Arg("room", str, Text("catalog", "room id from the profile"), kind=ArgKind.ROOM),),
    ),
    CommandSpec(
        "window.language",
        Text("catalog", "Show the window in another language (Ctrl+Alt+L: the other one)"),
        (
            Arg(
                "language",
                str,
                Text("catalog", "zh-CN or en (default: the other one)"),
                required=False,
                choices=("zh-CN", "en"),
            ),
        ),
    ),
)

SKU = Arg("sku", str, Text("catalog", "product sku from the profile"), kind=ArgKind.SKU)

ITEM = Arg("item", str, Text("catalog", "item number or title"), kind=ArgKind.ITEM)

SHOW_COMMANDS = (
    CommandSpec(
        "slide.show",
        Text("catalog", "Render a product's slide and put it on air in the room's product scene"),
        (
            SKU,
            Arg(
                "override",
                bool,
                Text("catalog", "push despite prohibited terms (logged)"),
                required=False,
            ),
            Arg("switch", bool, Text("catalog", "also cut to the product scene"), required=False),
        ),
        room=True,
    ),
    CommandSpec("slide.hide", Text("catalog", "Take the product slide off air"), room=True),
    CommandSpec(
        "product.set",
        Text(
            "catalog",
            "Change one field of a product (saved to the profile, slide on air refreshed)",
        ),
        (
            SKU,
            Arg(
                "field",
                str,
                Text("catalog", "one of: {fields}").format(fields=", ".join(product_fields.NAMES)),
                choices=tuple(product_fields.NAMES),
            ),
            Arg(
                "value",
                str,
                Text("catalog", "new value; lists take a|b|c; deal takes START END PRICE"),
            ),
        ),
    ),
    CommandSpec(
        "product.add",
        Text("catalog", "Add a product to the catalogue (saved to the profile)"),
        (
            Arg("sku", str, Text("catalog", "the new product's sku")),
            Arg("name", str, Text("catalog", "product name")),
            Arg("price", str, Text("catalog", "price, e.g. 69")),
        ),
    ),
    CommandSpec(
        "product.move",
        Text(
            "catalog",
            "Move a product to a position in the catalogue (1 = first; saved to the profile)",
        ),
        (SKU, Arg("position", int, Text("catalog", "new position, 1 = first"))),
    ),
    CommandSpec(
        "slide.next", Text("catalog", "Show the slide of the rundown's next product"), room=True
    ),
    CommandSpec(
        "slide.prev", Text("catalog", "Show the slide of the rundown's previous product"), room=True
    ),
    # The rundown is show-wide: it moves once, and a product item's slide goes to the
    # rooms named (room=all: every room), so these take room= without being room commands.
    CommandSpec(
        "rundown.next",
        Text("catalog", "Go to the next rundown item (a product item shows its slide)"),
        (ROOM_ARG,),
    ),
    CommandSpec(
        "rundown.prev", Text("catalog", "Go back to the previous rundown item"), (ROOM_ARG,)
    ),
    CommandSpec(
        "rundown.goto",
        Text("catalog", "Go to a rundown item by its number (1 = first) or title"),
        (ITEM, ROOM_ARG),
    ),
    CommandSpec(
        "rundown.move",
        Text(
            "catalog", "Move a rundown item to another position (1 = first; saved to the profile)"
        ),
        (ITEM, Arg("position", int, Text("catalog", "new position"))),
    ),
)

FILTER_MODES = {
    "all": Text("catalog", "All"),
    "questions": Text("catalog", "Questions"),
    "gifts": Text("catalog", "Gifts and orders"),
    "product": Text("catalog", "Mentions"),
}
"""What the feed can show (everything, questions, gifts and orders, or one product's
mentions), with the label the window gives each."""

ID = Arg("id", str, Text("catalog", "message id (default: the selected message)"), required=False)

BARRAGE_COMMANDS = (
    CommandSpec(
        "barrage.approve",
        Text("catalog", "Let a held comment through (it may then be pinned)"),
        (ID,),
    ),
    CommandSpec(
        "barrage.reject", Text("catalog", "Reject a held comment; selects the next held one"), (ID,)
    ),
    CommandSpec(
        "barrage.release",
        Text(
            "catalog",
            "Let a blocked comment through as a false alarm "
            "(counted per rule; it may then be pinned)",
        ),
        (ID,),
    ),
    CommandSpec(
        "barrage.ban",
        Text(
            "catalog",
            "Ban a comment's author in every room: later messages blocked, held ones rejected, "
            "pin cleared",
        ),
        (ID,),
    ),
    CommandSpec(
        "barrage.unban",
        Text(
            "catalog", "Lift a ban made during the show (default: on the selected message's author)"
        ),
        (
            Arg(
                "user",
                str,
                Text(
                    "catalog",
                    "the user as the ban list shows it, or their id or name (default: the "
                    "selected message's author)",
                ),
                required=False,
            ),
        ),
    ),
    CommandSpec(
        "barrage.pin",
        Text(
            "catalog", "Show an approved or passed comment on air through the room's comment source"
        ),
        (
            ID,
            Arg(
                "seconds",
                int,
                Text("catalog", "seconds on screen (default: the profile's)"),
                required=False,
            ),
        ),
        room=True,
    ),
    CommandSpec("barrage.unpin", Text("catalog", "Take the pinned comment off air"), room=True),
    CommandSpec(
        "barrage.answer",
        Text(
            "catalog",
            "Propose the product FAQ answer to a viewer's question, for the host to say once "
            "confirmed (host.answer)",
        ),
        (
            ID,
            Arg(
                "sku",
                str,
                Text("catalog", "product (default: the one the question names)"),
                False,
                kind=ArgKind.SKU,
            ),
        ),
    ),
)

FEED_COMMANDS = (
    CommandSpec(
        "barrage.pause",
        Text("catalog", "Hold the feed still; comments keep coming and are counted"),
    ),
    CommandSpec("barrage.resume", Text("catalog", "Let the feed scroll again")),
    CommandSpec(
        "barrage.filter",
        Text(
            "catalog", "Show all comments, questions, gifts and orders, or one product's mentions"
        ),
        (
            Arg("mode", str, " | ".join(FILTER_MODES), choices=tuple(FILTER_MODES)),
            Arg(
                "sku",
                str,
                Text("catalog", "product sku (with mode product)"),
                False,
                kind=ArgKind.SKU,
            ),
        ),
    ),
    CommandSpec(
        "barrage.select",
        Text(
            "catalog",
            "Select the next or previous comment of the list shown (held or blocked), or a "
            "message by id",
        ),
        (
            Arg(
                "which",
                str,
                Text("catalog", "next, previous or a message id"),
                choices=("next", "previous"),
                free_text=True,
            ),
        ),
    ),
)

AUTOPILOT_ACTIONS = ("start", "pause", "resume", "stop")

OVERRIDE = Arg(
    "override", bool, Text("catalog", "air it despite prohibited terms (logged)"), required=False
)
WHAT = Arg(
    "what",
    str,
    Text("catalog", "a segment id from the profile, or the text to say"),
    kind=ArgKind.SEGMENT,
    free_text=True,
)

HOST_COMMANDS = (
    CommandSpec(
        "host.play",
        Text("catalog", "Queue a host segment (scripted copy: after what is queued)"),
        (
            Arg(
                "segment", str, Text("catalog", "segment id from the profile"), kind=ArgKind.SEGMENT
            ),
            OVERRIDE,
        ),
        room=True,
    ),
    CommandSpec(
        "host.say",
        Text(
            "catalog",
            "The host says free text (preempts scripted copy, waits for an answer on air)",
        ),
        (Arg("text", str, Text("catalog", "what to say")), OVERRIDE),
        room=True,
    ),
    CommandSpec(
        "host.insert",
        Text(
            "catalog",
            "Play a segment or text right after the current line, without cutting it (插播)",
        ),
        (WHAT, OVERRIDE),
        room=True,
    ),
    CommandSpec(
        "host.interrupt",
        Text(
            "catalog",
            "Cut in now with a segment or text; the line cut off is said again after (急插)",
        ),
        (WHAT, OVERRIDE),
        room=True,
    ),
    CommandSpec(
        "host.stop",
        Text("catalog", "Panic: silence the host now, clear its queue, pause the autopilot"),
        room=True,
    ),
    CommandSpec(
        "host.skip", Text("catalog", "End the line on air; the next one follows"), room=True
    ),
    CommandSpec(
        "host.answer",
        Text(
            "catalog",
            "The host answers a viewer (preempts copy): the answer proposed, or as edited in text",
        ),
        (
            Arg("text", str, Text("catalog", "the answer as it will be said"), required=False),
            Arg("question", str, Text("catalog", "the viewer's question"), required=False),
            Arg("sku", str, Text("catalog", "the product it is about"), False, kind=ArgKind.SKU),
            OVERRIDE,
        ),
        room=True,
    ),
    CommandSpec(
        "host.draft",
        Text(
            "catalog",
            "Draft an answer with the show's language model, grounded in the product (shown for "
            "confirmation, never aired without it)",
        ),
        (
            Arg("question", str, Text("catalog", "the viewer's question")),
            Arg(
                "sku",
                str,
                Text("catalog", "the product (default: the one the question names)"),
                False,
                kind=ArgKind.SKU,
            ),
        ),
        room=True,
    ),
    CommandSpec(
        "host.autopilot",
        Text("catalog", "Start, pause, resume or stop the room's unattended loop"),
        (Arg("action", str, " | ".join(AUTOPILOT_ACTIONS), choices=AUTOPILOT_ACTIONS),),
        room=True,
    ),
    CommandSpec(
        "host.confirm",
        Text("catalog", "The operator is here: resets the autopilot's presence check"),
        room=True,
    ),
    CommandSpec(
        "host.move",
        Text("catalog", "Move a waiting line in the host's queue (1 = next)"),
        (
            Arg("line", int, Text("catalog", "line number as the queue shows it")),
            Arg("position", int, Text("catalog", "1 = next")),
        ),
        room=True,
    ),
    CommandSpec(
        "host.drop",
        Text("catalog", "Take a waiting line out of the host's queue"),
        (Arg("line", int, Text("catalog", "line number as the queue shows it")),),
        room=True,
    ),
    CommandSpec(
        "host.label",
        Text(
            "catalog",
            "Show or hide the AI-host label (it cannot be hidden while the host is on air)",
        ),
        (Arg("show", bool, Text("catalog", "true to show and check it, false to hide it")),),
        room=True,
    ),
)

ALL_COMMANDS = (
    *SCENE_COMMANDS,
    *WINDOW_COMMANDS,
    *SHOW_COMMANDS,
    *BARRAGE_COMMANDS,
    *FEED_COMMANDS,
    *HOST_COMMANDS,
)


def declare_all(registry: CommandRegistry) -> CommandRegistry:
    """Declare every command of the console on a registry and return it."""
    registry.declare(ALL_COMMANDS)
    return registry


def catalog() -> CommandRegistry:
    """A registry with every command declared and none bound: enough to validate a profile."""
    return declare_all(CommandRegistry())
