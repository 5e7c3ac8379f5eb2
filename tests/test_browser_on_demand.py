"""What a visit downloads, in Chromium against the real site served at its own address: nothing for
search or the language switch on load; search downloads when first opened, and answers what was
typed while it loaded; the language switch goes to the counterpart page without a sitemap."""
from __future__ import annotations

import re

import pytest

from conftest import ROOT
from contentfiles import read_items

DESKTOP, PHONE = {"width": 1280, "height": 800}, {"width": 390, "height": 844}
# The theme's downloads for search (index, worker, stemmers) and for its language selector.
SEARCH = re.compile(r"/search/search_index\.json$|/workers/search\.[0-9a-f]+\.min\.js$|/lunr/")
SITEMAP = re.compile(r"/sitemap\.xml$")
# A nested page of the real content, in both languages: its latest news item written in both (the
# officer may change any; the tests never name one).
NEWS = {lang: {item["id"]: item for item in read_items(ROOT / "content", lang, "news")} for lang in ("ro", "en")}
NEWS_ID = next((item_id for item_id in NEWS["ro"] if item_id in NEWS["en"]), None)
NEWS_ITEM = f"news/{NEWS_ID}/"
SETTLE_MS = 1500  # after network idle: the theme's downloads used to start a moment after load


@pytest.fixture
def visit(browser):
    """A fresh browser context; yields (page, list of every requested URL)."""
    contexts = []

    def open_(viewport=DESKTOP):
        context = browser.new_context(viewport=viewport)
        contexts.append(context)
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        return page, requests

    yield open_
    for context in contexts:
        context.close()


def _load(page, url: str) -> None:
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(SETTLE_MS)
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("path", ["", "en/", NEWS_ITEM, "en/" + NEWS_ITEM])
def test_nothing_for_search_or_the_language_switch_loads_with_the_page(visit, local_real, path):
    _, base = local_real
    page, requests = visit()
    _load(page, base + path)
    assert any(url.endswith("/assets/js/on-demand.js") for url in requests)  # the page was really read
    assert [url for url in requests if SEARCH.search(url) or SITEMAP.search(url)] == []


def _title(lang: str) -> tuple[str, str]:
    """(word to type, title of the page it must find): the news item's title in `lang`, and its
    longest word of plain letters (typed as in the title, so the query and the index agree)."""
    assert NEWS_ID, "the real content has no news item in both languages"
    title = NEWS[lang][NEWS_ID]["title"]
    words = re.findall(r"[A-Za-z]{5,}", title) or re.findall(r"\w{3,}", title)
    return max(words, key=len), title


def _hold_index(page) -> list:
    """Holds back the search index's response until released: what is typed meanwhile must not be lost."""
    held: list = []
    page.route(re.compile(r".*/search/search_index\.json$"), lambda route: held.append(route))
    return held


def _search_and_release(page, held: list, word: str) -> None:
    """Called with search just opened: type `word`, then let the index arrive."""
    page.keyboard.type(word)  # at typing speed of a program: all of it before the index exists
    for _ in range(200):  # the request is made once search opens; wait for it
        if held:
            break
        page.wait_for_timeout(25)
    assert held, "opening search did not request the index"
    assert page.locator(".md-search-result__item").count() == 0
    held[0].continue_()


def _found(page, title: str) -> None:
    page.locator(".md-search-result__item", has_text=title).first.wait_for(timeout=15_000)


@pytest.mark.parametrize("lang", ["ro", "en"])
def test_search_opened_then_typed_at_once_finds_a_known_page(visit, local_real, lang):
    _, base = local_real
    word, title = _title(lang)
    page, requests = visit()
    held = _hold_index(page)
    _load(page, base + ("" if lang == "ro" else "en/") + NEWS_ITEM)
    assert not held  # nothing requested before search is opened
    page.click(".md-search__input")
    _search_and_release(page, held, word)
    _found(page, title)
    assert page.input_value(".md-search__input") == word
    # the page's language's index, worker and stemmer (English needs none), all after opening search
    index = base + ("" if lang == "ro" else "en/") + "search/search_index.json"
    assert index in requests and not [url for url in requests if url.endswith("search_index.json") and url != index]
    assert ("lunr.ro.min.js" in {url.rsplit("/", 1)[-1] for url in requests}) == (lang == "ro")
    assert any("/workers/search." in url for url in requests)


