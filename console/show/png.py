"""A fast PNG writer for slides, because Qt's is too slow for a once-a-second countdown.

Qt's PNG writer (libpng, adaptive row filters) takes 60-150 ms for a 1080p slide on the
machines this runs on: more than the whole budget of a push (50 ms). ``PngEncoder`` uses
row filter "None", deflate level 1, and two tricks:

- the image is cut into strips of rows, each deflated on its own (on several threads:
  zlib releases the GIL) and joined into one zlib stream the way pigz does it: every strip
  but the last ends with a sync flush (a byte-aligned, non-final block), and the Adler-32
  of the whole image, combined from the strips', closes the stream;
- strips are independent, so the encoder keeps each strip's raw rows and deflated bytes:
  when the next image differs only in a few rows (a countdown ticking), only those strips
  are deflated again.

Deflate level 0 (stored) was measured too: the encoding is faster, but the 6 MB file takes
longer to write than level 1 takes to shrink it to ~250 kB.
"""

from __future__ import annotations

import os
import struct
import zlib
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QImage

_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_ADLER_BASE = 65521
STRIP_ROWS = 32
_pool = ThreadPoolExecutor(
    max_workers=max(1, min(4, os.cpu_count() or 1)), thread_name_prefix="png-strip"
)
Buffer = bytes | bytearray


def adler32_combine(first: int, second: int, second_length: int) -> int:
    """Adler-32 of A+B from the checksums of A and B (zlib's ``adler32_combine``)."""
    rem = second_length % _ADLER_BASE
    sum1 = first & 0xFFFF
    sum2 = (rem * sum1) % _ADLER_BASE
    sum1 += (second & 0xFFFF) + _ADLER_BASE - 1
    sum2 += ((first >> 16) & 0xFFFF) + ((second >> 16) & 0xFFFF) + _ADLER_BASE - rem
    sum1 %= _ADLER_BASE
    sum2 %= _ADLER_BASE
    return sum1 | (sum2 << 16)


@dataclass
class _Strip:
    raw: bytearray
    adler: int = 1
    deflated: bytes | None = None  # ended with a sync flush (not the last strip) or finish


def _deflate(raw: bytearray, level: int, final: bool) -> tuple[int, bytes]:
    """(Adler-32, raw deflate data) of one strip; runs on the pool (zlib drops the GIL)."""
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)  # raw deflate, no header
    flush = zlib.Z_FINISH if final else zlib.Z_SYNC_FLUSH
    return zlib.adler32(raw), compressor.compress(raw) + compressor.flush(flush)


def _chunk(kind: bytes, data: Sequence[Buffer]) -> list[Buffer]:
    """A PNG chunk as buffers (length and type, data..., CRC), the data not joined."""
    crc = zlib.crc32(kind)
    for part in data:
        crc = zlib.crc32(part, crc)
    length = sum(len(part) for part in data)
    return [struct.pack(">I", length) + kind, *data, struct.pack(">I", crc & 0xFFFFFFFF)]


