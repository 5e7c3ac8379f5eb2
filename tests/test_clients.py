"""What real clients notice: text in another language marked with its language (the language
links included, WCAG 3.1.2), the page's language shown on the switch, share titles and cards that
do not repeat themselves, sitemap dates from the content, no Event data with a day the content
does not give, and a way to reach the team that publishes the site.

On the fixture site (its values are known) and, as a whole, on the real site."""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from conftest import BASE_PATH, FIXTURE_CONTENT, copy_project, html_pages
from htmlutil import Page
from sitegen import lastmod
from sitegen.check import load
from sitegen.languages import Language

LANGS = {"ro": "", "en": "en/"}
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
LANGUAGES = [Language("ro", "Română", True), Language("en", "English")]


def _pages(site: Path):
    for path in html_pages(site):
        yield path, Page(path)


@pytest.fixture(scope="module", params=["fixture_site", "real_site"])
def site(request) -> Path:
    return request.getfixturevalue(request.param)


# -- languages --------------------------------------------------------------------------------------

# An item listed in the language it is written in (no translation yet): its title, then the
# name of its language in the page's (templates/_macros.html, item_link).
UNTRANSLATED = re.compile(r'<a href="[^"]*" hreflang="([a-z]+)"(?: lang="([a-z]+)")?>[^<]*</a> <span class="ms-lang"( lang)?')


def test_language_links_are_marked_with_their_language(site):
    untranslated = 0
    for path, page in _pages(site):
        links = page.links("md-select__link")
        assert {a["hreflang"] for a in links} == {"ro", "en"}, path
        assert all(a.get("lang") == a["hreflang"] for a in links), path
        for hreflang, lang, badge in UNTRANSLATED.findall(page.source):
            assert lang == hreflang and not badge, path  # the title in its language, the badge in the page's
            untranslated += 1
    assert untranslated or "fixture" not in str(site)  # the fixture's Romanian-only good practice


def test_the_switch_shows_the_pages_language(site):
    for path, page in _pages(site):
        code = page.lang.upper()
        spans = re.findall(r'<span class="ms-lang-switch__code" aria-hidden="true">([^<]*)</span>', page.source)
        assert spans == [code], path
        button = page.find_all("button", class_="ms-lang-switch")
        assert len(button) == 1 and button[0]["aria-label"].endswith(f"({code})"), path  # seen, and said


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("lang", LANGS)
def test_the_language_code_is_visible_beside_the_icon(browser, fixture_url, width, lang):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(fixture_url + LANGS[lang])
    code = page.locator(".ms-lang-switch__code")
    assert code.is_visible() and code.inner_text() == lang.upper()
    box, icon = code.bounding_box(), page.locator(".ms-lang-switch svg").bounding_box()
    assert box["height"] >= 8 and 0 <= box["x"] and box["x"] + box["width"] <= width
    assert abs((box["y"] + box["height"] / 2) - (icon["y"] + icon["height"] / 2)) < 4  # on the icon's line
    context.close()


# -- sharing ------------------------------------------------------------------------------------------

def _meta(page: Page, name: str) -> str | None:
    found = page.find_all("meta", property=name) or page.find_all("meta", name=name)
    return found[0]["content"] if found else None


def test_the_home_page_is_shared_under_the_sites_name(fixture_site):
    name = yaml.safe_load((FIXTURE_CONTENT / "identity.yml").read_text(encoding="utf-8"))["site_name"]
    for lang, prefix in LANGS.items():
        home = Page(fixture_site / prefix / "index.html")
        title = re.search(r"<title>([^<]*)</title>", home.source).group(1)
        assert title == _meta(home, "og:title") == _meta(home, "twitter:title") == name
        project = yaml.safe_load((FIXTURE_CONTENT / lang / "project.yml").read_text(encoding="utf-8"))["title"]
        assert _meta(home, "og:image:alt").startswith(project + ". ")


def test_no_share_title_or_card_repeats_itself(site):
    home_titles = {"Acasă", "Home"}
    for path, page in _pages(site):
        assert _meta(page, "og:title") not in home_titles, path
        alt = _meta(page, "og:image:alt") or ""
        parts = [part.strip() for part in re.split(r" – |\. ", alt) if part.strip()]
        assert len(parts) == len(set(parts)), (path, alt)


# -- sitemap dates ------------------------------------------------------------------------------------

def _lastmods(site: Path) -> dict[str, str | None]:
    root = ET.parse(site / "sitemap.xml").getroot()
    prefix = "https://example.org" + BASE_PATH
    return {u.findtext("s:loc", namespaces=SITEMAP).removeprefix(prefix): u.findtext("s:lastmod", namespaces=SITEMAP)
            for u in root.findall("s:url", SITEMAP)}


def test_sitemap_dates_come_from_the_content(fixture_site):
    """The fixture is built from a copy with no history: each page's own date stands in."""
    dates = _lastmods(fixture_site)
    for prefix in LANGS.values():
        assert dates[prefix + "news/kickoff/"] == "2024-01-15"
        assert dates[prefix + "news/month-only/"] == "2023-07"  # a month stays a month
        assert dates[prefix + "news/year-only/"] == "2022"
        assert dates[prefix + "events/past-meeting/"] == "2024-03-10"
        assert dates[prefix + "events/month-event/"] == "2024-12"
        assert dates[prefix + "news/"] == "2024-05-01"  # its newest item
        assert dates[prefix] == "2024-12"  # the newest news or event it shows
        for unknown in ("news/undated/", "events/future-workshop/", "partners/org-fi/", "project/"):
            assert dates[prefix + unknown] is None, unknown  # no date, not the build's day
    assert dt.date.today().isoformat() not in dates.values()
    packed = subprocess.run(["gzip", "-dc", str(fixture_site / "sitemap.xml.gz")], capture_output=True, text=True)
    assert packed.stdout == (fixture_site / "sitemap.xml").read_text(encoding="utf-8")


