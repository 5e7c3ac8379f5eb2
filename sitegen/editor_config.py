"""The web editor's configuration (Sveltia CMS, /admin/config.yml), generated from the content types
(sitegen/model.py), their schemas (schemas/) and the officer's message tables (sitegen/messages/).

One source of truth: a field added to a schema appears in the editor at the next build, with the
widget its definition calls for, and a test fails if a schema field is missing from the editor.

- Each list kind is a folder collection, one file per item, `content/{{locale}}/<kind>/<id>.yml`:
  the editor lists the items with their titles and dates, pairs the languages by file name and
  writes only the files of the item saved. The id is the file name, typed (or taken from the
  title) when the item is created and fixed after, since it is the page's address.
- The project, the section titles and the site's identity are singletons, one file each.
- Which fields are the same in every language (`i18n: duplicate`: typed once, in the default
  language, and copied) and which are translated comes from `ContentType.neutral`; a file (photo,
  document) is the same file in every language too.
- The editor refuses what the check refuses for one item: required fields and the form of each
  value by its widget and pattern (with the check's words), and the rest (numbers typed with a
  comma, ranges, an end before its start, a photo's description and size) by admin/rules.js,
  before it saves, from the rules written here (`rules()`).
- Labels and hints are in the officer's language (`labels:`, `fields:` and `editor:` in
  sitegen/messages/), falling back to the schema's own description; choices of an enumeration are
  worded by the site's interface strings where they have a name for them.
"""
from __future__ import annotations

import json
from pathlib import Path

import yaml

from . import documents, geography, images, messages
from .languages import Language
from .model import TYPES, ContentType

MEDIA = "content/media"
# Where the editor puts an uploaded file, by widget (the generator reads any path under media/).
UPLOADS = {"image": "images", "file": "documents"}
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"  # schemas/common.schema.json, $defs/id
ID_CHARS = 60  # a title's first words, as `python3 dev.py new` takes them
# A real calendar day, 29 February in leap years only: the editor refuses 2026-02-31 as the check does.
DAY = (r"(?:\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)"
       r"|02-(?:0[1-9]|1\d|2[0-8]))|(?:\d{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)")
MONTH = r"\d{4}-(?:0[1-9]|1[0-2])"
# Dates known to the month (events) or to the month or year (news, documents, …): sitegen/dates.py.
DATE_PATTERNS = {"date": f"^{DAY}$", "month_date": f"^(?:{DAY}|{MONTH})$",
                 "partial_date": f"^(?:{DAY}|{MONTH}|\\d{{4}})$"}
# A web address as the check reads it (sitegen/schema.py, `_uri`): http(s), a host with a dot, no space.
URL = r"^https?://[^\s/?#]*[^\s/?#.]\.[^\s/?#.][^\s/?#]*(?:[/?#]\S*)?$"
# An e-mail address as the check reads it (sitegen/schema.py, EMAIL), with the regular expression's flag.
EMAIL = r'/^[^@\s<>()\[\],;:"]+@[^@\s<>()\[\],;:"]+\.[a-z]{2,}$/i'
ONE_LINE = r"^[^\r\n]*$"
# A number as the check reads it: digits with a decimal point. `47,21` is refused, never read as 21.
NUMBER = r"^-?\d+(\.\d+)?$"
INTEGER = r"^-?\d+$"
COMMON = "common.schema.json"
TITLE_FIELDS = ("title", "name")
# The site's Markdown (sitegen/text.py): no tables, no strikethrough, raw HTML shown as typed.
MARKDOWN_BUTTONS = ["bold", "italic", "link", "heading-two", "heading-three", "bulleted-list",
                    "numbered-list", "quote"]
IDENTITY = "identity"


