"""Loads and checks all content of all languages before anything is generated: one file per item
of a list kind (content/<lang>/<kind>/<id>.yml), one file per record kind.

Every problem is collected (never only the first), so an editor fixes them all in one round. A
file or item with an error is left out of the data, and the checks that compare files skip what
they cannot see, so that one mistake is reported once and not again as a false consequence.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from . import dates, district_map, geography, invisible, links, media, migrate, schema, urls, yamlfile
from .languages import Language
from .model import BY_KEY, TYPES, ContentType
from .problems import ERROR, WARNING, LanguageName, Problem, Term, problem, sort_key

CEDILLA = str.maketrans("şţŞŢ", "șțȘȚ")
CEDILLA_WORD = re.compile(r"\S*[şţŞŢ]\S*")
CEDILLA_LANGUAGES = {"ro"}  # Romanian is written with comma-below ș ț; cedilla is a keyboard slip
FILE_FIELDS = ("file", "image")
ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")  # schemas/common.schema.json, $defs/id
IGNORED = frozenset({"README.md", "Thumbs.db", "desktop.ini"})  # notes, and what file managers leave


@dataclass
class Content:
    root: Path  # the project folder; content/ and schemas/ are inside
    languages: list[Language]
    data: dict[str, dict[str, object]] = field(default_factory=dict)  # lang -> type key -> data (published)
    # (lang, type, item id or None for a record kind) -> the file's document, for lines
    docs: dict[tuple[str, str, str | None], yamlfile.Document] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    by_id: dict[tuple[str, str], dict[str, dict]] = field(default_factory=dict)  # (lang, type) -> id -> item
    # (lang, type) -> ids of every item file with a valid name, loaded or not: a reference to one
    # that has an error of its own is not reported again as a reference to nothing.
    names: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    order: dict[str, list[str]] = field(default_factory=dict)  # type -> published ids, in list order
    drafts: set[tuple[str, str]] = field(default_factory=set)  # (type, id) of items kept as drafts
    broken: set[tuple[str, str]] = field(default_factory=set)  # record files with an error; kind folders unread
    links: list[links.Link] = field(default_factory=list)  # links of the texts to the site itself

    @property
    def default(self) -> str:
        return self.languages[0].code

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    def items(self, lang: str, key: str) -> list[dict]:
        return self.data.get(lang, {}).get(key) or []

    def item_ids(self, key: str) -> list[str]:
        """The published ids of a type across languages, in list order (sitegen/model.py)."""
        return self.order.get(key, [])

    def all_ids(self, key: str) -> set[str]:
        """Every id of a type in any language, drafts and items with errors included."""
        return set().union(*(self.names.get((lang.code, key), set()) for lang in self.languages))

    def find(self, lang: str, key: str, item_id: str) -> dict | None:
        return self.by_id.get((lang, key), {}).get(item_id)

    def line(self, lang: str, key: str, item_id: str | None, *path) -> int | None:
        """The line of a field (path: "title", or "gallery", 0, "image") in an item's or record's file."""
        doc = self.docs.get((lang, key, item_id))
        return doc.line(tuple(path)) if doc else None

    def where(self, lang: str, key: str, item_id: str | None, *path) -> tuple[str, int | None]:
        """(file, line) of a field of an item or record, as a problem names them."""
        return self.file(lang, key, item_id), self.line(lang, key, item_id, *path)

    def complete(self, key: str) -> bool:
        """True when a record kind's file loaded without error in every language."""
        return not any((lang.code, key) in self.broken for lang in self.languages)

    def file(self, lang: str, key: str, item_id: str | None = None) -> str:
        if BY_KEY[key].is_list:
            return f"content/{lang}/{key}/{item_id}.yml" if item_id else f"content/{lang}/{key}/"
        return f"content/{lang}/{key}.yml"


