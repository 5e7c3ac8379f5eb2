"""Every page of both languages in Chromium, served at its own address on 127.0.0.1: the requests it
makes (none may leave the site, none may fail), cookies (none), axe-core's WCAG 2.1 AA rules, and
the EU emblem and funding statement on a desktop and a phone screen. Then keyboard use.

The pages are visited once per screen width and the findings kept, so that each check below is
its own test without loading the site again; the pages are shared out into parts that run on
different workers.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import ROOT, html_pages, once_per_run
from contentfiles import read_record

DESKTOP, PHONE = {"width": 1280, "height": 800}, {"width": 390, "height": 844}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Regulation (EU) 2021/1060, Annex IX: the typefaces allowed for the funding statement, and its colours.
ALLOWED_FONTS = {"arial", "auto", "calibri", "garamond", "trebuchet ms", "trebuchet", "tahoma", "verdana", "ubuntu"}
ALLOWED_COLOURS = {"rgb(0, 51, 153)", "rgb(0, 0, 0)", "rgb(255, 255, 255)"}
STATEMENT = {"ro": "Cofinanțat de Uniunea Europeană", "en": "Co-funded by the European Union"}

# Measures the EU block of the page in one round trip; "visible" means laid out, not hidden, not
# transparent and inside the page's width (a phone never has to scroll sideways to see it).
EU_BLOCK_JS = """() => {
  const width = document.documentElement.clientWidth;
  const box = (el) => {
    if (!el) return null;
    const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    return {left: r.left, right: r.right, top: r.top + scrollY, bottom: r.bottom + scrollY,
            width: r.width, height: r.height,
            shown: r.width > 0 && r.height > 0 && s.visibility === 'visible' && s.display !== 'none'
                   && parseFloat(s.opacity) > 0 && r.left >= 0 && r.right <= width + 0.5};
  };
  const emblem = document.querySelector('.ms-eu__flag img');
  const text = document.querySelector('.ms-eu__text');
  const style = text ? getComputedStyle(text) : null;
  const logos = [...document.querySelectorAll('.ms-eu__logo, .ms-hero__visual, .md-header .md-logo img, .md-header .md-logo svg')]
    .map(box).filter(b => b && b.shown);
  return {
    emblem: box(emblem), loaded: !!emblem && emblem.complete && emblem.naturalWidth > 0,
    emblemSrc: emblem ? emblem.getAttribute('src') : null,
    text: box(text), statement: text ? text.textContent.trim() : null,
    font: style && style.fontFamily, fontStyle: style && style.fontStyle, weight: style && style.fontWeight,
    decoration: style && style.textDecorationLine, shadow: style && style.textShadow,
    colour: style && style.color, logos,
  };
}"""


@dataclass
class Visit:
    url: str
    lang: str
    requests: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # responses >= 400, failed requests, console errors
    violations: list[str] = field(default_factory=list)
    eu: dict = field(default_factory=dict)


def _addresses(site: Path, base: str) -> list[tuple[str, str]]:
    """(address, language) of every page, the 404 pages included."""
    paths = [p.relative_to(site).as_posix() for p in html_pages(site)]
    paths += [p.relative_to(site).as_posix() for p in site.rglob("404.html")]
    result = []
    for rel in sorted(paths):
        url = base + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        result.append((url, "en" if rel.startswith("en/") else "ro"))
    return result


def _plan(sites) -> list[tuple[str, str]]:
    """(address, language) of the pages to visit of `sites` ((folder, address, page filter) triples)."""
    return [(url, lang) for site, base, wanted in sites for url, lang in _addresses(site, base)
            if wanted(site, url[len(base):])]


def _visit_all(browser, plan: list[tuple[str, str]], viewport, run_axe: bool) -> dict[str, Visit]:
    """Visit the pages of `plan` at one screen size. With axe, each visit also waits until the
    network is idle, so that the requests scripts make after the load (search index, sitemaps)
    are recorded too."""
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    visits: dict[str, Visit] = {}
    current: list[Visit] = []
    page.on("request", lambda r: current[-1].requests.append(r.url))
    # ERR_ABORTED: a request still running when the next page is opened (not a failure of the site)
    page.on("requestfailed", lambda r: "ERR_ABORTED" not in (r.failure or "")
            and current[-1].failures.append(f"failed {r.url} ({r.failure})"))
    page.on("response", lambda r: r.status >= 400 and current[-1].failures.append(f"{r.status} {r.url}"))
    page.on("console", lambda m: m.type == "error" and current[-1].failures.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: current[-1].failures.append(f"script error: {e}"))
    axe = Axe()
    for url, lang in plan:
        if current and urlsplit(current[-1].url).netloc != urlsplit(url).netloc:
            # The last page's late requests (the search worker's) belong to its own site, not the next.
            page.wait_for_load_state("networkidle")
        visit = Visit(url, lang)
        current.append(visit)
        page.goto(url, wait_until="load")
        if run_axe:
            result = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS},
                                            "resultTypes": ["violations"]})
            visit.violations = [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
                                for v in result.response["violations"]]
            # usually over by the end of axe's run, so this returns at once
            page.wait_for_load_state("networkidle")
        visit.eu = page.evaluate(EU_BLOCK_JS)
        visits[url] = visit
    page.wait_for_load_state("networkidle")
    visits["__cookies__"] = context.cookies()  # type: ignore[assignment]
    context.close()
    return visits


def _every_page(site: Path, rel: str) -> bool:
    return True


def _kinds_the_real_content_lacks(site: Path, rel: str) -> bool:
    """Fixture pages of kinds the real content has none of yet: good practices, untranslated
    items (with their notice), upcoming events (on the home and events pages)."""
    path = site / (rel if rel.endswith(".html") else rel + "index.html")
    return (rel.removeprefix("en/").startswith(("good-practices/", "events/")) or rel in ("", "en/")
            or "ms-missing-translation" in path.read_text(encoding="utf-8"))


def _pages_with_photos(site: Path, rel: str) -> bool:
    """The pages of tests/photos.py's content that show its phone photos: a news item and an event
    with a lead photo and a gallery, and the news list with thumbnails."""
    return rel.removeprefix("en/") in ("news/photos/", "events/photo-visit/", "news/")


def _desktop_plan(local_real, local_fixture, local_photos) -> list[tuple[str, str]]:
    """Every page of the real site, and the fixture sites' pages of other kinds."""
    return _plan([(*local_real, _every_page), (*local_fixture, _kinds_the_real_content_lacks),
                  (*local_photos, _pages_with_photos)])


