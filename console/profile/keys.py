"""Hotkey syntax, checked without Qt.

A hotkey is written as modifiers joined by ``+`` and one key, in any case and order
(``shift+ctrl+f5``). It is normalised to the text Qt's ``QKeySequence`` prints in its
portable format (``Ctrl+Shift+F5``), so the UI can hand it to Qt unchanged and two
spellings of the same key are recognised as one binding.
"""

from __future__ import annotations

import re
from difflib import get_close_matches

# Qt's portable order for modifiers is Meta, Ctrl, Alt, Shift; the dict keeps that order.
MODIFIERS = {"meta": "Meta", "ctrl": "Ctrl", "alt": "Alt", "shift": "Shift"}

NAMED_KEYS = {
    "space": "Space",
    "enter": "Return",
    "return": "Return",
    "esc": "Esc",
    "escape": "Esc",
    "tab": "Tab",
    "backspace": "Backspace",
    "delete": "Del",
    "del": "Del",
    "insert": "Ins",
    "ins": "Ins",
    "home": "Home",
    "end": "End",
    "pgup": "PgUp",
    "pageup": "PgUp",
    "pgdown": "PgDown",
    "pagedown": "PgDown",
    "up": "Up",
    "down": "Down",
    "left": "Left",
    "right": "Right",
}

PUNCTUATION = frozenset("`-=[];',./\\?")

RESERVED = {"F1": "the cheat sheet", "?": "the cheat sheet"}
"""Keys the console keeps for itself, whatever the profile says."""

_FUNCTION_KEY = re.compile(r"f([1-9]|1[0-9]|2[0-4])", re.IGNORECASE)


class HotkeyError(ValueError):
    """A hotkey that is misspelt, incomplete or reserved; the message says which."""


def canonical_hotkey(text: str) -> str:
    """The canonical spelling of a hotkey, or HotkeyError saying what is wrong with it."""
    if not text.strip():
        raise HotkeyError("empty hotkey")
    parts = [part.strip() for part in text.split("+")]
    *modifier_words, key_word = parts
    if not key_word:
        raise HotkeyError(f"hotkey {text!r} has no key after the last '+'")
    if key_word.lower() in MODIFIERS:
        raise HotkeyError(f"hotkey {text!r} has only modifiers; add a key, as in Ctrl+1")
    modifiers: set[str] = set()
    for word in modifier_words:
        modifier = MODIFIERS.get(word.lower())
        if modifier is None:
            raise HotkeyError(
                f"hotkey {text!r}: unknown modifier {word!r} (use Ctrl, Alt, Shift or Meta)"
            )
        if modifier in modifiers:
            raise HotkeyError(f"hotkey {text!r}: {modifier} given twice")
        modifiers.add(modifier)
    key = _key_name(text, key_word)
    canonical = "+".join([m for m in MODIFIERS.values() if m in modifiers] + [key])
    if canonical in RESERVED:
        raise HotkeyError(f"{canonical} is reserved for {RESERVED[canonical]}")
    return canonical


def _key_name(text: str, word: str) -> str:
    """The canonical name of the key itself (the part after the modifiers)."""
    if len(word) == 1 and ((word.isascii() and word.isalnum()) or word in PUNCTUATION):
        return word.upper()
    if _FUNCTION_KEY.fullmatch(word):
        return word.upper()
    named = NAMED_KEYS.get(word.lower())
    if named is not None:
        return named
    close = get_close_matches(word.lower(), NAMED_KEYS, n=1)
    hint = f" (did you mean {NAMED_KEYS[close[0]]!r}?)" if close else ""
    raise HotkeyError(f"hotkey {text!r}: unknown key {word!r}{hint}")
