"""The rooms' ``layout:`` section: defaults for profiles without one, and located problems."""

from __future__ import annotations

from pathlib import Path

from console.profile import check_profile, load_profile
from console.profile.layout_model import LANDSCAPE, PORTRAIT, Layout, Region

DEMO = Path(__file__).parents[3] / "profiles" / "demo.yaml"


def write(tmp_path: Path, layout: str, scenes: str = "") -> Path:
    path = tmp_path / "show.yaml"
    path.write_text(f"rooms:\n  - id: main\n{scenes}{layout}", encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    return [f"{p.line}:{p.col}: {p.message}" for p in check_profile(path)]


def test_a_room_without_layout_gets_the_default_one(tmp_path: Path) -> None:
    room = load_profile(write(tmp_path, "")).rooms[0]
    assert room.layout == Layout()
    assert room.layout.regions((1280, 720)) == LANDSCAPE
    assert room.layout.regions((1080, 1920)) == PORTRAIT


def test_the_default_comment_and_label_never_cover_the_slide() -> None:
    for regions in (LANDSCAPE, PORTRAIT):
        assert not regions.comment.overlaps(regions.slide)
        assert not regions.label.overlaps(regions.slide)
    assert not LANDSCAPE.host.overlaps(LANDSCAPE.slide), "landscape: the host stays visible"


def test_a_region_written_in_part_keeps_its_other_defaults(tmp_path: Path) -> None:
    layout = "    layout:\n      host_in: [host]\n      portrait:\n        slide: {y: 0.35}\n"
    room = load_profile(write(tmp_path, layout)).rooms[0]
    assert room.layout.host_in == ("host",)
    assert room.layout.portrait.slide == Region(PORTRAIT.slide.x, 0.35, 0.9, 0.4)
    assert room.layout.landscape == LANDSCAPE


def test_the_demo_declares_its_layout() -> None:
    layout = load_profile(DEMO).rooms[0].layout
    assert layout.overlay_scene == "Show Overlays"
    assert layout.landscape == LANDSCAPE


def test_a_region_past_the_canvas_is_located(tmp_path: Path) -> None:
    layout = "    layout:\n      landscape:\n        host: {x: 0.5, w: 0.6}\n"
    assert problems(write(tmp_path, layout)) == [
        "5:15: rooms[0].layout.landscape.host: reaches past the canvas (x + w = 1.1, "
        "y + h = 1; each at most 1)"
    ]


def test_a_fraction_out_of_range_is_located(tmp_path: Path) -> None:
    layout = "    layout:\n      portrait:\n        label: {x: -0.1}\n"
    assert problems(write(tmp_path, layout)) == [
        "5:20: rooms[0].layout.portrait.label.x: expected a number at least 0 and at most 1, "
        "got -0.1"
    ]


def test_a_comment_over_the_slide_is_located_at_the_comment(tmp_path: Path) -> None:
    layout = "    layout:\n      landscape:\n        comment: {x: 0.5, y: 0.5, w: 0.4, h: 0.2}\n"
    assert problems(write(tmp_path, layout)) == [
        "5:18: rooms[0].layout.landscape.comment: overlaps the slide region; the pinned "
        "comment would cover the product"
    ]


def test_a_slide_moved_under_the_default_label_is_located_at_the_slide(tmp_path: Path) -> None:
    layout = "    layout:\n      landscape:\n        slide: {x: 0.0, y: 0.0, w: 0.6, h: 0.6}\n"
    assert problems(write(tmp_path, layout)) == [
        "5:16: rooms[0].layout.landscape.label: overlaps the slide region; the AI label "
        "would cover the product"
    ]


def test_a_label_too_short_for_the_rules_is_located(tmp_path: Path) -> None:
    layout = "    layout:\n      landscape:\n        label: {h: 0.03}\n"
    assert problems(write(tmp_path, layout)) == [
        "5:16: rooms[0].layout.landscape.label: h 0.03 is too short for the AI label (at "
        "least 0.05: 5 % of the picture's shorter side)"
    ]


def test_the_overlay_scene_must_be_a_scene_of_its_own(tmp_path: Path) -> None:
    scenes = "    scenes: {host: Host}\n"
    layout = "    layout: {overlay_scene: Host, host_in: [hots]}\n"
    assert problems(write(tmp_path, layout, scenes)) == [
        "4:29: rooms[0].layout.overlay_scene: 'Host' is one of the show scenes; the "
        "overlays need a scene of their own",
        "4:45: rooms[0].layout.host_in[0]: unknown scene role 'hots' (did you mean 'host'?)",
    ]
