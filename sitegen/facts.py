"""Facts the site states in several places agree with each other, checked with the content.

- The partner countries (project.yml, `partner_countries`) are those of the partners listed, plus
  those of the partners the content declares without a name (`unnamed_partners`): a visitor can
  count the countries on the map against the list.
- A country has one name per language: CLDR's, or the strings' own (`locale.country_names`); a
  content text that calls it by another name (`locale.country_other_names`) is a warning.
- The publishing organisation's role (project.yml, `organisation.role`) is the label of its own
  partner item's role.
- A link in a text whose words are only "source" says nothing of where it leads: the source is
  named (its organisation or its host), as the item's own source line names it.

Every message names both places, so that the editor sees which one to change. Needs the interface
strings (role labels, country names), so it runs beside them (sitegen/check.py).
"""
from __future__ import annotations

import re

from . import urls
from .content import Content, _texts
from .formatting import Formatter
from .problems import WARNING, Full, Problem, problem
from .strings import Strings

PROJECT = "project"


def check(content: Content, strings: Strings) -> list[Problem]:
    if not content.complete(PROJECT):
        return []  # its own errors are reported; nothing to compare with
    found = _countries(content)
    for lang in content.languages:
        found += _role(content, strings, lang.code)
        found += _country_names(content, strings, lang.code)
        found += _unnamed_source_links(content, strings, lang.code)
    return found


def _partners(content: Content) -> dict[str, tuple[str, dict]]:
    """Every published partner, in the first language that has it: id -> (language, item)."""
    found = {}
    for item_id in content.item_ids("partners"):
        for lang in content.languages:
            item = content.find(lang.code, "partners", item_id)
            if item is not None:
                found[item_id] = (lang.code, item)
                break
    return found


def _countries(content: Content) -> list[Problem]:
    """`partner_countries` against the partners' countries and the declared unnamed partners
    (language-neutral facts: checked once, in the default language's file)."""
    lang = content.default
    project = content.data[lang][PROJECT]
    stated = [str(code) for code in project["partner_countries"]]
    shown, line = content.where(lang, PROJECT, None, "partner_countries")
    fmt = Formatter({"babel": lang})
    found = []
    for n, code in enumerate(stated):
        if code in stated[:n]:
            found.append(problem(shown, content.line(lang, PROJECT, None, "partner_countries", n), "country_twice",
                                 field="partner_countries", country=code, count=len(stated)))
    partners = _partners(content)
    by_country: dict[str, list[str]] = {}
    for item_id, (item_lang, item) in partners.items():
        by_country.setdefault(item["country"], []).append(item_id)
        if item["country"] not in stated:
            where = content.where(item_lang, "partners", item_id, "country")
            found.append(problem(*where, "partner_country_not_stated", kind="partners", item=item_id, field="country",
                                 country=item["country"], name=fmt.country(item["country"]),
                                 project=Full(f"{shown}:{line}")))
    unnamed = project.get("unnamed_partners") or []
    for n, entry in enumerate(unnamed):
        if entry["country"] not in stated:
            found.append(problem(shown, content.line(lang, PROJECT, None, "unnamed_partners", n, "country"),
                                 "unnamed_country_not_stated", field="unnamed_partners.country",
                                 country=entry["country"], project=Full(f"{shown}:{line}")))
    declared = {entry["country"] for entry in unnamed}
    for code in dict.fromkeys(stated):
        if code not in by_country and code not in declared:
            found.append(problem(shown, line, "country_without_partner", field="partner_countries", country=code,
                                 name=fmt.country(code), count=len(set(stated)), listed=len(by_country),
                                 folder=Full(content.file(lang, "partners"))))
    return found