def test_the_keyboard_shortcut_opens_search_and_nothing_typed_is_lost(visit, local_real):
    _, base = local_real
    page, _ = visit()
    held = _hold_index(page)
    word, title = _title("en")
    _load(page, base + "en/")
    assert not held  # nothing requested before search is opened
    page.keyboard.press("s")  # the theme's shortcut: focus the search field
    _search_and_release(page, held, word)
    _found(page, title)


def test_the_search_button_on_a_phone_opens_search(visit, local_real):
    _, base = local_real
    page, _ = visit(PHONE)
    held = _hold_index(page)
    word, title = _title("ro")
    _load(page, base)
    assert not held  # nothing requested before search is opened
    page.click(".md-header [data-ms-toggle=search]")  # the real button beside the theme's label
    _search_and_release(page, held, word)
    _found(page, title)


@pytest.mark.parametrize("start, other, target", [
    (NEWS_ITEM, "en", "en/" + NEWS_ITEM),
    ("en/" + NEWS_ITEM, "ro", NEWS_ITEM),
])
def test_language_switch_goes_to_the_counterpart_without_a_sitemap(visit, local_real, start, other, target):
    _, base = local_real
    page, requests = visit()
    _load(page, base + start)
    page.hover(".md-header .md-select")
    page.click(f".md-select__link[hreflang={other}]")
    page.wait_for_url(base + target)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.lang") == other
    assert [url for url in requests if SITEMAP.search(url)] == []


def _words(site, prefix: str) -> dict[str, set[str]]:
    """Each word of the language's search index (letters only, lower case) -> the pages that hold it."""
    import json
    index = json.loads((site / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))
    found: dict[str, set[str]] = {}
    for doc in index["docs"]:
        for word in re.findall(r"[^\W\d_]{6,}", doc["title"] + " " + doc["text"]):
            found.setdefault(word.lower(), set()).add(doc["location"])
    return found


def test_search_finds_pages_of_the_pages_language_only(visit, local_real):
    """A word both languages use finds pages of the page's language only; a word only the other
    language uses finds nothing (one index served both before: "Ungheni" on a Romanian page
    listed English pages, "workshop" only English ones)."""
    site, base = local_real
    words = {"ro": _words(site, ""), "en": _words(site, "en")}
    shared = max(words["ro"].keys() & words["en"].keys(), key=lambda w: len(words["ro"][w]) + len(words["en"][w]))
    for lang, prefix, other in (("ro", "", "en"), ("en", "en/", "ro")):
        text = " ".join(words[lang]).lower()  # search matches the start of words: not even inside one
        only_other = next(w for w in sorted(words[other], key=lambda w: -len(words[other][w]))
                          if w.isascii() and w[:5] not in text)
        page, _ = visit()
        _load(page, base + prefix)
        page.click(".md-search__input")
        page.keyboard.type(shared)
        results = page.locator(".md-search-result__item a")
        results.first.wait_for(timeout=15_000)
        hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
        assert hrefs and all(("/en/" in href) == (lang == "en") for href in hrefs), (lang, shared, hrefs)
        page.keyboard.press("Control+A")  # typed, as the theme searches on each key
        page.keyboard.type(only_other)
        none = page.evaluate("JSON.parse(document.getElementById('__config').textContent)"
                             ".translations['search.result.none']")
        page.locator(".md-search-result__meta", has_text=none).wait_for(timeout=15_000)  # the theme's "nothing found"
        assert page.locator(".md-search-result__item").count() == 0, (lang, only_other)
