"""Turns checked content into pages: a section index and one page per item, in every language.

A page whose item has no translation in a language is still written there, at the same path: it
shows a notice in the visitor's language, links to the languages that have it, and carries the
original text marked with its own `lang`, so nothing appears under the wrong language's label.
"""
from __future__ import annotations

import datetime as dt
import html
import mimetypes
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from . import text, urls
from .content import Content
from .formatting import Formatter
from .model import TYPES, ContentType
from .strings import Strings

# Item templates by content type; a type missing here has an index page only.
ITEM_TEMPLATES = {
    "activities": "activity.html",
    "results": "result.html",
    "good_practices": "good_practice.html",
    "partners": "partner.html",
    "events": "event.html",
    "news": "news_item.html",
    "pages": "page.html",
}
INDEX_TEMPLATES = {
    "activities": "activities.html",
    "results": "results.html",
    "documents": "documents.html",
    "good_practices": "good_practices.html",
    "partners": "partners.html",
    "events": "events.html",
    "news": "news.html",
}


@dataclass
class Page:
    lang: str
    src: str  # Markdown file relative to the language folder
    url: str  # site-relative URL without the language prefix
    title: str
    description: str
    body: str
    missing_from: str | None = None  # language the text was taken from, when untranslated
    meta: dict = field(default_factory=dict)

    def markdown(self) -> str:
        """The file MkDocs reads: escaped front matter (themes print it unescaped) and HTML."""
        front = {"title": html.escape(self.title), "description": html.escape(self.description), **self.meta}
        return "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\n" + self.body.strip() + "\n"


