"""Each moderation rule, one behaviour per test, through the pipeline's public API."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from barrage_samples import msg

from console.barrage.config import (
    AbuseRule,
    CapsRule,
    ContactRule,
    FloodRule,
    LengthRule,
    ModerationConfig,
    RegexRule,
    RepeatRule,
    SymbolsRule,
    TermRule,
)
from console.barrage.decisions import UserBan
from console.barrage.message import Kind
from console.barrage.pipeline import Pipeline
from console.barrage.rules import RuleSet
from console.barrage.verdict import PASSED, Action, Verdict

QUIET = ModerationConfig(
    contact=ContactRule(enabled=False),
    abuse=AbuseRule(enabled=False),
    flood=FloodRule(messages=0),
    repeat=RepeatRule(users=0),
)


def judge(pipeline: Pipeline, text: str, **kwargs: object) -> tuple[Verdict, str]:
    message = msg(text, **kwargs)  # type: ignore[arg-type]
    verdict = pipeline.judge(message)
    span = text[verdict.span[0] : verdict.span[1]] if verdict.span else ""
    return verdict, span


def quiet(**changes: object) -> ModerationConfig:
    """Only the rules a test names (contact, flood and repeat off unless given)."""
    return replace(QUIET, **changes)  # type: ignore[arg-type]


def with_rules(**changes: object) -> Pipeline:
    return Pipeline(quiet(**changes))


def test_clean_comment_passes() -> None:
    assert Pipeline().judge(msg("这个牛排多少钱？")) is PASSED


def test_blocked_term_matches_through_evasion() -> None:
    pipeline = with_rules(terms=(TermRule("abuse", ("傻瓜",)),))
    verdict, span = judge(pipeline, "你个 傻-瓜！")
    assert (verdict.action, verdict.rule, span) == (Action.BLOCK, "abuse", "傻-瓜")


def test_blocked_terms_scale_to_thousands() -> None:
    terms = tuple(f"词{i:05d}" for i in range(5000))
    pipeline = with_rules(terms=(TermRule("big", terms),))
    verdict, span = judge(pipeline, "hello 词04321 there")
    assert verdict.rule == "big" and span == "词04321"


def test_term_rule_may_hold_instead_of_block() -> None:
    pipeline = with_rules(terms=(TermRule("ads", ("最便宜",), Action.HOLD),))
    assert judge(pipeline, "全网最便宜")[0].action is Action.HOLD


def test_block_beats_hold_whatever_the_order() -> None:
    pipeline = with_rules(
        terms=(TermRule("soft", ("便宜",), Action.HOLD), TermRule("hard", ("垃圾",)))
    )
    assert judge(pipeline, "便宜的垃圾")[0].rule == "hard"


def test_regex_on_normalised_text() -> None:
    pipeline = with_rules(regex=(RegexRule("refund", r"返\d+元", Action.HOLD),))
    verdict, span = judge(pipeline, "下单返 ５ 元")
    assert verdict.rule == "refund" and span == "返 ５ 元"


def test_regex_on_the_text_as_sent() -> None:
    pipeline = with_rules(regex=(RegexRule("shout", r"!{3,}", Action.HOLD, on="text"),))
    verdict, span = judge(pipeline, "快点发货!!!!")
    assert verdict.rule == "shout" and span == "!!!!"


def test_regex_cannot_match_across_messages() -> None:
    pipeline = with_rules(regex=(RegexRule("pair", r"a\s*b", Action.BLOCK),))
    first, second = msg("xa"), msg("bx")
    assert pipeline.judge_batch([first, second]).verdicts == [PASSED, PASSED]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("加我微信看福利", "微信"),
        ("加我 ＶＸ：abc", "ＶＸ"),
        ("加我威信", "威信"),
        ("微 信 號 lili888", "微 信"),
        ("电话13812345678", "13812345678"),
        ("电话 １３８ １２３４ ５６７８", "１３８ １２３４ ５６７８"),
        ("打一三八一二三四五六七八", "一三八一二三四五六七八"),
        ("qq 123456", "qq"),
        ("扣扣号码在主页", "扣扣"),
        ("看 https://example.org/x", "https://example.org/x"),
        ("去ｗｗｗ．abc．com", "ｗｗｗ．abc．com"),
        ("shop.xyz 买", "shop.xyz"),
        ("号码 9876543210", "号码"),
        ("小红书搜 美妆小铺", "小红书"),
        ("vxi88o66o88", "vx"),
        ("电话 l39OOl39OOO", "l39OOl39OOO"),
        ("www点haohuo点com", "www点haohuo点com"),
    ],
)
def test_contact_details_are_blocked(text: str, span: str) -> None:
    verdict, found = judge(Pipeline(), text)
    assert (verdict.action, verdict.rule, found) == (Action.BLOCK, "contact", span)


@pytest.mark.parametrize(
    "text",
    [
        "66666666",
        "88888888888",
        "5201314",
        "love5201314",
        "买了3个",
        "1号链接",
        "价位多少",
        "微信转账行吗",  # a contact word with nothing to reach
        "主播很有威信",
        "微信号多少",
        "可以用QQ支付吗",
        "订单号 13812345678 还没到",  # an order number, even shaped like a phone
        "订单号码 2024041688 查不到",  # a contact word after an order word
        "10 9 8 7 6 5 4 3 2 1 上链接",
        "客服电话 4006065500",  # a service line
        "wechat pay available",
        "ins风的包装",
        "主播头像好可爱",
    ],
)
def test_cheers_numbers_and_contact_words_alone_are_not_contact(text: str) -> None:
    assert Pipeline().judge(msg(text)) is PASSED


@pytest.mark.parametrize(
    ("text", "span"),
    [("私我发你链接", "私我"), ("头像扫码领红包", "头像扫"), ("sī xìn wǒ", "sī xìn wǒ")],
)
def test_pointers_to_a_contact_are_held(text: str, span: str) -> None:
    verdict, found = judge(Pipeline(), text)
    assert (verdict.action, verdict.rule, found) == (Action.HOLD, "contact", span)


def test_homophones_of_contact_words_are_held_in_context() -> None:
    pipeline = Pipeline()
    verdict, span = judge(pipeline, "加薇心有惊喜")
    assert (verdict.action, verdict.rule, span) == (Action.HOLD, "contact", "薇心")
    assert "sounds like" in verdict.detail
    assert judge(pipeline, "蚊信 xiaomei1688")[1] == "蚊信"
    assert judge(pipeline, "为新年准备年货")[0] is PASSED  # a homophone with nothing to reach
    assert pipeline.sound_checks == 0  # two characters: no pinyin pass needed


def test_the_shows_own_domains_are_not_links() -> None:
    pipeline = Pipeline(replace(ModerationConfig(), contact=ContactRule(allow_domains=("jd.com",))))
    assert judge(pipeline, "item.jd.com 上同款")[0] is PASSED
    assert judge(pipeline, "jd.com.cheap.top")[0].rule == "contact"


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("傻逼主播", "傻逼"),
        ("主播sb", "sb"),
        ("s b 主播", "s b"),
        ("煞笔东西", "煞笔"),
        ("骗纸主播", "骗纸"),
        ("辣鸡主播", "辣鸡"),
        ("nmsl", "nmsl"),
        ("fuck you", "fuck"),
        ("傻❤逼", "傻❤逼"),
    ],
)
def test_abuse_is_held_by_default(text: str, span: str) -> None:
    verdict, found = judge(Pipeline(), text)
    assert (verdict.action, verdict.rule, found) == (Action.HOLD, "abuse", span)


@pytest.mark.parametrize(
    "text",
    [
        "usb 充电的吗",
        "白吃白喝",
        "片子拍得真好",
        "奶奶去世了",
        "香辣鸡腿有吗",
        "垃圾袋结实吗",
        "你妈妈会喜欢的",
    ],
)
def test_ordinary_words_that_sound_like_abuse_pass(text: str) -> None:
    assert Pipeline().judge(msg(text)) is PASSED


def test_pinyin_pass_confirms_longer_sound_alike_terms() -> None:
    pipeline = with_rules(terms=(TermRule("curse", ("草泥马",), sound_alike=True),))
    verdict, span = judge(pipeline, "曹尼玛的")
    assert (verdict.rule, span) == ("curse", "曹尼玛")
    assert pipeline.sound_checks == 1


def test_pinyin_pass_runs_only_on_undecided_messages() -> None:
    pipeline = with_rules(terms=(TermRule("curse", ("草泥马",), sound_alike=True),))
    pipeline.judge_batch([msg("这个多少钱"), msg("草泥马"), msg("主播好漂亮")])
    assert pipeline.sound_checks == 0  # 草泥马 was decided by the cheap pass


def test_term_rules_can_ask_for_sound_alikes() -> None:
    pipeline = with_rules(terms=(TermRule("abuse", ("傻逼",), sound_alike=True),))
    verdict, span = judge(pipeline, "煞笔主播")
    assert verdict.rule == "abuse" and span == "煞笔"


def test_short_latin_terms_match_whole_words_only() -> None:
    pipeline = with_rules(terms=(TermRule("x", ("sb",)),))
    assert judge(pipeline, "sb主播")[0].rule == "x"
    assert judge(pipeline, "usb接口")[0] is PASSED


def test_flood_blocks_a_user_past_the_rate() -> None:
    pipeline = with_rules(flood=FloodRule(messages=3, seconds=10.0))
    verdicts = [pipeline.judge(msg(f"第{i}条", at=1000.0 + i)) for i in range(5)]
    assert [v.rule for v in verdicts] == ["", "", "", "flood", "flood"]
    assert pipeline.judge(msg("别人", user="u2", at=1004.5)) is PASSED


def test_flood_forgets_after_the_window() -> None:
    pipeline = with_rules(flood=FloodRule(messages=2, seconds=10.0))
    for i in range(3):
        pipeline.judge(msg("x", at=1000.0 + i))
    assert pipeline.judge(msg("later", at=1025.0)) is PASSED


def test_repetition_across_users_is_held() -> None:
    pipeline = with_rules(repeat=RepeatRule(users=3, seconds=60.0, min_chars=8))
    texts = [f"点击主页领取优惠券{n}号" for n in range(4)]  # numbered copies
    verdicts = [pipeline.judge(msg(t, user=f"bot{n}", at=1000.0 + n)) for n, t in enumerate(texts)]
    assert [v.rule for v in verdicts] == ["", "", "repeat", "repeat"]


def test_short_chorus_is_not_repetition() -> None:
    pipeline = with_rules(repeat=RepeatRule(users=3, seconds=60.0, min_chars=8))
    verdicts = [pipeline.judge(msg("666", user=f"fan{n}", at=1000.0)) for n in range(10)]
    assert all(v is PASSED for v in verdicts)


def test_length_limit() -> None:
    pipeline = with_rules(length=LengthRule(max=10))
    assert judge(pipeline, "很长" * 6)[0].rule == "length"
    assert judge(pipeline, "短")[0] is PASSED


def test_caps_spam() -> None:
    pipeline = with_rules(caps=CapsRule(min_letters=8, ratio=0.8))
    assert judge(pipeline, "BUY THIS NOW PLEASE")[0].rule == "caps"
    assert judge(pipeline, "Buy this now please")[0] is PASSED


def test_symbol_walls() -> None:
    pipeline = with_rules(symbols=SymbolsRule(min_chars=8, ratio=0.9))
    assert judge(pipeline, "🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉")[0].rule == "symbols"
    assert judge(pipeline, "好看好看🎉🎉🎉🎉")[0] is PASSED


def test_banned_users_are_blocked_by_id_and_by_name_only_without_one() -> None:
    pipeline = with_rules(banned=frozenset({"u9", "Troll"}))
    assert judge(pipeline, "hi", user="u9")[0].rule == "banned"
    assert judge(pipeline, "hi", user="", name="Troll")[0].rule == "banned"
    assert judge(pipeline, "hi", user="u8", name="Troll")[0] is PASSED  # an id is who it is


def test_runtime_ban_and_unban() -> None:
    pipeline = with_rules()
    pipeline.decisions.ban(UserBan("test:u5", "name-u5", "m0", "hi", 1000.0))
    assert judge(pipeline, "hi", user="u5")[0].action is Action.BLOCK
    pipeline.decisions.unban("test:u5")
    assert judge(pipeline, "hi", user="u5")[0] is PASSED


def test_staff_always_pass() -> None:
    pipeline = Pipeline(ModerationConfig(staff=frozenset({"host"})))
    verdict = pipeline.judge(msg("加微信 13812345678", user="host"))
    assert (verdict.action, verdict.rule) == (Action.PASS, "staff")


def test_slow_mode_blocks_comments_too_close_together() -> None:
    pipeline = with_rules(slow_mode=5.0)
    assert pipeline.judge(msg("one", at=1000.0)) is PASSED
    assert pipeline.judge(msg("two", at=1002.0)).rule == "slow_mode"
    assert pipeline.judge(msg("three", at=1006.0)) is PASSED


def test_events_other_than_comments_pass_unmoderated() -> None:
    pipeline = Pipeline()
    assert pipeline.judge(msg("加微信", kind=Kind.GIFT)) is PASSED


def test_reload_swaps_the_rule_set_and_keeps_rate_memory() -> None:
    pipeline = with_rules(flood=FloodRule(messages=2, seconds=60.0))
    for i in range(2):
        pipeline.judge(msg("x", at=1000.0 + i))
    assert judge(pipeline, "坏词")[0].rule == "flood"
    compiled = RuleSet(
        quiet(terms=(TermRule("new", ("坏词",)),), flood=FloodRule(messages=2, seconds=60.0))
    )
    pipeline.reload(compiled)
    assert pipeline.rules is compiled
    verdict = pipeline.judge(msg("坏词", at=1003.0))
    assert verdict.rule == "new"  # the term rule, stronger-ordered than flood
    assert pipeline.judge(msg("ok", user="u2", at=1003.0)) is PASSED


def test_a_reload_during_a_batch_applies_from_the_next_batch() -> None:
    strict = quiet(terms=(TermRule("a", ("坏词",)),), flood=FloodRule(messages=1, seconds=60.0))
    pipeline = Pipeline()

    class ReloadingMidBatch(RuleSet):
        def scan(self, *args: Any, **kwargs: Any) -> Any:
            pipeline.reload(QUIET)  # as if the operator saved the profile right now
            return super().scan(*args, **kwargs)

    pipeline.reload(ReloadingMidBatch(strict))
    first = pipeline.judge_batch(
        [msg("坏词", user="u1"), msg("好", user="u2"), msg("好", user="u2")]
    )
    assert [v.rule for v in first.verdicts] == ["a", "", "flood"]  # all by the strict set
    second = pipeline.judge_batch([msg("坏词", user="u3")])
    assert second.verdicts == [PASSED]  # the quiet set from here on


def test_rate_memory_stays_bounded_as_viewers_come_and_go() -> None:
    pipeline = with_rules(
        flood=FloodRule(messages=5, seconds=10.0),
        repeat=RepeatRule(users=5, seconds=10.0, min_chars=4),
        slow_mode=10.0,
    )
    for second in range(100):
        batch = [
            msg(f"第{second}秒的第{n}条评论", user=f"v{second}-{n}", at=1000.0 + second)
            for n in range(100)
        ]
        pipeline.judge_batch(batch)
    assert pipeline.rate.tracked <= 3 * 2 * 10 * 100  # two ten-second buckets per memory


@pytest.mark.parametrize(
    "text",
    [
        "加嶶信 tt2525",  # a rare character read wei
        "微亻言 ss8080",  # 信 split into its parts
        "🇼🇽 gogo99",  # regional indicators
        "Ⓦ Ⓧ: hihi77",  # enclosed letters
        "wēi xìn: nana33",  # tone-marked pinyin
        "dian hua 15912345678",
        "抖音搜 零食小铺",  # another platform, and an invitation to search it
        "telegram: @sale_now",
        "我的邮箱 sale2024@163.com",
        "加我 ⑦⑦⑧⑧⑨⑨⓪⓪",  # an invitation and a number
    ],
)
def test_contact_details_are_caught_however_they_are_written(text: str) -> None:
    verdict = Pipeline().judge(msg(text))
    assert (verdict.rule, verdict.action is not Action.PASS) == ("contact", True)
