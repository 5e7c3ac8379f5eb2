"""A link checker for a built site: every internal link, image, script, style sheet and sitemap
entry leads to a file of the site, and every #fragment to an element of the page it names.

Links are read as a browser reads them: relative to the page's public address (SITE_URL), so
root-relative and absolute links to the site are checked too. Links to other sites are not
followed (the tests have no network); they are listed for the caller.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin

# (tag, attribute) pairs that name another file or place
LINK_ATTRS = {("a", "href"), ("link", "href"), ("img", "src"), ("script", "src"), ("source", "src"),
              ("iframe", "src"), ("form", "action")}


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("id",) + (("name",) if tag == "a" else ()):
            if attrs.get(name):
                self.ids.add(attrs[name])
        for attr in ("href", "src"):
            if (tag, attr) in LINK_ATTRS and attrs.get(attr) is not None:
                self.links.append(attrs[attr])
        if tag in ("img", "source") and attrs.get("srcset"):  # "url 400w, url 800w": every width
            self.links += [part.split()[0] for part in attrs["srcset"].split(",") if part.strip()]


def _read(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def check(site: Path, site_url: str) -> tuple[list[str], set[str]]:
    """(broken links as "page: link (why)", external addresses seen)."""
    pages = {p: _read(p) for p in site.rglob("*.html")}
    broken, external = [], set()

    def target(page_url: str, href: str) -> tuple[Path | None, str]:
        absolute, fragment = urldefrag(urljoin(page_url, href.strip()))
        if not absolute.startswith(site_url):
            return None, absolute
        rel = unquote(absolute[len(site_url):].split("?")[0])
        path = site / rel
        return (path / "index.html" if rel == "" or rel.endswith("/") or path.is_dir() else path), fragment

    for path, parsed in pages.items():
        rel = path.relative_to(site).as_posix()
        page_url = site_url + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        for href in parsed.links:
            if re.match(r"^(mailto|tel|javascript|data):", href):
                continue
            file, fragment = target(page_url, href)
            if file is None:
                if fragment.startswith(("http:", "https:")):
                    external.add(fragment)
                continue
            if not file.is_file():
                broken.append(f"{rel}: {href} (no file {file.relative_to(site).as_posix()})")
            elif fragment and file.suffix == ".html" and fragment not in pages[file].ids:
                broken.append(f"{rel}: {href} (no element #{fragment})")
    for sitemap in site.rglob("sitemap.xml"):
        for loc in ET.parse(sitemap).getroot().iter():
            href = loc.text if loc.tag.endswith("loc") else loc.get("href")
            if href and (file := target(site_url, href)[0]) is not None and not file.is_file():
                broken.append(f"{sitemap.relative_to(site).as_posix()}: {href} (no file)")
    return broken, external
