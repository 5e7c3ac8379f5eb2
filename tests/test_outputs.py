"""What visitors and other sites take away: feeds, calendars, open data, the map, pagination."""
from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET

import feedparser
import pytest
import yaml
from icalendar import Calendar

import atom_rules
from conftest import FIXTURE_CONTENT, ROOT, build, copy_project
from contentfiles import read_items, read_record, write_item
from htmlutil import Page, resolve
from sitegen.generate import generate
from sitegen.languages import Language

LANGS = {"ro": "", "en": "en/"}
SITE_URL = "https://example.org/site/"  # as in conftest.build


def _content(lang: str, key: str, content=ROOT / "content") -> list[dict]:
    """The items of a kind as the site lists them (the real content unless said): tests read the
    content as a whole and never name one of its items, which the officer may change at will."""
    return read_items(content, lang, key)


def _local(site, url: str):
    assert url.startswith(SITE_URL), url
    path = site / url[len(SITE_URL):]
    return path / "index.html" if url.endswith("/") else path


@pytest.mark.parametrize("lang", LANGS)
def test_news_feed_is_valid_atom_with_every_item(real_site, lang):
    feed = feedparser.parse((real_site / LANGS[lang] / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert feed.feed.language == lang
    titles = {entry.title for entry in feed.entries}
    # Atom needs an instant: items the sources give no date stay out of the feed.
    assert titles == {item["title"] for item in _content(lang, "news") if item.get("date")}
    for entry in feed.entries:
        assert _local(real_site, entry.link).is_file()


@pytest.mark.parametrize("lang", LANGS)
def test_news_feed_meets_rfc_4287(real_site, fixture_site, lang):
    """Parsing is not enough: feedparser accepts a feed without any author; the RFC does not."""
    for site in (real_site, fixture_site):
        feed = (site / LANGS[lang] / "feed.xml").read_bytes()
        assert atom_rules.problems(feed) == []
        author = ET.fromstring(feed).find(atom_rules.ATOM + "author")
        assert author.findtext(atom_rules.ATOM + "name") == _project(lang)["organisation"]["name"] or site != real_site


def test_the_rfc_checks_find_a_feed_without_author(real_site):
    feed = (real_site / "feed.xml").read_text(encoding="utf-8")
    without = re.sub(r"<author>.*?</author>", "", feed, flags=re.S)
    assert without != feed and feedparser.parse(without.encode()).bozo == 0  # a parser takes it …
    assert any("§4.1.1" in p for p in atom_rules.problems(without.encode()))  # … the RFC does not


def _project(lang: str) -> dict:
    return read_record(ROOT / "content", lang, "project")


def test_every_page_links_its_languages_feed(real_site):
    for lang, prefix in LANGS.items():
        for path in (real_site / prefix).glob("*/index.html"):
            if lang == "ro" and path.parent.name in ("en", "admin"):  # admin: the web editor, no page
                continue
            links = Page(path).find_all("link", type="application/atom+xml")
            assert links and resolve(real_site, path, links[0]["href"]) == real_site / prefix / "feed.xml"


@pytest.mark.parametrize("which", ["real_site", "fixture_site"])
@pytest.mark.parametrize("lang", LANGS)
def test_calendars_parse_and_hold_every_event(request, which, lang):
    # Calendars hold days: an event the sources date to the month only (e.g. 2024-12) stays out.
    real_site = request.getfixturevalue(which)
    content = ROOT / "content" if which == "real_site" else FIXTURE_CONTENT
    events = [e for e in _content(lang, "events", content) if isinstance(e["start"], dt.date)]
    if which == "fixture_site":  # the fixture has both: the test always has something to check
        assert 0 < len(events) < len(_content(lang, "events", content))
    calendar = Calendar.from_ical((real_site / LANGS[lang] / "events" / "calendar.ics").read_bytes())
    found = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert set(found) == {e["title"] for e in events}
    for event in events:
        single = Calendar.from_ical((real_site / LANGS[lang] / "events" / f"{event['id']}.ics").read_bytes())
        (vevent,) = single.walk("VEVENT")
        assert vevent.decoded("DTSTART") == event["start"]
        assert vevent.decoded("DTEND") == event.get("end", event["start"]) + dt.timedelta(days=1)
        assert _local(real_site, str(vevent["URL"])).is_file()
        page = Page(real_site / LANGS[lang] / "events" / event["id"] / "index.html")
        ics = [a for a in page.links() if a.get("href", "").endswith(".ics")]
        assert ics and resolve(real_site, page.path, ics[0]["href"]).is_file()


@pytest.mark.parametrize("lang", LANGS)
def test_open_data_holds_all_content(real_site, lang):
    data = json.loads((real_site / LANGS[lang] / "data" / "content.json").read_text(encoding="utf-8"))
    assert data["language"] == lang
    assert data["project"]["code"] == _project(lang)["code"]
    for key in ("activities", "results", "good_practices", "partners", "events", "news", "documents"):
        assert [i["id"] for i in data[key]] == [i["id"] for i in _content(lang, key)], key
        for item in data[key]:
            if key != "documents":
                assert _local(real_site, item["url"]).is_file()


def test_partners_map_has_a_linked_marker_per_partner(real_site):
    for lang, prefix in LANGS.items():
        page = Page(real_site / prefix / "partners" / "index.html")
        markers = page.find_all("a", class_="ms-map__marker")
        partners = _content(lang, "partners")
        assert len(markers) == len(partners)
        for marker, partner in zip(markers, partners):
            assert partner["name"] in marker["aria-label"]
            assert resolve(real_site, page.path, marker["href"]) == \
                real_site / prefix / "partners" / partner["id"] / "index.html"
        assert len([m for m in markers if "is-home" in m["class"].split()]) == 1
        assert "<script" not in page.source.split('class="ms-map"')[1].split("</figure>")[0]


def test_timeline_places_every_activity(real_site):
    for lang, prefix in LANGS.items():
        page = Page(real_site / prefix / "activities" / "index.html")
        rows = [r for r in page.find_all("li", class_="ms-timeline__row") if "ms-timeline__row--other" not in r["class"]]
        assert len(rows) == len(_content(lang, "activities"))
        for event in _content(lang, "events"):
            assert event["title"] in page.text


def test_news_are_paginated_newest_first(tmp_path):
    project = copy_project(tmp_path / "p")
    for lang in ("ro", "en"):
        for path in (project / "content" / lang / "news").glob("*.yml"):
            path.unlink()
        for i in range(25):
            write_item(project, "news", f"n{i:02d}", yaml.safe_dump(
                {"title": f"Știrea {i}", "date": dt.date(2024, 1, 1) + dt.timedelta(days=i), "summary": f"Rezumat {i}"},
                allow_unicode=True), lang)
    docs = project / "docs"
    generate(project, docs, [Language("ro", "Română", True), Language("en", "English")],
             today=dt.date(2025, 1, 1))
    for lang in ("ro", "en"):
        first = (docs / lang / "news" / "index.md").read_text(encoding="utf-8")
        assert first.index("n24") < first.index("n15") and "n14" not in first
        assert (docs / lang / "news" / "page" / "2.md").is_file()
        third = (docs / lang / "news" / "page" / "3.md").read_text(encoding="utf-8")
        assert "n04" in third and 'aria-current="page">3' in third
        assert not (docs / lang / "news" / "page" / "4.md").exists()
    # The strict build accepts the extra pages (kept out of the sidebar like every item page).
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = Page(tmp_path / "site" / "en" / "news" / "page" / "3" / "index.html")
    assert page.lang == "en" and "n00" in page.source


def test_home_shows_key_figures_latest_news_and_progress(real_site):
    page = Page(real_site / "en" / "index.html")
    cards = page.find_all("li", class_="ms-card")
    assert len(cards) >= 5
    countries, partners = len(_project("en")["partner_countries"]), len(_content("en", "partners"))
    assert f"{countries} Partner countries" in page.text and f"{partners} partner organisations" in page.text
    news = sorted([i for i in _content("en", "news") if "date" in i], key=lambda i: str(i["date"]), reverse=True)
    for item in news[:3]:
        assert item["title"] in page.text
    progress = page.find_all("span", class_="ms-progress")
    assert progress and "%" in progress[0]["aria-label"]
