"""A secret pasted into the profile is never quoted back by a message about it."""

from __future__ import annotations

from pathlib import Path

import pytest

from console.profile import check_profile
from console.profile.secret import LOOKS_LIKE_SECRET, secret_key

SECRET = "hunter2-real-password"

PLACES = {
    "obs password_env": f'rooms:\n  - id: main\n    obs: {{password_env: "{SECRET}"}}\n',
    "obs password_env unquoted": f"rooms:\n  - id: main\n    obs:\n      password_env: {SECRET}\n",
    "control token_env": f"rooms: [{{id: main}}]\ncontrol: {{token_env: '{SECRET}'}}\n",
    "twitch token_env": (
        "rooms: [{id: main}]\nbarrage:\n  sources:\n    - kind: twitch\n      channel: jd\n"
        f"      nick: jd\n      token_env: {SECRET}\n"
    ),
    "password_env tagged as an integer": (
        f"rooms:\n  - id: main\n    obs: {{password_env: !!int {SECRET}}}\n"
    ),
    "password_env tagged as a date": (
        f"rooms:\n  - id: main\n    obs: {{password_env: !!timestamp {SECRET}}}\n"
    ),
    "password as an integer with a bad tag": (
        f"rooms:\n  - id: main\n    obs: {{password: !!float {SECRET}}}\n"
    ),
    "token tagged as a boolean": f"rooms: [{{id: main}}]\ncontrol: {{token: !!bool {SECRET}}}\n",
    "password_env that YAML reads as an impossible date": (
        "rooms:\n  - id: main\n    obs: {password_env: 2024-02-30}\n"
    ),
}


@pytest.mark.parametrize("place", PLACES)
def test_a_secret_in_the_wrong_place_is_reported_without_its_value(
    tmp_path: Path, place: str
) -> None:
    path = tmp_path / "show.yaml"
    path.write_text(PLACES[place], encoding="utf-8")
    problems = check_profile(path)
    texts = [str(problem) for problem in problems]
    assert problems, "a secret in a *_env key, or a badly tagged one, is a problem"
    assert not any("hunter2" in text or "2024-02-30" in text for text in texts), texts


def test_the_message_says_why_the_value_is_not_shown(tmp_path: Path) -> None:
    path = tmp_path / "show.yaml"
    path.write_text(PLACES["obs password_env"], encoding="utf-8")
    (problem,) = check_profile(path)
    assert problem.message == f"rooms[0].obs.password_env: {LOOKS_LIKE_SECRET}"
    assert "this looks like a secret, not the name of an environment variable" in LOOKS_LIKE_SECRET


def test_keys_that_hold_secrets_or_name_them() -> None:
    assert secret_key("rooms[0].obs.password_env")
    assert secret_key("rooms[3].obs.password")
    assert secret_key("control.token")
    assert secret_key("barrage.sources[0].token_env")
    assert secret_key("streaming.stream_key")
    assert not secret_key("rooms[0].obs.host")
    assert not secret_key("products[0].name")
    assert not secret_key("hotkeys.F2")
