"""Writes generated files, touching only those whose text changed and removing those no longer made.

An unchanged file keeps its modification time, so `mkdocs serve` sees nothing new and rebuilds
once per edit instead of looping on its own output.
"""
from __future__ import annotations

import shutil
from pathlib import Path


def sync_text(folder: Path, files: dict[str, str]) -> int:
    """Make `folder` hold exactly `files` (relative path -> text). Returns how many were written."""
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


def sync_copy(source: Path, folder: Path, skip: set[str] = frozenset()) -> int:
    """Mirror a folder of media files, copying only new or changed ones; `skip`: paths relative to
    `source` that are published otherwise (photos: sitegen/images.py) and never as they are."""
    wanted = {}
    if source.is_dir():
        wanted = {rel: p for p in source.rglob("*")
                  if p.is_file() and (rel := p.relative_to(source).as_posix()) not in skip}
    copied = 0
    for rel, src in wanted.items():
        dest = folder / rel
        stat = src.stat()
        if dest.is_file() and dest.stat().st_size == stat.st_size and dest.stat().st_mtime == stat.st_mtime:
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dest)
        copied += 1
    _remove_others(folder, set(wanted))
    return copied


def _remove_others(folder: Path, keep: set[str]) -> None:
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*"), reverse=True):  # children before their folders
        rel = path.relative_to(folder).as_posix()
        if path.is_file() and rel not in keep:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
