"""The corrections applied to every built page (sitegen/themefix.py, sitegen/printlinks.py), on the
real site's HTML, and their loud failure when the theme's markup changes."""
from __future__ import annotations

import re

import pytest

from conftest import html_pages
from sitegen.printlinks import mark_links_showing_their_address
from sitegen.themefix import ThemeChanged, keyboard_controls

NAMES = {"ro": ("Meniu", "Căutare", "Închide căutarea"), "en": ("Menu", "Search", "Close search")}


def test_every_page_has_named_menu_and_search_buttons_in_its_language(real_site):
    pages = html_pages(real_site) + sorted(real_site.rglob("404.html"))
    for path in pages:
        text = path.read_text(encoding="utf-8")
        lang = re.search(r'<html lang="(\w+)"', text).group(1)
        menu, search, close = NAMES[lang]
        assert text.count(f'data-ms-toggle="drawer" aria-label="{menu}" aria-expanded="false" hidden>') == 1, path
        assert text.count(f'data-ms-toggle="search" aria-label="{search}" aria-expanded="false" hidden>') == 1, path
        assert text.count(f'ms-search-close" aria-label="{close}" hidden>') == 1, path
        # every icon of the theme is decorative; nothing unnamed or invisible takes the focus
        assert "<svg" in text and not re.search(r'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">', text)
        assert 'tabindex="0"' not in text and 'type="reset" class="md-search__icon md-icon" title' in text
        assert not re.search(r'<button type="reset"[^>]*tabindex', text)
        assert '<label class="md-search__icon' not in text  # its icons are a span and a button now


def test_a_changed_theme_header_is_reported_not_skipped():
    page = '<header class="md-header"><label class="md-header__button md-icon" for="__menu"><svg></svg></label></header>'
    with pytest.raises(ThemeChanged):
        keyboard_controls(page, {"menu": "Meniu", "search": "Căutare", "close_search": "Închide căutarea"})
    assert keyboard_controls("<p>no header</p>", {}) == "<p>no header</p>"


@pytest.mark.parametrize("link, shown", [
    ('<a href="https://www.example.org/a/">example.org/a</a>', True),
    ('<a href="https://example.org/a">https://example.org/a</a>', True),
    ('<a href="https://example.org/a" hreflang="en">https://example.org/a/</a>', True),
    ('<a href="https://example.org/a">The source</a>', False),
    ('<a href="../news/">../news/</a>', False),  # the site's own pages print no address anyway
])
def test_links_that_show_their_address_are_marked_for_print(link, shown):
    marked = mark_links_showing_their_address(f"<p>{link}</p>")
    assert ("data-ms-url-shown" in marked) is shown
    assert mark_links_showing_their_address(marked) == marked  # once only
