"""The show profile as the rest of the console sees it: plain, frozen, already checked.

These classes are only ever built by the loader from a profile that passed validation, so
the code that uses them never re-checks types, ranges or cross-references. Products are the
show's own :class:`~console.show.product.Product`, the prohibited terms its
:class:`~console.show.compliance.TermList` and the moderation rules the barrage's
:class:`~console.barrage.config.ModerationConfig`: the profile builds exactly what those
services take.

``console.show`` is imported only when a profile is loaded, never by importing this
package: its ``__init__`` loads the slide renderer (QtGui), and the profile package must
stay importable without Qt.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from console.barrage.config import ModerationConfig
from console.commands import Invocation
from console.logfile import LOG_MAX_MB, MB
from console.profile.host_model import HostSettings, Segment
from console.profile.layout_model import Layout
from console.profile.monitors import Monitors

if TYPE_CHECKING:
    from console.barrage.sources.mapping import FieldMapping
    from console.show.compliance import TermList
    from console.show.product import Product


class MissingSecret(Exception):
    """A secret is meant to come from an environment variable that is not set.

    Raised when the secret is needed (at connect time), not when the profile loads: a
    profile prepared on one machine stays valid on another that sets the variable later.
    """


@dataclass(frozen=True)
class Show:
    """What the show is called and where it keeps its files."""

    title: str
    locale: str | None
    """The window's language (``zh-CN``, ``en``); None: the system's."""
    log_dir: Path
    """Folder for the per-show action logs, absolute (resolved against the profile's folder)."""
    logo: Path | None
    """Absolute path of an existing image file, or None."""
    log_max_mb: int = LOG_MAX_MB
    """Size in MB at which each log file is rotated."""

    @property
    def log_max_bytes(self) -> int:
        return self.log_max_mb * MB


@dataclass(frozen=True)
class ObsEndpoint:
    """Where a room's OBS Studio listens (obs-websocket) and how to authenticate."""

    host: str
    port: int
    password: str | None
    password_env: str | None

    def resolve_password(self) -> str:
        """The password to send: written in the profile, read from the environment, or ""."""
        if self.password is not None:
            return self.password
        return _secret_from(self.password_env)


@dataclass(frozen=True)
class Scenes:
    """OBS scene names for the roles the console cuts to; None where the show has none."""

    opening: str | None
    host: str | None
    product: str | None
    break_: str | None
    """The ``break`` key in YAML (a Python keyword, hence the underscore)."""
    others: tuple[str, ...] = ()
    """The room's other OBS scenes that command lines name."""


@dataclass(frozen=True)
class Transition:
    """The scene transition a room uses for takes."""

    name: str
    duration_ms: int


@dataclass(frozen=True)
class Room:
    """One live room: its own OBS, its scenes and its transition."""

    id: str
    name: str
    obs: ObsEndpoint
    scenes: Scenes
    transition: Transition
    slide_source: str = "Product Slide"
    """OBS image source the product slide is pushed to."""
    comment_source: str = "Pinned Comment"
    """OBS text source that shows pinned viewer comments."""
    canvas: tuple[int, int] | None = None
    """(width, height) slides are rendered at; None: ask OBS for its canvas size."""
    host: HostSettings = field(default_factory=HostSettings)
    """The room's digital host (engine, OBS sources, voice, autopilot)."""
    monitors: Monitors = field(default_factory=Monitors)
    """The room's live monitors of program and preview (its own setting, else the show's)."""
    layout: Layout = field(default_factory=Layout)
    """Where the host, the slide, the comment and the label go on the canvas."""


@dataclass(frozen=True)
class Hotkey:
    """A key bound to a command line, with where the binding is written in the profile."""

    key: str
    """Canonical, Qt-portable key text such as ``Ctrl+Shift+F5``."""
    command: str
    line: int
    col: int
    invocation: Invocation
    """The command line as checked at load: a press runs it without parsing it again."""
    is_global: bool = False
    """Also fires while another application has focus (``global: true``)."""


@dataclass(frozen=True)
class Control:
    """The local control API: where it listens and the token every request must carry."""

    enabled: bool
    host: str
    port: int
    token: str | None
    token_env: str | None
    allow_remote: bool
    """Serve on an address other than loopback (only when the profile says so)."""

    def resolve_token(self) -> str:
        """The token: written in the profile or read from the environment; MissingSecret
        when it is meant to come from a variable that is not set."""
        if self.token is not None:
            return self.token
        return _secret_from(self.token_env)


def _secret_from(variable: str | None) -> str:
    """The value of an environment variable named in the profile, or "" if none is named."""
    if variable is None:
        return ""
    try:
        return os.environ[variable]
    except KeyError:
        raise MissingSecret(f"environment variable {variable} is not set") from None


def _default_terms() -> TermList:
    from console.show.compliance import TermList

    return TermList()


@dataclass(frozen=True)
class RundownItem:
    """One item of the show's run, in order: opening, a product, a host segment, a break."""

    kind: str
    """``opening``, ``product``, ``segment`` or ``break``."""
    title: str
    """As written, else the product's name (product items) or the kind."""
    sku: str | None = None
    """The product a product item presents (always one of ``Profile.products``)."""
    planned_s: int | None = None
    """Planned duration in seconds, if the profile gives one."""


@dataclass(frozen=True)
class WebSocketSourceSettings:
    """Comments from a local grabber's WebSocket."""

    name: str
    """A label for the operator, such as ``websocket ws://127.0.0.1:8888``."""
    room: str
    """A room id, or ``console.barrage.message.ALL_ROOMS`` for every room."""
    url: str
    preset: str
    """Frame shape: ``type_data``, ``msg_type`` or ``mapping``."""
    mapping: FieldMapping | None = None
    """The field paths (always set with preset ``mapping``, never otherwise)."""

    @property
    def shape(self) -> str | FieldMapping:
        """What ``WebSocketSource(shape=...)`` takes: the mapping, else the preset's name."""
        return self.mapping if self.mapping is not None else self.preset


@dataclass(frozen=True)
class TwitchSourceSettings:
    """Comments from a Twitch channel's chat (IRC)."""

    name: str
    room: str
    channel: str
    """Lower case, without ``#``."""
    nick: str | None
    token_env: str | None
    host: str = "irc.chat.twitch.tv"
    port: int = 6697
    tls: bool = True

    def resolve_token(self) -> str:
        """The OAuth token from the environment, or "" to read anonymously."""
        return _secret_from(self.token_env)


@dataclass(frozen=True)
class ReplaySourceSettings:
    """Comments played back from a JSONL recording."""

    name: str
    room: str
    file: Path
    """Absolute path of an existing file."""
    speed: float = 1.0
    """1.0 is real time; ``math.inf`` is as fast as possible."""
    loop: bool = False


BarrageSourceSettings = WebSocketSourceSettings | TwitchSourceSettings | ReplaySourceSettings


@dataclass(frozen=True)
class Barrage:
    """Where viewer comments come from and how they are moderated."""

    sources: tuple[BarrageSourceSettings, ...] = ()
    moderation: ModerationConfig = field(default_factory=ModerationConfig)
    pin_seconds: int = 15
    """How long a pinned comment stays on screen."""
    log_dir: Path | None = None
    """Folder for the barrage log, absolute; None: the show's ``log_dir``."""


@dataclass(frozen=True)
class Profile:
    """A whole show profile, checked and with every default filled in."""

    path: Path
    """Absolute path of the profile file."""
    schema_version: int
    """The format version the file declares (older files are upgraded in memory only)."""
    show: Show
    rooms: tuple[Room, ...]
    hotkeys: tuple[Hotkey, ...]
    control: Control
    products: tuple[Product, ...] = ()
    """The catalogue, in profile order (skus and link numbers unique)."""
    compliance: TermList = field(default_factory=_default_terms)
    """The show's prohibited terms and allowed exceptions."""
    rundown: tuple[RundownItem, ...] = ()
    barrage: Barrage = field(default_factory=Barrage)
    segments: tuple[Segment, ...] = ()
    """The host segments, in profile order (ids unique)."""

    def product(self, sku: str) -> Product:
        """The product with this sku; KeyError if there is none."""
        for product in self.products:
            if product.sku == sku:
                return product
        raise KeyError(f"no product {sku!r} in this profile")

    def room(self, room_id: str) -> Room:
        """The room with this id; KeyError naming the known ids if there is none."""
        for room in self.rooms:
            if room.id == room_id:
                return room
        known = ", ".join(room.id for room in self.rooms)
        raise KeyError(f"no room {room_id!r} in this profile (rooms: {known})")
