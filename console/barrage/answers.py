"""From a viewer's words to the product they mean and the FAQ answer that fits.

Products have no keyword list of their own in the profile, so the words a viewer would use
are derived from what it does state: the name and its parts (南美草饲原切眼肉牛排 1kg →
南美草饲原切眼肉牛排, 牛排, 肉牛排; a Chinese product name ends with its head noun), the
sku and the cart link (1号链接). FAQ keywords are widened by topic: a viewer who asks 怎么卖
wants the entry listed under 多少钱. Everything is matched on normalised text, the same
form the pipeline gives every message (traditional → simplified, spaces and case gone).

No Qt and nothing of ``console.show`` at run time: products are read by attribute only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from console.barrage.classify import ProductMatcher
from console.barrage.normalise import normalise

if TYPE_CHECKING:
    from console.show.product import Product

# Words that ask the same thing; an FAQ keyword in a group answers every word of it.
TOPICS: tuple[frozenset[str], ...] = (
    frozenset(
        {"多少钱", "价格", "几块", "价钱", "怎么卖", "什么价", "啥价", "多钱", "howmuch", "price"}
    ),
    frozenset({"优惠", "便宜", "划算", "打折", "折扣", "优惠券", "有券", "满减", "discount"}),
    frozenset(
        {
            "发货",
            "快递",
            "几天",
            "物流",
            "包邮",
            "运费",
            "多久到",
            "几天到",
            "什么时候到",
            "shipping",
        }
    ),
    frozenset({"链接", "几号链接", "哪个链接", "上链接", "在哪买", "怎么买", "怎么拍"}),
    frozenset({"质量", "保证", "正品", "真的假的", "靠谱", "售后", "退货", "能退", "退款", "退换"}),
    frozenset({"年龄", "几岁", "孩子", "小孩", "宝宝"}),
)

_HAN = re.compile(r"^[\u4e00-\u9fff]+$")
_LATIN = re.compile(r"^[A-Za-z]{3,}$")
_SPLIT = re.compile(r"[\s()（）\[\]【】·,，/+]+")


def product_keywords(product: Product) -> list[str]:
    """Words that name ``product`` in a comment (before normalisation)."""
    words = [product.name, product.sku]
    if product.link_no is not None:
        words.append(f"{product.link_no}号链接")
    for token in _SPLIT.split(product.name):
        if any(char.isdigit() for char in token):
            continue  # 1kg, 1.2kg, 10 片装: sizes, not names
        if _LATIN.match(token):
            words.append(token)
        elif _HAN.match(token) and len(token) >= 2:
            words.append(token)
            if len(token) >= 4:  # the head noun and the word before it: 牛排, 肉牛排
                words.extend((token[-2:], token[-3:]))
    return list(dict.fromkeys(word for word in words if word.strip()))


def product_matcher(products: Iterable[Product]) -> ProductMatcher:
    return ProductMatcher({product.sku: product_keywords(product) for product in products})


@dataclass(frozen=True)
class Suggestion:
    """The FAQ answer that fits a question, and why it was chosen."""

    sku: str
    product: str
    keyword: str
    answer: str


class NoAnswer(LookupError):
    """No FAQ entry fits; ``str(exc)`` says what the operator can do about it."""


class FaqIndex:
    """Every product's FAQ entries with their (widened, normalised) keywords."""

    def __init__(self, products: Sequence[Product]) -> None:
        self._products = {product.sku: product for product in products}
        self._entries: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for product in products:
            entries = []
            for entry in product.faq:
                words = _widen(entry.keywords)
                entries.append((words, entry.answer))
            self._entries[product.sku] = entries

    def answer(
        self, normalised: str, products: Sequence[str], sku: str | None = None
    ) -> Suggestion:
        """The best FAQ answer for a question's normalised text.

        ``sku`` (the operator's choice) wins; otherwise the products the question names;
        otherwise any product whose FAQ fits, if exactly one does.
        """
        if sku is not None:
            if sku not in self._products:
                raise NoAnswer(f"no product {sku!r} in this show")
            candidates: Sequence[str] = (sku,)
        elif products:
            candidates = [p for p in products if p in self._products]
        else:
            candidates = list(self._products)
        found = [s for s in (self._best(p, normalised) for p in candidates) if s is not None]
        if not found:
            if not self._products:
                raise NoAnswer("this show has no products with FAQ answers")
            named = ", ".join(candidates) if (sku or products) else "any product"
            raise NoAnswer(f"no FAQ answer of {named} fits this question")
        if len(found) > 1 and sku is None and not products:
            skus = ", ".join(s.sku for s in found)
            raise NoAnswer(
                f"the question names no product and {len(found)} products have an answer "
                f"({skus}): add sku=..."
            )
        return found[0]

    def _best(self, sku: str, normalised: str) -> Suggestion | None:
        best: tuple[int, str, str] | None = None  # (length of the word matched, word, answer)
        for words, answer in self._entries.get(sku, ()):
            for word in words:
                if word in normalised and (best is None or len(word) > best[0]):
                    best = (len(word), word, answer)
        if best is None:
            return None
        product = self._products[sku]
        return Suggestion(sku, product.name, best[1], best[2])


def _widen(keywords: Iterable[str]) -> tuple[str, ...]:
    """The entry's keywords plus every word of their topics, normalised, longest first."""
    words = set()
    for keyword in keywords:
        normal = normalise(keyword)
        if not normal:
            continue
        words.add(normal)
        for topic in TOPICS:
            if keyword in topic or normal in topic:
                words.update(normalise(word) for word in topic)
    return tuple(sorted(words, key=len, reverse=True))
