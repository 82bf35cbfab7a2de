"""The feed model: batched inserts, bounded rows, pausing, filters (under qtmodeltester)."""

from __future__ import annotations

import pytest
from barrage_samples import msg
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from console.barrage.classify import ProductMatcher
from console.barrage.message import Kind, Message
from console.barrage.pipeline import Pipeline
from console.barrage.verdict import Judged
from console.ui.barrage_feed import BarrageFeedModel, BarrageFilter, FeedFlag, FeedRole


@pytest.fixture(autouse=True)
def app(qapp: QApplication) -> QApplication:
    """Every model here owns a QTimer: it needs the application's event dispatcher."""
    return qapp


PRODUCTS = ProductMatcher({"steak": ["牛排", "1号链接"], "lego": ["乐高"]})


def judged(texts: list[str], kind: Kind = Kind.COMMENT) -> list[Judged]:
    messages = [msg(text, user=f"user{n}-{text}", kind=kind) for n, text in enumerate(texts)]
    verdicts, normalised = Pipeline().judge_batch(messages)
    return [Judged(m, v, n) for m, v, n in zip(messages, verdicts, normalised, strict=True)]


def gift(name: str, count: int) -> list[Judged]:
    message = Message(
        "douyin", "main", "g1", "u1", "Ann", "", 1.0, Kind.GIFT, {"gift": name, "count": count}
    )
    return [Judged(message, Pipeline().judge(message), "")]


class Signals:
    """Counts the structure signals a model emits."""

    def __init__(self, model: BarrageFeedModel) -> None:
        self.inserted: list[tuple[int, int]] = []
        self.removed: list[tuple[int, int]] = []
        model.rowsInserted.connect(lambda _, first, last: self.inserted.append((first, last)))
        model.rowsRemoved.connect(lambda _, first, last: self.removed.append((first, last)))


def test_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = BarrageFeedModel(capacity=50)
    qtmodeltester.check(model)
    for round_ in range(4):
        model.push(judged([f"第{round_}轮 {n}" for n in range(20)]))
        model.flush()
    qtmodeltester.check(model)
    assert model.rowCount() == 50


def test_one_insert_per_flush_whatever_the_number_of_batches() -> None:
    model = BarrageFeedModel(capacity=1000)
    signals = Signals(model)
    for n in range(3):
        model.push(judged([f"b{n}-{i}" for i in range(100)]))
    assert model.rowCount() == 0  # nothing shows before the flush
    assert model.flush() == 300
    assert signals.inserted == [(0, 299)] and signals.removed == []


def test_overflow_is_trimmed_with_one_remove() -> None:
    model = BarrageFeedModel(capacity=250)
    model.push(judged([f"old {i}" for i in range(200)]))
    model.flush()
    signals = Signals(model)
    model.push(judged([f"new {i}" for i in range(100)]))
    model.flush()
    assert signals.removed == [(0, 49)] and signals.inserted == [(150, 249)]
    assert model.data(model.index(0)).endswith("old 50")
    assert model.data(model.index(249)).endswith("new 99")


def test_more_than_capacity_in_one_flush_keeps_the_newest() -> None:
    model = BarrageFeedModel(capacity=10)
    model.push(judged([f"m{i}" for i in range(25)]))
    assert model.flush() == 10 and model.skipped == 15
    assert model.data(model.index(0)).endswith("m15")


def test_the_timer_flushes_at_most_thirty_times_a_second(qtbot: QtBot) -> None:
    model = BarrageFeedModel(max_rate=30.0)
    assert model._timer.interval() >= 33
    with qtbot.waitSignal(model.flushed, timeout=1000) as blocker:
        model.push(judged(["hello"]))
    assert blocker.args == [1] and model.rowCount() == 1


