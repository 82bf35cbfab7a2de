"""Test harness: a private X server, a real OBS Studio, and an independent probe client."""

from .collection import COLLECTION_NAME, SEED_SCENE_NAMES, SEED_SCENES, SeedScene
from .obs_client import HarnessClient, ObsClientError, wait_for_hello
from .obs_probe import ObsProbe, ReceivedEvent
from .obs_studio import INSTALL_HINT, ObsStartError, ObsStudio
from .xvfb import Xvfb, XvfbError, visible_windows

__all__ = [
    "COLLECTION_NAME",
    "INSTALL_HINT",
    "SEED_SCENES",
    "SEED_SCENE_NAMES",
    "HarnessClient",
    "ObsClientError",
    "ObsProbe",
    "ObsStartError",
    "ObsStudio",
    "ReceivedEvent",
    "SeedScene",
    "Xvfb",
    "XvfbError",
    "visible_windows",
    "wait_for_hello",
]
