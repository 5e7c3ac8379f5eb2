"""In the browser, as a visitor on a desktop (1280 px) and a phone (390 px): Debian's Chromium
through Playwright, against the built sites served on 127.0.0.1."""
from __future__ import annotations

import pytest

from conftest import FIXTURE_CONTENT, ROOT
from contentfiles import fullest_item, read_record
from sitegen import grid

WIDTHS = {"desktop": 1280, "phone": 390}
REAL = ROOT / "content"


def _item_page(kind: str, section: str, fixture_path: str) -> tuple[str, str]:
    """A page of an item of the real content (the one that says the most, so that the page is
    at its fullest), or of the fixture content when the real one has none: the officer may
    delete or rename any item."""
    item = fullest_item(REAL, kind)
    return ("real", f"{section}{item['id']}/") if item else ("fixture", fixture_path)


# One page of each type, from the real content where it has one, else from the fixture content.
PAGE_TYPES = {
    "home": ("real", ""), "project": ("real", "project/"), "region": ("real", "region/"),
    "activities": ("real", "activities/"),
    "activity": _item_page("activities", "activities/", "activities/study/"), "results": ("real", "results/"),
    "result": _item_page("results", "results/", "results/study-report/"), "documents": ("fixture", "documents/"),
    "good-practices": ("real", "good-practices/"),
    "good-practice": _item_page("good_practices", "good-practices/", "good-practices/mentoring/"),
    "partners": ("real", "partners/"), "partner": _item_page("partners", "partners/", "partners/org-fi/"),
    "events": ("real", "events/"), "event": _item_page("events", "events/", "events/past-meeting/"),
    "news": ("real", "news/"), "news-item": ("fixture", "news/kickoff/"),
    "page": _item_page("pages", "", "privacy/"),
    # Phone photos with a gallery (tests/photos.py)
    "news-item-photos": ("photo", "news/photos/"), "event-photos": ("photo", "events/photo-visit/"),
}
# Controls a finger must hit: at least 44 × 44 px (WCAG 2.5.5). Inline text links are exempt by
# the criterion itself; map markers are exempt because the numbered list below the map offers
# the same links as full-width targets (the "equivalent" exception).
CONTROLS = ".md-header__button, .md-search__input, .md-select__link, .ms-pages a, .ms-filters select, .md-button"


@pytest.fixture(params=list(WIDTHS))
def page_at(request, browser):
    context = browser.new_context(viewport={"width": WIDTHS[request.param], "height": 900})
    page = context.new_page()
    page.width_name = request.param
    yield page
    context.close()


def test_map_shows_a_marker_per_partner(page_at, real_url):
    page_at.goto(real_url + "en/partners/")
    markers = page_at.locator(".ms-map__marker")
    listed = page_at.locator(".ms-partners > li")
    assert markers.count() == listed.count() > 0
    for i in range(markers.count()):
        assert markers.nth(i).is_visible()
    box = page_at.locator(".ms-map__view").bounding_box()  # what shows of the drawing (a phone crops it)
    assert box["width"] <= WIDTHS[page_at.width_name]


def test_filters_narrow_the_catalogue(page_at, fixture_url):
    page_at.goto(fixture_url + "good-practices/")
    items = page_at.locator("#practices li[data-country]")
    assert items.count() == 2
    page_at.select_option("#filter-country", "FI")
    visible = [items.nth(i).inner_text() for i in range(items.count()) if items.nth(i).is_visible()]
    assert len(visible) == 1 and "Mentorat" in visible[0]
    assert page_at.locator(".ms-filters__count").inner_text() == "1 din 2 bune practici"
    assert not page_at.locator("#country-md").is_visible()  # the emptied group hides with its heading
    page_at.select_option("#filter-country", "")
    page_at.select_option("#filter-theme", "skills")
    assert page_at.locator(".ms-filters__count").inner_text() == "1 din 2 bune practici"