def load(root: Path, languages: list[Language]) -> Content:
    content = Content(root, languages)
    old = migrate.old_files(root, languages)
    if old:  # one message for the whole folder: the check would only repeat it per file
        content.problems.append(problem(old[0].relative_to(root).as_posix(), None, "old_layout",
                                        files=len(old)))
        return content
    content.problems += media.files(root)[1]
    checkers = schema.load(root / "schemas")
    for lang in languages:
        content.data[lang.code] = {}
        for ctype in TYPES:
            if ctype.is_list:
                _load_kind(content, lang.code, ctype, checkers[ctype.key])
            else:
                _load_record(content, lang.code, ctype, checkers[ctype.key])
    _order(content)
    _check_across(content)
    content.problems.sort(key=sort_key)
    return content


def _read(content: Content, shown: str, ctype: ContentType, checker: schema.Checker, item_id: str | None,
          checked: bool = False):
    """The checked data of one file, or None when it has an error (each one reported). `checked`:
    the file is known not to be a link, in a folder known not to be reached through one."""
    path = content.root / shown
    if not checked and path.resolve() != content.root.resolve() / shown:  # the file, or a folder on its way, is a link
        content.problems.append(problem(shown, None, "file_is_link"))
        return None
    doc, problems = yamlfile.load(path, shown)
    content.problems += problems
    if doc is None:
        return None
    lang = PurePosixPath(shown).parts[1]
    content.docs[(lang, ctype.key, item_id)] = doc
    noted = doc.problems(shown, ctype.key, item_id)
    if lang in CEDILLA_LANGUAGES:
        _check_cedilla(content, shown, ctype, doc, item_id)
    if doc.data is None:
        content.problems.append(problem(shown, 1, "file_empty"))
        return None
    if item_id and isinstance(doc.data, list):  # a list pasted from the old layout
        content.problems.append(problem(shown, 1, "item_file_list"))
        return None
    if item_id and isinstance(doc.data, dict) and "id" in doc.data:
        content.problems.append(problem(shown, doc.line(("id",)), "id_in_item_file", kind=ctype.key,
                                        item=item_id, field="id", value=doc.data["id"]))
        return None
    data, empty = schema.without_empty(doc.data)
    data = schema.coerce(checker.plan, data)
    found, bad = schema.check(checker, data, shown=shown, doc=doc, kind=ctype.key, empty=empty, item=item_id)
    # One message per problem: an error the loader found is the cause of what the schema then
    # refuses (`title: #2` is empty because of the `#`); the schema's word on an invisible
    # character in an id is more exact than the loader's warning.
    causes = {(p.line, p.field) for p in noted if p.severity == ERROR}
    content.problems += [p for p in found if (p.line, p.field) not in causes]
    explained = {(p.line, p.field) for p in found}
    content.problems += [p for p in noted if p.severity == ERROR or (p.line, p.field) not in explained]
    _check_links(content, shown, ctype, doc, checker, data, item_id)
    if bad or any(p.severity == ERROR for p in noted):
        return None
    _check_dates(content, shown, doc, ctype, item_id, data)
    return data


def _load_record(content: Content, lang: str, ctype: ContentType, checker: schema.Checker) -> None:
    shown = content.file(lang, ctype.key)
    content.broken.add((lang, ctype.key))  # until proven whole
    path = content.root / shown
    if not path.is_file() and not path.is_symlink():  # a link is refused by the loader, by name
        content.problems.append(problem(shown, None, "file_missing"))
        return
    data = _read(content, shown, ctype, checker, None)
    if data is not None:
        content.data[lang][ctype.key] = data
        content.broken.discard((lang, ctype.key))


