"""Honest urgency: where a deal stands at a given moment.

The state is a pure function of the deal's stated times and the clock. Nothing here (or
anywhere in the console) moves a deal's end or restarts it: once ended, a deal stays ended
until an operator edits the profile.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from console.show.product import Deal, Product


class DealPhase(enum.Enum):
    UPCOMING = "upcoming"
    RUNNING = "running"
    ENDED = "ended"


@dataclass(frozen=True)
class DealState:
    """A deal seen at one moment: its phase and the seconds until its next boundary.

    ``remaining`` counts to the start while upcoming, to the end while running, and is 0
    once ended.
    """

    phase: DealPhase
    remaining: float

    @property
    def whole_seconds(self) -> int:
        """Seconds a countdown shows: rounded up, so it reads 00:00 only when it is over."""
        return math.ceil(self.remaining)


def deal_state(deal: Deal, now: datetime) -> DealState:
    """Where ``deal`` stands at ``now`` (an aware datetime; naive means local time)."""
    now = _aware(now)
    if now < deal.start:
        return DealState(DealPhase.UPCOMING, (deal.start - now).total_seconds())
    if now < deal.end:
        return DealState(DealPhase.RUNNING, (deal.end - now).total_seconds())
    return DealState(DealPhase.ENDED, 0.0)


def current_price(product: Product, now: datetime) -> Decimal:
    """The price a viewer pays at ``now``: the deal's while it runs, else the regular one."""
    if product.deal is not None and deal_state(product.deal, now).phase is DealPhase.RUNNING:
        return product.deal.price
    return product.price


def next_boundary(deal: Deal, now: datetime) -> datetime | None:
    """When a whole-second countdown of ``deal`` next changes, or None once it ended."""
    state = deal_state(deal, now)
    if state.phase is DealPhase.ENDED:
        return None
    # The shown value is ceil(remaining); it drops when remaining crosses the next integer.
    step = state.remaining - (state.whole_seconds - 1)
    return _aware(now) + timedelta(seconds=step)


def format_countdown(seconds: int, day_label: str = "{d}天 ") -> str:
    """``12:34`` under an hour, ``1:02:03`` under a day, ``2天 03:04:05`` beyond."""
    seconds = max(0, seconds)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return f"{day_label.format(d=days)}{hours:02d}:{minutes:02d}:{secs:02d}"
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes:02d}:{secs:02d}"


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.astimezone()
