"""Links from the content's texts to the site itself: each one leads somewhere, in every language.

The officer writes a link to a page as its address on the site, `/news/kick-off-meeting/` (an
anchor after it, `/events/#past`), and to a file as its path, `media/documents/report.pdf`. The
check (`check`) finds each target among the pages the build will write, the anchors their
templates give them and the files it will publish, without building; MkDocs' own link check never
sees the generated pages, so this is the only one, and a dead link stops the build like any error.
The renderer (`href`) writes the link relative to the page, in the page's language, with the
file's name percent-encoded.
"""
from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from . import dates, media, urls
from .model import INDEX_TEMPLATES, ITEM_TEMPLATES, PAGE_TEMPLATES, TYPES
from .problems import Problem, problem

_ID = re.compile(r"""\bid="([A-Za-z][\w-]*)\"""")
_USES = re.compile(r"""{%-?\s*(?:include|from|import|extends)\s+["']([^"']+)["']""")
NEWS_PER_PAGE = 10  # sitegen/pages.py: the news index, 10 items a page


@dataclass(frozen=True)
class Link:
    file: str  # the content file and line that hold it
    line: int | None
    kind: str | None
    item: str | None
    field: str | None
    address: str


def is_internal(address: str) -> bool:
    return urls.scheme(address) is None and not urls.as_browser_reads(address).startswith("//")


def split(address: str) -> tuple[str, str]:
    """(path, fragment) of an address as typed, the path percent-decoded."""
    parts = urlsplit(address)
    return unquote(parts.path), parts.fragment


def href(address: str, here: str, prefix: str, prefixes: dict[str, str]) -> str:
    """The link as the page at `here` (its site-relative URL, language prefix included) writes it:
    a site address in the page's language (`prefix`: "" or "en/") unless it names one of the
    `prefixes` (language code -> prefix), a media file percent-encoded, both relative to the page;
    anything else as typed."""
    if not is_internal(address) or address.startswith("#"):
        return address
    path, fragment = split(address)
    path = path.lstrip("/")
    if path.startswith("media/"):
        target = quote(path)
    else:
        path, named = _language(path, prefixes)
        target = (prefix if named is None else named) + quote(path)
    return urls.relative(here, target) + (f"#{fragment}" if fragment else "")


def _language(path: str, prefixes: dict[str, str]) -> tuple[str, str | None]:
    """(the address without a language it names, that language's prefix or None)."""
    first, slash, rest = path.partition("/")
    if slash and first in prefixes:
        return rest, prefixes[first]
    return path, None


def addresses(content) -> dict[str, str | None]:
    """Every page and file address the build writes in a language (without its prefix) -> the
    template of the page (None for a file)."""
    found: dict[str, str | None] = dict(PAGE_TEMPLATES)
    for ctype in TYPES:
        if ctype.key in INDEX_TEMPLATES:
            found[urls.page_url(ctype.section)] = INDEX_TEMPLATES[ctype.key]
        if ctype.key in ITEM_TEMPLATES:
            for item_id in content.item_ids(ctype.key):
                found[urls.page_url(ctype.section, item_id)] = ITEM_TEMPLATES[ctype.key]
    pages = -(-len(content.item_ids("news")) // NEWS_PER_PAGE)
    found |= {f"news/page/{n}/": "news.html" for n in range(2, pages + 1)}
    found |= {urls.FEED: None, urls.CALENDAR: None, urls.OPEN_DATA: None}
    for lang in content.languages[:1]:
        for event in content.items(lang.code, "events"):
            if dates.is_day(event["start"]) and (event.get("end") is None or dates.is_day(event["end"])):
                found[urls.event_calendar(event["id"])] = None
    return found


@functools.lru_cache(maxsize=64)
def anchors(templates: Path, name: str) -> frozenset[str]:
    """The ids a template gives its page, with those of the templates it includes or imports."""
    path = templates / name
    if not path.is_file():
        return frozenset()
    text = path.read_text(encoding="utf-8")
    found = set(_ID.findall(text))
    for used in _USES.findall(text):
        found |= anchors(templates, used)
    return frozenset(found)


def check(content, links: list[Link], templates: Path) -> list[Problem]:
    """A problem for each internal link that leads nowhere: no such page, anchor or file, a draft,
    or an address written relative to the page (which would lead elsewhere on each page)."""
    prefixes = {lang.code: lang.prefix for lang in content.languages}
    known = addresses(content)
    drafts = {urls.page_url(t.section, i) for t in TYPES if t.section is not None for k, i in content.drafts
              if k == t.key}
    problems = []
    for link in links:
        where = dict(kind=link.kind, item=link.item, field=link.field)
        path, fragment = split(link.address)
        if link.address.startswith("#"):
            continue  # an anchor of the page the text is on: the page's own headings are not known here
        if not path.startswith(("/", "media/")):
            problems.append(problem(link.file, link.line, "link_relative", address=link.address, **where))
            continue
        path = path.lstrip("/")
        if path.startswith("media/"):
            if media.resolve(content.root, path) is None:
                problems.append(problem(link.file, link.line, "link_no_file", address=link.address,
                                        path=f"content/{path}", **where))
            continue
        path = _language(path, prefixes)[0]
        if path and not path.endswith("/") and not path.endswith((".xml", ".ics", ".json")):
            path += "/"
        if path in drafts:
            problems.append(problem(link.file, link.line, "link_to_draft", address=link.address, **where))
        elif path not in known:
            close = difflib.get_close_matches(path, list(known), n=1, cutoff=0.6)
            problems.append(problem(link.file, link.line, "link_no_page_suggest" if close else "link_no_page",
                                    address=link.address, **where,
                                    **({"suggestion": "/" + close[0]} if close else {})))
        elif fragment and known[path] and templates.is_dir() and fragment not in anchors(templates, known[path]):
            problems.append(problem(link.file, link.line, "link_no_anchor", address=link.address,
                                    anchor=fragment, **where))
    return problems


def used_files(links: list[Link]) -> set[str]:
    """The media files the texts link to (`media/…`), as content names them."""
    found = set()
    for link in links:
        path = split(link.address)[0].lstrip("/")
        if is_internal(link.address) and path.startswith("media/"):
            found.add(path)
    return found
