"""The palette's reading of a line: fuzzy ranking, words as the registry splits them, and
what each argument is completed with."""

from __future__ import annotations

import shlex
from collections.abc import Sequence

import pytest

from console.catalog import catalog
from console.commands import ArgKind, CommandRegistry
from console.palette_match import MAX_ROWS, RECENT, Choice, Completer, Reading, score, split_words

SCENES = {
    "room1": [Choice("Opening", "in OBS"), Choice("Host", "on program"), Choice("Lucky Draw")],
    "room2": [Choice("Break", "in OBS")],
}


def _names(kind: ArgKind, room: str | None) -> Sequence[Choice]:
    """The show's names as ``console.show_names.ShowNames`` gives them, for two rooms."""
    if kind is ArgKind.SCENE:
        return SCENES[room] if room is not None else [*SCENES["room1"], *SCENES["room2"]]
    if kind is ArgKind.ROOM:
        return [Choice("room1", "京东超市"), Choice("room2", "京东家电")]
    if kind is ArgKind.SKU:
        return [Choice("steak-ribeye-1kg", "眼肉牛排 1kg"), Choice("oats-1kg", "燕麦片 1kg")]
    if kind is ArgKind.SEGMENT:
        return [Choice("opening", "欢迎来到直播间"), Choice("closing", "下次见")]
    return []


def _completer() -> Completer:
    registry = catalog()
    registry.rooms = ["room1", "room2"]
    hotkeys = [
        ("F3", registry.parse("scene.program Host")),
        ("F9", registry.parse("scene.program Break room=all")),
        ("Space", registry.parse("scene.take")),
    ]
    return Completer(registry, _names, hotkeys)


def _labels(reading: Reading) -> list[str]:
    return [row.label for row in reading.rows]


# -- fuzzy ranking ------------------------------------------------------------------------


def _ranked(query: str, names: list[str]) -> list[str]:
    scored = [(score(query, name), name) for name in names]
    return [name for found, name in sorted((s, n) for s, n in scored if s is not None)[::-1]]


def test_letters_in_order_match_anywhere_and_others_do_not() -> None:
    assert score("spg", "scene.program") is not None
    assert score("SPG", "scene.program") == score("spg", "scene.program")
    assert score("gps", "scene.program") is None
    assert score("take", "transition.set") is None
    assert score("", "anything") == 0


def test_initials_of_the_words_find_the_command() -> None:
    names = [spec.name for spec in catalog().specs()]
    assert _ranked("spg", names)[0] == "scene.program"
    assert _ranked("take", names)[0] == "scene.take"
    assert _ranked("hstop", names)[0] == "host.stop"
    assert _ranked("rn", names)[0] == "rundown.next"


def test_a_prefix_beats_a_word_start_which_beats_letters_scattered() -> None:
    prefix, at_word, scattered = score("pro", "program"), score("pro", "x.program"), None
    scattered = score("pro", "xpxrxo")
    assert prefix is not None and at_word is not None and scattered is not None
    assert prefix > at_word > scattered


def test_a_run_of_letters_beats_the_same_letters_apart() -> None:
    together, apart = score("take", "mistake"), score("take", "mitxaxkxe")
    assert together is not None and apart is not None
    assert together > apart


# -- words --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "scene.program Host",
        "scene.program 'Lucky Draw' room=room2",
        'host.say "他说 \\"好\\" 就买" override=on',
        "host.say a\\ b",
        "room='x y' a''b",
        "  spaced   out  ",
    ],
)
def test_words_are_read_as_the_registry_reads_them(line: str) -> None:
    words, typing = split_words(line)
    assert [word.text for word in words] == shlex.split(line)
    assert typing == (not line.endswith(" "))


def test_a_word_being_typed_may_have_an_open_quote() -> None:
    words, typing = split_words("scene.program 'Lucky D")
    assert [(word.start, word.text) for word in words] == [(0, "scene.program"), (14, "Lucky D")]
    assert typing


