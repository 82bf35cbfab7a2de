"""Log files: private to their owner, rotated by size, and only ever whole lines.

The full disk is real: a child process lowers its own file size limit (RLIMIT_FSIZE), so
the kernel cuts a write short partway through a record and refuses the next one, exactly
as a full disk does; raising the limit again is the space coming back.
"""

from __future__ import annotations

import json
import logging
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

from console.actionlog import ActionLog
from console.barrage.log import BarrageLog
from console.commands import ActionRecord
from console.logfile import GENERATIONS, LogFile, LogFileHandler, rotated_path

ROOT = Path(__file__).resolve().parents[2]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def test_logs_and_the_folders_made_for_them_are_private(tmp_path: Path) -> None:
    existing = tmp_path / "shared"
    existing.mkdir(mode=0o755)
    existing.chmod(0o755)
    logs = existing / "show" / "logs"
    actions = ActionLog(logs / "a.actions.jsonl")
    barrage = BarrageLog(logs / "a.barrage.jsonl")
    handler = LogFileHandler(logs / "console.log")
    try:
        actions(ActionRecord(0.0, "scene.take", "hotkey", True, "ok", 1.0))
        barrage.write_review("m1", "approved")
        handler.emit(logging.makeLogRecord({"msg": "started"}))
    finally:
        actions.close()
        barrage.close()
        handler.close()
    for name in ("a.actions.jsonl", "a.barrage.jsonl", "console.log"):
        assert _mode(logs / name) == 0o600, name
    assert _mode(logs) == _mode(logs.parent) == 0o700
    assert _mode(existing) == 0o755  # a folder that was there is left alone


def test_a_symlink_planted_at_the_log_is_refused_not_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep\n", encoding="utf-8")
    path = tmp_path / "show.barrage.jsonl"
    path.symlink_to(victim)
    log = LogFile(path)
    assert log.write_lines(['{"id": "m1"}']) is False
    assert log.problem.startswith("show.barrage.jsonl not written since ")
    assert log.lost == 1
    assert victim.read_text(encoding="utf-8") == "keep\n"
    log.close()


def test_logs_rotate_at_their_size_keeping_a_few_generations(tmp_path: Path) -> None:
    path = tmp_path / "show.actions.jsonl"
    log = LogFile(path, max_bytes=100)
    records = [json.dumps({"n": n, "pad": "x" * 20}) for n in range(60)]  # ~33 bytes each
    for record in records:
        assert log.write_lines([record])
    log.close()
    files = [path, *(rotated_path(path, g) for g in range(1, GENERATIONS + 1))]
    assert all(f.exists() for f in files) and not rotated_path(path, GENERATIONS + 1).exists()
    assert all(f.stat().st_size <= 100 for f in files)
    kept = [line for f in reversed(files) for line in f.read_text(encoding="utf-8").splitlines()]
    assert kept == records[-len(kept) :]  # oldest generation first, nothing reordered
    assert all(_mode(f) == 0o600 for f in files)


def test_a_file_left_mid_line_by_a_crash_goes_on_on_a_fresh_line(tmp_path: Path) -> None:
    path = tmp_path / "show.barrage.jsonl"
    path.write_bytes(b'{"id": "m1"}\n{"id": "m2", "te')  # the console died mid-write
    log = LogFile(path)
    assert log.write_lines(['{"id": "m3"}'])
    log.close()
    assert path.read_bytes().splitlines() == [b'{"id": "m1"}', b'{"id": "m2", "te', b'{"id": "m3"}']


FULL_DISK = textwrap.dedent(
    """
    import json, resource, signal, sys
    from pathlib import Path
    from console.logfile import LogFile

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a refused write fails, not the process
    path = Path(sys.argv[1])
    record = lambda n: json.dumps({"n": n, "text": "评论" * 40})
    log = LogFile(path)
    heard = []
    log.on_problem(heard.append)
    before = [log.write_lines([record(n)]) for n in range(5)]
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (path.stat().st_size + 60, hard))  # disk full
    during = [log.write_lines([record(n), record(n + 1)]) for n in range(5, 15, 2)]
    problem, lost = log.problem, log.lost
    resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))  # space again
    after = [log.write_lines([record(n)]) for n in range(15, 18)]
    log.close()
    print(json.dumps({"before": before, "during": during, "after": after, "heard": heard,
                      "problem": problem, "lost": lost, "final": log.problem}))
    """
)


def test_a_full_disk_is_reported_once_and_never_leaves_part_of_a_record(tmp_path: Path) -> None:
    path = tmp_path / "show.barrage.jsonl"
    done = subprocess.run(
        [sys.executable, "-c", FULL_DISK, str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        check=True,
    )
    result = json.loads(done.stdout)
    assert result["before"] == [True] * 5 and result["after"] == [True] * 3
    assert result["during"] == [False] * 5
    assert result["lost"] == 10
    assert result["problem"].startswith("show.barrage.jsonl not written since ")
    assert "File too large" in result["problem"]
    assert result["heard"] == [result["problem"], ""]  # once when it broke, once when fixed
    assert result["final"] == ""
    lines = path.read_bytes().split(b"\n")
    assert lines[-1] == b""  # the file ends with a whole line
    numbers = [json.loads(line)["n"] for line in lines[:-1]]  # every line a whole record
    assert numbers == [0, 1, 2, 3, 4, 15, 16, 17]
