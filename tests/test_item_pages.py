"""Item pages lead on: a breadcrumb (home › section › the item) and a link back to the list, the
section's tab marked as current, related items computed from the content (sitegen/related.py),
previous and next in the section's list order; lists shown as cards; headings in the site's own
type. On the fixture content (tests/fixtures/content), built once; the headings in Chromium.

The fixture's relations: the news item "meeting-report" is dated 11 March 2024, within the event
"past-meeting" (10–11 March 2024, in Jyväskylä), and names "The Finnish organisation" (org-fi, of
Jyväskylä); the event "future-workshop" takes place in Ungheni, org-md's city; the good practice
"mentoring" is org-fi's; the activity "meetings" has two events, "study" one result.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from lxml import html as lxml_html  # installed with feedgen (requirements.txt)

from conftest import FIXTURE_CONTENT, ROOT, html_pages
from contentfiles import read_record, shown_items
from htmlutil import resolve
from sitegen.dates import PartialDate
from sitegen.model import BY_KEY, ITEM_TEMPLATES
from sitegen.related import Related, names, reports

LANGS = {"ro": "", "en": "en/"}
STRINGS = {lang: yaml.safe_load((ROOT / "strings" / f"{lang}.yml").read_text(encoding="utf-8")) for lang in LANGS}
# Each kind's ids in its list order: news newest first, events by start, the others by `order`.
ORDER = {"news": ["second", "meeting-report", "kickoff", "month-only", "year-only", "undated"],
         "events": ["past-meeting", "month-event", "future-workshop"],
         "partners": ["org-fi", "org-md"], "good_practices": ["mentoring", "only-romanian"],
         "activities": ["study", "meetings"], "results": ["study-report", "better-policy"], "pages": ["privacy"]}
# (kind, id) -> {related group's heading id: the pages its cards lead to}; an item not named here has none.
RELATED = {
    ("events", "past-meeting"): {"related-news": ["news/meeting-report"], "related-partners": ["partners/org-fi"]},
    ("events", "future-workshop"): {"related-partners": ["partners/org-md"]},
    ("news", "meeting-report"): {"related-events": ["events/past-meeting"], "related-partners": ["partners/org-fi"]},
    ("partners", "org-fi"): {"related-good_practices": ["good-practices/mentoring"],
                             "related-events": ["events/past-meeting"], "related-news": ["news/meeting-report"]},
    ("partners", "org-md"): {"related-events": ["events/future-workshop"]},
    ("good_practices", "mentoring"): {"related-partners": ["partners/org-fi"]},
    ("activities", "meetings"): {"related-events": ["events/past-meeting", "events/month-event"]},
    ("activities", "study"): {"related-results": ["results/study-report"]},
}
PARSER = lxml_html.HTMLParser(encoding="utf-8")


def _tree(path: Path):
    return lxml_html.fromstring(path.read_bytes(), parser=PARSER)


def _item_pages(site: Path, lang: str):
    """(kind, section, item, page file) of every item page of a language, untranslated ones included."""
    for kind in ITEM_TEMPLATES:
        section = BY_KEY[kind].section
        for item in shown_items(FIXTURE_CONTENT, lang, kind):
            yield kind, section, item, site / LANGS[lang] / (f"{section}/" if section else "") / item["id"] / "index.html"


def _index(site: Path, lang: str, section: str) -> Path:
    return site / LANGS[lang] / (f"{section}/" if section else "") / "index.html"


def _has_class(name: str) -> str:
    return f'contains(concat(" ", normalize-space(@class), " "), " {name} ")'


def _leads_to(site: Path, lang: str, page: Path, href: str) -> str:
    """Where a link leads, as "section/id" under the language's root."""
    target = resolve(site, page, href)
    return target.parent.relative_to(site / LANGS[lang]).as_posix()


