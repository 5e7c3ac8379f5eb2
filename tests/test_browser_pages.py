"""One visit per page type, screen width and language for every check that reads the page as it
stands: it fits the screen (no sideways scrolling, controls a finger can hit), its full-page
screenshot, the walk with Tab (tests/test_keyboard.py) and IBM's Equal Access engine. Loading a
page once for all of them, instead of once per check, is most of what keeps the browser tests short.
"""
from __future__ import annotations

import pytest

from conftest import ARTIFACTS
from test_browser import CONTROLS, PAGE_TYPES
from test_keyboard import ACE, KINDS, LANGS, NO_TRANSITIONS, WIDTHS, _problems, _walk

HEIGHT = 900

SMALL_CONTROLS_JS = """(selector) => Array.from(document.querySelectorAll(selector))
    .filter((el) => el.offsetParent !== null)
    .map((el) => [el.outerHTML.slice(0, 80), el.getBoundingClientRect()])
    .filter(([, r]) => r.width < 44 || r.height < 44)
    .map(([html, r]) => `${html} ${Math.round(r.width)}x${Math.round(r.height)}`)"""
# Every control shown before anything is opened, marked when the focus reaches it.
MARK_REACHED_JS = """() => document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')
    .forEach(e => e.addEventListener('focus', () => e.dataset.msReached = '1'))"""
UNREACHED_JS = """() => [...document.querySelectorAll(
      'a[href], button, input:not([type=checkbox]):not([type=hidden]), select, textarea, summary')]
    .filter(e => { const r = e.getBoundingClientRect();
      let shown = r.width > 0 && r.height > 0 && getComputedStyle(e).visibility === 'visible';
      for (let n = e; n; n = n.parentElement) if (parseFloat(getComputedStyle(n).opacity) === 0) shown = false;
      return shown && !e.closest('[inert], [aria-hidden=true]') && !e.dataset.msReached
        && !(e.closest('.md-select__inner') && e.closest('.md-select').querySelector('button').dataset.msReached); })
    .map(e => e.outerHTML.slice(0, 100))"""
LABEL_BUTTONS_JS = """() => [...document.querySelectorAll('.md-header label[for]')]
    .filter(e => e.getClientRects().length && getComputedStyle(e).visibility === 'visible')
    .map(e => e.outerHTML.slice(0, 100))"""
IBM_JS = """async () => (await new ace.Checker().check(document, ['WCAG_2_1'])).results
    .filter(r => r.value[0] === 'VIOLATION' && r.value[1] === 'FAIL')
    .map(r => `${r.ruleId}: ${r.message} (${r.path.dom})`)"""

VISITS = [(kind, lang, width) for kind in KINDS for lang in LANGS for width in WIDTHS]


@pytest.mark.parametrize("kind, lang, width", VISITS)
def test_page_as_seen_on_the_screen_and_with_the_keyboard(request, browser, kind, lang, width):
    """Every check that reads this page, after one load of it:
    - fits: no sideways scrolling; controls a finger must hit at least 44 × 44 px (WCAG 2.5.5;
      inline links are exempt by the criterion, map markers by its "equivalent" exception: the
      numbered list below the map offers the same links);
    - tab walk: at every stop of Tab from the top the focus is on something seen and named; every
      control shown is one of the stops; no bare <label> in the header acts as a button;
    - IBM Equal Access, WCAG 2.1 rule set: no definite violation (its "potential" ones ask for a
      person's judgement and are not counted).
    The full-page screenshot goes to test-artifacts/ for a person to look at."""
    if not ACE.is_file():
        pytest.fail(f"{ACE} is missing: run `npm ci` (python3 dev.py test does it)")
    site, path = KINDS[kind]
    context = browser.new_context(viewport={"width": WIDTHS[width], "height": HEIGHT})
    page = context.new_page()
    loads = []
    page.on("load", lambda loaded: loads.append(loaded.url))
    page.goto(request.getfixturevalue(f"{site}_url") + LANGS[lang] + path)
    found: dict[str, list[str]] = {}
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    found["sideways scrolling (px)"] = [overflow] if overflow > 0 else []
    found["controls under 44 px"] = page.evaluate(SMALL_CONTROLS_JS, CONTROLS)
    if kind in PAGE_TYPES:  # the 404 page is walked and checked, not photographed
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=ARTIFACTS / f"{kind}-{lang}-{width}.png", full_page=True)
    page.add_style_tag(content=NO_TRANSITIONS)
    page.evaluate(MARK_REACHED_JS)
    stops = _walk(page, context.new_cdp_session(page))
    found["too few tab stops"] = [] if len(stops) > 5 else [str(len(stops))]
    found["tab stops not seen or named"] = [problem for state in stops for problem in _problems(state)]
    found["controls never reached"] = page.evaluate(UNREACHED_JS)
    found["header labels acting as buttons"] = page.evaluate(LABEL_BUTTONS_JS)
    page.add_script_tag(path=str(ACE))
    found["IBM Equal Access violations"] = page.evaluate(IBM_JS)
    found["page loads (one visit for all checks)"] = [] if len(loads) == 1 else loads
    context.close()
    assert not any(found.values()), {check: problems for check, problems in found.items() if problems}
