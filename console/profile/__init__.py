"""Show profiles: the YAML file an operator prepares before the show, checked in full.

A profile names the show, its rooms (each with its own OBS Studio, scene roles, transition
and the OBS sources slides and pinned comments go to), its hotkeys, the control API
settings, the products with their FAQ and deals, the prohibited terms, the rundown and the
barrage (comment sources and moderation). Loading it reports every problem
at once, each as ``PATH:LINE:COL: message``, so the operator fixes the file in one pass
before going on air. Saving refuses text that does not validate and keeps backups
(``.bak.1`` to ``.bak.5``).

This package uses no Qt itself: the console, the command line and the tests all use it.
"""

from console.profile.keys import HotkeyError, canonical_hotkey, global_refusal
from console.profile.loader import check_profile, load_profile, parse_profile
from console.profile.migrate import MIGRATIONS, current_version
from console.profile.model import (
    Barrage,
    BarrageSourceSettings,
    Control,
    Hotkey,
    MissingSecret,
    ObsEndpoint,
    Profile,
    ReplaySourceSettings,
    Room,
    RundownItem,
    Scenes,
    Show,
    Transition,
    TwitchSourceSettings,
    WebSocketSourceSettings,
)
from console.profile.reference import schema_reference
from console.profile.source import Problem, ProfileError
from console.profile.store import save_profile_text, save_text_atomic

__all__ = [
    "MIGRATIONS",
    "Barrage",
    "BarrageSourceSettings",
    "Control",
    "Hotkey",
    "HotkeyError",
    "MissingSecret",
    "ObsEndpoint",
    "Problem",
    "Profile",
    "ProfileError",
    "ReplaySourceSettings",
    "Room",
    "RundownItem",
    "Scenes",
    "Show",
    "Transition",
    "TwitchSourceSettings",
    "WebSocketSourceSettings",
    "canonical_hotkey",
    "check_profile",
    "current_version",
    "global_refusal",
    "load_profile",
    "parse_profile",
    "save_profile_text",
    "save_text_atomic",
    "schema_reference",
]