@pytest.mark.parametrize("lang", LANGS)
def test_every_item_page_says_where_it_is_and_leads_back_to_its_list(fixture_site, lang):
    sections, words = read_record(FIXTURE_CONTENT, lang, "sections"), STRINGS[lang]
    kinds = set()
    for kind, section, item, path in _item_pages(fixture_site, lang):
        kinds.add(kind)
        tree = _tree(path)
        [crumbs] = tree.xpath('//nav[@class="ms-breadcrumb"]')
        assert crumbs.get("aria-label") == words["breadcrumb"], path
        trail = [(a.text_content(), resolve(fixture_site, path, a.get("href"))) for a in crumbs.xpath("./ol/li/a")]
        expected = [(words["home"], _index(fixture_site, lang, ""))]
        if section:
            expected.append((sections[kind]["title"], _index(fixture_site, lang, section)))
        assert trail == expected, path
        assert all(target.is_file() for _, target in trail)
        [current] = crumbs.xpath('./ol/li/*[@aria-current="page"]')
        assert current.text_content() == item.get("title", item.get("name")), path
        assert crumbs.xpath("./ol/li")[-1] is current.getparent()  # the page itself comes last
        back = tree.xpath('//p[@class="ms-back"]/a')
        if section:
            assert [(a.text_content(), resolve(fixture_site, path, a.get("href"))) for a in back] == [
                (words[f"all_{kind}"], _index(fixture_site, lang, section))], path
        else:  # a page of its own (privacy): no list to go back to
            assert not back
    assert kinds == set(ITEM_TEMPLATES)


def test_an_untranslated_item_says_where_it_is_in_the_visitors_language(fixture_site):
    tree = _tree(fixture_site / "en" / "good-practices" / "only-romanian" / "index.html")
    [crumbs] = tree.xpath('//nav[@class="ms-breadcrumb"]')
    assert not crumbs.xpath("ancestor::*[@lang='ro']") and crumbs.get("aria-label") == "You are here"
    assert crumbs.xpath('.//*[@aria-current="page"]/@lang') == ["ro"]  # the title, in its own language
    assert tree.xpath('//p[@class="ms-back"]/a')[0].text_content() == "All good practices"


@pytest.mark.parametrize("lang", LANGS)
def test_the_sections_tab_and_menu_entry_are_marked_on_its_items(fixture_site, lang):
    for kind, section, item, path in _item_pages(fixture_site, lang):
        tree = _tree(path)
        tabs = tree.xpath(f'//li[{_has_class("md-tabs__item--active")}]/a/@href')
        menu = tree.xpath(f'//nav[{_has_class("md-nav--primary")}]//li[{_has_class("md-nav__item--active")}]/a/@href')
        expected = [_index(fixture_site, lang, section)] if section else []
        assert [resolve(fixture_site, path, href) for href in tabs] == expected, path
        assert [resolve(fixture_site, path, href) for href in menu] == expected, path


def test_a_tab_is_marked_only_on_the_pages_of_its_section(fixture_site):
    """Every page: the tab marked is its own section's (the first folder of its address), or none
    (a page of its own); never one left marked by the page built before it."""
    for path in html_pages(fixture_site):
        rel = path.parent.relative_to(fixture_site).parts
        lang_parts = rel[1:] if rel[:1] == ("en",) else rel
        root = fixture_site / ("en" if rel[:1] == ("en",) else "")
        tree = _tree(path)
        tabs = {resolve(fixture_site, path, href) for href in tree.xpath(f'//li[{_has_class("md-tabs__item")}]/a/@href')}
        wanted = root / (lang_parts[0] if lang_parts else "") / "index.html"
        marked = [resolve(fixture_site, path, href)
                  for href in tree.xpath(f'//li[{_has_class("md-tabs__item--active")}]/a/@href')]
        assert marked == ([wanted] if wanted in tabs else []), path


@pytest.mark.parametrize("lang", LANGS)
def test_related_items_lead_to_what_goes_with_each_item(fixture_site, lang):
    for kind, section, item, path in _item_pages(fixture_site, lang):
        tree = _tree(path)
        found = {}
        for group in tree.xpath('//section[@class="ms-related"]'):
            [heading] = group.xpath("./h2")
            assert group.get("aria-labelledby") == heading.get("id") and group.get("data-search-exclude") is not None
            assert heading.get("data-search-exclude") is not None  # no empty search entry of its own
            found[heading.get("id")] = [_leads_to(fixture_site, lang, path, href)
                                        for href in group.xpath(f'.//li[{_has_class("ms-card")}]//h3/a/@href')]
        assert found == RELATED.get((kind, item["id"]), {}), path


