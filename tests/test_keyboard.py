"""Keyboard and screen readers at a phone's width (390 px) and a desktop's (1280 px), in both
languages, on every page type: Debian's Chromium through Playwright, against the built sites.

Each page is walked with Tab from the top until the focus comes round again; at every step the
focused element must be shown (laid out, not transparent, not hidden), on the screen, not covered
by anything, and named as Chromium's accessibility tree tells a screen reader (the browser's own
name computation, read through the DevTools protocol). The menu and the search must open and
close with the keyboard, moving the focus in and back. A second rule engine besides axe, IBM's
Equal Access (accessibility-checker-engine, npm), checks every page type too: axe reports none of
the problems these tests were written for (squidfunk/mkdocs-material#4101). The walk and IBM's
engine run in tests/test_browser_pages.py, in the one visit of each page that all its checks share.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from conftest import ROOT
from contentfiles import read_record
from test_browser import PAGE_TYPES

WIDTHS = {"phone": 390, "desktop": 1280}
LANGS = {"ro": "", "en": "en/"}
KINDS = {**PAGE_TYPES, "not-found": ("real", "404.html")}
NAMES = {"ro": {"menu": "Meniu", "search": "Căutare", "close": "Închide căutarea"},
         "en": {"menu": "Menu", "search": "Search", "close": "Close search"}}
ACE = ROOT / "node_modules" / "accessibility-checker-engine" / "ace.js"

# The focused element as a sighted keyboard user sees it. Shown: laid out, not hidden, neither
# it nor a parent transparent. On screen: inside the window. Uncovered: what the window shows at
# its centre is the element itself (or inside it).
FOCUS_JS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body || e === document.documentElement) return null;
  const r = e.getBoundingClientRect();
  let shown = r.width > 0 && r.height > 0 && getComputedStyle(e).visibility === 'visible';
  for (let n = e; n; n = n.parentElement) {
    const s = getComputedStyle(n);
    if (s.display === 'none' || parseFloat(s.opacity) === 0) shown = false;
  }
  // some of it shows: the centre or a point near a corner of any of its boxes (a link that wraps
  // has one per line; map markers may overlap their neighbours)
  const uncovered = [...e.getClientRects()].some(b => [[.5, .5], [.25, .25], [.75, .25], [.25, .75], [.75, .75]]
    .some(([fx, fy]) => {
      const hit = document.elementFromPoint(Math.min(Math.max(b.left + b.width * fx, 0), innerWidth - 1),
                                            Math.min(Math.max(b.top + b.height * fy, 0), innerHeight - 1));
      return !!hit && (hit === e || e.contains(hit));
    }));
  return {html: e.outerHTML.slice(0, 100).replace(/\\s+/g, ' '), shown, uncovered,
          onScreen: r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight,
          box: [r.left, r.top, r.width, r.height].map(Math.round)};
}"""
# Material's transitions (drawer 0.25 s, search 0.3 s, back-to-top 0.125 s): states, not frames.
NO_TRANSITIONS = "*, *::before, *::after { transition-duration: 0s !important; transition-delay: 0s !important; }"


def _accessible(cdp) -> tuple[str, str, bool]:
    """(role, name, ignored) of the focused element in Chromium's accessibility tree."""
    handle = cdp.send("Runtime.evaluate", {"expression": "document.activeElement"})["result"]
    try:
        node = cdp.send("Accessibility.getPartialAXTree",
                        {"objectId": handle["objectId"], "fetchRelatives": False})["nodes"][0]
    finally:
        cdp.send("Runtime.releaseObject", {"objectId": handle["objectId"]})
    return (node.get("role", {}).get("value", ""), (node.get("name", {}).get("value") or "").strip(),
            bool(node.get("ignored")))


def _focus(page, cdp) -> dict | None:
    state = page.evaluate(FOCUS_JS)
    if state:
        state["role"], state["name"], state["ignored"] = _accessible(cdp)
    return state


def _problems(state: dict) -> list[str]:
    checks = {"hidden": state["shown"], "off screen": state["onScreen"], "covered": state["uncovered"],
              "no accessible name": bool(state["name"]), "hidden from assistive technology": not state["ignored"]}
    return [f"{problem}: {state['html']} {state['box']}" for problem, ok in checks.items() if not ok]


def _open(page, url: str) -> None:
    page.goto(url)
    page.add_style_tag(content=NO_TRANSITIONS)


def _walk(page, cdp, limit: int = 250) -> list[dict]:
    """Every stop of Tab from the top of the page until the focus leaves the page or comes back."""
    stops, first = [], None
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = _focus(page, cdp)
        if state is None:
            break
        if first and state["html"] == first and state["box"] == stops[0]["box"]:
            break
        first = first or state["html"]
        stops.append(state)
    return stops


def _tab_to(page, cdp, name: str, limit: int = 30) -> dict:
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = _focus(page, cdp)
        if state and state["name"] == name:
            return state
    raise AssertionError(f"Tab never reached {name!r}")


