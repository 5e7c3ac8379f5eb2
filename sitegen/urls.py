"""Page addresses. Every page has the same path in every language; only the prefix differs."""
from __future__ import annotations

import html
import posixpath
import re
from urllib.parse import urlsplit


# Files every language has besides its pages (per language: /feed.xml, /en/feed.xml).
FEED = "feed.xml"
CALENDAR = "events/calendar.ics"
OPEN_DATA = "data/content.json"
LOCATOR = "locator.svg"  # the locator map (sitegen/europe_map.locator)
# The page presenting the home partner's territory (sections.yml `region`, project.yml `region`).
REGION = "region"
# Top-level folders of the site itself (theme files, media, share images, open data, search index,
# the web editor): no page may take their address.
SITE_FOLDERS = ("assets", "media", "share", "data", "search", "admin")
# A page whose source is 404.md becomes the theme's "not found" page, not a page of its own.
SITE_PAGES = ("404",)


def event_calendar(item_id: str) -> str:
    """One event as iCalendar, beside the calendar of all events."""
    return f"events/{item_id}.ics"


def page_url(section: str, item_id: str | None = None) -> str:
    """Site-relative directory URL of a page, e.g. "good-practices/x/"; "" for the home page."""
    parts = [p for p in (section, item_id) if p]
    return "/".join(parts) + "/" if parts else ""


def source_path(section: str, item_id: str | None = None) -> str:
    """The Markdown file, relative to the language folder, that MkDocs turns into page_url()."""
    if item_id is None:
        return f"{section}/index.md" if section else "index.md"
    return f"{section}/{item_id}.md" if section else f"{item_id}.md"


def relative(from_url: str, to_url: str) -> str:
    """A link from one page's directory URL to another site-relative URL, as a browser resolves it."""
    start, target = from_url.split("/"), to_url.split("/")
    if {".", ".."} & {*start, *target}:  # rare: let posixpath normalise them
        rel = posixpath.relpath("/" + to_url, "/" + from_url)
    else:  # what relpath computes, without its calls to the file system's path functions
        start, target = [p for p in start if p], [p for p in target if p]
        common = 0
        while common < min(len(start), len(target)) and start[common] == target[common]:
            common += 1
        rel = "/".join([".."] * (len(start) - common) + target[common:]) or "."
    if rel == ".":
        return "./"
    return rel + "/" if to_url.endswith("/") else rel


# -- which addresses content may link to -------------------------------------------------------------

LINK_SCHEMES = ("http", "https", "mailto", "tel")  # and addresses on this site, without a scheme
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
_STRIPPED = "".join(map(chr, range(0x21)))  # C0 controls and space, as the URL parser strips them


def as_browser_reads(address: str) -> str:
    """An address as a browser resolves it from an HTML attribute: character references decoded
    (`javascript&#58;` is `javascript:`), C0 controls and spaces at either end stripped, tabs and
    newlines anywhere removed, backslashes read as slashes."""
    text = html.unescape(address).strip(_STRIPPED)
    return re.sub(r"[\t\n\r]", "", text).replace("\\", "/")


def scheme(address: str) -> str | None:
    """The scheme of an address as the browser reads it, in lower case; None for a relative one."""
    found = _SCHEME.match(as_browser_reads(address))
    return found.group(1).lower() if found else None


def is_safe_link(address: str) -> bool:
    """A link visitors may follow: http(s), e-mail, telephone, or an address on this site."""
    return scheme(address) in (None, *LINK_SCHEMES)


def is_own_file(address: str) -> bool:
    """An address on this site: what images may load from (no third party ever sees a visitor)."""
    read = as_browser_reads(address)
    return scheme(address) is None and not read.startswith("//")


# Link and image addresses in Markdown, found without rendering it (the check stays fast): inline
# `[text](address)`, `![alt](address)`, reference definitions `[name]: address`, autolinks
# `<scheme:…>`. It may find more than Markdown would make a link: each is then checked all the same.
_INLINE = re.compile(r"(!?)\[[^\]]*\]\(\s*<?([^\s)>]*)")
_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S*?)>?(?:\s|$)", re.MULTILINE)
_AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>]*)>")


def markdown_addresses(text: str) -> list[tuple[str, bool]]:
    """(address, is an image) for every link and image in a Markdown text."""
    if "](" not in text and "]:" not in text and "<" not in text:
        return []
    found = [(m.group(2), m.group(1) == "!") for m in _INLINE.finditer(text)]
    found += [(m.group(1), False) for m in _DEFINITION.finditer(text)]
    found += [(m.group(1), False) for m in _AUTOLINK.finditer(text)]
    return found


_LINK_TEXT = re.compile(r"(?<!!)\[([^\]]*)\]\(\s*<?([^\s)>]*)")


def markdown_links(text: str) -> list[tuple[int, str, str]]:
    """(position, text, address) of every inline link of a Markdown text (images left out)."""
    return [(m.start(), m.group(1), m.group(2)) for m in _LINK_TEXT.finditer(text)] if "](" in text else []


def host_label(address: str) -> str:
    """What names a web address in a few letters: its host without "www." ("crungheni.md"); the
    address itself when it has no host."""
    host = urlsplit(address).hostname or ""
    return host.removeprefix("www.") or address


def source_labels(addresses) -> list[tuple[str, str]]:
    """(address, link text) for a list of sources, each named by its host; two addresses of one
    host are told apart by the end of their path ("crungheni.md/…/geografie")."""
    addresses = list(dict.fromkeys(addresses))
    hosts = [host_label(a) for a in addresses]
    labels = []
    for address, host in zip(addresses, hosts):
        last = [part for part in urlsplit(address).path.split("/") if part]
        labels.append((address, f"{host}/…/{last[-1]}" if hosts.count(host) > 1 and last else host))
    return labels
