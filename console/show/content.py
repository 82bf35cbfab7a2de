"""What a product slide says at a given moment: its texts, as a comparable value.

``SlideContent`` is the refresh key: the pusher re-renders only when the content at "now"
differs from what is on air, so a countdown repaints once a second and a slide without one
is drawn once. Rendering is a pure function of (content, template, canvas size).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from console.show.deal import DealPhase, deal_state, format_countdown, next_boundary
from console.show.product import Product
from console.show.template import SlideTemplate


@dataclass(frozen=True)
class SlideContent:
    """Every text and choice a slide shows; equal contents render identical slides."""

    sku: str
    name: str
    image: Path | None
    currency_symbol: str
    amount: str
    """The price a viewer pays now, without the currency symbol ("69", "59.90")."""
    struck: str | None
    """A higher price the profile states (list price, or the regular price during a deal)."""
    deal_phase: DealPhase | None
    deal_text: str | None
    points: tuple[str, ...]
    link: str | None
    stock: str | None
    sold_out: bool
    guarantee: str | None

    def texts(self) -> tuple[str, ...]:
        """Every string drawn on the slide (for glyph and compliance checks)."""
        drawn = [self.name, self.currency_symbol + self.amount, *self.points]
        for optional in (self.struck, self.deal_text, self.link, self.stock, self.guarantee):
            if optional:
                drawn.append(optional)
        return tuple(drawn)

    @property
    def price(self) -> str:
        return self.currency_symbol + self.amount


def format_amount(amount: Decimal) -> str:
    """69 -> "69", 59.9 -> "59.90": whole amounts without cents, others with two places."""
    if amount == amount.to_integral_value():
        return f"{amount.to_integral_value():f}"
    return f"{amount.quantize(Decimal('0.01')):f}"


def slide_content(product: Product, template: SlideTemplate, now: datetime) -> SlideContent:
    """The slide of ``product`` as it must read at ``now``."""
    labels = template.labels
    symbol = template.currency_symbol(product.currency)
    price = product.price
    phase: DealPhase | None = None
    deal_text: str | None = None
    deal = product.deal
    if deal is not None:
        state = deal_state(deal, now)
        phase = state.phase
        if phase is DealPhase.RUNNING:
            price = deal.price
            remaining = format_countdown(state.whole_seconds, labels.days)
            deal_text = labels.deal_running.format(remaining=remaining)
        elif phase is DealPhase.UPCOMING:
            deal_text = labels.deal_upcoming.format(
                start=_clock_time(deal.start, now), price=symbol + format_amount(deal.price)
            )
        else:
            deal_text = labels.deal_ended
    struck = _struck(product, price)
    stock: str | None = None
    if product.stock is not None:
        stock = labels.sold_out if product.stock == 0 else labels.stock.format(n=product.stock)
    return SlideContent(
        sku=product.sku,
        name=product.name,
        image=product.image,
        currency_symbol=symbol,
        amount=format_amount(price),
        struck=None if struck is None else symbol + format_amount(struck),
        deal_phase=phase,
        deal_text=deal_text,
        points=product.selling_points,
        link=None if product.link_no is None else labels.link.format(n=product.link_no),
        stock=stock,
        sold_out=product.stock == 0,
        guarantee=product.guarantee,
    )


def _struck(product: Product, shown: Decimal) -> Decimal | None:
    """The stated price to strike through: only ever a real, higher price of the profile.

    During a deal that is the regular price, the one the product returns to when the deal
    ends (comparing with a list price would overstate the saving); otherwise the list price.
    """
    reference = product.price if shown != product.price else product.list_price
    return reference if reference is not None and reference > shown else None


def next_change(product: Product, now: datetime) -> datetime | None:
    """When the passage of time alone next changes the slide, or None if it never does."""
    deal = product.deal
    if deal is None:
        return None
    if deal_state(deal, now).phase is DealPhase.UPCOMING:
        return deal.start  # the upcoming line shows the start time, not a countdown
    return next_boundary(deal, now)


def _clock_time(moment: datetime, now: datetime) -> str:
    """ "18:18" on the same day (in the deal's time zone), "04-16 18:18" otherwise."""
    local_now = now.astimezone(moment.tzinfo) if now.tzinfo else now.astimezone()
    if moment.date() == local_now.date():
        return moment.strftime("%H:%M")
    return moment.strftime("%m-%d %H:%M")
