"""How fast the barrage is; prints one JSON object of figures.

- ``pipeline``: messages judged per second on one core with a 10,000-term blocked list and
  the full normalisation (NFKC, casefold, styled letters, squeeze, OpenCC t2s), the default
  contact rules in context, abuse list and sound-alikes (word boundaries looked up for the
  messages a risky match was found in), rate rules and the pinyin pass where screened, on
  varied synthetic live-commerce comments (3 % spam),
  judged in batches of 100 (what ingest gathers in 20 ms at 5,000 msg/s) and of 500, and
  one at a time. Best of several runs: the machine may be shared.
- ``regex_alternation``: the same 10,000 terms as ONE Python regex alternation, matching
  only (no normalisation: flattering to the regex), and the pipeline's speed over it.
- ``soak``: the console's path under an offscreen QApplication on the qasync loop: a source
  feeding 5,000 msg/s → ``BarrageIngest`` (pipeline, JSONL log, review queue, user history)
  → ``BarrageFeedModel`` + ``BarrageFilter`` in a shown ``QListView``. Event-loop lag p50/p99
  (a 10 ms sleeper's overshoot), messages dropped (fed − judged − still buffered; and
  logged lines vs fed), resident memory growth after warm-up, and the CPU it took.
- ``calibration_loop_ms``: a fixed pure-Python loop, to compare runs on a shared machine.

Usage: ``python tests/benchmarks/barrage.py [--seconds 60] [--rate 5000] [--messages 50000]
[--freeze] [--skip-soak]``
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import math
import os
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from console.barrage.config import ModerationConfig, TermRule  # noqa: E402
from console.barrage.message import Message  # noqa: E402
from console.barrage.normalise import normalise_batch  # noqa: E402
from console.barrage.pipeline import Pipeline  # noqa: E402
from console.barrage.rules import RuleSet  # noqa: E402

PRODUCTS = [
    "牛排",
    "牛肉饼",
    "麦片",
    "乐高",
    "积木",
    "洗衣液",
    "空气炸锅",
    "电饭煲",
    "纸巾",
    "酸奶",
]
TEMPLATES = [
    "{p}多少钱",
    "{p}还有货吗",
    "{p}怎么吃",
    "{p}保质期多久",
    "{n}号链接是{p}吗",
    "主播{a}",
    "已拍{n}单",
    "{p}能便宜点吗",
    "{p}什么时候发货",
    "想要{p}",
    "{p}和{q}哪个好",
    "支持主播",
    "{e}{e}{e}",
    "666",
    "哈哈哈哈",
    "来了来了",
    "{p}质量怎么样？",
    "买了{n}个{p}，好用",
    "刚下单{p}",
    "求{p}优惠券",
    "家人们冲",
    "主播穿的什么牌子",
    "{p}是正品吗",
    "包邮吗",
    "几号发货",
    "這個{p}價格真的好便宜",
    "{p}有赠品嘛",
    "今天{p}比昨天便宜吗",
    "好",
    "1",
    "{n}",
    "Ｈｅｌｌｏ 主播",
    "{p} is it good?",
    "主播 {p} 和 {q} 一起买有优惠吗 {e}",
]
ADJECTIVES = ["好漂亮", "好可爱", "讲得好", "辛苦了", "声音好听", "太厉害了", "好专业"]
EMOJI = ["🎉", "👍", "❤️", "🔥", "😂", "🌹"]
SPAM = [
    "加我微信{id}看福利",
    "ＶＸ：{id}",
    "加 威 信 {id}",
    "v{id}领红包",
    "私信我有惊喜",
    "打电话1{phone}",
    "www.{word}.com 低价",
    "扣扣{id}",
    "加薇心领红包",
    "傻逼主播",
]


def comment(rnd: random.Random) -> str:
    """One synthetic comment: varied templates, emoji, traditional, full width, 3 % spam."""
    if rnd.random() < 0.03:
        return rnd.choice(SPAM).format(
            id=rnd.randint(10_000, 99_999_999),
            phone=rnd.randint(3_000_000_000, 9_999_999_999),
            word="".join(rnd.choice("abcdefgh") for _ in range(5)),
        )
    text = rnd.choice(TEMPLATES).format(
        p=rnd.choice(PRODUCTS),
        q=rnd.choice(PRODUCTS),
        n=rnd.randint(1, 20),
        a=rnd.choice(ADJECTIVES),
        e=rnd.choice(EMOJI),
    )
    return text if rnd.random() < 0.7 else text + rnd.choice(EMOJI)


def term_list(rnd: random.Random, count: int = 10_000) -> list[str]:
    """``count`` blocked terms: a real abuse list padded with random 2-4 character words."""
    han = [chr(code) for code in range(0x4E00, 0x9FA5)]
    terms = {"傻逼", "垃圾主播", "骗子", "智障", "去死", "滚蛋", "脑残", "废物"}
    while len(terms) < count:
        terms.add("".join(rnd.choice(han) for _ in range(rnd.randint(2, 4))))
    return sorted(terms)


def messages(rnd: random.Random, count: int, rate: float = 5000.0) -> list[Message]:
    return [
        Message(
            "bench",
            "main",
            str(n),
            f"u{rnd.randint(0, 50_000)}",
            "viewer",
            comment(rnd),
            1_700_000_000.0 + n / rate,
        )
        for n in range(count)
    ]


def best_of(runs: int, work: Callable[[], object]) -> float:
    best = math.inf
    for _ in range(runs):
        gc.collect()
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def bench_pipeline(rules: RuleSet, sample: list[Message]) -> dict[str, Any]:
    def batched(size: int) -> Callable[[], object]:
        def run() -> None:
            pipeline = Pipeline(rules)
            for start in range(0, len(sample), size):
                pipeline.judge_batch(sample[start : start + size])

        return run

    single = sample[:5000]

    def one_by_one() -> None:
        pipeline = Pipeline(rules)
        for message in single:
            pipeline.judge(message)

    probe = Pipeline(rules)
    verdicts = []
    for start in range(0, len(sample), 500):
        verdicts.extend(probe.judge_batch(sample[start : start + 500]).verdicts)
    flagged = sum(1 for verdict in verdicts if verdict.rule)
    return {
        "msg_per_s_batch_100": round(len(sample) / best_of(5, batched(100))),
        "msg_per_s_batch_500": round(len(sample) / best_of(5, batched(500))),
        "msg_per_s_one_by_one": round(len(single) / best_of(3, one_by_one)),
        "messages": len(sample),
        "terms": 10_000,
        "automaton_patterns": rules.term_count,
        "flagged_share": round(flagged / len(verdicts), 4),
        "pinyin_checks": probe.sound_checks,
    }


def bench_regex(terms: list[str], sample: list[Message], pipeline_rate: float) -> dict[str, Any]:
    alternation = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)))
    subset = sample[:3000]
    normalised = normalise_batch([m.text for m in subset]).normal
    seconds = best_of(3, lambda: [alternation.search(text) for text in normalised])
    rate = len(subset) / seconds
    return {
        "msg_per_s_matching_only": round(rate),
        "pipeline_over_regex": round(pipeline_rate / rate, 1),
    }


def rss_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


async def soak(
    seconds: float, rate: float, rules: RuleSet, log_dir: Path, freeze: bool
) -> dict[str, Any]:
    from PySide6.QtWidgets import QListView

    from console.barrage.classify import ProductMatcher
    from console.barrage.ingest import BarrageIngest
    from console.barrage.log import BarrageLog
    from console.barrage.review import ReviewQueue, UserHistory
    from console.ui.barrage_feed import BarrageFeedModel, BarrageFilter

    rnd = random.Random(7)
    texts = [comment(rnd) for _ in range(20_000)]
    users = [f"u{n}" for n in range(200_000)]
    log = BarrageLog(log_dir / "soak.barrage.jsonl")
    ingest = BarrageIngest(Pipeline(rules), log, ReviewQueue(), UserHistory())
    model = BarrageFeedModel(products=ProductMatcher({p: [p] for p in PRODUCTS}))
    proxy = BarrageFilter()
    proxy.setSourceModel(model)
    view = QListView()  # set up as a feed view should be: uniform rows, layout in batches
    view.setUniformItemSizes(True)
    view.setLayoutMode(QListView.LayoutMode.Batched)
    view.setBatchSize(100)
    view.setModel(proxy)
    view.resize(480, 720)
    view.show()
    ingest.subscribe(model.push)
    model.flushed.connect(lambda _: view.scrollToBottom())

    if freeze:
        # What a console could do once its services are built: everything alive now (rule
        # tables, pypinyin's dictionaries, Qt wrappers) is never garbage, so full
        # collections need not walk it again and again during the show.
        gc.collect()
        gc.freeze()
    loop = asyncio.get_running_loop()
    lags: list[float] = []
    memory: list[tuple[float, float]] = []
    fed = 0
    stop = loop.time() + seconds
    warm_up = min(10.0, seconds / 4)

    async def probe() -> None:
        while loop.time() < stop:
            asked = time.perf_counter()
            await asyncio.sleep(0.01)
            lags.append(time.perf_counter() - asked - 0.01)

    async def sample_memory() -> None:
        while loop.time() < stop:
            memory.append((loop.time(), rss_mb()))
            await asyncio.sleep(1.0)

    async def source() -> None:
        """Like a grabber's WebSocket: messages built and handed over as they are due."""
        nonlocal fed
        started = loop.time()
        serial = 0
        while (now := loop.time()) < stop:
            due = int((now - started) * rate)
            wall = time.time()
            while fed < due:
                serial += 1
                text = texts[serial % len(texts)]
                user = users[(serial * 7919) % len(users)]
                ingest.put(Message("bench", "main", str(serial), user, "viewer", text, wall))
                fed += 1
            await asyncio.sleep(0.005)

    warm_started = loop.time()
    cpu_started = time.process_time()
    await asyncio.gather(probe(), sample_memory(), source())
    cpu_seconds = time.process_time() - cpu_started
    ingest.flush()
    model.flush()
    log.close()
    after_warm_up = [mb for at, mb in memory if at >= warm_started + warm_up]
    ordered = sorted(lags)
    logged = sum(1 for _ in (log_dir / "soak.barrage.jsonl").open(encoding="utf-8"))
    view.close()
    return {
        "seconds": seconds,
        "rate_msg_per_s": rate,
        "fed": fed,
        "judged": ingest.judged,
        "logged": logged,
        "dropped": fed - ingest.judged - ingest.pending,
        "cpu_share_of_one_core": round(cpu_seconds / seconds, 2),
        "loop_lag_p50_ms": round(statistics.median(ordered) * 1000, 2),
        "loop_lag_p99_ms": round(ordered[int(0.99 * (len(ordered) - 1))] * 1000, 2),
        "loop_lag_max_ms": round(ordered[-1] * 1000, 2),
        "rss_after_warm_up_mb": round(after_warm_up[0], 1) if after_warm_up else None,
        "rss_growth_after_warm_up_mb": (
            round(max(after_warm_up) - after_warm_up[0], 1) if after_warm_up else None
        ),
        "feed_rows": model.rowCount(),
        "feed_skipped_unseen": model.skipped,
        "held_for_review": len(ingest.review) if ingest.review is not None else 0,
    }


