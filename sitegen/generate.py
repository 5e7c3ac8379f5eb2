"""The whole generator: check the content, then write every page of every language.

Nothing is written unless all content is valid, so a mistake never publishes a half-built site.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from . import compliance, documents, images, lastmod, logos as logos_module, pages, writer
from .check import load
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
    images: images.Report = field(default_factory=images.Report)  # photos encoded or found in the cache
    lastmod: dict[str, str] = field(default_factory=dict)  # page URL -> when its content last changed (sitemap)
    search: dict[str, list[dict]] = field(default_factory=dict)  # language -> its search index's entries


def generate(root: Path, docs: Path, languages: list[Language], today: dt.date | None = None,
             site_url: str = "http://127.0.0.1:8000/") -> Report:
    """Check everything, then write docs/<lang>/ for each language and docs/media/, every page's
    head tags, the share images (docs/share/) and the photos (docs/images/, sitegen/images.py)."""
    # The photos' pixels are read while they are encoded below, not twice.
    content, strings, problems = load(root, languages, decode_images=False)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ContentError(errors)
    photos = images.Photos(root, content)
    damaged = photos.prepare()  # before any page is written: a damaged photo stops everything
    if damaged:
        raise ContentError(damaged)
    today = today or dt.date.today()
    renderer = pages.Renderer(content, strings, root / "templates", today, site_url, photos)
    logos = logos_module.load(root, [lang.code for lang in languages])[0]
    renderer.logos = {lang.code: logos_module.for_language(logos, lang.code) for lang in languages}
    report = Report(warnings=[p for p in problems if p.severity != "error"], images=photos.report)
    by_lang: dict[str, dict[str, str]] = {lang.code: {} for lang in languages}
    rendered = renderer.pages()
    prefixes = {lang.code: lang.prefix for lang in languages}
    for page in rendered:
        by_lang[page.lang][page.src] = page.markdown()
        if "/page/" not in page.url:  # the news' further pages list what the items' own pages say
            report.search.setdefault(page.lang, []).append(
                {"location": prefixes[page.lang] + page.url, "title": page.title, "text": page.words})
        if page.missing_from:
            report.missing_translations.append(f"{page.lang}: /{page.url} (shown in {page.missing_from})")
    for lang, files in renderer.files().items():
        by_lang[lang].update(files)
    for lang in languages:
        report.pages[lang.code] = sum(1 for name in by_lang[lang.code] if name.endswith(".md"))
        report.written += writer.sync_text(docs / lang.code, by_lang[lang.code])
    # From content/media/, only what published content uses as it is: documents, files its texts
    # link to, the organisation's visual (a logo, published sharp); an image among them without its
    # metadata (sitegen/documents.py). Photos are published encoded, never as dropped in.
    used = {use.path for use in documents.uses(content, drafts=False)}
    used |= {renderer.identity.visual} if renderer.identity.visual else set()
    report.written += writer.sync_copy(documents.publishable(root, used), docs / "media")
    report.written += photos.publish(docs / images.PUBLISHED)
    report.chrome = {lang.code: renderer.chrome(lang.code) for lang in languages}
    extras = compliance.build(content, strings, rendered, root, docs, renderer.site_url, renderer.base_path,
                              renderer.identity.site_name, photos)
    report.heads = extras.heads
    report.written += extras.written
    report.notes = extras.notes
    for lang, parts in extras.chrome.items():
        report.chrome[lang] |= parts
    report.missing_strings = sorted(f"{lang}: {key}" for lang, key in strings.missing)
    changed = lastmod.Dates(content, today, lastmod.git_dates(root))
    prefixes = {lang.code: lang.prefix for lang in languages}
    report.lastmod = {prefixes[page.lang] + page.url: day.isoformat() for page in rendered
                      if (day := changed.page(page.lang, page.url)) is not None}
    return report
