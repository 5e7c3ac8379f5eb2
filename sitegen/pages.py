"""Turns checked content into pages: a section index and one page per item, in every language.

A page whose item has no translation in a language is still written there, at the same path: it
shows a notice in the visitor's language, links to the languages that have it, and carries the
original text marked with its own `lang`, so nothing appears under the wrong language's label.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import html
import inspect
import json
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

from jinja2 import (Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, pass_context,
                    select_autoescape)

from . import (calendar, dates, district_map, europe_map, feeds, grid, identity, links, opendata, related, search,
               text, timeline, urls)
from .content import Content
from .formatting import Formatter
from .model import BY_KEY, INDEX_TEMPLATES, ITEM_TEMPLATES, TYPES, ContentType
from .strings import Strings

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
    photo: tuple[str, str] | None = None  # the item's own photo and its alt text, for sharing
    words: str = ""  # what the page says, for its language's search index (sitegen/search.py)

    def markdown(self) -> str:
        """The file MkDocs reads: escaped front matter (themes print it unescaped) and HTML."""
        front = {"title": html.escape(self.title), "description": html.escape(self.description), **self.meta}
        # JSON is YAML: one line per key, written several times faster than by a YAML dumper.
        matter = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in front.items())
        return "---\n" + matter + "---\n\n" + self.body.strip() + "\n"


NEWS_PER_PAGE = links.NEWS_PER_PAGE


@pass_context
def _markdown_filter(context, value, shift_headings: int = 1):
    """`| md`: a text's Markdown, its links to the site written for the page it is on."""
    here, prefix, prefixes = context["here"], context["prefix"], context["prefixes"]
    return text.to_html(value, shift_headings, link=lambda address: links.href(address, here, prefix, prefixes))


def _source_name(address: str) -> str:
    """`| source_name`: a source's link text, its host ("crungheni.md"), never the bare address."""
    return urls.host_label(address)


def _source_names(addresses) -> list[tuple[str, str]]:
    """`| source_names`: (address, link text) of each source once, two of one host told apart."""
    return urls.source_labels(addresses)


FILTERS = {"md": _markdown_filter, "source_name": _source_name, "source_names": _source_names}
# Compiled templates are cached by their text; how a filter is called (with the page's context or
# not) is compiled in with it, so the cache's file names change with the filters' signatures.
CODE_CACHE = "__sitegen_jinja2_" + hashlib.sha256(repr(sorted(
    (name, str(getattr(f, "jinja_pass_arg", "")), str(inspect.signature(f))) for name, f in FILTERS.items()
)).encode()).hexdigest()[:12] + "_%s.cache"
FEED, CALENDAR, OPEN_DATA = urls.FEED, urls.CALENDAR, urls.OPEN_DATA
REGION, LOCATOR = urls.REGION, urls.LOCATOR
# The style sheet of item pages and of the lists shown as cards, linked by those pages alone
# (overrides/main.html): the rest of the site, the home page first, never fetches it.
ITEM_STYLES = "assets/css/items.css"
CARD_LISTS = ("news", "events", "results", "documents")


def on_calendar(event: dict) -> bool:
    """Calendars hold days: an event known only to the month stays off the .ics files."""
    return dates.has_days(event)


