"""The partners map and the activities' timeline as a visitor sees them, on a phone (390 px) and a
desktop (1280 px): Debian's Chromium through Playwright, against built sites on 127.0.0.1.

The map: no marker hides another, numbers at the body text's size, the map as wide as the column.
The timeline: a legend, every year labelled and apart, no two marks on one another, no row twice."""
from __future__ import annotations

import pytest

from conftest import build, copy_project, serve
from contentfiles import add_item

WIDTHS = [390, 1280]
# Markers' boxes, the number's text box and the view, in CSS px.
# Markers' boxes (in the page, not the window: each is scrolled to in turn), the number's text box,
# whether anything covers the marker's centre, and the view.
MAP_JS = """() => {
  const box = (e) => { const r = e.getBoundingClientRect();
    return {l: r.left + scrollX, t: r.top + scrollY, r: r.right + scrollX, b: r.bottom + scrollY, w: r.width, h: r.height}; };
  const text = (e) => { const range = document.createRange(); range.selectNodeContents(e); return box(range); };
  const uncovered = (e) => {
    e.scrollIntoView({block: 'center'});
    const r = e.getBoundingClientRect();
    const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return at === e || e.contains(at);
  };
  return {
    markers: [...document.querySelectorAll('.ms-map__marker')].map(e => ({
      label: e.getAttribute('aria-label'), hit: uncovered(e), box: box(e), text: text(e),
      font: parseFloat(getComputedStyle(e).fontSize)})),
    view: box(document.querySelector('.ms-map__view')),
    column: box(document.querySelector('.md-content__inner > h1')),
    leaders: [...document.querySelectorAll('.ms-map__leader')].filter(e => e.getClientRects().length).length,
  };
}"""


def _disjoint(a: dict, b: dict) -> bool:
    return a["r"] <= b["l"] or b["r"] <= a["l"] or a["b"] <= b["t"] or b["b"] <= a["t"]


def _overlaps(boxes: list[dict]) -> list[tuple[int, int]]:
    return [(i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes)) if not _disjoint(boxes[i], boxes[j])]


@pytest.fixture(params=WIDTHS)
def window(request, browser):
    context = browser.new_context(viewport={"width": request.param, "height": 900})
    page = context.new_page()
    page.width = request.param
    yield page
    context.close()


@pytest.fixture(scope="module")
def crowded_url(tmp_path_factory):
    """The fixture content with three more partners around the first one's town (one on the very
    same spot, two a few km away) and one next to the second: markers that would hide one another."""
    base = tmp_path_factory.mktemp("crowded")
    project = copy_project(base / "project")
    for n, (lat, lon, country) in enumerate([(62.2426, 25.7473, "FI"), (62.26, 25.80, "FI"),
                                              (62.21, 25.70, "FI"), (47.25, 27.85, "MD")], 1):
        add_item(project, "partners", f"near-{n}", f"order: {2 + n}\nname: Vecinul {n}\nrole: partner\n"
                 f"city: Orașul {n}\ncountry: {country}\nlat: {lat}\nlon: {lon}\n")
    site = base / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stderr
    server, url = serve(site)
    yield url
    server.shutdown()


def _check_map(page, url: str) -> dict:
    page.goto(url)
    state = page.evaluate(MAP_JS)
    boxes = [m["box"] for m in state["markers"]]
    assert boxes and not _overlaps(boxes), [(state["markers"][i]["label"], state["markers"][j]["label"])
                                            for i, j in _overlaps(boxes)]
    view = state["view"]
    for marker in state["markers"]:
        box = marker["box"]
        assert marker["hit"], marker["label"]  # nothing covers it
        assert view["l"] <= box["l"] and box["r"] <= view["r"] and view["t"] <= box["t"] and box["b"] <= view["b"]
        assert marker["font"] >= 16 and marker["text"]["h"] >= 14, marker  # the body text's size
        assert box["w"] >= marker["text"]["w"] + 4  # the number inside its disc
    return state


@pytest.mark.parametrize("lang", ["", "en/"])
def test_no_marker_of_the_partners_map_hides_another_and_numbers_are_readable(window, real_url, lang):
    state = _check_map(window, real_url + lang + "partners/")
    if window.width == 1280:  # as wide as the column (the title's box), not a strip in its middle
        assert abs(state["view"]["w"] - state["column"]["w"]) <= 2, state
    else:
        assert state["view"]["w"] >= 350
    assert state["view"]["h"] <= 700  # whole on a laptop's screen, and a phone's


@pytest.mark.parametrize("width", [320, 390, 700, 760, 1280, 1600])
def test_crowded_markers_move_aside_with_a_line_to_their_place(browser, crowded_url, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    state = _check_map(page, crowded_url + "partners/")
    assert len(state["markers"]) == 6
    assert state["leaders"] >= 3  # the three neighbours of the first partner, at least
    assert "linie" in page.locator(".ms-map figcaption").inner_text()  # the caption says what a line is
    context.close()

