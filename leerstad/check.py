"""`make check`: validate all content without building the site, for editors."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from leerstad.content import load_content


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Controleer alle content-bestanden.")
    parser.add_argument("content", nargs="?", default="content", type=Path)
    args = parser.parse_args(argv)
    if not args.content.is_dir():
        print(f"{args.content}: map bestaat niet", file=sys.stderr)
        return 2
    content = load_content(args.content)
    for problem in content.problems:
        print(problem, file=sys.stderr)
    counts = ", ".join(
        f"{len(items)} {one if len(items) == 1 else many}"
        for items, one, many in (
            (content.sectors, "sector", "sectoren"),
            (content.stories, "verhaal", "verhalen"),
            (content.events, "evenement", "evenementen"),
            (content.hubs, "hub", "hubs"),
            (content.internships, "stage", "stages"),
        )
    )
    if content.errors:
        print(f"{len(content.errors)} fout(en) gevonden ({counts} in orde).", file=sys.stderr)
        return 1
    print(f"Alles in orde: {counts}; {len(content.warnings)} waarschuwing(en).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
