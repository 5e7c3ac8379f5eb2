"""The search index of each language, from the generator's own data.

The theme's search plugin built one index for every language (a Romanian page found English
pages, and the reverse), by re-parsing every page's HTML. Here each language gets its own index
(`search/search_index.json` under the language's folder), in the theme's format, with its own
stemmer (`config.lang`), made from the text the pages were rendered from: the plugin is told to
skip the generated pages (`search: exclude`), so it parses nothing.
"""
from __future__ import annotations

import json
import re

# Fields that hold no words a visitor searches for: addresses, codes, numbers, dates, files.
SKIPPED = frozenset({"id", "image", "file", "source", "sources", "website", "contact", "lat", "lon", "order", "draft",
                     "date", "start", "end", "country", "language", "role", "status", "kind", "theme", "partner",
                     "activity", "documents", "gallery_image", "url", "code", "budget", "currency"})
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")  # [words](address) -> words
_MARKS = re.compile(r"(^|\s)(#{1,6}|[*+-]|\d+\.|>)\s+|[*_`]+", re.M)
_SPACE = re.compile(r"\s+")
FILE = "search/search_index.json"


def words(value) -> str:
    """The words of a content value: every text in it, Markdown marks and link addresses left out."""
    found: list[str] = []

    def walk(v, key: str | None = None) -> None:
        if key in SKIPPED:
            return
        if isinstance(v, str):
            found.append(_MARKS.sub(" ", _LINK.sub(r"\1", v)))
        elif isinstance(v, dict):
            for k, sub in v.items():
                walk(sub, k)
        elif isinstance(v, list):
            for sub in v:
                walk(sub, key)

    walk(value)
    return _SPACE.sub(" ", " ".join(found)).strip()


def index(entries: list[dict], config: dict) -> str:
    """The index in the theme's format: {"config": {lang, separator, pipeline, fields}, "docs": [...]}."""
    return json.dumps({"config": config, "docs": entries}, ensure_ascii=False, separators=(",", ":"))
