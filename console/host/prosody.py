"""How a line is said: speed, pitch and loudness, and a small variation between plays.

A host that says the same line twice in exactly the same way sounds like a recording, and
platforms flag unattended replays. A segment may ask for a variation (``vary``, a fraction):
each play then picks one of a few fixed variants of its prosody, never the one used last
time, so a line repeated later differs slightly while every variant stays cacheable.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

VARIANTS = 3
"""How many varied renderings of one line there can be (variant 0 is the line as set)."""


@dataclass(frozen=True)
class Prosody:
    """``rate`` 1.0 is the voice's own speed; ``pitch`` is in semitones from the voice's
    own; ``volume`` 1.0 is as synthesised; ``vary`` up to 0.2 lets plays differ by that much."""

    rate: float = 1.0
    pitch: float = 0.0
    volume: float = 1.0
    vary: float = 0.0

    def __post_init__(self) -> None:
        if not 0.5 <= self.rate <= 2.0:
            raise ValueError(f"rate must be 0.5 to 2.0, not {self.rate}")
        if not -12 <= self.pitch <= 12:
            raise ValueError(f"pitch must be -12 to 12 semitones, not {self.pitch}")
        if not 0.0 < self.volume <= 2.0:
            raise ValueError(f"volume must be above 0 and at most 2.0, not {self.volume}")
        if not 0.0 <= self.vary <= 0.2:
            raise ValueError(f"vary must be 0 to 0.2, not {self.vary}")

    @property
    def neutral(self) -> bool:
        return self.rate == 1.0 and self.pitch == 0.0 and self.volume == 1.0

    def key(self) -> str:
        """What the cache tells renderings apart by."""
        return f"r{self.rate:.3f}p{self.pitch:.2f}v{self.volume:.3f}"

    def variant(self, index: int) -> Prosody:
        """Variant ``index`` (0: as set): rate, pitch and volume moved by at most ``vary``,
        the same every time for the same index."""
        if index == 0 or self.vary == 0.0:
            return replace(self, vary=0.0)
        draw = random.Random(index)
        spread = self.vary

        def moved(value: float, low: float, high: float, scale: float) -> float:
            return round(min(high, max(low, value + draw.uniform(-spread, spread) * scale)), 3)

        return Prosody(
            rate=moved(self.rate, 0.5, 2.0, self.rate),
            pitch=moved(self.pitch, -12, 12, 10.0),
            volume=moved(self.volume, 0.05, 2.0, self.volume),
        )


def pick_variant(prosody: Prosody, last: int | None, draw: random.Random) -> int:
    """The variant to play next: 0 when the line does not vary, else any but ``last``."""
    if prosody.vary == 0.0:
        return 0
    choices = [index for index in range(VARIANTS) if index != last]
    return draw.choice(choices)
