"""The content schemas (schemas/*.schema.json) as the build uses them, and their errors in words.

Editors get the same files through VS Code's YAML extension. For the build, the shared definitions
of common.schema.json are copied into each schema (resolving a $ref on every value made checking
five times slower), each copy marked with its name so that an error is explained by what the value
is (a date, an id, a web address) rather than by the rule it broke.

jsonschema lists every error. Once a kind has many items, each is first given to fastjsonschema,
which compiles the schema to Python and says "all valid" ten times faster; only an item with errors
then goes through jsonschema. A test keeps the two in agreement.
"""
from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import fastjsonschema
from jsonschema import Draft202012Validator, FormatChecker, validators

from . import countries, dates, invisible, messages
from .problems import Full, Problem, Term, problem

DEF = "x-def"  # marks an inlined definition of common.schema.json with its name
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
YEAR = re.compile(r"\d{4}")
SPACE = re.compile(r"\s")
EMAIL = re.compile(r"[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\"]+\.[a-z]{2,}", re.IGNORECASE)
JSON_TYPES = {bool: "boolean", int: "integer", float: "number", str: "string", list: "array",
              dict: "object", type(None): "null"}
# What a value of a definition is, when it has the wrong type or form.
FAST_FROM = 50  # items of a kind; compiling a schema costs about 15 ms, which pays off from here
BY_DEF = {"id": "bad_id", "ref": "bad_id", "text": "multi_line", "date": "bad_date", "url": "bad_url",
          "month_date": "bad_month_date", "partial_date": "bad_partial_date", "colour": "bad_colour",
          "email": "bad_email", "file": "bad_file_path", "language": "bad_language",
          "country": "unknown_country"}

FORMATS = FormatChecker(formats=())


