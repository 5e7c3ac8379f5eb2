"""What a visitor from a partner region sees first: the content with its sources, the locator
map, the territory's page, an honest timeline, and an identity that is configuration.

Checked on the real content as a whole (every item of it, never one by name: the officer may
change any) and on the fixture content, whose values the tests know."""
from __future__ import annotations

import datetime as dt
import math
import re
import xml.etree.ElementTree as ET

import pytest
import yaml

from conftest import FIXTURE_CONTENT, ROOT, html_pages
from contentfiles import read_items, read_record, shown_items
from htmlutil import Page, resolve
from sitegen import grid, identity
from sitegen.formatting import Formatter

LANGS = {"ro": "", "en": "en/"}
SVG = "{http://www.w3.org/2000/svg}"
REAL = ROOT / "content"
SITES = {"real_site": REAL, "fixture_site": FIXTURE_CONTENT}  # each built site and its content
COUNTRY = {"ro": Formatter({"babel": "ro"}).country, "en": Formatter({"babel": "en_GB"}).country}


def _prefix(site, lang):
    return site / LANGS[lang]


def _source_links(page: Page) -> list[str]:
    """The addresses of the page's "Source:" paragraph (templates/_macros.html, `source`)."""
    found = re.findall(r'<p class="ms-source">(.*?)</p>', page.source, re.S)
    return [href for block in found for href in re.findall(r'href="([^"]+)"', block)]