def _phone_plan(local_real, local_photos) -> list[tuple[str, str]]:
    return _plan([(*local_real, _every_page), (*local_photos, _pages_with_photos)])


# The pages are shared out into parts that workers visit side by side: the axe pass is the
# longest single piece of the suite.
PARTS = 4


# Every test that reads the findings takes `part`; a part is visited by the first worker that
# needs it, while the other worker visits another (conftest.once_per_run).
EACH_PART = pytest.mark.parametrize("part", [pytest.param(n, id=f"part{n + 1}") for n in range(PARTS)])
_FOUND: dict[tuple[str, int], dict[str, Visit]] = {}


def _found(tmp_path_factory, screen: str, part: int, visit) -> dict[str, Visit]:
    """This part's findings at this screen size (`visit(n)` visits part n's pages). While another
    worker is visiting them, this one visits the parts nobody has started."""
    def once(n: int, wait: bool):
        return once_per_run(tmp_path_factory, f"compliance-{screen}-{n}", lambda: {
            url: v if url == "__cookies__" else asdict(v) for url, v in visit(n).items()}, wait=wait)
    if (screen, part) not in _FOUND:
        data = once(part, wait=False)
        if data is None:
            for other in range(PARTS):
                if other != part and (screen, other) not in _FOUND:
                    once(other, wait=False)
            data = once(part, wait=True)
        _FOUND[screen, part] = {url: v if url == "__cookies__" else Visit(**v) for url, v in data.items()}
    return _FOUND[screen, part]


