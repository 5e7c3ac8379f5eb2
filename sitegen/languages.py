"""The site's languages, declared once in mkdocs.yml (the i18n plugin's `languages`)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Language:
    code: str  # folder name under content/ and URL prefix, e.g. "en"
    name: str  # as shown in the language switcher, e.g. "English"
    default: bool = False

    @property
    def prefix(self) -> str:
        """URL prefix of the language's pages: "" for the default, "en/" otherwise."""
        return "" if self.default else f"{self.code}/"


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: its !ENV and !!python tags are irrelevant here."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def from_plugin_entries(entries: list[dict]) -> list[Language]:
    """Languages in declaration order, default first; entries not built are left out."""
    langs = [Language(e["locale"], e.get("name", e["locale"]), bool(e.get("default")))
             for e in entries if e.get("build", True) and e["locale"] != "null"]
    return sorted(langs, key=lambda lang: not lang.default)


def from_mkdocs_yml(path: Path) -> list[Language]:
    config = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            return from_plugin_entries(plugin["i18n"]["languages"])
    raise ValueError(f"{path}: no i18n plugin with languages")
