"""The whole generator: check the content, then write every page of every language.

Nothing is written unless all content is valid, so a mistake never publishes a half-built site.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from . import content as content_module
from . import pages, strings as strings_module, writer
from .languages import Language
from .problems import ContentError, Problem


@dataclass
class Report:
    pages: dict[str, int] = field(default_factory=dict)  # language -> page count
    written: int = 0
    missing_translations: list[str] = field(default_factory=list)  # "en: news/x/ (from ro)"
    missing_strings: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    chrome: dict[str, dict[str, str]] = field(default_factory=dict)  # language -> shared HTML


def check(root: Path, languages: list[Language]) -> tuple[content_module.Content, list[Problem]]:
    content, _, problems = _load(root, languages)
    return content, problems


def _load(root: Path, languages: list[Language]) -> tuple[content_module.Content, strings_module.Strings,
                                                          list[Problem]]:
    content = content_module.load(root, languages)
    strings, problems = strings_module.load(root / "strings", [lang.code for lang in languages],
                                            languages[0].code)
    return content, strings, content.problems + problems


def generate(root: Path, docs: Path, languages: list[Language], today: dt.date | None = None,
             base_path: str = "/") -> Report:
    """Check everything, then write docs/<lang>/ for each language and docs/media/."""
    content, strings, problems = _load(root, languages)  # each file read and parsed once per build
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ContentError(errors)
    renderer = pages.Renderer(content, strings, root / "templates", today or dt.date.today())
    report = Report(warnings=[p for p in problems if p.severity != "error"])
    by_lang: dict[str, dict[str, str]] = {lang.code: {} for lang in languages}
    for page in renderer.pages():
        by_lang[page.lang][page.src] = page.markdown()
        if page.missing_from:
            report.missing_translations.append(f"{page.lang}: /{page.url} (shown in {page.missing_from})")
    for lang in languages:
        report.pages[lang.code] = len(by_lang[lang.code])
        report.written += writer.sync_text(docs / lang.code, by_lang[lang.code])
    report.written += writer.sync_copy(root / "content" / "media", docs / "media")
    report.chrome = {lang.code: renderer.chrome(lang.code, base_path) for lang in languages}
    report.missing_strings = sorted(f"{lang}: {key}" for lang, key in strings.missing)
    return report