def config(root: Path, languages: list[Language], repository: str | None, site_url: str,
           strings: dict[str, str] | None = None, lang: str | None = None) -> dict:
    """The configuration as data. `repository` is "owner/name" on GitHub; without one the editor
    works on a test repository kept in the browser (nothing is saved anywhere else)."""
    lang = lang or languages[0].code
    schemas = _schemas(root / "schemas")
    words = _Words(lang, strings or {})
    refs = {name: target for ctype in TYPES for name, target in ctype.refs}
    collections = [_collection(ctype, schemas, words, refs) for ctype in TYPES if ctype.is_list]
    singletons = [_singleton(ctype, schemas, words, refs) for ctype in TYPES if not ctype.is_list]
    singletons.append(_identity(schemas, words, [lang_.code for lang_ in languages]))
    # Sign-in with a fine-grained personal access token only: signing in through GitHub's OAuth
    # would need a server of our own to hold the secret.
    backend = ({"name": "github", "repo": repository, "auth_methods": ["token"]} if repository
               else {"name": "test-repo"})
    return {
        "backend": backend,
        "site_url": site_url.rstrip("/"),
        "app_title": words.editor("app_title"),
        "media_folder": MEDIA,
        "public_folder": "media",
        "i18n": {"structure": "multiple_folders", "locales": [lang_.code for lang_ in languages],
                 "default_locale": languages[0].code},
        # File names of items and uploads: letters without accents, digits and hyphens, as the check asks.
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-", "maxlength": ID_CHARS},
        # Stock photo libraries would ask other hosts; every photo is one the officer uploads, at most
        # as large as the check allows a document (github.com's browser upload limit).
        "media_libraries": {"default": {"config": {"slugify_filename": True, "max_file_size": documents.MAX_BYTES}},
                            "stock_assets": False},
        # `indent_sequences: false`: with indented sequences, Sveltia CMS 0.221.1 wrote the text of
        # multi-line values inside lists as empty (tests/test_admin.py saves and reads).
        "output": {"omit_empty_optional_fields": True, "yaml": {"indent_sequences": False}},
        "field_defaults": {"richtext": {"buttons": MARKDOWN_BUTTONS, "editor_components": [],
                                        "modes": ["rich_text", "raw"]}},
        "collections": collections,
        "singletons": singletons,
    }


# libyaml's emitter when PyYAML has it (its wheels do): the same text, four times faster at every build.
class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    def ignore_aliases(self, data) -> bool:
        return True  # the same list twice is written twice: no &anchors in a file people read


def config_text(data: dict) -> str:
    header = "# Generated at every build by sitegen/editor_config.py from schemas/: never edit.\n"
    return header + yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


def schema_fields(root: Path) -> dict[str, set[str]]:
    """Every field of every schema, as dotted paths ("project": {"budget.total", …}); for the test
    that the editor has them all."""
    schemas = _schemas(root / "schemas")
    result = {}
    for key in [ctype.key for ctype in TYPES] + [IDENTITY]:
        result[key] = set(_paths(schemas[key], schemas, ""))
    return result


def _paths(spec: dict, schemas: dict, prefix: str):
    spec = _resolve(spec, schemas)
    for name, sub in spec.get("properties", {}).items():
        path = f"{prefix}{name}"
        yield path
        sub = _resolve(sub, schemas)
        if sub.get("type") == "array":
            sub = _resolve(sub.get("items", {}), schemas)
        if "properties" in sub:
            yield from _paths(sub, schemas, path + ".")


def _schemas(folder: Path) -> dict[str, dict]:
    return {path.name.removesuffix(".schema.json"): json.loads(path.read_text(encoding="utf-8"))
            for path in folder.glob("*.schema.json")}


def _resolve(spec: dict, schemas: dict) -> dict:
    """A field's schema with its shared definition filled in: the definition's name under "def",
    and the description said of this very field (not of every field of its kind) under "own"."""
    ref = spec.get("$ref")
    own = {k: v for k, v in spec.items() if k != "$ref"}
    if "description" in own:
        own["own"] = own["description"]
    if not ref:
        return own
    file, _, pointer = ref.partition("#")
    target = schemas[file.removesuffix(".schema.json")] if file else schemas["common"]
    for part in pointer.strip("/").split("/"):
        target = target[part]
    shared = {k: v for k, v in _resolve(target, schemas).items() if k != "own"}
    return {"def": pointer.rsplit("/", 1)[-1], **shared, **own} if "def" not in shared else {**shared, **own}


