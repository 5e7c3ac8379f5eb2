"""Editing a copy of the content as the officer would: one file per item,
content/<lang>/<kind>/<id>.yml (the file name is the id), and one file per record kind
(content/<lang>/project.yml, sections.yml)."""
from __future__ import annotations

from pathlib import Path

LANGS = ("ro", "en")


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
