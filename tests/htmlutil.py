"""Small readers of built HTML, on the standard library's parser."""
from __future__ import annotations

import html
import os
import re
from html.parser import HTMLParser
from pathlib import Path

from conftest import BASE_PATH  # the path of SITE_URL in the test builds


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {k: v or "" for k, v in attrs}))
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


class Page:
    def __init__(self, path: Path):
        self.path = path
        self.source = path.read_text(encoding="utf-8")
        collector = _Collector()
        collector.feed(self.source)
        self.elements = collector.elements
        # Non-breaking spaces are how numbers stay whole on a line; compare with plain spaces.
        self.text = re.sub(r"\s+", " ", " ".join(collector.text).replace("\u00a0", " ").replace("\u202f", " "))

    def find_all(self, tag: str, **attrs) -> list[dict]:
        return [a for t, a in self.elements if t == tag and all(
            (v in a.get(k.rstrip("_"), "").split()) if k == "class_" else a.get(k) == v for k, v in attrs.items())]

    @property
    def lang(self) -> str:
        return self.find_all("html")[0].get("lang", "")

    def links(self, class_: str | None = None) -> list[dict]:
        return self.find_all("a", class_=class_) if class_ else self.find_all("a")


def resolve(site: Path, page: Path, href: str) -> Path | None:
    """The file a relative link of a built page leads to, or None for external links."""
    href = html.unescape(href).split("#")[0].split("?")[0]
    if not href or re.match(r"^[a-z]+:", href):
        return None
    if href.startswith(BASE_PATH):
        target = site / href[len(BASE_PATH):]
    elif href.startswith("/"):
        return site / "__outside_the_site__" / href.lstrip("/")
    else:
        target = (page.parent / href)
    target = Path(os.path.normpath(target))
    return target / "index.html" if href.endswith("/") or target.is_dir() else target
