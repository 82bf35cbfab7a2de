"""The command palette's reading of what the operator types, without Qt.

- **Fuzzy matching**: the letters typed, in order, anywhere in a name. A letter at the
  start, at the start of a word (after ``.``, ``-``, ``_``, ``=``, a space...) or right
  after the previous one scores more, a gap less: ``spg`` finds ``scene.program``, ``take``
  finds ``scene.take`` before ``transition.set``.
- **A line is read as the registry reads it** (shell words; ``name=value`` by name, the
  others in declared order): the word being typed is the command's name, or a value of the
  argument it fills. The rows are what can go there: the commands, or the show's names of
  that argument's kind (the scenes the room's OBS has, products, rundown items, rooms,
  segments), its fixed choices, ``on``/``off``. Once every required argument is given, the
  optional ones are offered by name (``room=room2``).
- **Recent lines first** when nothing is typed yet.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from console.commands import (
    ALL_ROOMS,
    Arg,
    ArgKind,
    CommandError,
    CommandRegistry,
    CommandSpec,
    Invocation,
    assign,
)
from console.text import Text

BOUNDARIES = frozenset(" ._-=/:|")
"""Characters after which a word starts."""
AT_START, AT_WORD, IN_RUN, PER_LETTER, PER_GAP, MAX_LEAD = 10, 8, 5, 1, 1, 3
EXACT = 100
"""A value typed exactly as it is offered comes first, whatever else matches."""
IN_DETAIL = 6
"""A match in what a value is (a product's name, an item's title) counts less than one in
the value itself."""
RECENT = 8
"""Recent lines offered first."""
MAX_ROWS = 100
"""Values listed at most (of a catalogue of thousands): typing narrows them."""
SEPARATORS = " \t\r\n"
"""Where ``shlex.split`` ends a word."""


def score(query: str, text: str) -> int | None:
    """How well ``query`` matches ``text`` as a subsequence, ignoring case; None when it
    does not match at all. The best of every way its letters can fall into ``text``."""
    wanted = _fold(query)
    if not wanted:
        return 0
    folded, bonus = _prepared(text)
    first = _earliest(wanted, folded)
    if first is None:
        return None  # most names: told apart at the cost of a few str.find calls
    last = _latest(wanted, folded)
    previous: list[int | None] = [None] * len(folded)
    for i, letter in enumerate(wanted):
        current: list[int | None] = [None] * len(folded)
        lo, hi = first[i], last[i]
        before: int | None = None  # best previous[k] + PER_GAP * k, over k <= j - 2
        if i:
            for k in range(first[i - 1], lo - 1):
                before = _better(before, previous[k], k)
        for j in range(lo, hi + 1):
            if i and j > lo:
                before = _better(before, previous[j - 2], j - 2)
            if folded[j] != letter:
                continue
            if not i:
                current[j] = PER_LETTER + bonus[j] - min(j, MAX_LEAD)
                continue
            options = [] if before is None else [before - PER_GAP * (j - 1)]
            if (adjacent := previous[j - 1]) is not None:
                options.append(adjacent + IN_RUN)
            if options:
                current[j] = max(options) + PER_LETTER + bonus[j]
        previous = current
    return max(value for value in previous if value is not None)


def _better(best: int | None, found: int | None, at: int) -> int | None:
    if found is None:
        return best
    step = found + PER_GAP * at
    return step if best is None or step > best else best


def _earliest(wanted: str, folded: str) -> list[int] | None:
    """Where each letter falls at the earliest, or None when they do not all fall."""
    places, at = [], -1
    for letter in wanted:
        at = folded.find(letter, at + 1)
        if at < 0:
            return None
        places.append(at)
    return places


def _latest(wanted: str, folded: str) -> list[int]:
    places, at = [0] * len(wanted), len(folded)
    for i in range(len(wanted) - 1, -1, -1):
        at = folded.rfind(wanted[i], 0, at)
        places[i] = at
    return places


@lru_cache(maxsize=8192)
def _fold(text: str) -> str:
    """One case-folded letter per letter of ``text`` (positions stay those of ``text``);
    kept, as the query and the names offered are the same from one keystroke to the next."""
    return "".join(letter.casefold()[:1] or letter for letter in text)


@lru_cache(maxsize=8192)
def _prepared(text: str) -> tuple[str, tuple[int, ...]]:
    """A name folded, and what a letter at each place of it is worth."""
    return _fold(text), tuple(_bonus(text, j) for j in range(len(text)))


def _bonus(text: str, j: int) -> int:
    if j == 0:
        return AT_START
    before, here = text[j - 1], text[j]
    if before in BOUNDARIES or (before.islower() and here.isupper()):
        return AT_WORD
    return 0


@dataclass(frozen=True)
class Word:
    """A word of the line as ``shlex.split`` reads it, and where it starts in the line."""

    start: int
    text: str


def split_words(line: str) -> tuple[list[Word], bool]:
    """The line's words as ``shlex.split`` reads them, each with its start, and whether the
    last one is still being typed (the line does not end between words). An unclosed quote
    or a trailing backslash is a word being typed, not an error."""
    words: list[Word] = []
    letters: list[str] | None = None
    start, quote, i = 0, "", 0
    while i < len(line):
        letter = line[i]
        if quote == "'":
            if letter == "'":
                quote = ""
            else:
                _add(letters, letter)
        elif quote == '"':
            if letter == '"':
                quote = ""
            elif letter == "\\" and line[i + 1 : i + 2] in ('"', "\\"):
                i += 1
                _add(letters, line[i])
            else:
                _add(letters, letter)
        elif letter in SEPARATORS:
            if letters is not None:
                words.append(Word(start, "".join(letters)))
                letters = None
        else:
            if letters is None:
                letters, start = [], i
            if letter in "'\"":
                quote = letter
            elif letter == "\\":
                i += 1
                letters.append(line[i : i + 1])
            else:
                letters.append(letter)
        i += 1
    if letters is not None:
        words.append(Word(start, "".join(letters)))
    return words, letters is not None


def _add(letters: list[str] | None, letter: str) -> None:
    assert letters is not None, "inside quotes there is always a word"
    letters.append(letter)


@dataclass(frozen=True)
class Choice:
    """A value an argument can take, and what it is (shown beside it)."""

    value: str
    detail: str = ""


Names = Callable[[ArgKind, str | None], Sequence[Choice]]
"""The show's names of a kind: ``names(kind, room)`` in one room, or in every room (None)."""