@pytest.fixture
def desktop(tmp_path_factory, browser, part, local_real, local_fixture, local_photos):
    """This part's pages at a desktop's size, with axe."""
    plan = _desktop_plan(local_real, local_fixture, local_photos)
    return _found(tmp_path_factory, "desktop", part, lambda n: _visit_all(browser, plan[n::PARTS], DESKTOP, run_axe=True))


@pytest.fixture
def phone(tmp_path_factory, browser, part, local_real, local_photos):
    plan = _phone_plan(local_real, local_photos)
    return _found(tmp_path_factory, "phone", part, lambda n: _visit_all(browser, plan[n::PARTS], PHONE, run_axe=False))


def _pages(visits) -> list[Visit]:
    return [v for k, v in visits.items() if k != "__cookies__"]


@EACH_PART
def test_each_part_visits_its_pages(desktop, phone, part, local_real, local_fixture, local_photos):
    """Its pages, in order (by path: the worker that visited them served the sites at its own ports)."""
    def paths(urls):
        return [urlsplit(url).path for url in urls]
    assert paths(v.url for v in _pages(desktop)) == paths(
        u for u, _ in _desktop_plan(local_real, local_fixture, local_photos)[part::PARTS])
    assert paths(v.url for v in _pages(phone)) == paths(u for u, _ in _phone_plan(local_real, local_photos)[part::PARTS])


def test_every_page_of_both_languages_is_planned_once(local_real, local_fixture, local_photos, capsys):
    """The parts together: every page of the real site in both languages, the photo pages at
    both sizes, no page twice; the count of pages each check visits is printed."""
    site, base = local_real
    desktop = _desktop_plan(local_real, local_fixture, local_photos)
    phone = _phone_plan(local_real, local_photos)
    for plan in (desktop, phone):
        shared = [page for n in range(PARTS) for page in plan[n::PARTS]]
        assert sorted(shared) == sorted(plan) and len(set(shared)) == len(shared)
        real = [(url, lang) for url, lang in plan if url.startswith(base)]
        assert {lang for _, lang in real} == {"ro", "en"}
        assert len(real) == len(_addresses(site, base)) > 80
        photos = {url[len(local_photos[1]):] for url, _ in plan if url.startswith(local_photos[1])}
        assert photos == {prefix + path for prefix in ("", "en/") for path in ("news/", "news/photos/", "events/photo-visit/")}
    from test_browser_pages import VISITS
    with capsys.disabled():
        print(f"\nbrowser checks, pages visited: axe, requests, cookies, EU block at 1280 px: {len(desktop)} "
              f"in {PARTS} parts; requests, cookies, EU block at 390 px: {len(phone)} in {PARTS} parts; "
              f"fit, screenshot, tab walk, IBM: {len(VISITS)} (page types × languages × widths, one load each)")


@EACH_PART
def test_no_request_leaves_the_site(desktop, phone):
    outside = {(v.url, r) for visits in (desktop, phone) for v in _pages(visits) for r in v.requests
               if urlsplit(r).netloc != urlsplit(v.url).netloc}
    assert not outside


@EACH_PART
def test_no_request_fails_and_no_script_error(desktop, phone):
    failures = {(v.url, f) for visits in (desktop, phone) for v in _pages(visits) for f in v.failures}
    assert not failures


