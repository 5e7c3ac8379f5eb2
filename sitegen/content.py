"""Loads and checks all content of all languages before anything is generated.

Every problem is collected (never only the first), so an editor fixes them all in one round. A
file or item with an error is left out of the data, and the checks that compare files skip what
they cannot see, so that one mistake is reported once and not again as a false consequence.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from . import dates, invisible, media, schema, urls, yamlfile
from .languages import Language
from .model import BY_KEY, TYPES, ContentType
from .problems import ERROR, WARNING, LanguageName, Problem, Term, problem, sort_key

CEDILLA = str.maketrans("şţŞŢ", "șțȘȚ")
CEDILLA_WORD = re.compile(r"\S*[şţŞŢ]\S*")
CEDILLA_LANGUAGES = {"ro"}  # Romanian is written with comma-below ș ț; cedilla is a keyboard slip
FILE_FIELDS = ("file", "image")


@dataclass
class Content:
    root: Path  # the project folder; content/ and schemas/ are inside
    languages: list[Language]
    data: dict[str, dict[str, object]] = field(default_factory=dict)  # lang -> type key -> data
    docs: dict[tuple[str, str], yamlfile.Document] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    by_id: dict[tuple[str, str], dict[str, dict]] = field(default_factory=dict)  # (lang, type) -> id -> item
    # (lang, type) -> id -> index of the item in its file, to find the line of any of its fields
    positions: dict[tuple[str, str], dict[str, int]] = field(default_factory=dict)
    broken: set[tuple[str, str]] = field(default_factory=set)  # files with at least one error

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
            seen.update(dict.fromkeys(self.by_id.get((lang.code, key), {})))
        return list(seen)

    def find(self, lang: str, key: str, item_id: str) -> dict | None:
        return self.by_id.get((lang, key), {}).get(item_id)

    def line(self, lang: str, key: str, item_id: str | None, name: str | None = None) -> int | None:
        path = () if item_id is None else (self.positions[(lang, key)][item_id],)
        return self.docs[(lang, key)].line(path + ((name,) if name else ()))

    def complete(self, key: str) -> bool:
        """True when the type's file loaded without error in every language."""
        return not any((lang.code, key) in self.broken for lang in self.languages)

    def file(self, lang: str, key: str) -> str:
        return f"content/{lang}/{key}.yml"


def load(root: Path, languages: list[Language]) -> Content:
    content = Content(root, languages)
    content.problems += media.files(root)[1]
    checkers = schema.load(root / "schemas")
    for lang in languages:
        content.data[lang.code] = {}
        for ctype in TYPES:
            _load_file(content, lang.code, ctype, checkers[ctype.key])
    _check_across(content)
    content.problems.sort(key=sort_key)
    return content


def _load_file(content: Content, lang: str, ctype: ContentType, checker: schema.Checker) -> None:
    shown = content.file(lang, ctype.key)
    path = content.root / shown
    content.broken.add((lang, ctype.key))  # until proven whole
    if not path.is_file() and not path.is_symlink():  # a link is refused by the loader, by name
        content.problems.append(problem(shown, None, "file_missing"))
        return
    if path.resolve() != content.root.resolve() / shown:  # the file, or a folder on its way, is a link
        content.problems.append(problem(shown, None, "file_is_link"))
        return
    doc, problems = yamlfile.load(path, shown)
    content.problems += problems
    if doc is None:
        return
    content.docs[(lang, ctype.key)] = doc
    noted = doc.problems(shown, ctype.key)
    if lang in CEDILLA_LANGUAGES:
        _check_cedilla(content, shown, ctype, doc)
    if doc.data is None and not ctype.is_list:
        content.problems.append(problem(shown, 1, "file_empty"))
        return
    data, empty = schema.without_empty([] if doc.data is None else doc.data)
    data = schema.coerce(checker.plan, data)
    found, bad = schema.check(checker, data, shown=shown, doc=doc, kind=ctype.key, empty=empty)
    # One message per problem: an error the loader found is the cause of what the schema then
    # refuses (`title: #2` is empty because of the `#`); the schema's word on an invisible
    # character in an id is more exact than the loader's warning.
    causes = {(p.line, p.field) for p in noted if p.severity == ERROR}
    content.problems += [p for p in found if (p.line, p.field) not in causes]
    explained = {(p.line, p.field) for p in found}
    content.problems += [p for p in noted if p.severity == ERROR or (p.line, p.field) not in explained]
    _check_links(content, shown, ctype, doc, checker, data)
    if not ctype.is_list:
        if not bad:
            content.data[lang][ctype.key] = data
            _check_dates(content, shown, doc, ctype, None, (), data)
            content.broken.discard((lang, ctype.key))
        return
    if () in bad:
        return
    good = {i: item for i, item in enumerate(data) if (i,) not in bad}
    if _check_items(content, lang, ctype, doc, good) and not bad:
        content.broken.discard((lang, ctype.key))