BOOLEAN = (Choice("on", Text("palette", "true")), Choice("off", Text("palette", "false")))


@dataclass(frozen=True)
class Row:
    """One line of the palette's list: a command, a recent line or a value to complete."""

    label: str
    detail: str
    text: str
    """The palette's line once this row is taken."""
    needs: tuple[str, ...] = ()
    """Required arguments the line still lacks once this row is taken."""
    key: str = ""
    """The hotkey bound to the same command line (for a command: the keys bound to it)."""

    @property
    def line(self) -> str:
        return self.text.strip()


@dataclass(frozen=True)
class Reading:
    """What the palette makes of the line typed so far."""

    rows: tuple[Row, ...]
    pick: bool = False
    """The first row is what Enter takes: something is typed, and what it fills takes only
    the names offered (a command, a scene...), not free text."""
    spec: CommandSpec | None = None
    """The command the line names, once its name is typed."""
    arg: Arg | None = None
    """The argument the word being typed fills."""
    problem: str = ""
    """Why nothing can follow (an unknown command, a word too many)."""
    more: int = 0
    """Values that match but are left out of the rows (past ``MAX_ROWS``)."""


class Completer:
    """Reads palette lines against the registry's commands, the show's names and the
    profile's hotkeys, and remembers the lines run from the palette."""

    def __init__(
        self,
        registry: CommandRegistry,
        names: Names,
        hotkeys: Iterable[tuple[str, Invocation]] = (),
    ) -> None:
        self.registry = registry
        self.names = names
        self.hotkeys: list[tuple[str, Invocation]] = []
        self._bound: set[str] = set()
        self.set_hotkeys(hotkeys)
        self.recent: list[str] = []
        """Lines run from the palette, newest first, each once."""

    def set_hotkeys(self, hotkeys: Iterable[tuple[str, Invocation]]) -> None:
        """The bindings each command's row shows (again, after a rebinding)."""
        self.hotkeys = list(hotkeys)
        self._bound = {invocation.spec.name for _, invocation in self.hotkeys}

    def remember(self, line: str) -> None:
        line = line.strip()
        if line in self.recent:
            self.recent.remove(line)
        self.recent.insert(0, line)
        del self.recent[RECENT:]

    def read(self, text: str, room: str | None) -> Reading:
        """The rows for ``text``; ``room`` is where a command without ``room=`` acts (the
        room the operator works in), whose names (scenes) are offered."""
        words, typing = split_words(text)
        word = words.pop() if typing else Word(len(text), "")
        if not words:
            return self._commands(word.text)
        try:
            spec = self.registry.spec(words[0].text)
            given = assign(spec, [w.text for w in words[1:]])
        except CommandError as exc:
            return Reading((), problem=exc.text)
        return self._arguments(spec, given, text[: word.start], word.text, room)

    # -- the command's name ---------------------------------------------------------------

    def _commands(self, query: str) -> Reading:
        specs = self.registry.specs()
        if not query:
            recent = [row for row in map(self._recent_row, self.recent) if row is not None]
            return Reading((*recent, *(self._command_row(spec) for spec in specs)))
        used = [line.split(maxsplit=1)[0] for line in self.recent]
        ranked = []
        for spec in specs:
            found = score(query, spec.name)
            if found is not None:
                recency = used.index(spec.name) if spec.name in used else len(used)
                exact = EXACT if spec.name == query else 0
                ranked.append((-(found + exact), recency, spec.name, spec))
        ranked.sort(key=lambda entry: entry[:3])
        return Reading(tuple(self._command_row(entry[3]) for entry in ranked), pick=bool(ranked))

    def _command_row(self, spec: CommandSpec) -> Row:
        needs = tuple(arg.name for arg in spec.all_args if arg.required)
        return Row(spec.name, spec.help, f"{spec.name} ", needs, self._keys(spec.name))

    def _recent_row(self, line: str) -> Row | None:
        try:
            invocation = self.registry.parse(line)
        except CommandError:
            return None  # a command this console no longer has
        key = self._key(invocation)
        return Row(line, invocation.spec.help, f"{line} ", (), key)

    def _keys(self, name: str) -> str:
        """The keys bound to a command: the one that runs it bare, else every one."""
        keys = [key for key, invocation in self.hotkeys if invocation.spec.name == name]
        bare = [
            key
            for key, invocation in self.hotkeys
            if invocation.spec.name == name
            and all(value is None for value in invocation.kwargs.values())
        ]
        return " ".join(bare or keys)

    def _key(self, invocation: Invocation) -> str:
        for key, bound in self.hotkeys:
            if bound.spec.name == invocation.spec.name and bound.kwargs == invocation.kwargs:
                return key
        return ""

    # -- its arguments --------------------------------------------------------------------

    def _arguments(
        self, spec: CommandSpec, given: dict[str, str], before: str, word: str, room: str | None
    ) -> Reading:
        by_name = {arg.name: arg for arg in spec.all_args}
        named, sep, value = word.partition("=")
        typed = given.get("room")
        if typed is not None:
            room = None if typed == ALL_ROOMS else typed
        if sep and named in by_name and named not in given:
            arg = by_name[named]
            rows = self._values(spec, given, before, arg, value, room, by_name=True)
            return self._ranked(spec, arg, value, rows)
        remaining = [arg for arg in spec.all_args if arg.name not in given]
        if not remaining:
            nothing = Text("palette", "{command} takes nothing more").format(command=spec.name)
            return Reading((), spec=spec, problem=nothing)
        arg = remaining[0]
        if arg.required:
            rows = self._values(spec, given, before, arg, word, room, by_name=False)
            return self._ranked(spec, arg, word, rows)
        rows = []
        for optional in remaining:
            rows += self._values(spec, given, before, optional, word, room, by_name=True)
        return self._ranked(spec, None, word, rows)

    def _values(
        self,
        spec: CommandSpec,
        given: dict[str, str],
        before: str,
        arg: Arg,
        query: str,
        room: str | None,
        by_name: bool,
    ) -> list[tuple[Row, int]]:
        """Each value ``arg`` can take as a row with its score against ``query`` (values
        that do not match left out); by name, ``name=value``."""
        needs = tuple(
            a.name for a in spec.all_args if a.required and a.name not in given and a is not arg
        )
        choices = self._choices(arg, room)
        if not choices:
            label = f"{arg.name}="
            if not by_name or score(query, label) is None:
                return []
            return [(Row(label, arg.help, before + label, (*needs, arg.name)), 0)]
        rows = []
        for choice in choices:
            shown = f"{arg.name}={choice.value}" if by_name else choice.value
            found = _best(query, shown, choice)
            if found is None:
                continue
            quoted = shlex.quote(choice.value)
            text = f"{before}{arg.name}={quoted} " if by_name else f"{before}{quoted} "
            rows.append((Row(shown, choice.detail, text, needs), found))
        return rows

    def _choices(self, arg: Arg, room: str | None) -> list[Choice]:
        choices = [] if arg.kind is ArgKind.TEXT else list(self.names(arg.kind, room))
        choices += [Choice(word) for word in arg.choices]
        if arg.type is bool:
            choices += BOOLEAN
        return choices

    def _with_key(self, spec: CommandSpec, row: Row) -> Row:
        """The row with the key bound to its line, if one is (a line is parsed only for a
        command some hotkey runs: parsing is the costly part of a row)."""
        if spec.name not in self._bound:
            return row
        try:
            key = self._key(self.registry.parse(row.text))
        except CommandError:
            return row  # not a whole command line yet
        return replace(row, key=key)

    def _ranked(
        self, spec: CommandSpec, arg: Arg | None, query: str, rows: list[tuple[Row, int]]
    ) -> Reading:
        if query:
            rows = sorted(rows, key=lambda entry: -entry[1])  # stable: the show's order
        free = arg is None or arg.free_text
        ranked = tuple(self._with_key(spec, row) for row, _ in rows[:MAX_ROWS])
        pick = bool(query and ranked) and not free
        return Reading(ranked, pick, spec, arg, more=max(0, len(rows) - MAX_ROWS))


def _best(query: str, shown: str, choice: Choice) -> int | None:
    """A value's score: in what is shown, or (for less) in what the value is."""
    if not query:
        return 0
    if query in (choice.value, shown):
        return EXACT
    found = score(query, shown)
    in_detail = score(query, choice.detail) if choice.detail else None
    if in_detail is not None:
        in_detail -= IN_DETAIL
        found = in_detail if found is None else max(found, in_detail)
    return found
