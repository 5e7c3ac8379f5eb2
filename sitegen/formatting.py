"""Dates, money and country names in a page's language, through Babel's CLDR data.

A language's `locale:` settings in strings/<code>.yml may override two CLDR choices where local
usage differs (Moldovan documents group thousands with a space and write the € sign).
"""
from __future__ import annotations

import datetime as dt

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, get_group_symbol

from . import dates

NBSP = "\u00a0"


class Formatter:
    def __init__(self, settings: dict):
        self.locale = Locale.parse(settings.get("babel", "en"))
        self.money_pattern = settings.get("money_pattern")
        self.group = settings.get("group_symbol")
        self.date_pattern = settings.get("date_pattern", "d MMMM y")
        # A date known to the month only: the month's stand-alone name ("iulie 2023", "July 2023").
        self.month_pattern = settings.get("month_pattern", "LLLL y")

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
        if not end or end == start:
            return self.date(start)
        return f"{self.date(start)} – {self.date(end)}"

    def money(self, amount: float, currency: str = "EUR") -> str:
        if self.money_pattern:
            text = format_decimal(amount, format=self.money_pattern, locale=self.locale)
        else:
            text = format_currency(amount, currency, locale=self.locale)
        return self._regroup(text).replace(" ", NBSP)

    def number(self, value: float) -> str:
        return self._regroup(format_decimal(value, locale=self.locale))

    def country(self, code: str) -> str:
        return self.locale.territories.get(code.upper(), code)

    def language(self, code: str) -> str:
        return self.locale.languages.get(code, code)

    def _regroup(self, text: str) -> str:
        if not self.group:
            return text
        return text.replace(get_group_symbol(self.locale), self.group.replace(" ", NBSP))
