"""Answers drafted by a language model, against a loopback server speaking the
OpenAI-compatible chat-completions protocol: grounded in the product card as it is now,
shown for confirmation and never aired without it, and checked like every answer
(figures against the product, prohibited terms)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from console.commands import CommandError, ErrorCode
from console.services import Console
from tests.unit.host.host_show import console_for


@dataclass
class FakeModel:
    """``POST /v1/chat/completions``: answers ``reply`` as a chat completion."""

    reply: str = "这款牛排现在直播间价 69 元，在 1号链接。"
    status: int = 200
    hang: bool = False
    _released: asyncio.Event = field(default_factory=asyncio.Event)
    requests: list[dict[str, Any]] = field(default_factory=list)
    keys: list[str | None] = field(default_factory=list)

    async def _release(self, app: web.Application) -> None:
        self._released.set()  # the stopping server lets the hanging answer go

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/v1/chat/completions", self.complete)
        app.on_shutdown.append(self._release)
        return app

    async def complete(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.requests.append(body)
        self.keys.append(request.headers.get("Authorization"))
        if self.hang:
            await self._released.wait()  # a model that never answers (until the server stops)
        if self.status != 200:
            return web.json_response({"error": {"message": "model overloaded"}}, status=503)
        return web.json_response(
            {
                "id": "chatcmpl-1",
                "object": "chat.completion",
                "created": 1,
                "model": body["model"],
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": self.reply},
                        "finish_reason": "stop",
                    }
                ],
                "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
            }
        )


@asynccontextmanager
async def drafting(
    tmp_path: Path, model: FakeModel, key_env: str | None = None, within: int = 5
) -> AsyncIterator[Console]:
    runner = web.AppRunner(model.app())
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    url = f"http://127.0.0.1:{runner.addresses[0][1]}/v1"
    key = f"\n        api_key_env: {key_env}" if key_env else ""
    host = f"""\
    host:
      llm:
        url: {url}
        model: qwen2.5-7b-instruct
        timeout_s: {within}{key}
"""
    console = console_for(tmp_path, host)
    try:
        yield console
    finally:
        await console.close()
        await runner.cleanup()


def test_a_draft_is_grounded_in_the_live_card_and_waits_for_confirmation(tmp_path: Path) -> None:
    async def scenario() -> None:
        model = FakeModel()
        async with drafting(tmp_path, model) as console:
            run = console.registry.run
            result = await run('host.draft "牛排多少钱" sku=steak', "test")
            host = console.host("main")
            assert "confirm with host.answer" in result.message
            assert host.proposed is not None and host.proposed.text == model.reply
            assert host.proposed.source == "llm" and not host.proposed.problems
            assert len(host.queue) == 0 and host.queue.on_air is None  # not aired
            system, user = model.requests[0]["messages"]
            assert user == {"role": "user", "content": "牛排多少钱"}
            assert model.requests[0]["model"] == "qwen2.5-7b-instruct"
            card = system["content"]
            assert "商品：眼肉牛排 1kg" in card and "直播间价：69 元" in card
            assert "库存：120" in card and "链接：1号链接" in card
            assert "现在直播间价 69 元，在 1号链接，还剩 120 件。" in card  # FAQ, filled in
            assert "不要编造" in card and "最" in card  # stay on the card, no absolute terms

            await run("product.set steak price 59", "test")
            await run('host.draft "牛排多少钱" sku=steak', "test")
            assert "直播间价：59 元" in model.requests[1]["messages"][0]["content"]
            # The model still says 69: the draft is flagged against the new price.
            assert host.proposed is not None
            assert any("'69 元'" in problem for problem in host.proposed.problems)

            await run("host.answer", "test")  # the operator confirms
            assert host.proposed is None
            (line,) = host.queue.waiting
            assert line.origin == "answer" and line.text == model.reply

    asyncio.run(scenario())


def test_a_draft_with_a_prohibited_term_is_marked_and_not_aired_without_override(
    tmp_path: Path,
) -> None:
    async def scenario() -> None:
        model = FakeModel(reply="这是最好吃的牛排，直播间价 69 元。")
        async with drafting(tmp_path, model) as console:
            run = console.registry.run
            await run('host.draft "好吃吗" sku=steak', "test")
            host = console.host("main")
            assert host.proposed is not None
            assert host.proposed.problems == ["prohibited term '最好'"]
            with pytest.raises(CommandError) as refused:
                await run("host.answer", "test")
            assert refused.value.error_code is ErrorCode.COMPLIANCE
            assert "text:1:3: '最好' is a prohibited term" in str(refused.value)  # where
            assert len(host.queue) == 0
            await run("host.answer override=true", "test")
            assert len(host.queue) == 1
            notes = [entry.get("event") for entry in console.air_log.recent]
            assert "compliance override" in notes

    asyncio.run(scenario())


def test_the_key_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def scenario() -> None:
        model = FakeModel()
        async with drafting(tmp_path, model, key_env="HOST_LLM_KEY") as console:
            monkeypatch.delenv("HOST_LLM_KEY", raising=False)
            with pytest.raises(CommandError, match="HOST_LLM_KEY is not set"):
                await console.registry.run('host.draft "多少钱" sku=steak', "test")
            monkeypatch.setenv("HOST_LLM_KEY", "sk-local")
            await console.registry.run('host.draft "多少钱" sku=steak', "test")
            assert model.keys == ["Bearer sk-local"]

    asyncio.run(scenario())


@pytest.mark.parametrize(
    ("model", "message"),
    [
        (FakeModel(status=503), "the model answered HTTP 503"),
        (FakeModel(hang=True), "no draft within 1 s"),
        (FakeModel(reply=""), "the model drafted nothing"),
    ],
)
def test_model_trouble_is_a_clear_error_and_proposes_nothing(
    tmp_path: Path, model: FakeModel, message: str
) -> None:
    async def scenario() -> None:
        async with drafting(tmp_path, model, within=1) as console:
            with pytest.raises(CommandError, match=message):
                await console.registry.run('host.draft "多少钱" sku=steak', "test")
            assert console.host("main").proposed is None

    asyncio.run(scenario())


def test_a_room_without_a_model_says_so(tmp_path: Path) -> None:
    async def scenario() -> None:
        console = console_for(tmp_path)
        try:
            with pytest.raises(CommandError, match="no language model"):
                await console.registry.run('host.draft "多少钱" sku=steak', "test")
        finally:
            await console.close()

    asyncio.run(scenario())
