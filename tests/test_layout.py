"""One file per item: content/<lang>/<kind>/<id>.yml, the file name the id (and the address).

How items are ordered (news by date, newest first; events by start; the other kinds by the
officer's `order`, then title), how translations pair (by file name), what a draft is (checked,
never published) and how `python -m sitegen migrate` moves content kept the old way (one list per
kind) to this layout. On the fixture content (tests/fixtures/content) and copies of it.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest

from conftest import FIXTURE_CONTENT, ROOT, build, html_pages
from conftest import copy_project as buildable
from contentfiles import KINDS, add_item, edit, item_file, read_items, to_old_layout, write_item
from htmlutil import Page
from sitegen import check, messages
from sitegen.generate import generate
from sitegen.languages import from_mkdocs_yml
from test_validation import copy_project, run_check, untouched

LANGS = {"ro": "", "en": "en/"}
SITE_URL = "https://example.org/site/"  # conftest.build


@pytest.fixture(autouse=True)
def romanian(monkeypatch):
    monkeypatch.delenv(messages.ENV, raising=False)


def _content(root: Path):
    content, problems = check.check(root, from_mkdocs_yml(root / "mkdocs.yml"))
    assert not [p for p in problems if p.severity == "error"], [str(p) for p in problems]
    return content


def _ids(content, lang: str, key: str) -> list[str]:
    return [item["id"] for item in content.items(lang, key)]


def _open_data(site: Path, lang: str) -> dict:
    return json.loads((site / LANGS[lang] / "data" / "content.json").read_text(encoding="utf-8"))


def _links_in_order(page: Page, ids: list[str]) -> list[str]:
    """The ids among `ids` whose pages the page links to, in the order the links come."""
    found = {item_id: page.source.find(f'href="{item_id}/"') for item_id in ids}
    return [item_id for item_id in sorted(found, key=found.get) if found[item_id] >= 0]


# -- order ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_news_are_listed_newest_first_undated_last(fixture_site, lang):
    # 2024-05-01, 2024-03-11, 2024-01-15, 2023-07, 2022
    expected = ["second", "meeting-report", "kickoff", "month-only", "year-only", "undated"]
    assert [i["id"] for i in read_items(FIXTURE_CONTENT, lang, "news")] == expected  # the rule, as tests read it
    index = Page(fixture_site / LANGS[lang] / "news" / "index.html")
    assert _links_in_order(index, expected) == expected
    assert [i["id"] for i in _open_data(fixture_site, lang)["news"]] == expected
    feed = feedparser.parse((fixture_site / LANGS[lang] / "feed.xml").read_bytes())
    assert [e.link.rstrip("/").rsplit("/", 1)[-1] for e in feed.entries] == expected[:5]  # an instant needed


@pytest.mark.parametrize("lang", LANGS)
def test_events_are_listed_by_their_start(fixture_site, lang):
    expected = ["past-meeting", "month-event", "future-workshop"]  # 2024-03-10, 2024-12, 2099-05-01
    assert [i["id"] for i in read_items(FIXTURE_CONTENT, lang, "events")] == expected
    assert [i["id"] for i in _open_data(fixture_site, lang)["events"]] == expected
    page = Page(fixture_site / LANGS[lang] / "events" / "index.html")
    upcoming, past = page.source.split('id="past"')
    assert 'href="future-workshop/"' in upcoming
    assert past.index('href="month-event/"') < past.index('href="past-meeting/"')  # the latest past first


@pytest.mark.parametrize("lang", LANGS)
def test_ordered_kinds_follow_their_order_field_not_their_titles(fixture_site, lang):
    """The fixture's titles sort the other way in Romanian (org-md's name, "Organizația de test",
    before org-fi's "Organizația finlandeză"; "O politică mai bună" before "Raportul studiului"):
    `order` decides."""
    data = _open_data(fixture_site, lang)
    assert [i["id"] for i in data["partners"]] == ["org-fi", "org-md"]
    assert [i["id"] for i in data["activities"]] == ["study", "meetings"]
    assert [i["id"] for i in data["results"]] == ["study-report", "better-policy"]
    assert all("order" not in item for key in ("partners", "activities") for item in data[key])  # editorial
    for key, section in (("partners", "partners"), ("activities", "activities"), ("results", "results")):
        expected = [i["id"] for i in read_items(FIXTURE_CONTENT, lang, key)]
        assert [i["id"] for i in data[key]] == expected
        index = Page(fixture_site / LANGS[lang] / section / "index.html")
        assert _links_in_order(index, expected) == expected, key


@pytest.mark.parametrize("lang", LANGS)
def test_partners_are_numbered_on_the_map_by_their_order(fixture_site, lang):
    page = Page(fixture_site / LANGS[lang] / "partners" / "index.html")
    markers = page.find_all("a", class_="ms-map__marker")
    partners = read_items(FIXTURE_CONTENT, lang, "partners")
    assert [p["id"] for p in partners] == ["org-fi", "org-md"]
    assert [m["aria-label"] for m in markers] == [f"{n}. {p['name']}, {p['city']}" for n, p in enumerate(partners, 1)]
    assert [m["href"].rstrip("/").rsplit("/", 1)[-1] for m in markers] == ["org-fi", "org-md"]
    # The numbered list under the map counts the same way.
    listed = page.source.split('<ol class="ms-partners">')[1].split("</ol>")[0]
    assert _links_in_order(Page(page.path), ["org-fi", "org-md"]) == ["org-fi", "org-md"]
    assert listed.index("org-fi/") < listed.index("org-md/")


def test_items_without_order_follow_by_title_and_every_language_keeps_one_order(tmp_path):
    root = copy_project(tmp_path)
    for lang in ("ro", "en"):
        edit(root, item_file("partners", "org-fi", lang), "order: 1\n", "")
        edit(root, item_file("partners", "org-md", lang), "order: 2\n", "order: 5\n")
    add_item(root, "partners", "zeta", {
        "ro": "name: Alfa\nrole: partner\ncity: Espoo\ncountry: FI\nlat: 60.1\nlon: 24.9\n",
        "en": "name: Zulu\nrole: partner\ncity: Espoo\ncountry: FI\nlat: 60.1\nlon: 24.9\n"})
    add_item(root, "partners", "alpha", "order: 3\nname: Omega\nrole: partner\ncity: Oulu\ncountry: FI\nlat: 65\nlon: 25\n")
    content = _content(root)
    # Numbered first (3, then 5), then the others by their title in the first language (Alfa,
    # Organizația finlandeză), whatever the English titles say.
    expected = ["alpha", "org-md", "zeta", "org-fi"]
    assert _ids(content, "ro", "partners") == _ids(content, "en", "partners") == expected
    assert [i["id"] for i in read_items(root / "content", "ro", "partners")] == expected


def test_order_ignores_file_names_and_follows_dates(tmp_path):
    root = copy_project(tmp_path)
    for lang in ("ro", "en"):  # the undated item dated newest, the second one oldest
        edit(root, item_file("news", "undated", lang), "summary:", "date: 2025-03\nsummary:")
        edit(root, item_file("news", "second", lang), "date: 2024-05-01", "date: 2021-12-31")
        edit(root, item_file("events", "future-workshop", lang), "start: 2099-05-01", "start: 2023-01-01")
    content = _content(root)
    for lang in ("ro", "en"):
        assert _ids(content, lang, "news") == ["undated", "meeting-report", "kickoff", "month-only", "year-only", "second"]
        assert _ids(content, lang, "events") == ["future-workshop", "past-meeting", "month-event"]
    assert content.item_ids("news") == ["undated", "meeting-report", "kickoff", "month-only", "year-only", "second"]


def test_an_order_that_is_not_a_whole_number_is_an_error(tmp_path):
    root = copy_project(tmp_path)
    line = edit(root, item_file("activities", "study"), "order: 1", "order: întâi")
    code, out = run_check(root)
    assert code == 1 and f"{item_file('activities', 'study')}:{line}: activitate „study”, câmpul „order”" in out, out


def test_order_and_draft_are_the_same_in_every_language(tmp_path):
    root = copy_project(tmp_path)
    line = edit(root, item_file("activities", "study", "en"), "order: 1", "order: 2")
    draft = edit(root, item_file("news", "second", "en"), "title:", "draft: true\ntitle:")
    code, out = run_check(root)
    assert code == 1
    assert f"content/en/activities/study.yml:{line}: activitate „study”, câmpul „order”: diferă de " \
           "content/ro/activities/study.yml („1”)" in out, out
    assert f"content/en/news/second.yml:{draft}: știre „second”, câmpul „draft”: diferă de " \
           "content/ro/news/second.yml („—”)" in out, out


# -- translations pair by file name ---------------------------------------------------------------

def test_translations_pair_by_file_name(tmp_path):
    """The same name in each language's folder is one item; another name, another item."""
    root = copy_project(tmp_path)
    (root / item_file("news", "second", "en")).rename(root / item_file("news", "the-second", "en"))
    code, out = run_check(root)
    assert code == 0, out
    assert ("content/ro/news/second.yml: știre „second”: avertisment: lipsește din content/en/news/second.yml; "
            "pagina în engleză va afișa textul original, cu o notă") in out
    assert "content/en/news/the-second.yml: știre „the-second”: avertisment: lipsește din " \
           "content/ro/news/the-second.yml; pagina în română va afișa textul original" in out