@pytest.mark.parametrize("scale, width", [(3, 1200), (2, 800), (1, 400)])
def test_a_phone_loads_the_photo_width_it_needs(browser, local_photos, scale, width):
    """390 CSS pixels wide: the browser picks from `srcset` the narrowest width that fills the
    screen's real pixels, and never the 20 MB photo (sitegen/images.py)."""
    site, base = local_photos
    context = browser.new_context(viewport=PHONE, device_scale_factor=scale)
    page = context.new_page()
    loaded = []
    page.on("response", lambda r: r.request.resource_type == "image" and loaded.append(r.url))
    page.goto(base + "news/photos/", wait_until="load")
    lead = page.evaluate("""() => { const i = document.querySelector('.ms-photo img');
        return {src: i.currentSrc, complete: i.complete, shown: i.getBoundingClientRect().width}; }""")
    context.close()
    assert lead["complete"] and re.search(rf"/images/phone-{width}-\w+\.webp$", lead["src"]), lead
    assert lead["shown"] <= PHONE["width"]
    assert all("/images/" in url or "/assets/" in url for url in loaded), loaded


@EACH_PART
def test_no_cookie_is_set(desktop, phone):
    assert desktop["__cookies__"] == [] and phone["__cookies__"] == []


@EACH_PART
def test_axe_finds_no_wcag21_aa_violation(desktop):
    found = {v.url: v.violations for v in _pages(desktop) if v.violations}
    assert not found


@EACH_PART
@pytest.mark.parametrize("screen", ["desktop", "phone"])
def test_eu_emblem_and_statement_are_visible(screen, desktop, phone):
    problems = []
    for visit in _pages(desktop if screen == "desktop" else phone):
        eu = visit.eu
        emblem, text = eu["emblem"], eu["text"]
        checks = {
            "emblem shown": emblem and emblem["shown"] and eu["loaded"],
            "emblem unstretched (3:2)": emblem and abs(emblem["width"] / emblem["height"] - 1.5) < 0.02,
            "emblem is the official file": (eu["emblemSrc"] or "").endswith("assets/images/eu-emblem.svg"),
            "statement in full": eu["statement"] == STATEMENT[visit.lang],
            "statement shown": text and text["shown"],
            # "beside": to the right of the emblem and level with it
            "statement beside the emblem": text and emblem and text["left"] >= emblem["right"] - 1
                and text["top"] < emblem["bottom"] and text["bottom"] > emblem["top"],
            "allowed typeface": eu["font"] and eu["font"].split(",")[0].strip(" '\"").lower() in ALLOWED_FONTS,
            "no italics, underline or effects": eu["fontStyle"] == "normal" and eu["decoration"] == "none"
                and eu["shadow"] == "none",
            "reflex blue, black or white": eu["colour"] in ALLOWED_COLOURS,
            "emblem at least as large as any other logo": emblem and all(
                logo["height"] <= emblem["height"] + 0.5 and logo["width"] <= emblem["width"] + 0.5
                for logo in eu["logos"]),
        }
        problems += [f"{visit.url}: {name}" for name, ok in checks.items() if not ok]
    assert not problems


# -- keyboard -------------------------------------------------------------------------------------

STYLE_OF_JS = """e => { const s = getComputedStyle(e);
  return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.color, s.backgroundColor,
          s.textDecorationLine, s.opacity].join('|'); }"""
ACTIVE_JS = """() => { const e = document.activeElement, r = e.getBoundingClientRect();
  return {tag: e.tagName.toLowerCase(), cls: e.className && e.className.baseVal === undefined ? e.className : '',
          id: e.id, href: e.getAttribute('href'), hreflang: e.getAttribute('hreflang'),
          visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight && r.right > 0
                   && r.left < innerWidth}; }"""


@pytest.fixture
def keyboard_page(browser):
    context = browser.new_context(viewport=DESKTOP)
    yield context.new_page()
    context.close()


def _tab_until(page, predicate, limit=60):
    for _ in range(limit):
        page.keyboard.press("Tab")
        active = page.evaluate(ACTIVE_JS)
        if predicate(active):
            return active
    return None


