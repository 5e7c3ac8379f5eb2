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
    same spot, two a few km away) and one next to the second: markers that would hide one another;
    and two events of an activity 58 days apart: marks that would touch on a phone."""
    base = tmp_path_factory.mktemp("crowded")
    project = copy_project(base / "project")
    for n, (lat, lon, country) in enumerate([(62.2426, 25.7473, "FI"), (62.26, 25.80, "FI"),
                                              (62.21, 25.70, "FI"), (47.25, 27.85, "MD")], 1):
        add_item(project, "partners", f"near-{n}", f"order: {2 + n}\nname: Vecinul {n}\nrole: partner\n"
                 f"city: Orașul {n}\ncountry: {country}\nlat: {lat}\nlon: {lon}\n")
    for n, day in enumerate(["2025-02-17", "2025-04-16"], 1):
        add_item(project, "events", f"close-{n}", f"title: Întâlnirea apropiată {n}\nstart: {day}\n"
                 f"place: Ungheni\nkind: partner-meeting\nactivity: meetings\ndescription: Aproape.\n")
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



# -- the activities' timeline ------------------------------------------------------------------

TIMELINE_JS = """() => {
  const box = (e) => { const r = e.getBoundingClientRect(); return {l: r.left, t: r.top, r: r.right, b: r.bottom, w: r.width, h: r.height}; };
  const all = (selector, root = document) => [...root.querySelectorAll(selector)];
  return {
    years: all('.ms-timeline__year').map(e => ({text: e.textContent, box: box(e)})),
    axis: box(document.querySelector('.ms-timeline__axis')),
    legend: all('.ms-timeline__legend > li').map(e => ({text: e.textContent.trim(), box: box(e),
                                                         key: box(e.querySelector('.ms-timeline__key'))})),
    tracks: all('.ms-timeline__track').map(t => ({box: box(t), marks: all('.ms-timeline__mark', t).map(box)})),
    rows: all('.ms-timeline__row > .ms-timeline__head > a').map(a => a.getAttribute('href')),
    events: all('.ms-timeline__events a').map(a => a.getAttribute('href')),
    hidden: all('.ms-timeline__legend, .ms-timeline__axis, .ms-timeline__track').every(e => e.getAttribute('aria-hidden') === 'true'),
  };
}"""


@pytest.mark.parametrize("site, lang", [("real", ""), ("real", "en/"), ("fixture", ""), ("fixture", "en/")])
def test_the_timeline_is_readable_at_both_widths(window, request, site, lang):
    window.goto(request.getfixturevalue(f"{site}_url") + lang + "activities/")
    state = window.evaluate(TIMELINE_JS)
    # Every year labelled, inside the axis, no label on another.
    years = [int(y["text"]) for y in state["years"]]
    assert years and years == list(range(years[0], years[-1] + 1))
    axis = state["axis"]
    for year in state["years"]:
        assert axis["l"] <= year["box"]["l"] and year["box"]["r"] <= axis["r"] and year["box"]["h"] > 0, year
    assert not _overlaps([y["box"] for y in state["years"]])
    # A legend, each key drawn beside its words, and at least today's line explained.
    assert len(state["legend"]) >= 2 and all(k["text"] and k["key"]["w"] > 0 for k in state["legend"])
    assert not _overlaps([k["box"] for k in state["legend"]])
    # No two marks on one another, each inside its track.
    assert state["tracks"]
    for track in state["tracks"]:
        assert not _overlaps(track["marks"]), track
        for mark in track["marks"]:
            assert track["box"]["t"] <= mark["t"] and mark["b"] <= track["box"]["b"] + 0.5, (mark, track["box"])
            assert track["box"]["l"] - mark["w"] / 2 <= mark["l"] and mark["r"] <= track["box"]["r"] + mark["w"] / 2
    # No row repeated: each activity and each event once.
    assert len(state["rows"]) == len(set(state["rows"])) and len(state["events"]) == len(set(state["events"]))
    assert state["hidden"]  # the picture is for the eyes; the text beside it says the same


def test_marks_closer_than_their_size_are_stacked_on_a_phone_only(browser, crowded_url):
    """Two events of one activity 58 days apart: 10 px on a phone's line, so one above the other;
    side by side on a desktop's."""
    tops = {}
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto(crowded_url + "activities/")
        row = page.locator(".ms-timeline__row", has=page.locator('a[href="../events/close-1/"]'))
        marks = row.locator(".ms-timeline__mark")
        boxes = [marks.nth(i).bounding_box() for i in range(marks.count())]
        assert len(boxes) == 4 and not _overlaps([{"l": b["x"], "t": b["y"], "r": b["x"] + b["width"],
                                                   "b": b["y"] + b["height"]} for b in boxes])
        tops[width] = len({round(b["y"]) for b in boxes})
        context.close()
    assert tops[390] > tops[1280] == 1
