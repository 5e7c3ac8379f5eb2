"""Writes generated files, touching only those whose text changed and removing those no longer made.

An unchanged file keeps its modification time, so `mkdocs serve` sees nothing new and rebuilds
once per edit instead of looping on its own output.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path


def sync_text(folder: Path, files: dict[str, str]) -> int:
    """Make `folder` hold exactly `files` (relative path -> text). Returns how many were written."""
    _remove_links(folder)
    written = 0
    for rel, text in files.items():
        path = folder / rel
        data = text.encode("utf-8")
        if path.is_file() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written += 1
    _remove_others(folder, set(files))
    return written


def sync_copy(wanted: dict[str, Path], folder: Path) -> int:
    """Make `folder` hold exactly `wanted` (relative path -> source file), copying only new or
    changed files. The sources are regular files (sitegen/media.py never lists a link)."""
    _remove_links(folder)
    copied = 0
    for rel, src in wanted.items():
        dest = folder / rel
        stat = src.stat(follow_symlinks=False)
        if dest.is_file() and dest.stat().st_size == stat.st_size and dest.stat().st_mtime == stat.st_mtime:
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dest, follow_symlinks=False)
        copied += 1
    _remove_others(folder, set(wanted))
    return copied


def _remove_links(folder: Path) -> None:
    """Generated folders hold files and folders only: a link planted there (the folder itself, a
    subfolder, a file) would make the writer write wherever it points. It is removed as a link."""
    if folder.is_symlink():
        folder.unlink()
    if not folder.is_dir():
        return
    for here, dirs, names in os.walk(folder, followlinks=False):
        for name in dirs + names:
            if (Path(here) / name).is_symlink():
                (Path(here) / name).unlink()


def _remove_others(folder: Path, keep: set[str]) -> None:
    """Delete what `folder` holds besides `keep`. A link found there is removed as a link: its
    target, wherever it is, is never entered or touched."""
    if not folder.is_dir() or folder.is_symlink():
        return
    for here, dirs, names in os.walk(folder, topdown=False, followlinks=False):
        base = Path(here)
        for name in names + [d for d in dirs if (base / d).is_symlink()]:
            path = base / name
            if path.is_symlink() or path.relative_to(folder).as_posix() not in keep:
                path.unlink()
        if base != folder and not any(base.iterdir()):
            base.rmdir()
