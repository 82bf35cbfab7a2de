"""Make host clips: a drawn host whose mouth follows the loudness of its own speech.

For the ``clip`` engine to be tried without a digital-human service: each clip is the
segment's text spoken by the default offline engine (espeak-ng reading pinyin, as the
``tts`` engine says it), with a host drawn by QtGui whose mouth opens as loud as the speech
is at that frame, who blinks now and then, muxed with ffmpeg into an MP4 (H.264 and AAC)
that OBS's media source plays. The text said is kept in the file's ``comment`` tag.

A clip says what its segment said when it was made: ``{price}`` and the other catalogue
fields are filled in then. Run it again after changing a price the segments quote.
Deterministic, so re-running it on the same profile gives the same pictures. From the
repository root::

    QT_QPA_PLATFORM=offscreen python assets/host/make_clips.py             # the demo's clips
    QT_QPA_PLATFORM=offscreen python assets/host/make_clips.py SHOW.yaml --out clips/

The demo's clips are ``assets/host/clips/<segment>.mp4``; ``profiles/demo.yaml`` names
them, and plays them with ``engine: clip``.
"""

from __future__ import annotations

import argparse
import math
import shutil
import subprocess
import sys
import tempfile
import wave
from array import array
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QLinearGradient, QPainter, QPen

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from console.host.espeak import Espeak  # noqa: E402
from console.host.prosody import Prosody  # noqa: E402
from console.profile.host_facts import render  # noqa: E402
from console.show.product import Product  # noqa: E402

FPS = 25
SIZE = 360
HERE = Path(__file__).resolve().parent
BLINK_EVERY = 67  # frames between blinks (about 2.7 s), offset per clip
BLINK_FRAMES = 3


def mouth_levels(samples: Sequence[int], rate: int, fps: int = FPS) -> list[float]:
    """How open the mouth is at each video frame, 0 (closed) to 1: the loudness (RMS) of
    the audio under that frame against the clip's loud parts, opening fast and closing a
    little slower, as a mouth does. Silence (a pause at a comma) closes it."""
    per_frame = rate / fps
    count = math.ceil(len(samples) / per_frame)
    loudness = []
    for frame in range(count):
        window = samples[round(frame * per_frame) : round((frame + 1) * per_frame)]
        power = sum(s * s for s in window) / max(1, len(window))
        loudness.append(math.sqrt(power))
    ordered = sorted(loudness)
    loud = ordered[int(0.9 * (len(ordered) - 1))] if ordered else 0.0
    if loud <= 0:
        return [0.0] * count
    levels, shown = [], 0.0
    for value in loudness:
        target = min(1.0, value / loud)
        target = 0.0 if target < 0.08 else target  # breath and noise: closed
        shown = target if target > shown else shown + (target - shown) * 0.6
        shown = 0.0 if target == 0.0 and shown < 0.05 else shown  # shut, not nearly shut
        levels.append(round(shown, 3))
    return levels


def read_wav(path: Path) -> tuple[array[int], int]:
    """The samples of a 16-bit mono WAV (espeak-ng's output) and its rate."""
    with wave.open(str(path), "rb") as audio:
        if audio.getsampwidth() != 2 or audio.getnchannels() != 1:
            raise ValueError(f"{path}: expected 16-bit mono audio")
        samples = array("h")
        samples.frombytes(audio.readframes(audio.getnframes()))
        return samples, audio.getframerate()


def draw_host(image: QImage, mouth: float, blink: bool) -> None:
    """One frame: a host in a red jacket before a soft studio wall, the mouth ``mouth`` open."""
    w, h = image.width(), image.height()
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    wall = QLinearGradient(0, 0, 0, h)
    wall.setColorAt(0, QColor("#f3ede4"))
    wall.setColorAt(1, QColor("#d9cfc2"))
    p.fillRect(0, 0, w, h, wall)
    s = w / 360
    p.setPen(Qt.PenStyle.NoPen)
    # jacket, shirt and neck
    p.setBrush(QColor("#c8102e"))
    p.drawRoundedRect(QRectF(60 * s, 262 * s, 240 * s, 140 * s), 70 * s, 70 * s)
    p.setBrush(QColor("#ffffff"))
    p.drawPolygon([QPointF(150 * s, 262 * s), QPointF(210 * s, 262 * s), QPointF(180 * s, 318 * s)])
    p.setBrush(QColor("#f1c9a5"))
    p.drawRect(QRectF(160 * s, 225 * s, 40 * s, 45 * s))
    # head and hair
    p.drawEllipse(QPointF(180 * s, 165 * s), 72 * s, 84 * s)
    p.setBrush(QColor("#2b1d16"))
    p.drawChord(QRectF(104 * s, 72 * s, 152 * s, 120 * s), 0, 180 * 16)
    p.drawEllipse(QPointF(112 * s, 150 * s), 10 * s, 30 * s)
    p.drawEllipse(QPointF(248 * s, 150 * s), 10 * s, 30 * s)
    # eyes (closed for a blink) and brows
    for x in (152, 208):
        if blink:
            p.setPen(QPen(QColor("#2b1d16"), 3 * s))
            p.drawLine(QPointF((x - 9) * s, 160 * s), QPointF((x + 9) * s, 160 * s))
            p.setPen(Qt.PenStyle.NoPen)
        else:
            p.setBrush(QColor("#ffffff"))
            p.drawEllipse(QPointF(x * s, 160 * s), 11 * s, 8 * s)
            p.setBrush(QColor("#3a2a20"))
            p.drawEllipse(QPointF(x * s, 160 * s), 5.5 * s, 5.5 * s)
        p.setPen(QPen(QColor("#2b1d16"), 3.5 * s))
        p.drawLine(QPointF((x - 12) * s, 141 * s), QPointF((x + 12) * s, 139 * s))
        p.setPen(Qt.PenStyle.NoPen)
    # cheeks
    p.setBrush(QColor(232, 140, 140, 70))
    p.drawEllipse(QPointF(135 * s, 192 * s), 13 * s, 8 * s)
    p.drawEllipse(QPointF(225 * s, 192 * s), 13 * s, 8 * s)
    # the mouth: a line when closed, an open mouth as loud as the speech
    height = (2 + 24 * mouth) * s
    width = (34 - 8 * mouth) * s
    p.setBrush(QColor("#7a1f25"))
    p.drawRoundedRect(QRectF(180 * s - width / 2, 206 * s, width, height), height / 2, height / 2)
    if mouth > 0.3:
        p.setBrush(QColor("#ffffff"))
        p.drawRect(QRectF(180 * s - width / 2 + 4 * s, 206 * s, width - 8 * s, 4 * s))
    p.end()


