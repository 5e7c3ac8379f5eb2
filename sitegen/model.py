"""The content types: where each is kept, whether it is a list of items, how its items are ordered,
and where its pages go.

A list kind keeps one file per item, `content/<lang>/<key>/<id>.yml`: the file name is the item's
id (and its address), so translations pair by name and a save touches one item. A record kind
(the project, the section titles) is one file per language, `content/<lang>/<key>.yml`.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ContentType:
    key: str  # file stem in content/<lang>/ and schema name in schemas/
    section: str | None  # URL folder of its pages, None when it has no pages of its own
    is_list: bool = True
    # Fields whose value is the same in every language (dates, numbers, codes, links): stated in
    # each language's file and checked to agree, so a translation can never change a fact.
    neutral: tuple[str, ...] = ()
    # Field -> content type whose ids it names.
    refs: tuple[tuple[str, str], ...] = ()
    item_pages: bool = True  # one page per item at <section>/<id>/ (documents are downloads)
    # How the items are listed: by a date field (newest first when `newest_first`), or, when
    # `ordered`, by the officer's own `order` number; then by title, then by id.
    date_field: str | None = None
    newest_first: bool = False

    @property
    def ordered(self) -> bool:
        return self.is_list and self.date_field is None


TYPES = (
    ContentType("project", "project", is_list=False,
                neutral=("code", "website", "start", "end", "budget", "partner_countries", "unnamed_partners")),
    ContentType("sections", None, is_list=False),
    ContentType("activities", "activities", neutral=("order", "draft", "status", "start", "end", "source")),
    ContentType("results", "results",
                neutral=("order", "draft", "kind", "status", "activity", "date", "documents", "source"),
                refs=(("activity", "activities"), ("documents", "documents"))),
    ContentType("documents", "documents", neutral=("order", "draft", "file", "language", "date"), item_pages=False),
    ContentType("good_practices", "good-practices",
                neutral=("order", "draft", "country", "partner", "start", "end", "theme", "website", "contact",
                         "source", "image"),
                refs=(("partner", "partners"),)),
    ContentType("partners", "partners", neutral=("order", "draft", "role", "country", "lat", "lon", "website", "source")),
    ContentType("events", "events", neutral=("draft", "start", "end", "kind", "activity", "source", "image"),
                refs=(("activity", "activities"),), date_field="start"),
    ContentType("news", "news", neutral=("draft", "date", "image", "source"), date_field="date", newest_first=True),
    ContentType("pages", "", neutral=("order", "draft")),
)

BY_KEY = {t.key: t for t in TYPES}

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
# Pages of their own, not of a content type: their templates (for the check of links to anchors).
PAGE_TEMPLATES = {"": "home.html", "project/": "project.html", "region/": "region.html"}
