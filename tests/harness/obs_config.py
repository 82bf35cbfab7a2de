"""OBS Studio 29 configuration files for an isolated ``$HOME``.

Layout under ``$HOME/.config/obs-studio``::

    global.ini                      first-run flags and the obs-websocket 5.1 server settings
    basic/profiles/<P>/basic.ini    canvas, frame rate and simple-output recording
    basic/scenes/<C>.json           the scene collection (see ``collection.py``)
"""

from __future__ import annotations

from pathlib import Path

PROFILE_NAME = "Test"


def obs_config_dir(home: Path) -> Path:
    return home / ".config" / "obs-studio"


def _write_ini(path: Path, sections: dict[str, dict[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines: list[str] = []
    for section, values in sections.items():
        lines.append(f"[{section}]")
        lines.extend(f"{key}={value}" for key, value in values.items())
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def write_global_ini(
    config_dir: Path, *, port: int, password: str, profile: str, collection: str
) -> Path:
    """Write ``global.ini``: no first-run wizard, websocket server on ``port`` with a password."""
    path = config_dir / "global.ini"
    _write_ini(
        path,
        {
            "General": {
                "FirstRun": "true",  # "first run already happened": no auto-config wizard
                "Pre19Defaults": "false",
                "Pre21Defaults": "false",
                "Pre23Defaults": "false",
                "Pre24.1Defaults": "false",
                "EnableAutoUpdates": "false",
            },
            "Basic": {
                "Profile": profile,
                "ProfileDir": profile,
                "SceneCollection": collection,
                "SceneCollectionFile": collection,
                "ConfigOnNewProfile": "false",
            },
            "BasicWindow": {
                "SysTrayEnabled": "true",
                "SysTrayWhenStarted": "true",
                "WarnBeforeStartingStream": "false",
                "WarnBeforeStoppingStream": "false",
                "WarnBeforeStoppingRecord": "false",
                "ShowTransitions": "true",
            },
            "OBSWebSocket": {
                "FirstLoad": "false",
                "ServerEnabled": "true",
                "ServerPort": str(port),
                "AlertsEnabled": "false",
                "AuthRequired": "true",
                "ServerPassword": password,
            },
        },
    )
    return path


def write_profile(
    config_dir: Path,
    *,
    recordings_dir: Path,
    name: str = PROFILE_NAME,
    width: int = 1280,
    height: int = 720,
    fps: int = 30,
) -> Path:
    """Write ``basic/profiles/<name>/basic.ini``: canvas, fps, simple output recording to mkv."""
    recordings_dir.mkdir(parents=True, exist_ok=True)
    path = config_dir / "basic" / "profiles" / name / "basic.ini"
    _write_ini(
        path,
        {
            "General": {"Name": name},
            "Video": {
                "BaseCX": str(width),
                "BaseCY": str(height),
                "OutputCX": str(width),
                "OutputCY": str(height),
                "FPSType": "1",  # integer fps
                "FPSInt": str(fps),
                "FPSCommon": str(fps),
                "ScaleType": "bicubic",
                "ColorFormat": "NV12",
                "ColorSpace": "709",
                "ColorRange": "Partial",
            },
            "Audio": {"SampleRate": "48000", "ChannelSetup": "Stereo"},
            "Output": {"Mode": "Simple"},
            "SimpleOutput": {
                "FilePath": str(recordings_dir),
                "RecFormat": "mkv",  # OBS 29 key
                "RecFormat2": "mkv",  # OBS 30+ key
                "RecQuality": "Stream",
                "StreamEncoder": "x264",
                "RecEncoder": "x264",
                "VBitrate": "1500",
                "ABitrate": "128",
                "Preset": "ultrafast",
                "UseAdvanced": "false",
                "FileNameWithoutSpace": "true",
            },
            "AdvOut": {
                "RecFilePath": str(recordings_dir),
                "RecFormat": "mkv",
                "RecFormat2": "mkv",
            },
        },
    )
    return path
