"""The requirements of RFC 4287 (The Atom Syndication Format) that a feed reader relies on, as
checks on a feed's XML: what a parser such as feedparser forgives, the W3C validator does not.
Each returns the list of what is wrong, in the RFC's words and section."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

ATOM = "{http://www.w3.org/2005/Atom}"
# RFC 3339 date-time (§3.3): full date, "T", time, and a time-zone offset or "Z".
DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")


def problems(xml: bytes) -> list[str]:
    root = ET.fromstring(xml)
    if root.tag != ATOM + "feed":
        return ["the document element is not atom:feed"]
    found = _exactly_one(root, "feed", ("id", "title", "updated"))
    entries = root.findall(ATOM + "entry")
    feed_has_author = bool(root.findall(ATOM + "author"))
    if not feed_has_author and not all(entry.findall(ATOM + "author") for entry in entries):
        found.append("§4.1.1: atom:feed MUST contain one or more atom:author elements, unless all of "
                     "the atom:feed element's child atom:entry elements contain at least one atom:author")
    found += _links(root, "feed")
    found += _common(root, "feed")
    for number, entry in enumerate(entries, 1):
        where = f"entry {number}"
        found += _exactly_one(entry, where, ("id", "title", "updated"))
        found += _links(entry, where)
        found += _common(entry, where)
        content = entry.find(ATOM + "content")
        if content is None and not [l for l in entry.findall(ATOM + "link") if l.get("rel", "alternate") == "alternate"]:
            found.append(f"§4.1.2 ({where}): without atom:content, an entry MUST contain a link rel=\"alternate\"")
        if content is not None and content.get("src") and entry.find(ATOM + "summary") is None:
            found.append(f"§4.1.2 ({where}): content with src needs an atom:summary")
    return found


def _exactly_one(element, where: str, names) -> list[str]:
    return [f"§4.1 ({where}): MUST contain exactly one atom:{name}" for name in names
            if len(element.findall(ATOM + name)) != 1]


def _common(element, where: str) -> list[str]:
    found = []
    identifier = element.findtext(ATOM + "id") or ""
    if not urlsplit(identifier.strip()).scheme:
        found.append(f"§4.2.6 ({where}): atom:id MUST be an absolute IRI, not {identifier!r}")
    for name in ("updated", "published"):
        for date in element.findall(ATOM + name):
            if not DATE_TIME.fullmatch((date.text or "").strip()):
                found.append(f"§3.3 ({where}): atom:{name} MUST be an RFC 3339 date-time, not {date.text!r}")
    for person in element.findall(ATOM + "author") + element.findall(ATOM + "contributor"):
        if len(person.findall(ATOM + "name")) != 1 or not (person.findtext(ATOM + "name") or "").strip():
            found.append(f"§3.2.1 ({where}): a Person construct MUST contain exactly one atom:name")
        uri = person.findtext(ATOM + "uri")
        if uri is not None and not urlsplit(uri.strip()).scheme:
            found.append(f"§3.2.2 ({where}): atom:uri MUST be an IRI reference, not {uri!r}")
    return found


def _links(element, where: str) -> list[str]:
    found = []
    seen = set()
    for link in element.findall(ATOM + "link"):
        if not link.get("href"):
            found.append(f"§4.2.7.1 ({where}): atom:link MUST have an href attribute")
        if link.get("rel", "alternate") == "alternate":
            key = (link.get("type"), link.get("hreflang"))
            if key in seen:
                found.append(f"§4.1.1 ({where}): at most one alternate link with the same type and hreflang")
            seen.add(key)
    return found
