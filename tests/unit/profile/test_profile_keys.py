"""Hotkey syntax: every accepted spelling, its canonical form, and the refusals."""

from __future__ import annotations

import subprocess
import sys

import pytest

from console.profile.keys import HotkeyError, canonical_hotkey

CANONICAL = [
    ("F2", "F2"),
    ("f24", "F24"),
    ("ctrl+1", "Ctrl+1"),
    ("shift+ctrl+f5", "Ctrl+Shift+F5"),
    ("SHIFT + alt + CTRL + meta + x", "Meta+Ctrl+Alt+Shift+X"),
    ("space", "Space"),
    ("Enter", "Return"),
    ("return", "Return"),
    ("Escape", "Esc"),
    ("esc", "Esc"),
    ("Tab", "Tab"),
    ("Backspace", "Backspace"),
    ("Delete", "Del"),
    ("Insert", "Ins"),
    ("Home", "Home"),
    ("End", "End"),
    ("PageUp", "PgUp"),
    ("pgdown", "PgDown"),
    ("Up", "Up"),
    ("Down", "Down"),
    ("Left", "Left"),
    ("Right", "Right"),
    ("ctrl+`", "Ctrl+`"),
    ("Alt+-", "Alt+-"),
    ("Alt+=", "Alt+="),
    ("Ctrl+[", "Ctrl+["),
    ("Ctrl+]", "Ctrl+]"),
    ("Ctrl+;", "Ctrl+;"),
    ("Ctrl+'", "Ctrl+'"),
    ("Ctrl+,", "Ctrl+,"),
    ("Ctrl+.", "Ctrl+."),
    ("Ctrl+/", "Ctrl+/"),
    ("Shift+/", "Shift+/"),
    ("Ctrl+\\", "Ctrl+\\"),
    ("Ctrl+F1", "Ctrl+F1"),
]


@pytest.mark.parametrize(("written", "canonical"), CANONICAL)
def test_hotkeys_normalise_to_one_canonical_spelling(written: str, canonical: str) -> None:
    assert canonical_hotkey(written) == canonical


@pytest.mark.parametrize(("written", "message"), [
    ("", "empty hotkey"),
    ("Ctrl+", "hotkey 'Ctrl+' has no key after the last '+'"),
    ("Alt", "hotkey 'Alt' has only modifiers; add a key, as in Ctrl+1"),
    ("Hyper+A", "hotkey 'Hyper+A': unknown modifier 'Hyper' (use Ctrl, Alt, Shift or Meta)"),
    ("Shift+shift+A", "hotkey 'Shift+shift+A': Shift given twice"),
    ("PageUpp", "hotkey 'PageUpp': unknown key 'PageUpp' (did you mean 'PgUp'?)"),
    ("F0", "hotkey 'F0': unknown key 'F0'"),
    ("Ctrl+Ä", "hotkey 'Ctrl+Ä': unknown key 'Ä'"),
    ("f1", "F1 is reserved for the cheat sheet"),
    ("?", "? is reserved for the cheat sheet"),
])  # fmt: skip
def test_bad_hotkeys_say_what_is_wrong(written: str, message: str) -> None:
    with pytest.raises(HotkeyError) as caught:
        canonical_hotkey(written)
    assert str(caught.value) == message


@pytest.mark.parametrize("canonical", sorted({c for _, c in CANONICAL}))
def test_canonical_hotkeys_are_what_qt_prints(canonical: str) -> None:
    """The canonical text round-trips through Qt unchanged, so the UI can use it as is."""
    from PySide6.QtGui import QKeySequence

    sequence = QKeySequence(canonical)
    portable = QKeySequence.SequenceFormat.PortableText
    assert sequence.count() == 1
    assert sequence.toString(portable) == canonical


def test_the_profile_package_does_not_load_qt() -> None:
    code = (
        "import sys, console.profile; "
        "sys.exit(any(name.startswith('PySide6') for name in sys.modules))"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
