"""The OBS link: obs-websocket-py behind one wrapper, a state mirror, and the room service."""
