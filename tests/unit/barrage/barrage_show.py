"""A small show with a barrage for the service tests: two products with FAQ answers, a
replay source at full speed and a recording with one message of each interesting kind."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from console.barrage.commands import bind
from console.barrage.message import Kind, Message
from console.barrage.service import BarrageService
from console.barrage.sources import SourcePhase
from console.barrage.verdict import Judged
from console.catalog import declare_all
from console.commands import CommandRegistry, Context, Result
from console.profile import Profile, load_profile
from console.room import RoomRuntime, RoomSet
from console.ui.feed_state import FeedState
from console.ui.feed_state import bind as bind_feed

PRODUCTS = """\
products:
  - sku: steak
    name: 南美草饲原切眼肉牛排 1kg
    price: 69
    link_no: 1
    faq:
      - keywords: [多少钱, 价格]
        answer: 牛排直播间价 69 元，在 1号链接。
      - keywords: [发货, 快递]
        answer: 冷链发货，48 小时内发出。
  - sku: lego
    name: 乐高 经典创意积木盒
    price: 229
    link_no: 2
    faq:
      - keywords: [多少钱]
        answer: 积木盒直播间价 229 元。
"""

BARRAGE = """\
barrage:
  sources:
    - kind: replay
      room: main
      file: chat.jsonl
      speed: max
  moderation:
    terms:
      - name: spam
        terms: [刷单]
        action: block
      - name: rude
        terms: [垃圾]
        action: hold
  pin_seconds: 5
"""

# id, user, text, kind
RECORDING: list[tuple[str, str, str, Kind]] = [
    ("m1", "ann", "牛排多少钱？", Kind.COMMENT),  # pass: a question about the steak
    ("m2", "bob", "加我微信 abc12345", Kind.COMMENT),  # block: contact
    ("m3", "cat", "这个是垃圾吧", Kind.COMMENT),  # hold: rude
    ("m4", "cat", "垃圾主播", Kind.COMMENT),  # hold: rude
    ("m5", "dan", "乐高多少钱", Kind.COMMENT),  # pass: a question about the lego
    ("m6", "eve", "刷单日结", Kind.COMMENT),  # block: spam
    ("m7", "fay", "", Kind.GIFT),  # a gift
    ("m8", "gus", "发货快吗", Kind.COMMENT),  # pass: a question naming no product
    ("m9", "hal", "主播好", Kind.COMMENT),  # pass
]


def record(ident: str, user: str, text: str, kind: Kind, at: float = 1000.0) -> str:
    extra = {"gift": "小心心", "count": 1} if kind is Kind.GIFT else {}
    message = Message("test", "elsewhere", ident, user, f"{user}-name", text, at, kind, extra)
    return json.dumps(message.to_record(), ensure_ascii=False)


def write_show(
    directory: Path,
    port: int = 1,
    password: str = "",
    hotkeys: str = "",
    recording: Sequence[tuple[str, str, str, Kind]] = RECORDING,
    barrage: str = BARRAGE,
) -> Profile:
    """The show profile in ``directory`` (its barrage replays ``recording``)."""
    lines = [record(*entry, at=1000.0 + n) for n, entry in enumerate(recording)]
    (directory / "chat.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    path = directory / "show.yaml"
    path.write_text(
        f"""\
schema_version: 1
show: {{title: Test show, log_dir: logs}}
rooms:
  - id: main
    obs: {{host: 127.0.0.1, port: {port}, password: "{password}"}}
    scenes: {{host: Host}}
{hotkeys}{PRODUCTS}{barrage}""",
        encoding="utf-8",
    )
    return load_profile(path)


async def played(service: BarrageService, within: float = 10.0) -> None:
    """Wait until every source has played to its end and the ingest judged everything."""
    done = asyncio.Event()

    def check(*_: object) -> None:
        finished = all(s.state.phase is SourcePhase.FINISHED for s in service.sources)
        if finished and service.ingest.pending == 0:
            done.set()

    stops = [source.subscribe(check) for source in service.sources]
    stops.append(service.subscribe_batches(check))
    try:
        check()
        await asyncio.wait_for(done.wait(), within)
    finally:
        for stop in stops:
            stop()


@dataclass
class Rig:
    """A barrage service over rooms that never connect, the registry with its commands
    bound, and the window's feed state (the selection commands act on)."""

    service: BarrageService
    registry: CommandRegistry
    feed: FeedState

    async def run(self, line: str) -> Result:
        """Run a command line as the window would: with the feed's selection."""
        return await self.registry.run(line, Context("test", None, self.feed.selected_id))


@asynccontextmanager
async def running(
    profile: Profile, log_actions: bool = False, remember: int = 5_000
) -> AsyncIterator[Rig]:
    """A started barrage whose recording has fully played."""
    rooms = RoomSet([RoomRuntime(room) for room in profile.rooms])
    service = BarrageService(profile, rooms, log_actions=log_actions, remember=remember)
    registry = declare_all(CommandRegistry(rooms=rooms.ids))
    bind(registry, service)
    feed = FeedState(service.moderator, service.review, [p.sku for p in profile.products])
    bind_feed(registry, feed)
    service.start()
    try:
        await played(service)
        yield Rig(service, registry, feed)
    finally:
        await service.close()
        await rooms.close()


def texts(judged: Sequence[Judged]) -> list[str]:
    return [j.message.text for j in judged]
