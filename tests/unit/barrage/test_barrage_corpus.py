"""The pipeline on a labelled corpus of evasion attempts and clean comments.

Prints precision and recall (overall and per trick) and holds them above floors, so a rule
change that lets evasions through, or starts holding ordinary questions, fails here.
"""

from __future__ import annotations

from collections import Counter

from barrage_corpus import BAD, CLEAN
from barrage_samples import msg

from console.barrage.config import ModerationConfig, TermRule
from console.barrage.pipeline import Pipeline
from console.barrage.verdict import Action

ABUSE = TermRule("abuse", ("傻逼", "垃圾主播", "骗子", "智障", "去死"), sound_alike=True)


def test_precision_and_recall_on_the_corpus() -> None:
    pipeline = Pipeline(ModerationConfig(terms=(ABUSE,)))
    users = (f"viewer{n}" for n in range(10_000))  # one user each: rate rules stay out
    bad = [msg(text, user=next(users)) for _, text in BAD]
    clean = [msg(text, user=next(users)) for text in CLEAN]
    verdicts = pipeline.judge_batch(bad + clean).verdicts
    caught = [v.action is not Action.PASS for v in verdicts[: len(bad)]]
    flagged = [v.action is not Action.PASS for v in verdicts[len(bad) :]]

    true_positive = sum(caught)
    false_positive = sum(flagged)
    recall = true_positive / len(bad)
    precision = true_positive / (true_positive + false_positive)
    per_trick: Counter[str] = Counter()
    totals: Counter[str] = Counter(trick for trick, _ in BAD)
    for (trick, _), hit in zip(BAD, caught, strict=True):
        per_trick[trick] += hit
    print(f"\ncorpus: {len(bad)} bad, {len(clean)} clean")
    print(f"recall {recall:.3f}  precision {precision:.3f}")
    for trick in totals:
        print(f"  {trick:12s} {per_trick[trick]}/{totals[trick]}")
    print("missed:", [text for (_, text), hit in zip(BAD, caught, strict=True) if not hit])
    print("false alarms:", [t for t, hit in zip(CLEAN, flagged, strict=True) if hit])

    assert recall >= 0.95
    assert precision >= 0.95


def test_matched_spans_cover_the_evasion_in_the_original_text() -> None:
    pipeline = Pipeline(ModerationConfig(terms=(ABUSE,)))
    for _, text in BAD:
        verdict = pipeline.judge(msg(text, user=text))
        if verdict.span is not None:
            start, end = verdict.span
            assert 0 <= start < end <= len(text), (text, verdict)
