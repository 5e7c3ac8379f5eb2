"""Interface strings: one table per language in strings/<code>.yml.

Lookup falls back to the default language, then to the key itself; every fallback is recorded so
the build can report the missing string instead of silently showing another language.
"""
from __future__ import annotations

from pathlib import Path

from . import yamlfile
from .problems import Problem


class Strings:
    def __init__(self, tables: dict[str, dict], default: str):
        self.tables = tables
        self.default = default
        self.missing: set[tuple[str, str]] = set()

    def get(self, lang: str, key: str, **values) -> str:
        table = self.tables.get(lang, {})
        if key in table:
            text = table[key]
        else:
            self.missing.add((lang, key))
            text = self.tables.get(self.default, {}).get(key, key)
        return text.format(**values) if values else text

    def translator(self, lang: str):
        return lambda key, **values: self.get(lang, key, **values)

    def settings(self, lang: str) -> dict:
        """The `locale:` block of a table: how this language formats dates, money and names."""
        own = self.tables.get(lang, {}).get("locale") or {}
        return {"babel": lang, **own}


def load(folder: Path, codes: list[str], default: str) -> tuple[Strings, list[Problem]]:
    tables, problems = {}, []
    for code in codes:
        path = folder / f"{code}.yml"
        if not path.exists():
            tables[code] = {}
            continue
        doc, found = yamlfile.load(path, f"{folder.name}/{code}.yml")
        problems += found
        tables[code] = doc.data if doc and isinstance(doc.data, dict) else {}
    return Strings(tables, default), problems
