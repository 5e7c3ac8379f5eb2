"""Printing: any page, printed or saved as PDF from the browser, is a clean A4 factsheet. Debian's
Chromium prints the built pages (Playwright's page.pdf: A4, the page's own @page size wins);
pypdf reads the PDF back: paper size, page count, text. What the print style hides or keeps is
also checked in the page itself under print media."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from conftest import FIXTURE_CONTENT, build, copy_project, serve
from contentfiles import add_item
from sitegen import printlinks
from test_browser import PAGE_TYPES

A4 = (595.3, 841.9)  # points
STATEMENT = {"ro": "Cofinanțat de Uniunea Europeană", "en": "Co-funded by the European Union"}
LANGS = {"ro": "", "en": "en/"}
# The real good practice is the one that says the most (test_browser.PAGE_TYPES), whichever the
# officer has written; the fixture's when there is none.
PAGES = {"good-practice": ("fixture", "good-practices/mentoring/"),
         "real-good-practice": PAGE_TYPES["good-practice"], "home": ("real", ""),
         "news-item": ("fixture", "news/kickoff/"), "project": ("real", "project/")}
# What the screen shows and paper must not: navigation, search, menus, tabs, skip link,
# back-to-top, language switch (with the buttons added for keyboards), an item's breadcrumb,
# related items and previous and next.
CHROME = (".md-header, .md-tabs, .md-sidebar, .md-skip, .md-top, .md-search, .md-select, .md-overlay,"
          " [data-ms-toggle], .ms-filters, .ms-pages, .ms-breadcrumb, .ms-related, .ms-pager")

PRINT_JS = """(chrome) => {
  const shown = e => e.getClientRects().length > 0 && getComputedStyle(e).visibility === 'visible';
  const emblem = document.querySelector('.ms-eu__flag img'), r = emblem && emblem.getBoundingClientRect();
  const content = document.querySelector('.md-content');
  return {
    chrome: [...document.querySelectorAll(chrome)].filter(shown).map(e => e.outerHTML.slice(0, 80)),
    emblem: emblem && shown(emblem) && emblem.complete && emblem.naturalWidth > 0 ? [r.width, r.height] : null,
    // links in the text leading elsewhere, and whether their text is their address already
    external: [...content.querySelectorAll('a[href^="http"]')].filter(shown)
      .map(a => [a.getAttribute('href'), a.hasAttribute('data-ms-url-shown')]),
    internal: [...content.querySelectorAll('a[href]:not([href^="http"]):not([href^="mailto:"])')].filter(shown)
      .map(a => a.getAttribute('href')),
    skip: (document.querySelector('.md-skip') || {}).textContent,
    top: (document.querySelector('.md-top') || {}).textContent,
    language: (document.querySelector('.md-select button') || {ariaLabel: null}).ariaLabel,
  };
}"""


def _squeeze(text: str) -> str:
    """PDF text without spaces or line breaks: long addresses wrap anywhere on paper."""
    return re.sub(r"\s+", "", text)


def _print(page, url: str) -> tuple[list[str], list, dict]:
    """(text of each printed page, page boxes, what print media shows) of the page at `url`."""
    page.goto(url, wait_until="load")
    pdf = page.pdf(format="A4", prefer_css_page_size=True, print_background=True)
    page.emulate_media(media="print")
    shown = page.evaluate(PRINT_JS, CHROME)
    page.emulate_media(media="screen")
    reader = PdfReader(io.BytesIO(pdf))
    return [p.extract_text() for p in reader.pages], [p.mediabox for p in reader.pages], shown


@pytest.fixture
def page(browser):
    context = browser.new_context()
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("kind", list(PAGES))
@pytest.mark.parametrize("lang", list(LANGS))
def test_a_printed_page_is_a_clean_a4_factsheet(request, page, kind, lang):
    site, path = PAGES[kind]
    texts, boxes, shown = _print(page, request.getfixturevalue(f"{site}_url") + LANGS[lang] + path)
    whole = "\n".join(texts)
    assert all(abs(float(b.width) - A4[0]) < 2 and abs(float(b.height) - A4[1]) < 2 for b in boxes)
    assert all(t.strip() for t in texts), "an empty page"
    # no navigation, menus, search or switches: neither laid out in print nor in the text
    assert not shown["chrome"]
    for word in (shown["skip"], shown["top"], shown["language"]):
        assert word and word.strip() not in whole
    # the EU emblem and the funding statement in full stay
    assert shown["emblem"] == [72, 48]
    assert STATEMENT[lang] in texts[-1]
    # each external link's address is printed: after its text, or as its text (a source named by
    # its host, "burgenlandkreis.de", is its address without "https://www.": sitegen/printlinks.py)
    squeezed = _squeeze(whole)
    for href, is_text in shown["external"]:
        assert (_squeeze(printlinks._bare(href)) if is_text else f"({_squeeze(href)})") in squeezed, href
    for href in shown["internal"]:  # addresses of this site's own pages are not printed
        assert f"({_squeeze(href)})" not in squeezed, href


def test_external_links_show_where_they_lead(page, real_url):
    """A printed project page lists its sources by title, with their addresses after them."""
    texts, _, shown = _print(page, real_url + "en/project/")
    titled = [href for href, is_text in shown["external"] if not is_text]
    assert titled
    assert all(f"({_squeeze(href)})" in _squeeze("".join(texts)) for href in titled)


def test_a_good_practice_fits_on_two_pages(page, fixture_url):
    texts, _, _ = _print(page, fixture_url + "good-practices/mentoring/")
    assert len(texts) == 1  # the fixture's is short
    # its website link shows its address as text: printed once, not again in brackets
    assert _squeeze("".join(texts)).count("https://example.org/mentoring") == 1


# A good practice with every field of the Interreg Europe template filled, at length (the summary
# at the schema's 300 characters, a detailed description of about 2,500), and a picture.
SENTENCE = {"ro": "Serviciul municipal de ocupare pune în legătură fiecare nou-venit cu un antreprenor local "
                  "care conduce o afacere de cel puțin cinci ani. ",
            "en": "The city's employment service pairs each newcomer with a local entrepreneur who has run "
                  "a business for at least five years. "}
LONG_PRACTICE = """\
title: {title}
country: FI
region: Keski-Suomi
city: Jyväskylä
institution: {title}
partner: org-fi
start: 2019-09-01
end: 2023-12-31
summary: {summary}
description: |
{description}
resources: {short}
evidence: {short}
difficulties: {short}
transfer: {medium}
theme: entrepreneurship
website: https://example.org/long-practice/with/a/long/address/that/wraps
contact: long-practice@example.org
source: https://example.org/good-practices/long-practice
image: media/images/long-practice.png
image_alt: {title}
"""


def _long_practice(lang: str) -> str:
    sentence = SENTENCE[lang]
    paragraph = sentence * 5  # about 600 characters
    description = "\n\n".join(paragraph for _ in range(4))  # about 2,500 characters
    return LONG_PRACTICE.format(
        title=sentence.split(" ", 4)[-1][:60].strip(), summary=(sentence * 3)[:300].strip(), short=(sentence * 3).strip(),
        medium=(sentence * 6).strip(), description="\n".join("  " + line for line in description.splitlines()))


@pytest.fixture(scope="module")
def long_practice_url(tmp_path_factory):
    base = tmp_path_factory.mktemp("print")
    project = copy_project(base / "project", content=FIXTURE_CONTENT)
    # a photo's proportions and size (3:2, wider than the page)
    Image.new("RGB", (1800, 1200), (70, 110, 160)).save(project / "content" / "media" / "images" / "long-practice.png")
    add_item(project, "good_practices", "long-practice", {lang: _long_practice(lang) for lang in LANGS})
    result = build(project, base / "site")
    assert result.returncode == 0, result.stderr
    server, url = serve(base / "site")
    yield url
    server.shutdown()


@pytest.mark.parametrize("lang", list(LANGS))
def test_a_long_good_practice_fits_on_two_pages(page, long_practice_url, lang):
    texts, _, shown = _print(page, long_practice_url + LANGS[lang] + "good-practices/long-practice/")
    squeezed = _squeeze("".join(texts))
    assert len(texts) <= 2, f"{len(texts)} pages"
    assert _squeeze(SENTENCE[lang] * 5) in squeezed  # the text is all there, not cut off
    assert STATEMENT[lang] in texts[-1] and shown["emblem"] == [72, 48]
    assert squeezed.count("https://example.org/long-practice/with/a/long/address/that/wraps") == 1
