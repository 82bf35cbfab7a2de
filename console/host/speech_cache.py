"""Synthesised lines kept as files, by text, voice and prosody; rundown lines made ahead.

The first play of a scripted line must not wait for synthesis: when the show opens, every
line the rundown will say is synthesised ahead (:meth:`SpeechCache.ahead`). A line asked for
twice while it is being made is made once. Files are written under a temporary name and
moved into place, so a file in the cache is always complete.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from console.host.prosody import Prosody
from console.host.synth import Synthesizer
from console.tasks import TaskSet

log = logging.getLogger(__name__)


def default_cache_dir(room_id: str) -> Path:
    """Where a room's speech files go; OBS plays them from there, so it must be local."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "live-room-console" / "speech" / room_id


class SpeechCache:
    """Audio files for (text, prosody) through one synthesizer."""

    def __init__(self, synth: Synthesizer, directory: Path) -> None:
        self.synth = synth
        self.directory = directory
        self._making: dict[Path, asyncio.Task[Path]] = {}
        # The caller of get() awaits each making and reports its failure: not a bug here.
        self._tasks = TaskSet(quiet=(Exception,))

    def path(self, text: str, prosody: Prosody) -> Path:
        key = f"{self.synth.identity}\n{prosody.key()}\n{text}".encode()
        return self.directory / f"{hashlib.sha256(key).hexdigest()[:32]}.wav"

    def cached(self, text: str, prosody: Prosody) -> bool:
        return self.path(text, prosody).is_file()

    async def get(self, text: str, prosody: Prosody) -> Path:
        """The file for ``text`` said with ``prosody``, made now if it is not cached."""
        path = self.path(text, prosody)
        if path.is_file():
            return path
        making = self._making.get(path)
        if making is None:
            making = self._tasks.spawn(self._make(text, prosody, path), f"speech {path.stem}")
            self._making[path] = making
            making.add_done_callback(lambda _: self._making.pop(path, None))
        return await asyncio.shield(making)

    async def ahead(self, lines: Iterable[tuple[str, Prosody]]) -> int:
        """Make every line not cached yet; returns how many were made. A line that fails is
        logged and left for its play, which will report it to the operator."""
        made = 0
        for text, prosody in lines:
            if self.cached(text, prosody):
                continue
            try:
                await self.get(text, prosody)
                made += 1
            except Exception as exc:  # each line's failure is shown when it is played
                log.warning("speech ahead: %r not synthesised: %s", text[:40], exc)
        return made

    async def close(self) -> None:
        await self._tasks.cancel()

    async def _make(self, text: str, prosody: Prosody, path: Path) -> Path:
        temporary = _temporary_in(self.directory)
        try:
            await self.synth.synthesise(text, prosody, temporary)
            os.replace(temporary, path)
        finally:
            _discard(temporary)
        return path


def _temporary_in(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=directory, suffix=".part.wav")
    os.close(handle)
    return Path(name)


def _discard(path: Path) -> None:
    path.unlink(missing_ok=True)