def test_pause_keeps_rows_still_and_counts_what_arrives(qtbot: QtBot) -> None:
    model = BarrageFeedModel(capacity=100)
    model.push(judged(["before"]))
    model.flush()
    model.set_paused(True)
    signals = Signals(model)
    with qtbot.waitSignal(model.pending_changed, timeout=1000) as blocker:
        model.push(judged([f"while {i}" for i in range(30)]))
    assert blocker.args == [30] and model.pending == 30
    assert model.rowCount() == 1 and signals.inserted == []
    with qtbot.waitSignal(model.pending_changed, timeout=1000) as cleared:
        model.set_paused(False)
    assert cleared.args == [0]
    assert model.rowCount() == 31 and signals.inserted == [(1, 30)]


def test_data_reads_the_precomputed_row() -> None:
    model = BarrageFeedModel(products=PRODUCTS)
    model.push(judged(["牛排多少钱？", "加我微信123"]))
    model.flush()
    first, second = model.index(0), model.index(1)
    assert model.data(first).endswith(": 牛排多少钱？")
    assert model.data(first, FeedRole.FLAGS) == FeedFlag.QUESTION | FeedFlag.MENTION
    assert model.data(first, FeedRole.PRODUCTS) == ["steak"]
    assert model.data(second, FeedRole.ACTION) == "block"
    name_length = len(model.row_at(1).judged.message.user_name) + 2
    assert model.data(second, FeedRole.HIGHLIGHT) == [name_length + 2, name_length + 4]
    assert "block: contact" in model.data(second, Qt.ItemDataRole.ToolTipRole)
    assert model.data(second, Qt.ItemDataRole.ForegroundRole) is not None
    assert model.data(model.index(5)) is None
    assert model.find(model.row_at(1).judged.message.id) == 1


def test_gifts_read_as_events() -> None:
    model = BarrageFeedModel()
    model.push(gift("小心心", 3))
    model.flush()
    assert model.data(model.index(0)) == "Ann sent 小心心 ×3"
    assert model.data(model.index(0), FeedRole.FLAGS) & FeedFlag.GIFT


def filtered(model: BarrageFeedModel, proxy: BarrageFilter) -> list[str]:
    return [proxy.data(proxy.index(row, 0)).split(": ", 1)[-1] for row in range(proxy.rowCount())]


def test_filters(qtmodeltester: ModelTester) -> None:
    model = BarrageFeedModel(products=PRODUCTS)
    proxy = BarrageFilter()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    model.push(judged(["牛排多少钱？", "主播好漂亮", "乐高有货吗", "加我微信123", "1号链接好吃"]))
    model.push(gift("小心心", 1))
    model.flush()
    assert filtered(model, proxy) == [
        "牛排多少钱？",
        "主播好漂亮",
        "乐高有货吗",
        "1号链接好吃",
        "Ann sent 小心心 ×1",
    ]
    proxy.set_questions_only(True)
    assert filtered(model, proxy) == ["牛排多少钱？", "乐高有货吗"]
    proxy.set_product("steak")
    assert filtered(model, proxy) == ["牛排多少钱？"]
    proxy.set_questions_only(False)
    assert filtered(model, proxy) == ["牛排多少钱？", "1号链接好吃"]
    proxy.set_product(None)
    proxy.set_gifts_orders_only(True)
    assert filtered(model, proxy) == ["Ann sent 小心心 ×1"]
    proxy.set_gifts_orders_only(False)
    proxy.set_show_blocked(True)
    assert "加我微信123" in filtered(model, proxy)
    qtmodeltester.check(proxy)


def test_filter_follows_new_rows(qtmodeltester: ModelTester) -> None:
    model = BarrageFeedModel(capacity=20, products=PRODUCTS)
    proxy = BarrageFilter()
    proxy.setSourceModel(model)
    proxy.set_questions_only(True)
    qtmodeltester.check(proxy)
    for round_ in range(5):
        model.push(judged([f"第{round_}轮{i}多少钱" if i % 2 else f"好{i}" for i in range(10)]))
        model.flush()
    assert proxy.rowCount() == 10 and model.rowCount() == 20
    assert proxy.rowCount(QModelIndex()) == 10
