"""One Aho-Corasick automaton over many patterns (``ahocorasick_rs``), imported only when
one is built: checking a profile never loads it."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import ahocorasick_rs


def automaton(patterns: list[str]) -> ahocorasick_rs.AhoCorasick | None:
    """An automaton finding every pattern; None when there are none."""
    if not patterns:
        return None
    import ahocorasick_rs

    return ahocorasick_rs.AhoCorasick(patterns)
