"""MkDocs glue: generate the pages from content/ before MkDocs reads docs/, hand the shared HTML
and each page's head tags to the theme, and write what the theme does not.

mkdocs-static-i18n builds the default language first, then each other language, running every
hook each time; the content is checked and written in the default language's run only. MkDocs
loads a hook module once per process (`mkdocs serve` keeps it across rebuilds), so edits to the
generator's Python code need a restart of `mkdocs serve`; content, strings and templates do not.
"""
from __future__ import annotations

import functools
import gzip
import json
import logging
import os
import re
import sys
from pathlib import Path

import material
from jinja2 import FileSystemBytecodeCache
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.toc import get_toc

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sitegen import (admin, compact, identity, images, inputs, languages as languages_module, lastmod,  # noqa: E402
                     messages, printlinks, search, seo, themefix)
from sitegen.generate import generate  # noqa: E402
from sitegen.problems import ContentError  # noqa: E402

log = logging.getLogger("mkdocs.hooks.generate")
_chrome: dict[str, dict[str, str]] = {}  # language -> shared HTML, from the latest generation
_heads: dict[str, str] = {}  # page URL -> head tags for search engines and sharing
_not_found: dict[str, str] = {}  # language -> the 404 page as the theme rendered it
_html: dict[str, str] = {}  # page URL -> the generator's HTML, set aside during MkDocs' Markdown pass
_lastmod: dict[str, str] = {}  # page URL -> when its content last changed (sitegen/lastmod.py)
_search: dict[str, list[dict]] = {}  # language -> its search index's entries (sitegen/search.py)
_marked: list = []  # the section page marked current while one of its items renders
_ID = re.compile(r'\sid="([^"]+)"')
NOINDEX = '<meta name="robots" content="noindex">'


@event_priority(100)  # before the search plugin reads its languages
def on_config(config):
    # The site's languages, declared once (i18n plugin), are also the search index's, where the
    # theme's search has a stemmer for them (lunr.<code>.min.js; English is built in).
    lunr = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "lunr" / "min"
    codes = [lang["locale"] for lang in config.plugins["i18n"].config.languages if lang["build"]]
    search = config.plugins["material/search"].config
    search.lang = [code for code in codes if code == "en" or (lunr / f"lunr.{code}.min.js").exists()] or None
    # The theme's search box stays; its index is ours, one per language (_write_search). The i18n
    # plugin calls the search plugin once more after every language is built, outside any build's
    # events, which would write one index of the whole site over ours: that call writes nothing.
    plugin = config.plugins["material/search"]
    if not getattr(plugin, "_sitegen_index", False):
        plugin._sitegen_index = True
        plugin.on_post_build = lambda **kwargs: None
    # The site's name is content (content/identity.yml), so that a partner renames the site there;
    # a broken file is reported by on_pre_build with every other content problem.
    found = identity.load(Path(config.config_file_path).parent, codes)[0]
    if found:
        config.site_name = found.site_name
        config.theme["favicon"] = found.favicon()
    return config


@event_priority(100)  # before mkdocs-static-i18n reads the files
def on_pre_build(config, **kwargs):
    i18n = config.plugins["i18n"]
    if i18n.current_language != i18n.default_language:
        return  # the other languages' runs of the same build: already generated
    docs = Path(config.docs_dir)
    root = Path(config.config_file_path).parent
    site_url = config.site_url or "http://127.0.0.1:8000/"
    langs = languages_module.from_plugin_entries([dict(lang) for lang in i18n.config.languages])
    # Nothing the generator reads has changed since it last ran in this process (`mkdocs serve`
    # rebuilding after a change of something else): what it wrote then stands, nothing is written.
    now, key = inputs.fingerprint(root, site_url), (str(root), str(docs))
    last = inputs.LAST.pop(key, None)
    if last and last[0] == now and (docs / langs[0].code).is_dir():
        inputs.LAST[key] = last
        _keep(last[1])
        log.info("Content unchanged: nothing generated")
        return
    try:
        report = generate(root, docs, langs, site_url=site_url)
    except ContentError as exc:
        for problem in exc.problems:
            log.error(str(problem))
        raise Abort(messages.get("cli", "build_aborted", errors=len(exc.problems))) from None
    except Exception as exc:
        # The editor gets a sentence, not a traceback; `mkdocs build -v` shows it to a maintainer.
        log.debug("Content generation failed", exc_info=True)
        raise Abort(messages.get("cli", "internal_error", detail=f"{type(exc).__name__}: {exc}")) from None
    _keep(report)
    if report.images.sources:  # tests and benchmarks read this line: a rebuild encodes nothing
        log.info("Photos: %d file(s); %d image(s) encoded, %d from the cache (%s)", report.images.sources,
                 report.images.encoded, report.images.reused, images.CACHE.as_posix())
    for note in report.notes:
        log.info(note)  # a preview without share images is still a preview: never stops the build
    for problem in report.warnings:
        log.info("%s", problem)  # worded as a warning already
    for missing in report.missing_translations:
        log.info("Missing translation: %s", missing)
    for missing in report.missing_strings:
        log.info("Missing interface string: %s", missing)
    log.info("Generated %s (%d file(s) changed)",
             ", ".join(f"{n} {lang} pages" for lang, n in report.pages.items()), report.written)
    inputs.LAST[key] = (now, report)


