"""Barrage sources: a grabber's WebSocket, Twitch IRC, and recordings played back."""

from console.barrage.sources.base import (
    Backoff,
    BadFrame,
    Sink,
    Source,
    SourceCounters,
    SourceError,
    SourceFailed,
    SourcePhase,
    SourceState,
)
from console.barrage.sources.mapping import MSG_TYPE, PRESETS, TYPE_DATA, FieldMapping
from console.barrage.sources.replay import Clock, RealClock, ReplaySource
from console.barrage.sources.twitch import TwitchSource
from console.barrage.sources.websocket import WebSocketSource

__all__ = [
    "MSG_TYPE",
    "PRESETS",
    "TYPE_DATA",
    "Backoff",
    "BadFrame",
    "Clock",
    "FieldMapping",
    "RealClock",
    "ReplaySource",
    "Sink",
    "Source",
    "SourceCounters",
    "SourceError",
    "SourceFailed",
    "SourcePhase",
    "SourceState",
    "TwitchSource",
    "WebSocketSource",
]
