"""The barrage dock: the live feed, the review queue, the blocked messages, the bans, the
sources and the numbers.

Everything here reads the ``BarrageService`` and fires ``barrage.*`` commands; nothing
talks to a platform or to OBS. The feed pauses while the pointer is over it (or on
``barrage.pause``) and counts what waits. The review queue, the blocked list and the bans
are tabs (Alt+R, Alt+K, Alt+N): the selection in the review queue or the blocked list is
the selected message, which the hotkeys (A, R, B, P in the demo) and Release act on; a
released message goes back to the feed. Up/Down move the selection in the tab shown
whenever the focus is in the dock. The numbers refresh once a second.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QEnterEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from console.barrage.blocked import BlockedChange, Fate, released
from console.barrage.service import BarrageService
from console.barrage.sources import Source, SourcePhase, SourceState
from console.barrage.verdict import Judged
from console.catalog import FILTER_MODES
from console.ui.bans_view import BansPane
from console.ui.barrage_feed import BarrageFeedModel, BarrageFilter, FeedRole
from console.ui.barrage_stats_view import StatsPanel
from console.ui.blocked_view import BlockedModel, BlockedPane
from console.ui.feed_state import BLOCKED, HELD, FeedState
from console.ui.follow import follow
from console.ui.language import language_changed, shown
from console.ui.review_view import (
    JudgedListModel,
    ReviewModel,
    SpanDelegate,
    UserPanel,
    status_word,
)
from console.ui.surface import Fire
from console.ui.theme import mark, named

Index = QModelIndex | QPersistentModelIndex

FEED_CAPACITY = 1000
SPLIT = (4, 3, 2, 2)  # feed, review queue (and the blocked list, the bans), selected user, stats
BROWSED = (HELD, BLOCKED)  # what Up/Down step through in the first two tabs
REVIEW_ACTIONS = (
    "barrage.approve",
    "barrage.reject",
    "barrage.ban",
    "barrage.pin",
    "barrage.answer",
    "barrage.unpin",
)


def tab_titles() -> tuple[str, str, str]:
    """The moderation tabs, with the letters of Alt+R, Alt+K and Alt+N (the translations
    keep them: Chinese puts them in brackets, as Qt's own Chinese menus do)."""
    return (
        QCoreApplication.translate("BarrageDock", "&Review"),
        QCoreApplication.translate("BarrageDock", "Bloc&ked"),
        QCoreApplication.translate("BarrageDock", "Ba&ns"),
    )


def action_label(command: str) -> str:
    return {
        "barrage.approve": QCoreApplication.translate("BarrageDock", "Approve"),
        "barrage.reject": QCoreApplication.translate("BarrageDock", "Reject"),
        "barrage.ban": QCoreApplication.translate("BarrageDock", "Ban user"),
        "barrage.pin": QCoreApplication.translate("BarrageDock", "Pin on air"),
        "barrage.answer": QCoreApplication.translate("BarrageDock", "Answer"),
        "barrage.unpin": QCoreApplication.translate("BarrageDock", "Unpin"),
    }[command]


_TROUBLE = (SourcePhase.RECONNECTING, SourcePhase.FAILED)


class FeedView(QListView):
    """The feed's list: uniform one-line rows laid out in batches; says when hovered."""

    hovered = Signal(bool)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setUniformItemSizes(True)
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(200)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMouseTracking(True)

    def enterEvent(self, event: QEnterEvent) -> None:
        self.hovered.emit(True)
        super().enterEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self.hovered.emit(False)
        super().leaveEvent(event)


class SourceLine(QLabel):
    """One source: ``name: state · N received · N dropped``."""

    def __init__(self, source: Source, parent: QWidget) -> None:
        super().__init__(parent)
        self.source = source
        self.setObjectName("barrageSource")
        follow(self, source.subscribe(self.on_source_state))
        self.refresh()

    def on_source_state(self, state: SourceState) -> None:
        self.refresh()

    def refresh(self) -> None:
        source = self.source
        counters = source.counters
        text = self.tr("{source}: {state} · {received} received · {dropped} dropped").format(
            source=source.name,
            state=shown(source.state.describe()),
            received=counters.received,
            dropped=counters.dropped_total,
        )
        if self.text() != text:
            self.setText(text)
        mark(self, "alert", source.state.phase in _TROUBLE)


class BarrageDock(QDockWidget):
    """Feed, review queue, selected user, sources and stats of the show's barrage."""

    def __init__(
        self,
        service: BarrageService,
        feed: FeedState,
        fire: Fire,
        hints: dict[str, str],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("barrageDock")
        self.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.service = service
        self.feed = feed
        moderator = service.moderator
        self._fire = fire
        self._hints = hints  # command line -> key
        self._hovering = False
        self._syncing = False  # the view follows the service: do not echo back
        self._waiting = 0  # messages that came in while the feed is paused
        body = QWidget(self)

        self.source_lines = [SourceLine(source, body) for source in service.sources]
        self.feed_model = BarrageFeedModel(FEED_CAPACITY, products=service.products, parent=self)
        self.feed_filter = BarrageFilter(self)
        self.feed_filter.setSourceModel(self.feed_model)
        self.feed_view = FeedView(body)
        self.feed_view.setModel(self.feed_filter)
        self.feed_view.setItemDelegate(SpanDelegate(self.feed_view, moderator.status))
        self.new_button = named(QPushButton(body), "newMessages")
        self.new_button.setVisible(False)
        self.pause_button = QPushButton(body)
        self.pause_button.setCheckable(True)
        self.filter_box = QComboBox(body)
        # Its labels change with the language: its width follows them.
        self.filter_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for mode in FILTER_MODES:
            if mode == "product":
                for product in service.profile.products:
                    self.filter_box.addItem("", f"product {product.sku}")
            else:
                self.filter_box.addItem("", mode)

        self.review_model = ReviewModel(service.review.held(), self)
        self.review_view = QListView(body)
        self.review_view.setObjectName("reviewQueue")
        self.review_view.setModel(self.review_model)
        self.review_view.setUniformItemSizes(True)
        self.review_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.review_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.review_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.review_view.setItemDelegate(SpanDelegate(self.review_view))
        self.review_title = QLabel(body)
        self.blocked_model = BlockedModel(service.blocked.blocked(), self)
        self.blocked_pane = BlockedPane(self.blocked_model, body)
        self.blocked_view = self.blocked_pane.view
        self.bans_pane = BansPane(service.decisions, self.on_unban_wanted, body)
        self.tabs = named(QTabWidget(body), "moderationTabs")
        self.action_buttons = {command: QPushButton(body) for command in REVIEW_ACTIONS}
        self.selected_label = named(QLabel(body), "barrageSelected")
        self.selected_label.setWordWrap(True)
        self.user_panel = UserPanel(body)
        self.pin_label = named(QLabel(body), "barragePin")
        self.suggestion_label = named(QLabel(body), "barrageSuggestion")
        self.suggestion_label.setWordWrap(True)
        self.suggestion_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        names = {product.sku: _short(product.name) for product in service.profile.products}
        self.stats_panel = StatsPanel(names, body)

        self._layout(body)
        self.setWidget(body)
        self.setFocusProxy(self.review_view)
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._connect_signals()
        self.retranslate()

    def retranslate(self) -> None:
        """Every text of the dock in the window's language (the feed's own rows are the
        viewers' words)."""
        self.setWindowTitle(self.tr("Barrage"))
        self.feed_title.setText(self.tr("Feed"))
        self._name_keys()
        self.filter_box.setToolTip(self.tr("Feed filter (barrage.filter)"))
        names = {product.sku: _short(product.name) for product in self.service.profile.products}
        for index in range(self.filter_box.count()):
            mode, _, sku = str(self.filter_box.itemData(index)).partition(" ")
            label = shown(FILTER_MODES[mode])
            product = self.tr("{filter}: {product}").format(filter=label, product=names.get(sku))
            self.filter_box.setItemText(index, product if sku else label)
        self.user_panel.forget()
        for aspect in ("paused", "filter", "pin", "suggestion", "selected"):
            self.on_changed(aspect)
        self.on_feed_pending_changed(self._waiting)
        self.on_review_flushed()
        self.on_blocked_flushed()
        self.on_bans_changed("bans")
        self.on_ticker_timeout()

    def changeEvent(self, event: QEvent) -> None:
        if language_changed(event):
            self.retranslate()
        super().changeEvent(event)

    def _layout(self, body: QWidget) -> None:
        feed_box = QWidget(body)
        feed_bar = QHBoxLayout()
        self.feed_title = QLabel(feed_box)
        feed_bar.addWidget(self.feed_title)
        feed_bar.addStretch(1)
        for widget in (self.new_button, self.filter_box, self.pause_button):
            feed_bar.addWidget(widget)
        feed_layout = QVBoxLayout(feed_box)
        feed_layout.setContentsMargins(0, 0, 0, 0)
        for line in self.source_lines:
            feed_layout.addWidget(line)
        feed_layout.addLayout(feed_bar)
        feed_layout.addWidget(self.feed_view, 1)
        feed_layout.addWidget(self.pin_label)

        review_box = QWidget(body)
        buttons = QGridLayout()
        for number, button in enumerate(self.action_buttons.values()):
            buttons.addWidget(button, number // 3, number % 3)
        review_layout = QVBoxLayout(review_box)
        review_layout.setContentsMargins(0, 0, 0, 0)
        review_layout.addWidget(self.review_title)
        review_layout.addWidget(self.review_view, 1)
        review_layout.addLayout(buttons)
        for pane in (review_box, self.blocked_pane, self.bans_pane):
            self.tabs.addTab(pane, "")

        user_box = QWidget(body)
        user_layout = QVBoxLayout(user_box)
        user_layout.setContentsMargins(0, 0, 0, 0)
        user_layout.addWidget(self.selected_label)
        user_layout.addWidget(self.user_panel, 1)
        user_layout.addWidget(self.suggestion_label)

        # Stacked when docked beside the rooms, side by side under them (see
        # on_dock_location_changed).
        splitter = self.splitter = QSplitter(Qt.Orientation.Vertical, body)
        for box in (feed_box, self.tabs, user_box, self.stats_panel):
            splitter.addWidget(box)
        splitter.setChildrenCollapsible(False)
        self._share_space()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)

    def _connect_signals(self) -> None:
        service = self.service
        follow(self, service.subscribe(self.on_changed))
        follow(self, self.feed.subscribe(self.on_changed))
        follow(self, service.subscribe_batches(self.feed_model.push))
        follow(self, service.review.subscribe(self.review_model.on_review_changed))
        follow(self, service.blocked.subscribe(self.blocked_model.on_blocked_changed))
        follow(self, service.blocked.subscribe(self.on_blocked_changed))
        follow(self, service.decisions.subscribe(self.on_bans_changed))
        self.feed_model.pending_changed.connect(self.on_feed_pending_changed)
        self.feed_model.flushed.connect(self.on_feed_flushed)
        self.feed_view.hovered.connect(self.on_feed_hovered)
        self.feed_view.clicked.connect(self.on_feed_clicked)
        self.new_button.clicked.connect(self.on_new_clicked)
        self.pause_button.clicked.connect(self.on_pause_clicked)
        self.filter_box.activated.connect(self.on_filter_chosen)
        self.dockLocationChanged.connect(self.on_dock_location_changed)
        self.review_model.flushed.connect(self.on_review_flushed)
        self.blocked_model.flushed.connect(self.on_blocked_flushed)
        self.tabs.currentChanged.connect(self.on_tab_changed)
        selection = self.review_view.selectionModel()
        selection.currentChanged.connect(self.on_review_current_changed)
        blocked = self.blocked_view.selectionModel()
        blocked.currentChanged.connect(self.on_blocked_current_changed)
        for command, button in self.action_buttons.items():
            button.clicked.connect(lambda _=False, c=command: self._fire(c, "button"))
        self.blocked_pane.release_button.clicked.connect(
            lambda _=False: self._fire("barrage.release", "button")
        )
        for key, step in ((Qt.Key.Key_Up, -1), (Qt.Key.Key_Down, 1)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda s=step: self.on_step(s))
        self._ticker.timeout.connect(self.on_ticker_timeout)
        self._ticker.start()

    def set_hints(self, hints: dict[str, str]) -> None:
        """Name each command's key on its button again, after a rebinding."""
        self._hints = hints
        self._name_keys()

    def _name_keys(self) -> None:
        """Each command's button (and the pause button's tooltip) with its key, in the
        window's language."""
        self.pause_button.setToolTip(self._hinted("barrage.pause", self.tr("Hold the feed still")))
        self.blocked_pane.release_button.setText(
            self._hinted("barrage.release", self.tr("Release"), brackets=True)
        )
        self.bans_pane.unban_button.setText(
            self._hinted("barrage.unban", self.tr("Unban"), brackets=True)
        )
        for command, button in self.action_buttons.items():
            button.setText(self._hinted(command, action_label(command), brackets=True))

    def _hinted(self, command: str, text: str, brackets: bool = False) -> str:
        key = self._hints.get(command)
        if key is None:
            return text
        return f"{text} ({key})" if brackets else f"{text} — {key}"

    # -- slots ----------------------------------------------------------------------------

    def on_changed(self, aspect: str) -> None:
        refresh: Callable[[], None] | None = {
            "selected": self._show_selected,
            "paused": self._show_paused,
            "filter": self._show_filter,
            "pin": self._show_pin,
            "suggestion": self._show_suggestion,
        }.get(aspect)
        if refresh is not None:
            refresh()

    def on_dock_location_changed(self, area: Qt.DockWidgetArea) -> None:
        """Side by side under or over the rooms, stacked beside them."""
        wide = area in (Qt.DockWidgetArea.TopDockWidgetArea, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.splitter.setOrientation(Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical)
        self._share_space()

    def _share_space(self) -> None:
        """Feed, review, user, stats in the proportions of ``SPLIT`` (the splitter scales)."""
        for index, share in enumerate(SPLIT):
            self.splitter.setStretchFactor(index, share)
        self.splitter.setSizes([share * 100 for share in SPLIT])

    def on_feed_hovered(self, hovering: bool) -> None:
        self._hovering = hovering
        self._apply_pause()

    def on_feed_pending_changed(self, waiting: int) -> None:
        self._waiting = waiting
        self.new_button.setText(self.tr("%n new ↓", "", waiting))
        self.new_button.setVisible(waiting > 0)

    def on_feed_flushed(self, rows: int) -> None:
        self.feed_view.scrollToBottom()

    def on_feed_clicked(self, index: QModelIndex) -> None:
        judged = index.data(FeedRole.JUDGED)
        if isinstance(judged, Judged):
            self.feed.select(judged.message.id, judged)

    def on_new_clicked(self) -> None:
        """The operator wants the newest now: the feed follows again, even with the pointer
        still over it (it pauses again when the pointer comes back)."""
        self._hovering = False
        if self.feed.paused:
            self._fire("barrage.resume", "button")
        else:
            self._apply_pause()

    def on_pause_clicked(self) -> None:
        self.pause_button.setChecked(self.feed.paused)  # the feed state decides
        self._fire("barrage.resume" if self.feed.paused else "barrage.pause", "button")

    def on_filter_chosen(self, index: int) -> None:
        mode, _, sku = str(self.filter_box.itemData(index)).partition(" ")
        self._fire("barrage.filter", "button", mode=mode, sku=sku or None)

    def on_review_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._syncing or self.review_model.updating or not current.isValid():
            return
        self.feed.select(self.review_model.message_id(current.row()))

    def on_review_flushed(self) -> None:
        held = self.review_model.rowCount()
        self.review_title.setText(
            self.tr("Review queue · %n held · ↑/↓ select", "", held)
            if held
            else self.tr("Review queue · nothing held")
        )
        self.tabs.setTabText(0, f"{tab_titles()[0]} · {held}")
        self._show_selected()

    def on_blocked_flushed(self) -> None:
        self.blocked_pane.show_count()
        self.tabs.setTabText(1, f"{tab_titles()[1]} · {self.blocked_model.rowCount()}")
        self._show_selected()
        if not self.blocked_view.currentIndex().isValid():
            self.blocked_view.scrollToBottom()  # the newest, as in the feed

    def on_blocked_changed(self, change: BlockedChange) -> None:
        """A released message goes back to the feed, passed."""
        if change.fate is Fate.RELEASED:
            self.feed_model.push([released(change.blocked)])

    def on_blocked_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._syncing or self.blocked_model.updating or not current.isValid():
            return
        self.feed.select(self.blocked_model.message_id(current.row()))

    def on_bans_changed(self, aspect: str) -> None:
        if aspect == "bans":
            self.tabs.setTabText(2, f"{tab_titles()[2]} · {len(self.service.decisions.bans())}")

    def on_unban_wanted(self, user: str) -> None:
        self._fire("barrage.unban", "button", user=user)

    def on_tab_changed(self, index: int) -> None:
        """The review queue or the blocked list shown is the list Up/Down step through."""
        if index < len(BROWSED):
            self.feed.browse(BROWSED[index])

    def on_step(self, step: int) -> None:
        """Up/Down: the next or previous row of the tab shown (a ban row, or a message
        selected through ``barrage.select``)."""
        if self.tabs.currentWidget() is self.bans_pane:
            self.bans_pane.step(step)
        else:
            self._fire("barrage.select", "key", which="next" if step > 0 else "previous")

    def on_ticker_timeout(self) -> None:
        self.stats_panel.show_stats(self.service.stats.snapshot())
        for line in self.source_lines:
            line.refresh()
        if self.service.pins():
            self._show_pin()
        self._show_user()

    # -- showing the service --------------------------------------------------------------

    def _apply_pause(self) -> None:
        self.feed_model.set_paused(self.feed.paused or self._hovering)

    def _show_paused(self) -> None:
        if not self.feed.paused:
            self._hovering = False  # resumed on purpose: the pointer resting there (the
            # message it clicked) does not hold the feed still; it holds it on coming back
        self.pause_button.setChecked(self.feed.paused)
        self.pause_button.setText(self.tr("Paused") if self.feed.paused else self.tr("Pause"))
        self._apply_pause()

    def _show_filter(self) -> None:
        feed = self.feed.filter
        proxy = self.feed_filter
        proxy.set_questions_only(feed.mode == "questions")
        proxy.set_gifts_orders_only(feed.mode == "gifts")
        proxy.set_product(feed.sku if feed.mode == "product" else None)
        wanted = f"product {feed.sku}" if feed.mode == "product" else feed.mode
        self.filter_box.setCurrentIndex(max(0, self.filter_box.findData(wanted)))

    def _show_pin(self) -> None:
        parts, problems, on_air = [], list(self.service.pin_problems()), False
        for room in self.service.rooms:
            pinned, pin = room.pin, room.pin.current
            if pin is None:
                continue
            if pinned.on_air:
                on_air = True
                parts.append(
                    self.tr("ON AIR {room} {seconds} s · {comment}").format(
                        room=room.id, seconds=f"{pin.left():.0f}", comment=pin.text
                    )
                )
            else:
                why = shown(pinned.missing) if pinned.missing else self.tr("checking OBS")
                parts.append(
                    self.tr("PINNED {room}, NOT ON AIR ({why}) · {comment}").format(
                        room=room.id, why=why, comment=pin.text
                    )
                )
                if pinned.on_air is False:
                    problems.append(why)
        problems = [shown(problem) for problem in problems]
        text = "   ".join(parts) or "; ".join(problems) or self.tr("No comment pinned")
        mark(self.pin_label, "onair", on_air)
        mark(self.pin_label, "alert", bool(problems))
        if self.pin_label.text() != text:
            self.pin_label.setText(text)

    def _show_suggestion(self) -> None:
        answer = self.service.suggestion
        self.suggestion_label.setText(
            ""
            if answer is None
            else self.tr("Suggested answer — {answer}").format(answer=shown(answer.describe()))
        )

    def _show_selected(self) -> None:
        moderator = self.service.moderator
        judged = self.feed.selected
        if judged is None:
            self.selected_label.setText(
                self.tr("Select a held comment (↑/↓) or click one in the feed")
            )
        else:
            message = judged.message
            verdict = shown(judged.verdict.describe())
            status = status_word(moderator.status(message.id))
            self.selected_label.setText(
                f"{message.user_name}: {message.text}\n{status} · {verdict}"
            )
        self._sync_list_selection(self.review_view, self.review_model)
        self._sync_list_selection(self.blocked_view, self.blocked_model)
        self._sync_feed_selection()
        self._show_user()

    def _show_user(self) -> None:
        moderator = self.service.moderator
        judged = self.feed.selected
        if judged is None:
            self.user_panel.show_user(None, [], False, moderator.status)
            return
        message = judged.message
        self.user_panel.show_user(
            message,
            self.service.history.recent(message.user_key),
            moderator.is_banned(message),
            moderator.status,
        )

    def _sync_list_selection(self, view: QListView, model: JudgedListModel) -> None:
        """The review queue's or the blocked list's row of the selected message, if any."""
        row = model.row_of(self.feed.selected_id)
        self._syncing = True
        try:
            if row < 0:
                view.selectionModel().clear()
            else:
                index = model.index(row)
                view.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                )
                view.scrollTo(index)
        finally:
            self._syncing = False

    def _sync_feed_selection(self) -> None:
        selection = self.feed_view.selectionModel()
        current = selection.currentIndex()
        if current.isValid() and current.data(FeedRole.MESSAGE_ID) == self.feed.selected_id:
            return
        selection.clear()


def _short(name: str, limit: int = 6) -> str:
    """A product name short enough for a legend: its first word, or that word's end (a
    Chinese name ends with what the thing is: 南美草饲原切眼肉牛排 → …切眼肉牛排)."""
    words = name.split()
    first = words[0] if words else name
    return first if len(first) <= limit else "…" + first[-(limit - 1) :]
