"""The action log: the JSON-lines file and the window's bounded, batched table."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester

from console.actionlog import ActionLog, log_path
from console.commands import ActionRecord, RoomOutcome
from console.ui.action_log_view import ActionLogModel


def _record(line: str, ok: bool = True) -> ActionRecord:
    return ActionRecord(1_700_000_000.25, line, "hotkey F3", ok, "done" if ok else "refused", 1.5)


def test_every_action_is_one_flushed_json_line(tmp_path: Path) -> None:
    log = ActionLog(log_path(tmp_path, "京东超市 · Demo", day="2026-11-28"))
    log(_record("scene.program Host"))
    log(_record("scene.program Nowhere", ok=False))
    assert log.path is not None
    assert log.path.name == "京东超市-demo-2026-11-28.actions.jsonl"
    lines = [json.loads(line) for line in log.path.read_text(encoding="utf-8").splitlines()]
    log.close()
    assert [(e["command"], e["source"], e["ok"]) for e in lines] == [
        ("scene.program Host", "hotkey F3", True),
        ("scene.program Nowhere", "hotkey F3", False),
    ]
    assert lines[0]["ms"] == 1.5


def test_a_record_keeps_its_room_code_and_each_rooms_outcome(tmp_path: Path) -> None:
    log = ActionLog(tmp_path / "show.actions.jsonl")
    outcomes = (
        RoomOutcome("left", True, "program: Host"),
        RoomOutcome("right", False, "room right is not connected", "not_connected"),
    )
    log(
        ActionRecord(
            1.0, "scene.program Host room=all", "api", False, "…", 2.0, "partial", None, outcomes
        )
    )
    log(
        ActionRecord(
            2.0, "scene.program Host", "hotkey F3", False, "no", 1.0, "obs_refused", "left"
        )
    )
    log.close()
    assert log.path is not None
    first, second = (json.loads(line) for line in log.path.read_text(encoding="utf-8").splitlines())
    assert first["code"] == "partial" and "room" not in first
    assert first["rooms"]["right"] == {
        "ok": False,
        "error": {"code": "not_connected", "message": "room right is not connected"},
    }
    assert (second["room"], second["code"]) == ("left", "obs_refused")


def test_model_shows_records_in_one_batch_and_stays_bounded(
    qapp: QApplication, qtmodeltester: ModelTester
) -> None:
    model = ActionLogModel(qapp, keep=5)
    qtmodeltester.check(model)
    inserted: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda parent, first, last: inserted.append((first, last)))
    for index in range(3):
        model.append(_record(f"scene.program S{index}"))
    assert model.rowCount() == 0  # nothing drawn mid-command
    model.flush()
    assert inserted == [(0, 2)]
    for index in range(3, 9):
        model.append(_record(f"scene.program S{index}", ok=index % 2 == 0))
    model.flush()
    assert model.rowCount() == 5
    assert [model.index(r, 3).data() for r in range(5)] == [
        f"scene.program S{i}" for i in range(4, 9)
    ]
    assert model.index(0, 4).data() == "done"
    assert model.index(1, 4).data() == "✗ refused"
    qtmodeltester.check(model)