def test_an_item_in_one_language_is_shown_in_the_other_with_a_notice(fixture_build):
    site, result = fixture_build
    assert (FIXTURE_CONTENT / "ro" / "good_practices" / "only-romanian.yml").is_file()
    assert not (FIXTURE_CONTENT / "en" / "good_practices" / "only-romanian.yml").exists()
    page = Page(site / "en" / "good-practices" / "only-romanian" / "index.html")
    assert page.lang == "en" and "has not been translated into English yet" in page.text
    assert "Practică doar în română" in page.text  # the Romanian text itself, labelled as Romanian
    assert page.find_all("div", lang="ro")
    ro = Page(site / "good-practices" / "only-romanian" / "index.html")
    assert "has not been translated" not in ro.text and "nu a fost tradus" not in ro.text


def test_an_item_in_english_only_is_shown_in_romanian_with_a_notice(tmp_path):
    root = buildable(tmp_path / "project")
    (root / item_file("news", "second", "ro")).unlink()
    code, out = run_check(root)
    assert code == 0 and ("content/en/news/second.yml: știre „second”: avertisment: lipsește din "
                          "content/ro/news/second.yml; pagina în română va afișa textul original, cu o notă") in out, out
    report = generate(root, root / "docs", from_mkdocs_yml(root / "mkdocs.yml"))
    assert "ro: /news/second/ (shown in en)" in report.missing_translations
    page = (root / "docs" / "ro" / "news" / "second.md").read_text(encoding="utf-8")
    assert "nu este încă tradusă în limba română" in page and "The second news item" in page
    assert 'hreflang="en"' in page.split("ms-missing-translation", 1)[1]
    index = (root / "docs" / "ro" / "news" / "index.md").read_text(encoding="utf-8")
    assert index.index('"kickoff/"') > index.index('"second/"')  # in its place among the others


