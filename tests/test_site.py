"""The real site, built from content/: both languages, the switcher, the project's facts.

The real content is checked as a whole (read from its files, never named item by item: the officer
may change any); the facts' formats per language on the fixture site, whose values are known."""
from __future__ import annotations

import re

import pytest

from conftest import ROOT, html_pages
from contentfiles import read_record, shown_items
from htmlutil import Page, resolve
from sitegen.formatting import Formatter

REAL = ROOT / "content"
# The fixture project's facts (tests/fixtures/content/*/project.yml), as each language must show
# them: the formats are the locale's, so the test also proves per-language formatting.
FIXTURE_FACTS = {
    "ro": ["DEMO – Proiect de test", "00X0000", "Programul de test", "1 ianuarie 2024 – 31 decembrie 2026",
           "1 234 567,50 €", "1 000 €", "250,25 €", "Finlanda", "Republica Moldova", "Strategia de test",
           "Organizația de test", "Rezultat așteptat de test", "Beneficiar de test"],
    "en": ["DEMO – Test Project", "00X0000", "The test programme", "1 January 2024 – 31 December 2026",
           "€1,234,567.50", "€1,000", "€250.25", "Finland", "Moldova", "The test strategy",
           "Test organisation", "Expected test result", "Test beneficiary"],
}
COUNTRY = {"ro": Formatter({"babel": "ro"}).country, "en": Formatter({"babel": "en_GB"}).country}
ITEM_SECTIONS = {"activities": "activities", "results": "results", "good_practices": "good-practices",
                 "partners": "partners", "events": "events", "news": "news", "pages": ""}


def _pages_by_path(site):
    ro = {p.relative_to(site).as_posix() for p in html_pages(site) if not p.relative_to(site).as_posix().startswith("en/")}
    en = {p.relative_to(site / "en").as_posix() for p in html_pages(site / "en")}
    return ro, en


def _text(prefix, *paths) -> str:
    return " ".join(Page(prefix / path / "index.html").text for path in paths).replace("\u00a0", " ").replace(
        "\u202f", " ")


def test_every_page_exists_in_both_languages(real_site):
    ro, en = _pages_by_path(real_site)
    assert len(ro) >= 10  # the sections alone
    assert ro == en
    for kind, section in ITEM_SECTIONS.items():  # and a page for every item, in either language
        for item in shown_items(REAL, "ro", kind) + shown_items(REAL, "en", kind):
            assert "/".join(p for p in (section, item["id"], "index.html") if p) in ro, (kind, item["id"])


@pytest.mark.parametrize("lang", ["ro", "en"])
def test_project_facts_in_each_language(real_site, lang):
    project = read_record(REAL, lang, "project")
    prefix = real_site if lang == "ro" else real_site / "en"
    text = _text(prefix, "project", "")
    facts = [project["title"], project["code"], project["programme"], project["organisation"]["name"],
             project["policy_instrument"]["title"], *project.get("expected_results", []),
             *project.get("beneficiaries", []), *(COUNTRY[lang](code) for code in project["partner_countries"])]
    assert not [fact for fact in facts if " ".join(fact.split()) not in text]


@pytest.mark.parametrize("lang", ["ro", "en"])
def test_project_facts_in_each_languages_format(fixture_site, lang):
    prefix = fixture_site if lang == "ro" else fixture_site / "en"
    text = _text(prefix, "project", "")
    assert not [fact for fact in FIXTURE_FACTS[lang] if fact not in text]


@pytest.mark.parametrize("lang", ["ro", "en"])
def test_every_activity_has_a_page(real_site, lang):
    prefix = real_site if lang == "ro" else real_site / "en"
    for activity in shown_items(REAL, lang, "activities"):
        page = Page(prefix / "activities" / activity["id"] / "index.html")
        assert page.lang == lang
        assert page.find_all("h1")


def test_html_lang_and_switcher_lead_to_the_same_page(real_site):
    for path in html_pages(real_site):
        page = Page(path)
        rel = path.relative_to(real_site).as_posix()
        expected = "en" if rel.startswith("en/") else "ro"
        assert page.lang == expected, rel
        targets = {a["hreflang"]: resolve(real_site, path, a["href"]) for a in page.links("md-select__link")}
        assert set(targets) == {"ro", "en"}, rel
        same = rel.removeprefix("en/")
        assert targets["ro"] == real_site / same, rel
        assert targets["en"] == real_site / "en" / same, rel


def test_internal_links_lead_to_existing_files(real_site):
    broken = []
    for path in html_pages(real_site):
        for a in Page(path).links():
            target = resolve(real_site, path, a.get("href", ""))
            if target is not None and not target.exists():
                broken.append((path.relative_to(real_site).as_posix(), a["href"]))
    assert not broken


def test_home_page_introduces_the_project(real_site):
    for prefix, lang, latest in ((real_site, "ro", "Ultimele noutăți"), (real_site / "en", "en", "Latest news")):
        words = [read_record(REAL, lang, "project")["region"]["title"]] + (
            [latest] if shown_items(REAL, lang, "news") else [])
        text = Page(prefix / "index.html").text
        for word in words:
            assert word in text
        assert re.search(r"\d+% ", text)  # the share of the project period already passed


def test_no_cedilla_in_romanian_pages(real_site):
    for path in html_pages(real_site):
        if not path.relative_to(real_site).as_posix().startswith("en/"):
            assert not re.search("[şţŞŢ]", Page(path).text), path
