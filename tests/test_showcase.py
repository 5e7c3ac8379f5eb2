"""What a visitor from a partner region sees first: the real content with its sources, the locator
map, the territory's page, an honest timeline, and an identity that is configuration."""
from __future__ import annotations

import datetime as dt
import math
import re
import xml.etree.ElementTree as ET

import pytest
import yaml

from conftest import FIXTURE_CONTENT, ROOT, html_pages
from htmlutil import Page, resolve
from sitegen import grid, identity

LANGS = {"ro": "", "en": "en/"}
SVG = "{http://www.w3.org/2000/svg}"

# The sources' good practices and news, each with its source (the public pages they were read on).
GOOD_PRACTICES = {
    "juttuklubi-jyvaskyla": "https://www.interregeurope.eu/good-practices/juttuklubi-jyvaskyla",
    "haluatko-yrittajaksi": "https://www.interregeurope.eu/good-practices/haluatko-yrittajaksi-want-to-be-an-entrepreneur-info-sessions-by-the-city-of-jyvaskyla",
    "health-care-education-wijkleerbedrijf": "https://www.interregeurope.eu/good-practices/health-care-education-for-foreigners-with-no-prior-education",
    "grotius-minor": "https://www.interregeurope.eu/good-practices/grotius-minor-grants-recognized-refugees-access-to-community-entrepreneurship-and-higher-education",
    "burgenlandkreis-integration-network": "https://www.interregeurope.eu/good-practices/integration-network-of-the-district-of-burgenlandkreis",
}
NEWS = {
    "kick-off-meeting": "https://www.eptanews.gr/ellada/pkm-enarktiria-synantisi-gia-to-ergo-milestone/",
    "press-article-nine-regions": "https://www.l-iz.de/wirtschaft/metropolregion/2023/07/wenn-heimische-fachkrafte-fehlen-milestone-zuwanderungspotenziale-544497",
    "second-stakeholder-meeting-central-macedonia": "https://www.interregeurope.eu/milestone/news-and-events/news/2nd-stekholder-meeting-in-central-macedonia",
    "cross-project-exchange": "https://www.interregeurope.eu/sirm/news-and-events/news/cross-project-exchange",
    "workshop-international-students-jyvaskyla": "https://www.interregeurope.eu/milestone/news-and-events/news/workshop-for-international-students-in-jyvaskyla",
    "peer-review-groningen": "https://www.interregeurope.eu/milestone/news-and-events/news/peer-review-in-groningen",
    "peer-review-postojna": "https://www.interregeurope.eu/milestone/news-and-events/news/peer-review-in-postojna",
    "ungheni-study-on-track": "https://www.interregeurope.eu/milestone/news-and-events/news/ungheni-study-elaboration-on-track",
    "ungheni-working-group-baseline-study": "https://crungheni.md/sedinta-in-baza-studiului-elaborat-de-catre-expertii-srl-eastern-marketing-insigths/",
    "restricted-call-to-join-projects": "https://westernbalkans-infohub.eu/calls/interreg-europe-restricted-call-to-join-projects/",
    "sixth-stakeholder-meeting-jyvaskyla": "https://www.interregeurope.eu/milestone/news-and-events/news/6th-stakeholder-meeting-in-jyvaskyla",
    "peer-study-trip-thessaloniki": "https://refugees.ymca.gr/milestones-program-visit/",
}
EVENTS = {
    "kick-off-meeting": ("2023-06-13", "13 iunie 2023 – 14 iunie 2023", "13 June 2023 – 14 June 2023"),
    "central-macedonia-stakeholder-meeting": ("2024-02-05", "5 februarie 2024", "5 February 2024"),
    "thessaloniki-peer-study-trip": ("2024-02-28", "28 februarie 2024", "28 February 2024"),
    "jyvaskyla-stakeholder-meeting": ("2024-10-28", "28 octombrie 2024", "28 October 2024"),
    "groningen-peer-review": ("2024-12", "decembrie 2024", "December 2024"),
    "iasi-ungheni-study-work": ("2025-02-17", "17 februarie 2025", "17 February 2025"),
    "ungheni-working-group": ("2025-04-16", "16 aprilie 2025", "16 April 2025"),
}
# Dates the sources give only to the month, and items they give no date at all.
MONTHS = {"press-article-nine-regions": ("2023-07", "iulie 2023", "July 2023"),
          "peer-review-groningen": ("2024-12", "decembrie 2024", "December 2024")}
UNDATED = ("cross-project-exchange", "workshop-international-students-jyvaskyla", "peer-review-postojna")


def _prefix(site, lang):
    return site / LANGS[lang]


def _source_links(page: Page) -> list[str]:
    """The addresses of the page's "Source:" paragraph (templates/_macros.html, `source`)."""
    found = re.findall(r'<p class="ms-source">(.*?)</p>', page.source, re.S)
    return [href for block in found for href in re.findall(r'href="([^"]+)"', block)]


