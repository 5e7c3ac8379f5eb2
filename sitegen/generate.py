"""The whole generator: check the content, then write every page of every language.

Nothing is written unless all content is valid, so a mistake never publishes a half-built site.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from . import content as content_module
from . import compliance, logos as logos_module, pages, strings as strings_module, writer
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
    heads: dict[str, str] = field(default_factory=dict)  # page URL -> head tags (sitegen/seo.py)
    notes: list[str] = field(default_factory=list)  # things the build did without, e.g. share images


def check(root: Path, languages: list[Language]) -> tuple[content_module.Content, list[Problem]]:
    content = content_module.load(root, languages)
    strings, problems = strings_module.load(root / "strings", [lang.code for lang in languages],
                                            languages[0].code)
    logo_problems = logos_module.load(root, [lang.code for lang in languages])[1]
    return content, content.problems + problems + logo_problems


def generate(root: Path, docs: Path, languages: list[Language], today: dt.date | None = None,
             base_path: str = "/", site_url: str | None = None) -> Report:
    """Check everything, then write docs/<lang>/ for each language and docs/media/; with the
    site's public address, also every page's head tags and share images (docs/share/)."""
    content, problems = check(root, languages)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ContentError(errors)
    strings, _ = strings_module.load(root / "strings", [lang.code for lang in languages], languages[0].code)
    renderer = pages.Renderer(content, strings, root / "templates", today or dt.date.today())
    logos = logos_module.load(root, [lang.code for lang in languages])[0]
    renderer.logos = {lang.code: logos_module.for_language(logos, lang.code) for lang in languages}
    report = Report(warnings=[p for p in problems if p.severity != "error"])
    by_lang: dict[str, dict[str, str]] = {lang.code: {} for lang in languages}
    rendered = renderer.pages()
    for page in rendered:
        by_lang[page.lang][page.src] = page.markdown()
        if page.missing_from:
            report.missing_translations.append(f"{page.lang}: /{page.url} (shown in {page.missing_from})")
    for lang in languages:
        report.pages[lang.code] = len(by_lang[lang.code])
        report.written += writer.sync_text(docs / lang.code, by_lang[lang.code])
    report.written += writer.sync_copy(root / "content" / "media", docs / "media")
    report.chrome = {lang.code: renderer.chrome(lang.code, base_path) for lang in languages}
    if site_url:
        extras = compliance.build(content, strings, rendered, root, docs, site_url, base_path)
        report.heads = extras.heads
        report.written += extras.written
        report.notes = extras.notes
        for lang, parts in extras.chrome.items():
            report.chrome[lang] |= parts
    report.missing_strings = sorted(f"{lang}: {key}" for lang, key in strings.missing)
    return report
