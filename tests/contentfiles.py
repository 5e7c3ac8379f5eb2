"""Editing a copy of the content as the officer would: one file per item,
content/<lang>/<kind>/<id>.yml (the file name is the id), and one file per record kind
(content/<lang>/project.yml, sections.yml)."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import yaml

LANGS = ("ro", "en")
# The kinds kept one file per item, in content/<lang>/<kind>/ (sitegen/model.py).
KINDS = ("activities", "results", "documents", "good_practices", "partners", "events", "news", "pages")


def item_file(kind: str, item_id: str, lang: str = "ro") -> str:
    """The item's file, relative to the project, as messages name it."""
    return f"content/{lang}/{kind}/{item_id}.yml"


def edit(root: Path, rel: str, old: str, new: str, after: str = "") -> int:
    """Replace the first `old` (after the text `after`, if given) with `new` in a file; return the
    line where `new` begins."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    at = text.index(old, text.index(after) if after else 0)
    path.write_text(text[:at] + new + text[at + len(old):], encoding="utf-8")
    return text[:at].count("\n") + 1


def write_item(root: Path, kind: str, item_id: str, text: str, lang: str = "ro") -> str:
    """Write one language's file of an item; returns its path relative to the project."""
    rel = item_file(kind, item_id, lang)
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).write_text(text, encoding="utf-8")
    return rel


def add_item(root: Path, kind: str, item_id: str, text: str | dict[str, str]) -> list[str]:
    """An item in every language: the same text, or a text per language."""
    texts = text if isinstance(text, dict) else {lang: text for lang in LANGS}
    return [write_item(root, kind, item_id, body, lang) for lang, body in texts.items()]


def remove_item(root: Path, kind: str, item_id: str) -> None:
    for lang in LANGS:
        (root / item_file(kind, item_id, lang)).unlink(missing_ok=True)


def ids(root: Path, kind: str, lang: str = "ro") -> list[str]:
    """The ids of a kind's items in a language, sorted."""
    return sorted(path.stem for path in (root / "content" / lang / kind).glob("*.yml"))


def rename_item(root: Path, kind: str, item_id: str, name: str, lang: str = "ro") -> str:
    """Rename one language's file of an item to `name` (a file name); returns the new path."""
    rel = f"content/{lang}/{kind}/{name}"
    (root / item_file(kind, item_id, lang)).rename(root / rel)
    return rel


# -- reading content as the site shows it --------------------------------------------------------

def read_items(content: Path, lang: str, kind: str, drafts: bool = False) -> list[dict]:
    """The items of a kind in one language (`content` is a content folder), each with its "id",
    in the order the site lists them: kinds with a date by that date (news newest first, events
    oldest first, undated last), the others by `order`, then title; drafts left out unless asked.
    Titles rank as in the first language that has the item (LANGS), so that every language has
    the same order. Written here from the rule, not taken from the generator, so that a test can
    check it."""
    return _in_order(content, kind, _items(content, lang, kind), drafts)


def shown_items(content: Path, lang: str, kind: str) -> list[dict]:
    """What a language's pages list: its own items and, in their place, those written in another
    language only (the site shows them with a notice)."""
    items = {}
    for other in reversed(LANGS):
        items |= {item["id"]: item for item in _items(content, other, kind)}
    items |= {item["id"]: item for item in _items(content, lang, kind)}
    return _in_order(content, kind, list(items.values()), drafts=False)


def fullest_item(content: Path, kind: str, lang: str = "ro") -> dict | None:
    """The published item of a kind whose file says the most (the first in the site's order of
    those that say as much), or None: a page that shows a kind at its fullest, whatever items the
    officer has written."""
    items = shown_items(content, lang, kind)
    return max(items, key=lambda item: len(yaml.safe_dump(item, allow_unicode=True)), default=None)


def _in_order(content: Path, kind: str, items: list[dict], drafts: bool) -> list[dict]:
    items = [item for item in items if drafts or item.get("draft") is not True]
    firsts = {}
    for other in reversed(LANGS):
        firsts |= {item["id"]: item for item in _items(content, other, kind)}

    def title(item):
        first = firsts.get(item["id"], item)
        return str(first.get("title") or first.get("name") or "").casefold(), item["id"]
    items.sort(key=title)
    if kind in DATED:
        field, newest_first = DATED[kind]
        dated = sorted((i for i in items if i.get(field) is not None), key=lambda i: day(i[field]),
                       reverse=newest_first)
        return dated + [i for i in items if i.get(field) is None]
    return sorted(items, key=lambda i: (i.get("order") is None, i.get("order") or 0))


DATED = {"news": ("date", True), "events": ("start", False)}


def _items(content: Path, lang: str, kind: str) -> list[dict]:
    folder = content / lang / kind
    return [{"id": path.stem, **(yaml.safe_load(path.read_text(encoding="utf-8")) or {})}
            for path in sorted(folder.glob("*.yml"))] if folder.is_dir() else []


def day(value) -> dt.date:
    """The first day of a date as YAML reads it: a date, "2023-07" (a month) or 2024 (a year)."""
    if isinstance(value, dt.date):
        return value
    parts = [int(p) for p in str(value).split("-")] + [1, 1]
    return dt.date(*parts[:3])


def read_record(content: Path, lang: str, key: str) -> dict:
    """A record kind's file (project, sections), or identity.yml with `lang` None."""
    path = content / "identity.yml" if lang is None else content / lang / f"{key}.yml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# -- the old layout, for the migration -----------------------------------------------------------

def to_old_layout(content: Path, kinds=KINDS) -> None:
    """Turn a content folder back into the layout of before (content/<lang>/<kind>.yml, one list
    per kind, each item `- id: …` with its fields indented), as `python -m sitegen migrate` finds
    it: items in the order the site lists them, without their `order` field (the list's order
    was the order). README.md files become the list's header comments."""
    for folder in sorted(path.parent for path in content.glob("*/project.yml")):  # the languages' folders
        for kind in kinds:
            kind_folder = folder / kind
            if not kind_folder.is_dir():
                continue
            readme = kind_folder / "README.md"
            head = "".join(f"# {line}".rstrip() + "\n" for line in readme.read_text(encoding="utf-8").splitlines()) \
                if readme.is_file() else ""
            order = [item["id"] for item in read_items(content, folder.name, kind, drafts=True)]
            text = head
            for item_id in order:
                lines = (kind_folder / f"{item_id}.yml").read_text(encoding="utf-8").splitlines()
                lines = [line for line in lines if not (kind not in DATED and line.startswith("order:"))]
                text += f"- id: {item_id}\n" + "".join(f"  {line}".rstrip() + "\n" for line in lines)
            (folder / f"{kind}.yml").write_text(text or "[]\n", encoding="utf-8")
            shutil.rmtree(kind_folder)
