"""What a keystroke in the command palette costs; prints one JSON object.

Each figure is median and p95 in milliseconds over every prefix of the lines typed (one
sample per keystroke), repeated ``--rounds`` times:

- ``commands``: reading a line while its command's name is typed (fuzzy ranking of every
  command of the catalogue) and then its arguments (``Completer.read``, no Qt);
- ``skus_100`` and ``skus_1000``: completing ``slide.show``'s product, typed after the
  command, from a catalogue of 100 products (a big show) and of 1000 (far more than a live
  room sells), matched by sku and by name;
- ``window``: the palette in the demo show's window, offscreen: the line's text set as a
  keystroke sets it, until the list is filled again and the row Enter takes and the line
  under the list are set (``Palette.refresh`` through ``textChanged``; painting follows on
  the next turn of the loop).

The palette reads the line on the GUI thread at every keystroke, so a keystroke should cost
well under a frame (16 ms).

Usage: ``python tests/benchmarks/palette.py [--rounds N]`` from the repository root.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from console.catalog import catalog  # noqa: E402
from console.commands import ArgKind  # noqa: E402
from console.palette_match import Choice, Completer  # noqa: E402
from console.profile import load_profile  # noqa: E402
from console.services import Console  # noqa: E402
from console.ui.main_window import MainWindow  # noqa: E402
from tests.benchmarks.figures import figures  # noqa: E402
from tests.support import FAST  # noqa: E402

DEMO = ROOT / "profiles" / "demo.yaml"
LINES = (
    "scene.program Host room=supermarket",
    "spg",
    "host.autopilot pause",
    "barrage.filter questions",
    "slide.show steak-ribeye-1kg override=on",
)
"""What the operator types, one keystroke at a time."""
QUERIES = ("product-0099", "牛排 5")
"""What the operator types after ``slide.show``."""


def _prefixes(lines: Sequence[str]) -> list[str]:
    return [line[:n] for line in lines for n in range(1, len(line) + 1)]


def _timed(read: Callable[[str], object], texts: list[str], rounds: int) -> list[float]:
    samples = []
    for _ in range(rounds):
        for text in texts:
            started = time.perf_counter()
            read(text)
            samples.append((time.perf_counter() - started) * 1e3)
    return samples


def _catalogue(products: int) -> Callable[[ArgKind, str | None], list[Choice]]:
    choices = [
        Choice(f"product-{n:04d}", f"南美草饲原切眼肉牛排 {n} 号 1kg") for n in range(products)
    ]

    def names(kind: ArgKind, room: str | None) -> list[Choice]:
        return choices if kind is ArgKind.SKU else []

    return names


async def _window(texts: list[str], rounds: int) -> list[float]:
    console = Console(load_profile(DEMO), FAST, log_actions=False)
    window = MainWindow(console)
    window.show()
    palette = window.command_palette
    palette.open()
    samples = []
    for _ in range(rounds):
        for text in texts:
            started = time.perf_counter()
            palette.input.setText(text)  # textChanged: the palette reads the line again
            samples.append((time.perf_counter() - started) * 1e3)
    window.close()
    await console.close()
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    options = parser.parse_args()
    registry = catalog()
    commands = Completer(registry, lambda kind, room: [])
    typed = _prefixes(LINES)
    report = {"commands": figures(_timed(lambda t: commands.read(t, None), typed, options.rounds))}
    after = [f"slide.show {query}" for query in ["", *_prefixes(QUERIES)]]
    for products in (100, 1000):
        skus = Completer(registry, _catalogue(products))
        report[f"skus_{products}"] = figures(
            _timed(lambda t, skus=skus: skus.read(t, None), after, options.rounds)
        )
    app = QApplication([])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        report["window"] = figures(loop.run_until_complete(_window(typed, options.rounds)))
    print(json.dumps(report))


if __name__ == "__main__":
    main()
