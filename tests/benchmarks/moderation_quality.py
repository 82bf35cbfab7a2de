"""How well moderation judges labelled comments; prints one JSON object of figures.

Reads JSONL lines ``{"text": ..., "label": "bad" | "ok", "why": <category>}`` and judges
them with the pipeline built exactly as the console builds it: ``Pipeline`` over the
moderation section of a profile (default: ``profiles/demo.yaml``). ``hold`` and ``block``
both count as flagged. Prints precision, recall and F1 overall and per ``why`` (a category
of only bad lines has no precision of its own, one of only ok lines no recall: those are
null), the confusion counts, what slipped through and what was flagged by mistake, and the
throughput of judging the corpus in batches of 100 on one core (best of several runs).

Every line comes from its own viewer a second apart, so the rate rules (flood, repeat,
slow mode) stay out: the corpus measures what the text says.

Usage: ``python tests/benchmarks/moderation_quality.py [--profile PROFILE] CORPUS.jsonl``
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from console.barrage.message import Message  # noqa: E402
from console.barrage.pipeline import Pipeline  # noqa: E402
from console.barrage.rules import RuleSet  # noqa: E402
from console.barrage.verdict import Action, Verdict  # noqa: E402
from console.profile import load_profile  # noqa: E402

DEMO = ROOT / "profiles" / "demo.yaml"
BATCH = 100


@dataclass(frozen=True)
class Line:
    text: str
    bad: bool
    why: str


def read_corpus(path: Path) -> list[Line]:
    lines = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            continue
        record = json.loads(raw)
        if record.get("label") not in ("bad", "ok"):
            raise SystemExit(f"{path}:{number}: label must be bad or ok")
        lines.append(Line(record["text"], record["label"] == "bad", str(record.get("why", ""))))
    return lines


def messages(lines: Sequence[Line]) -> list[Message]:
    return [
        Message("corpus", "main", str(n), f"viewer{n}", f"viewer{n}", line.text, 1e9 + n)
        for n, line in enumerate(lines)
    ]


def judge(pipeline: Pipeline, batch: Sequence[Message]) -> list[Verdict]:
    verdicts: list[Verdict] = []
    for start in range(0, len(batch), BATCH):
        verdicts.extend(pipeline.judge_batch(batch[start : start + BATCH]).verdicts)
    return verdicts


def scores(tp: int, fp: int, fn: int, tn: int) -> dict[str, Any]:
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    f1 = None
    if precision is not None and recall is not None and precision + recall:
        f1 = 2 * precision * recall / (precision + recall)
    return {
        "precision": None if precision is None else round(precision, 4),
        "recall": None if recall is None else round(recall, 4),
        "f1": None if f1 is None else round(f1, 4),
        "confusion": {"tp": tp, "fp": fp, "fn": fn, "tn": tn},
    }


def evaluate(lines: Sequence[Line], verdicts: Sequence[Verdict]) -> dict[str, Any]:
    """The figures of one judged corpus (overall, per category, and the mistakes)."""
    flagged = [verdict.action is not Action.PASS for verdict in verdicts]
    counts: dict[str, list[int]] = {}
    missed: list[dict[str, str]] = []
    false_alarms: list[dict[str, str]] = []
    for line, hit, verdict in zip(lines, flagged, verdicts, strict=True):
        cell = counts.setdefault(line.why, [0, 0, 0, 0])  # tp fp fn tn
        cell[(0 if hit else 2) if line.bad else (1 if hit else 3)] += 1
        if line.bad and not hit:
            missed.append({"why": line.why, "text": line.text})
        elif hit and not line.bad:
            false_alarms.append({"why": line.why, "text": line.text, "by": verdict.describe()})
    total = [sum(cell[i] for cell in counts.values()) for i in range(4)]
    return {
        "lines": len(lines),
        **scores(*total),
        "per_why": {why: scores(*counts[why]) for why in sorted(counts)},
        "missed": missed,
        "false_alarms": false_alarms,
    }


def throughput(rules: RuleSet, batch: Sequence[Message], seconds: float = 1.0) -> int:
    """Messages judged per second in batches of 100: the corpus again and again (a fresh
    pipeline each time, so no viewer counts as flooding), the best run."""
    best = float("inf")
    deadline = time.perf_counter() + seconds
    runs = 0
    while runs < 3 or time.perf_counter() < deadline:
        pipeline = Pipeline(rules)
        started = time.perf_counter()
        judge(pipeline, batch)
        best = min(best, time.perf_counter() - started)
        runs += 1
    return round(len(batch) / best)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="labelled JSONL lines")
    parser.add_argument("--profile", type=Path, default=DEMO, help="show profile (YAML)")
    options = parser.parse_args()

    lines = read_corpus(options.corpus)
    profile = load_profile(options.profile)
    pipeline = Pipeline(profile.barrage.moderation)  # as BarrageService builds it
    batch = messages(lines)
    result = evaluate(lines, judge(pipeline, batch))
    result["msg_per_s_batch_100"] = throughput(pipeline.rules, batch)
    result["pinyin_checks"] = pipeline.sound_checks
    result["profile"] = str(options.profile)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
