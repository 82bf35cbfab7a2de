"""The speech engines besides espeak-ng: any local program from a command template, and a
local TTS server from a URL and a body template (a loopback server returning WAV, as the
servers people run for cloned voices do). Each honours rate, pitch and volume, in its own
template or through sox afterwards; the show's lines are made ahead when it opens."""

from __future__ import annotations

import asyncio
import io
import math
import struct
import wave
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from console.host.prosody import Prosody
from console.host.speech_cache import SpeechCache
from console.host.synth import CommandSynth, HttpSynth, OffThread, SynthesisFailed
from tests.unit.host.host_show import console_for


def tone_wav(seconds: float, amplitude: float = 0.5, rate: int = 22050) -> bytes:
    """A 16-bit mono WAV of a 220 Hz tone."""
    frames = b"".join(
        struct.pack("<h", round(amplitude * 32767 * math.sin(2 * math.pi * 220 * i / rate)))
        for i in range(round(seconds * rate))
    )
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(frames)
    return buffer.getvalue()


def seconds_of(path: Path) -> float:
    with wave.open(str(path), "rb") as audio:
        return audio.getnframes() / audio.getframerate()


def peak_of(path: Path) -> float:
    with wave.open(str(path), "rb") as audio:
        data = audio.readframes(audio.getnframes())
    samples = struct.unpack(f"<{len(data) // 2}h", data)
    return max(abs(s) for s in samples) / 32767