class PngEncoder:
    """Encodes a series of same-sized images, deflating again only the strips that changed.

    One encoder serves one thread (a pusher's render worker); it is not thread-safe.
    """

    def __init__(self, level: int = 1) -> None:
        if not 1 <= level <= 9:
            raise ValueError(f"deflate level must be 1-9, not {level}")
        self.level = level
        self._shape: tuple[int, int, int] | None = None
        self._strips: list[_Strip] = []
        self.deflated_strips = 0
        """How many strips the last ``parts`` call had to deflate (the rest were reused)."""

    def parts(
        self, image: QImage, opaque: bool = False, rows: tuple[int, int] | None = None
    ) -> list[Buffer]:
        """The PNG file of ``image`` as buffers to write one after another.

        RGB when ``opaque`` (the caller knows no pixel is translucent), else straight (non-
        premultiplied) RGBA, as PNG requires. ``rows``, a ``[first, last)`` range, promises
        that the image equals the previous one given to this encoder outside those rows: the
        other strips are not even looked at.
        """
        colour_type, channels = (2, 3) if opaque else (6, 4)
        width, height = image.width(), image.height()
        shape = (width, height, colour_type)
        count = (height + STRIP_ROWS - 1) // STRIP_ROWS
        if shape != self._shape or len(self._strips) != count:
            self._shape, self._strips, rows = shape, [], None
        first, last = (0, count) if rows is None else _strip_span(rows, count)
        if last > first:
            region = (
                image
                if (first, last) == (0, count)
                else image.copy(
                    0,
                    first * STRIP_ROWS,
                    width,
                    min(height, last * STRIP_ROWS) - first * STRIP_ROWS,
                )
            )
            converted = region.convertToFormat(
                QImage.Format.Format_RGB888 if opaque else QImage.Format.Format_RGBA8888
            )
            bits = memoryview(converted.constBits()).cast("B")
            self._update(bits, converted.bytesPerLine(), width * channels, height, first, last)
        else:
            self.deflated_strips = 0
        adler = 1
        for strip in self._strips:
            adler = adler32_combine(adler, strip.adler, len(strip.raw))
        stream: list[Buffer] = [b"\x78\x01"]
        stream.extend(strip.deflated or b"" for strip in self._strips)
        stream.append(struct.pack(">I", adler))
        header = struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0)
        return [
            _SIGNATURE,
            *_chunk(b"IHDR", [header]),
            *_chunk(b"IDAT", stream),
            *_chunk(b"IEND", []),
        ]

    def _update(
        self, bits: memoryview, stride: int, row_bytes: int, height: int, first: int, last: int
    ) -> None:
        """Re-cut strips ``first`` to ``last`` (their rows start at row 0 of ``bits``), each
        row after a filter byte 0, and deflate those whose rows changed."""
        old = self._strips
        count = (height + STRIP_ROWS - 1) // STRIP_ROWS
        strips = list(old) if len(old) == count else [_Strip(bytearray())] * count
        stale: list[int] = []
        for index in range(first, last):
            top, bottom = index * STRIP_ROWS, min(height, (index + 1) * STRIP_ROWS)
            raw = bytearray((bottom - top) * (row_bytes + 1))
            for offset, row in enumerate(
                range(top - first * STRIP_ROWS, bottom - first * STRIP_ROWS)
            ):
                at = offset * (row_bytes + 1) + 1
                raw[at : at + row_bytes] = bits[row * stride : row * stride + row_bytes]
            if index < len(old) and old[index].raw == raw:
                continue
            strips[index] = _Strip(raw)
            stale.append(index)
        final = [index == count - 1 for index in stale]
        deflated = _pool.map(
            _deflate, [strips[i].raw for i in stale], [self.level] * len(stale), final
        )
        for index, (adler, data) in zip(stale, deflated, strict=True):
            strips[index].adler, strips[index].deflated = adler, data
        self._strips = strips
        self.deflated_strips = len(stale)

    def encode(
        self, image: QImage, opaque: bool = False, rows: tuple[int, int] | None = None
    ) -> bytes:
        """The PNG file of ``image`` as one bytes object."""
        return b"".join(self.parts(image, opaque, rows))

    def save(
        self, path: Path, image: QImage, opaque: bool = False, rows: tuple[int, int] | None = None
    ) -> int:
        """Write the PNG file of ``image`` to ``path``; return its size in bytes."""
        return write_parts(path, self.parts(image, opaque, rows))


def write_parts(path: Path, parts: Sequence[Buffer]) -> int:
    """Write buffers one after another to a new file at ``path``; return the size."""
    written = 0
    with open(path, "wb") as stream:
        for part in parts:
            written += stream.write(part)
    return written


def _strip_span(rows: tuple[int, int], count: int) -> tuple[int, int]:
    """The strips ``[first, last)`` that rows ``[rows[0], rows[1])`` touch."""
    if rows[1] <= rows[0]:
        return 0, 0
    return rows[0] // STRIP_ROWS, min(count, (rows[1] + STRIP_ROWS - 1) // STRIP_ROWS)
