"""A problem found in the content: where it is, what is wrong, and whether it stops the build.

A problem keeps a message code and its values, not a sentence: it is worded when shown, in the
language of the person reading (sitegen/messages/), always on one line as `file:line: ...`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from . import invisible, messages

ERROR = "error"
WARNING = "warning"
SHOWN_CHARS = 60  # a value quoted in a message is cut here: one line per problem


class Term(NamedTuple):
    """A value worded in the reader's language when shown, e.g. Term("types", "array")."""
    section: str
    key: str

    def worded(self, lang: str) -> str:
        return messages.get(self.section, self.key, lang)


class Full(str):
    """Text of ours, such as a list of allowed values: shown in full, where typed values are cut."""


class LanguageName(NamedTuple):
    """A language named in the reader's language, through Babel: "en" -> "engleză" / "English"."""
    code: str

    def worded(self, lang: str) -> str:
        from babel import Locale
        return Locale.parse(lang).languages.get(self.code, self.code)


class Number(NamedTuple):
    """A number written the reader's way: 2,41 in Romanian, 2.41 in English."""
    value: float

    def worded(self, lang: str) -> str:
        from babel.numbers import format_decimal
        return format_decimal(self.value, format="0.00", locale=lang)


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    code: str  # key under `problems:` in the message tables
    args: tuple[tuple[str, object], ...] = ()
    kind: str | None = None  # content type of the item (its noun: "bună practică")
    item: str | None = None
    field: str | None = None
    severity: str = ERROR

    def text(self, lang: str | None = None) -> str:
        lang = lang or messages.language()
        where = f"{self.file}:{self.line}" if self.line else self.file
        subject = []
        if self.item is not None:
            noun = messages.get("kinds", self.kind, lang) if self.kind else ""
            subject.append(messages.get("subject", "item", lang, kind=noun, id=shown(self.item)).strip())
        if self.field:
            subject.append(messages.get("subject", "field", lang, name=shown(self.field)))
        head = f"{where}: {', '.join(subject)}: " if subject else f"{where}: "
        tag = messages.get("subject", "warning", lang) if self.severity == WARNING else ""
        values = {name: v.worded(lang) if isinstance(v, (Term, LanguageName, Number)) else v if isinstance(v, Full) else shown(v)
                  for name, v in self.args}
        return head + tag + messages.get("problems", self.code, lang, **values)

    def __str__(self) -> str:
        return self.text()


def problem(file: str, line: int | None, code: str, /, *, kind: str | None = None, item=None,
            field: str | None = None, severity: str = ERROR, **args) -> Problem:
    return Problem(file, line, code, tuple(args.items()), kind,
                   None if item is None else str(item), field, severity)


def shown(value) -> str:
    """A value as quoted in a one-line message: invisible characters named (⟨U+200B⟩), whitespace
    collapsed, long text cut."""
    text = " ".join(invisible.visible(str(value)).split())
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


def sort_key(p: Problem) -> tuple:
    return (p.file, p.line or 0)


class ContentError(Exception):
    """Raised when content has errors; carries every problem so all are reported at once."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s) in the content")
        self.problems = problems
