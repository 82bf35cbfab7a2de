"""The story's products (JD Supermarket, 16 April 2024), as tests and benchmarks use them."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

from console.show.product import Deal, FaqEntry, Product

ROOT = Path(__file__).resolve().parents[3]
IMAGES = ROOT / "assets" / "products"

STEAK = Product(
    sku="JD-BEEF-RIBEYE-1KG",
    name="南美草饲原切眼肉牛排 1kg",
    price=Decimal("69"),
    list_price=Decimal("129"),
    stock=500,
    images=(IMAGES / "ribeye_steak.png",),
    selling_points=(
        "南美草饲，原切不拼接",
        "眼肉部位，大理石花纹均匀",
        "独立包装 5–6 片，冷冻锁鲜",
    ),
    specs=(("净含量", "1 kg"), ("产地", "阿根廷"), ("储存", "-18℃ 冷冻")),
    guarantee="京东自营 · 坏单包赔",
    usage="冷藏解冻 12 小时，中火每面煎 2 分钟，静置 3 分钟再切",
    link_no=1,
    faq=(
        FaqEntry(("多少钱", "价格"), "今天直播间 69 元一公斤，1号链接下单。"),
        FaqEntry(("原切", "拼接", "合成"), "是原切眼肉，不是合成肉，配料表只有牛肉。"),
        FaqEntry(("怎么煎", "做法"), "解冻后中火每面两分钟，出锅静置三分钟。"),
    ),
)

PATTIES = Product(
    sku="JD-BEEF-PATTY-1.2KG",
    name="纯牛肉汉堡饼 1.2kg（10 片装）",
    price=Decimal("59"),
    list_price=Decimal("89"),
    stock=800,
    images=(IMAGES / "beef_patties.png",),
    selling_points=(
        "牛肉含量 ≥ 95%，无淀粉填充",
        "单片 120 g，早餐汉堡一煎即熟",
        "独立隔纸，取用不粘连",
    ),
    specs=(("净含量", "1.2 kg"), ("片数", "10 片")),
    guarantee="京东自营 · 7 天价保",
    usage="无需解冻，平底锅中火每面 3 分钟",
    link_no=2,
    faq=(FaqEntry(("几片", "多少片"), "一袋 10 片，每片 120 克。"),),
)

CEREAL = Product(
    sku="JD-CEREAL-OAT-1KG",
    name="高纤燕麦谷物早餐 1kg",
    price=Decimal("39.90"),
    stock=1200,
    images=(IMAGES / "cereal.png",),
    selling_points=("全谷物燕麦片 + 冻干水果", "牛奶酸奶冲泡即食", "大袋装可吃一个月"),
    specs=(("净含量", "1 kg"),),
    guarantee="京东自营 · 正品保障",
    usage="每份 40 g，加 200 ml 牛奶或酸奶",
    link_no=3,
    faq=(FaqEntry(("糖", "甜"), "配料表可以看到每 100 克含糖 8 克。"),),
)

BRICKS = Product(
    sku="JD-BRICKS-CITY-60",
    name="城市消防局拼搭积木套装",
    price=Decimal("299"),
    list_price=Decimal("399"),
    stock=60,
    images=(IMAGES / "brick_toy.png",),
    selling_points=("适合 6 岁以上，含 4 个人仔", "可与同系列积木互相拼接", "附图纸，一步一图"),
    specs=(("颗粒数", "540 颗"), ("适用年龄", "6+")),
    guarantee="京东自营 · 缺件补发",
    link_no=4,
    faq=(FaqEntry(("几岁", "年龄"), "建议 6 岁以上，小颗粒请家长陪同。"),),
)

DEMO_PRODUCTS: tuple[Product, ...] = (STEAK, PATTIES, CEREAL, BRICKS)


def with_deal(product: Product, start: datetime, minutes: float, price: str) -> Product:
    """``product`` with a deal from ``start`` lasting ``minutes`` at ``price``."""
    from dataclasses import replace

    deal = Deal(start=start, end=start + timedelta(minutes=minutes), price=Decimal(price))
    return replace(product, deal=deal)