@pytest.mark.parametrize("lang", LANGS)
def test_previous_and_next_follow_the_sections_list(fixture_site, lang):
    for kind, ids in ORDER.items():
        section = BY_KEY[kind].section
        if not section:  # pages of their own are no list
            assert not _tree(fixture_site / LANGS[lang] / ids[0] / "index.html").xpath('//nav[@class="ms-pager"]')
            continue
        folder = fixture_site / LANGS[lang] / section
        for at, item_id in enumerate(ids):
            path = folder / item_id / "index.html"
            tree = _tree(path)
            [pager] = tree.xpath('//nav[@class="ms-pager"]')
            for rel, other in (("prev", ids[at - 1] if at else None), ("next", ids[at + 1] if at + 1 < len(ids) else None)):
                links = pager.xpath(f'.//a[@rel="{rel}"]')
                assert [resolve(fixture_site, path, a.get("href")) for a in links] == (
                    [folder / other / "index.html"] if other else []), (path, rel)
                if other:  # named by the other item's title, in words of the page's language
                    assert STRINGS[lang]["previous" if rel == "prev" else "next"] in links[0].text_content()


def _bare_link_lists(tree) -> list[str]:
    """Lists in the page's text (navigation aside) whose items are each a link and nothing else."""
    found = []
    for listing in tree.xpath('//article//*[self::ul or self::ol][not(ancestor::nav)]'):
        items = listing.xpath("./li")
        if items and all(len(li) == 1 and li[0].tag == "a" and li.text_content().strip() == li[0].text_content().strip()
                         for li in items):
            found.append(lxml_html.tostring(listing, encoding="unicode")[:120])
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_lists_are_cards_with_date_place_and_kind(fixture_site, lang):
    root = fixture_site / LANGS[lang]
    pages = [root / f"{section}/index.html" for section in ("news", "events", "results", "documents")]
    pages += [path for *_, path in _item_pages(fixture_site, lang)]
    assert not {path: found for path in pages if (found := _bare_link_lists(_tree(path)))}
    news = _tree(root / "news" / "index.html").xpath(f'//ul[{_has_class("ms-news")}]/li')
    assert len(news) == len(ORDER["news"]) and all("ms-card" in li.get("class") for li in news)
    assert all(li.xpath(".//h2/a") for li in news)
    assert [bool(li.xpath(".//time/@datetime")) for li in news] == [True] * 5 + [False]  # the undated one last
    for li in _tree(root / "events" / "index.html").xpath('//ul[@data-today]/li'):
        assert "ms-card" in li.get("class") and li.get("data-last")  # today.js moves ended events by it
        assert li.xpath(f'./time[{_has_class("ms-dateblock")}]/@datetime')
        meta = li.xpath(f'.//p[{_has_class("ms-card__meta")}]')[0].text_content()
        assert meta.split(" · ")[1]  # the place
    kinds = [t.text_content() for t in _tree(root / "events" / "index.html").xpath(f'//p[{_has_class("ms-tag")}]')]
    assert STRINGS[lang]["event_kind_partner-meeting"] in kinds and STRINGS[lang]["event_kind_workshop"] in kinds
    assert _tree(root / "results" / "index.html").xpath(f'//ul[{_has_class("ms-grid")}]/li[{_has_class("ms-card")}]')


