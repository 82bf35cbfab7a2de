"""A room's host made from its profile settings: engine, OBS sources, voice, autopilot."""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from console.host.air_log import AirLog
from console.host.autopilot import Autopilot, Presence, Script
from console.host.draft import Drafter
from console.host.engine import Engine
from console.host.espeak import Espeak
from console.host.host import LineStarted, RoomHost
from console.host.label import AiLabel
from console.host.lines import Line
from console.host.livetalking import LiveTalkingEngine
from console.host.media import HostMedia, MediaLink
from console.host.media_engine import MediaEngine
from console.host.prosody import Prosody
from console.host.speech_cache import SpeechCache, default_cache_dir
from console.host.synth import CommandSynth, HttpSynth, OffThread, Synthesizer
from console.profile import Profile, Room
from console.profile.host_facts import render
from console.profile.host_model import Segment, Voice
from console.show.product import Product


def synthesizer(
    voice: Voice, executor: ThreadPoolExecutor, pronounce: dict[str, str]
) -> Synthesizer:
    """The room's speech engine: espeak-ng by default, or the profile's command or server."""
    if voice.kind == "command":
        return OffThread(CommandSynth(voice.command, voice.timeout_s), executor)
    if voice.kind == "http":
        assert voice.url is not None, "checked by the profile"
        return HttpSynth(voice.url, voice.body, executor, voice.timeout_s)
    return OffThread(Espeak(voice.espeak_voice, pronounce), executor)


def segment_prosody(segment: Segment, voice: Voice) -> Prosody:
    """A segment's prosody: its own where it sets one, the room's voice otherwise."""
    return Prosody(
        rate=segment.rate if segment.rate != 1.0 else voice.rate,
        pitch=segment.pitch if segment.pitch != 0.0 else voice.pitch,
        volume=segment.volume if segment.volume != 1.0 else voice.volume,
        vary=segment.vary if segment.vary != 0.0 else voice.vary,
    )


def product_order(profile: Profile) -> list[str]:
    """The products the autopilot cycles: the rundown's, else the catalogue's, in order."""
    skus = [item.sku for item in profile.rundown if item.sku is not None]
    return list(dict.fromkeys(skus or [p.sku for p in profile.products]))


def make_host(
    profile: Profile,
    room: Room,
    link: MediaLink,
    products: Mapping[str, Product],
    air_log: AirLog,
    on_line_start: LineStarted | None = None,
    to_safe_scene: Callable[[], Coroutine[Any, Any, None]] | None = None,
    cache_dir: Path | None = None,
) -> RoomHost:
    """The digital host of ``room``, on the room's OBS ``link``."""
    settings = room.host
    engine: Engine
    if settings.engine == "livetalking":
        engine = LiveTalkingEngine(settings.livetalking)
    else:
        # A plain thread, shut down by the engine: qasync's default executor runs QThreads.
        executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"speech-{room.id}")
        synth = synthesizer(settings.voice, executor, dict(settings.pronounce))
        cache = SpeechCache(synth, cache_dir or default_cache_dir(room.id))
        media = HostMedia(link, settings.media_source, room.layout)
        engine = MediaEngine(settings.engine, media, cache, executor)
    scripts = [
        Script(s.id, s.product, s.versions, s.clip, segment_prosody(s, settings.voice))
        for s in profile.segments
        if s.product is not None
    ]

    def fill(text: str, sku: str | None) -> str:
        return render(text, products.get(sku) if sku else None)

    presence = Presence(settings.autopilot.presence_s, settings.autopilot.warn_s)
    autopilot = Autopilot(
        room.id,
        product_order(profile),
        scripts,
        presence,
        air_log,
        to_safe_scene,
        render=fill,
    )
    label = AiLabel(link, settings.label_source, settings.label_text, room.layout)
    ahead = [
        Line(s.id, fill(text, s.product), prosody=segment_prosody(s, settings.voice))
        for s in profile.segments
        for text in s.versions
    ]
    host = RoomHost(
        room.id, engine, label, profile.compliance, air_log, autopilot, on_line_start, ahead
    )
    host.products = products
    if settings.llm is not None:
        host.drafter = Drafter(settings.llm)
    return host