class _Words:
    """Labels and hints in the officer's language."""

    def __init__(self, lang: str, strings: dict[str, str]):
        self.lang, self.strings = lang, strings

    def _get(self, section: str, key: str) -> str | None:
        for source in (self.lang, messages.DEFAULT):
            found = (messages.table(source).get(section) or {}).get(key)
            if found is not None:
                return found
        return None

    def editor(self, key: str, **values) -> str:
        return messages.get("editor", key, self.lang, **values)

    def label(self, path: str, name: str, spec: dict) -> str:
        return (self._get("labels", path) or self._get("labels", name) or spec.get("title")
                or name.replace("_", " ").capitalize())

    def hint(self, ctype: ContentType, path: str, spec: dict) -> str | None:
        """The message tables' help for an item's field ("title"), or for a field by its path in a
        type ("project.budget.partner"); else the schema's own description of the field."""
        item_field = ctype.is_list and "." not in path
        said = self._get("editor_hints", path) if item_field else None
        own = self._get("fields", path) if item_field else None
        return said or own or self._get("fields", f"{ctype.key}.{path}") or spec.get("own")

    def kind(self, key: str) -> str:
        return self._get("kinds", key) or key

    def collection(self, key: str) -> str:
        return self._get("collections", key) or key

    def choice(self, ctype: ContentType, name: str, value) -> str:
        """An enumeration's value as the site names it: "event_kind_workshop", "status_planned"."""
        singular = ctype.key[:-1] if ctype.key.endswith("s") else ctype.key
        for key in (f"{singular}_{name}_{value}", f"{name}_{value}"):
            if key in self.strings:
                return f"{self.strings[key]} ({value})"
        return str(value)


def _collection(ctype: ContentType, schemas: dict, words: _Words, refs: dict) -> dict:
    """A list kind: its items, one file each, listed with their title (and date), newest first or
    in the officer's order, drafts marked and filtered."""
    build = _Fields(ctype, schemas, words, refs)
    fields = build.fields(_resolve(schemas[ctype.key], schemas), "", translated=True)
    names = [f["name"] for f in fields]
    title = next(name for name in names if name in TITLE_FIELDS)
    sort = ctype.date_field or "order"
    summary = f"{{{{fields.{title}}}}}"
    if ctype.date_field:
        summary = f"{{{{fields.{ctype.date_field} | default('{words.editor('no_date')}')}}}} · " + summary
    entry = {
        "name": ctype.key, "label": words.collection(ctype.key), "label_singular": words.kind(ctype.key),
        "description": words._get("editor", f"about_{ctype.key}") or words.editor("about_items"),
        "folder": f"content/{{{{locale}}}}/{ctype.key}", "extension": "yml", "format": "yaml",
        "i18n": True, "identifier_field": title, "create": True, "delete": True,
        # The id, the page's address: from the title when the item is created, fixed once saved.
        "slug": {"template": f"{{{{fields.{title}}}}}", "editable": ["create"], "hint": words.editor("slug_hint"),
                 "pattern": [ID_PATTERN, words.editor("pattern_id")]},
        "summary": f"{{{{fields.draft | ternary('{words.editor('draft_mark')} · ', '')}}}}{summary}",
        "sortable_fields": {"fields": [sort, title], "default": {
            "field": sort, "direction": "descending" if ctype.newest_first else "ascending"}},
        "view_filters": [{"label": words.editor("drafts"), "field": "draft", "pattern": True}],
        "fields": fields,
    }
    image = next((f["name"] for f in fields if f["widget"] == "image"), None)
    entry["thumbnail"] = image or False
    return entry


def _singleton(ctype: ContentType, schemas: dict, words: _Words, refs: dict) -> dict:
    build = _Fields(ctype, schemas, words, refs)
    return {"name": ctype.key, "label": words.collection(ctype.key),
            "file": f"content/{{{{locale}}}}/{ctype.key}.yml", "i18n": True,
            "fields": build.fields(schemas[ctype.key], "", translated=True)}


