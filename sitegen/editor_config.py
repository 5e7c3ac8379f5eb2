"""The web editor's configuration (Sveltia CMS, /admin/config.yml), generated from the content types
(sitegen/model.py), their schemas (schemas/) and the officer's message tables (sitegen/messages/).

One source of truth: a field added to a schema appears in the editor at the next build, with the
widget its definition calls for, and a test fails if a schema field is missing from the editor.

- Every content file is a "singleton" of the editor, one per type, at content/{{locale}}/<type>.yml;
  a list file is one list saved at the file's top level (`root: true`), as the generator reads it.
- Which fields are the same in every language (`i18n: duplicate`: typed once, in the default
  language, and copied) and which are translated comes from `ContentType.neutral`; a file (photo,
  document) is the same file in every language too. A list that holds such a field keeps its items
  in the same order in every language (the editor pairs items by position), so adding, moving or
  removing an item does it in every language at once.
- Labels and hints are in the officer's language (`labels:`, `fields:` and `editor:` in
  sitegen/messages/), falling back to the schema's own description; choices of an enumeration are
  worded by the site's interface strings where they have a name for them.
"""
from __future__ import annotations

import json
from pathlib import Path

import yaml

from . import messages
from .languages import Language
from .model import TYPES, ContentType

MEDIA = "content/media"
# Where the editor puts an uploaded file, by widget (the generator reads any path under media/).
UPLOADS = {"image": "images", "file": "documents"}
# Dates known to the month (events) or to the month or year (news, documents, …): sitegen/dates.py.
PARTIAL_DATES = {"month_date": r"^\d{4}-\d{2}(-\d{2})?$", "partial_date": r"^\d{4}(-\d{2}(-\d{2})?)?$"}
FILE_DEFS = ("file",)
COMMON = "common.schema.json"
TITLE_FIELDS = ("title", "name")
# The site's Markdown (sitegen/text.py): no tables, no strikethrough, raw HTML shown as typed.
MARKDOWN_BUTTONS = ["bold", "italic", "link", "heading-two", "heading-three", "bulleted-list",
                    "numbered-list", "quote"]


def config(root: Path, languages: list[Language], repository: str | None, site_url: str,
           strings: dict[str, str] | None = None, lang: str | None = None) -> dict:
    """The configuration as data. `repository` is "owner/name" on GitHub; without one the editor
    works on a test repository kept in the browser (nothing is saved anywhere else)."""
    lang = lang or languages[0].code
    schemas = _schemas(root / "schemas")
    words = _Words(lang, strings or {})
    refs = {name: target for ctype in TYPES for name, target in ctype.refs}
    singletons = [_singleton(ctype, schemas, words, refs) for ctype in TYPES]
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
        "i18n": {"structure": "multiple_files", "locales": [lang_.code for lang_ in languages],
                 "default_locale": languages[0].code},
        # File names of uploads: letters without accents, digits and hyphens, as the check asks.
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        # Stock photo libraries would ask other hosts; every photo is one the officer uploads.
        "media_libraries": {"default": {"config": {"slugify_filename": True}}, "stock_assets": False},
        # `indent_sequences: false`: with indented sequences, Sveltia CMS 0.221.1 writes the text of
        # every multi-line value of a top-level list as empty (tests/test_admin.py saves and reads).
        "output": {"omit_empty_optional_fields": True, "yaml": {"indent_sequences": False}},
        "field_defaults": {"richtext": {"buttons": MARKDOWN_BUTTONS, "editor_components": [],
                                        "modes": ["rich_text", "raw"]}},
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
    for ctype in TYPES:
        spec = schemas[ctype.key]
        spec = spec["items"] if ctype.is_list else spec
        result[ctype.key] = set(_paths(spec, schemas, ""))
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


def _singleton(ctype: ContentType, schemas: dict, words: _Words, refs: dict) -> dict:
    spec = schemas[ctype.key]
    build = _Fields(ctype, schemas, words, refs)
    entry = {"name": ctype.key, "label": words.collection(ctype.key),
             "file": f"content/{{{{locale}}}}/{ctype.key}.yml", "i18n": True}
    if not ctype.is_list:
        entry["fields"] = build.fields(spec, "", translated=True)
        return entry
    item = _resolve(spec["items"], schemas)
    fields = build.fields(item, "", translated=True)
    title = next((f["name"] for f in fields if f["name"] in TITLE_FIELDS), "id")
    items = {
        "name": "items", "label": words.collection(ctype.key), "label_singular": words.kind(ctype.key),
        "widget": "list", "root": True, "collapsed": True, "summary": f"{{{{fields.{title}}}}}",
        "i18n": "duplicate" if _has_duplicate(fields) else True, "required": False,
        "hint": words.editor("list_hint"), "fields": fields,
    }
    image = next((f["name"] for f in fields if f["widget"] == "image"), None)
    if image:
        items["thumbnail"] = image
    entry["fields"] = [items]
    return entry


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
        if kind in FILE_DEFS:
            widget = "image" if "image" in name else "file"
            folder = f"{MEDIA}/{UPLOADS[widget]}"
            # A file is the same file in every language; only its description is translated.
            return {"widget": widget, "i18n": "duplicate", "media_folder": f"/{folder}",
                    "public_folder": f"media/{UPLOADS[widget]}", "choose_url": False}
        if kind == "markdown":
            return {"widget": "markdown"}  # its options: field_defaults below
        if kind == "date" or spec.get("format") == "date":
            return {"widget": "datetime", "type": "date", "format": "YYYY-MM-DD"}
        if kind in PARTIAL_DATES:  # a month or a year has no date picker: typed, in its form
            return {"widget": "string", "pattern": [PARTIAL_DATES[kind], self.words.editor(f"pattern_{kind}")]}
        if kind == "url":
            return {"widget": "string", "type": "url", "pattern": [spec["pattern"], self.words.editor("pattern_url")]}
        if kind == "email":
            return {"widget": "string", "type": "email"}
        if kind == "language":
            return {"widget": "string", "pattern": [spec["pattern"], self.words.editor("pattern_language")]}
        kind_of = spec.get("type")
        if kind_of in ("number", "integer"):
            number = {"widget": "number", "value_type": "int" if kind_of == "integer" else "float"}
            for bound, key in (("minimum", "min"), ("maximum", "max")):
                if bound in spec:
                    number[key] = spec[bound]
            return number
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
        if "pattern" in spec and kind != "text":  # text's pattern only forbids line breaks: one line anyway
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
        title = next((t for t in TITLE_FIELDS if t in self.schemas[target]["items"]["properties"]), "id")
        field = {"widget": "relation", "collection": "_singletons", "file": target,
                 "value_field": "items.*.id", "display_fields": [f"items.*.{title}"],
                 "search_fields": [f"items.*.{title}", "items.*.id"]}
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