@pytest.mark.parametrize("lang", LANGS)
def test_documents_are_files_with_type_size_language_and_a_named_download(fixture_site, lang):
    path = fixture_site / LANGS[lang] / "documents" / "index.html"
    [item] = _tree(path).xpath(f'//ul[{_has_class("ms-files")}]/li')
    [title] = item.xpath(f'.//*[{_has_class("ms-file-card__title")}]')
    meta = item.xpath(f'.//*[{_has_class("ms-file-card__meta")}]')[0].text_content().replace("\u00a0", " ")
    language = {"ro": "limba: română", "en": "language: Romanian"}[lang]
    assert meta.startswith(f"PDF · {'2,6' if lang == 'ro' else '2.6'} KB · {language}"), meta
    [download] = item.xpath(".//a[@download]")
    assert resolve(fixture_site, path, download.get("href")).is_file() and download.get("hreflang") == "ro"
    name = download.text_content()
    assert name.startswith(STRINGS[lang]["download"]) and title.text_content() in name  # each download says which


def test_breadcrumb_related_items_and_pager_stay_out_of_the_search_index(fixture_site):
    """An item is found on its own page, not on every page that links to it."""
    import json
    entries = [doc for index in fixture_site.rglob("search_index.json")
               for doc in json.loads(index.read_text(encoding="utf-8"))["docs"]
               if doc["location"].removeprefix("en/").startswith("events/past-meeting/")]
    assert entries and all(doc["location"].endswith("past-meeting/") for doc in entries)  # no empty entry per group
    words = ["Relatare de la întâlnirea trecută", "Report from the past meeting", "Organizația finlandeză",
             "The Finnish organisation", "Evaluarea din decembrie", "The December peer review",
             STRINGS["ro"]["all_events"], STRINGS["en"]["all_events"], STRINGS["ro"]["home"], STRINGS["en"]["home"]]
    assert not [(doc["location"], word) for doc in entries for word in words if word in doc["text"]]


# -- the rules, on their own ----------------------------------------------------------------------

def _event(start, end=None, **more):
    return {"id": "e", "start": start, "end": end, "place": "", "title": "", **more}


@pytest.mark.parametrize("date, event, expected", [
    (dt.date(2024, 3, 11), _event(dt.date(2024, 3, 10), dt.date(2024, 3, 11)), True),  # on its last day
    (dt.date(2024, 3, 10), _event(dt.date(2024, 3, 10)), True),  # a one-day event
    (dt.date(2024, 3, 12), _event(dt.date(2024, 3, 10), dt.date(2024, 3, 11)), False),  # the day after
    (dt.date(2024, 12, 5), _event(PartialDate(2024, 12)), True),  # any day of a month-only event
    (PartialDate(2024, 12), _event(PartialDate(2024, 12)), True),  # both known to the month
    (PartialDate(2024, 3), _event(dt.date(2024, 3, 10)), False),  # a month is not within one day
    (PartialDate(2024), _event(PartialDate(2024, 12)), False),  # nor a year within a month
    (None, _event(dt.date(2024, 3, 10)), False),  # undated
])
def test_a_news_item_reports_an_event_when_its_date_lies_within_the_events_days(date, event, expected):
    assert reports({"id": "n", "date": date} if date else {"id": "n"}, event) is expected


def test_the_news_of_an_event_across_months_and_years():
    events = [_event(dt.date(2024, 12, 30), dt.date(2025, 1, 2), id="new-year"), _event(dt.date(2025, 1, 2), id="jan")]
    news = [{"id": "a", "date": dt.date(2025, 1, 1)}, {"id": "b", "date": dt.date(2025, 1, 2)},
            {"id": "c", "date": dt.date(2024, 12, 29)}]
    found = Related({"events": events, "news": news})
    assert [n["id"] for n in found.news_of_event(events[0])] == ["a", "b"]
    assert [n["id"] for n in found.news_of_event(events[1])] == ["b"]
    assert [e["id"] for e in found.events_of_news(news[1])] == ["new-year", "jan"]


