"""What the generator reads, summed up cheaply: a rebuild whose inputs are the same as the last
generation's (`mkdocs serve` after an edit elsewhere, a second build in the same process) need not
generate again, and writes nothing.

The summary is each input file's path, size and modification time (one `stat` each, no reading),
the site's address and the day: pages say which events are still to come.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path

# The last generation in this process, by project and docs folder: (fingerprint, its report).
# Kept here, not in the MkDocs hook: `mkdocs serve` loads its configuration, and with it the
# hook module, anew at every rebuild, while this package stays imported.
LAST: dict[tuple[str, str], tuple[str, object]] = {}

# Folders and files of the project the generator reads. Its own code is not among them: MkDocs
# loads it once per process, so a change of code needs a new process anyway.
INPUTS = ("content", "schemas", "strings", "templates", "mkdocs.yml", "docs/assets/logos")


def fingerprint(root: Path, site_url: str, today: dt.date | None = None) -> str:
    digest = hashlib.sha256(f"{site_url}\0{today or dt.date.today()}\0".encode())
    for name in INPUTS:
        path = root / name
        if path.is_file():
            _add(digest, path, name)
            continue
        for folder, dirs, files in os.walk(path):
            dirs.sort()
            for file in sorted(files):
                full = Path(folder) / file
                _add(digest, full, full.relative_to(root).as_posix())
    return digest.hexdigest()


def _add(digest, path: Path, name: str) -> None:
    try:
        stat = path.stat()
    except OSError:
        return
    digest.update(f"{name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
