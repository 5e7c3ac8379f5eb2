"""Card grids balanced at every width: no card left alone on a row of its own.

CSS grids fill rows from the left, so 7 cards in 3 columns leave one card alone. The generator
knows how many cards a grid holds; it picks, for each width band of site.css, a number of
columns that divides the count, or else one that leaves at least two cards on the last row, the
last card spanning what the row would leave empty.
"""
from __future__ import annotations

# The widest number of columns per width band (site.css: .ms-grid): phones, tablets, desktops.
BANDS = {"m": 2, "l": 3}


def columns(count: int, widest: int) -> tuple[int, int]:
    """(columns, span of the last card) for `count` cards and at most `widest` columns: full rows
    if a number of columns divides the count; else a last row of at least two cards, the last one
    spanning what is left; else one column (every row full, none alone beside empty space)."""
    candidates = range(min(widest, count), 1, -1)
    for cols in candidates:
        if count % cols == 0:
            return cols, 1
    for cols in candidates:
        if count % cols >= 2:
            return cols, cols - count % cols + 1
    return 1, 1


def style(count: int) -> str:
    """The custom properties site.css reads for a grid of `count` cards."""
    parts = []
    for band, widest in BANDS.items():
        cols, span = columns(count, widest)
        parts.append(f"--cols-{band}:{cols};--span-{band}:{span}")
    return ";".join(parts)
