"""The district page (/region/): a map of the home partner's country by its districts, drawn at
build time (sitegen/district_map.py), with the district highlighted, the border, the places and
labels where their features are; the story in parts from the content; every source named.

Checked on the fixture content, whose values the tests know, and on the real content as a whole
(never an item of it by name: the officer may change any). The labels' places are measured in
Chromium as drawn, at 1280 and 390 px."""
from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

import pytest

from conftest import FIXTURE_CONTENT, ROOT
from contentfiles import read_record, shown_items
from htmlutil import Page
from sitegen.formatting import Formatter

LANGS = {"ro": "", "en": "en/"}
REAL = ROOT / "content"
SITES = {"real_site": REAL, "fixture_site": FIXTURE_CONTENT}
COUNTRY = {"ro": Formatter({"babel": "ro"}).country, "en": Formatter({"babel": "en_GB"}).country}
WIDTHS = (1280, 390)
NEAR = 60  # px of the map's 1000-px drawing: a place's label is anchored this close to its dot, at most


@pytest.fixture(params=list(SITES))
def built(request):
    """(site, content folder): the real site and the fixture's, in turn."""
    return request.getfixturevalue(request.param), SITES[request.param]


def _page(site, lang) -> Page:
    return Page(site / LANGS[lang] / "region" / "index.html")


def _svg(page: Page) -> ET.Element:
    """The district map's inline SVG, as XML (it is well formed: the test would fail otherwise)."""
    (found,) = re.findall(r'<figure class="[^"]*\bms-dmap\b[^"]*">\s*(<svg.*?</svg>)', page.source, re.S)
    return ET.fromstring(found)


def _home(content, lang):
    project = read_record(content, lang, "project")
    return next(p for p in shown_items(content, lang, "partners") if p["id"] == project["organisation"]["partner"])


# -- the map as written ------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_the_district_is_highlighted_among_its_countrys_districts(built, lang):
    site, content = built
    region = read_record(content, lang, "project")["region"]
    svg = _svg(_page(site, lang))
    divisions = [p for p in svg.iter("path") if p.get("data-division")]
    assert len(divisions) > 20  # the whole country, district by district
    codes = [p.get("data-division") for p in divisions]
    assert len(codes) == len(set(codes))
    highlighted = [p.get("data-division") for p in divisions if "is-home" in (p.get("class") or "")]
    assert highlighted == [region["map"]["division"]]
    assert all(code.startswith(_home(content, lang)["country"] + "-") for code in codes)
    countries = {p.get("data-country") for p in svg.iter("path") if p.get("data-country")}
    assert {_home(content, lang)["country"], region["border_country"]} <= countries
    assert svg.find(".//path[@class='ms-dmap__border']") is not None


@pytest.mark.parametrize("lang", LANGS)
def test_the_map_says_in_words_what_it_shows_in_each_language(built, lang):
    site, content = built
    project = read_record(content, lang, "project")
    region, home = project["region"], _home(content, lang)
    page = _page(site, lang)
    svg = _svg(page)
    assert svg.get("role") == "img"
    title = svg.find("title")
    assert title is not None and svg.get("aria-labelledby") == title.get("id")
    places = [home["city"]] + [p["name"] for p in region["map"]["places"]]
    district = read_record(content, lang, "sections")["region"]["title"]
    for words in [district, COUNTRY[lang](home["country"]), region["map"]["border_label"], *places]:
        assert words in title.text, words
    # The legend repeats the keys in words, in the page's language.
    legend = re.search(r'<figure class="[^"]*\bms-dmap\b[^"]*">.*?<figcaption>(.*?)</figcaption>', page.source, re.S).group(1)
    assert district in legend and region["map"]["border_label"] in legend
    labels = {t.get("data-for"): "".join(t.itertext()) for t in svg.iter("text")}
    assert labels[region["map"]["division"]] == district
    assert {home["city"], *places} <= set(labels.values())
    assert region["border_name"] in labels.values()
    assert COUNTRY[lang](region["border_country"]).upper() in " ".join(labels.values())


def test_the_fixtures_map_names_its_places_in_each_language(fixture_site):
    for lang, places in (("ro", ["Ungheni", "Orașul de test", "Capitala de test"]),
                         ("en", ["Ungheni", "Test town", "Test capital"])):
        svg = _svg(_page(fixture_site, lang))
        assert [c.get("data-place") for c in svg.iter("circle")] == places
        assert ("Râul de test" if lang == "ro" else "Test river") in [t.text for t in svg.iter("text")]


def test_the_place_labels_start_beside_their_dots(built):
    site, _ = built
    for lang in LANGS:
        svg = _svg(_page(site, lang))
        dots = {c.get("data-place"): (float(c.get("cx")), float(c.get("cy"))) for c in svg.iter("circle")}
        for text in svg.iter("text"):
            if text.get("data-for") in dots:
                x, y = dots[text.get("data-for")]
                assert abs(float(text.get("x")) - x) <= NEAR and abs(float(text.get("y")) - y) <= NEAR, text.text


