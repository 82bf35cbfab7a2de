"""The profile format, declared as data, and its printed reference.

Every key has a type, a default where one makes sense and a one-line help. The validator
walks :data:`PROFILE` to check a profile and :func:`console.profile.reference.schema_reference`
prints it, so the checks and the documentation cannot drift apart. The sections for
products, compliance, the rundown and the barrage are declared in their own modules.
"""

from __future__ import annotations

from console.logfile import GENERATIONS, LOG_MAX_MB
from console.profile.barrage_schema import BARRAGE
from console.profile.compliance_check import COMPLIANCE
from console.profile.host_schema import HOST, SEGMENTS
from console.profile.layout_schema import LAYOUT
from console.profile.monitors import MONITORS, ROOM_MONITORS
from console.profile.products import PRODUCTS
from console.profile.rundown import RUNDOWN
from console.profile.spec import (
    COMMAND,
    DIRECTORY,
    FILE,
    HOTKEY,
    INTEGER,
    TEXT,
    ListOf,
    MapOf,
    Record,
    Scalar,
)
from console.profile.values import BOOLEAN, ENV_MEANS, ENV_NAME

OBS = Record(
    {
        "host": Scalar(
            TEXT,
            "host name or IP address of the OBS machine",
            "127.0.0.1",
            pattern=r"\S+",
            means="a host name or address without spaces",
        ),
        "port": Scalar(
            INTEGER,
            "obs-websocket port (OBS: Tools › WebSocket Server Settings)",
            4455,
            minimum=1,
            maximum=65535,
        ),
        "password": Scalar(TEXT, "obs-websocket password, written here (prefer password_env)"),
        "password_env": Scalar(
            TEXT,
            "environment variable holding the password, read at connect time",
            pattern=ENV_NAME,
            means=ENV_MEANS,
        ),
    },
    "how to reach the room's OBS Studio",
    exclusive=(("password", "password_env"),),
)

SCENES = Record(
    {
        "opening": Scalar(TEXT, "OBS scene shown before the host starts"),
        "host": Scalar(TEXT, "OBS scene with the digital host talking"),
        "product": Scalar(TEXT, "OBS scene with the product being explained"),
        "break": Scalar(TEXT, "OBS scene for pauses"),
        "others": ListOf(
            Scalar(TEXT, "an OBS scene name"),
            "the room's other OBS scenes that command lines name (once a room declares "
            "scenes, --check refuses a hotkey to a scene no room declares)",
        ),
    },
    "OBS scene names for each role of the show (all optional)",
)

TRANSITION = Record(
    {
        "name": Scalar(TEXT, "OBS transition name", "Fade"),
        "duration_ms": Scalar(
            INTEGER, "transition duration in milliseconds", 300, minimum=0, maximum=20000
        ),
    },
    "transition used when taking preview to program",
)

CANVAS = Record(
    {
        "width": Scalar(INTEGER, "width in pixels", required=True, minimum=16, maximum=16384),
        "height": Scalar(INTEGER, "height in pixels", required=True, minimum=16, maximum=16384),
    },
    "size slides are rendered at; leave out to use the OBS canvas size",
    optional=True,
)

ROOM = Record(
    {
        "id": Scalar(
            TEXT,
            "short id used in commands (room=main)",
            required=True,
            pattern=r"[a-z0-9_-]+",
            means="lowercase letters, digits, _ and -",
        ),
        "name": Scalar(TEXT, "name shown to the operator", default_from="id"),
        "obs": OBS,
        "scenes": SCENES,
        "transition": TRANSITION,
        "slide_source": Scalar(
            TEXT, "OBS image source the product slide is pushed to", "Product Slide"
        ),
        "comment_source": Scalar(
            TEXT, "OBS text source that shows pinned viewer comments", "Pinned Comment"
        ),
        "canvas": CANVAS,
        "host": HOST,
        "monitors": ROOM_MONITORS,
        "layout": LAYOUT,
    },
    "one live room, with its own OBS Studio",
)

PROFILE = Record(
    {
        "schema_version": Scalar(
            INTEGER, "format version of this file; older ones are upgraded on load", 1, minimum=1
        ),
        "show": Record(
            {
                "title": Scalar(TEXT, "show title, shown in the window title", "Untitled show"),
                "locale": Scalar(
                    TEXT,
                    "language of the show and the window (zh-CN or en; left out: the system's)",
                    None,
                    pattern=r"[A-Za-z]{2,3}(-[A-Za-z0-9]+)*",
                    means="a language tag such as zh-CN",
                ),
                "log_dir": Scalar(
                    DIRECTORY, "folder for per-show action logs, relative to the profile", "logs"
                ),
                "logo": Scalar(FILE, "logo image, relative to the profile"),
                "log_max_mb": Scalar(
                    INTEGER,
                    f"size in MB at which a log file is rotated ({GENERATIONS} older ones kept)",
                    LOG_MAX_MB,
                    minimum=1,
                    maximum=1_000_000,
                ),
            },
            "the show as a whole",
        ),
        "rooms": ListOf(
            ROOM,
            "the live rooms this console drives",
            required=True,
            min_items=1,
            unique=(("id", "duplicate room id {!r}"),),
        ),
        "hotkeys": MapOf(
            Scalar(
                HOTKEY,
                "modifiers Ctrl/Alt/Shift/Meta joined by + and one key; F1 and ? are reserved",
            ),
            Record(
                {
                    "command": Scalar(
                        COMMAND, "command line run when the key is pressed", required=True
                    ),
                    "global": Scalar(
                        BOOLEAN,
                        "also fire while another application (OBS) has focus; needs a "
                        "function key or Ctrl, Alt or Meta",
                        False,
                    ),
                },
                "or, as a mapping: the command line and whether the key is global",
                shorthand="command",
            ),
            "keys bound to command lines, e.g. F2: scene.program Opening, or "
            "F2: {command: scene.program Opening, global: true}",
            duplicate="hotkey {} bound twice",
        ),
        "control": Record(
            {
                "enabled": Scalar(BOOLEAN, "serve the control API (it also needs a token)", True),
                "host": Scalar(
                    TEXT,
                    "address to listen on; anything but loopback needs allow_remote: true",
                    "127.0.0.1",
                    pattern=r"\S+",
                    means="an address without spaces",
                ),
                "port": Scalar(
                    INTEGER, "control API port (0: any free port)", 8765, minimum=0, maximum=65535
                ),
                "token": Scalar(TEXT, "control API token, written here (prefer token_env)"),
                "token_env": Scalar(
                    TEXT,
                    "environment variable holding the token, read at start",
                    pattern=ENV_NAME,
                    means=ENV_MEANS,
                ),
                "allow_remote": Scalar(
                    BOOLEAN, "let other machines reach the API (host other than loopback)", False
                ),
            },
            "local HTTP control API for Stream Deck (Companion), scripts and other tools",
            exclusive=(("token", "token_env"),),
        ),
        "products": PRODUCTS,
        "compliance": COMPLIANCE,
        "rundown": RUNDOWN,
        "barrage": BARRAGE,
        "segments": SEGMENTS,
        "monitors": MONITORS,
    },
    "a show profile",
)
"""The current profile format (the one :data:`console.profile.migrate.MIGRATIONS` ends at)."""
