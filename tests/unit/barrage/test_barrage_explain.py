"""``main.py --explain PROFILE TEXT``: the steps, every rule that fired, and the verdict."""

from __future__ import annotations

from pathlib import Path

import pytest

import main

DEMO = Path(__file__).parents[3] / "profiles" / "demo.yaml"


def explained(text: str, capsys: pytest.CaptureFixture[str]) -> list[str]:
    assert main.main(["--explain", str(DEMO), text]) == 0
    return capsys.readouterr().out.splitlines()


def test_a_held_comment_shows_each_step_the_rules_and_the_verdict(
    capsys: pytest.CaptureFixture[str],
) -> None:
    lines = explained("加 ＶＸ：mm1688 領紅包", capsys)

    steps = lines[1:6]
    assert steps[0].split() == ["as", "sent", "加", "ＶＸ：mm1688", "領紅包"]
    assert steps[-1].endswith("加vxmm1688领红包")  # squeezed, folded, simplified
    assert "block contact: contact word 'vx' 2-4 'ＶＸ'" in " ".join(lines)
    assert lines[-1] == "verdict: block: contact (contact word 'vx') at 2-4 'ＶＸ'"


def test_matches_that_did_not_count_say_why(capsys: pytest.CaptureFixture[str]) -> None:
    lines = explained("白吃白喝 微信转账行吗 主播很有威信", capsys)

    assert "rules that fired: none" in lines
    assert "  '白吃' sounds like '白痴': an ordinary word" in lines
    assert "  '微信': allowed phrase" in lines
    assert any("contact word '威信'" in line and "nothing to reach" in line for line in lines)
    assert lines[-1] == "verdict: pass"


def test_explain_needs_a_text(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main.main(["--explain", str(DEMO)])
    assert "--explain needs a comment" in capsys.readouterr().err
