"""`make check`: validate all content without building the site, for editors."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from leerstad.content import load_content
from leerstad.registry import CONTENT_TYPES


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
    sizes = [(len(content.collection(kind)), kind) for kind in CONTENT_TYPES]
    counts = ", ".join(f"{size} {kind.one if size == 1 else kind.many}" for size, kind in sizes)
    if content.errors:
        print(f"{len(content.errors)} fout(en) gevonden ({counts} in orde).", file=sys.stderr)
        return 1
    print(f"Alles in orde: {counts}; {len(content.warnings)} waarschuwing(en).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