class Renderer:
    def __init__(self, content: Content, strings: Strings, templates: Path, today: dt.date):
        self.content = content
        self.strings = strings
        self.today = today
        self.env = Environment(loader=FileSystemLoader(templates), autoescape=select_autoescape(default=True),
                               undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
        self.env.filters["md"] = text.to_html
        self.formatters = {lang.code: Formatter(strings.settings(lang.code)) for lang in content.languages}
        self.prefixes = {lang.code: lang.prefix for lang in content.languages}
        self.logos: dict[str, list[dict]] = {}  # language -> official visuals (sitegen/logos.py)

    def pages(self) -> list[Page]:
        result = []
        for lang in self.content.languages:
            result.append(self._home(lang.code))
            result.append(self._render(lang.code, lang.code, "project.html", "project", None,
                                       self._section("project", lang.code)))
            for ctype in TYPES:
                if ctype.key in INDEX_TEMPLATES:
                    result.append(self._index(lang.code, ctype))
                if ctype.key in ITEM_TEMPLATES:
                    result += [self._item(lang.code, ctype, item_id) for item_id in self.content.item_ids(ctype.key)]
        return result

    def chrome(self, lang: str, base_path: str) -> dict[str, str]:
        """HTML shared by every page of a language (footer, funding acknowledgement), with links
        from the site root so that it fits pages at any depth."""
        def link(section: str, item_id: str | None = None) -> str:
            return base_path + self.prefixes[lang] + urls.page_url(section, item_id)

        values = {"t": self.strings.translator(lang), "project": self.content.data[lang]["project"],
                  "root": base_path, "link": link, "logos": self.logos.get(lang, []),
                  "pages": self.content.items(lang, "pages")}
        return {name: self.env.get_template(f"_{name}.html").render(**values)
                for name in ("footer", "copyright")} | {"head": ""}

    # -- page kinds ---------------------------------------------------------------------------

    def _home(self, lang: str) -> Page:
        project = self.content.data[lang]["project"]
        return self._render(lang, lang, "home.html", "", None,
                            {"title": self.content.data[lang]["sections"]["home"]["title"],
                             "description": project["summary"]})

    def _index(self, lang: str, ctype: ContentType) -> Page:
        return self._render(lang, lang, INDEX_TEMPLATES[ctype.key], ctype.section, None,
                            self._section(ctype.key, lang))

    def _item(self, lang: str, ctype: ContentType, item_id: str) -> Page:
        source = lang if self.content.find(lang, ctype.key, item_id) else self._first_with(ctype.key, item_id)
        item = self.content.find(source, ctype.key, item_id)
        head = {"title": item.get("title") or item.get("name"),
                "description": item.get("summary") or item.get("description") or item.get("title")
                or item.get("name") or ""}
        return self._render(lang, source, ITEM_TEMPLATES[ctype.key], ctype.section, item_id, head, item=item)

    def _section(self, key: str, lang: str) -> dict:
        section = self.content.data[lang]["sections"][key]
        intro = section.get("intro") or section["title"]
        return {"title": section["title"], "description": " ".join(intro.split())}

    def _first_with(self, key: str, item_id: str) -> str:
        return next(lang.code for lang in self.content.languages if self.content.find(lang.code, key, item_id))

    # -- rendering ----------------------------------------------------------------------------

    def _render(self, lang: str, source: str, template: str, section: str, item_id: str | None,
                head: dict, **values) -> Page:
        url = urls.page_url(section, item_id)
        context = self._context(source, url, lang)
        body = self.env.get_template(template).render(page_title=head["title"], **context, **values)
        page = Page(lang, urls.source_path(section, item_id), url, head["title"],
                    " ".join(str(head["description"]).split())[:300], body)
        if source != lang:
            page.missing_from = source
            page.body = self._untranslated(lang, source, url, body)
        return page

    def _untranslated(self, lang: str, source: str, url: str, body: str) -> str:
        notice = self.env.get_template("_missing_translation.html").render(
            t=self.strings.translator(lang), source=source,
            source_name=self.formatters[lang].language(source),
            source_url=urls.relative(self.prefixes[lang] + url, self.prefixes[source] + url))
        return f'{notice}\n<div lang="{source}">\n{body}\n</div>'

    def _context(self, lang: str, url: str, page_lang: str) -> dict:
        here = self.prefixes[page_lang] + url
        content = self.content

        def link(section: str, item_id: str | None = None) -> str:
            return urls.relative(here, self.prefixes[page_lang] + urls.page_url(section, item_id))

        def media(path: str) -> str:
            return urls.relative(here, path)

        def entries(key: str) -> list[dict]:
            """Items of a type in this language; untranslated ones in their own language, flagged."""
            found = []
            for item_id in content.item_ids(key):
                item = content.find(lang, key, item_id)
                if item is not None:
                    found.append(item)
                else:
                    origin = self._first_with(key, item_id)
                    found.append({**content.find(origin, key, item_id), "_lang": origin})
            return found

        return {
            "lang": lang, "t": self.strings.translator(lang), "fmt": self.formatters[lang],
            "project": content.data[lang]["project"], "sections": content.data[lang]["sections"],
            "link": link, "media": media, "entries": entries, "today": self.today,
            "find": lambda key, item_id: content.find(lang, key, item_id) or next(
                (content.find(o.code, key, item_id) for o in content.languages if content.find(o.code, key, item_id)), None),
            "file_info": lambda path: self._file_info(path, lang),
        }

    def _file_info(self, path: str, lang: str) -> dict:
        """Type and size of a download, read from the file itself."""
        file = self.content.root / "content" / path
        kind = (mimetypes.guess_extension(mimetypes.guess_type(file.name)[0] or "") or file.suffix).lstrip(".")
        size = file.stat().st_size
        fmt = self.formatters[lang]
        for unit, scale in (("MB", 1_000_000), ("KB", 1_000)):
            if size >= scale:
                return {"type": file.suffix.lstrip(".").upper() or kind.upper(),
                        "size": f"{fmt.number(round(size / scale, 1))}\u00a0{unit}"}
        return {"type": file.suffix.lstrip(".").upper(), "size": f"{size}\u00a0B"}

