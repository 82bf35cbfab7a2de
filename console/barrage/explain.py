"""Why a comment was held (``main.py --explain PROFILE TEXT``): the normalisation steps,
every rule that fired with its span, the matches that did not count and why, and the
verdict the console would give it.

The verdict comes from the pipeline itself, judging the text as the first message of a
viewer (rate rules such as flood and slow mode need a history, so they stay quiet).
"""

from __future__ import annotations

from console.barrage.message import Message
from console.barrage.normalise import normalise_batch, steps
from console.barrage.pipeline import Pipeline, span_in_text
from console.barrage.rules import Hit, Hits, RuleSet
from console.barrage.sounds import pinyin


def explain(rules: RuleSet, text: str) -> str:
    """A plain-text account of how ``rules`` judge ``text``."""
    lines = ["normalisation:"]
    width = max(len(name) for name, _ in steps(text))
    lines.extend(f"  {name.ljust(width)}  {result}" for name, result in steps(text))
    batch = normalise_batch([text])
    normal = batch.normal[0]
    found = Hits(every=True)
    _, screened = rules.scan(batch, [text], found)
    fired = [hit for _, hit in found.every or []]
    if screened:
        sound = rules.sound_alike(pinyin(normal))
        fired.extend([sound] if sound is not None else [])
    lines.append("rules that fired:" if fired else "rules that fired: none")
    lines.extend(f"  {_describe(hit, text, normal)}" for hit in fired)
    ignored = [why for _, why in found.ignored or []]
    if ignored:
        lines.append("matches that did not count:")
        lines.extend(f"  {why}" for why in ignored)
    message = Message("explain", "explain", "1", "viewer", "viewer", text, 0.0)
    verdict = Pipeline(rules).judge(message)
    span = "" if verdict.span is None else f" at {_quote(text, verdict.span)}"
    lines.append(f"verdict: {verdict.describe()}{span}")
    return "\n".join(lines)


def _describe(hit: Hit, text: str, normal: str) -> str:
    span = span_in_text(hit, text, normal)
    where = "(no span)" if span is None else _quote(text, span)
    return f"{hit.action.label:5s} {hit.rule}: {hit.detail} {where}"


def _quote(text: str, span: tuple[int, int]) -> str:
    start, end = span
    return f"{start}-{end} {text[start:end]!r}"