def _load_kind(content: Content, lang: str, ctype: ContentType, checker: schema.Checker) -> None:
    """Every item file of a kind in a language; a kind without a folder has no items yet."""
    folder = content.root / "content" / lang / ctype.key
    by_id = content.by_id[(lang, ctype.key)] = {}
    names = content.names[(lang, ctype.key)] = set()
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        content.problems.append(problem(content.file(lang, ctype.key), None, "file_is_link"))
        return
    if not folder.is_dir():
        return
    if folder.resolve() != content.root.resolve() / "content" / lang / ctype.key:  # reached through a link
        linked = next(p for p in (folder.parent, folder) if p.is_symlink())  # the language's folder, or the kind's
        shown = linked.relative_to(content.root).as_posix() + "/"
        if not any(p.file == shown and p.code == "file_is_link" for p in content.problems):  # said once
            content.problems.append(problem(shown, None, "file_is_link"))
        content.broken.add((lang, ctype.key))  # unread: no item is missing from it, none is known
        return
    for path in sorted(folder.iterdir()):
        shown = f"{content.file(lang, ctype.key)}{path.name}"
        item_id = _item_name(content, shown, path)  # refuses a file that is a link, by name
        if item_id is None:
            continue
        names.add(item_id)
        item = _read(content, shown, ctype, checker, item_id, checked=True)
        if item is None:
            continue
        item = {"id": item_id, **item}
        _check_item(content, shown, ctype, item)
        by_id[item_id] = item
        if item.get("draft") is True:
            content.drafts.add((ctype.key, item_id))


def _item_name(content: Content, shown: str, path: Path) -> str | None:
    """The id an item file's name gives, or None for a file that is not an item (said when it
    looks like one)."""
    name = path.name
    if name in IGNORED or name.startswith("."):
        return None
    if path.is_dir() and not path.is_symlink():
        content.problems.append(problem(shown, None, "folder_in_kind", severity=WARNING))
        return None
    stem, dot, extension = name.rpartition(".")
    if not dot or extension.lower() not in ("yml", "yaml"):
        content.problems.append(problem(shown, None, "not_an_item_file", severity=WARNING))
        return None
    if extension != "yml" or not ID.fullmatch(stem):
        content.problems.append(problem(shown, None, "bad_item_file_name", name=name,
                                        suggestion=scaffold_slug(stem) + ".yml"))
        return None
    if path.is_symlink():
        content.problems.append(problem(shown, None, "file_is_link"))
        return None
    return stem


def scaffold_slug(stem: str) -> str:
    from .scaffold import slug
    return slug(stem)


def _order(content: Content) -> None:
    """Each kind's published items in list order, the same in every language: by the item of the
    first language that has it (facts that order it are the same in all: `neutral`)."""
    for ctype in TYPES:
        if not ctype.is_list:
            continue
        items = {}
        for lang in content.languages:
            for item_id, item in content.by_id[(lang.code, ctype.key)].items():
                if (ctype.key, item_id) not in content.drafts:
                    items.setdefault(item_id, item)
        content.order[ctype.key] = [item["id"] for item in sort_items(ctype, list(items.values()))]
        for lang in content.languages:
            mine = content.by_id[(lang.code, ctype.key)]
            content.data[lang.code][ctype.key] = [mine[i] for i in content.order[ctype.key] if i in mine]


def sort_items(ctype: ContentType, items: list[dict]) -> list[dict]:
    def title(item):
        return (str(item.get("title") or item.get("name") or "").casefold(), item["id"])
    if ctype.ordered:
        return sorted(items, key=lambda i: (i.get("order") is None, i.get("order") or 0, *title(i)))
    items = sorted(items, key=title)
    return dates.by_date(items, ctype.date_field, newest_first=ctype.newest_first)


def _check_item(content: Content, shown: str, ctype: ContentType, item: dict) -> None:
    """The checks of one item that the schema cannot make: its files and its photo's description."""
    doc = content.docs[(PurePosixPath(shown).parts[1], ctype.key, item["id"])]
    where = dict(kind=ctype.key, item=item["id"])
    for name in FILE_FIELDS:
        if name in item:
            _check_file(content, shown, doc.line((name,)), item[name], name, where)
    for n, entry in enumerate(item.get("gallery", [])):
        _check_file(content, shown, doc.line(("gallery", n, "image")), entry["image"], "gallery.image", where)
    if "image" in item and "image_alt" not in item:
        content.problems.append(problem(shown, doc.line(("image",)), "image_no_alt", field="image_alt", **where))
    if {"country", "lat", "lon"} <= item.keys():
        _check_place(content, shown, doc, item, where)