def run_soak(seconds: float, rate: float, rules: RuleSet, freeze: bool) -> dict[str, Any]:
    import qasync
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        result: dict[str, Any] = qasync.run(soak(seconds, rate, rules, Path(folder), freeze))
    del app
    return result


def calibration_ms() -> float:
    """A fixed pure-Python loop, best of three: how fast this machine is right now (the
    figures above scale with it; on a shared machine it varies from run to run)."""

    def spin() -> None:
        total = 0
        for value in range(2_000_000):
            total += value

    return round(best_of(3, spin) * 1000, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="length of the soak")
    parser.add_argument("--rate", type=float, default=5000.0, help="messages per second fed")
    parser.add_argument("--messages", type=int, default=50_000, help="pipeline sample size")
    parser.add_argument("--skip-soak", action="store_true")
    parser.add_argument(
        "--freeze", action="store_true", help="gc.freeze() after set-up, before the soak"
    )
    options = parser.parse_args()

    rnd = random.Random(1)
    terms = term_list(rnd)
    started = time.perf_counter()
    rules = RuleSet(ModerationConfig(terms=(TermRule("blocked", tuple(terms), sound_alike=False),)))
    compile_ms = (time.perf_counter() - started) * 1000  # includes importing pypinyin
    started = time.perf_counter()
    RuleSet(rules.config)  # a reload while live: what swapping in an edited list costs
    reload_ms = (time.perf_counter() - started) * 1000
    sample = messages(rnd, options.messages)
    pipeline = bench_pipeline(rules, sample)
    pipeline["first_compile_ms"] = round(compile_ms, 1)
    pipeline["reload_compile_ms"] = round(reload_ms, 1)
    result: dict[str, Any] = {
        "python": sys.version.split()[0],
        "cpus": os.cpu_count(),
        "calibration_loop_ms": calibration_ms(),
        "pipeline": pipeline,
        "regex_alternation": bench_regex(terms, sample, pipeline["msg_per_s_batch_100"]),
    }
    if not options.skip_soak:
        result["soak"] = run_soak(options.seconds, options.rate, rules, options.freeze)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