def _identity(schemas: dict, words: _Words, languages: list[str]) -> dict:
    """The site's name, colours and visual: one file for every language (content/identity.yml)."""
    build = _Fields(ContentType(IDENTITY, None, is_list=False), schemas, words, {})
    spec = _resolve(schemas[IDENTITY], schemas)
    fields = build.fields(spec, "", translated=False)
    for field in fields:
        if field["name"] == "visual_alt":  # a text per language, under the language's code
            field.update(widget="object", fields=[
                {"name": code, "label": _language(code, words.lang), "widget": "string", "required": False}
                for code in languages])
    return {"name": IDENTITY, "label": words.collection(IDENTITY), "file": f"content/{IDENTITY}.yml",
            "fields": _untranslated(fields)}


def _untranslated(fields: list[dict]) -> list[dict]:
    """Fields of a file that is not per language: no i18n option, no "same everywhere" hint."""
    for field in fields:
        field.pop("i18n", None)
        _untranslated(field.get("fields", []))
    return fields


def _has_duplicate(fields: list[dict]) -> bool:
    return any(f.get("i18n") == "duplicate" or _has_duplicate(f.get("fields", [])) for f in fields)


class _Fields:
    """Widgets for the fields of one content type."""

    def __init__(self, ctype: ContentType, schemas: dict, words: _Words, refs: dict):
        self.ctype, self.schemas, self.words, self.refs = ctype, schemas, words, refs

    def fields(self, spec: dict, prefix: str, translated: bool) -> list[dict]:
        required = set(spec.get("required", []))
        result = []
        for name, sub in spec.get("properties", {}).items():
            path = f"{prefix}{name}"
            same = not translated or (not prefix and name in self.ctype.neutral)
            field = self.field(name, path, _resolve(sub, self.schemas), translated=not same)
            field["required"] = name in required
            result.append(field)
        return result

    def field(self, name: str, path: str, spec: dict, translated: bool) -> dict:
        words = self.words
        field = {"name": name, "label": words.label(path, name, spec)}
        field |= self.widget(name, path, spec, translated)
        if "i18n" not in field:
            field["i18n"] = True if translated else "duplicate"
        hint = words.hint(self.ctype, path, spec)
        if field["i18n"] == "duplicate":
            hint = " ".join(filter(None, [hint, words.editor("same_everywhere")]))
        if field["widget"] in UPLOADS:
            hint = " ".join(filter(None, [hint, words.editor(f"upload_{field['widget']}", folder=field["media_folder"].lstrip("/"))]))
        if hint:
            field["hint"] = hint
        return field

    def widget(self, name: str, path: str, spec: dict, translated: bool) -> dict:
        kind = spec.get("def")
        if "enum" in spec:
            return self.select(name, spec["enum"], kind)
        if kind == "id":
            return {"widget": "string", "i18n": "duplicate",
                    "pattern": [spec["pattern"], self.words.editor("pattern_id")]}
        if kind == "ref":
            return self.relation(name, multiple=False)
        if kind == "file":
            widget = "image" if "image" in name else "file"
            folder = f"{MEDIA}/{UPLOADS[widget]}"
            # A file is the same file in every language; only its description is translated.
            accept = ",".join(sorted(documents.TYPES)) if widget == "file" else "image/jpeg,image/png,image/webp"
            return {"widget": widget, "i18n": "duplicate", "media_folder": f"/{folder}",
                    "public_folder": f"media/{UPLOADS[widget]}", "choose_url": False, "accept": accept}
        if kind == "markdown":
            return {"widget": "markdown"}  # its options: field_defaults below
        if kind == "date" or spec.get("format") == "date":
            return {"widget": "datetime", "type": "date", "format": "YYYY-MM-DD"}
        if kind in DATE_PATTERNS:  # a month or a year has no date picker: typed, in its form
            return {"widget": "string", "pattern": [DATE_PATTERNS[kind], self.words.editor(f"pattern_{kind}")]}
        if kind == "colour":
            return {"widget": "color"}
        if kind == "url":
            return {"widget": "string", "type": "url", "pattern": [URL, self.words.editor("pattern_url")]}
        if kind == "email":
            return {"widget": "string", "type": "email", "pattern": [EMAIL, self.words.editor("pattern_email")]}
        if kind == "language":
            return {"widget": "string", "pattern": [spec["pattern"], self.words.editor("pattern_language")]}
        kind_of = spec.get("type")
        if kind_of in ("number", "integer"):
            # Typed as text: the browser's number box turned `47,21` into 21. admin/rules.js checks
            # the range and saves the number as a number.
            integer = kind_of == "integer"
            return {"widget": "string", "pattern": [INTEGER if integer else NUMBER,
                                                    self.words.editor("pattern_integer" if integer else "pattern_number")]}
        if kind_of == "boolean":
            return {"widget": "boolean"}
        if kind_of == "object":
            fields = self.fields(spec, path + ".", translated)
            return {"widget": "object", "fields": fields,
                    "i18n": True if translated and not all(f["i18n"] == "duplicate" for f in fields) else "duplicate"}
        if kind_of == "array":
            return self.array(name, path, _resolve(spec.get("items", {}), self.schemas), translated, spec)
        field = {"widget": "string"}
        if kind == "text" and "maxLength" in spec:
            field["maxlength"] = spec["maxLength"]
        if kind == "text":  # typed on one line; a text of several lines written elsewhere is refused
            field["pattern"] = [ONE_LINE, self.words.editor("pattern_text")]
        elif "pattern" in spec:
            field["pattern"] = [spec["pattern"], self.words.editor("pattern_other")]
        return field

    def select(self, name: str, values: list, kind: str | None) -> dict:
        if kind == "country":
            options = [{"label": f"{_country(code, self.words.lang)} ({code})", "value": code} for code in values]
            options.sort(key=lambda option: option["label"])
        else:
            options = [{"label": self.words.choice(self.ctype, name, value), "value": value} for value in values]
        return {"widget": "select", "options": options}

    def relation(self, name: str, multiple: bool) -> dict:
        target = self.refs.get(name)
        if target is None:  # an id of something the model does not name: typed as an id
            return {"widget": "string", "pattern": [self.schemas["common"]["$defs"]["ref"]["pattern"],
                                                    self.words.editor("pattern_id")]}
        title = next(t for t in TITLE_FIELDS if t in self.schemas[target]["properties"])
        field = {"widget": "relation", "collection": target, "value_field": "{{slug}}",
                 "display_fields": [title], "search_fields": [title]}
        return field | ({"multiple": True} if multiple else {})

    def array(self, name: str, path: str, items: dict, translated: bool, spec: dict) -> dict:
        kind = items.get("def")
        if kind == "ref":
            return self.relation(name, multiple=True)
        if "enum" in items:
            return self.select(name, items["enum"], kind) | {"multiple": True}
        if items.get("type") == "object" or "properties" in items:
            fields = self.fields(items, path + ".", translated)
            shared = not translated or _has_duplicate(fields)
            field = {"widget": "list", "fields": fields, "i18n": "duplicate" if shared else True}
            summary = next((f["name"] for f in fields if f["name"] in (*TITLE_FIELDS, "alt", "url")), None)
            if summary:
                field["summary"] = f"{{{{fields.{summary}}}}}"
        else:
            sub = self.field(name, path, items, translated)
            sub.pop("required", None)
            field = {"widget": "list", "field": sub, "i18n": sub["i18n"]}
        if "minItems" in spec:
            field["min"] = spec["minItems"]
        return field


