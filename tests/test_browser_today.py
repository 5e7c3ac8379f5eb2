"""The pages correct themselves in the visitor's browser (docs/assets/js/today.js): opened long after
the last build, an event that has ended is among the past ones, the home page shows the latest
events under the heading that says so, and the share of the period passed and the timeline's
"today" are counted for the day of the visit. The browser's clock is set; the site is built once."""
from __future__ import annotations

import datetime as dt
import re

import pytest

DAYS_LATER = dt.datetime(2099, 6, 15, 12, 0)  # after the fixture's last event (2099-05-01)


@pytest.fixture
def later(browser):
    context = browser.new_context(locale="ro-RO", timezone_id="Europe/Chisinau")
    page = context.new_page()
    page.clock.set_fixed_time(DAYS_LATER)
    yield page
    context.close()


def test_an_event_that_has_ended_since_the_build_is_past(fixture_url, later):
    later.goto(fixture_url + "events/")
    upcoming = later.locator('[data-today="upcoming"] > li')
    later.wait_for_function("document.querySelector('[data-today=\"upcoming\"]').children.length === 0")
    assert upcoming.count() == 0
    assert later.locator('[data-today="none"]').is_visible()
    past = later.locator('[data-today="past"] > li')
    assert "Atelierul viitor" in past.first.inner_text()  # the newest first
    assert later.locator("#past").is_visible()


def test_the_home_page_shows_the_latest_events_and_the_period_passed(fixture_url, later, browser):
    fetched = []
    later.on("request", lambda r: fetched.append(r.url))
    later.goto(fixture_url)
    heading = later.locator("#events")
    later.wait_for_function("document.getElementById('events').textContent === 'Ultimele evenimente'")
    shown = later.locator('section[data-today="events"] li:not([hidden])')
    assert 1 <= shown.count() <= 3 and "Atelierul viitor" in shown.first.inner_text()
    assert later.locator('section[data-today="events"] [data-today="none"]').is_visible()
    note = later.locator(".ms-period__note").inner_text()
    assert "100%" in note and "15 iunie 2099" in note, note
    assert later.locator(".ms-progress > span").get_attribute("style") == "width: 100%;"
    assert heading.inner_text() == "Ultimele evenimente"
    assert [url for url in fetched if url.endswith("/assets/js/today.js")]  # asked for: the page is stale
    # On the day of the build, the page says what the build wrote, and today.js is not even fetched.
    context = browser.new_context(locale="ro-RO")
    page = context.new_page()
    fetched = []
    page.on("request", lambda r: fetched.append(r.url))
    page.goto(fixture_url, wait_until="networkidle")
    assert not [url for url in fetched if url.endswith("/today.js")], fetched
    built = page.locator(".ms-period__note").inner_text()
    page.wait_for_timeout(300)
    assert page.locator(".ms-period__note").inner_text() == built
    context.close()


def test_the_timeline_marks_the_day_of_the_visit(fixture_url, later):
    later.goto(fixture_url + "en/activities/")
    later.wait_for_function("document.querySelector('time[data-today=\"date\"]').dateTime === '2099-06-15'")
    assert later.locator('time[data-today="date"]').inner_text() == "15 June 2099"
    style = later.locator('[data-today="timeline"]').get_attribute("style")
    assert re.search(r"--today:\s*100%", style), style


def test_without_javascript_the_dates_of_the_build_are_there(fixture_site):
    html = (fixture_site / "events" / "index.html").read_text(encoding="utf-8")
    assert 'data-last="2099-05-01"' in html and "Atelierul viitor" in html
    home = (fixture_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'class="ms-period__note">[^<]*\d+%', home)
