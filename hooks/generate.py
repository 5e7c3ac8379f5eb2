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

from sitegen import compact, languages as languages_module  # noqa: E402
from sitegen.generate import generate  # noqa: E402
from sitegen.problems import ContentError  # noqa: E402

log = logging.getLogger("mkdocs.hooks.generate")
_chrome: dict[str, dict[str, str]] = {}  # language -> footer HTML, filled by the first run
_generated_for = None  # the config of the build that filled _chrome


@event_priority(100)  # before mkdocs-static-i18n reads the files
def on_pre_build(config, **kwargs):
    global _generated_for
    # mkdocs-static-i18n reruns this for each language with the same config; `mkdocs serve` loads a
    # new config for each rebuild but keeps this module (MkDocs caches hooks), so compare configs.
    if config is _generated_for:
        return
    docs = Path(config.docs_dir)
    i18n = config.plugins["i18n"].config
    langs = languages_module.from_plugin_entries([dict(lang) for lang in i18n.languages])
    try:
        report = generate(Path(config.config_file_path).parent, docs, langs,
                          base_path=urlsplit(config.site_url or "/").path or "/")
    except ContentError as exc:
        for problem in exc.problems:
            log.error(str(problem))
        raise Abort(f"{len(exc.problems)} problem(s) in the content: nothing was built. "
                    "Fix the lines above, then build again.") from None
    _chrome.clear()
    _chrome.update(report.chrome)
    _generated_for = config
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
    return context


# Indentation is a fifth of each page's bytes: see sitegen/compact.py.
def on_post_page(output, page, config):
    return compact.strip_indentation(output)
