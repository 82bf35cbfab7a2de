"""The window in Simplified Chinese and English: the Chinese translation compiles and loads,
English (the source language) needs none, every string the sources mark has a finished
Chinese translation that keeps its placeholders, every text
the window shows in Chinese is Chinese (a test that finds the strings nobody wrapped), the
language switches while the console runs, and screenshots of both at 1366x768."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QRect, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDockWidget,
    QLabel,
    QLineEdit,
    QListWidget,
    QTableView,
    QTableWidget,
    QTabWidget,
    QTreeWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot
from qasync import QEventLoop

from console.commands import ActionRecord, CommandError, CommandRegistry, ErrorCode
from console.host.lines import Line
from console.obs.errors import ConnectFailed
from console.obs.state import LinkPhase, LinkState
from console.profile import Profile, load_profile
from console.services import Console
from console.text import Text
from console.ui.language import (
    CHINESE,
    ENGLISH,
    TRANSLATIONS,
    Language,
    TranslationUnavailable,
    choose,
    compiled,
    language_of,
    shown,
)
from console.ui.main_window import MainWindow
from console.ui.product_editor import AddProductDialog, ProductEditor
from console.ui.rebind import RebindDialog
from tests.conftest import Drive
from tests.support import FAST

DEMO = Path(__file__).resolve().parents[3] / "profiles" / "demo.yaml"
UPDATE = TRANSLATIONS / "update.sh"
LAPTOP = QRect(0, 0, 1366, 768 - 40)
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%n")

# Words that stay Latin in a Chinese window: names of programs and standards, units, keys.
PROPER = {
    "OBS", "SKU", "CPU", "API", "AI", "WebSocket", "fps", "ms", "px", "English", "Ctrl", "Alt",
    "Shift", "Meta", "Esc", "Enter", "Delete", "Space", "Return", "PgUp", "PgDown", "Left", "Right",
    "Up", "Down", "Tab", "png", "jpg", "jpeg", "webp", "url", "FAQ", "id", "all",
}  # fmt: skip


@pytest.fixture(scope="session")
def compiled_here(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder this run compiles the translations into (once)."""
    return tmp_path_factory.mktemp("translations")


@pytest.fixture
def language(compiled_here: Path) -> Iterator[Language]:
    """The window's language; English again after the test, for the tests that follow."""
    speaking = Language(compiled_here)
    yield speaking
    speaking.switch(ENGLISH)


def test_every_marked_string_has_a_finished_chinese_translation(tmp_path: Path) -> None:
    """lupdate run on the sources as they are: no string is new, none unfinished, none
    empty, and each translation keeps the placeholders of its source."""
    shutil.copy(TRANSLATIONS / "console_zh_CN.ts", tmp_path / "console_zh_CN.ts")
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    subprocess.run(
        [str(UPDATE), str(tmp_path)],
        check=True,
        env={**os.environ, "LUPDATE": str(lupdate)},
        timeout=120,
    )
    updated, committed = tmp_path / "console_zh_CN.ts", TRANSLATIONS / "console_zh_CN.ts"
    tree = ET.parse(updated)
    problems = []
    count = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            count += 1
            source = message.findtext("source") or ""
            translation = message.find("translation")
            assert translation is not None
            forms = [form.text or "" for form in translation.iter("numerusform")] or [
                translation.text or ""
            ]
            if translation.get("type") in ("unfinished", "vanished", "obsolete"):
                problems.append(f"{name}: {source!r} is {translation.get('type')}")
            elif not all(form.strip() for form in forms):
                problems.append(f"{name}: {source!r} has an empty translation")
            for form in forms:
                wanted = sorted(PLACEHOLDER.findall(source))
                if sorted(PLACEHOLDER.findall(form)) != wanted:
                    problems.append(f"{name}: {form!r} does not keep {wanted} of {source!r}")
    assert problems == []
    assert count > 300
    assert updated.read_text(encoding="utf-8") == committed.read_text(encoding="utf-8"), (
        "console/translations/update.sh changes the committed sources: run it and commit"
    )
    # English is the source: a count reads right without a translation ("1 false alarm").
    sources = [m.findtext("source") or "" for m in tree.getroot().iter("message")]
    assert [source for source in sources if "(s)" in source] == []