def test_a_line_ending_in_a_space_is_between_words() -> None:
    words, typing = split_words("scene.program ")
    assert [word.text for word in words] == ["scene.program"] and not typing
    words, typing = split_words("host.say 'a b ")
    assert [word.text for word in words] == ["host.say", "a b "] and typing


# -- the command's name -------------------------------------------------------------------


def test_typing_filters_the_commands_and_the_best_is_chosen() -> None:
    reading = _completer().read("take", "room1")
    assert _labels(reading)[0] == "scene.take"
    assert reading.pick
    assert all(score("take", label) is not None for label in _labels(reading))


def test_every_command_is_listed_with_its_help_and_key() -> None:
    completer = _completer()
    reading = completer.read("", "room1")
    assert _labels(reading) == [spec.name for spec in completer.registry.specs()]
    assert not reading.pick  # nothing typed: Enter runs nothing
    take = next(row for row in reading.rows if row.label == "scene.take")
    assert take.detail == completer.registry.spec("scene.take").help
    assert take.key == "Space" and take.needs == ()
    program = next(row for row in reading.rows if row.label == "scene.program")
    assert program.key == "F3 F9"  # both keys bound to it, with their arguments
    assert program.needs == ("scene",) and program.text == "scene.program "


def test_recent_lines_come_first_newest_first_each_once() -> None:
    completer = _completer()
    for line in ("scene.take", "scene.program Host room=room2", "scene.take"):
        completer.remember(line)
    reading = completer.read("", "room1")
    assert _labels(reading)[:3] == ["scene.take", "scene.program Host room=room2", "barrage.answer"]
    assert reading.rows[1].detail == completer.registry.spec("scene.program").help


def test_recent_lines_are_bounded() -> None:
    completer = _completer()
    for n in range(RECENT + 3):
        completer.remember(f"host.say line{n}")
    assert len(completer.recent) == RECENT
    assert completer.recent[0] == f"host.say line{RECENT + 2}"


def test_a_command_run_lately_wins_a_tie() -> None:
    completer = _completer()
    assert _labels(completer.read("sp", "room1"))[:2] == ["scene.preview", "scene.program"]
    completer.remember("scene.program Host")
    assert _labels(completer.read("sp", "room1"))[:2] == ["scene.program", "scene.preview"]


def test_an_unknown_command_is_a_problem_and_offers_nothing() -> None:
    reading = _completer().read("scnee.program ", "room1")
    assert reading.rows == ()
    assert "unknown command 'scnee.program'" in reading.problem
    assert "did you mean 'scene.program'" in reading.problem


# -- its arguments ------------------------------------------------------------------------


def test_a_scene_is_completed_from_the_working_room() -> None:
    reading = _completer().read("scene.program ", "room1")
    assert _labels(reading) == ["Opening", "Host", "Lucky Draw"]
    assert reading.arg is not None and reading.arg.name == "scene"
    assert not reading.pick  # nothing typed for it yet
    host = reading.rows[1]
    assert (host.detail, host.key, host.text) == ("on program", "F3", "scene.program Host ")


def test_a_scene_typed_in_part_is_chosen_and_quoted_when_it_has_spaces() -> None:
    reading = _completer().read("scene.program luck", "room1")
    assert _labels(reading) == ["Lucky Draw"] and reading.pick
    assert reading.rows[0].text == "scene.program 'Lucky Draw' "


def test_the_room_named_on_the_line_gives_its_own_scenes() -> None:
    completer = _completer()
    assert _labels(completer.read("scene.program room=room2 ", "room1")) == ["Break"]
    every = completer.read("scene.preview room=all ", "room1")
    assert _labels(every) == ["Opening", "Host", "Lucky Draw", "Break"]


