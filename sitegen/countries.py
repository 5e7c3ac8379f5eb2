"""Country codes (ISO 3166-1 alpha-2) and a guess at what a mistyped country meant.

The list comes from Babel's CLDR territories, the same data that prints country names on the
pages; schemas/common.schema.json holds a copy for editors, and a test keeps the two equal.
"""
from __future__ import annotations

import difflib
from functools import cache

from babel import Locale

# CLDR territories that are not ISO 3166-1 countries: regions, reserved and private-use codes.
NOT_COUNTRIES = {"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "XK", "ZZ"}
# EU documents (and Interreg's) write Greece and the United Kingdom as EL and UK.
EU_CODES = {"EL": "GR", "UK": "GB"}
NAME_LANGUAGES = ("ro", "en")


@cache
def codes() -> tuple[str, ...]:
    territories = Locale.parse("en").territories
    return tuple(sorted(code for code in territories
                        if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES))


@cache
def _names() -> dict[str, str]:
    """Lower-case country name in each language -> code."""
    names = {}
    for lang in NAME_LANGUAGES:
        territories = Locale.parse(lang).territories
        names.update({territories[code].lower(): code for code in codes() if code in territories})
    return names


def suggest(value: object) -> str | None:
    """The code the editor probably meant: "fi" -> FI, "EL" -> GR, "Finlnd" -> FI, else None."""
    text = str(value).strip()
    if text.upper() in codes():
        return text.upper()
    if text.upper() in EU_CODES:
        return EU_CODES[text.upper()]
    match = difflib.get_close_matches(text.lower(), list(_names()), n=1, cutoff=0.75)
    return _names()[match[0]] if match else None