class Renderer:
    def __init__(self, content: Content, strings: Strings, templates: Path, today: dt.date,
                 site_url: str = "http://127.0.0.1:8000/", photos=None):
        self.site_url = site_url if site_url.endswith("/") else site_url + "/"
        self.base_path = urlsplit(self.site_url).path or "/"
        self.content = content
        self.strings = strings
        self.today = today
        # Compiling the templates was a third of the generator's time on every build; the bytecode
        # cache (in the system's temporary folder) is keyed by each template's text, so never stale.
        # auto_reload off: one Renderer per build, so a template never changes under it, and the
        # check cost a file-system call for each of the thousands of pages.
        self.env = Environment(loader=FileSystemLoader(templates), autoescape=select_autoescape(default=True),
                               undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                               bytecode_cache=FileSystemBytecodeCache(pattern=CODE_CACHE), auto_reload=False)
        self.env.filters.update(FILTERS)
        self.formatters = {lang.code: Formatter(strings.settings(lang.code)) for lang in content.languages}
        self.prefixes = {lang.code: lang.prefix for lang in content.languages}
        self._entries: dict[tuple[str, str], list[dict]] = {}
        self.logos: dict[str, list[dict]] = {}  # language -> official visuals (sitegen/logos.py)
        # The site's name, colours and visual (checked with the content; None only if broken).
        self.identity = identity.load(content.root, [lang.code for lang in content.languages])[0]
        self._locator_map: europe_map.Locator | None | bool = False  # drawn on first use
        self.photos = photos  # sitegen.images.Photos, ready (prepared); None when content has none
        self._related: dict[str, related.Related] = {}  # language -> what goes with each item

    def pages(self) -> list[Page]:
        result = []
        for lang in self.content.languages:
            result.append(self._home(lang.code))
            project = self.content.data[lang.code]["project"]
            about = {name: value for name, value in project.items() if name != "region"}
            result.append(self._render(lang.code, lang.code, "project.html", "project", None,
                                       self._section("project", lang.code, about)))
            result.append(self._render(lang.code, lang.code, "region.html", REGION, None,
                                       self._section("region", lang.code, project.get("region"))))
            for ctype in TYPES:
                if ctype.key == "news":
                    result += self._news_pages(lang.code, ctype)
                elif ctype.key in INDEX_TEMPLATES:
                    result.append(self._index(lang.code, ctype))
                if ctype.key in ITEM_TEMPLATES:
                    result += [self._item(lang.code, ctype, item_id) for item_id in self.content.item_ids(ctype.key)]
        return result

    def chrome(self, lang: str) -> dict[str, str]:
        """HTML shared by every page of a language (head links, footer, funding acknowledgement),
        with links from the site root so that it fits pages at any depth."""
        def link(section: str, item_id: str | None = None) -> str:
            return self.base_path + self.prefixes[lang] + urls.page_url(section, item_id)

        values = {"t": self.strings.translator(lang), "project": self.content.data[lang]["project"],
                  "root": self.base_path, "link": link, "logos": self.logos.get(lang, []), "lang": lang,
                  "feed": self.base_path + self.prefixes[lang] + FEED,
                  "calendar": self.base_path + self.prefixes[lang] + CALENDAR,
                  "open_data": self.base_path + self.prefixes[lang] + OPEN_DATA,
                  "pages": self.content.items(lang, "pages"), "identity": self.identity}
        return {name: self.env.get_template(f"_{name}.html").render(**values)
                for name in ("head", "footer", "copyright")}

    def files(self) -> dict[str, dict[str, str]]:
        """Files other than pages, per language: the news feed, calendars and the open data."""
        result = {}
        for lang in self.content.languages:
            code = lang.code
            data = self.content.data[code]
            absolute = self.site_url + self.prefixes[code]
            events = [e for e in self._list(code, "events") if on_calendar(e)]
            event_url = lambda e, a=absolute: a + urls.page_url("events", e["id"])
            files = {
                FEED: feeds.atom(data["project"]["title"], data["sections"]["news"]["title"], code, absolute,
                                 absolute + FEED, self.content.items(code, "news"),
                                 lambda i, a=absolute: a + urls.page_url("news", i["id"]),
                                 {"name": data["project"]["organisation"]["name"],
                                  "uri": data["project"]["organisation"]["website"]}),
                CALENDAR: calendar.calendar(data["project"]["name"], events, event_url, self.today),
                OPEN_DATA: opendata.export(code, data, lambda key, item, a=absolute: self._item_url(a, key, item),
                                           self.today, self.photos.published_path if self.photos else str),
            }
            for event in events:
                files[urls.event_calendar(event["id"])] = calendar.calendar(data["project"]["name"], [event],
                                                                       event_url, self.today)
            if self._locator():
                files[LOCATOR] = self._locator_svg(code)
            result[code] = files
        return result

    def _item_url(self, absolute: str, key: str, item: dict) -> str:
        if key == "documents":
            return self.site_url + quote(item["file"])
        return absolute + urls.page_url(BY_KEY[key].section, item["id"])

    def _news_pages(self, lang: str, ctype: ContentType) -> list[Page]:
        """The news index, NEWS_PER_PAGE items a page, newest first: news/, news/page/2/, …"""
        news = [item["id"] for item in dates.by_date(self._list(lang, "news"), newest_first=True)]
        chunks = [news[i:i + NEWS_PER_PAGE] for i in range(0, len(news), NEWS_PER_PAGE)] or [[]]
        head = self._section("news", lang)
        pages = []
        for number, chunk in enumerate(chunks, 1):
            item_id = None if number == 1 else f"page/{number}"
            page = self._render(lang, lang, "news.html", "news", item_id, head, ids=chunk,
                                number=number, count=len(chunks))
            page.meta["styles"] = [ITEM_STYLES]
            if item_id:
                current = self.strings.get(lang, "page_number", number=number, count=len(chunks))
                page.body = self._breadcrumb(lang, ctype, item_id, current[:1].upper() + current[1:]) + page.body
            pages.append(page)
        return pages

    # -- page kinds ---------------------------------------------------------------------------

    def _home(self, lang: str) -> Page:
        project = self.content.data[lang]["project"]
        sections = self.content.data[lang]["sections"]
        page = self._render(lang, lang, "home.html", "", None,
                            {"title": sections["home"]["title"], "description": project["summary"],
                             "words": search.words([sections["home"], project["summary"], project.get("tagline")])})
        # Its title names it in the menu ("Home"); the browser's tab and bookmarks get the site's name.
        if self.identity:
            page.meta["html_title"] = html.escape(self.identity.site_name)  # themes print it unescaped
        return page

    def _index(self, lang: str, ctype: ContentType) -> Page:
        page = self._render(lang, lang, INDEX_TEMPLATES[ctype.key], ctype.section, None,
                            self._section(ctype.key, lang))
        if ctype.key in CARD_LISTS:
            page.meta["styles"] = [ITEM_STYLES]
        return page

    def _item(self, lang: str, ctype: ContentType, item_id: str) -> Page:
        source = lang if self.content.find(lang, ctype.key, item_id) else self._first_with(ctype.key, item_id)
        item = self.content.find(source, ctype.key, item_id)
        head = {"title": item.get("title") or item.get("name"),
                "description": item.get("summary") or item.get("description") or self._describe(lang, ctype, item),
                "words": search.words(item)}
        page = self._render(lang, source, ITEM_TEMPLATES[ctype.key], ctype.section, item_id, head, item=item)
        page.body = (self._breadcrumb(lang, ctype, item_id, head["title"], None if source == lang else source)
                     + page.body + self._lead_on(lang, ctype, item_id))
        page.meta["styles"] = [ITEM_STYLES]
        photos = [(item["image"], item["image_alt"])] if "image" in item else []
        page.photo = next(iter(photos + [(g["image"], g["alt"]) for g in item.get("gallery", [])]), None)
        return page

    def _breadcrumb(self, lang: str, ctype: ContentType, item_id: str, current: str,
                    current_lang: str | None = None) -> str:
        """Home › section › this page, in the page's language (also above an untranslated text)."""
        context = self._context(lang, urls.page_url(ctype.section, item_id), lang)
        return self.env.get_template("_breadcrumb.html").render(
            **context, key=ctype.key, section=ctype.section, current=current, current_lang=current_lang) + "\n"

    def _lead_on(self, lang: str, ctype: ContentType, item_id: str) -> str:
        """Under an item's text, in the page's language: what goes with it, the previous and next
        items of its section and the way back to the list (templates/_lead_on.html)."""
        if lang not in self._related:
            self._related[lang] = related.Related({key: self._list(lang, key) for key in ITEM_TEMPLATES})
        relations = self._related[lang]
        item = relations.item(ctype.key, item_id)
        before, after = relations.neighbours(ctype.key, item_id)
        context = self._context(lang, urls.page_url(ctype.section, item_id), lang)
        return "\n" + self.env.get_template("_lead_on.html").render(
            **context, key=ctype.key, section=ctype.section, groups=relations.groups(ctype.key, item),
            before=before, after=after, section_of={t.key: t.section for t in TYPES})

    def _describe(self, lang: str, ctype: ContentType, item: dict) -> str:
        """A description for search engines and sharing that says what the page is, for an item
        whose content has none (a partner: who, where, its role in the project)."""
        key = f"describe_{ctype.key}"
        if key not in self.strings.tables.get(lang, {}) and key not in self.strings.tables.get(
                self.strings.default, {}):
            return item.get("title") or item.get("name") or ""
        fmt = self.formatters[lang]
        values = {name: value for name, value in item.items() if isinstance(value, str)}
        values |= {"country": fmt.country(item["country"]) if item.get("country") else "",
                   "role": self.strings.get(lang, f"role_{item['role']}").lower() if item.get("role") else "",
                   "date": fmt.date_range(item["start"], item.get("end")) if item.get("start") else "",
                   "project": self.content.data[lang]["project"]["name"]}
        return self.strings.get(lang, key, **values)

    def _section(self, key: str, lang: str, shown=None) -> dict:
        """A section page's title and description; its words, with those of what it shows (`shown`)."""
        section = self.content.data[lang]["sections"][key]
        intro = section.get("intro") or section["title"]
        return {"title": section["title"], "description": " ".join(intro.split()),
                "words": search.words([section, shown])}

    def _first_with(self, key: str, item_id: str) -> str:
        return next(lang.code for lang in self.content.languages if self.content.find(lang.code, key, item_id))

    # -- rendering ----------------------------------------------------------------------------

    def _render(self, lang: str, source: str, template: str, section: str, item_id: str | None,
                head: dict, **values) -> Page:
        url = urls.page_url(section, item_id)
        context = self._context(source, url, lang)
        body = self.env.get_template(template).render(page_title=head["title"], **context, **values)
        page = Page(lang, urls.source_path(section, item_id), url, head["title"],
                    " ".join(str(head["description"]).split())[:300], body,
                    # Sections are reached by the tabs (the drawer on phones), and the generated
                    # headings are HTML, outside the theme's table of contents: both sidebars
                    # would be empty.
                    # The theme's search skips them: each language's index is made from their
                    # words, not their HTML (sitegen/search.py).
                    meta={"hide": ["navigation", "toc"], "search": {"exclude": True}},
                    words=head.get("words", ""))
        if item_id and section:
            # Its section's tab is marked as the current one (hooks/generate.py).
            page.meta["nav_section"] = section
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

        def link(section: str, item_id: str | None = None) -> str:
            return urls.relative(here, self.prefixes[page_lang] + urls.page_url(section, item_id))

        def entries(key: str) -> list[dict]:
            return self._list(lang, key)

        def asset(path: str) -> str:
            """A file at the site's root (media/…, assets/…), from this page, its name percent-encoded."""
            return urls.relative(here, quote(path))

        def photo(path: str, slot: str = "lead"):
            """A photo of content/media/ as published (sitegen/images.py), for the `picture` macro."""
            return self.photos.picture(path, slot, here)

        return {
            "lang": lang, "t": self.strings.translator(lang), "fmt": self.formatters[lang],
            "project": self.content.data[lang]["project"], "sections": self.content.data[lang]["sections"],
            "identity": self.identity, "link": link, "asset": asset, "photo": photo, "entries": entries,
            "today": self.today,
            "here": here, "prefix": self.prefixes[page_lang], "prefixes": self.prefixes,
            "find": lambda key, item_id: next((i for i in self._list(lang, key) if i["id"] == item_id), None),
            "file_info": lambda path: self._file_info(path, lang),
            "partner_map": lambda: self._partner_map(entries("partners"), link),
            "timeline": lambda: self._timeline(lang),
            "by_date": lambda items, field="date", newest_first=False: dates.by_date(items, field, newest_first),
            "upcoming": lambda events: [e for e in dates.by_date(events, "start") if dates.is_upcoming(e, self.today)],
            "past": lambda events: [e for e in dates.by_date(events, "start", newest_first=True)
                                    if not dates.is_upcoming(e, self.today)],
            "on_calendar": on_calendar,
            # The last day an event may take place, for the page to correct itself (today.js).
            "last_day": lambda event: dates.last(event.get("end") or event["start"]).isoformat(),
            "grid_style": grid.style,
            "locator": lambda: self._locator_image(lang, urls.relative(here, self.prefixes[page_lang] + LOCATOR)),
            "district_map": lambda: self._district_map(lang),
            "feed": urls.relative(here, self.prefixes[page_lang] + FEED),
            "calendar_file": urls.relative(here, self.prefixes[page_lang] + CALENDAR),
        }

    def _list(self, lang: str, key: str) -> list[dict]:
        """Items of a type in a language; untranslated ones in their own language, flagged with
        `_lang`. Computed once per language and type: many pages list the same items."""
        if (lang, key) not in self._entries:
            found = []
            for item_id in self.content.item_ids(key):
                item = self.content.find(lang, key, item_id)
                if item is None:
                    origin = self._first_with(key, item_id)
                    item = {**self.content.find(origin, key, item_id), "_lang": origin}
                found.append(item)
            self._entries[(lang, key)] = found
        return self._entries[(lang, key)]

    def _partner_map(self, partners: list[dict], link) -> europe_map.MapPicture:
        home = self.content.data[self.content.default]["project"]["organisation"].get("partner")
        markers = [europe_map.Marker(n, f"{p['name']}, {p['city']}", link("partners", p["id"]),
                                     p["lat"], p["lon"], p["id"] == home)
                   for n, p in enumerate(partners, 1)]
        return europe_map.draw(markers) if markers else None

    def _timeline(self, lang: str) -> timeline.Timeline:
        project = self.content.data[lang]["project"]
        return timeline.build(project["start"], project["end"], self._list(lang, "activities"),
                              self._list(lang, "events"), self.today)

    def _file_info(self, path: str, lang: str) -> dict:
        """Type and size of a download, read from the file itself."""
        file = self.content.root / "content" / path
        kind = file.suffix.lstrip(".").upper() or "?"
        size = file.stat().st_size
        for unit, scale in (("MB", 1_000_000), ("KB", 1_000)):
            if size >= scale:
                return {"type": kind, "size": f"{self.formatters[lang].number(round(size / scale, 1))}\u00a0{unit}"}
        return {"type": kind, "size": f"{size}\u00a0B"}


    # -- the locator map and images -----------------------------------------------------------

    def _home_partner(self, lang: str) -> dict | None:
        partner = self.content.data[lang]["project"]["organisation"].get("partner")
        return next((p for p in self._list(lang, "partners") if p["id"] == partner), None)

    def _locator(self) -> europe_map.Locator | None:
        """Europe with the partner countries and the home partner on its border, drawn once per
        build (the geometry is the same in every language)."""
        if self._locator_map is False:
            lang = self.content.default
            project, home = self.content.data[lang]["project"], self._home_partner(lang)
            self._locator_map = europe_map.locator(
                project["partner_countries"], home["lat"], home["lon"], home["country"],
                project["region"].get("border_country")) if home else None
        return self._locator_map

    def _locator_image(self, lang: str, src: str) -> dict | None:
        """What a page needs to show the locator map: its file, size and words in `lang`."""
        picture, home = self._locator(), self._home_partner(lang)
        if not picture:
            return None
        region = self.content.data[lang]["project"]["region"]
        fmt, t = self.formatters[lang], self.strings.translator(lang)
        words = {"count": len(self.content.data[lang]["project"]["partner_countries"]), "place": home["city"],
                 "country": fmt.country(home["country"])}
        border = region.get("border_country")
        if picture.border and border:
            words |= {"border_country": fmt.country(border), "border_name": region.get("border_name", "")}
            alt = t("locator_alt_border" if region.get("border_name") else "locator_alt_border_unnamed", **words)
        else:
            alt = t("locator_alt", **words)
        return {"src": src, "width": picture.width, "height": picture.height, "alt": alt, "words": words,
                "border": bool(picture.border and border)}

    def _locator_svg(self, lang: str) -> str:
        image = self._locator_image(lang, "")
        project = self.content.data[lang]["project"]
        return self.env.get_template(LOCATOR).render(
            map=self._locator(), alt=image["alt"], place=image["words"]["place"],
            border_name=project["region"].get("border_name"), partner_countries=project["partner_countries"],
            palette=self.identity.palette)

    # -- the district map ---------------------------------------------------------------------

    def _district_map(self, lang: str) -> district_map.DistrictMap | None:
        """The home partner's country by its divisions, the district highlighted, the border and
        the places of `region.map`: the geometry from the default language (facts), the words
        from `lang`."""
        default = self.content.default
        spec, home = self.content.data[default]["project"]["region"].get("map"), self._home_partner(default)
        if not spec or not home:
            return None
        region = self.content.data[lang]["project"]["region"]
        places = [(home["city"], home["lat"], home["lon"], True)] + [
            (p["name"], p["lat"], p["lon"], False) for p in spec.get("places", [])]
        picture = district_map.frame(home["country"], spec["division"], region.get("border_country"),
                                     tuple(places))
        if not picture:
            return None
        fmt = self.formatters[lang]
        names = [self._home_partner(lang)["city"]] + [p["name"] for p in region.get("map", spec).get("places", [])]
        countries = {area.code: fmt.country(area.code) for area in picture.countries}
        return district_map.place_labels(picture, names, countries, self._section("region", lang)["title"],
                                         region.get("border_name"))