def test_once_the_required_arguments_are_given_the_others_are_offered_by_name() -> None:
    reading = _completer().read("scene.program Host ", "room1")
    assert _labels(reading) == ["room=room1", "room=room2", "room=all"]
    assert reading.rows[1].text == "scene.program Host room=room2 "
    assert reading.rows[1].detail == "京东家电"
    assert not reading.pick  # a word typed here may be the room itself: Tab takes a row


def test_a_name_typed_with_its_equals_sign_completes_its_value() -> None:
    reading = _completer().read("scene.program Host room=r2", "room1")
    assert _labels(reading)[0] == "room=room2" and reading.pick
    reading = _completer().read("scene.program Break room=all", "room1")
    assert reading.rows[0].key == "F9"  # the same line as a hotkey: its key


def test_a_product_is_found_by_its_name() -> None:
    reading = _completer().read("slide.show 牛排", "room1")
    assert _labels(reading) == ["steak-ribeye-1kg"] and reading.pick
    flags = _completer().read("slide.show steak-ribeye-1kg ov", "room1")
    assert _labels(flags) == ["override=on", "override=off"]


def test_fixed_choices_and_on_off_are_offered() -> None:
    completer = _completer()
    assert _labels(completer.read("barrage.filter ", "room1")) == [
        "all",
        "questions",
        "gifts",
        "product",
    ]
    assert _labels(completer.read("host.autopilot p", "room1")) == ["pause", "stop"]
    assert _labels(completer.read("host.label ", "room1")) == ["on", "off"]
    assert _labels(completer.read("room.select ", "room1")) == ["room1", "room2"]


def test_a_long_catalogue_lists_the_best_values_and_counts_the_rest() -> None:
    skus = [Choice(f"sku-{n:04d}", f"product {n}") for n in range(MAX_ROWS + 50)]
    completer = Completer(catalog(), lambda kind, room: skus if kind is ArgKind.SKU else [])
    every = completer.read("slide.show ", None)
    assert len(every.rows) == MAX_ROWS and every.more == 50
    assert every.rows[0].label == "sku-0000"  # the catalogue's order
    narrowed = completer.read("slide.show 0149", None)
    assert narrowed.rows[0].label == "sku-0149" and narrowed.more == 0


def test_a_value_that_may_be_free_text_is_offered_but_not_chosen() -> None:
    reading = _completer().read("host.insert op", "room1")
    assert _labels(reading) == ["opening"]
    assert not reading.pick  # "op" may be the text to say: Enter says it
    assert not _completer().read("barrage.select ne", "room1").pick


def test_an_argument_without_names_offers_nothing_and_says_what_it_is() -> None:
    reading = _completer().read("host.say ", "room1")
    assert reading.rows == ()
    assert reading.arg is not None and reading.arg.help == "what to say"


def test_a_row_says_which_required_arguments_remain() -> None:
    reading = _completer().read("product.set st", "room1")
    assert reading.rows[0].needs == ("field", "value")
    field = _completer().read("product.set oats-1kg pr", "room1")
    assert _labels(field)[0] == "price" and field.rows[0].needs == ("value",)


def test_a_word_too_many_is_a_problem() -> None:
    reading = _completer().read("scene.take room1 now ", "room1")
    assert reading.rows == () and reading.problem.startswith("scene.take: too many arguments")
    full = _completer().read("scene.take room1 ", "room1")
    assert full.rows == () and full.problem == "scene.take takes nothing more"


def test_the_catalogue_declares_what_its_arguments_name() -> None:
    """Every argument named like a show's names is declared with that kind, so the
    palette offers them (product.add's sku is a new one)."""
    registry: CommandRegistry = catalog()
    kinds = {"scene": ArgKind.SCENE, "sku": ArgKind.SKU, "item": ArgKind.ITEM}
    kinds |= {"segment": ArgKind.SEGMENT, "room": ArgKind.ROOM}
    for spec in registry.specs():
        for arg in spec.all_args:
            expected = kinds.get(arg.name)
            if expected is not None and spec.name != "product.add":
                assert arg.kind is expected, f"{spec.name} {arg.name}"
