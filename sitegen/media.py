"""The officer's documents and images in content/media/: the only files of the project the site
publishes besides its own. Nothing outside that folder may ever be read or published, so a
symbolic link is never followed: a link there is refused by name, whatever it points to.
"""
from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from .problems import Problem, problem

FOLDER = PurePosixPath("content/media")
# Also published as they are, so also refused when they are links: the officer's logos go here.
OTHER_PUBLISHED = (PurePosixPath("docs/assets"),)
# Files a browser runs as part of the site: an HTML page or an SVG with a script, opened from the
# site's address, could read what the site keeps in the browser (the editor's sign-in). Documents
# are published as PDF or office files, images as PNG, JPEG or WebP.
ACTIVE = frozenset({".html", ".htm", ".xhtml", ".xht", ".shtml", ".svg", ".svgz", ".js", ".mjs", ".xml",
                    ".xsl", ".xslt", ".swf"})
# What systems and editors leave beside the officer's files: never content, never published (a
# Word lock file ~$… holds the user's name; Thumbs.db, previews of the folder's pictures).
LEFTOVER_NAMES = frozenset({"thumbs.db", "ehthumbs.db", "desktop.ini", ".ds_store"})
LEFTOVER_PREFIXES = ("~$", ".~lock.", "._", ".")
LEFTOVER_SUFFIXES = (".tmp", ".temp", "~", ".bak", ".crdownload", ".part")


def is_leftover(name: str) -> bool:
    lower = name.lower()
    return lower in LEFTOVER_NAMES or lower.startswith(LEFTOVER_PREFIXES) or lower.endswith(LEFTOVER_SUFFIXES)


def files(root: Path) -> tuple[dict[str, Path], list[Problem]]:
    """Every regular file under content/media/ (relative path -> file), and a problem for each
    symbolic link or other special file found there, which is left out."""
    base = root / FOLDER
    found: dict[str, Path] = {}
    problems: list[Problem] = []
    if base.is_symlink():
        return {}, [_link(root, base)]
    if not base.is_dir():
        return {}, []
    for folder, dirs, names in os.walk(base, followlinks=False):
        here = Path(folder)
        for name in sorted(dirs):
            if (here / name).is_symlink():  # os.walk lists a link to a folder as a folder
                problems.append(_link(root, here / name))
        for name in sorted(names):
            path = here / name
            if path.is_symlink():
                problems.append(_link(root, path))
            elif is_leftover(name):
                continue
            elif path.stat(follow_symlinks=False).st_nlink > 1:
                # Another name of the same file, maybe outside the folder: its bytes are not the
                # officer's to publish, as with a symbolic link.
                problems.append(problem(path.relative_to(root).as_posix(), None, "media_hard_link"))
            elif path.suffix.lower() in ACTIVE:
                problems.append(problem(path.relative_to(root).as_posix(), None, "media_active",
                                        kind_of_file=path.suffix.lower()))
            elif path.is_file():
                found[path.relative_to(base).as_posix()] = path
    for other in OTHER_PUBLISHED:
        problems += links(root, other)
    return found, problems


def links(root: Path, folder: PurePosixPath) -> list[Problem]:
    """A problem for each symbolic link in a folder that is published as it is."""
    base = root / folder
    if base.is_symlink():
        return [_link(root, base)]
    found = []
    for here, dirs, names in os.walk(base, followlinks=False):
        for name in sorted(dirs) + sorted(names):
            if (Path(here) / name).is_symlink():
                found.append(_link(root, Path(here) / name))
    return found


def _link(root: Path, path: Path) -> Problem:
    shown = path.relative_to(root).as_posix()
    folder = next((f for f in (FOLDER, *OTHER_PUBLISHED) if shown.startswith(f.as_posix() + "/")), FOLDER)
    inside = not (root / folder).is_symlink() and _within(path.resolve(), (root / folder).resolve())
    return problem(shown, None, "media_link" if inside else "media_link_outside", folder=folder.as_posix())


def resolve(root: Path, value: str) -> Path | None:
    """The file a content path (`media/…`) names, or None when it is not a regular file inside
    content/media/ reached without following a link (`..`, an absolute path, a link on the way)."""
    parts = PurePosixPath(value).parts
    if not parts or parts[0] != "media" or ".." in parts or "\\" in value:
        return None
    path = root / "content"
    for part in parts:
        path = path / part
        if path.is_symlink():
            return None
    if not path.is_file() or not _within(path.resolve(), (root / FOLDER).resolve()):
        return None
    return path


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents
