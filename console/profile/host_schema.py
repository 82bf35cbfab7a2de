"""The ``host:`` section of each room and the show's ``segments:``, and their checks.

A room's host picks its engine (``tts``, the default offline speech; ``clip``; or
``livetalking``), its OBS sources (the media source, the AI label) and how it speaks. Each
segment has an id, an optional product, text and/or a clip, and script variants. Beyond
the schema: segments name existing products and have something to say, every text the host
can say (segments, variants, FAQ answers) is checked for prohibited terms, unknown
``{fields}`` and figures that contradict the product, each at its line and column.
"""

from __future__ import annotations

import math
from typing import Any

import yaml

from console.profile.compliance_check import locate, term_list
from console.profile.host_facts import FIELDS, contradictions, unknown_fields
from console.profile.host_model import (
    DEFAULT_LABEL,
    AutopilotSettings,
    HostSettings,
    LiveTalking,
    Llm,
    Segment,
    Voice,
)
from console.profile.nodes import child, node_at
from console.profile.spec import (
    FILE,
    INTEGER,
    TEXT,
    Context,
    KeyedValueError,
    Kind,
    ListOf,
    MapOf,
    Record,
    Scalar,
)
from console.profile.validate import Validator
from console.profile.values import ENV_MEANS, ENV_NAME, choice

ENGINES = ("tts", "clip", "livetalking")
VOICE_KINDS = ("espeak", "command", "http")
_NOT_BLANK = r"(?s).*\S.*"
_URL = r"https?://\S+"


def _number(low: float, high: float) -> Kind:
    def convert(value: object, context: Context) -> float:
        assert isinstance(value, int | float)
        number = float(value)
        if math.isnan(number) or not low <= number <= high:
            raise KeyedValueError(f"expected a number from {low:g} to {high:g}, got {value}")
        return number

    return Kind(f"number {low:g}..{high:g}", "a number", frozenset({"int", "float"}), convert)


def _text(help: str, default: str | None = None, required: bool = False) -> Scalar:
    return Scalar(
        TEXT, help, default, required=required, pattern=_NOT_BLANK, means="text that is not blank"
    )


RATE = Scalar(_number(0.5, 2.0), "speed, 1 = the voice's own", 1.0)
PITCH = Scalar(_number(-12, 12), "pitch in semitones from the voice's own", 0.0)
VOLUME = Scalar(_number(0.05, 2.0), "loudness, 1 = as synthesised", 1.0)
VARY = Scalar(_number(0, 0.2), "random variation between plays (0 to 0.2), so repeats differ", 0.0)

VOICE = Record(
    {
        "kind": Scalar(
            choice(VOICE_KINDS, "voice kind"),
            "espeak (offline, Debian's espeak-ng), command (a local program) or http "
            "(a local TTS server)",
            "espeak",
        ),
        "espeak_voice": _text("espeak-ng voice (pinyin route for Mandarin)", "cmn-latn-pinyin"),
        "command": ListOf(
            _text("one argument; {text} {out} {rate} {pitch} {volume} are filled in"),
            "command line of a local engine that writes the audio file {out}",
        ),
        "url": Scalar(
            TEXT,
            "TTS server URL (POST, JSON body, WAV back)",
            pattern=_URL,
            means="an http:// or https:// URL",
        ),
        "body": MapOf(
            Scalar(TEXT, "a field of the JSON body"),
            Scalar(
                TEXT,
                "its text; {text} {rate} {pitch} {volume} are filled in ({rate} alone: a number)",
                required=True,
            ),
            "flat JSON body template for the TTS server (default: text: '{text}')",
            duplicate="body field {!r} given twice",
        ),
        "timeout_s": Scalar(_number(1, 600), "seconds the engine gets for one line", 60.0),
        "rate": RATE,
        "pitch": PITCH,
        "volume": VOLUME,
        "vary": VARY,
    },
    "how text becomes speech (tts engine, and answers and free text with the clip engine)",
)