@dataclass
class FakeTts:
    """``POST /tts`` with a JSON body: WAV back, 0.1 s per character of ``text``."""

    bodies: list[dict[str, Any]] = field(default_factory=list)
    answer: str = "wav"
    expected: int = 0
    all_seen: asyncio.Event = field(default_factory=asyncio.Event)

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/tts", self.speak)
        return app

    async def speak(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.bodies.append(body)
        if self.expected and len(self.bodies) >= self.expected:
            self.all_seen.set()
        if self.answer == "error":
            return web.Response(status=500, text="CUDA out of memory")
        if self.answer == "json":
            return web.json_response({"code": 1, "msg": "voice not loaded"})
        text = str(body.get("text", ""))
        return web.Response(body=tone_wav(0.1 * len(text)), content_type="audio/wav")


@asynccontextmanager
async def served(fake: FakeTts) -> AsyncIterator[str]:
    runner = web.AppRunner(fake.app())
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        yield f"http://127.0.0.1:{runner.addresses[0][1]}/tts"
    finally:
        await runner.cleanup()


@pytest.fixture
def executor() -> Any:
    with ThreadPoolExecutor(max_workers=1) as pool:
        yield pool


# -- a local program ------------------------------------------------------------------------

# A real program that writes a two-second WAV (sox) and keeps the words it was given.
SOX_SPEAKER = [
    "sh", "-c",
    'printf %s "$1" > "$2.said"; sox -n -r 22050 -b 16 -c 1 "$2" synth 2 sine 220 vol 0.5',
    "speaker", "{text}", "{out}",
]  # fmt: skip


def test_a_command_template_writes_the_file_and_gets_the_text(
    tmp_path: Path, executor: ThreadPoolExecutor
) -> None:
    async def scenario() -> None:
        cache = SpeechCache(OffThread(CommandSynth(SOX_SPEAKER), executor), tmp_path / "cache")
        path = await cache.get("欢迎来到直播间", Prosody())
        assert path.read_bytes().startswith(b"RIFF")
        (said,) = (tmp_path / "cache").glob("*.said")
        assert said.read_text() == "欢迎来到直播间"
        assert seconds_of(path) == pytest.approx(2.0, abs=0.01)
        assert cache.cached("欢迎来到直播间", Prosody())
        await cache.close()

    asyncio.run(scenario())


def test_a_template_without_prosody_fields_gets_rate_and_volume_from_sox(
    tmp_path: Path, executor: ThreadPoolExecutor
) -> None:
    async def scenario() -> None:
        cache = SpeechCache(OffThread(CommandSynth(SOX_SPEAKER), executor), tmp_path / "cache")
        text = "一二三四五六"
        plain = await cache.get(text, Prosody())
        fast = await cache.get(text, Prosody(rate=2.0))
        quiet = await cache.get(text, Prosody(volume=0.5))
        assert seconds_of(fast) == pytest.approx(seconds_of(plain) / 2, rel=0.05)
        assert peak_of(quiet) == pytest.approx(peak_of(plain) / 2, rel=0.05)
        await cache.close()

    asyncio.run(scenario())


def test_a_template_with_prosody_fields_gets_them_and_no_sox_on_top(tmp_path: Path) -> None:
    template = ["sh", "-c", 'printf %s "$1" > "$2"', "speaker", "{rate} {pitch} {volume}", "{out}"]
    out = tmp_path / "said.wav"
    CommandSynth(template).render("你好", Prosody(rate=1.2, pitch=-2, volume=0.8), out)
    assert out.read_text() == "1.2 -2 0.8"  # the program's own output, untouched


@pytest.mark.parametrize(
    ("template", "message"),
    [
        (["no-such-speech-program", "{text}", "{out}"], "is not installed"),
        (["sh", "-c", "echo voice missing >&2; exit 3"], "wrote no audio: voice missing"),
        (["sh", "-c", "true"], "wrote no audio: exit code 0"),
    ],
)
def test_a_program_that_writes_nothing_is_a_clear_error(
    tmp_path: Path, template: list[str], message: str
) -> None:
    with pytest.raises((SynthesisFailed, RuntimeError), match=message):
        CommandSynth(template).render("你好", Prosody(), tmp_path / "x.wav")


def test_a_program_that_hangs_is_stopped(tmp_path: Path) -> None:
    with pytest.raises(SynthesisFailed, match=r"did not finish within 0\.3 s"):
        CommandSynth(["sleep", "5"], timeout=0.3).render("你好", Prosody(), tmp_path / "x.wav")


# -- a local server -------------------------------------------------------------------------


def test_an_http_template_posts_the_body_and_saves_the_wav(
    tmp_path: Path, executor: ThreadPoolExecutor
) -> None:
    async def scenario() -> None:
        fake = FakeTts()
        async with served(fake) as url:
            body = {"text": "{text}", "speed": "{rate}", "voice": "host-{pitch}", "lang": "zh"}
            synth = HttpSynth(url, body, executor, timeout=5)
            cache = SpeechCache(synth, tmp_path / "cache")
            path = await cache.get("你好呀", Prosody(rate=1.5, pitch=2))
            sent = {"text": "你好呀", "speed": 1.5, "voice": "host-2", "lang": "zh"}
            assert fake.bodies == [sent]
            assert seconds_of(path) == pytest.approx(0.3, abs=0.01)  # the server's own speed
            assert await cache.get("你好呀", Prosody(rate=1.5, pitch=2)) == path
            assert len(fake.bodies) == 1  # cached: asked once
            await cache.close()

    asyncio.run(scenario())


def test_a_server_that_ignores_prosody_gets_it_applied_by_sox(
    tmp_path: Path, executor: ThreadPoolExecutor
) -> None:
    async def scenario() -> None:
        fake = FakeTts()
        async with served(fake) as url:
            cache = SpeechCache(
                HttpSynth(url, {"text": "{text}"}, executor, timeout=5), tmp_path / "cache"
            )
            plain = await cache.get("一二三四五六七八九十", Prosody())
            slow = await cache.get("一二三四五六七八九十", Prosody(rate=0.5, volume=0.5))
            assert seconds_of(plain) == pytest.approx(1.0, abs=0.01)
            assert seconds_of(slow) == pytest.approx(2.0, rel=0.05)
            assert peak_of(slow) == pytest.approx(peak_of(plain) / 2, rel=0.05)
            await cache.close()

    asyncio.run(scenario())


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ("error", "TTS server answered 500: CUDA out of memory"),
        ("json", 'TTS server sent no WAV audio: \'{"code": 1'),
    ],
)
def test_server_trouble_is_a_clear_error(
    tmp_path: Path, executor: ThreadPoolExecutor, answer: str, message: str
) -> None:
    async def scenario() -> None:
        fake = FakeTts(answer=answer)
        async with served(fake) as url:
            synth = HttpSynth(url, {"text": "{text}"}, executor, timeout=5)
            with pytest.raises(SynthesisFailed, match=message):
                await synth.synthesise("你好", Prosody(), tmp_path / "x.wav")

    asyncio.run(scenario())


def test_the_shows_lines_are_made_ahead_when_it_opens(tmp_path: Path) -> None:
    segments = """\
segments:
  - id: opening
    text: 欢迎来到直播间。
  - id: steak
    product: steak
    text: 牛排直播间价 {price} 元。
    variants: ['在 {link_no}号链接。']
"""

    async def scenario() -> None:
        fake = FakeTts(expected=3)
        async with served(fake) as url:
            host = f"""\
    host:
      voice: {{kind: http, url: "{url}", timeout_s: 5}}
"""
            console = console_for(tmp_path, host, segments)
            console.start()  # OBS is not there: nothing airs, the speech is made all the same
            try:
                await asyncio.wait_for(fake.all_seen.wait(), 10)
            finally:
                await console.close()
        said = sorted(str(body["text"]) for body in fake.bodies)
        assert said == ["在 1号链接。", "欢迎来到直播间。", "牛排直播间价 69 元。"]

    asyncio.run(scenario())