def _keep(report) -> None:
    """What the theme's templates and the later events need of a generation."""
    for kept, new in ((_chrome, report.chrome), (_heads, report.heads), (_search, report.search),
                      (_lastmod, report.lastmod)):
        kept.clear()
        kept.update(new)


def on_env(env, config, files):
    # The theme's templates were compiled anew for each language at every build (a fifth of a
    # rebuild); Jinja's bytecode cache, in the system's temporary folder, is keyed by each
    # template's text, so an edited template is compiled again and never served stale.
    env.bytecode_cache = FileSystemBytecodeCache()
    return env


@event_priority(100)  # before any plugin reads the Markdown
def on_page_markdown(markdown, page, config, files):
    """The generator's pages are HTML already: MkDocs' Markdown pass only read them back as raw
    HTML, a quarter of the build's time. It gets nothing to parse; the HTML returns after it."""
    if page.url not in _heads:
        return markdown
    _html[page.url] = markdown
    page.render = functools.partial(_render_nothing, page)  # not even a Markdown parser to set up
    return ""


def _render_nothing(page, config, files) -> None:
    """What MkDocs' Markdown pass leaves for an empty text, without making a parser for it (a
    tenth of a page's time): no HTML, no headings, no title, no anchors, no links."""
    page.content, page.toc, page._title_from_render = "", get_toc([]), None
    page.present_anchor_ids, page.links_to_anchors = set(), {}


@event_priority(100)  # before any plugin reads the page's HTML (the search index)
def on_page_content(html, page, config, files):
    body = _html.pop(page.url, None)
    if body is None:
        return html
    page.present_anchor_ids = set(_ID.findall(body))  # for MkDocs' check of links to anchors
    return body


def on_page_context(context, page, config, nav):
    context["site_chrome"] = _chrome.get(config.theme["language"])
    context["page_head"] = _heads.get(page.url, "")
    _mark_section(page, nav)
    return context


def _mark_section(page, nav):
    """An item's page is in no navigation (mkdocs.yml: not_in_nav), so the theme marks no tab (nor
    menu entry) as current: its section's page is marked active while the item renders, as MkDocs
    marks a page itself (the theme then writes md-tabs__item--active and md-nav__item--active)."""
    section = page.meta.get("nav_section")
    if not section:
        return
    for candidate in nav.pages:
        if candidate is not page and candidate.url.endswith(section + "/") and page.url.startswith(candidate.url):
            candidate.active = True
            _marked.append(candidate)
            return


def on_post_page(output, page, config):
    while _marked:
        _marked.pop().active = False
    labels = _chrome.get(config.theme["language"]) or {}
    output = themefix.label_search_dialog(output, labels.get("search_label", "Search"))
    output = themefix.language_switch(output, config.theme["language"])
    output = themefix.keyboard_controls(output, _control_names(labels))
    output = printlinks.mark_links_showing_their_address(output)
    output = seo.absolute_alternates(output, page.canonical_url or "")
    output = themefix.search_index_of(output, _prefix(config))
    return compact.strip_indentation(output)  # indentation is a fifth of each page's bytes


def _prefix(config) -> str:
    """The folder of the language being built ("" for the default, "en/")."""
    i18n = config.plugins["i18n"]
    langs = languages_module.from_plugin_entries([dict(entry) for entry in i18n.config.languages])
    return next((lang.prefix for lang in langs if lang.code == i18n.current_language), "")