@FORMATS.checks("date")
def _date(value) -> bool:
    if not isinstance(value, str) or not DATE.fullmatch(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


@FORMATS.checks("month-date")
def _month_date(value) -> bool:
    """A day, or a month when the source gives no day (`2024-12`)."""
    return isinstance(value, str) and (bool(MONTH.fullmatch(value)) or _date(value))


@FORMATS.checks("partial-date")
def _partial_date(value) -> bool:
    """A day, a month or a year (`2024`)."""
    return isinstance(value, str) and (bool(YEAR.fullmatch(value)) or _month_date(value))


@FORMATS.checks("email")
def _email(value) -> bool:
    return isinstance(value, str) and bool(EMAIL.fullmatch(value))


@FORMATS.checks("uri")
def _uri(value) -> bool:
    if not isinstance(value, str) or SPACE.search(value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    host = parts.hostname or ""
    return parts.scheme in ("http", "https") and "." in host.strip(".")


def _enum(validator, enums, instance, schema):
    # Membership in C for text (no bool/int subtleties there): the country list has 249 entries.
    if isinstance(instance, str) and instance in enums:
        return
    yield from Draft202012Validator.VALIDATORS["enum"](validator, enums, instance, schema)


_Validator = validators.extend(Draft202012Validator, {"enum": _enum})


class Checker:
    """One content type's schema, ready to check data."""

    def __init__(self, schema: dict):
        self.schema = schema
        self.full = _Validator(schema, format_checker=FORMATS)
        self._fast = None
        self.plan = _plan(schema)  # where the schema asks for dates, numbers or yes/no
        self.markdown = _plan(schema, lambda spec: spec.get(DEF) == "markdown")
        self.checked = 0

    def errors(self, instance) -> list:
        self.checked += 1
        if self.checked > FAST_FROM and self.fast_valid(instance):
            return []
        return list(self.full.iter_errors(instance))

    def fast_valid(self, instance) -> bool:
        if self._fast is None:
            self._fast = fastjsonschema.compile(
                self.schema, formats={name: FORMATS.checkers[name][0] for name in FORMATS.checkers})
        try:
            self._fast(instance)
        except fastjsonschema.JsonSchemaException:
            return False
        return True


# -- from typed text to the values a schema asks for ------------------------------------------------

INTEGER = re.compile(r"[-+]?[0-9]+")
NUMBER = re.compile(r"[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?")
BOOLEANS = {"true": True, "false": False}


def _to_date(text: str):
    return dt.date.fromisoformat(text) if _date(text) else text


def _to_integer(text: str):
    return int(text) if INTEGER.fullmatch(text) else text


def _to_number(text: str):
    if not NUMBER.fullmatch(text):
        return text
    return int(text) if INTEGER.fullmatch(text) else float(text)


def _to_boolean(text: str):
    return BOOLEANS.get(text.lower(), text)


def _converter(spec: dict):
    if spec.get(DEF) == "date" or spec.get("format") == "date":
        return _to_date
    if spec.get(DEF) in ("month_date", "partial_date"):
        return dates.parse  # 2023-07 a month, 2024 a year, 2025-02-17 a day; else left as typed
    return {"integer": _to_integer, "number": _to_number, "boolean": _to_boolean}.get(spec.get("type"))


def _plan(spec: dict, leaf=_converter):
    """Where the schema asks for something: `leaf(spec)` for a value, {field: plan} for a block,
    [plan] for a list; None where it asks for nothing."""
    found = leaf(spec)
    if found:
        return found
    fields = {name: _plan(sub, leaf) for name, sub in spec.get("properties", {}).items()}
    fields = {name: plan for name, plan in fields.items() if plan}
    if fields:
        return fields
    items = _plan(spec["items"], leaf) if isinstance(spec.get("items"), dict) else None
    return [items] if items else None


def markdown_paths(checker: Checker, data) -> list[tuple[tuple, str]]:
    """(path, text) of every Markdown field in the data."""
    found = []

    def walk(plan, value, path):
        if plan is True and isinstance(value, str):
            found.append((path, value))
        elif isinstance(plan, list) and isinstance(value, list):
            for i, v in enumerate(value):
                walk(plan[0], v, path + (i,))
        elif isinstance(plan, dict) and isinstance(value, dict):
            for name, sub in plan.items():
                if name in value:
                    walk(sub, value[name], path + (name,))

    walk(checker.markdown, data, ())
    return found


def coerce(plan, value):
    """`value` with the text of each date, number and yes/no field converted, where the text has
    exactly that form; anything else stays as typed, for the schema to report."""
    if plan is None:
        return value
    if callable(plan):
        return plan(value) if isinstance(value, str) else value
    if isinstance(plan, list) and isinstance(value, list):
        return [coerce(plan[0], v) for v in value]
    if isinstance(plan, dict) and isinstance(value, dict):
        for name, sub in plan.items():
            if name in value:
                value[name] = coerce(sub, value[name])
    return value


def load(folder: Path) -> dict[str, Checker]:
    """A checker per content type, keyed by file stem ("good_practices")."""
    schemas = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in folder.glob("*.schema.json")}
    return {name.removesuffix(".schema.json"): Checker(_inline(schema, schema, schemas))
            for name, schema in schemas.items() if name != "common.schema.json"}


def _inline(node, base: dict, schemas: dict):
    if isinstance(node, list):
        return [_inline(v, base, schemas) for v in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        file, _, pointer = node["$ref"].partition("#")
        target_doc = schemas[file] if file else base
        target = target_doc
        for part in pointer.strip("/").split("/"):
            target = target[part]
        rest = {k: v for k, v in node.items() if k != "$ref"}
        return {**_inline(target, target_doc, schemas), **rest, DEF: pointer.rsplit("/", 1)[-1]}
    return {k: _inline(v, base, schemas) for k, v in node.items() if k not in ("$schema", "$id", "$defs")}


def jsonable(value):
    """The schemas speak JSON, where a date is text; YAML gives date objects."""
    if isinstance(value, dict):
        return {k: jsonable(v) if isinstance(v, (dict, list, dt.date)) else v for k, v in value.items()}
    if isinstance(value, list):
        return [jsonable(v) if isinstance(v, (dict, list, dt.date)) else v for v in value]
    if isinstance(value, dt.date):  # datetime is a date too
        return value.isoformat()
    return value


def without_empty(value, path: tuple = (), empty: set | None = None):
    """The data without fields left empty (`website:` or `title: ""`), which count as not given;
    and the paths of those fields, so that a required one is reported as empty, not missing."""
    empty = set() if empty is None else empty
    if isinstance(value, dict):
        kept = {}
        for key, v in value.items():
            if v is None or (isinstance(v, str) and not v.strip()):
                empty.add(path + (key,))
            else:
                kept[key] = without_empty(v, path + (key,), empty)[0] if isinstance(v, (dict, list)) else v
        return kept, empty
    if isinstance(value, list):
        return [without_empty(v, path + (i,), empty)[0] if isinstance(v, (dict, list)) else v
                for i, v in enumerate(value)], empty
    return value, empty


def check(checker: Checker, data, *, shown: str, doc, kind: str, empty: set, item: str | None = None
          ) -> tuple[list[Problem], set]:
    """Every schema error as one problem per value; and {()} when there is any. `item`: the id of
    the item the file holds (its name), None for a record kind's file."""
    found: dict[tuple, Problem] = {}
    broken: set = set()
    errors = checker.errors(jsonable(data))
    suggested = {}  # object path -> fields suggested for its unknown fields
    for err in errors:
        if err.validator == "additionalProperties":
            for name, suggestion in _unknown(err):
                suggested.setdefault(tuple(err.absolute_path), set()).add(suggestion)
    for err in errors:
        path = tuple(err.absolute_path)
        broken.add(())
        for where, code, args in _explain(err, path, empty, suggested.get(path, set())):
            code, args = _as_typed(doc, where, err.instance if where == path else None, code, args)
            field = ".".join(str(p) for p in where if isinstance(p, str)) or None
            found.setdefault(where, problem(shown, doc.line(where), code, kind=kind if item else None,
                                            item=item, field=field, **args))
    return list(found.values()), broken


def _as_typed(doc, where: tuple, value, code: str, args: dict) -> tuple[str, dict]:
    """A message quotes the value as the editor typed it (`1.10`, not 1.1; `[a, b]`, not Python's
    list), and a value spoilt by a character nobody can see says which character, and where."""
    if "value" not in args:
        return code, args
    odd = invisible.find(value) if isinstance(value, str) else None
    if odd:
        column = doc.column(where)
        typed = doc.typed(where) or ""
        if column is not None:
            column += odd[0] + (1 if typed.startswith(("'", '"')) else 0)
        return "invisible_char", {"char": invisible.code(odd[1]), "position": odd[0] + 1,
                                  "before": value[:odd[0]][-20:] or "—", "column": column or "?"}
    typed = doc.typed(where)
    if typed is not None and not typed.startswith(("'", '"')):
        args = {**args, "value": typed}
    return code, args


def _unknown(err) -> list[tuple[str, str | None]]:
    known = list(err.schema.get("properties", {}))
    result = []
    for name in err.instance:
        if name in known:
            continue
        alias = messages.field_alias(str(name))
        close = difflib.get_close_matches(str(name).lower(), known, n=1, cutoff=0.6)
        result.append((name, alias if alias in known else close[0] if close else None))
    return result


def _explain(err, path, empty, suggested) -> list[tuple[tuple, str, dict]]:
    """(path of the value, message code, values) for one schema error; some errors are several."""
    kind, value, name = err.validator, err.instance, err.schema.get(DEF)
    if kind == "additionalProperties":
        known = Full(", ".join(err.schema.get("properties", {})))
        return [(path + (field,), "unknown_field_suggest", {"suggestion": s}) if s
                else (path + (field,), "unknown_field", {"known": known})
                for field, s in _unknown(err)]
    if kind == "required":
        return [(path + (field,), "required_empty" if path + (field,) in empty else "required_missing", {})
                for field in err.validator_value if field not in value and field not in suggested]
    if kind == "type":
        return [(path, *_wrong_type(err, path, value, name))]
    if kind == "enum":
        return [(path, *_not_allowed(value, err.validator_value, name))]
    if kind in ("pattern", "format"):
        if name == "file" and isinstance(value, str) and value.startswith("media/") and SPACE.search(value):
            return [(path, "file_name_spaces", {"value": value, "suggestion": _file_name(value)})]
        return [(path, BY_DEF.get(name, "bad_form"), {"value": value})]
    if kind in ("minLength", "minItems"):
        return [(path, "empty", {})]
    if kind == "maxLength":
        return [(path, "too_long", {"length": len(value), "limit": err.validator_value})]
    if kind in ("minimum", "exclusiveMinimum"):
        return [(path, "too_small", {"value": value, "limit": err.validator_value})]
    if kind in ("maximum", "exclusiveMaximum"):
        return [(path, "too_big", {"value": value, "limit": err.validator_value})]
    return [(path, "schema_other", {"detail": err.message})]


def _file_name(value: str) -> str:
    """The name a file with spaces should have: "media/documents/Raport final.pdf" ->
    "media/documents/raport-final.pdf" (the folder as it is)."""
    from .scaffold import slug
    folder, _, name = value.rpartition("/")
    stem, dot, extension = name.rpartition(".")
    return f"{folder}/{slug(stem or name)}{dot}{extension.lower() if dot else ''}"


def _wrong_type(err, path, value, name) -> tuple[str, dict]:
    expected = err.validator_value if isinstance(err.validator_value, str) else err.validator_value[0]
    found = JSON_TYPES.get(type(value), "string")
    if value is None:
        return "empty", {}
    if not path and expected == "object":
        return "block_expected", {}
    if name in BY_DEF and name not in ("text", "id", "ref"):
        return BY_DEF[name], {"value": value}
    return "wrong_type", {"expected": Term("types", expected), "found": Term("types", found), "value": value}


def _not_allowed(value, allowed, name) -> tuple[str, dict]:
    if name == "country":
        guess = countries.suggest(value)
        return ("unknown_country_suggest", {"value": value, "suggestion": guess}) if guess else (
            "unknown_country", {"value": value})
    close = difflib.get_close_matches(str(value), [str(a) for a in allowed], n=1, cutoff=0.6)
    listed = Full(", ".join(map(str, allowed)))
    if close:
        return "not_allowed_suggest", {"value": value, "allowed": listed, "suggestion": close[0]}
    return "not_allowed", {"value": value, "allowed": listed}