def _search_for(page, word: str) -> None:
    """Type `word` into the focused search field and wait for the results of the whole word (the
    theme searches again after each key, replacing the list)."""
    page.keyboard.type(word)
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    page.wait_for_function("""() => new Promise(done => {
        const list = document.querySelector('.md-search-result__list'), before = list.innerHTML;
        setTimeout(() => done(list.innerHTML === before && list.children.length > 0), 300); })""", timeout=10_000)


def _is(page, toggle: str, state: bool) -> bool:
    """Whether the theme's toggle (its checkbox) is, or within a second becomes, `state`: the theme
    reacts to focus a moment after the key press that moved it."""
    try:
        page.wait_for_function(f"document.getElementById('__{toggle}').checked === {str(state).lower()}",
                               timeout=1000)
        return True
    except PlaywrightTimeout:
        return False


@pytest.mark.parametrize("lang", list(LANGS))
def test_menu_opens_and_closes_with_the_keyboard(browser, real_url, lang):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    _open(page, real_url + LANGS[lang] + "news/")
    menu = NAMES[lang]["menu"]
    button = page.locator(f'button[aria-label="{menu}"]')

    state = _tab_to(page, cdp, menu)
    assert state["role"] == "button" and not _problems(state)
    assert button.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    assert _is(page, "drawer", True) and button.get_attribute("aria-expanded") == "true"
    inside = _focus(page, cdp)  # the focus moved into the opened menu, onto its first link
    assert page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')") and not _problems(inside)
    drawer_stops = []
    for _ in range(3):
        page.keyboard.press("Tab")
        drawer_stops.append(_focus(page, cdp))
    assert all(not _problems(s) for s in drawer_stops)
    assert page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')")

    page.keyboard.press("Escape")  # closes, and the focus goes back to the button
    assert _is(page, "drawer", False) and button.get_attribute("aria-expanded") == "false"
    assert _focus(page, cdp)["name"] == menu

    page.keyboard.press(" ")  # Space opens it too; Tab past its last link closes it
    assert _is(page, "drawer", True)
    links = page.locator(".md-sidebar--primary a[href]").count()
    for _ in range(links):
        page.keyboard.press("Tab")
    assert _is(page, "drawer", False)
    after = _focus(page, cdp)
    assert not page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')") and not _problems(after)
    context.close()


@pytest.mark.parametrize("lang", list(LANGS))
def test_search_opens_and_closes_with_the_keyboard_on_a_phone(browser, real_url, lang):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    _open(page, real_url + LANGS[lang])
    page.wait_for_load_state("networkidle")
    names = NAMES[lang]
    button = page.locator(f'button[aria-label="{names["search"]}"]')

    state = _tab_to(page, cdp, names["search"])
    assert state["role"] == "button" and button.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    assert _is(page, "search", True) and button.get_attribute("aria-expanded") == "true"
    field = _focus(page, cdp)
    assert field["role"] in ("textbox", "searchbox") and not _problems(field)

    # a word of the project's title (the home and project pages show it), whatever the content
    _search_for(page, max(re.findall(r"[A-Za-z]{4,}", read_record(ROOT / "content", lang, "project")["title"]), key=len))
    stops = []
    for _ in range(3):  # the close button, the clear button, the first result
        page.keyboard.press("Tab")
        stops.append(_focus(page, cdp))
    assert [s["name"] for s in stops[:1]] == [names["close"]]
    assert not [p for s in stops for p in _problems(s)]
    assert page.evaluate("!!document.activeElement.closest('.md-search-result')")

    page.keyboard.press("Escape")  # from a result back to the field
    assert _is(page, "search", True) and _focus(page, cdp)["name"] == names["search"]
    page.keyboard.press("Escape")  # closes, and the focus goes back to the button
    assert _is(page, "search", False) and button.get_attribute("aria-expanded") == "false"
    assert _focus(page, cdp)["name"] == names["search"]

    page.keyboard.press(" ")  # Space opens it; its close button closes it, focus back again
    assert _is(page, "search", True)
    page.keyboard.press("Tab")
    assert _focus(page, cdp)["name"] == names["close"]
    page.keyboard.press("Enter")
    assert _is(page, "search", False) and _focus(page, cdp)["name"] == names["search"]
    context.close()


def test_search_field_opens_and_closes_with_the_keyboard_on_a_desktop(browser, real_url):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    _open(page, real_url + "en/")
    page.wait_for_load_state("networkidle")
    assert not page.locator("[data-ms-toggle]").first.is_visible()  # the field is the way in here
    state = _tab_to(page, cdp, "Search")
    assert state["role"] in ("textbox", "searchbox") and _is(page, "search", True)
    _search_for(page, "partners")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    result = _focus(page, cdp)
    assert page.evaluate("!!document.activeElement.closest('.md-search-result')") and not _problems(result)
    page.keyboard.press("Escape")  # from a result back to the field, then closed
    assert _is(page, "search", True) and _focus(page, cdp)["role"] in ("textbox", "searchbox")
    page.keyboard.press("Escape")
    assert _is(page, "search", False)
    page.keyboard.press("Shift+Tab")  # leaving the search by Tab closes it as well
    page.keyboard.press("Tab")
    assert _is(page, "search", True)
    page.keyboard.press("Shift+Tab")
    assert _is(page, "search", False) and not _problems(_focus(page, cdp))
    context.close()
