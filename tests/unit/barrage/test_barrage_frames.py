"""Grabber frames → messages: the two preset shapes, a custom mapping, and bad input."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest

from console.barrage.clean import clean_text
from console.barrage.message import Kind, Message
from console.barrage.sources.base import BadFrame
from console.barrage.sources.mapping import MSG_TYPE, TYPE_DATA, FieldMapping, FrameReader


def reader(mapping: FieldMapping = TYPE_DATA, max_frame: int = 64 * 1024) -> FrameReader:
    serial = iter(range(1, 1000))
    stripped: Counter[str] = Counter()

    def clean(value: Any, name: str) -> str:
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise BadFrame(f"bad field {name}")
        return clean_text(str(value), stripped)

    return FrameReader(mapping, "douyin", "main", clean, lambda: f"gen{next(serial)}", max_frame)


def type_data(kind: int, **data: Any) -> str:
    return json.dumps({"Type": kind, "Data": json.dumps(data, ensure_ascii=False)})


def test_type_data_comment() -> None:
    frame = type_data(1, MsgId=7, User={"Id": 11, "Nickname": "Ann"}, Content="多少钱")
    (message,) = reader().read(frame)
    assert (message.kind, message.id, message.user_id, message.user_name, message.text) == (
        Kind.COMMENT,
        "7",
        "11",
        "Ann",
        "多少钱",
    )
    assert message.platform == "douyin" and message.room == "main" and message.raw == frame


def test_type_data_gift_keeps_its_details() -> None:
    frame = type_data(5, MsgId=8, User={"Id": 2, "Nickname": "Bo"}, GiftName="小心心", GiftCount=3)
    (message,) = reader().read(frame)
    assert message.kind is Kind.GIFT and message.extra == {"gift": "小心心", "count": 3}


def test_type_data_room_statistics_are_ignored() -> None:
    frame_reader = reader()
    assert frame_reader.read(type_data(6, OnlineUserCount=150)) == []
    assert frame_reader.ignored == 1


def test_msg_type_shape() -> None:
    frame = json.dumps(
        {
            "msg_type": "live_order",
            "msg_id": "o1",
            "nick_name": "Cy",
            "product_title": "牛排",
            "time": 1713262680123,
        }
    )
    (message,) = reader(MSG_TYPE).read(frame)
    assert (message.kind, message.user_name, message.text) == (Kind.ORDER, "Cy", "")
    assert message.extra["product"] == "牛排"
    assert message.time == pytest.approx(1713262680.123)


def test_a_frame_may_hold_a_list_of_events() -> None:
    events = [{"msg_type": "comment", "nick_name": f"u{i}", "content": f"c{i}"} for i in range(3)]
    messages = reader(MSG_TYPE).read(json.dumps(events))
    assert [m.text for m in messages] == ["c0", "c1", "c2"]
    assert [m.id for m in messages] == ["gen1", "gen2", "gen3"]


def test_custom_mapping() -> None:
    mapping = FieldMapping(
        kind="cmd",
        kinds={"DANMU_MSG": Kind.COMMENT},
        data="data",
        text="info.msg",
        user_name="info.uname",
        time="ts",
        time_scale=0.001,
    )
    frame = json.dumps(
        {"cmd": "DANMU_MSG", "data": {"info": {"msg": "hi", "uname": "D"}, "ts": 5000}}
    )
    (message,) = reader(mapping).read(frame)
    assert (message.text, message.user_name, message.time) == ("hi", "D", 5.0)


BAD_FRAMES = [
    ("{not json", "invalid JSON"),
    ('"just a string"', "not a JSON object"),
    ('{"Data": "{}"}', "missing field Type"),
    ('{"Type": 1, "Data": "{not json"}', "invalid JSON in Data"),
    ('{"Type": 1, "Data": 5}', "bad field Data"),
    ('{"Type": 1}', "missing field Data"),
    (type_data(1, User={"Nickname": "A"}), "missing field Content"),
    (type_data(1, Content="hi"), "missing field User.Nickname"),
    (type_data(1, User={"Nickname": {"x": 1}}, Content="hi"), "bad field user_name"),
    (type_data(1, User={"Nickname": "A"}, Content=["hi"]), "bad field Content"),
    (json.dumps({"Type": 1, "Data": "x" * 70_000}), "frame too large"),
]


@pytest.mark.parametrize(("frame", "reason"), BAD_FRAMES)
def test_bad_frames_are_refused_with_a_reason(frame: str, reason: str) -> None:
    with pytest.raises(BadFrame) as caught:
        reader().read(frame)
    assert str(caught.value) == reason


def test_texts_are_cleaned_of_bad_characters() -> None:
    content = "加\u200b微\u202e信\x07 \ud800ok"
    frame = type_data(1, User={"Nickname": "A\u200f"}, Content=content)
    (message,) = reader().read(frame)
    assert (message.text, message.user_name) == ("加微信 ok", "A")


def test_message_records_round_trip() -> None:
    message = Message("douyin", "main", "1", "2", "Ann", "hi", 5.0, Kind.GIFT, {"count": 2}, "{}")
    assert Message.from_record(json.loads(json.dumps(message.to_record()))) == message
