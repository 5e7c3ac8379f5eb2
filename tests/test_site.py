"""The real site, built from content/: both languages, the switcher, the project's facts."""
from __future__ import annotations

import re

import pytest

from conftest import html_pages
from htmlutil import Page, resolve

# The facts of the project's own description (source/milestone-ungheni.ro.md), as each language
# must show them. Formats are the locale's: the test also proves per-language formatting.
FACTS = {
    "ro": ["MILESTONE – Integrarea migranților în economiile locale", "01C0070", "Interreg Europe",
           "1 martie 2023 – 31 mai 2027", "2 511 810,00 €", "75 480,00 €", "15 096,00 €",
           "Germania", "Slovenia", "Polonia", "Spania", "Italia", "Finlanda", "Grecia", "Suedia",
           "Ucraina", "Republica Moldova", "Strategia de dezvoltare socio-economică a raionului Ungheni 2022–2030",
           "antreprenoriat", "învățarea pe tot parcursul vieții", "Consiliul Raional Ungheni"],
    "en": ["MILEstone – Migrants' Integration in Local Economies", "01C0070", "Interreg Europe",
           "1 March 2023 – 31 May 2027", "€2,511,810.00", "€75,480.00", "€15,096.00",
           "Germany", "Slovenia", "Poland", "Spain", "Italy", "Finland", "Greece", "Sweden",
           "Ukraine", "Moldova", "Socio-Economic Development Strategy of Ungheni District 2022–2030",
           "entrepreneurship", "lifelong learning", "Ungheni District Council"],
}
ACTIVITIES = ["baseline-study", "stakeholder-group", "good-practices-research", "partner-meetings",
              "peer-reviews", "policy-workshops", "policy-improvement"]


def _pages_by_path(site):
    ro = {p.relative_to(site).as_posix() for p in html_pages(site) if not p.relative_to(site).as_posix().startswith("en/")}
    en = {p.relative_to(site / "en").as_posix() for p in html_pages(site / "en")}
    return ro, en


def test_every_page_exists_in_both_languages(real_site):
    ro, en = _pages_by_path(real_site)
    assert len(ro) > 30
    assert ro == en


@pytest.mark.parametrize("lang", ["ro", "en"])
def test_project_facts_in_each_language(real_site, lang):
    prefix = real_site if lang == "ro" else real_site / "en"
    text = Page(prefix / "project" / "index.html").text + Page(prefix / "index.html").text
    missing = [fact for fact in FACTS[lang] if fact not in text]
    assert not missing


@pytest.mark.parametrize("lang", ["ro", "en"])
def test_seven_activities_have_pages(real_site, lang):
    prefix = real_site if lang == "ro" else real_site / "en"
    for activity in ACTIVITIES:
        page = Page(prefix / "activities" / activity / "index.html")
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
    for prefix, words in ((real_site, ["Raionul Ungheni", "Ultimele noutăți"]),
                          (real_site / "en", ["Ungheni District", "Latest news"])):
        text = Page(prefix / "index.html").text
        for word in words:
            assert word in text
        assert re.search(r"\d+% ", text)  # the share of the project period already passed


def test_no_cedilla_in_romanian_pages(real_site):
    for path in html_pages(real_site):
        if not path.relative_to(real_site).as_posix().startswith("en/"):
            assert not re.search("[şţŞŢ]", Page(path).text), path