def _check_place(content: Content, shown: str, doc, item: dict, where: dict) -> None:
    """A seat's coordinates fall in its country (a latitude typed 21 for 51, the two swapped, a lost
    minus sign put a partner in another part of the world on the map)."""
    km = geography.km_outside(item["country"], item["lat"], item["lon"])
    if km is not None and km > geography.MARGIN_KM:
        content.problems.append(problem(shown, doc.line(("lat",)), "outside_country", field="lat", lat=item["lat"],
                                        lon=item["lon"], km=f"{round(km, -1):,.0f}", country=item["country"],
                                        **where))


def _check_links(content: Content, shown: str, ctype: ContentType, doc, checker: schema.Checker, data,
                 item_id: str | None) -> None:
    """A link in Markdown goes to a web page, an e-mail address, a telephone number or this site.
    Anything else (a `javascript:` link, however it is spelt) is refused, and so is an image in the
    text (from another host, visitors would be seen loading it; from the site, it would skip the
    photo pipeline and its metadata), so that nothing is silently dropped."""
    for path, text in schema.markdown_paths(checker, data):
        for address, image in urls.markdown_addresses(text):
            if not image and urls.is_safe_link(address):
                if links.is_internal(address):  # judged once every page is known (_check_across)
                    content.links.append(links.Link(shown, _line_of(doc, path, text, address),
                                                    ctype.key if item_id else None, item_id,
                                                    ".".join(p for p in path if isinstance(p, str)), address))
                continue
            content.problems.append(problem(
                shown, doc.line(path), ("image_elsewhere" if not urls.is_own_file(address) else "image_in_text")
                if image else "unsafe_link",
                kind=ctype.key if item_id else None, item=item_id,
                field=".".join(p for p in path if isinstance(p, str)),
                address=address, scheme=urls.scheme(address) or "//"))


def _line_of(doc, path: tuple, text: str, needle: str) -> int | None:
    """The line of `needle` in a block of text (`body: |` and the lines under it), else the field's."""
    line, typed = doc.line(path), doc.typed(path) or ""
    at = text.find(needle)
    if line is None or at < 0 or not typed.startswith(("|", ">")):
        return line
    return line + 1 + text.count("\n", 0, at)


def _check_dates(content: Content, shown: str, doc, ctype: ContentType, item_id, data: dict) -> None:
    start, end = data.get("start"), data.get("end")
    if start and end and dates.last(end) < dates.first(start):
        content.problems.append(problem(shown, doc.line(("end",)), "end_before_start", kind=ctype.key,
                                        item=item_id, field="end", start=start, end=end))


def _check_file(content: Content, shown: str, line, value: str, name: str, where: dict) -> None:
    # A path may not leave content/media/ (`..`, a link): only that folder is published.
    odd = invisible.find(value)
    if odd:
        content.problems.append(problem(shown, line, "invisible_char", field=name, char=invisible.code(odd[1]),
                                        position=odd[0] + 1, before=value[:odd[0]][-20:] or "—", column="?",
                                        **where))
    elif ".." in PurePosixPath(value).parts or "\\" in value:
        content.problems.append(problem(shown, line, "bad_file_path", field=name, value=value, **where))
    elif media.resolve(content.root, value) is None:
        linked = (content.root / "content" / value).is_file()  # there, but only through a link
        content.problems.append(problem(shown, line, "file_through_link" if linked else "file_not_found",
                                        field=name, path=f"content/{value}", **where))


def _first_lang(content: Content, key: str, item_id: str) -> str:
    """The first language that has a loaded item, else the first whose folder has its file."""
    return next((lang.code for lang in content.languages if content.find(lang.code, key, item_id)),
                next(lang.code for lang in content.languages if item_id in content.names[(lang.code, key)]))


