"""Messages to the person who edits the content: one table per language, next to this file.

Romanian is the default; `--lang en` or the environment variable SITEGEN_LANG=en gives English.
A message missing in a table falls back to Romanian, then to its own code.
"""
from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import yaml

FOLDER = Path(__file__).parent
DEFAULT = "ro"
ENV = "SITEGEN_LANG"


def available() -> list[str]:
    return sorted(p.stem for p in FOLDER.glob("*.yml"))


def language() -> str:
    lang = os.environ.get(ENV, "").strip().lower()
    return lang if lang in available() else DEFAULT


@cache
def table(lang: str) -> dict:
    return yaml.load((FOLDER / f"{lang}.yml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def get(section: str, key: str, lang: str | None = None, /, **values) -> str:
    lang = lang or language()
    for source in (lang, DEFAULT):
        template = table(source).get(section, {}).get(key)
        if template is not None:
            return template.format(**values)
    return key


def template(section: str, key: str, lang: str) -> str:
    """A message with its {placeholders} left in, for code that fills them itself (the web editor)."""
    for source in (lang, DEFAULT):
        found = table(source).get(section, {}).get(key)
        if found is not None:
            return found
    return key


def field_alias(word: str) -> str | None:
    """The field an editor meant by a word of their own language: "titlu" -> "title"."""
    for lang in available():
        found = (table(lang).get("field_aliases") or {}).get(word.lower())
        if found:
            return found
    return None
