"""Live Room Console: ``python main.py [PROFILE] [--check]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

DEMO = Path(__file__).resolve().parent / "profiles" / "demo.yaml"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Operator's console for an AI-hosted live-commerce show driving OBS Studio."
    )
    parser.add_argument("profile", nargs="?", type=Path, default=DEMO, help="show profile (YAML)")
    parser.add_argument(
        "--check", action="store_true", help="validate the profile, print every problem, exit"
    )
    parser.add_argument(
        "--schema", action="store_true", help="print every profile key with type and help"
    )
    args = parser.parse_args(argv)
    if args.schema:
        from console.profile import schema_reference

        print(schema_reference())
        return 0
    from console import app

    return app.check(args.profile) if args.check else app.run(args.profile)


if __name__ == "__main__":
    sys.exit(main())