def _country(code: str, lang: str) -> str:
    from babel import Locale
    return Locale.parse(lang).territories.get(code, code)


def _language(code: str, lang: str) -> str:
    from babel import Locale
    name = Locale.parse(lang).languages.get(code, code)
    return name[:1].upper() + name[1:]


# -- rules the editor applies before it saves (admin/rules.js) ---------------------------------

# The check's own words (problems: in sitegen/messages/) for what rules.js refuses.
RULE_MESSAGES = ("too_small", "too_big", "end_before_start", "image_no_alt", "image_too_small", "not_allowed",
                 "unknown_country", "bad_file_path", "unknown_field", "id_in_item_file", "yaml_control",
                 "replacement_char", "outside_country", "document_type", "file_name_spaces", "link_relative")


def rules(root: Path, lang: str) -> dict:
    """What admin/rules.js checks at each save, per collection: numbers (form and range, saved as
    numbers), dates that must not end before they start, photos that need a description and enough
    pixels, values among their choices, file paths under media/, no field the schema does not know,
    no character the site cannot publish; and which fields are the same in every language (copied
    from the default language at each save); with the check's messages in the officer's language."""
    schemas = _schemas(root / "schemas")
    words = _Words(lang, {})
    kinds = {ctype.key: _rules(schemas[ctype.key], schemas) for ctype in TYPES}
    kinds[IDENTITY] = _rules(schemas[IDENTITY], schemas)
    for ctype in TYPES:
        if ctype.is_list:  # an item's file: its id is its name, and the facts are the same in all languages
            fields = _resolve(schemas[ctype.key], schemas)["properties"]
            kinds[ctype.key]["same"] = [name for name in fields if name in ctype.neutral or
                                        _resolve(fields[name], schemas).get("def") == "file"]
    said = {code: messages.template("problems", code, lang) for code in RULE_MESSAGES}
    said["field"] = messages.template("subject", "field", lang)
    labels = {}
    for key, spec in kinds.items():
        named = [rule["path"] for rule in spec["numbers"] + spec["photos"] + spec["choices"]]
        named += [rule["alt"] for rule in spec["photos"]] + spec["files"]
        named += [".".join(filter(None, [rule["path"], rule["end"]])) for rule in spec["ranges"]]
        for path in named:  # a field in a list is named with the list: "Galerie foto › Descrierea fotografiei"
            parts = path.split(".*.")
            labels[path] = " › ".join(words.label(part, part.rsplit(".", 1)[-1], {}) for part in parts)
    # A seat's coordinates in its country's box, within the check's margin (sitegen/geography.py).
    places = {"boxes": geography.boxes(), "margin_km": geography.MARGIN_KM, "km_per_degree": geography.KM_PER_DEGREE}
    return {"messages": said, "labels": labels, "collections": kinds, "places": places,
            "documents": sorted(documents.TYPES)}


