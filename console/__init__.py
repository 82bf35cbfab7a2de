"""Live-room control console: the operator's cockpit for AI-hosted live commerce."""
