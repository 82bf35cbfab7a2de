"""The answer editor in the host panel: the proposed answer as the operator edits it, a
figure that contradicts the product flagged as they type, the edit kept while the host's
state changes, and only the operator's confirmation puts it in the queue, with the
catalogue's fields filled in as they are then."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from console.commands import Context
from console.host.answers import review
from console.services import Console
from console.ui.host_panel import HostPanel
from tests.unit.host.host_show import console_for

SEGMENTS = "segments:\n  - {id: hello, text: 你好}\n"


def type_in(panel: HostPanel, text: str) -> None:
    """The operator types ``text`` over the answer, as a Chinese input method commits it."""
    panel.answer_edit.selectAll()
    typed = QInputMethodEvent()
    typed.setCommitString(text)
    QApplication.sendEvent(panel.answer_edit, typed)


def panel_for(console: Console, parent: QWidget) -> HostPanel:
    def fire(name: str, trigger: str, room: str | None = None, **arguments: Any) -> None:
        console.dispatcher.fire(name, arguments, Context(trigger, room))

    return HostPanel(console.host("main"), "main", fire, parent)


def test_the_operator_edits_the_answer_before_it_is_said(tmp_path: Path, qtbot: QtBot) -> None:
    async def scenario() -> None:
        console = console_for(tmp_path, extra=SEGMENTS)
        host = console.host("main")
        window = QWidget()
        qtbot.addWidget(window)
        panel = panel_for(console, window)
        steak = console.products["steak"]
        proposal = "现在直播间价 69 元，在 1号链接。"
        host.propose(review("牛排多少钱", proposal, steak, console.profile.compliance, "faq"))
        assert panel.answer_edit.text() == proposal and panel.answer_problems.isHidden()

        type_in(panel, "现在直播间价 59 元，在 3号链接。")
        problems = panel.answer_problems.text()
        assert "'59 元' does not match steak's price (69, 99)" in problems
        assert "'3号链接' but steak is at 1号链接" in problems
        assert not panel.answer_problems.isHidden()

        type_in(panel, "最低价 {price} 元，在 {link_no}号链接，快下单。")
        assert "prohibited term '最低'" in panel.answer_problems.text()
        type_in(panel, "现在 {price} 元，在 {link_no}号链接，快下单。")
        assert panel.answer_problems.isHidden()

        await console.registry.run("host.play hello", "test")  # the queue moves meanwhile
        assert panel.answer_edit.text() == "现在 {price} 元，在 {link_no}号链接，快下单。"
        assert len(host.queue) == 1  # nothing said without the operator

        await console.registry.run("product.set steak price 59", "test")
        answered = asyncio.Event()
        host.subscribe(lambda _: answered.set() if len(host.queue) == 2 else None)
        qtbot.mouseClick(panel.speak_button, Qt.MouseButton.LeftButton)
        await asyncio.wait_for(answered.wait(), 5)
        answer = host.queue.waiting[0]  # an answer goes before copy
        assert answer.origin == "answer" and answer.question == "牛排多少钱"
        assert answer.text == "现在 59 元，在 1号链接，快下单。"  # the live price, filled in now
        assert host.proposed is None and panel.answer_edit.isHidden()
        await console.close()

    asyncio.run(scenario())
