"""Suite-wide settings: Qt draws offscreen unless a test asks for the real X server."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
