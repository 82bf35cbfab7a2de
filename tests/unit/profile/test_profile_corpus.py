"""Each file in ``broken/`` is a profile with mistakes, carrying the problems it must raise.

A file states its expected problems as leading ``# expect: LINE:COL: message`` comments;
the test compares them, as a set, with what the validator reports. Adding a case is
adding a file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from console.profile import ProfileError, check_profile, load_profile

BROKEN = Path(__file__).parent / "broken"
CORPUS = sorted(BROKEN.glob("*.yaml"))
EXPECT = b"# expect: "


def expected_problems(path: Path) -> set[str]:
    """The ``LINE:COL: message`` lines a corpus file declares (read as bytes: some are bad)."""
    lines = path.read_bytes().splitlines()
    return {line[len(EXPECT) :].decode() for line in lines if line.startswith(EXPECT)}


def test_corpus_covers_every_kind_of_mistake() -> None:
    names = {path.stem for path in CORPUS}
    assert names >= {
        "unknown_key",
        "wrong_type",
        "missing_rooms",
        "missing_room_id",
        "duplicate_room_id",
        "duplicate_hotkey",
        "unknown_command",
        "command_arguments",
        "reserved_keys",
        "bad_key_syntax",
        "missing_logo",
        "password_and_env",
        "port_range",
        "newer_schema",
        "tab_indent",
        "bad_indent",
        "unclosed_quote",
        "duplicate_yaml_key",
        "empty",
        "duplicate_sku",
        "non_positive_price",
        "price_text",
        "missing_product_image",
        "deal_end_before_start",
        "list_price_not_higher",
        "duplicate_link_no",
        "unknown_rundown_sku",
        "prohibited_term",
        "moderation_problem",
        "replay_file_missing",
        "unknown_source_kind",
        "barrage_room_unknown",
        "explicit_tags",
        "unreadable_values",
        "recursive_alias",
        "alias_bomb",
        "deep_nesting",
        "log_dir_is_a_file",
        "secrets_not_echoed",
        "command_show_arguments",
    }


@pytest.mark.parametrize("path", CORPUS, ids=[path.stem for path in CORPUS])
def test_broken_profile_reports_exactly_its_expected_problems(path: Path) -> None:
    expected = expected_problems(path)
    assert expected, f"{path.name} declares no '# expect:' line"

    problems = check_profile(path)

    assert {f"{p.line}:{p.col}: {p.message}" for p in problems} == expected
    assert len(problems) == len(expected), "a problem was reported twice"
    assert all(problem.path == path for problem in problems)


@pytest.mark.parametrize("path", CORPUS, ids=[path.stem for path in CORPUS])
def test_load_raises_with_every_problem_in_file_order(path: Path) -> None:
    with pytest.raises(ProfileError) as caught:
        load_profile(path)

    problems = caught.value.problems
    assert str(caught.value).splitlines() == [str(problem) for problem in problems]
    assert [(p.line, p.col) for p in problems] == sorted((p.line, p.col) for p in problems)
    assert str(problems[0]).startswith(f"{path}:{problems[0].line}:{problems[0].col}: ")
