"""The ``clip`` and ``tts`` engines: a file through the room's host media source in OBS.

``clip`` plays a segment's pre-rendered clip (the digital human speaking) as it is; a line
without a clip (free text, an answer) is spoken by the room's speech engine through the
same source, so an answer never needs a clip made for it. ``tts`` speaks every line's text.
Speech is synthesised off the GUI thread and cached (:mod:`console.host.speech_cache`).
"""

from __future__ import annotations

import random
import time
from concurrent.futures import ThreadPoolExecutor

from console.host.engine import EngineError, Playback, Take
from console.host.espeak import EngineMissing
from console.host.lines import Line
from console.host.media import HostMedia
from console.host.prosody import pick_variant
from console.host.speech_cache import SpeechCache
from console.host.synth import SynthesisFailed


class MediaEngine:
    """Clips and synthesised speech through one OBS media source."""

    def __init__(
        self,
        name: str,
        media: HostMedia,
        speech: SpeechCache,
        executor: ThreadPoolExecutor | None = None,
    ) -> None:
        """``executor``: the synthesis thread(s) this engine owns and shuts down."""
        if name not in ("clip", "tts"):
            raise ValueError(f"not a media engine: {name}")
        self.name = name
        self.media = media
        self.speech = speech
        self._last_variant: dict[str, int] = {}
        self._draw = random.Random()
        self._executor = executor

    async def prepare(self, line: Line) -> Take:
        t0 = time.perf_counter()
        if self.name == "clip" and line.clip is not None:
            if not line.clip.is_file():
                raise EngineError(f"clip not found: {line.clip}")
            return Take(line, file=line.clip, cached=True)
        if not line.text:
            raise EngineError(f"{line.title}: nothing to say (no text, no clip)")
        variant = pick_variant(line.prosody, self._last_variant.get(line.text), self._draw)
        prosody = line.prosody.variant(variant)
        cached = self.speech.cached(line.text, prosody)
        try:
            file = await self.speech.get(line.text, prosody)
        except (SynthesisFailed, EngineMissing, ValueError, OSError) as exc:
            raise EngineError(f"speech for {line.title} not made: {exc}") from None
        self._last_variant[line.text] = variant
        elapsed = (time.perf_counter() - t0) * 1e3
        return Take(line, file=file, text=line.text, prepared_ms=elapsed, cached=cached)

    async def start(self, take: Take) -> Playback:
        return await self.media.play(take)

    async def stop(self) -> None:
        await self.media.stop()

    async def ahead(self, lines: list[Line]) -> int:
        spoken = [
            (line.text, line.prosody.variant(0))
            for line in lines
            if line.text and not (self.name == "clip" and line.clip is not None)
        ]
        return await self.speech.ahead(spoken)

    async def close(self) -> None:
        await self.media.close()
        await self.speech.close()
        if self._executor is not None:
            self._executor.shutdown(wait=True)
