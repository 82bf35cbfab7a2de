"""The host's settings as the rest of the console sees them: per room, and the segments.

Built by :mod:`console.profile.host_schema` from a checked profile; plain and frozen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_LABEL = "AI数字人主播 · 内容由AI生成"


@dataclass(frozen=True)
class Voice:
    """How text becomes speech: espeak-ng (default), a local program, or a local server."""

    kind: str = "espeak"
    espeak_voice: str = "cmn-latn-pinyin"
    command: tuple[str, ...] = ()
    url: str | None = None
    body: dict[str, Any] = field(default_factory=lambda: {"text": "{text}"})
    timeout_s: float = 60.0
    rate: float = 1.0
    pitch: float = 0.0
    volume: float = 1.0
    vary: float = 0.0


@dataclass(frozen=True)
class LiveTalking:
    """An external LiveTalking server driving the digital human."""

    url: str = "http://127.0.0.1:8010"
    session: str = "0"
    timeout_s: float = 3.0
    poll_ms: int = 200
    max_line_s: float = 120.0


@dataclass(frozen=True)
class AutopilotSettings:
    presence_s: float = 600.0
    warn_s: float = 60.0
    safe_scene: str | None = None
    """None: the room's break scene."""


@dataclass(frozen=True)
class Llm:
    """A language model the operator runs, OpenAI-compatible, for drafting answers."""

    url: str
    model: str
    api_key_env: str | None = None
    timeout_s: float = 20.0


@dataclass(frozen=True)
class HostSettings:
    """One room's digital host."""

    engine: str = "tts"
    media_source: str = "Host Media"
    label_source: str = "AI Label"
    label_text: str = DEFAULT_LABEL
    voice: Voice = field(default_factory=Voice)
    livetalking: LiveTalking = field(default_factory=LiveTalking)
    autopilot: AutopilotSettings = field(default_factory=AutopilotSettings)
    llm: Llm | None = None
    pronounce: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Segment:
    """A host segment: an id, an optional product, text and its variants, and/or a clip."""

    id: str
    product: str | None = None
    text: str | None = None
    variants: tuple[str, ...] = ()
    clip: Path | None = None
    rate: float = 1.0
    pitch: float = 0.0
    volume: float = 1.0
    vary: float = 0.0

    @property
    def versions(self) -> tuple[str, ...]:
        """The texts it can be said in: the text first, then its variants."""
        return ((self.text,) if self.text else ()) + self.variants
