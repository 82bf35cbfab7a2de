"""Slide templates: the shipped one loads; mistakes are reported with the key at fault."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from console.show.template import DEFAULT_TEMPLATE, ROLES, TemplateError, load_template


def _write(tmp_path: Path, change: Any) -> Path:
    document = json.loads(DEFAULT_TEMPLATE.read_text(encoding="utf-8"))
    change(document)
    path = tmp_path / "slide.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_shipped_template_has_both_layouts_with_every_role() -> None:
    template = load_template()
    for layout in (template.landscape, template.portrait):
        assert {box.role for box in layout.boxes} == set(ROLES)
    assert template.opaque


def test_a_box_outside_the_canvas_is_refused(tmp_path: Path) -> None:
    def change(doc: dict[str, Any]) -> None:
        doc["layouts"]["portrait"]["boxes"]["price"]["rect"] = [60, 10, 50, 10]

    with pytest.raises(TemplateError, match=r"layouts\.portrait\.boxes\.price\.rect"):
        load_template(_write(tmp_path, change))


def test_an_unknown_role_is_refused(tmp_path: Path) -> None:
    def change(doc: dict[str, Any]) -> None:
        doc["layouts"]["landscape"]["boxes"]["qr_code"] = {"rect": [0, 0, 10, 10]}

    with pytest.raises(TemplateError, match="unknown role"):
        load_template(_write(tmp_path, change))


def test_a_colour_must_be_in_the_palette_or_hex(tmp_path: Path) -> None:
    def change(doc: dict[str, Any]) -> None:
        doc["layouts"]["landscape"]["boxes"]["name"]["colour"] = "gold"

    with pytest.raises(TemplateError, match="neither a palette colour"):
        load_template(_write(tmp_path, change))


def test_a_label_with_a_wrong_placeholder_is_refused(tmp_path: Path) -> None:
    def change(doc: dict[str, Any]) -> None:
        doc["labels"]["link"] = "{number}号链接"

    with pytest.raises(TemplateError, match=r"labels\.link.*\{n\}"):
        load_template(_write(tmp_path, change))


def test_broken_json_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "slide.json"
    path.write_text('{\n  "name": "x",\n  oops\n}', encoding="utf-8")
    with pytest.raises(TemplateError, match=r"slide\.json:3:3"):
        load_template(path)


def test_a_translucent_background_makes_slides_translucent(tmp_path: Path) -> None:
    def change(doc: dict[str, Any]) -> None:
        doc["palette"]["bg_top"] = "#80000000"

    assert not load_template(_write(tmp_path, change)).opaque