def _check_items(content: Content, lang: str, ctype: ContentType, doc, items: dict[int, dict]) -> bool:
    """Checks each item on its own; False when an id is used twice (the file is then incomplete)."""
    shown = content.file(lang, ctype.key)
    unique = True
    positions = content.positions[(lang, ctype.key)] = {}
    by_id = content.by_id[(lang, ctype.key)] = {}
    for index, item in items.items():
        item_id = item["id"]
        where = dict(kind=ctype.key, item=item_id)
        if item_id in positions:
            content.problems.append(problem(shown, doc.line((index, "id")), "duplicate_id", field="id",
                                            first=doc.line((positions[item_id], "id")), **where))
            unique = False
            continue
        positions[item_id], by_id[item_id] = index, item
        _check_dates(content, shown, doc, ctype, item_id, (index,), item)
        for name in FILE_FIELDS:
            if name in item:
                _check_file(content, shown, doc.line((index, name)), item[name], name, where)
        for n, entry in enumerate(item.get("gallery", [])):
            _check_file(content, shown, doc.line((index, "gallery", n, "image")), entry["image"], "gallery.image",
                        where)
        if "image" in item and "image_alt" not in item:
            content.problems.append(problem(shown, doc.line((index, "image")), "image_no_alt",
                                            field="image_alt", **where))
    content.data[lang][ctype.key] = list(by_id.values())
    return unique


def _check_links(content: Content, shown: str, ctype: ContentType, doc, checker: schema.Checker, data) -> None:
    """A link in Markdown goes to a web page, an e-mail address, a telephone number or this site.
    Anything else (a `javascript:` link, however it is spelt) is refused, and so is an image in the
    text (from another host, visitors would be seen loading it; from the site, it would skip the
    photo pipeline and its metadata), so that nothing is silently dropped."""
    for path, text in schema.markdown_paths(checker, data):
        for address, image in urls.markdown_addresses(text):
            if not image and urls.is_safe_link(address):
                continue
            index = path[0] if path and isinstance(path[0], int) else None
            item = data[index].get("id") if index is not None and isinstance(data[index], dict) else None
            content.problems.append(problem(
                shown, doc.line(path), ("image_elsewhere" if not urls.is_own_file(address) else "image_in_text")
                if image else "unsafe_link",
                kind=ctype.key if item else None, item=item, field=".".join(p for p in path if isinstance(p, str)),
                address=address, scheme=urls.scheme(address) or "//"))


