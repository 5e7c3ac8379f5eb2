"""Dates, money and country names in a page's language, through Babel's CLDR data.

A language's `locale:` settings in strings/<code>.yml may override CLDR's choices where local
usage differs: Moldovan documents group thousands with a space and write the € sign
(`money_pattern`, `group_symbol`); `country_names` gives a country the name the site uses when
it is not CLDR's (sitegen/facts.py warns when content text calls it otherwise).
"""
from __future__ import annotations

import datetime as dt

from babel import Locale
from babel.dates import format_date, parse_pattern
from babel.numbers import format_currency, format_decimal, get_group_symbol

from . import dates

NBSP = "\u00a0"
# CLDR's interval skeletons per precision: a day range is written from the abbreviated-month
# skeleton with its months in full (CLDR has no full-month one; its spec allows widening MMM to
# MMMM), a month range from the month skeleton, a year range from the year's.
INTERVALS = {dates.DAY: "yMMMd", dates.MONTH: "yMMM", dates.YEAR: "y"}
# CLDR puts thin spaces around a dash between differing months or years; the site writes the
# spaced en dash of its other ranges, which lines may wrap at.
THIN = "\u2009"


class Formatter:
    def __init__(self, settings: dict):
        self.locale = Locale.parse(settings.get("babel", "en"))
        self.money_pattern = settings.get("money_pattern")
        self.group = settings.get("group_symbol")
        self.date_pattern = settings.get("date_pattern", "d MMMM y")
        # A date known to the month only: the month's stand-alone name ("iulie 2023", "July 2023").
        self.month_pattern = settings.get("month_pattern", "LLLL y")
        self.country_names = {code.upper(): name for code, name in (settings.get("country_names") or {}).items()}

    @property
    def tag(self) -> str:
        """The language tag a browser formats with (Intl): "ro", "en-GB"."""
        return str(self.locale).replace("_", "-")

    def date(self, value: dt.date) -> str:
        """A day, a month or a year, each written as precisely as it is known."""
        kind = dates.precision(value)
        if kind == dates.YEAR:
            return str(value.year)
        return format_date(value, self.month_pattern if kind == dates.MONTH else self.date_pattern,
                           locale=self.locale)

    def date_parts(self, value: dt.date) -> tuple[str | None, str | None, str]:
        """Day, abbreviated month and year for a date block; None for what is not known."""
        kind = dates.precision(value)
        day = format_date(value, "d", locale=self.locale) if kind == dates.DAY else None
        month = format_date(value, "LLL", locale=self.locale) if kind != dates.YEAR else None
        return day, month, str(value.year)

    def iso(self, value: dt.date) -> str:
        return value.isoformat()

    def date_range(self, start: dt.date, end: dt.date | None) -> str:
        """Two dates as the language writes a range, saying once what they share: "13–14 iunie
        2023", "28 February – 2 March 2024", "iunie – septembrie 2023", "2023–2025". Dates of
        different precision (a day and a month) are written each in full."""
        if not end or end == start:
            return self.date(start)
        kind = dates.precision(start)
        if kind != dates.precision(end):
            return f"{self.date(start)} – {self.date(end)}"
        patterns = self._interval(INTERVALS[kind], start, end)
        if patterns is None:
            return f"{self.date(start)} – {self.date(end)}"
        text = "".join(parse_pattern(pattern).apply(value, self.locale) for pattern, value in zip(patterns, (start, end)))
        return text.replace(f"{THIN}–{THIN}", " – ").replace(THIN, " ")

    def _interval(self, skeleton: str, start: dt.date, end: dt.date) -> list[str] | None:
        """The two halves of CLDR's pattern for the largest field in which the dates differ, with
        months written in full."""
        formats = self.locale.interval_formats.get(skeleton) or {}
        differs = "y" if start.year != end.year else "M" if start.month != end.month else "d"
        patterns = formats.get(differs)
        if not patterns:
            return None
        # A month alone is named in its stand-alone form (LLLL), as `month_pattern` does.
        month = "MMMM" if skeleton != "yMMM" else "LLLL"
        return [_widen(pattern, month) for pattern in patterns]

    def money(self, amount: float, currency: str = "EUR") -> str:
        """An amount as the language writes money, with cents only when it has some: "2 511 810 €",
        "250,25 €"."""
        whole = float(amount).is_integer()
        if self.money_pattern:
            pattern = _no_fraction(self.money_pattern) if whole else self.money_pattern
            text = format_decimal(amount, format=pattern, locale=self.locale)
        elif whole:
            pattern = _no_fraction(self.locale.currency_formats["standard"].pattern)
            text = format_currency(amount, currency, format=pattern, currency_digits=False, locale=self.locale)
        else:
            text = format_currency(amount, currency, locale=self.locale)
        return self._regroup(text).replace(" ", NBSP)

    def number(self, value: float) -> str:
        return self._regroup(format_decimal(value, locale=self.locale))

    def country(self, code: str) -> str:
        """The one name the site gives a country in this language: the strings' own, else CLDR's."""
        code = code.upper()
        return self.country_names.get(code) or self.locale.territories.get(code, code)

    def language(self, code: str) -> str:
        return self.locale.languages.get(code, code)

    def _regroup(self, text: str) -> str:
        if not self.group:
            return text
        return text.replace(get_group_symbol(self.locale), self.group.replace(" ", NBSP))


def _widen(pattern: str, month: str) -> str:
    """A CLDR pattern with its abbreviated month (MMM, LLL) written in full."""
    out, i = [], 0
    while i < len(pattern):
        if pattern[i] == "'":  # quoted text is kept as it is
            j = pattern.find("'", i + 1)
            j = len(pattern) - 1 if j < 0 else j
            out.append(pattern[i:j + 1])
            i = j + 1
            continue
        if pattern[i] in "ML":
            j = i
            while j < len(pattern) and pattern[j] == pattern[i]:
                j += 1
            out.append(month if j - i == 3 else pattern[i:j])
            i = j
            continue
        out.append(pattern[i])
        i += 1
    return "".join(out)


def _no_fraction(pattern: str) -> str:
    """A number pattern without its decimals: "#,##0.00 €" -> "#,##0 €"."""
    head, dot, tail = pattern.partition(".")
    if not dot:
        return pattern
    rest = tail.lstrip("0#")
    return head + rest