def test_skip_link_comes_first_and_leads_to_the_content(keyboard_page, local_real):
    site, base = local_real
    page = keyboard_page
    for path in ("", "en/news/", "partners/"):
        page.goto(base + path)
        page.keyboard.press("Tab")
        active = page.evaluate(ACTIVE_JS)
        assert "md-skip" in active["cls"] and active["visible"], path
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "ms-content", path


def test_focus_is_visible_on_every_tab_stop(keyboard_page, local_real):
    """Along the first 40 tab stops of the home page, each focused element is on screen and looks
    different (outline, colour, underline…) from itself once the focus has moved on."""
    site, base = local_real
    page = keyboard_page
    page.goto(base)
    # End states only: Material eases colours in over 0.25 s.
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    unseen, previous = [], None
    for _ in range(40):
        page.keyboard.press("Tab")
        if previous:
            handle, active, focused = previous
            page.mouse.move(0, 0)
            if page.evaluate(STYLE_OF_JS, handle) == focused:
                unseen.append(active)
        active = page.evaluate(ACTIVE_JS)
        # Focusing the search field opens the search overlay (white field, page dimmed) and it stays
        # open when the focus moves on: the field's own style cannot show the difference.
        if active["tag"] == "body" or "md-search__input" in active["cls"]:
            previous = None
            continue
        if not active["visible"]:
            unseen.append(active)
        handle = page.evaluate_handle("document.activeElement")
        previous = (handle, active, page.evaluate(STYLE_OF_JS, handle))
    assert not unseen


def test_language_switch_works_with_the_keyboard(keyboard_page, local_real):
    site, base = local_real
    page = keyboard_page
    page.goto(base + "news/")
    found = _tab_until(page, lambda a: a["hreflang"] == "en" and "md-select__link" in a["cls"])
    assert found and found["visible"]
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/en/news/$"))
    assert page.evaluate("document.documentElement.lang") == "en"


@pytest.mark.parametrize("path, lang", [("", "ro"), ("en/", "en")])
def test_search_works_with_the_keyboard(keyboard_page, local_real, path, lang):
    site, base = local_real
    # a word of the project's title, which the home and project pages show: whatever the content
    word = max(re.findall(r"[A-Za-z]{4,}", read_record(ROOT / "content", lang, "project")["title"]), key=len)
    page = keyboard_page
    page.goto(base + path, wait_until="networkidle")
    found = _tab_until(page, lambda a: a["tag"] == "input" and "md-search__input" in a["cls"])
    assert found and found["visible"]
    page.keyboard.type(word)
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    result = _tab_until(page, lambda a: a["tag"] == "a" and (a["href"] or "").startswith(("..", "/", "http")), 5) \
        or _tab_until(page, lambda a: a["tag"] == "a", 5)
    assert result and result["visible"]


@pytest.mark.parametrize("path", ["good-practices/", "en/good-practices/", "partners/"])
def test_every_control_in_the_content_is_reachable_by_keyboard(keyboard_page, local_fixture, path):
    """Links, buttons and form controls (the good-practice filters among them) in the page's
    content all take the focus in turn."""
    site, base = local_fixture
    page = keyboard_page
    page.goto(base + path)
    wanted = page.evaluate("""() => [...document.querySelectorAll(
        '.md-content a[href], .md-content button, .md-content input, .md-content select, .md-content textarea')]
        .filter(e => e.getClientRects().length && getComputedStyle(e).visibility === 'visible').length""")
    page.evaluate("""() => document.querySelectorAll('.md-content a[href], .md-content button, .md-content input,'
        + ' .md-content select, .md-content textarea').forEach(e => e.addEventListener('focus',
        () => e.dataset.msFocused = '1'))""")
    for _ in range(wanted + 80):
        page.keyboard.press("Tab")
    reached = page.evaluate("document.querySelectorAll('.md-content [data-ms-focused]').length")
    assert wanted > 0 and reached == wanted
