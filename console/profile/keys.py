"""Hotkey syntax, checked without Qt.

A hotkey is written as modifiers joined by ``+`` and one key, in any case and order
(``shift+ctrl+f5``). It is normalised to the text Qt's ``QKeySequence`` prints in its
portable format (``Ctrl+Shift+F5``), so the UI can hand it to Qt unchanged and two
spellings of the same key are recognised as one binding.

A global hotkey also fires while another application has focus, and the key still reaches
that application: a key other programs use for typing or editing (a letter, Space, Esc, an
arrow, with or without Shift) would fire the show's command whenever the operator types in
OBS or a chat. :func:`global_refusal` says why a key cannot be global.
"""

from __future__ import annotations

import re
from difflib import get_close_matches

from console.text import Text

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

_CHEAT_SHEET = Text("keys", "the cheat sheet")
RESERVED = {"F1": _CHEAT_SHEET, "?": _CHEAT_SHEET}
"""Keys the console keeps for itself, whatever the profile says."""

_FUNCTION_KEY = re.compile(r"f([1-9]|1[0-9]|2[0-4])", re.IGNORECASE)


class HotkeyError(ValueError):
    """A hotkey that is misspelt, incomplete or reserved; the message says which."""


def canonical_hotkey(text: str) -> str:
    """The canonical spelling of a hotkey, or HotkeyError saying what is wrong with it."""
    if not text.strip():
        raise HotkeyError(Text("keys", "empty hotkey"))
    parts = [part.strip() for part in text.split("+")]
    *modifier_words, key_word = parts
    if not key_word:
        raise HotkeyError(
            Text("keys", "hotkey {text!r} has no key after the last '+'").format(text=text)
        )
    if key_word.lower() in MODIFIERS:
        raise HotkeyError(
            Text("keys", "hotkey {text!r} has only modifiers; add a key, as in Ctrl+1").format(
                text=text
            )
        )
    modifiers: set[str] = set()
    for word in modifier_words:
        modifier = MODIFIERS.get(word.lower())
        if modifier is None:
            raise HotkeyError(
                Text(
                    "keys",
                    "hotkey {text!r}: unknown modifier {word!r} (use Ctrl, Alt, Shift or Meta)",
                ).format(text=text, word=word)
            )
        if modifier in modifiers:
            raise HotkeyError(
                Text("keys", "hotkey {text!r}: {modifier} given twice").format(
                    text=text, modifier=modifier
                )
            )
        modifiers.add(modifier)
    key = _key_name(text, key_word)
    canonical = "+".join([m for m in MODIFIERS.values() if m in modifiers] + [key])
    if canonical in RESERVED:
        raise HotkeyError(
            Text("keys", "{key} is reserved for {what}").format(
                key=canonical, what=RESERVED[canonical]
            )
        )
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
    hint = (
        Text("keys", " (did you mean {close!r}?)").format(close=NAMED_KEYS[close[0]])
        if close
        else ""
    )
    raise HotkeyError(
        Text("keys", "hotkey {text!r}: unknown key {word!r}{hint}").format(
            text=text, word=word, hint=hint
        )
    )


GLOBAL_FUNCTION_KEYS = 20
"""F2 to F20 can be global: the global listener (pynput) watches F1-F20 on every platform."""
_COMMAND_MODIFIERS = ("Meta", "Ctrl", "Alt")


def global_refusal(key: str) -> str | None:
    """Why the canonical hotkey ``key`` cannot be global, or None if it can.

    A global hotkey needs a function key (F2-F20) or Ctrl, Alt or Meta: other applications
    get the key too, and they use every other key for typing and editing. With Shift held,
    a digit or punctuation key is another character on each keyboard layout, so it needs a
    letter, function or named key instead.
    """
    *modifiers, name = key.split("+")
    function = _FUNCTION_KEY.fullmatch(name)
    if function is not None and int(function.group(1)) > GLOBAL_FUNCTION_KEYS:
        return Text(
            "keys", "{key} cannot be global: the global listener watches F1-F20 only"
        ).format(key=key)
    if function is None and not any(m in _COMMAND_MODIFIERS for m in modifiers):
        return Text(
            "keys",
            "{key} cannot be global: other applications get the key too, and {name} is "
            "typing or editing there; use a function key or add Ctrl, Alt or Meta",
        ).format(key=key, name=name)
    if "Shift" in modifiers and len(name) == 1 and not name.isalpha():
        return Text(
            "keys",
            "{key} cannot be global: with Shift, {name} is another character on each "
            "keyboard layout; use a letter, a function key or a named key",
        ).format(key=key, name=name)
    return None
