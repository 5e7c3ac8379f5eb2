"""Corrections to the theme's HTML that its templates offer no block for, applied to each page
after rendering. Each one says why; each fails loudly when the theme's markup changes, so that an
upgrade never drops a correction silently."""
from __future__ import annotations

import html
import re

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
# The theme's menu and search buttons are <label>s over hidden checkboxes: Tab never reaches them
# and they have no name (WCAG 2.1.1, 4.1.2; upstream squidfunk/mkdocs-material#4101).
MENU_LABEL = re.compile(r'<label class="md-header__button md-icon" for="__drawer">\s*(<svg.*?</svg>)\s*</label>', re.S)
SEARCH_LABEL = re.compile(r'<label class="md-header__button md-icon" for="__search">\s*(<svg.*?</svg>)\s*</label>', re.S)
# Inside the search box: the magnifier (wide screens, decorative) and the back arrow (phones: it
# closes the search), both in one empty <label>. The search needs scripts (the theme hides it
# without them), so the label never has to work alone: a decorative magnifier and a named
# button replace it.
SEARCH_ICONS = re.compile(r'<label class="md-search__icon md-icon" for="__search">\s*(<svg.*?</svg>)\s*(<svg.*?</svg>)\s*</label>', re.S)
# The theme keeps the visible "clear" button out of the tab order (tabindex="-1").
RESET = re.compile(r'(<button type="reset" class="md-search__icon md-icon"[^>]*?) tabindex="-1">')
# The results' scrolling box takes the focus though it has no name and nothing to operate; the
# results inside it are links (keyboard.js puts them in the tab order) and scroll into view when
# focused. tabindex="-1" rather than none: Chromium makes a scrolling box without focusable
# content focusable by itself.
SCROLLWRAP = '<div class="md-search__scrollwrap" tabindex="0" data-md-scrollfix>'
# The theme's icons (24 × 24) always sit in a control named by its label or text: decorative.
ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">'
HEADER = '<header class="md-header"'
# The language selector: a button showing only an icon, and links named each in its own language
# ("English" on a Romanian page) but without a `lang`, so screen readers speak them in the page's
# voice (WCAG 3.1.2).
SELECT = '<div class="md-select">'
SELECT_BUTTON = re.compile(r'(<div class="md-select">\s*<button class="md-header__button md-icon)" aria-label="([^"]*)">'
                           r'(\s*<svg.*?</svg>)(\s*</button>)', re.S)
SELECT_LINK = re.compile(r'(<a href="[^"]*" hreflang="([^"]+)" class="md-select__link")>')


class ThemeChanged(Exception):
    pass


def label_search_dialog(page: str, label: str) -> str:
    """Material's search box is a dialog without a name (axe and Lighthouse: aria-dialog-name);
    screen readers announce it as "dialog" only."""
    if SEARCH_DIALOG not in page:
        if 'class="md-search"' in page:
            raise ThemeChanged("Material's search dialog changed: update sitegen/themefix.py")
        return page
    return page.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + f' aria-label="{html.escape(label)}">', 1)


def language_switch(page: str, lang: str) -> str:
    """The language switch says which language the page is in (its code, "RO", beside the icon,
    and in the button's name, so that what is seen is what speech input can call), and each
    language's link is marked as text in that language."""
    if SELECT not in page:
        return page
    code = html.escape(lang.split("-")[0].upper())
    page, buttons = SELECT_BUTTON.subn(
        lambda m: f'{m.group(1)} ms-lang-switch" aria-label="{m.group(2)} ({code})">{m.group(3)}'
                  f'<span class="ms-lang-switch__code" aria-hidden="true">{code}</span>{m.group(4)}', page, count=1)
    page, links = SELECT_LINK.subn(r'\1 lang="\2">', page)
    if not buttons or not links:
        raise ThemeChanged("Material's language selector changed: update sitegen/themefix.py")
    return page


def keyboard_controls(page: str, names: dict[str, str]) -> str:
    """Real buttons beside the theme's menu and search labels and in place of the search box's
    back arrow, named in the page's language; the theme's icons hidden from assistive
    technology; no focus for what cannot be seen or used. The buttons stay `hidden`
    until docs/assets/js/keyboard.js runs (site.css then hides the labels); without scripts the
    menu's label still opens it, as before. `names`: menu, search, close_search."""
    if HEADER not in page:
        return page
    name = {key: html.escape(value) for key, value in names.items()}

    def button(pattern: re.Pattern, make) -> None:
        nonlocal page
        page, count = pattern.subn(lambda m: m.group(0) + make(m.group(1)), page, count=1)
        if not count:
            raise ThemeChanged(f"Material's header changed ({pattern.pattern[:60]}…): update sitegen/themefix.py")

    button(MENU_LABEL, lambda icon: '<button type="button" class="md-header__button md-icon" data-ms-toggle="drawer"'
           f' aria-label="{name["menu"]}" aria-expanded="false" hidden>{icon}</button>')
    button(SEARCH_LABEL, lambda icon: '<button type="button" class="md-header__button md-icon" data-ms-toggle="search"'
           f' aria-label="{name["search"]}" aria-expanded="false" hidden>{icon}</button>')
    page, count = SEARCH_ICONS.subn(lambda m: f'<span class="md-search__icon md-icon ms-search-magnifier">{m.group(1)}</span>'
                                    '<button type="button" class="md-search__icon md-icon ms-search-close"'
                                    f' aria-label="{name["close_search"]}" hidden>{m.group(2)}</button>', page, count=1)
    reset = 0
    if count:
        page, reset = RESET.subn(r"\1>", page, count=1)
    if not reset or SCROLLWRAP not in page:
        raise ThemeChanged("Material's search box changed: update sitegen/themefix.py")
    page = page.replace(SCROLLWRAP, SCROLLWRAP.replace('tabindex="0"', 'tabindex="-1"'), 1)
    return page.replace(ICON, ICON[:-1] + ' aria-hidden="true">')


def search_index_of(html: str, prefix: str) -> str:
    """Names the page's language's search index on the theme's configuration element, for
    docs/assets/js/on-demand.js to ask for it (the theme would ask for the default language's)."""
    return html.replace('<script id="__config"', f'<script id="__config" data-search-index="{prefix}search/search_index.json"', 1)
