"""Kinds of value beyond text, integers and paths: amounts, times, switches and choices.

Amounts are kept as :class:`~decimal.Decimal` read from the text as written, so ``68.99``
is 68.99 and never 68.98999…; YAML numbers and quoted strings (``"69.00"``) both work.
Times are ISO 8601 date-times, written as YAML timestamps or quoted; without an offset
they are local time.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from difflib import get_close_matches
from typing import Any

from console.profile.spec import Context, KeyedValueError, Kind

ENV_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
ENV_MEANS = "an environment variable name (letters, digits and _)"

_CURRENCY_SIGNS = frozenset("¥￥$€£")
_SHOWN = 8  # items of a long default list the reference prints


def _amount(text: str, context: Context) -> Decimal:
    expected = "expected a positive amount such as 69 or 69.90"
    try:
        amount = Decimal(text.strip())
    except InvalidOperation:
        hint = ""
        if any(sign in text for sign in _CURRENCY_SIGNS):
            hint = " (write the number only; the currency goes in 'currency')"
        raise KeyedValueError(f"{expected}, got {text!r}{hint}") from None
    if not amount.is_finite():
        raise KeyedValueError(f"{expected}, got {text!r}")
    if amount <= 0:
        raise KeyedValueError(f"{expected}, got {text}")
    return amount


def _boolean(value: bool, context: Context) -> bool:
    return value


def _datetime(value: object, context: Context) -> datetime:
    example = "such as 2024-04-16T18:18:00+08:00"
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        raise KeyedValueError(f"expected a date and time {example}, got only the date {value}")
    assert isinstance(value, str)
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        raise KeyedValueError(
            f"expected an ISO 8601 date and time {example}, got {value!r}"
        ) from None


def _speed(value: object, context: Context) -> float:
    expected = "expected a number above 0 (1 = real time) or 'max'"
    if isinstance(value, str):
        if value.strip().lower() == "max":
            return math.inf
        raise KeyedValueError(f"{expected}, got {value!r}")
    assert isinstance(value, int | float)
    if math.isnan(value) or value <= 0:
        raise KeyedValueError(f"{expected}, got {value}")
    return float(value)


def _host_port(text: str, context: Context) -> tuple[str, int]:
    host, sep, port = text.strip().rpartition(":")
    if not sep or not host or " " in host or not port.isdigit() or not 1 <= int(port) <= 65535:
        raise KeyedValueError(f"expected host:port such as irc.chat.twitch.tv:6697, got {text!r}")
    return host, int(port)


AMOUNT = Kind("amount", "a positive amount such as 69 or 69.90", None, _amount)
BOOLEAN = Kind("boolean", "true or false", frozenset({"bool"}), _boolean)
DATETIME = Kind(
    "date and time (ISO 8601; no offset: local time)",
    "a date and time such as 2024-04-16T18:18:00+08:00",
    frozenset({"timestamp", "str"}),
    _datetime,
)
SPEED = Kind(
    "speed (number > 0 or max)",
    "a number above 0 or 'max'",
    frozenset({"int", "float", "str"}),
    _speed,
)
HOST_PORT = Kind("host:port", "host:port such as irc.chat.twitch.tv:6697", None, _host_port)


def number(minimum: float = 0.0, above: bool = False, maximum: float | None = None) -> Kind:
    """A kind accepting a finite number (integer or decimal) from ``minimum`` on (``above``:
    greater than it) up to ``maximum``, as a float."""
    low = f"above {minimum:g}" if above else f"at least {minimum:g}"
    limits = low if maximum is None else f"{low} and at most {maximum:g}"

    def convert(value: float, context: Context) -> float:
        too_low = value <= minimum if above else value < minimum
        if not math.isfinite(value) or too_low or (maximum is not None and value > maximum):
            raise KeyedValueError(f"expected a number {limits}, got {value}")
        return float(value)

    return Kind(f"number, {limits}", f"a number {limits}", frozenset({"int", "float"}), convert)


def whole(minimum: int = 0) -> Kind:
    """A kind accepting a whole number from ``minimum`` on (``8`` or ``8.0``), as an int."""

    def convert(value: float, context: Context) -> int:
        if not math.isfinite(value) or value != int(value) or value < minimum:
            raise KeyedValueError(f"expected a whole number at least {minimum}, got {value}")
        return int(value)

    return Kind(
        f"integer, at least {minimum}",
        f"a whole number at least {minimum}",
        frozenset({"int", "float"}),
        convert,
    )


def choice(options: tuple[str, ...], noun: str) -> Kind:
    """A kind accepting one of ``options``; a near miss gets a "did you mean" hint."""

    def convert(text: str, context: Context) -> str:
        if text in options:
            return text
        close = get_close_matches(text, options, n=1)
        hint = f"did you mean {close[0]!r}?" if close else f"choose {_or(options)}"
        raise KeyedValueError(f"unknown {noun} {text!r} ({hint})")

    return Kind(" | ".join(options), f"one of {_or(options)}", None, convert)


def _or(options: tuple[str, ...]) -> str:
    return ", ".join(options[:-1]) + f" or {options[-1]}" if len(options) > 1 else options[0]


def describe_default(value: Any) -> str:
    """A default as YAML would spell it (``true``, not ``True``), for the reference."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        shown = [describe_default(item) for item in value[:_SHOWN]]
        more = f", … {len(value)} in all" if len(value) > _SHOWN else ""
        return "[" + ", ".join(shown) + more + "]"
    return str(value)