def _rules(spec: dict, schemas: dict) -> dict:
    names = _resolve(spec, schemas).get("properties", {})
    found = {"numbers": [], "ranges": [], "photos": [], "choices": [], "files": [], "documents": [], "texts": [],
             "same": [], "fields": sorted(names), "place": {"country", "lat", "lon"} <= names.keys()}

    def walk(spec: dict, prefix: str) -> None:
        spec = _resolve(spec, schemas)
        names = spec.get("properties", {})
        if "start" in names and "end" in names:
            found["ranges"].append({"path": prefix.rstrip("."), "start": "start", "end": "end"})
        for name, sub in names.items():
            sub = _resolve(sub, schemas)
            path = prefix + name
            if "enum" in sub:
                found["choices"].append({"path": path, "allowed": sub["enum"], "country": sub.get("def") == "country"})
            elif sub.get("type") in ("number", "integer"):
                found["numbers"].append({"path": path, "integer": sub["type"] == "integer",
                                         "min": sub.get("minimum"), "max": sub.get("maximum")})
            elif sub.get("def") == "markdown":
                found["texts"].append(path)
            elif sub.get("def") == "file":
                found["files"].append(path)
                if name == "file":  # a document: of a type a visitor can open (sitegen/documents.py)
                    found["documents"].append(path)
                if name == "image":
                    alt = "image_alt" if "image_alt" in names else "alt"
                    slot = images.SLOTS[images.FIELD_SLOTS["gallery" if prefix else "image"]]
                    found["photos"].append({"path": path, "alt": prefix + alt, "min_width": slot.min_width})
            elif sub.get("type") == "array":
                items = _resolve(sub.get("items", {}), schemas)
                if "enum" in items:
                    found["choices"].append({"path": path + ".*", "allowed": items["enum"],
                                             "country": items.get("def") == "country"})
                walk(items, path + ".*.")
            elif sub.get("type") == "object":
                walk(sub, path + ".")

    walk(spec, "")
    return found
