"""What search engines and social networks read on each page: canonical and hreflang addresses,
Open Graph and Twitter cards, JSON-LD and robots.txt.

Plain Python on the generator's pages and content; hooks/generate.py only hands the results to
the theme (`page_head` in overrides/main.html) and writes the files after the build.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from . import dates
from .content import Content
from .languages import Language
from .model import TYPES
from .strings import Strings

HEAD_TEMPLATE = "_seo_head.html"
# Material writes the i18n plugin's alternates relative to the page; search engines want them absolute.
_ALTERNATE = re.compile(r'(<link rel="alternate" href=")([^"]+)(" hreflang="[^"]+">)')
# Sections whose pages say what happens when: Open Graph calls them articles.
ARTICLE_SECTIONS = {"news", "events"}


@dataclass(frozen=True)
class ShareImage:
    url: str  # site-relative, e.g. "share/en/news.png"
    width: int
    height: int
    alt: str
    type: str = "image/png"


def absolute(site_url: str, path: str) -> str:
    """The public address of a site-relative path ("" is the home page)."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    if ":" in path or "//" in path or path.startswith(("/", "?", "#")) or {".", ".."} & set(path.split("/")):
        return urljoin(base, path)
    return base + path  # what urljoin gives for a plain relative path, a dozen times faster


def section_of(url: str) -> str:
    """The URL folder a page belongs to ("news" for "news/x/"); "" for the home and static pages."""
    sections = {t.section for t in TYPES if t.section}
    first = url.split("/", 1)[0]
    return first if first in sections else ""


def section_key(section: str) -> str:
    """The content-type key (sections.yml entry) of a URL folder: "good-practices" -> "good_practices"."""
    return next((t.key for t in TYPES if t.section == section), "home") if section else "home"


def json_ld(data: dict) -> Markup:
    """JSON for a <script> element: `<` escaped so that no text can close the element."""
    text = json.dumps(data, ensure_ascii=False, indent=None, default=str)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


class Head:
    """Renders templates/_seo_head.html for every page of every language."""

    def __init__(self, content: Content, strings: Strings, templates: Path, site_url: str, site_name: str):
        self.content = content
        self.site_name = site_name
        self.strings = strings
        self.site_url = site_url
        self.languages: list[Language] = list(content.languages)
        self.env = Environment(loader=FileSystemLoader(templates), autoescape=select_autoescape(default=True),
                               undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)

    def render(self, lang: str, url: str, title: str, description: str,
               image: ShareImage | None) -> str:
        """The head tags of the page at `url` (without language prefix) in `lang`."""
        prefix = {language.code: language.prefix for language in self.languages}
        # The home page is shared under the site's name: its menu title ("Home") says nothing.
        title = self.site_name if url == "" else title
        locale = self._og_locale(lang)
        graph = self.graph(lang, url)
        return self.env.get_template(HEAD_TEMPLATE).render(
            canonical=absolute(self.site_url, prefix[lang] + url),
            x_default=absolute(self.site_url, self.languages[0].prefix + url),
            title=title, description=description,
            site_name=self.site_name,
            og_type="article" if section_of(url) in ARTICLE_SECTIONS and url.count("/") > 1 else "website",
            locale=locale,
            locale_alternates=[self._og_locale(o.code) for o in self.languages if o.code != lang],
            image=image, image_url=absolute(self.site_url, image.url) if image else "",
            json_ld=json_ld(graph) if graph else "")

    def _og_locale(self, lang: str) -> str:
        return self.strings.settings(lang).get("og") or lang

    # -- JSON-LD ------------------------------------------------------------------------------

    def graph(self, lang: str, url: str) -> dict | None:
        """Structured data: the Council and the project on the home and project pages, an Event
        on each event page whose days are known. Only facts stated in the content; nothing is
        filled in: search engines refuse an Event without a day ("2024-12"), and inventing one
        would state a date no source gives, so an event known to the month has none."""
        nodes = []
        if url in ("", "project/"):
            nodes += [self.council(lang), self.project(lang)]
        parts = url.strip("/").split("/")
        if len(parts) == 2 and parts[0] == "events":
            event = self.content.find(lang, "events", parts[1]) or self._any_language("events", parts[1])
            if event and dates.has_days(event):
                nodes.append(self.event(lang, url, event))
        return {"@context": "https://schema.org", "@graph": nodes} if nodes else None

    def _any_language(self, key: str, item_id: str) -> dict | None:
        return next((self.content.find(o.code, key, item_id) for o in self.languages
                     if self.content.find(o.code, key, item_id)), None)

    def council(self, lang: str) -> dict:
        org = self.content.data[lang]["project"]["organisation"]
        partner = self.content.find(lang, "partners", org.get("partner", "")) or {}
        address = {"@type": "PostalAddress", "streetAddress": org["address"]} if org.get("address") else None
        if address and partner.get("city"):
            address["addressLocality"] = partner["city"]
        if address and partner.get("country"):
            address["addressCountry"] = partner["country"]
        node = {"@type": "GovernmentOrganization", "@id": absolute(self.site_url, "#council"),
                "name": org["name"], "url": org["website"]}
        return node | ({"address": address} if address else {})

    def project(self, lang: str) -> dict:
        project = self.content.data[lang]["project"]
        prefix = self.languages_by_code[lang].prefix
        eu = {"@type": "GovernmentOrganization", "name": self.strings.get(lang, "european_union"),
              "url": self.strings.get(lang, "european_union_url")}
        return {
            "@type": "Project", "@id": absolute(self.site_url, "#project"),
            "name": project["title"], "alternateName": project["name"], "identifier": project["code"],
            "description": " ".join(project["summary"].split()),
            "url": absolute(self.site_url, prefix + "project/"), "sameAs": project["website"],
            "funder": eu,
            "funding": {"@type": "Grant", "name": project["programme"], "identifier": project["code"],
                        "funder": eu, "description": " ".join(project["funding_statement"].split())},
            "member": {"@id": absolute(self.site_url, "#council")},
        }

    def event(self, lang: str, url: str, item: dict) -> dict:
        prefix = self.languages_by_code[lang].prefix
        node = {"@type": "Event", "name": item["title"], "startDate": str(item["start"]),
                "endDate": str(item.get("end") or item["start"]),
                "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
                "eventStatus": "https://schema.org/EventScheduled",
                "location": {"@type": "Place", "name": item["place"], "address": item["place"]},
                "url": absolute(self.site_url, prefix + url)}
        if item.get("description"):
            node["description"] = " ".join(item["description"].split())
        return node

    @property
    def languages_by_code(self) -> dict[str, Language]:
        return {language.code: language for language in self.languages}


# -- after the build -------------------------------------------------------------------------

def absolute_alternates(html: str, page_url: str) -> str:
    """Material's hreflang links with absolute addresses (Lighthouse and Google want them so)."""
    head, sep, body = html.partition("</head>")
    return _ALTERNATE.sub(lambda m: m.group(1) + urljoin(page_url, m.group(2)) + m.group(3), head) + sep + body


def robots_txt(site_url: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {absolute(site_url, 'sitemap.xml')}\n"