def test_catalogue_is_complete_without_javascript(browser, fixture_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto(fixture_url + "good-practices/")
    assert not page.locator("form.ms-filters").is_visible()
    items = page.locator("#practices li[data-country]")
    assert items.count() == 2 and all(items.nth(i).is_visible() for i in range(2))
    assert page.locator("#country-fi").is_visible() and page.locator("#country-md").is_visible()
    context.close()


def test_downloads_show_type_size_and_language(page_at, fixture_url):
    for lang, expected in (("", "PDF · 2,6 KB · limba: română"), ("en/", "PDF · 2.6 KB · language: Romanian")):
        page_at.goto(fixture_url + lang + "results/study-report/")
        link = page_at.locator("a[download]").first
        assert link.is_visible()
        assert expected in page_at.locator("li", has=link).inner_text().replace("\u00a0", " ")
        with page_at.expect_download() as download:
            link.click()
        assert download.value.suggested_filename == "report.pdf"


def test_every_image_and_style_loads(page_at, real_url):
    failed = []
    page_at.on("response", lambda r: failed.append(r.url) if r.status >= 400 and r.request.resource_type in (
        "document", "stylesheet", "script", "image", "font") else None)
    page_at.goto(real_url + "en/")
    page_at.wait_for_load_state("networkidle")
    broken = page_at.evaluate("Array.from(document.images).filter(i => !i.complete || !i.naturalWidth).map(i => i.src)")
    assert not broken and not failed


# Widths at which a card grid must stay balanced: a phone, a tablet, a small and a large desktop.
GRID_WIDTHS = (390, 768, 1024, 1280)
ROWS = """(grid) => {
  const box = grid.getBoundingClientRect();
  const rows = {};
  for (const card of grid.children) {
    const r = card.getBoundingClientRect();
    (rows[Math.round(r.top)] ||= []).push([r.left - box.left, box.right - r.right]);
  }
  return Object.values(rows).map((cards) => ({count: cards.length,
    left: Math.min(...cards.map((c) => c[0])), right: Math.min(...cards.map((c) => c[1]))}));
}"""


@pytest.mark.parametrize("site, path", [("real", ""), ("real", "en/region/"), ("fixture", "en/"), ("fixture", "region/")])
def test_card_grids_are_balanced_at_every_width(browser, real_url, fixture_url, site, path):
    """Every row of every card grid (key figures, news, events, ways in) is filled from edge to
    edge, and no card sits alone on a row unless the grid is a single column."""
    context = browser.new_context(viewport={"width": GRID_WIDTHS[0], "height": 900})
    page = context.new_page()
    page.goto((real_url if site == "real" else fixture_url) + path)
    assert page.locator(".ms-figures").count() == 1
    # The key figures: the budget, the partner's share and the countries, then the content's own.
    project = read_record(REAL if site == "real" else FIXTURE_CONTENT, "en", "project")
    count = len(project["region"].get("figures", [])) if "region" in path else 3 + len(project.get("figures", []))
    assert page.locator(".ms-figures > li").count() == count
    for width in GRID_WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        grids = page.locator("ul.ms-grid")
        for i in range(grids.count()):
            rows = grids.nth(i).evaluate(ROWS)
            single_column = all(row["count"] == 1 for row in rows)
            for row in rows:
                assert abs(row["left"]) <= 1 and abs(row["right"]) <= 1, (width, i, rows)
                assert single_column or row["count"] >= 2, (width, i, rows)
        figures = page.locator(".ms-figures").evaluate(ROWS)
        if width >= 576:  # the columns the generator chose for that many (sitegen/grid.py), 1 on a phone
            cols, _ = grid.columns(count, grid.BANDS["m" if width < 960 else "l"])
            assert [row["count"] for row in figures] == [cols] * (count // cols) + (
                [count % cols] if count % cols else []), (width, figures)
        if width == 390:
            assert all(row["count"] == 1 for row in figures), figures
    context.close()
