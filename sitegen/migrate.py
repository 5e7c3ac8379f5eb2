"""`python -m sitegen migrate`: content kept as one list per kind (`content/<lang>/news.yml`) moved
to one file per item (`content/<lang>/news/<id>.yml`), the layout the generator reads.

Each item's text is moved as typed (comments, quotes, block text and all), two spaces less
indented, without its `id:` line: the file name is the id. Kinds whose order the officer chooses
get `order:` from the item's place in the old list, so the site lists them as before. The notes at
the head of a list file move to the folder's README.md. Nothing is written when a list file cannot
be read: the message says which, and the old files stay as they were.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import yamlfile
from .languages import Language
from .model import TYPES

ITEM_START = re.compile(r"^- ")  # a top-level list entry begins at column 0
ID_LINE = re.compile(r"^id:\s*[\"']?([^\"'\s#]+)[\"']?\s*(#.*)?$")
EMPTY_LIST = re.compile(r"^\[\]\s*(#.*)?$")
README = "README.md"


@dataclass
class Moved:
    files: list[str] = field(default_factory=list)  # item files written, relative to the project
    removed: list[str] = field(default_factory=list)  # old list files
    problems: list[str] = field(default_factory=list)  # why a list file was left as it was


def old_files(root: Path, languages: list[Language]) -> list[Path]:
    """The list files of the old layout still present."""
    return [root / "content" / lang.code / f"{ctype.key}.yml" for lang in languages for ctype in TYPES
            if ctype.is_list and (root / "content" / lang.code / f"{ctype.key}.yml").is_file()]


def migrate(root: Path, languages: list[Language]) -> Moved:
    moved = Moved()
    for path in old_files(root, languages):
        ctype = next(t for t in TYPES if t.key == path.stem)
        rel = path.relative_to(root).as_posix()
        doc, problems = yamlfile.load(path, rel)
        if doc is None or not isinstance(doc.data, (list, type(None))):
            moved.problems += [str(p) for p in problems] or [f"{rel}: not a list of items"]
            continue
        head, items = split(path.read_text(encoding="utf-8"))
        folder = path.parent / ctype.key
        clashes = [item_id for item_id, _ in items if (folder / f"{item_id}.yml").exists()]
        if clashes:
            moved.problems.append(f"{rel}: {folder.relative_to(root).as_posix()}/ already holds "
                                  f"{', '.join(clashes)}.yml")
            continue
        folder.mkdir(exist_ok=True)
        for position, (item_id, text) in enumerate(items, 1):
            if ctype.ordered:
                text = f"order: {position}\n{text}"
            (folder / f"{item_id}.yml").write_text(text, encoding="utf-8")
            moved.files.append((folder / f"{item_id}.yml").relative_to(root).as_posix())
        if head.strip():
            (folder / README).write_text(_readme(head), encoding="utf-8")
        path.unlink()
        moved.removed.append(rel)
    return moved


def split(text: str) -> tuple[str, list[tuple[str, str]]]:
    """(the notes before the first item, [(id, the item's text as a file of its own)])."""
    lines = text.replace("\r\n", "\n").split("\n")
    starts = [n for n, line in enumerate(lines) if ITEM_START.match(line)]
    if not starts:
        return "\n".join(line for line in lines if not EMPTY_LIST.match(line)), []
    # Comments at column 0 just before an item (the first excepted: those are the file's notes)
    # belong to that item.
    for number in range(1, len(starts)):
        while starts[number] - 1 > starts[number - 1] and lines[starts[number] - 1].startswith("#"):
            starts[number] -= 1
    head = "\n".join(lines[:starts[0]])
    items = []
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(lines)
        body = [line[2:] if line.startswith(("  ", "- ")) else line for line in lines[start:end]]
        item_id, kept = None, []
        for line in body:
            match = ID_LINE.match(line) if item_id is None else None
            if match:
                item_id = match.group(1)
                continue
            kept.append(line)
        while kept and not kept[-1].strip():
            kept.pop()
        items.append((item_id or f"item-{number + 1}", "\n".join(kept) + "\n"))
    return head, items


def _readme(head: str) -> str:
    """The old file's notes, as they were written, without the comment marks."""
    lines = [line[2:] if line.startswith("# ") else line.lstrip("#") for line in head.strip().split("\n")]
    return "\n".join(lines).strip() + "\n"
