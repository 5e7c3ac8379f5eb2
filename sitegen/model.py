"""The content types: which file holds each, whether it is a list of items, and where its pages go."""
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


TYPES = (
    ContentType("project", "project", is_list=False,
                neutral=("code", "website", "start", "end", "budget", "partner_countries")),
    ContentType("sections", None, is_list=False),
    ContentType("activities", "activities", neutral=("status", "start", "end", "source")),
    ContentType("results", "results", neutral=("kind", "status", "activity", "date", "documents", "source"),
                refs=(("activity", "activities"), ("documents", "documents"))),
    ContentType("documents", "documents", neutral=("file", "language", "date"), item_pages=False),
    ContentType("good_practices", "good-practices",
                neutral=("country", "partner", "start", "end", "theme", "website", "contact", "source", "image"),
                refs=(("partner", "partners"),)),
    ContentType("partners", "partners", neutral=("role", "country", "lat", "lon", "website", "source")),
    ContentType("events", "events", neutral=("start", "end", "kind", "activity", "source", "image"),
                refs=(("activity", "activities"),)),
    ContentType("news", "news", neutral=("date", "image", "source")),
    ContentType("pages", "", neutral=()),
)

BY_KEY = {t.key: t for t in TYPES}
