"""Live Room Console: ``python main.py [PROFILE] [--check | --explain TEXT]``."""

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
    parser.add_argument(
        "--explain",
        action="store_true",
        help="show how the profile's moderation judges TEXT: normalisation, rules, verdict",
    )
    parser.add_argument("text", nargs="?", help="with --explain: the comment to judge")
    args = parser.parse_args(argv)
    if args.text is not None and not args.explain:
        parser.error("a comment text is only taken with --explain")
    if args.explain:
        if args.text is None:
            parser.error("--explain needs a comment: main.py --explain PROFILE TEXT")
        return _explain(args.profile, args.text)
    if args.schema:
        from console.profile import schema_reference

        print(schema_reference())
        return 0
    if args.check:
        from console.profile.cli import check

        return check(args.profile)
    from console import app

    return app.run(args.profile)


def _explain(path: Path, text: str) -> int:
    from console.barrage.explain import explain
    from console.barrage.rules import RuleSet
    from console.profile import ProfileError, load_profile

    try:
        profile = load_profile(path)
    except ProfileError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(explain(RuleSet(profile.barrage.moderation), text))
    return 0


if __name__ == "__main__":
    sys.exit(main())
