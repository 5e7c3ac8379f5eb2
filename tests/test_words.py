"""Words and numbers as a native reader expects them: date ranges in each language's compact form,
money without empty cents, labels that read as sentences, sources named by their host and one
source line per item, an empty list said once, partners without a public name said in words.

On the formatter itself, on the fixture site, on a variant of the fixture built here (ranges of
months and years, an empty documents page, a partner without a public name, an event of no
particular kind) and on the real site as a whole (never one real item by name).
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from conftest import FIXTURE_CONTENT, build, copy_project
from contentfiles import edit, item_file
from htmlutil import Page
from sitegen.dates import PartialDate
from sitegen.formatting import Formatter

RO = Formatter({"babel": "ro", "money_pattern": "#,##0.00 €", "group_symbol": " "})
EN = Formatter({"babel": "en_GB"})
D = dt.date
LANGS = {"ro": "", "en": "en/"}
# A range that repeats what its two dates share: "13 iunie 2023 – 14 iunie 2023".
REPEATED = re.compile(r"\b\d{1,2} (\w+) (\d{4}) – \d{1,2} \1 \2\b")
SOURCE = {"ro": ("sursa", "surse"), "en": ("source", "sources")}


def _plain(text: str) -> str:
    return text.replace("\u00a0", " ")


# -- the formatter --------------------------------------------------------------------------------

@pytest.mark.parametrize("start, end, ro, en", [
    (D(2023, 6, 13), D(2023, 6, 14), "13–14 iunie 2023", "13–14 June 2023"),
    (D(2024, 2, 28), D(2024, 2, 29), "28–29 februarie 2024", "28–29 February 2024"),
    (D(2024, 2, 28), D(2024, 3, 2), "28 februarie – 2 martie 2024", "28 February – 2 March 2024"),
    (D(2023, 12, 30), D(2024, 1, 2), "30 decembrie 2023 – 2 ianuarie 2024", "30 December 2023 – 2 January 2024"),
    (PartialDate(2023, 6), PartialDate(2023, 9), "iunie–septembrie 2023", "June – September 2023"),
    (PartialDate(2023, 11), PartialDate(2024, 2), "noiembrie 2023 – februarie 2024", "November 2023 – February 2024"),
    (PartialDate(2023), PartialDate(2025), "2023–2025", "2023–2025"),
    # Of different precision: each as it is known, in full.
    (D(2023, 6, 1), PartialDate(2023, 9), "1 iunie 2023 – septembrie 2023", "1 June 2023 – September 2023"),
    (D(2023, 6, 13), D(2023, 6, 13), "13 iunie 2023", "13 June 2023"),
    (D(2023, 6, 13), None, "13 iunie 2023", "13 June 2023"),
])
def test_date_ranges_say_once_what_both_dates_share(start, end, ro, en):
    assert (RO.date_range(start, end), EN.date_range(start, end)) == (ro, en)


def test_money_has_cents_only_when_it_has_some():
    assert [_plain(RO.money(v)) for v in (2511810, 2511810.0, 75480, 250.25, 1234567.5)] == \
        ["2 511 810 €", "2 511 810 €", "75 480 €", "250,25 €", "1 234 567,50 €"]
    assert [EN.money(v) for v in (2511810.0, 250.25, 1234567.5)] == ["€2,511,810", "€250.25", "€1,234,567.50"]
    assert _plain(Formatter({"babel": "de"}).money(1000)) == "1.000 €"


# -- a variant of the fixture ------------------------------------------------------------------------

EVENT = """title: {title}
start: {start}
end: {end}
place: Ungheni
kind: other
"""


@pytest.fixture(scope="module")
def variant(tmp_path_factory) -> Path:
    """The fixture with: an event over months known to the month, one over days across two months
    (both of no particular kind), an activity over years, the first figure a minimum, a partner
    country whose partner is not named publicly, and no document at all."""
    base = tmp_path_factory.mktemp("words")
    project = copy_project(base / "project")
    for lang, title in (("ro", "Eveniment de iarnă"), ("en", "Winter event")):
        (project / item_file("events", "winter-months", lang)).write_text(
            EVENT.format(title=title, start="2024-11", end="2025-01"), encoding="utf-8")
        (project / item_file("events", "late-winter", lang)).write_text(
            EVENT.format(title=title + " 2", start="2024-02-28", end="2024-03-02"), encoding="utf-8")
        (project / item_file("activities", "years", lang)).write_text(
            "order: 4\ntitle: Ani\nsummary: Ani.\nstatus: done\nstart: 2023\nend: 2025\n", encoding="utf-8")
        rel = f"content/{lang}/project.yml"
        edit(project, rel, "partner_countries: [FI, MD]", "partner_countries: [FI, MD, UA]\nunnamed_partners:\n  - country: UA")
        edit(project, rel, "  - value: 12\n", "  - value: 12\n    at_least: true\n")
        (project / item_file("documents", "report", lang)).unlink()
        edit(project, item_file("results", "study-report", lang), "documents: [report]\n", "")
    site = base / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stderr
    return site


def _page(site: Path, lang: str, path: str) -> Page:
    return Page(site / LANGS[lang] / path / "index.html")


@pytest.mark.parametrize("lang, texts", [
    ("ro", {"events/past-meeting": "10–11 martie 2024", "events/late-winter": "28 februarie – 2 martie 2024",
            "events/winter-months": "noiembrie 2024 – ianuarie 2025", "activities/years": "2023–2025",
            "activities/study": "1 februarie – 30 iunie 2024", "project": "1 ianuarie 2024 – 31 decembrie 2026"}),
    ("en", {"events/past-meeting": "10–11 March 2024", "events/late-winter": "28 February – 2 March 2024",
            "events/winter-months": "November 2024 – January 2025", "activities/years": "2023–2025",
            "activities/study": "1 February – 30 June 2024", "project": "1 January 2024 – 31 December 2026"}),
])
def test_ranges_are_compact_on_the_built_site(variant, lang, texts):
    for path, text in texts.items():
        assert text in _page(variant, lang, path).text, (path, text)
    assert "10–11 martie 2024" in _page(variant, "ro", "events").text or lang == "en"


@pytest.mark.parametrize("site_name", ["variant", "real_site"])
def test_no_range_repeats_its_month_and_year(request, site_name):
    site = request.getfixturevalue(site_name)
    for path in site.rglob("index.html"):
        found = REPEATED.search(Page(path).text)
        assert not found, (path, found.group(0))


def test_money_without_empty_cents(variant, real_site):
    home = _page(variant, "ro", "")
    assert "1 000 €" in home.text and "1 234 567,50 €" in home.text and "1 000,00" not in home.text
    assert "€1,000 " in _page(variant, "en", "").text + " "
    for lang in LANGS:
        text = _page(real_site, lang, "").text + _page(real_site, lang, "project").text
        assert not re.search(r"\d[,.]00\b", text), lang


@pytest.mark.parametrize("lang, who, note, least", [
    ("ro", "Organizația de test participă în calitate de partener de proiect.",
     r"Până la \d{1,2} \w+ \d{4} a trecut \d+% din durata proiectului\.", "cel puțin 12 Cifră de test"),
    ("en", "Test organisation takes part as project partner.",
     r"As of \d{1,2} \w+ \d{4}, \d+% of the project's time has passed\.", "at least 12 Test figure"),
])
def test_the_home_page_reads_as_sentences(variant, lang, who, note, least):
    home = _page(variant, lang, "")
    assert who in home.text
    assert re.search(note, home.text), home.text
    assert least in home.text


def test_an_events_kind_is_shown_only_when_it_says_something(variant):
    for lang, other in (("ro", "Eveniment"), ("en", "Event")):
        listing = _page(variant, lang, "events")
        entry = re.search(r'<li class="ms-card[^"]*" data-last="2025-01-31">.*?</li>', listing.source, re.S).group(0)
        assert f"· {other}" not in entry and "Ungheni" in entry
        page = _page(variant, lang, "events/winter-months")
        assert not page.find_all("dt") or {"ro": "Tipul", "en": "Kind"}[lang] not in page.text
        known = _page(variant, lang, "events/past-meeting").text
        assert {"ro": "Întâlnire a partenerilor", "en": "Partner meeting"}[lang] in known


def test_a_results_kind_is_shown_only_for_a_deliverable(variant):
    for lang, result, deliverable in (("ro", "Rezultat", "Livrabil"), ("en", "Result", "Deliverable")):
        listing = _page(variant, lang, "results")
        items = dict(re.findall(r'<h3 class="ms-card__title"><a href="([^"]+)/">.*?</h3>(.*?)</li>', listing.source, re.S))
        assert deliverable in items["study-report"] and result not in items["better-policy"], items
        assert result not in re.sub(r"<[^>]+>", " ", _page(variant, lang, "results/better-policy").source.split(
            "<h1>", 1)[1].split("</h1>", 1)[1])


@pytest.mark.parametrize("site_name", ["variant", "real_site"])
def test_sources_are_named_links_one_line_per_item(request, site_name):
    site = request.getfixturevalue(site_name)
    for lang in LANGS:
        for path in (site / LANGS[lang]).rglob("index.html"):
            if lang == "ro" and path.relative_to(site).parts[0] == "en":
                continue
            page = Page(path)
            blocks = re.findall(r'<p class="ms-source">(.*?)</p>', page.source, re.S)
            assert len(blocks) <= 1, path
            for href, text in re.findall(r'<a href="([^"]+)"[^>]*>([^<]*)</a>', "".join(blocks)):
                assert text.strip() and not text.startswith(("http:", "https:")) and text != href, (path, text)
            words = SOURCE[page.lang]
            unnamed = [t for t in re.findall(r"<a [^>]*>([^<]*)</a>", page.source) if t.strip().casefold() in words]
            assert not unnamed, path


def test_the_fixture_figures_source_is_named_by_its_host(fixture_site):
    home = Page(fixture_site / "index.html")
    assert re.search(r'<p class="ms-source">Sursa: <a href="https://example.org/cifre"[^>]*>example.org</a></p>',
                     home.source), home.source


def test_an_empty_list_is_said_once(variant, real_site):
    for lang, empty in (("ro", "Niciun document publicat încă."), ("en", "No documents have been published yet.")):
        page = _page(variant, lang, "documents")
        assert page.text.count(empty) == 1 and not page.find_all("li", id="report")
        real = _page(real_site, lang, "documents")
        if not real.find_all("ul", class_="ms-items"):  # the real site has no document yet
            said = re.findall(r"(niciun document|no document)", real.text, re.I)
            assert len(said) == 1, said


def test_a_partner_without_a_public_name_is_said_in_words(variant):
    for lang, line, note in (
            ("ro", "Un partener din Ucraina, al cărui nume nu este public.",
             "2 organizații partenere, plus una din Ucraina al cărei nume nu este public"),
            ("en", "A partner from Ukraine whose name is not public.",
             "2 partner organisations, plus one from Ukraine whose name is not public")):
        partners = _page(variant, lang, "partners")
        assert partners.text.count(line) == 1
        listed = re.search(r'<ol class="ms-partners">(.*?)</ol>', partners.source, re.S).group(1)
        assert listed.count("<li>") == 2 and note in _page(variant, lang, "").text  # listed: the named ones


def test_without_unnamed_partners_the_count_is_plain(fixture_site):
    home = Page(fixture_site / "index.html")
    assert "2 organizații partenere" in home.text and "nume nu este public" not in home.text