def _check_dates(content: Content, shown: str, doc, ctype: ContentType, item_id, path: tuple, data: dict) -> None:
    start, end = data.get("start"), data.get("end")
    if start and end and dates.last(end) < dates.first(start):
        content.problems.append(problem(shown, doc.line(path + ("end",)), "end_before_start", kind=ctype.key,
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


def _check_addresses(content: Content) -> None:
    """Every item page needs an address of its own: an id that is already a section, a language,
    a folder of the site or another item's address would hide the page or the other one."""
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
        for item_id in content.item_ids(ctype.key):
            lang = next(lang.code for lang in content.languages if item_id in content.by_id.get((lang.code, ctype.key), {}))
            own = [urls.page_url(ctype.section, item_id)]
            own += [urls.event_calendar(item_id)] if ctype.key == "events" else []
            for address in own:
                top = address.split("/")[0] + "/"
                holder = site.get(address) or (site.get(top) if top != address and ctype.section == "" else None)
                if address == "index/" or address.endswith("/index/"):  # index.md is the section's own
                    address = urls.page_url(ctype.section)
                    holder = site[address]
                where = dict(kind=ctype.key, item=item_id, field="id")
                shown, line = content.file(lang, ctype.key), content.line(lang, ctype.key, item_id, "id")
                if holder:
                    content.problems.append(problem(shown, line, "address_reserved", address="/" + address,
                                                    holder=Term("addresses", holder[0]), name=holder[1], **where))
                elif address in items:
                    other_key, other_id, other_lang = items[address]
                    content.problems.append(problem(
                        shown, line, "address_taken", address="/" + address, other=other_id,
                        other_kind=Term("kinds", other_key),
                        other_line=f"{content.file(other_lang, other_key)}:"
                                   f"{content.line(other_lang, other_key, other_id, 'id')}", **where))
                else:
                    items[address] = (ctype.key, item_id, lang)


def _check_across(content: Content) -> None:
    _check_addresses(content)
    for ctype in TYPES:
        if ctype.is_list:
            _check_refs(content, ctype)
            if content.complete(ctype.key):
                _check_translations(content, ctype)
        elif content.complete(ctype.key):
            _check_neutral(content, ctype, None)
    if content.complete("project"):
        for lang in content.languages:
            partner = content.data[lang.code]["project"]["organisation"]["partner"]
            _check_ref(content, lang.code, BY_KEY["project"], None, ("organisation", "partner"), partner, "partners")


def _check_refs(content: Content, ctype: ContentType) -> None:
    for name, target in ctype.refs:
        if not content.complete(target):
            continue  # its ids are not all known: a reference cannot be judged
        for lang in content.languages:
            for item_id, item in content.by_id.get((lang.code, ctype.key), {}).items():
                values = item.get(name)
                for value in values if isinstance(values, list) else [values] if values else []:
                    index = content.positions[(lang.code, ctype.key)][item_id]
                    _check_ref(content, lang.code, ctype, item_id, (index, name), value, target)


def _check_ref(content: Content, lang: str, ctype: ContentType, item_id, path: tuple, value, target: str) -> None:
    ids = content.item_ids(target)
    if value in ids:
        return
    close = difflib.get_close_matches(value, ids, n=1, cutoff=0.6)
    args = {"value": value, "target": content.file(lang, target)}
    content.problems.append(problem(
        content.file(lang, ctype.key), content.docs[(lang, ctype.key)].line(path),
        "unknown_ref_suggest" if close else "unknown_ref", kind=ctype.key if item_id else None, item=item_id,
        field=".".join(p for p in path if isinstance(p, str)), **args, **({"suggestion": close[0]} if close else {})))


def _check_translations(content: Content, ctype: ContentType) -> None:
    for item_id in content.item_ids(ctype.key):
        present = [lang for lang in content.languages if item_id in content.by_id[(lang.code, ctype.key)]]
        source = present[0].code
        for lang in content.languages:
            if lang not in present:
                content.problems.append(problem(
                    content.file(source, ctype.key), content.line(source, ctype.key, item_id, "id"),
                    "missing_translation", kind=ctype.key, item=item_id, severity=WARNING,
                    file=content.file(lang.code, ctype.key), language=LanguageName(lang.code)))
        _check_neutral(content, ctype, item_id)
    _check_order(content, ctype)


def _check_order(content: Content, ctype: ContentType) -> None:
    """The web editor shows each item beside its translation by their place in the list: the same
    ids in another order would pair an item with another item's translation."""
    default = list(content.by_id[(content.default, ctype.key)])
    for lang in content.languages[1:]:
        own = list(content.by_id[(lang.code, ctype.key)])
        for position, (mine, theirs) in enumerate(zip(own, default), 1):
            if mine != theirs:
                content.problems.append(problem(
                    content.file(lang.code, ctype.key), content.line(lang.code, ctype.key, mine, "id"),
                    "order_differs", kind=ctype.key, item=mine, field="id", severity=WARNING, position=position,
                    file=content.file(content.default, ctype.key), other=theirs))
                break  # the first difference explains the rest


def _check_neutral(content: Content, ctype: ContentType, item_id: str | None) -> None:
    """Dates, numbers, codes and links must agree across languages: a translation never changes a fact."""
    def get(lang: str) -> dict | None:
        return content.find(lang, ctype.key, item_id) if item_id else content.data[lang].get(ctype.key)

    present = [lang.code for lang in content.languages if get(lang.code)]
    base_lang, others = present[0], present[1:]
    base = get(base_lang)
    for lang in others:
        other = get(lang)
        for name in ctype.neutral:
            if other.get(name) != base.get(name):
                content.problems.append(problem(
                    content.file(lang, ctype.key), content.line(lang, ctype.key, item_id, name), "neutral_differs",
                    kind=ctype.key if item_id else None, item=item_id, field=name,
                    file=content.file(base_lang, ctype.key), value=_typed(content, base_lang, ctype, item_id, name)))


def _typed(content: Content, lang: str, ctype: ContentType, item_id: str | None, name: str) -> str:
    """A field's value as written in `lang`'s file (YAML, as the editor sees it), or — if absent."""
    path = (() if item_id is None else (content.positions[(lang, ctype.key)][item_id],)) + (name,)
    typed = content.docs[(lang, ctype.key)].typed(path)
    return "—" if typed is None else " ".join(typed.split())


def _check_cedilla(content: Content, shown: str, ctype: ContentType, doc) -> None:
    for path, text in _texts(doc.data, ()):
        match = CEDILLA_WORD.search(text)
        if match:
            index = path[0] if path and isinstance(path[0], int) else None
            item = doc.data[index].get("id") if index is not None and isinstance(doc.data[index], dict) else None
            item = item if isinstance(item, str) else None
            content.problems.append(problem(
                shown, doc.line(path), "cedilla", kind=ctype.key if item else None, item=item,
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
