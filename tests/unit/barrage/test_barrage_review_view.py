"""The review queue's and the blocked list's models: batched changes from the service, under
qtmodeltester."""

from __future__ import annotations

import asyncio
from pathlib import Path

from barrage_show import running, write_show
from PySide6.QtWidgets import QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from console.barrage.message import Message
from console.ui.blocked_view import BlockedModel
from console.ui.review_view import TAG_ROLE, ReviewModel, _runs


def test_review_model_passes_the_model_tester(
    tmp_path: Path, qtmodeltester: ModelTester, qtbot: QtBot
) -> None:
    profile = write_show(tmp_path)
    owner = QWidget()
    qtbot.addWidget(owner)

    async def scenario() -> list[str]:
        async with running(profile) as rig:
            service = rig.service
            model = ReviewModel(service.review.held(), owner)
            qtmodeltester.check(model)
            service.review.subscribe(model.on_review_changed)
            await rig.run("barrage.reject m3")
            service.ingest.put(Message("test", "main", "m10", "zed", "zed", "垃圾", 2000.0))
            service.ingest.flush()
            model.flush()
            qtmodeltester.check(model)
            return [model.message_id(row) for row in range(model.rowCount())]

    assert asyncio.run(scenario()) == ["m4", "m10"]


def test_removed_rows_go_in_contiguous_runs() -> None:
    assert _runs([0, 1, 2, 5, 7, 8]) == [(0, 2), (5, 5), (7, 8)]


def test_blocked_model_passes_the_model_tester(
    tmp_path: Path, qtmodeltester: ModelTester, qtbot: QtBot
) -> None:
    profile = write_show(tmp_path)
    owner = QWidget()
    qtbot.addWidget(owner)

    async def scenario() -> list[tuple[str, str]]:
        async with running(profile) as rig:
            service = rig.service
            model = BlockedModel(service.blocked.blocked(), owner)
            qtmodeltester.check(model)
            service.blocked.subscribe(model.on_blocked_changed)
            await rig.run("barrage.release m2")
            service.ingest.put(Message("test", "main", "m10", "zed", "zed", "刷单", 2000.0))
            service.ingest.flush()
            model.flush()
            qtmodeltester.check(model)
            return [
                (model.message_id(row), model.index(row).data(TAG_ROLE))
                for row in range(model.rowCount())
            ]

    assert asyncio.run(scenario()) == [("m6", "spam"), ("m10", "spam")]