def test_the_real_sitemap_has_no_build_day_unless_the_content_changed_that_day(real_site):
    dates = [d for d in _lastmods(real_site).values() if d]
    assert dates and all(re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", d) for d in dates)
    assert max(dates) <= dt.date.today().isoformat()


def _git(folder: Path, *args: str, day: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org"}
    if day:
        env |= {"GIT_AUTHOR_DATE": f"{day}T12:00:00", "GIT_COMMITTER_DATE": f"{day}T12:00:00"}
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True, env=env)


def test_git_gives_each_files_last_change_and_nothing_past_a_shallow_clone(tmp_path):
    repo = tmp_path / "repo"
    (repo / "content" / "ro").mkdir(parents=True)
    _git(repo, "init", "-q")
    files = {name: repo / "content" / "ro" / name for name in ("a.yml", "b.yml", "c d.yml")}
    for file in files.values():
        file.write_text("x: 1\n")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "one", day="2021-03-04")
    files["a.yml"].write_text("x: 2\n")
    _git(repo, "commit", "-qam", "two", day="2022-05-06")
    files["b.yml"].write_text("x: 3\n")
    _git(repo, "commit", "-qam", "three", day="2023-07-08")
    assert lastmod.git_dates(repo) == {"content/ro/a.yml": dt.date(2022, 5, 6), "content/ro/b.yml": dt.date(2023, 7, 8),
                                       "content/ro/c d.yml": dt.date(2021, 3, 4)}
    _git(tmp_path, "clone", "-q", "--depth", "2", repo.as_uri(), "shallow")
    # a.yml last changed in the oldest commit the clone has: its older history is missing.
    assert lastmod.git_dates(tmp_path / "shallow") == {"content/ro/b.yml": dt.date(2023, 7, 8)}
    assert lastmod.git_dates(tmp_path / "nowhere") == {}


def test_a_pages_history_wins_over_its_own_date(tmp_path):
    content = load(copy_project(tmp_path / "project"), LANGUAGES)[0]
    dates = lastmod.Dates(content, dt.date(2026, 1, 1), {"content/ro/news/kickoff.yml": dt.date(2025, 1, 2),
                                                         "content/ro/project.yml": dt.date(2025, 2, 3)})
    assert dates.page("ro", "news/kickoff/") == dt.date(2025, 1, 2)
    assert dates.page("en", "news/kickoff/") == dt.date(2024, 1, 15)  # its English file has no history
    assert dates.page("ro", "project/") == dt.date(2025, 2, 3) and dates.page("en", "project/") is None
    assert dates.page("ro", "events/future-workshop/") is None


def test_rewriting_the_sitemap_keeps_its_addresses():
    text = ("<url>\n <loc>https://x.org/a/</loc>\n <lastmod>2026-12-07</lastmod>\n</url>"
            "<url>\n <loc>https://x.org/b/</loc>\n <lastmod>2026-12-07</lastmod>\n</url>")
    assert lastmod.rewrite_sitemap(text, {"https://x.org/a/": "2024-12"}) == (
        "<url>\n <loc>https://x.org/a/</loc>\n <lastmod>2024-12</lastmod>\n</url>"
        "<url>\n <loc>https://x.org/b/</loc>\n</url>")


# -- structured data ------------------------------------------------------------------------------------

def _json_ld(page: Page) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page.source, re.S)
    return [node for block in blocks for node in json.loads(block)["@graph"]]


def test_an_event_known_to_the_month_has_no_event_data(fixture_site):
    for prefix in LANGS.values():
        month = Page(fixture_site / prefix / "events" / "month-event" / "index.html")
        assert not [n for n in _json_ld(month) if n["@type"] == "Event"] and '"startDate"' not in month.source
        day = Page(fixture_site / prefix / "events" / "past-meeting" / "index.html")
        event = next(n for n in _json_ld(day) if n["@type"] == "Event")
        assert (event["startDate"], event["endDate"]) == ("2024-03-10", "2024-03-11")


def test_no_event_data_has_a_date_without_its_day(site):
    for path, page in _pages(site):
        for node in _json_ld(page):
            for key in ("startDate", "endDate"):
                assert key not in node or re.fullmatch(r"\d{4}-\d{2}-\d{2}", node[key]), (path, node)


# -- contact ----------------------------------------------------------------------------------------------

def test_every_page_says_how_to_reach_the_team(site):
    """The publishing organisation's public contact in every page's footer: name, website and
    address, as the content of the site's own build gives them (conftest: project/ beside site/)."""
    organisation = {lang: yaml.safe_load((site.parent / "project" / "content" / lang / "project.yml").read_text(
        encoding="utf-8"))["organisation"] for lang in LANGS}
    for path, page in _pages(site):
        org = organisation[page.lang]
        contact = re.search(r'<p class="ms-contact">(.*?)</p>', page.source, re.S)
        assert contact, path
        assert f'href="{org["website"]}"' in contact.group(1) and org["name"] in contact.group(1), path
        assert org["address"] in re.sub(r"<[^>]+>", "", contact.group(1)), path


def test_the_home_partners_page_gives_its_address(fixture_site):
    page = Page(fixture_site / "partners" / "org-md" / "index.html")
    assert "Adresă Strada Test 1" in page.text
    assert "Adresă" not in Page(fixture_site / "partners" / "org-fi" / "index.html").text
