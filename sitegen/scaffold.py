"""`python -m sitegen new <type> "<title>"`: a new item in every language, every field explained.

Each language gets the item's own file, content/<lang>/<type>/<id>.yml, named from the title; no
other file is touched. Fields are left empty: the check then lists what remains to fill in, and an
unfinished item can never be published.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from . import messages
from .content import CEDILLA, CEDILLA_LANGUAGES
from .languages import Language
from .model import TYPES

# Romanian letters first (both comma-below and cedilla forms), then any other accent is dropped.
TRANSLITERATION = str.maketrans("ăâîșşțţĂÂÎȘŞȚŢ", "aaissttAAISSTT")
ID_CHARS = 60
# Where a title's phrases end: punctuation, and a dash between spaces ("Ungheni – vizită").
PHRASE_BREAK = re.compile(r"[:;,.!?()\[\]{}„“”\"«»]|\s[-–—]\s|[–—]")
# Words that only join others (Romanian, English): an id never ends on one.
JOINING_WORDS = frozenset("a al ale ai la de din cu pe în in si și sau ori pentru prin privind despre spre "
                          "catre către intre între fara fără sub the of and or to for on at with from by an"
                          .split())
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
    """A valid id from a title: "Vizită de studiu la Iași" -> "vizita-de-studiu-la-iasi".

    A long title is cut between its phrases ("Vizită de studiu la Iași: schimb de experiență …"
    -> "vizita-de-studiu-la-iasi"), or else between words, and never after a word that only joins
    ("la", "de", "of"): an id reads as a whole phrase."""
    phrases = [_words(phrase) for phrase in PHRASE_BREAK.split(title)]
    phrases = [words for words in phrases if words]
    if not phrases:
        return "item"
    taken: list[str] = []
    for words in phrases:
        if len("-".join(taken + words)) > ID_CHARS:
            break
        taken += words
    if not taken:  # the first phrase alone is too long: as many of its words as fit
        for word in phrases[0]:
            if len("-".join(taken + [word])) > ID_CHARS:
                break
            taken.append(word)
        while len(taken) > 1 and taken[-1] in JOINING_WORDS:
            taken.pop()
    return "-".join(taken or [phrases[0][0][:ID_CHARS]])  # else one word longer than an id, cut


def _words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKD", text.translate(TRANSLITERATION))
    return re.findall(r"[a-z0-9]+", text.encode("ascii", "ignore").decode().lower())


def unique(base: str, taken: set[str]) -> str:
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def add(root: Path, languages: list[Language], key: str, title: str) -> Added:
    folders = [root / "content" / lang.code / key for lang in languages]
    taken = set().union(*(_ids(folder) for folder in folders))
    item_id = unique(slug(title), taken)
    fields = _fields(root, key)
    ids = {target: sorted(_ids(root / "content" / languages[0].code / target)) for _, target in LIST_TYPES[key].refs}
    files = []
    for lang, folder in zip(languages, folders):
        own = (title.translate(CEDILLA) if lang.code in CEDILLA_LANGUAGES else title) if lang.default else ""
        path = folder / f"{item_id}.yml"
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(_item_text(lang.code, key, own, title, fields, ids), encoding="utf-8")
        files.append(path.relative_to(root).as_posix())
    return Added(key, item_id, files)


def _fields(root: Path, key: str) -> list[tuple[str, dict, bool]]:
    """(name, schema of the field, required) in the schema's order."""
    schema = json.loads((root / "schemas" / f"{key}.schema.json").read_text(encoding="utf-8"))
    return [(name, spec, name in schema.get("required", [])) for name, spec in schema["properties"].items()]


def _ids(folder: Path) -> set[str]:
    """The ids of a kind's items (their file names), as examples of what a reference names."""
    return {path.stem for path in folder.glob("*.yml")} if folder.is_dir() else set()


def _form(name: str, spec: dict) -> str:
    """How a value is written, by its definition in common.schema.json: "date", "ref"; a file
    field named for an image is a photo, kept in content/media/images/."""
    form = spec.get("$ref", "").rsplit("/", 1)[-1]
    return "image" if form == "file" and "image" in name else form


def _list_example(lang: str, name: str, spec: dict, examples: list[str]) -> list[str]:
    """Comment lines showing a list field written out: each element on its own line after "- "."""
    say = lambda key: messages.get("examples", key, lang)  # noqa: E731
    second = lambda key: messages.get("examples", f"{key}_2", lang).replace(f"{key}_2", say(key))  # noqa: E731
    items = spec.get("items", {})
    lines = [f"# {messages.get('scaffold', 'list_example', lang)}", f"#   {name}:"]
    if "properties" in items:  # a list of blocks of fields: the required ones
        shown = [f for f in items["properties"] if f in items.get("required", [])] or list(items["properties"])
        for example in (say, second):
            for i, field in enumerate(shown):
                value = example(_form(field, items["properties"][field]) or "text")
                lines.append(f"#     {'- ' if i == 0 else '  '}{field}: {value}")
    else:
        form = _form(name, items) or "text"
        values = examples[:2] or [say(form), second(form)]
        lines += [f"#     - {value}" for value in values]
    return lines


def _item_text(lang: str, key: str, title: str, original: str, fields,
               ids: dict[str, list[str]] | None = None) -> str:
    say = lambda section, name, **v: messages.get(section, name, lang, **v)  # noqa: E731
    ctype = LIST_TYPES[key]
    ids = ids or {}
    lines = [f"# {say('scaffold', 'header', kind=say('kinds', key))}"]
    for name, spec, required in fields:
        if name in ("order", "draft"):  # the officer's tools, explained in the guide and the editor
            continue
        form = _form(name, spec)
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
        lines.append(f"# {' '.join(n for n in notes if n)}")
        if spec.get("type") == "array":
            lines += _list_example(lang, name, spec, ids.get(dict(ctype.refs).get(name), []))
        value = _quoted(title) if name in ("title", "name") and title else ""
        lines.append(f"{name}: |" if form == "markdown" else f"{name}: {value}".rstrip())
    return "\n".join(lines) + "\n"


def _quoted(text: str) -> str:
    # Double quotes with JSON escaping are valid YAML for any title, colons and quotes included.
    return json.dumps(" ".join(text.split()), ensure_ascii=False)