def _control_names(labels: dict[str, str]) -> dict[str, str]:
    return {"menu": labels.get("menu_label", "Menu"), "search": labels.get("search_label", "Search"),
            "close_search": labels.get("close_search_label", "Close search")}


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
        output = themefix.language_switch(output, config.theme["language"])
        output = themefix.keyboard_controls(output, _control_names(labels))
        _not_found[config.theme["language"]] = output
    return output


@event_priority(-50)  # after the theme's search plugin has written its (empty) index
def on_post_build(config):
    """Files the theme does not write: robots.txt and a 404 page per language; the web editor; a
    search index per language. Our own style sheets and scripts lose their comments and layout (a
    third of their bytes)."""
    _write_editor(config)
    _write_search(config)
    site = Path(config.site_dir)
    sheets = {site / sheet for sheet in config.extra_css} | set((site / "assets" / "css").glob("*.css"))
    own = [(path, compact.style_sheet) for path in sorted(sheets)]
    own += [(path, compact.script) for path in (site / "assets" / "js").glob("*.js")]
    for published, compacted in own:
        if published.is_file():
            published.write_text(compacted(published.read_text(encoding="utf-8")), encoding="utf-8")
    if not config.site_url:  # no public address, no absolute links to write
        return
    _write_sitemap_dates(site, config.site_url)
    files = {"robots.txt": seo.robots_txt(config.site_url)}
    i18n = config.plugins["i18n"].config
    for lang in languages_module.from_plugin_entries([dict(entry) for entry in i18n.languages]):
        if lang.code in _not_found:
            files[lang.prefix + "404.html"] = _not_found[lang.code]
    for rel, text in files.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, encoding="utf-8")


def _write_sitemap_dates(site: Path, site_url: str) -> None:
    """MkDocs dates every page of sitemap.xml (and its .gz) with the build's day; each gets the day
    its content last changed instead (sitegen/lastmod.py). Written by the default language's run,
    which lists the pages of every language; the other runs have no sitemap of their own."""
    sitemap = site / "sitemap.xml"
    if not sitemap.is_file() or not _lastmod:
        return
    dates = {seo.absolute(site_url, url): day for url, day in _lastmod.items()}
    text = lastmod.rewrite_sitemap(sitemap.read_text(encoding="utf-8"), dates)
    sitemap.write_text(text, encoding="utf-8")
    with gzip.GzipFile(site / "sitemap.xml.gz", "wb", mtime=0) as packed:
        packed.write(text.encode("utf-8"))


def _write_search(config):
    """Each language's search index in its own folder, with its own stemmer: a Romanian page
    searches Romanian pages (docs/assets/js/on-demand.js asks for the page's language's index).
    Written after each language's build: the theme's plugin writes its own index at each."""
    i18n = config.plugins["i18n"]
    # The theme's settings as its plugin just wrote them (separator, pipeline, fields), one language each.
    written = Path(config.site_dir) / search.FILE
    shared = json.loads(written.read_text(encoding="utf-8"))["config"] if written.is_file() else {}
    stemmers = config.plugins["material/search"].config.lang or []
    for lang in languages_module.from_plugin_entries([dict(entry) for entry in i18n.config.languages]):
        path = Path(config.site_dir) / lang.prefix / search.FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        own = {**shared, "lang": [lang.code] if lang.code in stemmers else ["en"]}
        path.write_text(search.index(_search.get(lang.code, []), own), encoding="utf-8")


def _write_editor(config):
    """/admin/ (sitegen/admin.py), once per build: in the default language's run. The repository it
    edits is the one GitHub Actions names; without one, a test repository in the browser."""
    i18n = config.plugins["i18n"]
    if i18n.current_language != i18n.default_language:
        return
    langs = languages_module.from_plugin_entries([dict(lang) for lang in i18n.config.languages])
    try:
        notes = admin.write(Path(config.config_file_path).parent, Path(config.site_dir), langs,
                            config.site_url or "http://127.0.0.1:8000/", os.environ.get("GITHUB_REPOSITORY"))
    except admin.BundleError as exc:
        log.warning("The web editor could not be bundled (admin/bundle.mjs): %s", exc)  # stops --strict
        return
    for note in notes:
        log.info(note)


def on_serve(server, config, builder):
    # docs/ is mostly our own output: watching it would rebuild a second time after every edit.
    # Watch its hand-made part only; the sources of the generated pages are watched via `watch:`.
    server.unwatch(config.docs_dir)
    server.watch(str(Path(config.docs_dir) / "assets"))
    return server