def _check_addresses(content: Content) -> None:
    """Every item page needs an address of its own: an id that is already a section, a language,
    a folder of the site or another item's address would hide the page or the other one. Drafts
    are held to it too, so that publishing one never takes an address."""
    sections = content.data[content.default].get("sections") or {}
    site: dict[str, tuple[str, object]] = {"": ("home", "/")}  # address -> what holds it
    for ctype in TYPES:
        if ctype.section:
            name = (sections.get(ctype.key) or {}).get("title") or ctype.section
            site[urls.page_url(ctype.section)] = ("section", name)
    site[urls.page_url(urls.REGION)] = ("section", (sections.get("region") or {}).get("title") or urls.REGION)
    site |= {f"{name}/": ("folder", name) for name in urls.SITE_FOLDERS}
    site |= {f"{name}/": ("page", name) for name in urls.SITE_PAGES}
    site |= {f"{lang.code}/": ("language", LanguageName(lang.code)) for lang in content.languages}
    site |= {path: ("file", path) for path in (urls.FEED, urls.CALENDAR, urls.OPEN_DATA)}
    items: dict[str, tuple[str, str, str]] = {}  # address -> (type, id, language of the file)
    for ctype in TYPES:
        if not ctype.is_list or not ctype.item_pages:
            continue
        for item_id in sorted(content.all_ids(ctype.key)):
            lang = _first_lang(content, ctype.key, item_id)
            own = [urls.page_url(ctype.section, item_id)]
            own += [urls.event_calendar(item_id)] if ctype.key == "events" else []
            for address in own:
                top = address.split("/")[0] + "/"
                holder = site.get(address) or (site.get(top) if top != address and ctype.section == "" else None)
                if address == "index/" or address.endswith("/index/"):  # index.md is the section's own
                    address = urls.page_url(ctype.section)
                    holder = site[address]
                where = dict(kind=ctype.key, item=item_id)
                shown = content.file(lang, ctype.key, item_id)
                if holder:
                    content.problems.append(problem(shown, None, "address_reserved", address="/" + address,
                                                    holder=Term("addresses", holder[0]), name=holder[1], **where))
                elif address in items:
                    other_key, other_id, other_lang = items[address]
                    content.problems.append(problem(
                        shown, None, "address_taken", address="/" + address, other=other_id,
                        other_kind=Term("kinds", other_key),
                        other_line=content.file(other_lang, other_key, other_id), **where))
                else:
                    items[address] = (ctype.key, item_id, lang)


def _check_across(content: Content) -> None:
    _check_addresses(content)
    content.problems += links.check(content, content.links, content.root / "templates")
    for ctype in TYPES:
        if ctype.is_list:
            _check_refs(content, ctype)
            _check_translations(content, ctype)
        elif content.complete(ctype.key):
            _check_neutral(content, ctype, None)
    if content.complete("project"):
        for lang in content.languages:
            partner = content.data[lang.code]["project"]["organisation"]["partner"]
            _check_ref(content, lang.code, BY_KEY["project"], None, ("organisation", "partner"), partner, "partners")
            _check_division(content, lang.code)


def _check_division(content: Content, lang: str) -> None:
    """The district the district map highlights is one of its country's in the boundary data
    (sitegen/data/divisions-<country>.json): a mistyped code would leave the map without it."""
    project = content.data[lang]["project"]
    spec = (project.get("region") or {}).get("map")
    home = content.by_id[(lang, "partners")].get(project["organisation"]["partner"])
    if not spec or not home or not district_map.available(home["country"]):
        return
    codes = district_map.division_codes(home["country"])
    if spec["division"] not in codes:
        shown, line = content.where(lang, "project", None, "region", "map", "division")
        close = difflib.get_close_matches(spec["division"], sorted(codes), n=1, cutoff=0.5)
        content.problems.append(problem(shown, line, "unknown_division", field="region.map.division",
                                        value=spec["division"], country=home["country"],
                                        suggestion=close[0] if close else ", ".join(sorted(codes)[:5]) + ", …"))


