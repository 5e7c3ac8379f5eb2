"""Corrections to the theme's HTML that its templates offer no block for, applied to each page
after rendering. Each one says why; each fails loudly when the theme's markup changes, so that an
upgrade never drops a correction silently."""
from __future__ import annotations

import html

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


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