def test_a_partner_is_named_by_its_name_its_parts_or_its_city_as_whole_words():
    partner = {"id": "p", "name": "Jyväskylän kaupunki (City of Jyväskylä)", "city": "Jyväskylä"}
    assert set(names(partner)) == {"Jyväskylän kaupunki (City of Jyväskylä)", "Jyväskylän kaupunki",
                                   "City of Jyväskylä", "Jyväskylä"}
    # too short to tell apart ("EU", "ECA"), a qualifier that is not the city ("Saale")
    assert set(names({"id": "q", "name": "EU (ECA)", "city": "Naumburg (Saale)"})) == {
        "EU (ECA)", "Naumburg (Saale)", "Naumburg"}
    news = [{"id": "city", "title": "A workshop in Jyväskylä", "summary": ""},
            {"id": "name", "title": "", "summary": "", "body": "Hosted by Jyväskylän kaupunki."},
            {"id": "address", "title": "", "summary": "", "body": "[source](https://jyvaskyla.fi/Jyväskylä/) "
                                                                   "and <https://example.org/Jyväskylä>"},
            {"id": "inside", "title": "Jyväskyläläinen", "summary": "jyväskylä"}]
    found = Related({"partners": [partner], "news": news})
    assert [n["id"] for n in found.naming("news", partner)] == ["city", "name"]
    assert found.partners_named("news", news[0]) == [partner] and found.partners_named("news", news[2]) == []


def test_neighbours_in_the_lists_order():
    items = [{"id": i} for i in "abc"]
    found = Related({"news": items})
    assert found.neighbours("news", "a") == (None, items[1])
    assert found.neighbours("news", "b") == (items[0], items[2])
    assert found.neighbours("news", "c") == (items[1], None)
    assert found.neighbours("news", "z") == (None, None)


# -- in the browser: headings in the site's own type ------------------------------------------------

HEADINGS_JS = """() => {
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const luminance = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (e) => {
    for (let n = e; n; n = n.parentElement) {
      const c = rgb(getComputedStyle(n).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] === 1)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  return [...document.querySelectorAll('.md-content h1, .md-content h2, .md-content h3')]
    .filter((h) => h.getClientRects().length)
    .map((h) => {
      const s = getComputedStyle(h), fg = rgb(s.color);
      if (fg.length === 4 && fg[3] < 1) return {tag: h.tagName, text: h.textContent.trim(), weight: 0, contrast: 0, alpha: fg[3]};
      const [a, b] = [luminance(fg.slice(0, 3)), luminance(background(h))].sort((x, y) => y - x);
      return {tag: h.tagName, text: h.textContent.trim(), weight: Number(s.fontWeight), size: parseFloat(s.fontSize),
              contrast: (a + 0.05) / (b + 0.05), card: !!h.closest('.ms-card')};
    });
}"""
PAGES = ["news/", "news/meeting-report/", "events/", "events/past-meeting/", "partners/org-fi/",
         "good-practices/mentoring/", "activities/meetings/", "results/", "results/study-report/", "documents/",
         "good-practices/", "activities/"]


@pytest.mark.parametrize("width", [390, 1280])
def test_headings_are_strong_dark_and_on_one_scale(browser, fixture_url, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    problems, sizes = [], {}
    for lang in LANGS:
        for path in PAGES:
            page.goto(fixture_url + LANGS[lang] + path)
            for h in page.evaluate(HEADINGS_JS):
                if h["weight"] < 600 or h["contrast"] < 4.5:
                    problems.append(f"{lang}{path}: {h}")
                if not h.get("card"):  # a card's title is sized for its card
                    sizes.setdefault(h["tag"], set()).add(h["size"])
    context.close()
    assert not problems
    # one scale: each level one size, larger than the next level down
    assert all(len(found) == 1 for found in sizes.values()), sizes
    [h1], [h2], [h3] = sizes["H1"], sizes["H2"], sizes["H3"]
    assert h1 > h2 > h3 >= 16, sizes


def test_the_breadcrumb_and_the_current_tab_are_seen(browser, fixture_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(fixture_url + "en/events/past-meeting/")
    assert page.locator(".ms-breadcrumb").is_visible()
    style = page.locator(".md-tabs__item--active .md-tabs__link").evaluate(
        "e => [getComputedStyle(e).fontWeight, getComputedStyle(e).textDecorationLine, e.textContent.trim()]")
    context.close()
    assert int(style[0]) >= 700 and "underline" in style[1] and style[2] == "Events", style
