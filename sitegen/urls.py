"""Page addresses. Every page has the same path in every language; only the prefix differs."""
from __future__ import annotations

import posixpath


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
    rel = posixpath.relpath("/" + to_url, "/" + from_url)
    if rel == ".":
        return "./"
    return rel + "/" if to_url.endswith("/") else rel
