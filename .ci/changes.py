#!/usr/bin/env python3
"""Which path a run of the Pages workflow takes: `content` (check, build, deploy: minutes) when
every file changed since the last deployed commit is content the officer edits, else `code` (every
test first). Pull requests, the nightly run, a manual run, a first push or a history that cannot be
compared always take the code path: only a push of content alone is spared the test suite.

    python3 .ci/changes.py <event name> <commit before> <commit after>

prints `path=content` or `path=code` (and appends it to $GITHUB_OUTPUT when set). Standard library
only: it runs before anything is installed.
"""
from __future__ import annotations

import os
import subprocess
import sys

CONTENT = ("content/",)  # the officer's files: items, records, the identity, photos and documents
CONTENT_EVENTS = ("push",)
NO_COMMIT = "0" * 40


def changed(before: str, after: str) -> list[str] | None:
    """Paths changed between two commits, or None when they cannot be compared."""
    if not before or before == NO_COMMIT:
        return None
    result = subprocess.run(["git", "diff", "--name-only", "--no-renames", before, after],
                            capture_output=True, text=True)
    return result.stdout.splitlines() if result.returncode == 0 else None


def path(event: str, before: str, after: str) -> str:
    if event not in CONTENT_EVENTS:
        return "code"
    files = changed(before, after)
    if not files:  # nothing to compare, or nothing changed (a re-run): test everything
        return "code"
    return "content" if all(name.startswith(CONTENT) for name in files) else "code"


def main(argv: list[str]) -> int:
    event, before, after = (argv + ["", "", ""])[:3]
    chosen = path(event, before, after or "HEAD")
    print(f"path={chosen}")
    output = os.environ.get("GITHUB_OUTPUT")
    if output:
        with open(output, "a", encoding="utf-8") as out:
            out.write(f"path={chosen}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