HOST = Record(
    {
        "engine": Scalar(choice(ENGINES, "host engine"), "tts, clip or livetalking", "tts"),
        "media_source": _text("OBS media source the host is played through", "Host Media"),
        "label_source": _text("OBS text source of the AI-host label", "AI Label"),
        "label_text": _text("the AI-host label's words", DEFAULT_LABEL),
        "voice": VOICE,
        "livetalking": Record(
            {
                "url": Scalar(
                    TEXT,
                    "LiveTalking server",
                    "http://127.0.0.1:8010",
                    pattern=_URL,
                    means="an http:// or https:// URL",
                ),
                "session": _text('session id (a UUID from /offer; "0" in rtmp mode)', "0"),
                "timeout_s": Scalar(_number(0.2, 60), "seconds for each request", 3.0),
                "poll_ms": Scalar(
                    INTEGER, "how often /is_speaking is asked", 200, minimum=20, maximum=5000
                ),
                "max_line_s": Scalar(
                    _number(1, 3600), "longest a line may take before it counts as lost", 120.0
                ),
            },
            "the external LiveTalking engine (engine: livetalking)",
        ),
        "autopilot": Record(
            {
                "presence_s": Scalar(
                    _number(10, 86400), "seconds between the operator's signs of presence", 600.0
                ),
                "warn_s": Scalar(_number(1, 3600), "warning shown this long before", 60.0),
                "safe_scene": Scalar(
                    TEXT,
                    "scene cut to when the operator is absent (default: the room's break scene)",
                ),
            },
            "the unattended loop and its operator-presence check",
        ),
        "llm": Record(
            {
                "url": Scalar(
                    TEXT,
                    "OpenAI-compatible base URL, e.g. http://127.0.0.1:8000/v1",
                    required=True,
                    pattern=_URL,
                    means="an http:// or https:// URL",
                ),
                "model": _text("model name", required=True),
                "api_key_env": Scalar(
                    TEXT,
                    "environment variable holding the API key",
                    pattern=ENV_NAME,
                    means=ENV_MEANS,
                ),
                "timeout_s": Scalar(_number(1, 300), "seconds a draft may take", 20.0),
            },
            "a language model you run, to draft answers (always confirmed before airing)",
            optional=True,
        ),
        "pronounce": MapOf(
            Scalar(TEXT, "a word as written, e.g. LEGO"),
            Scalar(TEXT, "how the host says it, e.g. 乐高", required=True),
            "words the host says differently from how they are written",
            duplicate="pronounce: {!r} given twice",
        ),
    },
    "the room's digital host: engine, OBS sources, voice, autopilot",
)

SEGMENT = Record(
    {
        "id": Scalar(
            TEXT,
            "id used in commands (host.play opening)",
            required=True,
            pattern=r"[A-Za-z0-9][A-Za-z0-9._-]*",
            means="letters, digits, '.', '_' and '-'",
        ),
        "product": Scalar(TEXT, "sku of the product it presents (its slide goes on air)"),
        "text": _text("what the host says; {price}, {link_no}... come from the catalogue"),
        "variants": ListOf(_text("another way of saying it"), "script variants, rotated"),
        "clip": Scalar(FILE, "pre-rendered clip of the host saying it (clip engine)"),
        "rate": RATE,
        "pitch": PITCH,
        "volume": VOLUME,
        "vary": VARY,
    },
    "one host segment",
)

SEGMENTS = ListOf(
    SEGMENT,
    "what the host says: opening, each product's copy, closing",
    unique=(("id", "duplicate segment id {!r}"),),
)


# -- checks across keys ---------------------------------------------------------------------


def check_host(validator: Validator, root: yaml.Node, data: dict[str, Any], text: str) -> None:
    """Engines with what they need, segments with something to say and a real product, and
    every text the host says checked for terms, fields and figures."""
    for index, room in enumerate(data["rooms"] or []):
        host = None if room is None else room.get("host")
        if host is None or host["voice"] is None:
            continue
        voice = host["voice"]
        anchor = node_at(root, ["rooms", index, "host", "voice"])
        if voice["kind"] == "command" and not voice["command"] and anchor is not None:
            validator.report(anchor, f"rooms[{index}].host.voice: kind command needs command")
        if voice["kind"] == "http" and voice["url"] is None and anchor is not None:
            validator.report(anchor, f"rooms[{index}].host.voice: kind http needs url")
    products = {
        p["sku"]: p for p in data["products"] or [] if p is not None and p["sku"] is not None
    }
    built = _built_products(data)
    terms = term_list(root, data)
    for index, segment in enumerate(data["segments"] or []):
        if segment is None:
            continue
        node = node_at(root, ["segments", index])
        assert node is not None
        sku = segment["product"]
        if sku is not None and sku not in products:
            known = ", ".join(products) or "none"
            product_node = child(node, "product")
            assert product_node is not None
            message = f"segments[{index}].product: no product {sku!r} ({known})"
            validator.report(product_node, message)
        if not segment["text"] and not segment["variants"] and segment["clip"] is None:
            validator.report(node, f"segments[{index}]: needs text, variants or a clip")
        for field, scalar in _said(node):
            _check_said(
                validator,
                text,
                scalar,
                f"segments[{index}].{field}",
                terms,
                built.get(sku) if sku else None,
            )
    listed = node_at(root, ["products"])
    for index, product in enumerate(listed.value if isinstance(listed, yaml.SequenceNode) else []):
        faq = child(product, "faq")
        sku_node = child(product, "sku")
        listed_sku = sku_node.value if isinstance(sku_node, yaml.ScalarNode) else ""
        if not isinstance(faq, yaml.SequenceNode):
            continue
        for number, entry in enumerate(faq.value):
            answer = child(entry, "answer")
            if isinstance(answer, yaml.ScalarNode):
                where = f"products[{index}].faq[{number}].answer"
                _check_said(validator, text, answer, where, None, built.get(listed_sku))