def _text_of_time(page: Page, iso: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", t) for t in re.findall(rf'<time datetime="{re.escape(iso)}">(.*?)</time>', page.source)]


@pytest.fixture(params=list(SITES))
def built(request):
    """(site, content folder): the real site and the fixture's, in turn."""
    return request.getfixturevalue(request.param), SITES[request.param]


# -- the content, sourced ---------------------------------------------------------------------

SECTIONS = ("resources", "evidence", "difficulties", "transfer")  # templates/good_practice.html


@pytest.mark.parametrize("lang", LANGS)
def test_every_good_practice_is_published_with_its_source_and_only_the_sections_it_fills(built, lang):
    site, content = built
    practices = shown_items(content, lang, "good_practices")
    assert practices or content == REAL
    index = Page(_prefix(site, lang) / "good-practices" / "index.html")
    for item in practices:
        page = Page(_prefix(site, lang) / "good-practices" / item["id"] / "index.html")
        assert page.lang == lang and page.find_all("h1"), item["id"]
        assert _source_links(page) == ([item["source"]] if item.get("source") else []), item["id"]
        assert f'href="{item["id"]}/"' in index.source
        # The Interreg template's fields the item fills, and none it leaves empty.
        ids = {h.get("id") for h in page.find_all("h2")}
        assert {name for name in SECTIONS if name in ids} == {name for name in SECTIONS if item.get(name)}, item["id"]
        assert ("further-information" in ids) == bool(item.get("website") or item.get("contact")), item["id"]
        assert (("Perioada" if lang == "ro" else "Timescale") in page.text) == ("start" in item), item["id"]
        if "start" in item:
            assert page.find_all("time", datetime=str(item["start"])), item["id"]


@pytest.mark.parametrize("lang", LANGS)
def test_every_news_item_and_event_is_published_with_its_source_and_date(built, lang):
    site, content = built
    for kind, field in (("news", "date"), ("events", "start")):
        for item in shown_items(content, lang, kind):
            page = Page(_prefix(site, lang) / kind / item["id"] / "index.html")
            assert page.lang == lang, item["id"]
            assert _source_links(page) == ([item["source"]] if item.get("source") else []), item["id"]
            if item.get(field) is None:
                assert not page.find_all("time"), item["id"]  # the source gives no date: none is made up
                continue
            iso = str(item[field])
            assert page.find_all("time", datetime=iso), item["id"]
            if re.fullmatch(r"\d{4}(-\d{2})?", iso):  # a month or a year: no day the source does not give
                assert not [t for t in _text_of_time(page, iso) if re.match(r"\s*\d{1,2}[ .]", t)], item["id"]


@pytest.mark.parametrize("lang", LANGS)
def test_dates_known_to_the_month_are_months_on_the_fixture(fixture_site, lang):
    page = Page(_prefix(fixture_site, lang) / "news" / "month-only" / "index.html")
    assert _text_of_time(page, "2023-07") == ["iulie 2023" if lang == "ro" else "July 2023"]
    event = Page(_prefix(fixture_site, lang) / "events" / "month-event" / "index.html")
    assert _text_of_time(event, "2024-12") == ["decembrie 2024" if lang == "ro" else "December 2024"]


@pytest.mark.parametrize("lang", LANGS)
def test_undated_news_are_listed_after_every_dated_one(built, lang):
    site, content = built
    folder = _prefix(site, lang) / "news"
    pages = [folder / "index.html"] + sorted((folder / "page").glob("*/index.html"), key=lambda p: int(p.parent.name))
    listing = "".join(Page(path).source for path in pages)
    news = shown_items(content, lang, "news")
    place = {item["id"]: listing.index(f'/{item["id"]}/"') if f'/{item["id"]}/"' in listing
             else listing.index(f'"{item["id"]}/"') for item in news}
    dated = [place[i["id"]] for i in news if i.get("date") is not None]
    undated = [place[i["id"]] for i in news if i.get("date") is None]
    assert all(u > max(dated, default=-1) for u in undated)
    if content == FIXTURE_CONTENT:
        assert dated and undated


# -- the locator map ----------------------------------------------------------------------------

def _home(content, lang: str) -> dict:
    """The partner that publishes the site (project.yml, organisation.partner)."""
    project = read_record(content, lang, "project")
    return next(p for p in shown_items(content, lang, "partners") if p["id"] == project["organisation"]["partner"])


def test_locator_map_shows_the_partner_countries_and_the_home_partner(built):
    site, content = built
    for lang in LANGS:
        project, home = read_record(content, lang, "project"), _home(content, lang)
        region = project["region"]
        svg = ET.parse(_prefix(site, lang) / "locator.svg").getroot()
        shaded = {p.get("data-country") for p in svg.iter(f"{SVG}path") if p.get("data-country")}
        assert shaded == set(project["partner_countries"])
        labels = [t.text for t in svg.iter(f"{SVG}text")]
        assert home["city"] in labels
        assert (region.get("border_name") in labels) == bool(region.get("border_name") and region.get("border_country"))
        for path in ("",):  # the home page; the district page has a map of its own (test_district.py)
            page = Page(_prefix(site, lang) / path / "index.html")
            (img,) = [i for i in page.find_all("img") if i.get("src", "").endswith("locator.svg")]
            assert resolve(site, page.path, img["src"]) == _prefix(site, lang) / "locator.svg"
            assert home["city"] in img["alt"] and str(len(project["partner_countries"])) in img["alt"]
            assert img["width"] and img["height"]
            if region.get("border_country"):
                assert COUNTRY[lang](region["border_country"]) in img["alt"]


def test_locator_map_puts_a_home_partner_on_its_border(fixture_site):
    """The fixture's home partner is in Ungheni, on the Prut, the border with Romania."""
    for lang in LANGS:
        svg = ET.parse(_prefix(fixture_site, lang) / "locator.svg").getroot()
        home = next(c for c in svg.iter(f"{SVG}circle") if c.get("class") == "home")
        x, y = float(home.get("cx")), float(home.get("cy"))
        border = next(p for p in svg.iter(f"{SVG}path") if p.get("class") == "border").get("d")
        points = [tuple(map(float, pair.split())) for pair in re.findall(r"[\d.]+ [\d.]+", border)]
        assert min(math.dist((x, y), p) for p in points) < 25, "Ungheni lies on the border, the Prut"
        assert ("Râul de test" if lang == "ro" else "Test river") in [t.text for t in svg.iter(f"{SVG}text")]
        assert ("România" if lang == "ro" else "Romania") in Page(_prefix(fixture_site, lang) / "index.html").source


# -- the territory's page -----------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_territory_page_is_in_the_navigation_with_its_facts_and_sources(built, lang):
    site, content = built
    project = read_record(content, lang, "project")
    region, org = project["region"], project["organisation"]
    home = Page(_prefix(site, lang) / "index.html")
    news = shown_items(content, lang, "news")
    for path in [home.path] + [_prefix(site, lang) / "news" / item["id"] / "index.html" for item in news[:1]]:
        page = Page(path)
        tabs = [a for a in page.links("md-tabs__link")
                if resolve(site, path, a["href"]) == _prefix(site, lang) / "region" / "index.html"]
        assert tabs, path
    assert re.search(r'class="md-tabs__link">\s*' + re.escape(region["title"]), home.source)
    page = Page(_prefix(site, lang) / "region" / "index.html")
    text = page.text.replace("\u00a0", " ").replace("\u202f", " ")
    assert page.lang == lang and region["title"] in text
    facts = [f["label"] for f in region.get("figures", [])] + [org["name"]]
    facts += [org["address"]] if org.get("address") else []
    assert not [fact for fact in facts if " ".join(fact.split()) not in text]
    hrefs = {a.get("href") for a in page.links()}
    assert {s["url"] for s in region.get("sources", [])} | {f["source"] for f in region.get("figures", []) if "source" in f} <= hrefs
    assert org["website"] in hrefs  # a link named by its host (test_district.py)
    if content == FIXTURE_CONTENT:  # figures in the language's own format
        assert ("1 083 km²" if lang == "ro" else "1,083 km²") in text


# -- an honest timeline -------------------------------------------------------------------------

def _timeline_rows(page: Page) -> list[str]:
    """The timeline's rows as HTML, in order: one per activity, then the events of no activity."""
    chart = page.source.split('class="ms-timeline__rows">')[1].split("</ol>\n</div>\n</section>")[0]
    return chart.split('<li class="ms-timeline__row')[1:]


def _inside(event: dict, start: dt.date, end: dt.date) -> bool:
    first, last = str(event["start"]), str(event.get("end") or event["start"])
    return first[:len(str(end))] <= str(end) and last >= str(start)[:len(last)]


def test_timeline_draws_bars_only_for_periods_and_marks_events_and_today(real_site, fixture_site):
    today = dt.date.today()
    for site, content in ((real_site, ROOT / "content"), (fixture_site, FIXTURE_CONTENT)):
        for lang in LANGS:
            activities, events = shown_items(content, lang, "activities"), shown_items(content, lang, "events")
            project = read_record(content, lang, "project")
            strings = yaml.safe_load((ROOT / "strings" / f"{lang}.yml").read_text(encoding="utf-8"))
            page = Page(_prefix(site, lang) / "activities" / "index.html")
            rows = _timeline_rows(page)
            ids = {a["id"] for a in activities}
            others = [e for e in events if e.get("activity") not in ids]
            assert len(rows) == len(activities) + bool(others)
            for activity, row in zip(activities, rows):
                own = [e for e in events if e.get("activity") == activity["id"]]
                drawn = [e for e in own if _inside(e, project["start"], project["end"])]
                assert ("ms-timeline__bar" in row) == ("start" in activity), activity["id"]
                assert ("ms-timeline__track" in row) == ("start" in activity or bool(drawn)), activity["id"]
                assert row.count('class="ms-timeline__mark') == len(drawn), activity["id"]
                # Nothing drawn, or no period: said in words.
                if "start" not in activity:
                    said = strings["timeline_no_period"] if own else strings["timeline_nothing"]
                    assert said in row, activity["id"]
                for event in own:  # its events as text, each with its date
                    assert f'href="../events/{event["id"]}/"' in row and f'datetime="{event["start"]}"' in row
            # Every event once: no row repeats another's.
            chart = "".join(rows)
            for event in events:
                assert chart.count(f'href="../events/{event["id"]}/"') == 1, event["id"]
            if others:
                assert 'ms-timeline__row--other' in rows[-1] and strings["timeline_other_events"] in rows[-1]
            # Every year of the period labelled; a legend; today named in words and placed.
            years = re.findall(r'class="ms-timeline__year"[^>]*>(\d{4})<', page.source)
            assert years == [str(y) for y in range(project["start"].year, project["end"].year + 1)]
            legend = page.source.split('class="ms-timeline__legend"')[1].split("</ul>")[0]
            assert strings["timeline_key_today"] in legend
            assert ("ms-timeline__key--bar" in legend) == any("start" in a for a in activities)
            assert page.find_all("time", datetime=today.isoformat())
            assert re.search(r'class="ms-timeline__chart" style="--today: [\d.]+%"', page.source)
            assert ("Azi" if lang == "ro" else "Today") in page.text
    # The fixture's study (1 February – 30 June 2024, in a 2024–2026 project) and its December event.
    page = Page(fixture_site / "en" / "activities" / "index.html")
    bar = re.search(r'ms-timeline__bar" style="left: ([\d.]+)%; width: ([\d.]+)%', page.source)
    total = (dt.date(2026, 12, 31) - dt.date(2024, 1, 1)).days
    assert float(bar[1]) == pytest.approx(31 / total * 100, abs=0.02)
    assert float(bar[2]) == pytest.approx((dt.date(2024, 6, 30) - dt.date(2024, 2, 1)).days / total * 100, abs=0.02)
    months = re.findall(r'ms-timeline__mark--month" style="left: ([\d.]+)%; width: max\(var\(--mark\), ([\d.]+)%\)',
                        page.source)
    december = (dt.date(2024, 12, 1) - dt.date(2024, 1, 1)).days / total * 100
    assert [(float(a), float(b)) for a, b in months] == [
        (pytest.approx(december + 15 / total * 100, abs=0.02), pytest.approx(30 / total * 100, abs=0.02))]
    legend = page.source.split('class="ms-timeline__legend"')[1].split("</ul>")[0]
    assert all(f"ms-timeline__key--{key}" in legend for key in ("bar", "event", "month", "today"))
    # The future workshop, of no activity and after the period: in the text, not on the line.
    other = _timeline_rows(page)[-1]
    assert "The future workshop" in other and "ms-timeline__track" not in other


# -- identity is configuration ------------------------------------------------------------------

def test_identity_comes_from_its_file_and_reskins_every_page(real_site, fixture_site):
    for site, content, name in ((real_site, REAL, read_record(REAL, None, "identity")["site_name"]),
                                (fixture_site, FIXTURE_CONTENT, "DEMO Test Site")):
        palette = yaml.safe_load((content / "identity.yml").read_text(encoding="utf-8"))["palette"]
        for path in html_pages(site)[::7]:
            page = Page(path)
            assert f"--md-primary-fg-color:{palette['primary']}" in page.source, path
            assert f"--ms-surface:{palette['surface']}" in page.source
            assert page.find_all("meta", property="og:site_name", content=name)
            assert name in page.source.split("</title>")[0]
    # Re-skinning takes the identity file only: no palette colour is written anywhere else.
    real = yaml.safe_load((ROOT / "content" / "identity.yml").read_text(encoding="utf-8"))["palette"]
    written = "".join(p.read_text(encoding="utf-8").lower() for p in (ROOT / "docs/assets/css").glob("*.css")) + "".join(
        p.read_text(encoding="utf-8").lower() for p in (ROOT / "templates").iterdir())
    assert not [c for name, c in real.items() if name != "on_primary" and c.lower() in written]
    # The organisation's visual, when the officer adds one, opens the home page with its alt text.
    for lang, alt in (("ro", "Sigla organizației de test"), ("en", "Logo of the test organisation")):
        home = Page(_prefix(fixture_site, lang) / "index.html")
        (img,) = home.find_all("img", class_="ms-hero__visual")
        assert img["alt"] == alt and int(img["height"]) <= 48  # never larger than the EU emblem
    assert not Page(real_site / "index.html").find_all("img", class_="ms-hero__visual")


def test_contrast_ratios_follow_wcag():
    assert identity.contrast("#000000", "#ffffff") == pytest.approx(21)
    assert identity.contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    real = yaml.safe_load((ROOT / "content" / "identity.yml").read_text(encoding="utf-8"))["palette"]
    colours = {**real, identity.WHITE: identity.WHITE, identity.TEXT: identity.TEXT}
    assert all(identity.contrast(colours[a], colours[b]) >= 4.5 for a, b in identity.PAIRS)


# Ordinary words that names are made of; interface text may use them.
# "Europe" is what the locator map draws whatever the project (sitegen/europe_map.py).
GENERIC = {"for", "city", "town", "local", "locale", "integration", "central", "west", "regional", "development",
           "fund", "district", "council", "university", "applied", "sciences", "institute", "municipality",
           "europe"}


def _project_words() -> set[str]:
    """Every word of the project's, the organisations' and the places' names, in every language."""
    words = set()
    for lang in LANGS:
        project = yaml.safe_load((ROOT / "content" / lang / "project.yml").read_text(encoding="utf-8"))
        names = [project["name"], project["title"], project["official_name"], project["code"], project["programme"],
                 project["organisation"]["name"], project["region"]["title"]]
        for partner in read_items(REAL, lang, "partners", drafts=True):
            names += [partner["name"], partner["city"]]
        names.append(yaml.safe_load((ROOT / "content" / "identity.yml").read_text(encoding="utf-8"))["site_name"])
        for name in names:
            words |= {w.lower() for w in re.findall(r"[^\W_]{3,}", name) if not w.isdigit()}
    return words - GENERIC


def _texts(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from _texts(v)
    elif isinstance(value, str):
        yield value


def test_interface_strings_templates_and_hooks_name_no_project_organisation_or_place():
    words = _project_words()
    project = read_record(REAL, "en", "project")
    assert {w.lower() for w in re.findall(r"[^\W_]{3,}", project["name"] + " " + project["code"])} - GENERIC <= words
    assert len(words) > 10
    found = []
    for path in sorted((ROOT / "strings").glob("*.yml")):
        for text in _texts(yaml.safe_load(path.read_text(encoding="utf-8"))):
            found += [(path.name, w, text) for w in re.findall(r"[^\W_]{3,}", text.lower()) if w in words]
    for path in sorted([*(ROOT / "templates").iterdir(), *(ROOT / "hooks").glob("*.py"), *(ROOT / "overrides").rglob("*.html")]):
        text = path.read_text(encoding="utf-8").lower()
        found += [(path.name, w, "") for w in set(re.findall(r"[^\W_]{3,}", text)) if w in words]
    assert not found, found


# -- balanced grids -----------------------------------------------------------------------------

@pytest.mark.parametrize("count", range(1, 13))
def test_grid_never_leaves_a_card_alone_on_a_row(count):
    for widest in grid.BANDS.values():
        cols, span = grid.columns(count, widest)
        assert 1 <= cols <= widest
        last_row = count % cols or cols
        assert cols == 1 or last_row >= 2, (count, cols)
        assert span == (1 if count % cols == 0 else cols - last_row + 1)