# -- the content, sourced ---------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_every_good_practice_of_the_sources_is_published_with_its_source(real_site, lang):
    index = Page(_prefix(real_site, lang) / "good-practices" / "index.html")
    for item_id, source in GOOD_PRACTICES.items():
        page = Page(_prefix(real_site, lang) / "good-practices" / item_id / "index.html")
        assert page.lang == lang and page.find_all("h1")
        assert source in _source_links(page), item_id
        assert f'href="{item_id}/"' in index.source
    # The Interreg template's fields the sources fill, and none they leave empty.
    wijk = Page(_prefix(real_site, lang) / "good-practices" / "health-care-education-wijkleerbedrijf" / "index.html")
    assert {"resources", "evidence"} <= {h["id"] for h in wijk.find_all("h2") if "id" in h}
    assert ("iulie 2024" if lang == "ro" else "July 2024") in wijk.text
    grotius = Page(_prefix(real_site, lang) / "good-practices" / "grotius-minor" / "index.html")
    ids = {h.get("id") for h in grotius.find_all("h2")}
    assert "resources" in ids and not ids & {"evidence", "difficulties", "transfer", "further-information"}
    assert ("Perioada" if lang == "ro" else "Timescale") not in grotius.text  # the source gives none


@pytest.mark.parametrize("lang", LANGS)
def test_every_news_item_and_event_of_the_sources_is_published_with_its_source(real_site, lang):
    for item_id, source in NEWS.items():
        page = Page(_prefix(real_site, lang) / "news" / item_id / "index.html")
        assert page.lang == lang
        assert source in _source_links(page), item_id
    postojna = Page(_prefix(real_site, lang) / "news" / "peer-review-postojna" / "index.html")
    assert "Moja pot" in postojna.text
    for item_id, (iso, ro, en) in EVENTS.items():
        page = Page(_prefix(real_site, lang) / "events" / item_id / "index.html")
        assert page.find_all("time", datetime=iso), item_id
        assert (ro if lang == "ro" else en) in page.text, item_id
        assert _source_links(page), item_id


@pytest.mark.parametrize("lang", LANGS)
def test_dates_known_to_the_month_are_shown_as_months_and_undated_items_without_a_date(real_site, lang):
    for item_id, (iso, ro, en) in MONTHS.items():
        page = Page(_prefix(real_site, lang) / "news" / item_id / "index.html")
        month = ro if lang == "ro" else en
        assert page.find_all("time", datetime=iso) and month in page.text
        assert not re.search(r"\b\d{1,2} " + month, page.text), "a day the source does not give"
    for item_id in UNDATED:
        page = Page(_prefix(real_site, lang) / "news" / item_id / "index.html")
        assert not page.find_all("time"), item_id
    # Listed after every dated item (newest first, 10 a page: on the second page), without a date.
    listing = Page(_prefix(real_site, lang) / "news" / "page" / "2" / "index.html").source
    last_dated = listing.index('/project-start/"')
    assert all(listing.index(f'/{item_id}/"') > last_dated for item_id in UNDATED)


# -- the locator map ----------------------------------------------------------------------------

def test_locator_map_shows_the_partner_countries_and_the_home_partner_on_its_border(real_site):
    project = yaml.safe_load((ROOT / "content" / "en" / "project.yml").read_text(encoding="utf-8"))
    for lang in LANGS:
        svg = ET.parse(_prefix(real_site, lang) / "locator.svg").getroot()
        shaded = {p.get("data-country") for p in svg.iter(f"{SVG}path") if p.get("data-country")}
        assert shaded == set(project["partner_countries"])
        assert "Ungheni" in [t.text for t in svg.iter(f"{SVG}text")]
        assert "Prut" in [t.text for t in svg.iter(f"{SVG}text")]
        home = next(c for c in svg.iter(f"{SVG}circle") if c.get("class") == "home")
        x, y = float(home.get("cx")), float(home.get("cy"))
        border = next(p for p in svg.iter(f"{SVG}path") if p.get("class") == "border").get("d")
        points = [tuple(map(float, pair.split())) for pair in re.findall(r"[\d.]+ [\d.]+", border)]
        assert min(math.dist((x, y), p) for p in points) < 25, "Ungheni lies on the border, the Prut"
        for path in ("", "region/"):
            page = Page(_prefix(real_site, lang) / path / "index.html")
            (img,) = [i for i in page.find_all("img") if i.get("src", "").endswith("locator.svg")]
            assert resolve(real_site, page.path, img["src"]) == _prefix(real_site, lang) / "locator.svg"
            assert "Ungheni" in img["alt"] and "11" in img["alt"] and img["width"] and img["height"]
            assert ("România" if lang == "ro" else "Romania") in img["alt"]


# -- the territory's page -----------------------------------------------------------------------

