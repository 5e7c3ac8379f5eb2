"""`python -m sitegen new <type> "<title>"`: a new item in every language, every field explained.

The item is appended as text, so the rest of the file (comments, order, quoting) stays exactly as
the editor left it. Fields are left empty: the check then lists what remains to fill in, and an
unfinished item can never be published.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from . import messages, yamlfile
from .content import CEDILLA, CEDILLA_LANGUAGES
from .languages import Language
from .model import TYPES

# Romanian letters first (both comma-below and cedilla forms), then any other accent is dropped.
TRANSLITERATION = str.maketrans("ăâîșşțţĂÂÎȘŞȚŢ", "aaissttAAISSTT")
ID_CHARS = 60
EMPTY_LIST = re.compile(r"^\[\]\s*(#.*)?$")  # a file that says "no items yet"
ID_LINE = re.compile(r"^\s*-?\s*id:\s*[\"']?([a-z0-9-]+)", re.MULTILINE)
LIST_TYPES = {t.key: t for t in TYPES if t.is_list}


@dataclass
class Added:
    kind: str
    item_id: str
    files: list[str]


def type_key(name: str) -> str | None:
    """The content type meant by a name as typed: "good_practices", "good-practices"."""
    key = name.strip().lower().replace("-", "_")
    return key if key in LIST_TYPES else None


def slug(title: str) -> str:
    """A valid id from a title: "Vizită de studiu la Iași" -> "vizita-de-studiu-la-iasi"."""
    text = unicodedata.normalize("NFKD", title.translate(TRANSLITERATION))
    words = re.findall(r"[a-z0-9]+", text.encode("ascii", "ignore").decode().lower())
    result = ""
    for word in words:
        if len(result) + len(word) + 1 > ID_CHARS:
            break
        result = f"{result}-{word}" if result else word
    return result or "item"


def unique(base: str, taken: set[str]) -> str:
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def add(root: Path, languages: list[Language], key: str, title: str) -> Added:
    files = [root / "content" / lang.code / f"{key}.yml" for lang in languages]
    taken = set()
    for path in files:
        if path.is_file():
            taken |= set(ID_LINE.findall(path.read_text(encoding="utf-8-sig", errors="replace")))
    item_id = unique(slug(title), taken)
    fields = _fields(root, key)
    for lang, path in zip(languages, files):
        own = (title.translate(CEDILLA) if lang.code in CEDILLA_LANGUAGES else title) if lang.default else ""
        _append(path, _item_text(lang.code, key, item_id, own, title, fields))
    return Added(key, item_id, [f"content/{lang.code}/{key}.yml" for lang in languages])


def _fields(root: Path, key: str) -> list[tuple[str, dict, bool]]:
    """(name, schema of the field, required) in the schema's order."""
    schema = json.loads((root / "schemas" / f"{key}.schema.json").read_text(encoding="utf-8"))["items"]
    return [(name, spec, name in schema.get("required", [])) for name, spec in schema["properties"].items()]


def _item_text(lang: str, key: str, item_id: str, title: str, original: str, fields) -> str:
    say = lambda section, name, **v: messages.get(section, name, lang, **v)  # noqa: E731
    ctype = LIST_TYPES[key]
    lines = ["", f"# {say('scaffold', 'header', kind=say('kinds', key))}", f"- id: {item_id}"]
    for name, spec, required in fields:
        if name == "id":
            continue
        form = spec.get("$ref", "").rsplit("/", 1)[-1]
        notes = [say("fields", name)]
        if form:
            notes.append(say("forms", form, target=dict(ctype.refs).get(name, "")))
        if "enum" in spec:
            notes.append(say("scaffold", "allowed", values=", ".join(spec["enum"])))
        if name in ctype.neutral:
            notes.append(say("scaffold", "same_everywhere"))
        notes.append(say("scaffold", "required" if required else "optional"))
        if name in ("title", "name") and not title:
            notes.append(say("scaffold", "translate", original=original))
        lines.append(f"  # {' '.join(n for n in notes if n)}")
        value = _quoted(title) if name in ("title", "name") and title else ""
        lines.append(f"  {name}: |" if form == "markdown" else f"  {name}: {value}".rstrip())
    return "\n".join(lines) + "\n"


def _quoted(text: str) -> str:
    # Double quotes with JSON escaping are valid YAML for any title, colons and quotes included.
    return json.dumps(" ".join(text.split()), ensure_ascii=False)


def _append(path: Path, item: str) -> None:
    raw = path.read_bytes() if path.is_file() else b""
    text = raw.decode("utf-8-sig")
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    kept = [line for line in lines if not EMPTY_LIST.match(line)]  # "[]" would end the list
    body = "".join(kept)
    if body and not body.endswith(("\n", "\r")):
        body += newline
    new = body + item.replace("\n", newline)
    if _parses(text) and not _parses(new):
        raise ValueError(f"{path.name}: the new item would not read as YAML; nothing was written")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes((b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b"") + new.encode("utf-8"))


def _parses(text: str) -> bool:
    try:
        yamlfile.parse(text)
    except Exception:  # any failure to read means "does not parse"; the check explains which
        return False
    return True