def make_clip(
    text: str,
    out: Path,
    speech: Espeak | None = None,
    prosody: Prosody | None = None,
    size: int = SIZE,
    fps: int = FPS,
) -> list[float]:
    """Write ``out`` (MP4): ``text`` spoken, the drawn host's mouth following it. Returns
    the mouth's opening per frame."""
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        raise SystemExit("ffmpeg is not installed (apt-get install ffmpeg)")
    speech = speech or Espeak()
    with tempfile.TemporaryDirectory() as scratch:
        wav = Path(scratch) / "speech.wav"
        speech.render(text, prosody or Prosody(), wav)
        samples, rate = read_wav(wav)
        levels = mouth_levels(samples, rate, fps)
        out.parent.mkdir(parents=True, exist_ok=True)
        encoder = subprocess.Popen(
            [ffmpeg, "-loglevel", "error", "-y",
             "-f", "rawvideo", "-pix_fmt", "rgba", "-s", f"{size}x{size}", "-r", str(fps),
             "-i", "-", "-i", str(wav),
             "-c:v", "libx264", "-preset", "veryfast", "-crf", "30", "-pix_fmt", "yuv420p",
             "-c:a", "aac", "-b:a", "48k", "-shortest",
             "-metadata", f"comment={text}", "-movflags", "+faststart", str(out)],
            stdin=subprocess.PIPE,
        )  # fmt: skip
        assert encoder.stdin is not None
        image = QImage(size, size, QImage.Format.Format_RGBA8888)
        offset = sum(map(ord, text)) % BLINK_EVERY
        try:
            for frame, mouth in enumerate(levels):
                blink = (frame + offset) % BLINK_EVERY < BLINK_FRAMES
                draw_host(image, mouth, blink)
                encoder.stdin.write(bytes(image.constBits()))
        finally:
            encoder.stdin.close()
        if encoder.wait() != 0:
            raise RuntimeError(f"ffmpeg could not write {out}")
    return levels


def products_of(data: Mapping[str, Any]) -> dict[str, Product]:
    """The profile's products, with the fields segments quote ({price}, {link_no}...)."""
    products = {}
    for item in data.get("products") or []:
        products[item["sku"]] = Product(
            sku=item["sku"],
            name=item["name"],
            price=Decimal(str(item["price"])),
            list_price=Decimal(str(item["list_price"])) if item.get("list_price") else None,
            stock=item.get("stock"),
            link_no=item.get("link_no"),
            guarantee=item.get("guarantee"),
            usage=item.get("usage"),
        )
    return products


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("profile", nargs="?", type=Path, default=ROOT / "profiles" / "demo.yaml")
    parser.add_argument("--out", type=Path, default=HERE / "clips")
    parser.add_argument("--size", type=int, default=SIZE, help="square picture, in pixels")
    args = parser.parse_args()
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    data = yaml.safe_load(args.profile.read_text(encoding="utf-8"))
    products = products_of(data)
    pronounce: dict[str, str] = {}
    for room in data.get("rooms") or []:
        pronounce.update((room.get("host") or {}).get("pronounce") or {})
    speech = Espeak(pronounce=pronounce)
    for segment in data.get("segments") or []:
        if not segment.get("text"):
            continue
        text = render(segment["text"], products.get(segment.get("product") or ""))
        out = args.out / f"{segment['id']}.mp4"
        levels = make_clip(text, out, speech, size=args.size)
        print(f"{out}: {len(levels) / FPS:.1f} s, {out.stat().st_size // 1024} KiB")
    del app


if __name__ == "__main__":
    main()
