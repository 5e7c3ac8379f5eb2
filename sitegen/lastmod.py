"""When each page's content last changed: the sitemap's <lastmod>, which search engines use to
decide what to crawl again.

A page's date is the last commit that changed the content files it is made of (`git log`), when
the project's history is there: that is when its text, as published, last changed. Without a
history (a copy of the project, a download) or for a file git does not know, the item's own date
stands in: a news item's `date`, an event's `start`, a document's or result's `date`, an
activity's or good practice's `start` — the day the content is about, never later than when it
was written. A date after the build's day (a planned event) is no modification date and gives
none; a page with no date at all has no <lastmod>, which the sitemap protocol allows. The build's
own day is never written: it changes every day for every page and says nothing.
"""
from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

from .content import Content
from .model import BY_KEY, TYPES

OWN_DATE = {"news": "date", "events": "start", "documents": "date", "results": "date", "activities": "start",
            "good_practices": "start"}
_LASTMOD = re.compile(r"(<loc>([^<]+)</loc>)(\s*)<lastmod>[^<]*</lastmod>")


def git_dates(root: Path, folder: str = "content") -> dict[str, dt.date]:
    """The day of the last commit that changed each file under `folder` (paths relative to
    `root`), from one `git log`; empty without git or a history. In a shallow clone, a file last
    changed before its oldest commit would get that commit's day: such files get none."""
    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=60,
                              check=True).stdout

    try:
        log = git("log", "--format=%x00%H %cs", "--name-only", "--relative", "--", folder)
        boundary = set(_shallow_commits(root, git)) if git("rev-parse", "--is-shallow-repository").strip() == "true" else set()
    except (OSError, subprocess.SubprocessError):
        return {}
    found: dict[str, dt.date | None] = {}
    for entry in log.split("\x00")[1:]:
        head, _, names = entry.partition("\n")
        commit, _, day = head.partition(" ")
        for name in names.splitlines():
            if name and name not in found:  # the newest commit comes first
                found[name] = None if commit in boundary else dt.date.fromisoformat(day)
    return {name: day for name, day in found.items() if day is not None}


def _shallow_commits(root: Path, git) -> list[str]:
    """The commits a shallow clone stops at (their files' older history is missing)."""
    path = Path(git("rev-parse", "--git-path", "shallow").strip())
    path = path if path.is_absolute() else root / path
    return path.read_text().split() if path.is_file() else []


class Dates:
    """Each page's <lastmod> (a date, or None when unknown), from the content and its history."""

    def __init__(self, content: Content, today: dt.date, history: dict[str, dt.date]):
        self.content = content
        self.today = today
        self.history = history

    def item(self, lang: str, key: str, item_id: str) -> dt.date | None:
        """An item's page: its file's last commit, else its own date."""
        source = lang if self.content.find(lang, key, item_id) else next(
            (o.code for o in self.content.languages if self.content.find(o.code, key, item_id)), lang)
        changed = self.history.get(self.content.file(source, key, item_id))
        if changed:
            return changed
        item = self.content.find(source, key, item_id) or {}
        own = item.get(OWN_DATE.get(key, ""))
        return own if isinstance(own, dt.date) and own <= self.today else None

    def record(self, lang: str, *keys: str) -> dt.date | None:
        """A record kind's file (project.yml, sections.yml): its last commit only."""
        return _newest(self.history.get(self.content.file(lang, key)) for key in keys)

    def section(self, lang: str, key: str) -> dt.date | None:
        """A section's index: the newest of its items and of the section titles and intros."""
        return _newest([self.record(lang, "sections")]
                       + [self.item(lang, key, item_id) for item_id in self.content.item_ids(key)])

    def page(self, lang: str, url: str) -> dt.date | None:
        """The date of the page at `url` (without the language prefix)."""
        parts = [p for p in url.split("/") if p]
        if not parts:  # the home page shows the project, the latest news and events
            return _newest([self.record(lang, "project", "sections"), self.section(lang, "news"),
                            self.section(lang, "events")])
        if parts[0] in ("project", "region"):
            return self.record(lang, "project", "sections")
        ctype = next((t for t in TYPES if t.is_list and t.section == parts[0]), None)
        if ctype is None:  # a page of the `pages` kind, at the site's root
            return self.item(lang, "pages", parts[0]) if len(parts) == 1 else None
        if len(parts) == 2 and BY_KEY[ctype.key].item_pages:
            return self.item(lang, ctype.key, parts[1])
        return self.section(lang, ctype.key)  # the index, and the news index's further pages


def _newest(values) -> dt.date | None:
    known = [v for v in values if v is not None]
    return max(known, key=lambda v: (v.year, v.month, v.day)) if known else None


def rewrite_sitemap(text: str, dates: dict[str, str]) -> str:
    """MkDocs' sitemap.xml with each page's own <lastmod> (absolute address -> W3C date), and none
    where the page has no known date: MkDocs writes the build's day everywhere."""
    def replace(match: re.Match) -> str:
        day = dates.get(match.group(2))
        return f"{match.group(1)}{match.group(3)}<lastmod>{day}</lastmod>" if day else match.group(1)
    return _LASTMOD.sub(replace, text)
