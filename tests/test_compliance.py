"""What the built pages state for EU visibility, search engines, sharing and accessibility, read
from the HTML of every page of both languages (real and fixture content); the browser tests
(test_browser_compliance.py) check what visitors see."""
from __future__ import annotations

import html
import json
import math
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from PIL import Image

from conftest import FIXTURE_CONTENT, ROOT, copy_project, html_pages
from contentfiles import read_items
from htmlutil import Page
from sitegen import dates
from sitegen.generate import generate
from sitegen.languages import Language

SITE_URL = "https://example.org/site/"  # conftest.build
OG_LOCALE = {"ro": "ro_RO", "en": "en_GB"}
STATEMENT = {"ro": "Cofinanțat de Uniunea Europeană", "en": "Co-funded by the European Union"}
EMBLEM = ROOT / "docs" / "assets" / "images" / "eu-emblem.svg"
SVG = "{http://www.w3.org/2000/svg}"
LANGS = [Language("ro", "Română", True), Language("en", "English")]


def _all_pages(site: Path):
    """(page, its site-relative address, its language) for every page."""
    for path in html_pages(site):
        rel = path.relative_to(site).as_posix()[: -len("index.html")]
        yield Page(path), rel, "en" if rel.startswith("en/") else "ro"


def _meta(page: Page, key: str) -> list[str]:
    return [m["content"] for m in page.find_all("meta") if m.get("property") == key or m.get("name") == key]


def _ids(page: Page) -> set[str]:
    return {attrs["id"] for _, attrs in page.elements if attrs.get("id")}


def _json_ld(page: Page) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page.source, re.S)
    return [node for block in blocks for node in json.loads(block)["@graph"]]


@pytest.fixture(scope="module", params=["real_site", "fixture_site"])
def site(request) -> Path:
    return request.getfixturevalue(request.param)


# -- EU visibility ----------------------------------------------------------------------------

def test_eu_emblem_follows_the_official_geometry_and_colours():
    """Council of Europe / EU graphical specification: blue rectangle 3:2, Reflex Blue #003399;
    twelve upright five-pointed stars, Yellow #FFCC00, at the clock hours of a circle of radius
    one third of the height, centred on the rectangle; each star's points on a circle of radius
    one eighteenth of the height."""
    svg = ET.parse(EMBLEM).getroot()
    _, _, width, height = map(float, svg.get("viewBox").split())
    assert width / height == 1.5
    rect = svg.find(f"{SVG}rect")
    assert rect.get("fill").upper() == "#003399"
    assert (float(rect.get("width")), float(rect.get("height"))) == (width, height)
    group = svg.find(f"{SVG}g")
    assert group.get("fill").upper() == "#FFCC00"
    stars = group.findall(f"{SVG}polygon")
    assert len(stars) == 12
    inner_ratio = math.sin(math.radians(18)) / math.sin(math.radians(54))  # regular pentagram
    hours = set()
    for star in stars:
        points = [tuple(map(float, p.split(","))) for p in star.get("points").split()]
        assert len(points) == 10
        outer, inner = points[0::2], points[1::2]
        cx, cy = sum(x for x, _ in outer) / 5, sum(y for _, y in outer) / 5
        for x, y in outer:
            assert math.dist((x, y), (cx, cy)) == pytest.approx(height / 18, abs=0.05)
        for x, y in inner:
            assert math.dist((x, y), (cx, cy)) == pytest.approx(height / 18 * inner_ratio, abs=0.05)
        assert points[0][0] == pytest.approx(cx, abs=0.01) and points[0][1] < cy  # upright: a point at the top
        assert math.dist((cx, cy), (width / 2, height / 2)) == pytest.approx(height / 3, abs=0.05)
        angle = math.degrees(math.atan2(cx - width / 2, height / 2 - cy)) % 360
        assert angle / 30 == pytest.approx(round(angle / 30), abs=0.001)
        hours.add(round(angle / 30) % 12)
    assert hours == set(range(12))