def test_both_languages_load_and_a_changed_source_is_compiled_again(
    qapp: object, language: Language, tmp_path: Path
) -> None:
    language.switch(CHINESE)
    assert QCoreApplication.translate("RoomPanel", "TAKE") == "转场"
    assert QCoreApplication.translate("BarrageDock", "%n new ↓", "", 3) == "3 条新弹幕 ↓"
    assert shown(ErrorCode.NOT_CONNECTED.headline) == "OBS 未连接"
    assert QCoreApplication.translate("StatsPanel", " (%n false alarms)", "", 2) == "（误拦 2 条）"
    language.switch(ENGLISH)
    assert QCoreApplication.translate("RoomPanel", "TAKE") == "TAKE"
    assert QCoreApplication.translate("StatsPanel", " (%n false alarms)", "", 2) == (
        " (2 false alarms)"
    )
    source = tmp_path / "console_zh_CN.ts"
    shutil.copy(TRANSLATIONS / source.name, source)
    first = compiled(source, tmp_path / "cache")
    assert compiled(source, tmp_path / "cache") == first  # unchanged: not compiled again
    source.write_text(
        source.read_text(encoding="utf-8").replace(">转场<", ">切换<"), encoding="utf-8"
    )
    second = compiled(source, tmp_path / "cache")
    assert second != first and second.is_file()
    language.prepare()  # at start-up: a switch during the show never compiles
    assert "console_zh_CN" in {path.name.split("-")[0] for path in language.cache.glob("*.qm")}
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    with pytest.raises(TranslationUnavailable) as unavailable:
        Language(blocked).switch(CHINESE)
    assert "console_zh_CN.ts" in unavailable.value.args[0]
    assert QCoreApplication.translate("RoomPanel", "TAKE") == "TAKE"  # still English


def test_the_language_follows_the_profile_then_the_system_else_english() -> None:
    assert choose("zh-CN") == (CHINESE, None)
    assert choose("en") == (ENGLISH, None)
    assert language_of("zh_Hans_CN") == CHINESE
    assert language_of("en-US") == ENGLISH
    assert language_of("zh-TW") is None  # traditional Chinese is not what the window speaks
    language, note = choose("fr-FR")
    assert language == ENGLISH
    assert note is not None and "fr-FR" in note
    assert choose(None)[0] in (CHINESE, ENGLISH)


def test_a_text_is_english_words_that_remember_their_template() -> None:
    reason = Text("link", "connection refused")
    text = Text("link", "cannot reach OBS at {host}:{port}: {error}").format(
        host="127.0.0.1", port=4455, error=reason
    )
    assert text == "cannot reach OBS at 127.0.0.1:4455: connection refused"
    assert text.source == "cannot reach OBS at {host}:{port}: {error}"
    assert text.arguments["error"] is reason
    error = CommandError(text, ErrorCode.NOT_CONNECTED)
    assert error.text is text and str(error) == text
    import copy
    import pickle

    for again in (copy.deepcopy(text), pickle.loads(pickle.dumps(text))):
        assert again == text and isinstance(again, Text) and again.source == text.source
    with pytest.raises(TypeError):
        Text("link", "{0}").format("positional")


