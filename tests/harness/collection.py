"""The scene collection seeded into every test OBS: four scenes with visible sources.

OBS rewrites ``basic/scenes/<file>.json`` on exit, so a fresh copy is written before every
start. Colours are OBS's packed ``0xAABBGGRR`` integers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

COLLECTION_NAME = "Test"
CANVAS_WIDTH = 1280
CANVAS_HEIGHT = 720


@dataclass(frozen=True)
class SeedScene:
    """One scene: a full-canvas colour background and a text label naming the scene."""

    name: str
    colour_abgr: int

    @property
    def colour_source(self) -> str:
        return f"{self.name} Background"

    @property
    def text_source(self) -> str:
        return f"{self.name} Label"


SEED_SCENES: tuple[SeedScene, ...] = (
    SeedScene("Opening", 0xFF8A3A1E),  # dark blue
    SeedScene("Host", 0xFF2E7D32),  # green
    SeedScene("Product", 0xFF1E5AC8),  # orange
    SeedScene("Break", 0xFF6A1B9A),  # purple-ish
)
SEED_SCENE_NAMES: tuple[str, ...] = tuple(scene.name for scene in SEED_SCENES)


def _input(kind: str, name: str, settings: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": kind,
        "versioned_id": kind,
        "name": name,
        "settings": settings,
        "enabled": True,
        "muted": False,
        "volume": 1.0,
        "mixers": 0,
        "flags": 0,
        "sync": 0,
        "balance": 0.5,
        "monitoring_type": 0,
        "private_settings": {},
        "filters": [],
        "hotkeys": {},
    }


def _item(item_id: int, source: str, *, x: float = 0.0, y: float = 0.0) -> dict[str, Any]:
    return {
        "name": source,
        "id": item_id,
        "visible": True,
        "locked": False,
        "pos": {"x": x, "y": y},
        "scale": {"x": 1.0, "y": 1.0},
        "rot": 0.0,
        "align": 5,  # top left
        "bounds_type": 0,
        "bounds_align": 0,
        "bounds": {"x": 0.0, "y": 0.0},
        "crop_left": 0,
        "crop_top": 0,
        "crop_right": 0,
        "crop_bottom": 0,
        "private_settings": {},
    }


def _scene(name: str, items: list[dict[str, Any]]) -> dict[str, Any]:
    scene = _input("scene", name, {"id_counter": len(items), "custom_size": False, "items": items})
    scene["hotkeys"] = {}
    return scene


def build_collection(
    scenes: tuple[SeedScene, ...] = SEED_SCENES, name: str = COLLECTION_NAME
) -> dict[str, Any]:
    """Return the scene-collection JSON document OBS 29 loads."""
    sources: list[dict[str, Any]] = []
    for scene in scenes:
        sources.append(
            _input(
                "color_source_v3",
                scene.colour_source,
                {"color": scene.colour_abgr, "width": CANVAS_WIDTH, "height": CANVAS_HEIGHT},
            )
        )
        sources.append(
            _input(
                "text_ft2_source_v2",
                scene.text_source,
                {
                    "text": scene.name,
                    "font": {"face": "DejaVu Sans", "style": "Book", "size": 96, "flags": 0},
                    "color1": 0xFFFFFFFF,
                    "color2": 0xFFFFFFFF,
                },
            )
        )
        sources.append(
            _scene(
                scene.name,
                [_item(1, scene.colour_source), _item(2, scene.text_source, x=64.0, y=64.0)],
            )
        )
    first = scenes[0].name
    return {
        "name": name,
        "current_scene": first,
        "current_program_scene": first,
        "scene_order": [{"name": scene.name} for scene in scenes],
        "sources": sources,
        "groups": [],
        "transitions": [],
        "current_transition": "Fade",
        "transition_duration": 300,
        "quick_transitions": [],
        "saved_projectors": [],
        "preview_locked": False,
        "scaling_enabled": False,
        "modules": {},
    }


def write_collection(
    scenes_dir: Path,
    scenes: tuple[SeedScene, ...] = SEED_SCENES,
    name: str = COLLECTION_NAME,
) -> Path:
    """Write ``<scenes_dir>/<name>.json`` (replacing whatever OBS saved) and return its path."""
    scenes_dir.mkdir(parents=True, exist_ok=True)
    path = scenes_dir / f"{name}.json"
    for stale in scenes_dir.glob(f"{name}.json*"):  # OBS keeps .bak copies beside it
        stale.unlink()
    path.write_text(json.dumps(build_collection(scenes, name), indent=2), encoding="utf-8")
    return path