def test_every_page_carries_the_emblem_the_statement_and_a_link_to_the_eu_funding(site):
    for page, rel, lang in _all_pages(site):
        footer = page.source[page.source.index('class="ms-eu"'):]
        assert 'assets/images/eu-emblem.svg"' in footer, rel
        assert f'<span class="ms-eu__text">{STATEMENT[lang]}</span>' in footer, rel
        prefix = "" if lang == "ro" else "en/"
        assert re.search(rf'href="/site/{prefix}project/#eu-funding"', footer), rel


@pytest.mark.parametrize("lang", ["ro", "en"])
def test_project_page_describes_aims_and_results_and_the_eu_support(real_site, lang):
    project = yaml.safe_load((ROOT / "content" / lang / "project.yml").read_text(encoding="utf-8"))
    page = Page(real_site / ("" if lang == "ro" else "en") / "project" / "index.html")
    assert "eu-funding" in _ids(page)
    assert " ".join(project["funding_statement"].split()) in page.text
    assert all(result in page.text for result in project["expected_results"])
    assert {"aim", "expected-results"} <= {a.get("id") for a in page.find_all("h2")}


def test_official_logos_are_shown_with_alternative_text_per_language(tmp_path):
    project = copy_project(tmp_path / "project")
    logos = project / "docs" / "assets" / "logos"
    # a stand-in file for the test only: the site itself never carries an invented logo
    (logos / "programme.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 3 1"/>')
    (logos / "logos.yml").write_text(yaml.safe_dump({"logos": [
        {"file": "programme.svg", "alt": {"ro": "Sigla programului", "en": "Programme logo"}}]}))
    report = generate(project, tmp_path / "docs", LANGS)
    for lang, alt in (("ro", "Sigla programului"), ("en", "Programme logo")):
        footer = report.chrome[lang]["footer"]
        assert f'src="/assets/logos/programme.svg" alt="{alt}"' in footer
        assert footer.index("eu-emblem.svg") < footer.index("programme.svg")  # the emblem first


def test_a_logo_without_alternative_text_stops_the_build(tmp_path):
    from sitegen.problems import ContentError
    project = copy_project(tmp_path / "project")
    logos = project / "docs" / "assets" / "logos"
    (logos / "programme.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 3 1"/>')
    (logos / "logos.yml").write_text(yaml.safe_dump({"logos": [{"file": "programme.svg", "alt": {"ro": "Sigla"}}]}))
    with pytest.raises(ContentError) as raised:
        generate(project, tmp_path / "docs", LANGS)
    assert any("„en”" in p.text("en") and p.field == "alt" for p in raised.value.problems)


def test_no_logo_is_listed_until_the_officer_adds_the_official_files():
    manifest = yaml.safe_load((ROOT / "docs" / "assets" / "logos" / "logos.yml").read_text(encoding="utf-8"))
    listed = {logo["file"] for logo in manifest["logos"]}
    present = {p.name for p in (ROOT / "docs" / "assets" / "logos").iterdir() if p.name != "logos.yml"}
    assert listed <= present


# -- search engines and sharing -----------------------------------------------------------------

def test_canonical_hreflang_and_x_default_are_absolute(site):
    for page, rel, lang in _all_pages(site):
        same = rel.removeprefix("en/")
        canonical = [link["href"] for link in page.find_all("link", rel="canonical")]
        assert canonical == [SITE_URL + rel], rel
        alternates = {link["hreflang"]: link["href"] for link in page.find_all("link", rel="alternate")
                      if link.get("hreflang")}
        assert alternates == {"ro": SITE_URL + same, "en": SITE_URL + "en/" + same,
                              "x-default": SITE_URL + same}, rel


def test_description_open_graph_and_twitter_card(site):
    for page, rel, lang in _all_pages(site):
        description = _meta(page, "description")
        assert len(description) == 1 and description[0].strip(), rel
        assert _meta(page, "og:description") == description == _meta(page, "twitter:description"), rel
        title = page.find_all("title")
        assert _meta(page, "og:title") and _meta(page, "og:title") == _meta(page, "twitter:title"), rel
        assert _meta(page, "og:url") == [SITE_URL + rel], rel
        assert _meta(page, "og:locale") == [OG_LOCALE[lang]], rel
        assert _meta(page, "og:locale:alternate") == [OG_LOCALE["en" if lang == "ro" else "ro"]], rel
        assert _meta(page, "twitter:card") == ["summary_large_image"], rel
        assert title, rel
        images = _meta(page, "og:image")
        assert len(images) == 1 and images == _meta(page, "twitter:image"), rel
        assert _meta(page, "og:image:alt") and _meta(page, "og:image:alt")[0].strip(), rel
        assert images[0].startswith(SITE_URL + f"share/{lang}/"), rel


def test_descriptions_say_what_the_page_is(site):
    """A description that only repeats the page's name tells a search engine nothing."""
    for page, rel, lang in _all_pages(site):
        description = " ".join(_meta(page, "description")[0].split())
        heading = _text_of(page, "h1")
        assert description not in (heading, _text_of(page, "title")), (rel, description)


def _text_of(page: Page, tag: str) -> str:
    found = re.search(rf"<{tag}\b[^>]*>(.*?)</{tag}>", page.source, re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", found[1])).split()) if found else ""


def test_share_images_are_1200_by_630_pngs(site):
    """A section's card is a PNG; an item's own photo (sitegen/images.py) a JPEG, as og:image:type says."""
    images = {(m, t) for page, _, _ in _all_pages(site)
              for m, t in zip(_meta(page, "og:image"), _meta(page, "og:image:type"))}
    assert len(images) >= 10
    for url, kind in images:
        with Image.open(site / url[len(SITE_URL):]) as image:
            assert (image.format, image.size) == (kind.removeprefix("image/").upper(), (1200, 630)), url
            assert image.format == "PNG" or url.endswith(".jpg"), url


def test_json_ld_for_the_council_the_project_and_each_event(site):
    for page, rel, lang in _all_pages(site):
        nodes = _json_ld(page)
        types = [node["@type"] for node in nodes]
        if rel.removeprefix("en/") in ("", "project/"):
            council = next(n for n in nodes if n["@type"] == "GovernmentOrganization")
            project = next(n for n in nodes if n["@type"] == "Project")
            assert council["url"].startswith("https://") and council["name"], rel
            assert project["identifier"] and project["funding"]["funder"]["name"] == \
                {"ro": "Uniunea Europeană", "en": "European Union"}[lang], rel
            assert project["funder"]["@type"] == "GovernmentOrganization", rel
            assert project["funder"]["url"].startswith("https://european-union.europa.eu/"), rel
            assert project["funding"]["funder"]["url"] == project["funder"]["url"], rel
        match = re.fullmatch(r"(?:en/)?events/([^/]+)/", rel)
        item = next(e for e in read_items(_content_of(site), lang, "events") if e["id"] == match[1]) if match else None
        if item and dates.has_days(item):
            event = next(n for n in nodes if n["@type"] == "Event")
            assert event["startDate"] == str(item["start"]) and event["location"]["name"] == item["place"], rel
        elif item:  # known to the month: search engines refuse an Event without its day
            assert "Event" not in types, rel
        elif "Event" in types:
            pytest.fail(f"{rel}: an Event outside the event pages")


def _content_of(site: Path) -> Path:
    """The content folder a site was built from (conftest: the real one, or the fixture)."""
    return ROOT / "content" if "real" in str(site) else FIXTURE_CONTENT


def test_one_sitemap_with_every_page_in_every_language_and_robots(site):
    sitemap = ET.parse(site / "sitemap.xml").getroot()
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    listed = {u.findtext("s:loc", namespaces=ns): {l.get("hreflang") for l in u.findall("x:link", ns)}
              for u in sitemap.findall("s:url", ns)}
    pages = list(_all_pages(site))
    assert {SITE_URL + rel for _, rel, _ in pages} == set(listed)
    assert all(langs == {"ro", "en"} for langs in listed.values())
    assert (site / "robots.txt").read_text().splitlines()[-1] == f"Sitemap: {SITE_URL}sitemap.xml"
    # The language switch links each page to its counterpart: no sitemap per folder to feed it.
    assert [p.relative_to(site).as_posix() for p in site.rglob("sitemap.xml")] == ["sitemap.xml"]


def test_a_404_page_per_language(real_site):
    ro, en = Page(real_site / "404.html"), Page(real_site / "en" / "404.html")
    assert (ro.lang, en.lang) == ("ro", "en")
    assert [h for h in re.findall(r"<h1>(.*?)</h1>", ro.source)] == ["Pagina nu a fost găsită"]
    assert "Page not found" in ro.text  # the host shows this one for English addresses too
    assert re.findall(r"<h1>(.*?)</h1>", en.source) == ["Page not found"]
    for page in (ro, en):
        assert _meta(page, "robots") == ["noindex"]


# -- accessibility ------------------------------------------------------------------------------

def test_one_h1_and_no_skipped_heading_level(site):
    for page, rel, _ in _all_pages(site):
        levels = [int(tag[1]) for tag, _ in page.elements if re.fullmatch(r"h[1-6]", tag)]
        assert levels.count(1) == 1 and levels[0] == 1, (rel, levels)
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), (rel, levels)


def test_skip_link_leads_to_an_element_of_the_page(site):
    for page, rel, _ in _all_pages(site):
        skips = page.find_all("a", class_="md-skip")
        assert len(skips) == 1, rel
        assert skips[0]["href"].lstrip("#") in _ids(page), rel


@pytest.mark.parametrize("lang", ["ro", "en"])
def test_every_content_page_is_linked_from_every_page(site, lang):
    """The content's pages (content/<lang>/pages/: the privacy page, the accessibility statement
    and whatever else the officer writes) are in every page's footer, in the page's language."""
    prefix = "" if lang == "ro" else "en/"
    ids = [item["id"] for item in read_items(_content_of(site), "ro", "pages")]
    assert ids or _content_of(site) != FIXTURE_CONTENT  # the fixture has its privacy page
    for page, rel, page_lang in _all_pages(site):
        if page_lang == lang:
            hrefs = {a.get("href") for a in page.links()}
            assert {f"/site/{prefix}{item_id}/" for item_id in ids} <= hrefs, rel


@pytest.mark.parametrize("lang", ["ro", "en"])
def test_the_privacy_page_says_what_the_site_sets(fixture_site, lang):
    prefix = "" if lang == "ro" else "en/"
    assert "cookie" in Page(fixture_site / prefix / "privacy" / "index.html").text.lower()


def test_search_dialog_has_a_name(site):
    """axe's aria-dialog-name (a best-practice rule, outside the WCAG tags the browser test runs)."""
    for page, rel, lang in _all_pages(site):
        dialogs = [d for d in page.find_all("div", class_="md-search") if d.get("role") == "dialog"]
        assert [d.get("aria-label") for d in dialogs] == [{"ro": "Căutare", "en": "Search"}[lang]], rel


# -- the pieces on their own ----------------------------------------------------------------------

def test_hreflang_links_are_made_absolute_in_the_head_only():
    from sitegen.seo import absolute_alternates
    page = ('<head><link rel="alternate" href="../../news/" hreflang="ro"></head>'
            '<body><link rel="alternate" href="./" hreflang="en"></body>')
    result = absolute_alternates(page, "https://example.org/site/en/news/")
    assert 'href="https://example.org/site/news/" hreflang="ro"' in result
    assert '<body><link rel="alternate" href="./" hreflang="en">' in result


def test_a_changed_search_dialog_is_reported_not_skipped():
    from sitegen.themefix import ThemeChanged, label_search_dialog
    named = label_search_dialog('<div class="md-search" data-md-component="search" role="dialog">', "Căutare")
    assert 'role="dialog" aria-label="Căutare">' in named
    with pytest.raises(ThemeChanged):
        label_search_dialog('<div class="md-search" role="dialog" data-x>', "Search")


def test_the_tab_icon_is_the_sites_colour_and_costs_no_request(site):
    """A data address: no file to fetch on a first visit, and no project logo drawn."""
    for page, rel, _ in list(_all_pages(site))[::5]:
        icons = [link["href"] for link in page.find_all("link") if link.get("rel") == "icon"]
        assert len(icons) == 1 and icons[0].startswith("data:image/svg+xml,"), rel
        assert "fill='%23" in icons[0], rel