def _built_products(data: dict[str, Any]) -> dict[str, Any]:
    """The products as the show will see them, for the figures check; a product with a
    problem of its own (reported already) is left out."""
    from console.profile.products import build_products

    built: dict[str, Any] = {}
    for product in data["products"] or []:
        if product is None or product["sku"] is None or product["price"] is None:
            continue
        deal = product["deal"]
        if isinstance(deal, dict) and None in deal.values():
            continue
        try:
            (built[product["sku"]],) = build_products([product])
        except (ValueError, TypeError, KeyError, AttributeError):
            continue
    return built


def _said(node: yaml.Node) -> list[tuple[str, yaml.ScalarNode]]:
    found: list[tuple[str, yaml.ScalarNode]] = []
    text = child(node, "text")
    if isinstance(text, yaml.ScalarNode) and not text.tag.endswith(":null"):
        found.append(("text", text))
    variants = child(node, "variants")
    if isinstance(variants, yaml.SequenceNode):
        for index, item in enumerate(variants.value):
            if isinstance(item, yaml.ScalarNode):
                found.append((f"variants[{index}]", item))
    return found


def _check_said(
    validator: Validator,
    text: str,
    node: yaml.ScalarNode,
    where: str,
    terms: Any,
    product: Any,
) -> None:
    value = node.value
    if terms is not None:
        for hit in terms.check(value):
            line, col = locate(text, node, hit.start)
            matched = value[hit.start : hit.end]
            validator.report_at(line, col, f"prohibited term {matched!r} in {where}")
    for offset, name in unknown_fields(value):
        line, col = locate(text, node, offset)
        known = ", ".join("{" + field + "}" for field in FIELDS)
        validator.report_at(line, col, f"{where}: unknown field {{{name}}} (fields: {known})")
    if product is not None:
        for found in contradictions(value, product):
            line, col = locate(text, node, found.start)
            validator.report_at(line, col, f"{where}: {found.message}")


# -- building -------------------------------------------------------------------------------


def build_host(data: dict[str, Any] | None) -> HostSettings:
    if data is None:
        return HostSettings()
    voice = data["voice"]
    body = {entry.key: entry.value for entry in voice["body"] or []}
    live = data["livetalking"]
    auto = data["autopilot"]
    llm = data["llm"]
    return HostSettings(
        engine=data["engine"],
        media_source=data["media_source"],
        label_source=data["label_source"],
        label_text=data["label_text"],
        voice=Voice(
            kind=voice["kind"],
            espeak_voice=voice["espeak_voice"],
            command=tuple(voice["command"]),
            url=voice["url"],
            body=body or {"text": "{text}"},
            timeout_s=voice["timeout_s"],
            rate=voice["rate"],
            pitch=voice["pitch"],
            volume=voice["volume"],
            vary=voice["vary"],
        ),
        livetalking=LiveTalking(**live),
        autopilot=AutopilotSettings(**auto),
        llm=None if llm is None else Llm(**llm),
        pronounce=tuple((entry.key, entry.value) for entry in data["pronounce"]),
    )


def build_segments(data: list[dict[str, Any]]) -> tuple[Segment, ...]:
    return tuple(
        Segment(
            id=item["id"],
            product=item["product"],
            text=item["text"],
            variants=tuple(item["variants"]),
            clip=item["clip"],
            rate=item["rate"],
            pitch=item["pitch"],
            volume=item["volume"],
            vary=item["vary"],
        )
        for item in data
    )