def _profile_words(profile: Profile) -> set[str]:
    """What the show itself names and says: its rooms, scenes, products, rundown, host
    segments, sources, hotkeys."""
    words = {profile.show.title}
    for room in profile.rooms:
        words |= {room.id, room.name, room.slide_source, room.comment_source}
        words |= {room.obs.host, str(room.obs.port)}
        scenes = room.scenes
        words |= {scenes.opening or "", scenes.host or "", scenes.product or ""}
        words |= {scenes.break_ or "", room.transition.name}
    for product in profile.products:
        words |= {product.sku, product.name}
    for item in profile.rundown:
        words.add(item.title)
    for segment in profile.segments:
        words |= {segment.id, segment.text or ""}
    for source in profile.barrage.sources:
        words.add(source.name)
    for hotkey in profile.hotkeys:
        words |= {hotkey.key, hotkey.command}
    return {word for word in words if word}


def _texts(window: QWidget) -> list[tuple[str, str]]:
    """Every text the window and its children show: (where, text)."""
    found: list[tuple[str, str]] = []

    def add(widget: QWidget, what: str, text: str) -> None:
        if text:
            found.append((f"{type(widget).__name__} {widget.objectName()} {what}", text))

    for widget in [window, *window.findChildren(QWidget)]:
        add(widget, "tooltip", widget.toolTip())
        if widget.isWindow() or isinstance(widget, QDockWidget):
            add(widget, "title", widget.windowTitle())
        if isinstance(widget, QLabel):
            add(widget, "text", re.sub(r"<[^>]+>", "", widget.text()))
        elif isinstance(widget, QAbstractButton):
            add(widget, "text", widget.text())
        elif isinstance(widget, QLineEdit):
            add(widget, "placeholder", widget.placeholderText())
        elif isinstance(widget, QComboBox):
            for index in range(widget.count()):
                add(widget, "item", widget.itemText(index))
        elif isinstance(widget, QTabWidget):
            for index in range(widget.count()):
                add(widget, "tab", widget.tabText(index))
        if isinstance(widget, QTableWidget):
            for row in range(widget.rowCount()):
                for column in range(widget.columnCount()):
                    item = widget.item(row, column)
                    if item is not None:
                        add(widget, "cell", item.text())
                        add(widget, "cell tooltip", item.toolTip())
        if isinstance(widget, QListWidget):
            for row in range(widget.count()):
                list_item = widget.item(row)
                add(widget, "item", list_item.text())
                add(widget, "item tooltip", list_item.toolTip())
        if isinstance(widget, QTreeWidget):
            header = widget.headerItem()
            for column in range(header.columnCount()):
                add(widget, "header", header.text(column))
            for row in range(widget.topLevelItemCount()):
                tree_item = widget.topLevelItem(row)
                assert tree_item is not None
                for column in range(widget.columnCount()):
                    add(widget, "row", tree_item.text(column))
                    add(widget, "row tooltip", tree_item.toolTip(column))
        elif isinstance(widget, QTableView):
            model = widget.model()
            for column in range(model.columnCount()):
                heading = model.headerData(column, Qt.Orientation.Horizontal)
                add(widget, "header", str(heading) if heading is not None else "")
    return found


COMMAND_LINE = re.compile(r"[a-z]+\.[a-z_.]+(\s+(<\w+>|\[\w+=\]|\w+=\S*))*")


def _untranslated(texts: list[tuple[str, str]], allowed: set[str]) -> list[str]:
    """The texts with a Latin word that is neither a name the show gave, a command line,
    nor a proper name or unit."""
    names = sorted((name for name in allowed if len(name) > 1), key=len, reverse=True)
    bad = []
    for where, text in texts:
        rest = re.sub(r"https?://\S+", " ", text)
        for name in names:
            rest = rest.replace(name, " ")
        rest = COMMAND_LINE.sub(" ", rest)
        rest = re.sub(r"\b\w+=\S*|\S+\.(png|jpg|jsonl|yaml)\b|\d+\.\d+\.\d+", " ", rest)
        rest = re.sub(r"\b(Ctrl|Alt|Shift|Meta)\+\S+", " ", rest)
        words = [w for w in re.findall(r"[A-Za-z]{2,}", rest) if w not in PROPER]
        if words:
            bad.append(f"{where}: {text!r} ({', '.join(words)})")
    return bad


