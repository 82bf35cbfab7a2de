"""Drafting an answer with a language model the operator runs (OpenAI-compatible chat).

The model is given the product card (name, price as it is now, stock, link, specs,
selling points, guarantee, usage, FAQ with fields filled in) and told to answer only from
it, briefly, in spoken Mandarin, with no absolute terms. Its reply is only a draft: it goes
through the same review as an FAQ answer (figures checked against the product, prohibited
terms marked) and airs only when the operator confirms it with ``host.answer``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import aiohttp

from console.commands import CommandError, ErrorCode
from console.profile.host_facts import amount_text, render
from console.profile.host_model import Llm
from console.show.product import Product

SYSTEM = (
    "你是直播间的数字人主播助理。只根据下面的商品资料回答观众的问题，不要编造资料里没有的"
    "信息；资料里没有的就说会请客服确认。用口语、一到两句话、不超过六十个字。"
    "不要使用“最”“第一”“顶级”“唯一”“绝对”等绝对化用语。"
)


def product_card(product: Product) -> str:
    """What the model may say about the product, as it is now."""
    lines = [f"商品：{product.name}", f"直播间价：{render('{price}', product)} 元"]
    if product.list_price is not None:
        lines.append(f"日常价：{amount_text(product.list_price)} 元")
    if product.link_no is not None:
        lines.append(f"链接：{product.link_no}号链接")
    if product.stock is not None:
        lines.append(f"库存：{product.stock}")
    lines += [f"卖点：{point}" for point in product.selling_points]
    lines += [f"{label}：{value}" for label, value in product.specs]
    if product.guarantee:
        lines.append(f"售后：{product.guarantee}")
    if product.usage:
        lines.append(f"用法：{product.usage}")
    for entry in product.faq:
        lines.append(f"问答（{'、'.join(entry.keywords)}）：{render(entry.answer, product)}")
    return "\n".join(lines)


class Drafter:
    """Asks the show's model for a draft answer."""

    def __init__(
        self,
        settings: Llm,
        session: Callable[[], aiohttp.ClientSession] = aiohttp.ClientSession,
    ) -> None:
        self.settings = settings
        self._session = session

    def request(self, question: str, product: Product) -> dict[str, Any]:
        return {
            "model": self.settings.model,
            "messages": [
                {"role": "system", "content": SYSTEM + "\n\n" + product_card(product)},
                {"role": "user", "content": question},
            ],
            "temperature": 0.3,
            "max_tokens": 200,
        }

    async def draft(self, question: str, product: Product) -> str:
        url = self.settings.url.rstrip("/") + "/chat/completions"
        headers = {}
        if self.settings.api_key_env:
            key = os.environ.get(self.settings.api_key_env)
            if not key:
                raise CommandError(
                    f"host.draft: environment variable {self.settings.api_key_env} is not set",
                    ErrorCode.UNAVAILABLE,
                )
            headers["Authorization"] = f"Bearer {key}"
        timeout = aiohttp.ClientTimeout(total=self.settings.timeout_s)
        try:
            async with (
                self._session() as session,
                session.post(
                    url, json=self.request(question, product), headers=headers, timeout=timeout
                ) as reply,
            ):
                if reply.status != 200:
                    said = (await reply.text())[:200]
                    raise CommandError(
                        f"host.draft: the model answered HTTP {reply.status}: {said}",
                        ErrorCode.FAILED,
                    )
                data = await reply.json(content_type=None)
        except TimeoutError:
            raise CommandError(
                f"host.draft: no draft within {self.settings.timeout_s:g} s", ErrorCode.FAILED
            ) from None
        except aiohttp.ClientError as exc:
            raise CommandError(
                f"host.draft: cannot reach the model at {self.settings.url}: {exc}",
                ErrorCode.FAILED,
            ) from None
        try:
            text = str(data["choices"][0]["message"]["content"]).strip()
        except (KeyError, IndexError, TypeError):
            raise CommandError(
                f"host.draft: not a chat completion: {str(data)[:120]}", ErrorCode.FAILED
            ) from None
        if not text:
            raise CommandError("host.draft: the model drafted nothing", ErrorCode.FAILED)
        return text
