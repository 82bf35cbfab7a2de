"""What the host says: lines, their priorities, and where a new one goes in the queue.

The trade's priorities, as operators of live rooms expect them: a viewer's answer preempts
scripted copy, copy never preempts an answer, the operator's own lines come before both,
and the operator can cut in at any time. A line cut off goes back to the front of its own
kind and is said again from its start.

Free text the operator types (``host.say``) is treated like an answer, one step more
urgent: it is said because something happened in the room now (a price correction, a
warning, a greeting), so it preempts scripted copy on air, whoever queued the copy, and
waits ahead of the answers. It does not cut an answer on air: a viewer's answer cut in the
middle is the complaint operators make most (``host.interrupt`` cuts anything, on purpose).
"""

from __future__ import annotations

import enum
import itertools
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from console.host.prosody import Prosody


class Priority(enum.IntEnum):
    """Higher goes first; an answer or free text cuts copy off, only 急插 cuts an answer."""

    COPY = 1
    """Scripted copy: a segment played by command or by the autopilot."""
    ANSWER = 2
    """An answer to a viewer's question, confirmed by the operator."""
    OPERATOR = 3
    """Free text the operator typed (host.say)."""


class Placement(enum.Enum):
    """Where a new line goes."""

    QUEUE = "queue"
    """By priority: after the lines of its own priority and higher, ahead of lower ones."""
    NEXT = "next"
    """Right after the line on air, which is not cut (插播)."""
    NOW = "now"
    """On air at once: the line on air is cut and goes back to the queue (急插)."""


_serial = itertools.count(1)


@dataclass(frozen=True)
class Line:
    """One thing to say: text (spoken by the engine) and/or a clip (played as it is)."""

    title: str
    """What the queue shows: the segment id, or the start of the text."""
    text: str | None = None
    clip: Path | None = None
    priority: Priority = Priority.COPY
    segment: str | None = None
    """The profile segment this line comes from, if any."""
    sku: str | None = None
    """The product it is about: its slide goes on air as the line starts."""
    prosody: Prosody = field(default_factory=Prosody)
    question: str | None = None
    """For an answer: the viewer's question."""
    origin: str = "operator"
    """Who queued it: operator, autopilot, answer."""
    override: bool = False
    """Aired despite prohibited terms, on the operator's word (logged)."""
    id: int = field(default_factory=lambda: next(_serial))

    @property
    def is_copy(self) -> bool:
        return self.priority is Priority.COPY

    def describe(self) -> str:
        body = self.text if self.text else (self.clip.name if self.clip else "")
        short = body if len(body) <= 30 else body[:29] + "…"
        return f"{self.title}: {short}" if short and short != self.title else self.title

    def to_record(self) -> dict[str, Any]:
        """The line as the show's journal keeps it (its id is the process's own)."""
        return {
            "title": self.title,
            "text": self.text,
            "clip": None if self.clip is None else str(self.clip),
            "priority": self.priority.name,
            "segment": self.segment,
            "sku": self.sku,
            "prosody": asdict(self.prosody),
            "question": self.question,
            "origin": self.origin,
            "override": self.override,
        }

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Line:
        """A line from :meth:`to_record` (KeyError, ValueError or TypeError if malformed)."""
        clip = record.get("clip")
        return cls(
            title=str(record["title"]),
            text=record.get("text"),
            clip=None if clip is None else Path(clip),
            priority=Priority[record["priority"]],
            segment=record.get("segment"),
            sku=record.get("sku"),
            prosody=Prosody(**record.get("prosody", {})),
            question=record.get("question"),
            origin=str(record.get("origin", "operator")),
            override=bool(record.get("override", False)),
        )