def _command_words(registry: CommandRegistry) -> set[str]:
    """What one types in a command line: the commands, their arguments and fixed words."""
    words = {"on", "off"}
    for spec in registry.specs():
        words.add(spec.name)
        for arg in spec.all_args:
            words |= {arg.name, *arg.choices}
    return words


PALETTE_LINES = (
    "",  # every command with its help
    "scene.program ",  # the room's scenes, where each one is
    "scene.program Host ",  # the optional arguments, by name
    "rundown.goto ",  # the rundown's items, the one on now
    "host.autopilot ",  # fixed words
    "barrage.filter ",
    "scene.program Host Break Opening",  # a word too many
    "nope.nothing",  # no such command
    "host.say ",  # runs, but lacks its text
)


def _demo_console(profile: Profile) -> Console:
    console = Console(profile, FAST, log_actions=False)
    for room in console.rooms:
        room.state.load(
            {
                "scenes": {
                    "scenes": [
                        {"sceneName": name, "sceneIndex": 4 - i}
                        for i, name in enumerate(("Opening", "Host", "Product", "Break"))
                    ],
                    "currentProgramSceneName": "Host",
                    "currentPreviewSceneName": "Product",
                },
                "studio": {"studioModeEnabled": True},
                "inputs": [],
                "transitions": {"transitions": [{"transitionName": "Fade"}]},
                "transition": {"transitionName": "Fade", "transitionDuration": 300},
            }
        )
        room.state.set_link(LinkState(LinkPhase.CONNECTED, obs_version="29.0.2"))
    return console


