"""Where the show's pieces sit on the room's canvas, as the rest of the console sees it.

A region is a rectangle in fractions of the canvas (0..1), so one layout serves 1280x720
and 1920x1080 alike; a room has one set of regions for a landscape canvas and one for a
portrait (phone) canvas, and the OBS canvas decides which applies. Built by
:mod:`console.profile.layout_schema` from a checked profile; plain and frozen.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ROLES = ("opening", "host", "product", "break")
"""The show scenes' roles, as the profile's ``scenes:`` names them."""
PIECES = ("host", "slide", "comment", "label")
"""What the layout places: the host's media, the product slide, the pinned comment and
the AI label."""


@dataclass(frozen=True)
class Region:
    """A rectangle in fractions of the canvas: left, top, width, height."""

    x: float
    y: float
    w: float
    h: float

    def overlaps(self, other: Region) -> bool:
        """Whether the two share some area (touching edges do not count)."""
        return (
            self.x < other.x + other.w
            and other.x < self.x + self.w
            and self.y < other.y + other.h
            and other.y < self.y + self.h
        )


@dataclass(frozen=True)
class Regions:
    """One orientation's regions, one per piece."""

    host: Region
    slide: Region
    comment: Region
    label: Region

    def of(self, piece: str) -> Region:
        region: Region = getattr(self, piece)
        return region


LANDSCAPE = Regions(
    host=Region(0.0, 0.0, 0.42, 1.0),  # the host on the left
    slide=Region(0.42, 0.0, 0.58, 0.8),  # the slide on the right
    comment=Region(0.44, 0.82, 0.54, 0.16),  # under the slide
    label=Region(0.02, 0.02, 0.38, 0.07),  # over the host's head
)
PORTRAIT = Regions(
    host=Region(0.0, 0.0, 1.0, 1.0),  # the host fills the phone screen
    slide=Region(0.05, 0.4, 0.9, 0.4),  # the slide in the lower middle
    comment=Region(0.05, 0.82, 0.9, 0.12),  # under the slide
    label=Region(0.04, 0.02, 0.92, 0.05),  # along the top
)


@dataclass(frozen=True)
class Layout:
    """A room's layout: the regions per orientation, the scenes the host is shown in, and
    the scene holding the overlays every show scene nests."""

    overlay_scene: str = "Show Overlays"
    host_in: tuple[str, ...] = ("host", "product")
    """Roles of the show scenes that show the host (the product scene always shows the
    slide; every show scene nests the overlays)."""
    landscape: Regions = field(default=LANDSCAPE)
    portrait: Regions = field(default=PORTRAIT)

    def regions(self, canvas: tuple[int, int]) -> Regions:
        """Portrait for a canvas taller than wide, else landscape."""
        width, height = canvas
        return self.portrait if height > width else self.landscape
