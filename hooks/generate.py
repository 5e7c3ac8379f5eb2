"""MkDocs glue: generate the pages from content/ before MkDocs reads docs/.

mkdocs-static-i18n builds once per language and runs every hook each time; the content is checked
and written on the first run only (the later runs find nothing changed and write nothing).
"""
from __future__ import annotations

import logging
import sys
from urllib.parse import urlsplit
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# `mkdocs serve` reloads this hook on every rebuild but would keep an edited generator cached.
for name in [m for m in sys.modules if m == "sitegen" or m.startswith("sitegen.")]:
    del sys.modules[name]

from sitegen import languages as languages_module  # noqa: E402
from sitegen import seo, themefix  # noqa: E402
from sitegen.generate import generate  # noqa: E402
from sitegen.problems import ContentError  # noqa: E402

log = logging.getLogger("mkdocs.hooks.generate")
_chrome: dict[str, dict[str, str]] = {}  # language -> footer HTML, filled by the first run
_heads: dict[str, str] = {}  # page URL -> head tags for search engines and sharing
_not_found: dict[str, str] = {}  # language -> the 404 page as the theme rendered it
NOINDEX = '<meta name="robots" content="noindex">'


@event_priority(100)  # before mkdocs-static-i18n reads the files
def on_pre_build(config, **kwargs):
    docs = Path(config.docs_dir)
    if _chrome:
        return
    i18n = config.plugins["i18n"].config
    langs = languages_module.from_plugin_entries([dict(lang) for lang in i18n.languages])
    try:
        report = generate(Path(config.config_file_path).parent, docs, langs,
                          base_path=urlsplit(config.site_url or "/").path or "/",
                          site_url=config.site_url)
    except ContentError as exc:
        for problem in exc.problems:
            log.error(str(problem))
        raise Abort(f"{len(exc.problems)} problem(s) in the content: nothing was built. "
                    "Fix the lines above, then build again.") from None
    _chrome.update(report.chrome)
    _heads.update(report.heads)
    for note in report.notes:
        log.warning(note)
    for problem in report.warnings:
        log.info("Warning: %s", problem)
    for missing in report.missing_translations:
        log.info("Missing translation: %s", missing)
    for missing in report.missing_strings:
        log.info("Missing interface string: %s", missing)
    log.info("Generated %s (%d file(s) changed)",
             ", ".join(f"{n} {lang} pages" for lang, n in report.pages.items()), report.written)


def on_page_context(context, page, config, nav):
    context["site_chrome"] = _chrome.get(config.theme["language"])
    context["page_head"] = _heads.get(page.url, "")
    return context


def on_post_page(output, page, config):
    labels = _chrome.get(config.theme["language"]) or {}
    output = themefix.label_search_dialog(output, labels.get("search_label", "Search"))
    return seo.absolute_alternates(output, page.canonical_url or "")


def on_template_context(context, template_name, config):
    """The 404 page: our text in the build's language, links to each language's home."""
    if template_name == "404.html":
        lang = config.theme["language"]
        context["site_chrome"] = _chrome.get(lang)
        context["page_head"] = NOINDEX
    return context


def on_post_template(output, template_name, config):
    if template_name == "404.html":
        labels = _chrome.get(config.theme["language"]) or {}
        output = themefix.label_search_dialog(output, labels.get("search_label", "Search"))
        _not_found[config.theme["language"]] = output
    return output


def on_post_build(config):
    """Files the theme does not write: robots.txt, a 404 page per language, the small sitemaps
    that Material's language selector asks for (see sitegen/seo.page_sitemaps)."""
    if not config.site_url:  # no public address, no absolute links to write
        return
    site = Path(config.site_dir)
    sitemap = site / "sitemap.xml"
    files = {"robots.txt": seo.robots_txt(config.site_url)}
    if sitemap.is_file():
        files |= seo.page_sitemaps(sitemap.read_text(encoding="utf-8"), config.site_url)
    i18n = config.plugins["i18n"].config
    for lang in languages_module.from_plugin_entries([dict(entry) for entry in i18n.languages]):
        if lang.code in _not_found:
            files[lang.prefix + "404.html"] = _not_found[lang.code]
    for rel, text in files.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, encoding="utf-8")