REGION_FACTS = {
    "ro": ["1 083 km²", "101 064", "30 804", "2014", "2 orașe", "19 comune", "12 sate", "110 km", "Chișinău",
           "15 km", "Iași", "Prut", "România", "Uniunea Europeană", "str. Națională 11", "Consiliul Raional Ungheni"],
    "en": ["1,083 km²", "101,064", "30,804", "2014", "2 towns", "19 communes", "12 villages", "110 km", "Chișinău",
           "15 km", "Iași", "Prut", "Romania", "European Union", "str. Națională 11", "Ungheni District Council"],
}


@pytest.mark.parametrize("lang", LANGS)
def test_territory_page_is_in_the_navigation_with_its_facts_and_sources(real_site, lang):
    title = "Raionul Ungheni" if lang == "ro" else "Ungheni District"
    home = Page(_prefix(real_site, lang) / "index.html")
    for path in (home.path, _prefix(real_site, lang) / "news" / "kick-off-meeting" / "index.html"):
        page = Page(path)
        tabs = [a for a in page.links("md-tabs__link")
                if resolve(real_site, path, a["href"]) == _prefix(real_site, lang) / "region" / "index.html"]
        assert tabs, path
    assert re.search(r'class="md-tabs__link">\s*' + title, home.source)
    page = Page(_prefix(real_site, lang) / "region" / "index.html")
    assert page.lang == lang and title in page.text
    missing = [fact for fact in REGION_FACTS[lang] if fact not in page.text]
    assert not missing
    hrefs = {a.get("href") for a in page.links()}
    assert {"https://crungheni.md", "https://statistica.gov.md",
            "https://crungheni.md/en/raionul-ungheni/descrierea-generala/geografie/"} <= hrefs


# -- an honest timeline -------------------------------------------------------------------------

def _timeline_rows(page: Page) -> list[str]:
    return re.findall(r'<li class="ms-timeline__row[^"]*">(.*?)</li>', page.source, re.S)


def test_timeline_draws_bars_only_for_periods_and_marks_events_and_today(real_site, fixture_site):
    today = dt.date.today()
    for site, content in ((real_site, ROOT / "content"), (fixture_site, FIXTURE_CONTENT)):
        for lang in LANGS:
            activities = yaml.safe_load((content / lang / "activities.yml").read_text(encoding="utf-8"))
            events = yaml.safe_load((content / lang / "events.yml").read_text(encoding="utf-8"))
            page = Page(_prefix(site, lang) / "activities" / "index.html")
            rows = _timeline_rows(page)
            for activity, row in zip(activities, rows):
                has_events = any(e.get("activity") == activity["id"] for e in events)
                assert ("ms-timeline__bar" in row) == ("start" in activity), activity["id"]
                assert ("ms-timeline__track" in row) == ("start" in activity or has_events), activity["id"]
            # Today: named in words and placed on the chart.
            assert page.find_all("time", datetime=today.isoformat())
            assert re.search(r'class="ms-timeline__chart" style="--today: [\d.]+%"', page.source)
            assert ("Azi" if lang == "ro" else "Today") in page.text
    # The fixture's study (1 February – 30 June 2024, in a 2024–2026 project) and its December event.
    page = Page(fixture_site / "en" / "activities" / "index.html")
    bar = re.search(r'ms-timeline__bar--done" style="left: ([\d.]+)%; width: ([\d.]+)%', page.source)
    total = (dt.date(2026, 12, 31) - dt.date(2024, 1, 1)).days
    assert float(bar[1]) == pytest.approx(31 / total * 100, abs=0.02)
    assert float(bar[2]) == pytest.approx((dt.date(2024, 6, 30) - dt.date(2024, 2, 1)).days / total * 100, abs=0.02)
    spans = {(float(a), float(b)) for a, b in re.findall(
        r'ms-timeline__event--span" style="left: ([\d.]+)%; width: ([\d.]+)%', page.source)}
    december = (dt.date(2024, 12, 1) - dt.date(2024, 1, 1)).days / total * 100
    assert any(a == pytest.approx(december, abs=0.02) and b == pytest.approx(30 / total * 100, abs=0.05)
               for a, b in spans), spans
    assert "The future workshop" in page.text  # after the period: in the text, not on the line
    assert page.source.count("ms-timeline__event\"") + page.source.count("ms-timeline__event ") >= 2


# -- identity is configuration ------------------------------------------------------------------

def test_identity_comes_from_its_file_and_reskins_every_page(real_site, fixture_site):
    for site, content, name in ((real_site, ROOT / "content", "MILESTONE Ungheni"),
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
    written = (ROOT / "docs/assets/css/site.css").read_text(encoding="utf-8").lower() + "".join(
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
        for partner in yaml.safe_load((ROOT / "content" / lang / "partners.yml").read_text(encoding="utf-8")):
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
    assert {"milestone", "ungheni", "interreg", "burgenlandkreis", "01c0070"} <= words
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