def _check_refs(content: Content, ctype: ContentType) -> None:
    for name, target in ctype.refs:
        for lang in content.languages:
            for item_id, item in content.by_id[(lang.code, ctype.key)].items():
                values = item.get(name)
                for value in values if isinstance(values, list) else [values] if values else []:
                    _check_ref(content, lang.code, ctype, item_id, (name,), value, target)


def _check_ref(content: Content, lang: str, ctype: ContentType, item_id, path: tuple, value, target: str) -> None:
    """A reference names an item of `target` that exists; a published item never names a draft
    (its link would lead to a page that is not there)."""
    shown, line = content.where(lang, ctype.key, item_id, *path)
    where = dict(kind=ctype.key if item_id else None, item=item_id,
                 field=".".join(p for p in path if isinstance(p, str)))
    if value in content.all_ids(target):
        drafted = (target, value) in content.drafts
        if drafted and (ctype.key, item_id) not in content.drafts:
            content.problems.append(problem(shown, line, "ref_to_draft", value=value,
                                            target=content.file(_first_lang(content, target, value), target, value),
                                            **where))
        return
    ids = sorted(content.all_ids(target))
    close = difflib.get_close_matches(value, ids, n=1, cutoff=0.6)
    args = {"value": value, "target": content.file(lang, target)}
    content.problems.append(problem(shown, line, "unknown_ref_suggest" if close else "unknown_ref", **where,
                                    **args, **({"suggestion": close[0]} if close else {})))


def _check_translations(content: Content, ctype: ContentType) -> None:
    """An item's file in one language and not in another: a warning naming the file to add."""
    for item_id in sorted(content.all_ids(ctype.key)):
        present = [lang.code for lang in content.languages if item_id in content.names[(lang.code, ctype.key)]]
        source = present[0]
        for lang in content.languages:
            if lang.code not in present and (lang.code, ctype.key) not in content.broken:
                content.problems.append(problem(
                    content.file(source, ctype.key, item_id), None, "missing_translation", kind=ctype.key,
                    item=item_id, severity=WARNING, file=content.file(lang.code, ctype.key, item_id),
                    language=LanguageName(lang.code)))
        _check_neutral(content, ctype, item_id)


def _check_neutral(content: Content, ctype: ContentType, item_id: str | None) -> None:
    """Dates, numbers, codes and links must agree across languages: a translation never changes a fact."""
    def get(lang: str) -> dict | None:
        return content.find(lang, ctype.key, item_id) if item_id else content.data[lang].get(ctype.key)

    present = [lang.code for lang in content.languages if get(lang.code)]
    if len(present) < 2:
        return
    base_lang, others = present[0], present[1:]
    base = get(base_lang)
    for lang in others:
        other = get(lang)
        for name in ctype.neutral:
            if other.get(name) != base.get(name):
                content.problems.append(problem(
                    content.file(lang, ctype.key, item_id), content.line(lang, ctype.key, item_id, name),
                    "neutral_differs", kind=ctype.key if item_id else None, item=item_id, field=name,
                    file=content.file(base_lang, ctype.key, item_id),
                    value=_typed(content, base_lang, ctype, item_id, name)))


def _typed(content: Content, lang: str, ctype: ContentType, item_id: str | None, name: str) -> str:
    """A field's value as written in `lang`'s file (YAML, as the editor sees it), or — if absent."""
    typed = content.docs[(lang, ctype.key, item_id)].typed((name,))
    return "—" if typed is None else " ".join(typed.split())


def _check_cedilla(content: Content, shown: str, ctype: ContentType, doc, item_id: str | None) -> None:
    for path, text in _texts(doc.data, ()):
        match = CEDILLA_WORD.search(text)
        if match:
            content.problems.append(problem(
                shown, doc.line(path), "cedilla", kind=ctype.key if item_id else None, item=item_id,
                field=".".join(str(p) for p in path if isinstance(p, str)) or None, severity=WARNING,
                word=match.group(), fixed=match.group().translate(CEDILLA)))


def _texts(value, path: tuple):
    """Every text value in the data, with its path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, v in value.items():
            yield from _texts(v, path + (key,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _texts(v, path + (i,))
