"""Loads and checks all content of all languages before anything is generated.

Every problem is collected (never only the first), so an editor fixes them all in one round.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource

from . import yamlfile
from .languages import Language
from .model import BY_KEY, TYPES, ContentType
from .problems import ERROR, WARNING, Problem

CEDILLA = str.maketrans("şţŞŢ", "șțȘȚ")


@dataclass
class Content:
    root: Path  # the project folder; content/ and schemas/ are inside
    languages: list[Language]
    data: dict[str, dict[str, object]] = field(default_factory=dict)  # lang -> type key -> data
    docs: dict[tuple[str, str], yamlfile.Document] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    _by_id: dict[tuple[str, str], dict[str, dict]] = field(default_factory=dict, repr=False)

    @property
    def default(self) -> str:
        return self.languages[0].code

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    def items(self, lang: str, key: str) -> list[dict]:
        return self.data.get(lang, {}).get(key) or []

    def item_ids(self, key: str) -> list[str]:
        """Every id of a type across languages, in the order of the first language that has it."""
        seen: dict[str, None] = {}
        for lang in self.languages:
            for item in self.items(lang.code, key):
                seen.setdefault(item["id"], None)
        return list(seen)

    def find(self, lang: str, key: str, item_id: str) -> dict | None:
        # Indexed by id on first use (after loading): every page looks items up, and a scan of the
        # list each time made the build grow as items x items.
        index = self._by_id.get((lang, key))
        if index is None:
            index = self._by_id[(lang, key)] = {}
            for item in self.items(lang, key):
                index.setdefault(item["id"], item)
        return index.get(item_id)

    def file(self, lang: str, key: str) -> str:
        return f"content/{lang}/{key}.yml"


def load(root: Path, languages: list[Language]) -> Content:
    content = Content(root, languages)
    validators = _validators(root / "schemas")
    for lang in languages:
        content.data[lang.code] = {}
        for ctype in TYPES:
            _load_file(content, lang.code, ctype, validators[ctype.key])
    if not content.errors:
        _check_across(content)
    content.problems.sort(key=lambda p: (p.file, p.line or 0))
    return content


def _validators(folder: Path) -> dict[str, Draft202012Validator]:
    schemas = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in folder.glob("*.schema.json")}
    registry = Registry().with_resources(
        (name, Resource.from_contents(schema)) for name, schema in schemas.items())
    return {t.key: Draft202012Validator(schemas[f"{t.key}.schema.json"], registry=registry,
                                        format_checker=FormatChecker())
            for t in TYPES}


def _load_file(content: Content, lang: str, ctype: ContentType, validator) -> None:
    shown = content.file(lang, ctype.key)
    path = content.root / shown
    if not path.exists():
        content.problems.append(Problem(shown, None, "the file is missing", severity=ERROR))
        return
    doc, problems = yamlfile.load(path)
    content.problems += [Problem(shown, p.line, p.message) for p in problems]
    if doc is None:
        return
    data = doc.data if doc.data is not None else ([] if ctype.is_list else {})
    schema_problems = [_schema_problem(shown, doc, data, err) for err in validator.iter_errors(_jsonable(data))]
    content.problems += schema_problems
    if schema_problems:
        return
    content.docs[(lang, ctype.key)] = doc
    content.data[lang][ctype.key] = data
    if ctype.is_list:
        _check_items(content, lang, ctype, doc, data)


def _jsonable(value):
    # The schemas speak JSON, where a date is a string; YAML gives us date objects.
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _schema_problem(shown: str, doc, data, err) -> Problem:
    path = tuple(err.absolute_path)
    item = None
    if path and isinstance(path[0], int) and isinstance(data, list) and isinstance(data[path[0]], dict):
        item = data[path[0]].get("id")
    fields = [p for p in path if isinstance(p, str)]
    field_name = ".".join(fields) or None
    if err.validator == "additionalProperties":
        unknown = sorted(set(err.instance) - set(err.schema.get("properties", {})))
        path = path + (unknown[0],)
        field_name = ".".join(fields + [unknown[0]])
        return Problem(shown, doc.line(path), f"unknown field „{unknown[0]}”" + _closest(unknown[0], err.schema.get("properties", {})),
                       item, field_name)
    if err.validator == "required":
        missing = err.message.split("'")[1]
        return Problem(shown, doc.line(path), "required field is missing", item,
                       ".".join(fields + [missing]))
    return Problem(shown, doc.line(path), _plain(err), item, field_name)


def _closest(word: str, known) -> str:
    import difflib
    match = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return f" (did you mean „{match[0]}”?)" if match else f"; known fields: {', '.join(known)}"


def _plain(err) -> str:
    kind = err.validator
    if kind == "type":
        return f"should be {err.validator_value}, found „{err.instance}”"
    if kind == "enum":
        return f"„{err.instance}” is not one of: {', '.join(map(str, err.validator_value))}"
    if kind == "pattern":
        return f"„{err.instance}” is not valid here: {err.schema.get('description', 'wrong form')}"
    if kind == "format":
        return f"„{err.instance}” is not a valid {err.validator_value}"
    if kind in ("minLength", "minItems"):
        return "must not be empty"
    return err.message


def _check_items(content: Content, lang: str, ctype: ContentType, doc, items: list[dict]) -> None:
    shown = content.file(lang, ctype.key)
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        item_id = item["id"]
        line = doc.line((index, "id"))
        if item_id in seen:
            content.problems.append(Problem(shown, line, f"the id is used twice (also at line {seen[item_id]})",
                                            item_id, "id"))
        seen.setdefault(item_id, line)
        start, end = item.get("start"), item.get("end")
        if start and end and end < start:
            content.problems.append(Problem(shown, doc.line((index, "end")), "ends before it starts", item_id, "end"))
        for name in ("file", "image"):
            if name in item and not (content.root / "content" / item[name]).is_file():
                content.problems.append(Problem(shown, doc.line((index, name)),
                                                f"the file content/{item[name]} does not exist", item_id, name))
        if "image" in item and not item.get("image_alt"):
            content.problems.append(Problem(shown, doc.line((index, "image")),
                                            "an image needs a description (image_alt) in this language",
                                            item_id, "image_alt"))


def _check_across(content: Content) -> None:
    for ctype in TYPES:
        if ctype.is_list:
            _check_refs(content, ctype)
            _check_translations(content, ctype)
        else:
            _check_neutral(content, ctype, None, lambda lang: content.data[lang].get(ctype.key) or {})
    project_partner = (content.data[content.default].get("project") or {}).get("organisation", {}).get("partner")
    if project_partner and project_partner not in content.item_ids("partners"):
        content.problems.append(Problem(content.file(content.default, "project"),
                                        content.docs[(content.default, "project")].line(("organisation", "partner")),
                                        f"no partner has the id „{project_partner}”", None, "organisation.partner"))
    _check_cedilla(content)


def _check_refs(content: Content, ctype: ContentType) -> None:
    known = {target: set(content.item_ids(target)) for _, target in ctype.refs}
    for lang in content.languages:
        doc = content.docs.get((lang.code, ctype.key))
        for index, item in enumerate(content.items(lang.code, ctype.key)):
            for name, target in ctype.refs:
                values = item.get(name)
                for value in values if isinstance(values, list) else [values] if values else []:
                    if value not in known[target]:
                        content.problems.append(Problem(
                            content.file(lang.code, ctype.key), doc.line((index, name)),
                            f"„{value}” is not the id of any item in content/{lang.code}/{target}.yml",
                            item["id"], name))


def _check_translations(content: Content, ctype: ContentType) -> None:
    for item_id in content.item_ids(ctype.key):
        present = [lang.code for lang in content.languages if content.find(lang.code, ctype.key, item_id)]
        for lang in content.languages:
            if lang.code not in present:
                source = present[0]
                doc = content.docs[(source, ctype.key)]
                index = [i["id"] for i in content.items(source, ctype.key)].index(item_id)
                content.problems.append(Problem(
                    content.file(source, ctype.key), doc.line((index, "id")),
                    f"no translation in content/{lang.code}/{ctype.key}.yml (the {lang.name} page says so)",
                    item_id, severity=WARNING))
        _check_neutral(content, ctype, item_id,
                       lambda lang: content.find(lang, ctype.key, item_id) or {})


def _check_neutral(content: Content, ctype: ContentType, item_id, get) -> None:
    base_lang = next((lang.code for lang in content.languages if get(lang.code)), None)
    if base_lang is None:
        return
    base = get(base_lang)
    for lang in content.languages:
        other = get(lang.code)
        if lang.code == base_lang or not other:
            continue
        for name in ctype.neutral:
            if other.get(name) != base.get(name):
                doc = content.docs[(lang.code, ctype.key)]
                index = [i["id"] for i in content.items(lang.code, ctype.key)].index(item_id) if item_id else None
                path = (index, name) if item_id else (name,)
                content.problems.append(Problem(
                    content.file(lang.code, ctype.key), doc.line(path),
                    f"differs from content/{base_lang}/{ctype.key}.yml ({base.get(name)!r}); "
                    "dates, numbers, codes and links must be the same in every language",
                    item_id, name))


def _check_cedilla(content: Content) -> None:
    # Romanian is written with comma-below ș ț; cedilla ş ţ are a common keyboard mistake.
    for (lang, key), doc in content.docs.items():
        if lang != "ro":
            continue
        for number, line in enumerate(doc.text.splitlines(), 1):
            if line.translate(CEDILLA) != line:
                content.problems.append(Problem(content.file(lang, key), number,
                                                "cedilla letters ş ţ: write ș ț (comma below)",
                                                severity=WARNING))
