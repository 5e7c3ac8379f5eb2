"""Marks the links whose text is their own address, so that the print style sheet prints the
address after every other external link only (docs/assets/css/site.css, "Printing"): a printed
page shows where each link leads, and never the same address twice."""
from __future__ import annotations

import re

MARK = " data-ms-url-shown"
_LINK = re.compile(r'<a href="(https?://[^"]+)"([^>]*)>([^<]*)</a>')


def _bare(address: str) -> str:
    return re.sub(r"^https?://(www\.)?", "", address.strip()).rstrip("/")


def mark_links_showing_their_address(page: str) -> str:
    def mark(match: re.Match) -> str:
        href, attributes, text = match.groups()
        if MARK in attributes or _bare(text) != _bare(href):
            return match.group(0)
        return f'<a href="{href}"{attributes}{MARK}>{text}</a>'
    return _LINK.sub(mark, page)