# -- drafts ---------------------------------------------------------------------------------------

DRAFTS = {"news": ("news", "draft-news", "Știre în lucru", "A news draft"),
          "activities": ("activities", "draft-activity", "Activitate în lucru", "An activity in the making")}


def test_the_fixture_has_drafts():
    for key, (_, item_id, *_) in DRAFTS.items():
        for lang in LANGS:
            assert "draft: true" in (FIXTURE_CONTENT / lang / key / f"{item_id}.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", LANGS)
def test_a_draft_is_never_published(fixture_site, lang):
    """No page, not in any list, feed, calendar, sitemap, search index or open data: the draft's
    words appear nowhere in the site (the news draft is dated the latest, so it would lead the
    lists and the feed)."""
    prefix = fixture_site / LANGS[lang]
    for key, (section, item_id, ro_title, en_title) in DRAFTS.items():
        assert not (prefix / section / item_id).exists(), item_id
        assert item_id not in [i["id"] for i in _open_data(fixture_site, lang)[key]]
    words = [item_id for _, item_id, _, _ in DRAFTS.values()] + [t for _, _, ro, en in DRAFTS.values() for t in (ro, en)]
    for path in fixture_site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".ics", ".txt", ".svg"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert not [w for w in words if w in text], path
    sitemap = (fixture_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "draft" not in sitemap
    assert len(html_pages(prefix)) > 10  # the published items are there


def test_a_draft_is_checked_and_its_references_too(tmp_path):
    root = copy_project(tmp_path)
    line = edit(root, item_file("activities", "draft-activity"), "status: planned", "status: planificat")
    ref = edit(root, item_file("news", "draft-news"), "summary:", "image: media/nu-exista.jpg\nimage_alt: X\nsummary:")
    code, out = run_check(root)
    assert code == 1
    assert f"content/ro/activities/draft-activity.yml:{line}: activitate „draft-activity”, câmpul „status”" in out
    assert f"content/ro/news/draft-news.yml:{ref}: știre „draft-news”, câmpul „image”: fișierul " \
           "content/media/nu-exista.jpg nu există" in out


def test_a_draft_may_name_a_draft_and_a_published_item_may_not(tmp_path):
    root = copy_project(tmp_path)
    for lang in ("ro", "en"):
        edit(root, item_file("events", "future-workshop", lang), "kind: workshop", "kind: workshop\ndraft: true")
        edit(root, item_file("events", "future-workshop", lang), "kind: workshop", "kind: workshop\nactivity: draft-activity")
    assert run_check(root)[0] == 0
    for lang in ("ro", "en"):
        line = edit(root, item_file("results", "better-policy", lang), "status: expected",
                    "status: expected\nactivity: draft-activity") + 1
    code, out = run_check(root)
    assert code == 1 and f"content/ro/results/better-policy.yml:{line}: rezultat „better-policy”, câmpul " \
                         "„activity”: „draft-activity” este o ciornă" in out, out


def test_a_draft_keeps_its_address(tmp_path):
    """A draft holds its id: a page with the same address is refused now, not on publishing."""
    root = copy_project(tmp_path)
    for lang in ("ro", "en"):
        edit(root, item_file("pages", "privacy", lang), "order: 1", "order: 1\ndraft: true")
    assert run_check(root)[0] == 0
    add_item(root, "pages", "activities", "title: Pagină\ndescription: Despre.\nbody: Text.\n")
    code, out = run_check(root)
    assert code == 1 and "content/ro/pages/activities.yml: pagină „activities”: cu acest id" in out


# -- what is not an item --------------------------------------------------------------------------

def test_a_readme_in_a_kind_folder_is_neither_checked_nor_published(fixture_site):
    """The fixture's news folders hold a README.md, as the real ones do: notes for the officer."""
    notes = {"ro": "NOTĂ-PENTRU-REDACTOR", "en": "NOTE-FOR-THE-EDITOR"}
    for lang, marker in notes.items():
        assert marker in (FIXTURE_CONTENT / lang / "news" / "README.md").read_text(encoding="utf-8")
    for path in fixture_site.rglob("*"):
        assert "readme" not in path.name.lower(), path
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".md"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert not [marker for marker in notes.values() if marker in text], path


def test_the_real_content_keeps_its_notes_out_of_the_site(real_site):
    """The real content's kind folders may hold a README.md for the officer: never a page."""
    assert not [p for p in real_site.rglob("*") if p.name.lower().startswith("readme")]


# -- the migration from one list per kind ----------------------------------------------------------

OLD_NEWS_EXTRA = """\
# A comment of the officer's, about the next item only.
- id: with-notes
  date: 2023-01-05
  # Fields of a news item; this comment stays with them.
  title: "A news item: kept as typed"
  summary: Its summary, item#2 of the list.
  body: |
    First paragraph, kept as written.

    Second paragraph, # with a hash, and
      an indented line.
  source: https://example.org/news
  # The last line: a note on the item above.
"""


def _old_fixture(tmp_path: Path, to_build: bool = False) -> Path:
    """The fixture project with its content back in the old layout, plus a news item with
    comments and block text in both languages, and header notes in the news lists."""
    root = buildable(tmp_path / "project") if to_build else copy_project(tmp_path / "project")
    to_old_layout(root / "content")
    for lang in ("ro", "en"):
        path = root / "content" / lang / "news.yml"
        path.write_text(f"# News of the project, newest first ({lang}).\n# One item per event.\n"
                        + path.read_text(encoding="utf-8") + OLD_NEWS_EXTRA, encoding="utf-8")
    return root


def _migrate(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sitegen", "migrate", "--root", str(root)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_to_old_layout_gives_what_the_old_generator_read(tmp_path):
    """The helper itself: one list per kind, `- id:` items, no order fields, in the site's order."""
    root = copy_project(tmp_path)
    to_old_layout(root / "content")
    for lang in ("ro", "en"):
        assert sorted(p.name for p in (root / "content" / lang).iterdir()) == sorted(
            [f"{kind}.yml" for kind in KINDS] + ["project.yml", "sections.yml"])
    text = (root / "content/ro/partners.yml").read_text(encoding="utf-8")
    assert text.startswith("- id: org-fi\n  name: Organizația finlandeză\n") and "order:" not in text
    news = (root / "content/ro/news.yml").read_text(encoding="utf-8")
    assert news.startswith("# Știrile conținutului de test") and "\n- id: draft-news\n  draft: true\n" in news


def test_migrate_moves_every_item_to_its_own_file(tmp_path, tmp_path_factory):
    root = _old_fixture(tmp_path)
    result = _migrate(root)
    assert result.returncode == 0, result.stderr
    files = sorted(p.relative_to(root / "content").as_posix() for p in (root / "content").rglob("*.yml"))
    fixture = sorted(p.relative_to(FIXTURE_CONTENT).as_posix() for p in FIXTURE_CONTENT.rglob("*.yml"))
    added = ["en/news/with-notes.yml", "ro/news/with-notes.yml"]
    assert files == sorted(fixture + added)
    items = len([f for f in files if f.count("/") == 2])
    assert result.stdout.strip() == messages.get("cli", "migrated", "ro", files=items, lists=16)
    # Each item's text as it was, two spaces less indented, without its id line; `order` added
    # for the kinds the officer orders, from the item's place in the old list.
    for rel in fixture:
        if rel.count("/") == 2:
            assert (root / "content" / rel).read_bytes() == (FIXTURE_CONTENT / rel).read_bytes(), rel
    assert (root / "content/ro/news/with-notes.yml").read_text(encoding="utf-8") == """\
# A comment of the officer's, about the next item only.
date: 2023-01-05
# Fields of a news item; this comment stays with them.
title: "A news item: kept as typed"
summary: Its summary, item#2 of the list.
body: |
  First paragraph, kept as written.

  Second paragraph, # with a hash, and
    an indented line.
source: https://example.org/news
# The last line: a note on the item above.
"""
    # The notes at the head of a list became the folder's README.md; the lists are gone.
    assert (root / "content/ro/news/README.md").read_text(encoding="utf-8") == \
        "News of the project, newest first (ro).\nOne item per event.\n" + \
        (FIXTURE_CONTENT / "ro/news/README.md").read_text(encoding="utf-8")
    assert not (root / "content/ro/partners/README.md").exists()
    for lang in ("ro", "en"):
        assert sorted(p.name for p in (root / "content" / lang).glob("*.yml")) == ["project.yml", "sections.yml"]
    assert run_check(root) == untouched(tmp_path_factory)  # and the moved item is valid


def test_migrated_content_checks_and_builds_as_before(tmp_path, fixture_site):
    root = _old_fixture(tmp_path, to_build=True)
    for lang in ("ro", "en"):  # without the extra item: the very fixture, kept the old way
        path = root / "content" / lang / "news.yml"
        path.write_text(path.read_text(encoding="utf-8").replace(OLD_NEWS_EXTRA, ""), encoding="utf-8")
    assert _migrate(root).returncode == 0
    checked = subprocess.run([sys.executable, "-m", "sitegen", "check", "--root", str(root)],
                             capture_output=True, text=True, cwd=ROOT, timeout=120)
    problems = [line for line in checked.stdout.splitlines() if line.startswith("content/")]
    assert checked.returncode == 0 and len(problems) == 1 and "only-romanian" in problems[0]  # the fixture's own
    result = build(root, tmp_path / "site")
    assert result.returncode == 0, result.stderr

    def sitemap(site: Path) -> str:  # every address and its languages; <lastmod> is the build's day
        return re.sub(r"\s*<lastmod>[^<]*</lastmod>", "", (site / "sitemap.xml").read_text(encoding="utf-8"))
    assert sitemap(tmp_path / "site") == sitemap(fixture_site)
    for lang in LANGS:
        assert _open_data(tmp_path / "site", lang) | {"generated": ""} == _open_data(fixture_site, lang) | {"generated": ""}


def test_migrate_on_content_already_moved_does_nothing(tmp_path):
    root = copy_project(tmp_path)
    before = {p: p.read_bytes() for p in (root / "content").rglob("*") if p.is_file()}
    result = _migrate(root)
    assert result.returncode == 0
    assert result.stdout.strip() == messages.get("cli", "migrated", "ro", files=0, lists=0)
    assert {p: p.read_bytes() for p in (root / "content").rglob("*") if p.is_file()} == before


def test_migrate_leaves_a_list_it_cannot_read_or_place_as_it_was(tmp_path):
    root = _old_fixture(tmp_path)
    broken = root / "content/en/events.yml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("  title: ", "\ttitle: ", 1), encoding="utf-8")
    write_item(root, "partners", "org-md", "name: Already here\n")  # a file the move would overwrite
    before = {p.name: p.read_bytes() for p in (broken, root / "content/ro/partners.yml")}
    result = _migrate(root)
    assert result.returncode == 1
    assert "content/en/events.yml:" in result.stderr and "Tab" in result.stderr
    assert "content/ro/partners.yml: content/ro/partners/ already holds org-md.yml" in result.stderr
    assert {p.name: p.read_bytes() for p in (broken, root / "content/ro/partners.yml")} == before
    assert (root / item_file("partners", "org-md")).read_text(encoding="utf-8") == "name: Already here\n"
    assert (root / item_file("news", "kickoff")).is_file()  # the other lists were moved
    assert "Traceback" not in result.stderr