# -- the page -------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_headings_differ_and_the_story_is_the_contents(built, lang):
    site, content = built
    region = read_record(content, lang, "project")["region"]
    page = _page(site, lang)
    h1 = [html.unescape(h) for h in re.findall(r"<h1[^>]*>(.*?)</h1>", page.source, re.S)]
    h2 = [html.unescape(re.sub(r"<[^>]+>", "", h)) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", page.source, re.S)]
    assert h1 == [region["headline"]]
    assert len(set(h2)) == len(h2) and h1[0] not in h2
    assert [c["title"] for c in region["chapters"]] == h2[:len(region["chapters"])]
    # The figures and the council have headings of their own, neither the district's bare name.
    assert read_record(content, lang, "sections")["region"]["title"] not in h2


@pytest.mark.parametrize("lang", LANGS)
def test_every_source_is_a_named_link(built, lang):
    site, content = built
    project = read_record(content, lang, "project")
    region, org = project["region"], project["organisation"]
    page = _page(site, lang)
    links = re.findall(r'<a href="(https?://[^"]+)"[^>]*>(.*?)</a>', page.source, re.S)
    assert links
    links = [(html.unescape(href), html.unescape(re.sub(r"<[^>]+>", "", text)).strip()) for href, text in links]
    for href, text in links:
        assert text and not text.startswith("http") and text != href, (href, text)
    named = {s["url"]: s["title"] for s in region["sources"]}
    shown = set(links)
    assert {(url, title) for url, title in named.items()} <= shown
    cited = [f["source"] for f in region.get("figures", []) if "source" in f]
    cited += [p["source"] for p in region["map"].get("places", []) if "source" in p]
    assert set(cited) <= {href for href, _ in links}
    assert org["website"] in {href for href, _ in links}
    if org.get("address"):
        assert org["address"] in page.text


def test_a_source_without_a_name_is_shown_by_its_host(fixture_site):
    links = re.findall(r'<a href="https://example.org/oras">(.*?)</a>', _page(fixture_site, "ro").source)
    assert links and set(links) == {"example.org"}


# -- in the browser, as drawn ----------------------------------------------------------------

MEASURE = """() => {
  const svg = document.querySelector('figure.ms-dmap svg');
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const box = (el) => { const b = el.getBBox(); return [b.x, b.y, b.x + b.width, b.y + b.height]; };
  const inFill = (path, x, y) => { const p = svg.createSVGPoint(); p.x = x; p.y = y; return path.isPointInFill(p); };
  const feature = (of) => svg.querySelector(`[data-division="${of}"]`) || svg.querySelector(`circle[data-place="${CSS.escape(of)}"]`)
    || svg.querySelector(`path[data-country="${of}"]:not(.ms-dmap__outline)`) || svg.querySelector(`path.ms-dmap__outline[data-country="${of}"]`)
    || (of === 'border' ? svg.querySelector('.ms-dmap__border') : null);
  const others = [...svg.querySelectorAll('path[data-country]')];
  const nearest = (path, b) => {
    let best = Infinity;
    for (let i = 0, n = path.getTotalLength(); i <= 400; i++) {
      const p = path.getPointAtLength(n * i / 400);
      const dx = Math.max(b[0] - p.x, 0, p.x - b[2]), dy = Math.max(b[1] - p.y, 0, p.y - b[3]);
      best = Math.min(best, Math.hypot(dx, dy));
    }
    return best;
  };
  return {
    scale,
    labels: [...svg.querySelectorAll('text')].map((t) => {
      const b = box(t), cx = (b[0] + b[2]) / 2, cy = (b[1] + b[3]) / 2, f = feature(t.dataset.for);
      return {of: t.dataset.for, kind: t.getAttribute('class'), box: b, px: t.getBoundingClientRect().height,
              feature: f ? box(f) : null,
              // Which countries' outlines hold the label's middle (the home country's outline last).
              over: others.filter((p) => inFill(p, cx, cy)).map((p) => p.dataset.country),
              inOwn: f && f.tagName === 'path' && f.dataset.country ? inFill(f, cx, cy) : null,
              // The river's label: how near its box comes to the line (sampled along it).
              river: t.dataset.for === 'border' ? nearest(f, b) : null};
    }),
  };
}"""


def _gap(a, b) -> float:
    """The distance between two boxes (0 when they touch or overlap)."""
    dx = max(a[0] - b[2], b[0] - a[2], 0)
    dy = max(a[1] - b[3], b[1] - a[3], 0)
    return (dx * dx + dy * dy) ** 0.5


def _overlap(a, b) -> float:
    return max(0, min(a[2], b[2]) - max(a[0], b[0])) * max(0, min(a[3], b[3]) - max(a[1], b[1]))


@pytest.mark.parametrize("site", ["real", "fixture"])
@pytest.mark.parametrize("width", WIDTHS)
def test_labels_are_where_their_features_are_and_legible(browser, real_url, fixture_url, site, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    base = real_url if site == "real" else fixture_url
    for lang, prefix in LANGS.items():
        page.goto(base + prefix + "region/")
        found = page.evaluate(MEASURE)
        labels = found["labels"]
        assert len(labels) >= 7, labels  # 3 places, the district, the river, the countries
        for label in labels:
            assert label["feature"], label
            kind = label["kind"].rsplit("--", 1)[-1]
            if kind == "country":  # inside its own country, over no other
                assert label["inOwn"] and label["over"] == [label["of"]], label
            elif kind == "river":  # beside the line
                assert label["river"] <= 20, label
            else:  # beside its dot, or inside or beside its district
                assert _gap(label["box"], label["feature"]) <= (12 if kind in ("place", "home") else 30), label
            # Legible on a phone and a desktop: at least 11 px of text as shown.
            assert label["px"] >= 11, (width, label)
        for i, a in enumerate(labels):
            for b in labels[i + 1:]:
                assert _overlap(a["box"], b["box"]) == 0, (a, b)
    origin = base.split("/")[2]
    assert requests and all(url.split("/")[2] == origin for url in requests if url.startswith("http")), requests
    context.close()
