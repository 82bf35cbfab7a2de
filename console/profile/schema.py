"""The profile format, declared as data, and its printed reference.

Every key has a type, a default where one makes sense and a one-line help. The validator
walks :data:`PROFILE` to check a profile and :func:`schema_reference` prints it, so the
checks and the documentation cannot drift apart. The reference reads like an annotated
profile: each key is preceded by its help as a comment, shows its default as its value,
and ends with its type and constraints.
"""

from __future__ import annotations

from console.profile.migrate import current_version
from console.profile.spec import (
    COMMAND,
    DIRECTORY,
    FILE,
    HOTKEY,
    INTEGER,
    TEXT,
    ListOf,
    MapOf,
    Node,
    Record,
    Scalar,
)

ENV_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
ENV_MEANS = "an environment variable name (letters, digits and _)"

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
                    "language of the show",
                    "zh-CN",
                    pattern=r"[A-Za-z]{2,3}(-[A-Za-z0-9]+)*",
                    means="a language tag such as zh-CN",
                ),
                "log_dir": Scalar(
                    DIRECTORY, "folder for per-show action logs, relative to the profile", "logs"
                ),
                "logo": Scalar(FILE, "logo image, relative to the profile"),
            },
            "the show as a whole",
        ),
        "rooms": ListOf(
            ROOM,
            "the live rooms this console drives",
            required=True,
            min_items=1,
            unique="id",
            duplicate="duplicate room id {!r}",
        ),
        "hotkeys": MapOf(
            Scalar(
                HOTKEY,
                "modifiers Ctrl/Alt/Shift/Meta joined by + and one key; F1 and ? are reserved",
            ),
            Scalar(COMMAND, "command line run when the key is pressed", required=True),
            "keys bound to command lines, e.g. F2: scene.program Opening",
            duplicate="hotkey {} bound twice",
        ),
        "control": Record(
            {
                "port": Scalar(INTEGER, "local control API port", 8765, minimum=1, maximum=65535),
                "token": Scalar(TEXT, "control API token, written here (prefer token_env)"),
                "token_env": Scalar(
                    TEXT,
                    "environment variable holding the token",
                    pattern=ENV_NAME,
                    means=ENV_MEANS,
                ),
            },
            "local control API (checked now, served by a later version)",
            exclusive=(("token", "token_env"),),
        ),
    },
    "a show profile",
)
"""The current profile format (the one :data:`console.profile.migrate.MIGRATIONS` ends at)."""

_TYPE_COLUMN = 36


def schema_reference() -> str:
    """Every key of the current profile format with its type, default and help, as text."""
    lines = [
        f"# Show profile format, schema_version {current_version()} (YAML, UTF-8).",
        "# Paths are relative to the profile's folder. A key with nothing after it counts",
        "# as not given. Unknown keys are errors.",
    ]
    for key, spec in PROFILE.fields.items():
        lines.append("")
        _render(lines, key, spec, "", "")
    return "\n".join(lines) + "\n"


def _render(lines: list[str], key: str, spec: Node, indent: str, bullet: str) -> None:
    """Append one key (help, key with default, type), then its children one level deeper."""
    lines.append(f"{indent}# {spec.help}")
    head = f"{indent[: len(indent) - len(bullet)]}{bullet}{key}:"
    if isinstance(spec, Scalar) and spec.default is not None:
        head += f" {spec.default}"
    lines.append(f"{head.ljust(_TYPE_COLUMN - 2)}  # {_describe(spec)}")
    inner = indent + "  "
    if isinstance(spec, Record):
        for child_key, child in spec.fields.items():
            _render(lines, child_key, child, inner, "")
    elif isinstance(spec, ListOf) and isinstance(spec.item, Record):
        lines.append(f"{inner}# each entry: {spec.item.help}")
        for index, (child_key, child) in enumerate(spec.item.fields.items()):
            _render(lines, child_key, child, inner + "  ", "" if index else "- ")
    elif isinstance(spec, MapOf):
        lines.append(f"{inner}# <{spec.key.kind.name}>: {spec.key.help}")
        lines.append(f"{inner}# <{spec.value.kind.name}>: {spec.value.help}")
        lines.append(f"{inner}<{spec.key.kind.name}>: <{spec.value.kind.name}>")


def _describe(spec: Node) -> str:
    """Type and constraints of a key, as one phrase."""
    parts: list[str] = []
    if isinstance(spec, Scalar):
        parts.append(spec.kind.name)
        if spec.minimum is not None and spec.maximum is not None:
            parts.append(f"{spec.minimum}..{spec.maximum}")
        elif spec.minimum is not None:
            parts.append(f">= {spec.minimum}")
        if spec.means:
            parts.append(spec.means)
        if spec.default_from:
            parts.append(f"default: same as {spec.default_from}")
    elif isinstance(spec, Record):
        parts.append("mapping")
        parts.extend(f"{a} and {b} exclusive" for a, b in spec.exclusive)
    elif isinstance(spec, ListOf):
        parts.append("list")
        if spec.min_items:
            parts.append(f"at least {spec.min_items}")
        if spec.unique:
            parts.append(f"{spec.unique}s unique")
    else:
        parts.append(f"mapping of {spec.key.kind.name} to {spec.value.kind.name}")
    if spec.required:
        parts.append("required")
    return "; ".join(parts)