def _role(content: Content, strings: Strings, lang: str) -> list[Problem]:
    """The organisation's role in words, against the label its partner item's role shows."""
    org = content.data[lang][PROJECT]["organisation"]
    partner = content.find(lang, "partners", org["partner"])
    if partner is None:
        return []  # a reference to nothing is reported by the content check
    key = f"role_{partner['role']}"
    if key not in strings.tables.get(lang, {}):
        return []  # the interface is not translated yet (reported as a missing string): nothing to compare
    label = strings.get(lang, key)
    if org["role"].strip().casefold() == label.strip().casefold():
        return []
    shown, line = content.where(lang, PROJECT, None, "organisation", "role")
    other, other_line = content.where(lang, "partners", org["partner"], "role")
    return [problem(shown, line, "role_differs", field="organisation.role", value=org["role"], label=label,
                    role=partner["role"], partner=org["partner"], other=Full(f"{other}:{other_line}"))]


def _country_names(content: Content, strings: Strings, lang: str) -> list[Problem]:
    """A content text that names a country otherwise than the site does (warning)."""
    settings = strings.settings(lang)
    other = settings.get("country_other_names") or {}
    if not other:
        return []
    fmt = Formatter(settings)
    pattern = re.compile(r"\b(" + "|".join(re.escape(name) for names in other.values() for name in names)
                         + r")\b", re.IGNORECASE)
    code_of = {name.casefold(): code.upper() for code, names in other.items() for name in names}
    found = []
    for (doc_lang, key, item_id), doc in sorted(content.docs.items(), key=lambda entry: str(entry[0])):
        if doc_lang != lang:
            continue
        shown = content.file(lang, key, item_id)
        for path, text in _texts(doc.data, ()):
            for match in pattern.finditer(text):
                code = code_of[match.group(1).casefold()]
                found.append(problem(
                    shown, _line_at(doc, path, text, match.start()), "country_other_name",
                    kind=key if item_id else None, item=item_id, severity=WARNING,
                    field=".".join(str(p) for p in path if isinstance(p, str)) or None,
                    word=match.group(1), name=fmt.country(code), country=code,
                    where=Full(_shown_at(content, lang, code) or f"strings/{lang}.yml")))
    return found


def _shown_at(content: Content, lang: str, code: str) -> str | None:
    """A place of the content where the site names a country (a partner's or a good practice's
    `country`, else the project's partner countries), as file:line."""
    for key in ("partners", "good_practices"):
        for item in content.items(lang, key):
            if item.get("country") == code:
                return "{}:{}".format(*content.where(lang, key, item["id"], "country"))
    project = content.data[lang][PROJECT]
    if code in project["partner_countries"]:
        return "{}:{}".format(*content.where(lang, PROJECT, None, "partner_countries"))
    return None


def _unnamed_source_links(content: Content, strings: Strings, lang: str) -> list[Problem]:
    """A Markdown link whose text is only the word "source" (warning): on a page that has its
    own source line it reads as a second one, and it does not say where it leads."""
    words = {strings.get(lang, "source").casefold(), strings.get(lang, "sources").casefold()}
    found = []
    for (doc_lang, key, item_id), doc in sorted(content.docs.items(), key=lambda entry: str(entry[0])):
        if doc_lang != lang:
            continue
        for path, text in _texts(doc.data, ()):
            for at, label, address in urls.markdown_links(text):
                if label.strip().casefold() in words:
                    found.append(problem(
                        content.file(lang, key, item_id), _line_at(doc, path, text, at), "source_link_unnamed",
                        kind=key if item_id else None, item=item_id, severity=WARNING,
                        field=".".join(str(p) for p in path if isinstance(p, str)) or None,
                        text=label, address=address, host=urls.host_label(address)))
    return found


def _line_at(doc, path: tuple, text: str, at: int) -> int | None:
    """The line of the character at `at` of a text: in a block (`body: |`), the line under the
    field's that holds it; else the field's own."""
    line, typed = doc.line(path), doc.typed(path) or ""
    if line is None or not typed.startswith(("|", ">")):
        return line
    return line + 1 + text.count("\n", 0, at)
