"""Answers to viewers: proposed from the product's FAQ (or drafted), confirmed, then said.

``barrage.answer`` on a question proposes the matching FAQ entry of the product the question
names, with its ``{fields}`` filled from the live catalogue; the room's host keeps it as
its proposed answer, shown to the operator with any figure that contradicts the product and
any prohibited term. Only ``host.answer`` (the operator's confirmation, edited or not)
puts it in the queue. A question naming another product makes that product the
autopilot's current one, and the answer shows its slide as it starts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from console.profile.host_facts import Contradiction, contradictions
from console.show.compliance import Hit, TermList
from console.show.product import Product


@dataclass(frozen=True)
class Draft:
    """An answer waiting for the operator's confirmation."""

    question: str
    text: str
    sku: str | None
    source: str
    """``faq`` (the product's FAQ entry) or ``llm`` (drafted by the show's model)."""
    asker: str = ""
    message_id: str | None = None
    contradictions: tuple[Contradiction, ...] = ()
    hits: tuple[Hit, ...] = field(default_factory=tuple)

    @property
    def problems(self) -> list[str]:
        said = [c.message for c in self.contradictions]
        said += [f"prohibited term {self.text[h.start : h.end]!r}" for h in self.hits]
        return said


def review(
    question: str,
    text: str,
    product: Product | None,
    terms: TermList,
    source: str,
    asker: str = "",
    message_id: str | None = None,
) -> Draft:
    """A draft with what the operator must see before confirming it."""
    return Draft(
        question,
        text,
        None if product is None else product.sku,
        source,
        asker,
        message_id,
        tuple(contradictions(text, product)) if product is not None else (),
        tuple(terms.check(text)),
    )
