"""Two consoles side by side on one machine, as a host running two rooms at once has them:
two shows, each with a room called ``main`` on its own OBS. Each console writes its slides
into a folder of its own (private, mode 0700), so neither overwrites what the other has on
air; each show has its own logs. A third console opening a show already open is refused
with a clear message and touches nothing."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import aiohttp
from PySide6.QtGui import QImage

from tests.conftest import Drive
from tests.harness import ObsStudio
from tests.harness.process import set_parent_death_signal
from tests.integration.test_control_process import MAIN, STARTS_WITHIN, http, next_event, read_line
from tests.unit.control.control_show import TOKEN, RoomAt, show_yaml

PRODUCTS = """\
products:
  - {{sku: {sku}, name: {name}, price: {price}}}
rundown:
  - {{kind: opening, title: 开场}}
  - {{kind: product, sku: {sku}}}
"""
SHOWS = {
    "supermarket": ("steak", "南美草饲原切眼肉牛排 1kg", 69),
    "toys": ("lego", "乐高机械组赛车", 399),
}


def _write(directory: Path, title: str, obs: ObsStudio) -> Path:
    sku, name, price = SHOWS[title]
    directory.mkdir()
    control = {"port": 0, "token_env": "CONSOLE_TOKEN"}
    extra = PRODUCTS.format(sku=sku, name=name, price=price)
    text = show_yaml([RoomAt("main", obs.port, obs.password)], control, extra, title=title)
    (directory / "show.yaml").write_text(text, encoding="utf-8")
    return directory / "show.yaml"


def _launch(profile: Path, name: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CONSOLE_TOKEN": TOKEN}
    with (profile.parent / f"{name}.stderr").open("wb") as errors:
        return subprocess.Popen(
            [sys.executable, str(MAIN), str(profile)],
            stdout=subprocess.PIPE,
            stderr=errors,
            env=env,
            cwd=profile.parent,
            preexec_fn=set_parent_death_signal,
        )


async def _push_slide(url: str, sku: str) -> None:
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(f"{url}/api/events?token={TOKEN}") as ws,
    ):
        await next_event(ws, {"link": {"state": "connected", "reason": ""}})
        status, body = http("POST", f"{url}/api/commands/rundown.goto", json.dumps({"item": "2"}))
        assert status == 200, body
        await next_event(ws, {"slide": {"sku": sku, "name": SHOWS_BY_SKU[sku]}})


SHOWS_BY_SKU = {sku: name for sku, name, _ in SHOWS.values()}


def test_two_consoles_side_by_side_never_write_each_others_files(
    tmp_path: Path, obs: ObsStudio, obs_second: ObsStudio, drive: Drive
) -> None:
    profiles = {
        "supermarket": _write(tmp_path / "supermarket", "supermarket", obs),
        "toys": _write(tmp_path / "toys", "toys", obs_second),
    }
    children = {title: _launch(path, title) for title, path in profiles.items()}
    try:
        urls = {}
        for title, child in children.items():
            assert child.stdout is not None
            stderr = profiles[title].parent / f"{title}.stderr"
            urls[title] = read_line(child.stdout, b"control API on ", STARTS_WITHIN, stderr)
        for title, url in urls.items():
            drive(_push_slide(url, SHOWS[title][0]))
        files = {}
        for title, studio in (("supermarket", obs), ("toys", obs_second)):
            with studio.probe() as probe:
                settings = probe.call("GetInputSettings", inputName="Product Slide")
            files[title] = Path(settings["inputSettings"]["file"])
        assert files["supermarket"].parent != files["toys"].parent
        for path in files.values():
            folder = path.parent.stat()
            assert stat.S_IMODE(folder.st_mode) == 0o700 and folder.st_uid == os.getuid()
            assert not QImage(str(path)).isNull()  # each one's own, whole
        # Each show keeps its own logs, next to its own profile.
        for title, path in profiles.items():
            logs = {p.name.split("-")[0] for p in (path.parent / "logs").iterdir()}
            assert logs == {title}, logs
        # A third console on a show already open is refused, and leaves it alone.
        third = _launch(profiles["toys"], "third")
        assert third.wait(STARTS_WITHIN) == 1
        assert third.stdout is not None
        third.stdout.close()
        refusal = (profiles["toys"].parent / "third.stderr").read_text(encoding="utf-8")
        assert "already open in another console" in refusal and "Traceback" not in refusal
        status, body = http("GET", f"{urls['toys']}/api/state")
        assert status == 200 and body["rooms"][0]["slide"]["sku"] == "lego"
    finally:
        for child in children.values():
            child.kill()
            child.wait()
            assert child.stdout is not None
            child.stdout.close()