def test_the_demo_window_in_chinese_shows_no_untranslated_text_and_switches_at_run_time(
    tmp_path: Path, qtbot: QtBot, aloop: QEventLoop, drive: Drive, language: Language
) -> None:
    profile = load_profile(DEMO)
    allowed = _profile_words(profile)
    language.switch(CHINESE)
    console = _demo_console(profile)
    room = console.rooms.ids[0]
    segment = profile.segments[0]
    held = Line(segment.id, segment.text, segment=segment.id)
    host = console.rooms.get(room).host
    assert host is not None
    host.restore([held], None)  # as after a restart: the room's host queue held
    window = MainWindow(console, language)
    qtbot.addWidget(window)
    window.setGeometry(LAPTOP)
    window.show()
    qtbot.waitExposed(window)
    assert window.panels[room].host_panel is not None
    assert window.panels[room].host_panel.now_label.text().startswith("数字人  挂起")
    window.show_control(Text("app", "control API {url}").format(url="http://127.0.0.1:1"))
    window.on_log_problem("action log", "disk full")  # the log file's own words: English
    assert _untranslated(_texts(window), allowed | {"disk full"}) == []
    window.on_log_problem("action log", "")
    assert _untranslated(_texts(window.cheat_sheet), allowed) == []
    typed = allowed | _command_words(console.registry)
    palette = window.command_palette
    for line in PALETTE_LINES:
        palette.open()
        palette.input.setText(line)
        assert palette.list.topLevelItemCount() or palette.action.text(), line
        assert _untranslated(_texts(palette), typed) == [], line
    assert palette.action.text().startswith("Enter 执行  host.say  — host.say：缺少 text")
    palette.finish()
    window.on_rebind_wanted("F3")
    rebind = window.findChild(RebindDialog)
    assert rebind is not None
    for key, verdict in (
        ("F1", "✗ F1 已保留给速查表"),
        ("Ctrl+K", "✗ Ctrl+K 用于打开命令面板"),
        ("Ctrl+Alt+L", "✗ Ctrl+Alt+L 用于切换界面语言"),
        ("Space", "✗ Space 已绑定到 scene.take"),
        ("G", "✗ G 不能设为全局快捷键"),  # F3 is global
        ("F13", "scene.program Host：F3 → F13，无冲突"),
    ):
        rebind.on_table_item_activated(rebind.table.item(rebind.table.currentRow(), 0))
        rebind.on_capture_changed(QKeySequence(key))
        assert rebind.verdict.text().startswith(verdict), rebind.verdict.text()
        assert _untranslated(_texts(rebind), allowed) == [], key
    rebind.close()
    product = profile.products[0]
    editor = ProductEditor(product, DEMO.parent, window.fire, window)
    adding = AddProductDialog(window.fire, window)
    for dialog in (editor, adding):
        assert _untranslated(_texts(dialog), allowed | {product.usage or ""}) == []
        dialog.close()
    assert "保存" in [button.text() for button in adding.findChildren(QAbstractButton)]
    _fits(window)
    window.grab().save(str(tmp_path / "window-zh_CN.png"))

    # The room loses its OBS; an OBS error is shown with its code's headline.
    refused = ConnectFailed(
        Text("link", "cannot reach OBS at {host}:{port}: {error}").format(
            host="127.0.0.1", port=4455, error=Text("link", "connection refused")
        )
    )
    console.rooms.get(room).state.set_link(
        LinkState(LinkPhase.RECONNECTING, refused.text, retry_at=time.monotonic() + 5)
    )
    record = ActionRecord(
        time.time(), "scene.program Host", "hotkey F3", False, refused.text, 1.0, "not_connected"
    )
    window.on_action_recorded(record)
    qtbot.waitUntil(lambda: "无法连接" in window.panels[room].link_reason.text())
    assert window.last_action.text().startswith("✗ OBS 未连接 · scene.program Host: 无法连接")
    assert _untranslated(_texts(window), allowed) == []

    # The operator switches to English: every widget says it again in English at once.
    window.fire("window.language", "test", language="en")
    qtbot.waitUntil(lambda: window.panels[room].take_button.text() == "TAKE")
    qtbot.waitUntil(lambda: "cannot reach OBS" in window.panels[room].link_reason.text())
    assert language.current == ENGLISH
    assert window.barrage_dock.windowTitle() == "Barrage"
    assert window.last_action.text() == "✓ window.language language=en · the window speaks English"
    window.on_action_recorded(record)
    assert window.last_action.text().startswith("✗ OBS not connected · scene.program Host")
    assert _chinese(_texts(window), allowed) == []
    _fits(window)
    window.grab().save(str(tmp_path / "window-en.png"))

    # And back, with the window's own key.
    window.fire("window.language", "key Ctrl+Alt+L")
    qtbot.waitUntil(lambda: window.panels[room].take_button.text() == "转场")
    assert window.cheat_sheet.tabs.tabText(0) == "快捷键"
    with pytest.raises(CommandError) as refused_language:
        drive(window.on_language_command(window.context("test"), "fr"))
    assert refused_language.value.error_code is ErrorCode.BAD_ARGUMENT
    for name in ("window-zh_CN.png", "window-en.png"):
        assert (tmp_path / name).stat().st_size > 10_000
    window.close()
    drive(console.close())


def _fits(window: MainWindow) -> None:
    """Nothing in this language makes the window need more than a laptop screen."""
    minimum = window.minimumSizeHint()
    assert minimum.width() <= LAPTOP.width() and minimum.height() <= LAPTOP.height()
    assert (window.width(), window.height()) == (LAPTOP.width(), LAPTOP.height())


def _chinese(texts: list[tuple[str, str]], allowed: set[str]) -> list[str]:
    """The texts with Chinese words that are not (part of) a name the show gave."""
    names = " ".join(allowed) + " 中文 插播 急插"  # the catalogue names these two trade terms
    return [
        f"{where}: {text!r}"
        for where, text in texts
        if any(
            run not in names
            for run in re.findall(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+", text)
        )
    ]
