"""Status bar sections: one per room (outputs and OBS health) and the last failure."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from console.obs.state import LinkPhase, RoomState
from console.ui.follow import follow
from console.ui.theme import mark


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "0.0%"


class RoomStatus(QLabel):
    """``room · LIVE · REC 00:01:02 · 30.0 fps · dropped render 0.0% output 0.0% · CPU 9%``."""

    def __init__(self, room_id: str, state: RoomState, parent: QWidget) -> None:
        super().__init__(parent)
        self.room_id = room_id
        self.state = state
        follow(self, state.subscribe(self.on_state_changed))
        self.on_state_changed("link")

    def on_state_changed(self, aspect: str) -> None:
        if aspect not in ("link", "stats"):
            return
        state = self.state
        if state.link.phase is not LinkPhase.CONNECTED:
            self.setText(f"{self.room_id} · {state.link.phase.value}")
            mark(self, "alert", True)
            return
        stats = state.stats
        parts = [
            self.room_id,
            f"LIVE {stats.stream_timecode[:8]}" if stats.streaming else "stream off",
            f"REC {stats.record_timecode[:8]}" if stats.recording else "rec off",
            f"{stats.fps:.1f} fps",
            f"render dropped {_percent(stats.render_skipped, stats.render_total)}",
            f"output dropped {_percent(stats.output_skipped, stats.output_total)}",
            f"OBS CPU {stats.cpu:.0f}%",
        ]
        self.setText(" · ".join(parts))
        lagging = stats.render_skipped * 100 > stats.render_total or stats.output_skipped > 0
        mark(self, "alert", lagging)
