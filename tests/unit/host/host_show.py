"""A show for the host's unit tests: one room whose OBS is not there (nothing airs), a
product with FAQ and catalogue fields, and whatever host settings a test adds."""

from __future__ import annotations

from pathlib import Path

from console.profile import load_profile
from console.services import Console
from tests.harness.process import free_tcp_port
from tests.support import FAST

PRODUCTS = """\
products:
  - sku: steak
    name: 眼肉牛排 1kg
    price: 69
    list_price: 99
    stock: 120
    link_no: 1
    selling_points: [整块原切]
    guarantee: 坏品包赔
    faq:
      - keywords: [多少钱, 价格]
        answer: 现在直播间价 {price} 元，在 {link_no}号链接，还剩 {stock} 件。
  - sku: oats
    name: 燕麦片 1kg
    price: 39.9
    link_no: 2
"""


def write_show(directory: Path, host: str = "", extra: str = "") -> Path:
    """The profile's path; ``host`` is the room's host section (indented under the room)."""
    path = directory / "show.yaml"
    path.write_text(
        "schema_version: 1\n"
        "show: {title: Host show, log_dir: logs}\n"
        "rooms:\n"
        "  - id: main\n"
        f'    obs: {{host: 127.0.0.1, port: {free_tcp_port()}, password: "x"}}\n'
        + host
        + PRODUCTS
        + extra,
        encoding="utf-8",
    )
    return path


def console_for(directory: Path, host: str = "", extra: str = "") -> Console:
    """A console on the show, not started: its link stays down, so nothing goes on air."""
    return Console(load_profile(write_show(directory, host, extra)), FAST, slides=False)
