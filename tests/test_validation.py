"""Every mistake an editor can make in the content ends in one line they can act on, and no site.

Each case copies the project with the fixture content (tests/fixtures/content, never the real
content: the officer may delete or rename any real item), breaks one thing and checks it: exit
status, `file:line:`, the field, the words of the message, and never a traceback. Most run the
check in this process (the same `main()` as `python -m sitegen check`); a few run the command and
`mkdocs build` for real.

Content is one file per item, content/<lang>/<kind>/<id>.yml (the file name is the id), and one
file per record kind (project.yml, sections.yml, identity.yml): tests/contentfiles.py edits it.
"""
from __future__ import annotations

import contextlib
import functools
import io
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
import yaml

from conftest import FIXTURE_CONTENT
from contentfiles import edit, item_file, rename_item, to_old_layout, write_item
from sitegen import cli, countries, messages, scaffold
from sitegen.model import TYPES

REPO = Path(__file__).resolve().parent.parent
CHECKED = ("content", "schemas", "strings", "mkdocs.yml")
BUILT = CHECKED + ("templates", "sitegen", "hooks", "overrides", "docs/assets")


@pytest.fixture(autouse=True)
def romanian(monkeypatch):
    monkeypatch.delenv(messages.ENV, raising=False)


def copy_project(dest: Path, parts=CHECKED, content: Path = FIXTURE_CONTENT) -> Path:
    """The parts of the project the check (or the build) needs, with the fixture content."""
    for part in parts:
        source = content if part == "content" else REPO / part
        if source.is_dir():
            shutil.copytree(source, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            (dest / part).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / part)
    return dest


def run_check(root: Path, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = cli.main(["check", "--root", str(root), *args])
    return code, out.getvalue()


@functools.cache
def _untouched(tmp: str) -> tuple[int, str]:
    return run_check(copy_project(Path(tmp) / "untouched"))


def untouched(tmp_path_factory) -> tuple[int, str]:
    """What the check says of the fixture content as it is: exit 0, with the warning of its
    Romanian-only good practice. A change that is no mistake must leave exactly this."""
    return _untouched(str(tmp_path_factory.getbasetemp()))


def run(command: list[str], cwd: Path, **env) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env})


@dataclass
class Case:
    """One mistake: `breaks(root)` makes it in a copy of the project and returns (file, line) of
    the message expected; `item` is (kind, id) of the one item file it breaks, when it breaks
    exactly one: content/<lang>/<kind>/<id>.yml, `file` telling the language (a case that renames
    the file says so in its name); None when it breaks a record file, several files, or none."""
    name: str
    breaks: Callable[[Path], tuple[str, int | None]]  # -> (file, line) of the mistake
    field: str | None
    words: str  # part of the message, in Romanian
    status: int = 1
    item: tuple[str, str] | None = None


def line_of(rel, old, new):
    return lambda root: (rel, edit(root, rel, old, new))


def replace_line(rel, start, new):
    """Replace the whole first line that starts with `start` (or delete it: `new` None)."""
    def breaks(root):
        path = root / rel
        lines = path.read_text(encoding="utf-8").split("\n")
        index = next(i for i, line in enumerate(lines) if line.startswith(start))
        lines[index:index + 1] = [new] if new is not None else []
        path.write_text("\n".join(lines), encoding="utf-8")
        return rel, index + 1
    return breaks


def write(rel: str, data: bytes, line: int | None = 1):
    def breaks(root):
        (root / rel).write_bytes(data)
        return rel, line
    return breaks


def renamed(kind: str, item_id: str, name: str):
    return lambda root: (rename_item(root, kind, item_id, name), None)


def missing_field(root: Path) -> tuple[str, int]:
    replace_line(N, "summary: ", None)(root)
    return N, 1  # a missing field is reported where the item's fields begin


def only_in_romanian(root: Path) -> tuple[str, None]:
    return write_item(root, "pages", "numai-romana", "title: Pagină\ndescription: Doar în română.\nbody: Text.\n"), None


def crlf_with_error(root: Path) -> tuple[str, int]:
    line = edit(root, N, "date: 2024-01-15", "date: 2024-01-32")
    path = root / N
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    return N, line


def twin_errors(root: Path) -> tuple[str, int]:
    # A YAML error in one file and a schema error in another: both in the same run.
    edit(root, item_file("news", "second", "en"), "title: ", "\ttitle: ")
    return PARTNER, edit(root, PARTNER, "lat: 62.2426", "lat: nord")


def old_list(root: Path) -> tuple[str, None]:
    """One list file of the old layout, beside the item folders: the whole folder is refused once."""
    rel = "content/ro/news.yml"
    (root / rel).write_text("- id: veche\n  title: Știre veche\n  summary: Din vechea formă.\n", encoding="utf-8")
    return rel, None


def ref_to_draft(root: Path) -> tuple[str, int]:
    """The fixture's draft activity named by a published event."""
    return EVENT, edit(root, EVENT, "activity: meetings", "activity: draft-activity")


def alias_bomb() -> bytes:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    return ("\n".join(lines) + "\n").encode()


# -- what issue 16 added: documents, links, characters, places ----------------------------------------

BODY = "body: Textul știrii de test."


def document_file(name: str, data: bytes | None = None, size: int | None = None):
    """The fixture's document named `name` in both languages, the file written (or grown to `size`)."""
    def breaks(root):
        path = root / "content" / "media" / "documents" / name
        if data is not None:
            path.write_bytes(data)
        if size is not None:
            with open(path, "r+b") as file:
                file.truncate(size)  # sparse: no disk written
        return DOCUMENT, edit(root, DOCUMENT, "file: media/documents/report.pdf", f"file: media/documents/{name}")
    return breaks


def media_file(name: str, data: bytes, named: bool = True):
    """A file of content/media/documents/ written over; reported where the document names it
    (`named`), or as the file itself."""
    def breaks(root):
        (root / "content" / "media" / "documents" / name).write_bytes(data)
        if not named:
            return f"content/media/documents/{name}", None
        lines = (root / DOCUMENT).read_text(encoding="utf-8").split("\n")
        return DOCUMENT, next(n for n, line in enumerate(lines, 1) if line.startswith("file: "))
    return breaks


def hard_link(root: Path) -> tuple[str, None]:
    outside = root.parent / "elsewhere.pdf"
    outside.write_bytes(b"%PDF-1.4 not the officer's\n")
    os.link(outside, root / "content/media/documents/legat.pdf")
    return "content/media/documents/legat.pdf", None


def link(address: str, with_templates: bool = False):
    """The kickoff news item's body with a link to `address` (the templates copied in when the
    check must know a page's anchors)."""
    def breaks(root):
        if with_templates:
            shutil.copytree(REPO / "templates", root / "templates", dirs_exist_ok=True)
        return N, edit(root, N, BODY, f"body: Vedeți [aici]({address}).")
    return breaks


# The fixture's items the cases break (tests/fixtures/content), in Romanian unless said.
KICKOFF = ("news", "kickoff")  # title, date 2024-01-15, summary, body, image, image_alt
N = item_file(*KICKOFF)
PARTNER = item_file("partners", "org-fi")  # country FI, lat 62.2426
EVENT = item_file("events", "past-meeting")  # start 2024-03-10, end 2024-03-11, kind, activity
PRACTICE = item_file("good_practices", "mentoring")  # partner, theme, website, contact
DOCUMENT = item_file("documents", "report")
PROJECT = "content/ro/project.yml"
IDENTITY = "content/identity.yml"
TITLE = "title: Lansarea proiectului de test"

CASES = [
    Case("tab indentation", line_of(N, "summary: ", "\tsummary: "), None, "Tab", item=KICKOFF),
    Case("unclosed double quote", line_of(N, TITLE, 'title: "Lansarea proiectului de test'), None,
         "ghilimelele deschise pe acest rând", item=KICKOFF),
    Case("unclosed single quote", line_of(N, TITLE, "title: 'Lansarea proiectului de test"), None,
         "ghilimelele deschise pe acest rând", item=KICKOFF),
    Case("bad indentation", line_of(N, "summary: ", " summary: "), None, "indentare greșită", item=KICKOFF),
    Case("colon in text", line_of(N, "summary: Proiectul", "summary: Atenție: Proiectul"), None, "între ghilimele",
         item=KICKOFF),
    Case("line without colon", line_of(N, TITLE, "title Lansarea proiectului de test"), None, "câmp: valoare",
         item=KICKOFF),
    Case("duplicate key", line_of(N, "summary: ", "date: 2024-01-16\nsummary: "), "date", "apare de două ori",
         item=KICKOFF),
    Case("wrong type", line_of(PARTNER, "lat: 62.2426", "lat: nord"), "lat", "trebuie să fie număr",
         item=("partners", "org-fi")),
    Case("list where text is due", line_of(N, TITLE, "title: [Lansarea, test]"), "title",
         "este listă: „[Lansarea, test]”", item=KICKOFF),
    Case("number written with a comma", line_of(PARTNER, "lat: 62.2426", "lat: 62,2426"), "lat",
         "trebuie să fie număr, dar este text: „62,2426”", item=("partners", "org-fi")),
    Case("number out of range as typed", line_of(PARTNER, "lat: 62.2426", "lat: 95.10"), "lat",
         "95.10 este mai mare", item=("partners", "org-fi")),
    Case("missing required field", missing_field, "summary", "lipsește; este obligatoriu", item=KICKOFF),
    Case("field name typo", line_of(N, TITLE, "titel: Lansarea"), "titel", "poate „title”", item=KICKOFF),
    Case("Romanian field name", line_of(N, TITLE, "titlu: Lansarea"), "titlu", "poate „title”", item=KICKOFF),
    Case("empty required field", replace_line(N, "summary: ", "summary:"), "summary", "este gol", item=KICKOFF),
    Case("misspelt country", line_of(PARTNER, "country: FI", "country: Finlnd"), "country",
         "„Finlnd” nu este o țară cunoscută (poate „FI”?)", item=("partners", "org-fi")),
    Case("EU country code", line_of(PARTNER, "country: FI", "country: EL"), "country", "poate „GR”",
         item=("partners", "org-fi")),
    Case("status not allowed", line_of(item_file("activities", "study"), "status: done", "status: finished"),
         "status", "nu este o valoare permisă", item=("activities", "study")),
    Case("event kind not allowed", line_of(EVENT, "kind: partner-meeting", "kind: partner-meetng"), "kind",
         "poate „partner-meeting”", item=("events", "past-meeting")),
    Case("theme not allowed", line_of(PRACTICE, "theme: entrepreneurship", "theme: antreprenoriat"), "theme",
         "valorile permise", item=("good_practices", "mentoring")),
    Case("date that does not exist", line_of(N, "date: 2024-01-15", "date: 2024-02-30"), "date",
         "nu este o dată reală", item=KICKOFF),
    Case("date in another form", line_of(N, "date: 2024-01-15", "date: 15.01.2024"), "date", "AAAA-LL-ZZ",
         item=KICKOFF),
    Case("end before start", line_of(EVENT, "end: 2024-03-11", "end: 2024-03-09"), "end",
         "înaintea datei de început", item=("events", "past-meeting")),
    # Dates known to the month or year: where each content type allows them, and only real ones.
    Case("month where a day is due", line_of(PROJECT, "start: 2024-01-01", "start: 2024-01"), "start",
         "nu este o dată reală; scrieți AAAA-LL-ZZ"),
    Case("year for an event", line_of(EVENT, "start: 2024-03-10", "start: 2024"), "start",
         "luna AAAA-LL (de ex. 2024-12)", item=("events", "past-meeting")),
    Case("month that does not exist", line_of(N, "date: 2024-01-15", "date: 2024-13"), "date",
         "anul AAAA (de ex. 2024)", item=KICKOFF),
    Case("year of five digits", line_of(N, "date: 2024-01-15", "date: 20241"), "date", "anul AAAA", item=KICKOFF),
    Case("month ending before the start", line_of(EVENT, "end: 2024-03-11", "end: 2024-02"), "end",
         "înaintea datei de început", item=("events", "past-meeting")),
    Case("URL without scheme", line_of(PRACTICE, "website: https://example.org/mentoring",
                                       "website: example.org/mentoring"),
         "website", "nu este o adresă web completă", item=("good_practices", "mentoring")),
    Case("URL without a real host", line_of(PROJECT, "website: https://example.org/demo", "website: https://demo"),
         "website", "adresă web completă"),
    Case("e-mail address", line_of(PRACTICE, "contact: test@example.org", "contact: test(at)example.org"), "contact",
         "nu este o adresă de e-mail validă", item=("good_practices", "mentoring")),
    Case("unknown activity", line_of(EVENT, "activity: meetings", "activity: meetingz"), "activity",
         "poate „meetings”", item=("events", "past-meeting")),
    Case("unknown partner", line_of(PRACTICE, "partner: org-fi", "partner: org-fx"), "partner",
         "content/ro/partners/", item=("good_practices", "mentoring")),
    Case("district not in the map's data", line_of(PROJECT, "division: MD-UN", "division: MD-UG"),
         "region.map.division", "„MD-UG” nu este o unitate administrativă a țării MD"),
    Case("unknown organisation partner", line_of(PROJECT, "  partner: org-md", "  partner: org-mx"),
         "organisation.partner", "poate „org-md”"),
    Case("reference to a draft", ref_to_draft, "activity",
         "„draft-activity” este o ciornă (content/ro/activities/draft-activity.yml)", item=("events", "past-meeting")),
    Case("document file missing", line_of(DOCUMENT, "file: media/documents/report.pdf", "file: media/nu-exista.pdf"),
         "file", "nu există", item=("documents", "report")),
    Case("path out of media", line_of(DOCUMENT, "file: media/documents/report.pdf", "file: media/../mkdocs.yml"),
         "file", "fără ..", item=("documents", "report")),
    Case("image without alt text", lambda root: (replace_line(N, "image_alt: ", None)(root)[0], 5), "image_alt",
         "descriere", item=KICKOFF),
    Case("image file missing", line_of(N, "image: media/images/meeting.png", "image: media/lipsa.jpg"), "image",
         "nu există", item=KICKOFF),
    Case("invalid id", line_of(EVENT, "activity: meetings", "activity: Întâlniri de test"), "activity",
         "nu este un id valid", item=("events", "past-meeting")),
    Case("text on two lines", replace_line(N, "summary: ", "summary: |\n  Două\n  rânduri"), "summary",
         "un singur rând", item=KICKOFF),
    Case("fact differs between languages", line_of(item_file("news", "kickoff", "en"), "date: 2024-01-15",
                                                   "date: 2024-01-16"),
         "date", "diferă de content/ro/news/kickoff.yml", item=KICKOFF),
    Case("file missing", lambda root: ((root / "content/en/sections.yml").unlink(), ("content/en/sections.yml", None))[1],
         None, "fișierul lipsește"),
    # An item's file holds one block of fields: not a list (pasted from the old layout), not text.
    Case("item file that is a list", write(N, "- title: Știre\n  summary: Rezumat.\n".encode()), None,
         "conține o listă", item=KICKOFF),
    Case("item file that is plain text", write(N, "Lansarea proiectului de test\n".encode()), None,
         "câmpuri de forma „câmp: valoare”", item=KICKOFF),
    Case("id line in an item file", line_of(N, TITLE, "id: kickoff\n" + TITLE), "id",
         "ștergeți rândul „id: kickoff”", item=KICKOFF),
    Case("two documents", line_of(N, "summary: ", "---\nsummary: "), None, "mai multe documente", item=KICKOFF),
    Case("control character", line_of(N, TITLE, "title: Lans\x07area"), None, "caracter de control", item=KICKOFF),
    Case("empty project file", write(PROJECT, b"", 1), None, "fișierul este gol"),
    Case("empty item file", write(N, b"", 1), None, "fișierul este gol", item=KICKOFF),
    Case("not UTF-8", write(N, "title: Ştire\nsummary: Ţară\n".encode("cp1250"), 1), None, "UTF-8", item=KICKOFF),
    Case("alias bomb", write(N, alias_bomb(), 2), None, "aliasurile YAML", item=KICKOFF),
    Case("deep nesting", write(N, b"title: " + b"[" * 5000 + b"]" * 5000 + b"\n", 1), None, "imbricate prea adânc",
         item=KICKOFF),
    Case("Windows line endings keep line numbers", crlf_with_error, "date", "nu este o dată reală", item=KICKOFF),
    Case("errors in two files at once", twin_errors, "lat", "număr"),
    # A file name is an id, and so an address: what cannot be one is named, with a name that can.
    Case("file name with capitals, diacritics and a space (renamed)", renamed("news", "second", "Știre Nouă.yml"),
         None, "numele fișierului „Știre Nouă.yml” nu poate fi adresa unei pagini", item=("news", "second")),
    Case("file name that suggests its fix (renamed)", renamed("news", "second", "Știre Nouă.yml"), None,
         "de ex. „stire-noua.yml”", item=("news", "second")),
    Case("file name ending in .yaml (renamed)", renamed("news", "second", "second.yaml"), None,
         "„second.yaml” nu poate fi adresa unei pagini: folosiți litere mici fără diacritice, cifre și cratime, cu "
         "extensia .yml, de ex. „second.yml”", item=("news", "second")),
    Case("old layout", old_list, None, "conținutul este încă în vechea formă"),
    # The site's colours keep text readable: WCAG 2.1 AA contrast, checked like any other content.
    Case("colour with too little contrast", line_of(IDENTITY, '  primary: "#1b5e20"', '  primary: "#7fa7d9"'),
         "palette.primary", "sub cele 4,5:1 cerute de WCAG 2.1 AA"),
    Case("accent too light for text", line_of(IDENTITY, '  accent: "#6a1b9a"', '  accent: "#f0a030"'),
         "palette.accent", "fundalul alb al paginilor, #ffffff, este 2,"),
    Case("colour without quotes", line_of(IDENTITY, '  accent: "#6a1b9a"', '  accent: #6a1b9a'),
         "palette.accent", "între ghilimele"),
    Case("not a colour", line_of(IDENTITY, '  surface: "#f3f8f3"', '  surface: verde'),
         "palette.surface", "nu este o culoare"),
    # Warnings: said, and the site is still published.
    Case("item in one language only", only_in_romanian, None,
         "avertisment: lipsește din content/en/pages/numai-romana.yml", status=0, item=("pages", "numai-romana")),
    Case("cedilla letters", line_of(N, TITLE, "title: Lansarea proiectului şi ţintele"), "title",
         "avertisment: „şi” este scris cu sedilă (ş ţ); scrieți „și”", status=0, item=KICKOFF),
    Case("error in a draft", line_of(item_file("news", "draft-news"), "date: 2099-12-31", "date: 2099-02-30"), "date",
         "nu este o dată reală", item=("news", "draft-news")),
    Case("document of a type not allowed", document_file("arhiva.zip", b"PK\x03\x04" + b"\0" * 60), "file",
         "fișierele .zip nu se publică", item=("documents", "report")),
    Case("document that is not what its name says", media_file("report.pdf", b"MZ\x90\0" + b"\0" * 60), None,
         "este de fapt un fișier program"),
    Case("document too large", document_file("scan.pdf", b"%PDF-1.4\n", size=30 * 1024 * 1024), "file",
         "cel mult 25 MiB", item=("documents", "report")),
    Case("document file name with spaces", document_file("Raport final.pdf", b"%PDF-1.4\n%%EOF\n"), "file",
         "scrieți aici „media/documents/raport-final.pdf”", item=("documents", "report")),
    Case("file nothing uses", media_file("vechi.pdf", b"%PDF-1.4\n%%EOF\n", named=False), None,
         "avertisment: fișierul nu este folosit", status=0),
    Case("hard link in media", hard_link, None, "(hard link)"),
    Case("link to a page that is not there", link("/news/sters/"), "body", "nu duce la nicio pagină",
         item=KICKOFF),
    Case("link written relative to the page", link("../second/"), "body", "nu este scris ca adresă a site-ului",
         item=KICKOFF),
    Case("link to a file that is not there", link("media/documents/lipsa.pdf"), "body", "care nu există",
         item=KICKOFF),
    Case("link to a draft", link("/news/draft-news/"), "body", "duce la o ciornă", item=KICKOFF),
    Case("link to an anchor that is not there", link("/events/#nicaieri", with_templates=True), "body",
         "nu are secțiunea „#nicaieri”", item=KICKOFF),
    Case("character the site cannot publish", line_of(N, TITLE, 'title: "Lans\\barea"'), "title",
         "U+0008 (control character) (coloana 13)", item=KICKOFF),
    Case("seat outside its country", line_of(PARTNER, "lat: 62.2426", "lat: 21"), "lat",
         "în afara țării FI", item=("partners", "org-fi")),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_broken_content(case: Case, tmp_path):
    root = copy_project(tmp_path)
    rel, line = case.breaks(root)
    code, out = run_check(root)
    where = f"{rel}:{line}: " if line else f"{rel}: "
    lines = [text for text in out.splitlines() if text.startswith(where)]
    assert code == case.status, out
    assert lines, f"nothing at {where}\n{out}"
    matching = [text for text in lines if case.words in text]
    assert matching, out
    if case.field:
        assert any(f"câmpul „{case.field}”" in text for text in matching), out
    if case.item:
        kind, item_id = case.item
        assert rel.startswith(f"content/ro/{kind}/") or rel.startswith(f"content/en/{kind}/"), rel
        assert rel.endswith(f"/{item_id}.yml") or "renamed" in case.name, rel
    assert "Traceback" not in out


def test_every_case_names_the_item_it_breaks():
    """The corpus is reused (the web editor's test feeds it the single-item cases): a case that
    edits one item file says which, and one that edits none or several says none."""
    for case in CASES:
        if case.item:
            assert case.item[0] in {t.key for t in TYPES if t.is_list}, case.name
    singles = {case.name for case in CASES if case.item}
    assert len(singles) >= 40
    assert "errors in two files at once" not in singles and "old layout" not in singles


@pytest.mark.parametrize("case", [c for c in CASES if c.item], ids=[c.name for c in CASES if c.item])
def test_a_single_item_case_changes_that_items_file_only(case: Case, tmp_path):
    root = copy_project(tmp_path)
    before = _files(root / "content")
    rel, _ = case.breaks(root)
    after = _files(root / "content")
    changed = {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}
    kind, item_id = case.item
    changed -= {path for path in changed if path.startswith("media/")}  # a file the broken item names
    assert changed and all(path.startswith((f"ro/{kind}/", f"en/{kind}/")) for path in changed), changed
    assert {Path(path).parent.parent.name for path in changed} <= {"ro", "en"}
    assert len(changed) == (2 if "renamed" in case.name else 1), changed  # a rename: one file gone, one new
    assert all(Path(path).name in (f"{item_id}.yml", Path(rel).name) for path in changed), changed


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_real_content_is_clean():
    code, out = run_check(REPO)
    assert (code, out.strip()) == (0, messages.get("cli", "ok", "ro"))


def test_fixture_content_has_only_its_own_warning(tmp_path_factory):
    code, out = untouched(tmp_path_factory)
    problems = [line for line in out.splitlines() if line.startswith("content/")]
    assert code == 0 and len(problems) == 1, out
    assert problems[0].startswith("content/ro/good_practices/only-romanian.yml: ") and "avertisment" in problems[0]


def test_every_problem_in_one_run(tmp_path):
    root = copy_project(tmp_path)
    edit(root, PARTNER, "country: FI", "country: Finlnd")
    news_line = edit(root, N, "date: 2024-01-15", "date: 2024-02-30")
    edit(root, item_file("events", "past-meeting", "en"), "activity: meetings", "activity: nowhere")
    (root / "content/en/project.yml").write_text("name: [\n", encoding="utf-8")
    code, out = run_check(root)
    assert code == 1
    for where in (f"{PARTNER}:", f"{N}:{news_line}:", "content/en/events/past-meeting.yml:", "content/en/project.yml:"):
        assert where in out


def test_a_kind_without_items_is_valid(tmp_path, tmp_path_factory):
    """A kind whose folder is empty, holds only its README.md, or is not there at all."""
    root = copy_project(tmp_path)
    (root / "content/media/documents/report.pdf").unlink()  # no document uses it now
    for lang in ("ro", "en"):
        shutil.rmtree(root / f"content/{lang}/documents")
        for path in (root / f"content/{lang}/news").glob("*.yml"):
            path.unlink()
        (root / f"content/{lang}/news/README.md").write_text("Știrile, cele mai noi primele.\n", encoding="utf-8")
        edit(root, f"content/{lang}/results/study-report.yml", "documents: [report]\n", "")
    assert run_check(root) == untouched(tmp_path_factory)


def test_notes_and_what_file_managers_leave_in_a_kind_folder_are_ignored(tmp_path, tmp_path_factory):
    root = copy_project(tmp_path)
    folder = root / "content/ro/news"
    (folder / "README.md").write_text("# Știrile\n\n- id: nu este un element\n", encoding="utf-8")
    (folder / ".DS_Store").write_bytes(b"\x00\x00")
    (folder / "Thumbs.db").write_bytes(b"\x00")
    (folder / ".kickoff.yml.swp").write_bytes(b"\x00")
    assert run_check(root) == untouched(tmp_path_factory)


@pytest.mark.parametrize("name, words", [
    ("poza.jpg", "fișierul nu este un element (numai fișierele .yml sunt citite aici)"),
    ("notes.txt", "fișierul nu este un element"),
    ("LICENSE", "fișierul nu este un element"),
], ids=["photo", "text", "no extension"])
def test_a_stray_file_in_a_kind_folder_is_a_warning(tmp_path, name, words):
    root = copy_project(tmp_path)
    (root / "content/ro/news" / name).write_bytes(b"\xff\xd8\xff")
    code, out = run_check(root)
    assert code == 0, out
    lines = [line for line in out.splitlines() if line.startswith(f"content/ro/news/{name}: ")]
    assert len(lines) == 1 and "avertisment" in lines[0] and words in lines[0], out


def test_a_folder_in_a_kind_folder_is_a_warning_and_not_read(tmp_path):
    root = copy_project(tmp_path)
    (root / "content/ro/news/vechi").mkdir()
    (root / "content/ro/news/vechi/x.yml").write_text("title: [\n", encoding="utf-8")  # never read
    code, out = run_check(root)
    assert code == 0, out
    (line,) = [line for line in out.splitlines() if line.startswith("content/ro/news/vechi")]
    assert line.startswith("content/ro/news/vechi: avertisment: un dosar") and "x.yml" not in out


def test_the_old_layout_is_one_message_and_nothing_else(tmp_path):
    """Content still kept one list per kind (as before): one error naming the migration, not one
    per file nor the problems of each item."""
    root = copy_project(tmp_path)
    to_old_layout(root / "content")
    assert (root / "content/ro/news.yml").is_file() and not (root / "content/ro/news").exists()
    code, out = run_check(root)
    problems = [line for line in out.splitlines() if line.startswith("content/")]
    assert code == 1 and len(problems) == 1, out
    assert problems[0].startswith("content/ro/activities.yml: ")
    assert "vechea formă" in problems[0] and "16 fișiere" in problems[0] and "python3 dev.py migrate" in problems[0]
    assert "still in the old layout" in run_check(root, "--lang", "en")[1]


def test_byte_order_mark_is_accepted(tmp_path, tmp_path_factory):
    root = copy_project(tmp_path)
    path = root / N
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert run_check(root) == untouched(tmp_path_factory)


def test_huge_file_is_refused_quickly(tmp_path):
    root = copy_project(tmp_path)
    (root / N).write_bytes(b"# " + b"x" * 6_000_000 + b"\n")
    started = time.perf_counter()
    code, out = run_check(root)
    assert code == 1 and f"{N}:1: fișierul este prea mare" in out
    assert time.perf_counter() - started < 5


def test_english_messages_through_the_environment(tmp_path, monkeypatch):
    root = copy_project(tmp_path)
    line = edit(root, PARTNER, "country: FI", "country: Finlnd")
    monkeypatch.setenv(messages.ENV, "en")
    code, out = run_check(root)
    assert code == 1
    assert (f"{PARTNER}:{line}: partner “org-fi”, field “country”: “Finlnd” is not a known "
            "country (did you mean “FI”?)") in out


# -- the real commands -------------------------------------------------------------------------

def test_check_command_in_english(tmp_path):
    root = copy_project(tmp_path, BUILT)
    line = edit(root, PRACTICE, "country: FI", "country: Finlnd")
    result = run([sys.executable, "-m", "sitegen", "check", "--lang", "en"], root)
    assert result.returncode == 1
    assert (f"{PRACTICE}:{line}: good practice “mentoring”, field “country”: "
            "“Finlnd” is not a known country (did you mean “FI”?)") in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize("data, words", [
    (b"title: a\n\tsummary: x\n", f"{N}:2: un caracter Tab"),
    (alias_bomb(), f"{N}:2: aliasurile YAML"),
    ("title: Ştire\n".encode("utf-16"), f"{N}:1: fișierul nu este salvat ca text UTF-8"),
], ids=["tab", "alias bomb", "UTF-16"])
def test_check_command(tmp_path, data, words):
    root = copy_project(tmp_path, BUILT)
    (root / N).write_bytes(data)
    result = run([sys.executable, "-m", "sitegen", "check"], root)
    assert result.returncode == 1 and words in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_internal_error_is_a_sentence(tmp_path):
    root = copy_project(tmp_path, BUILT)
    (root / "mkdocs.yml").write_text("plugins: []\n", encoding="utf-8")
    result = run([sys.executable, "-m", "sitegen", "check"], root)
    assert result.returncode == 1 and "Eroare internă a verificării" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize("rel, old, new, words", [
    (PARTNER, "country: FI", "country: Finlnd", "„Finlnd” nu este o țară cunoscută (poate „FI”?)"),
    (item_file("news", "second", "en"), "title: ", "\ttitle: ", "un caracter Tab"),
    (EVENT, "activity: meetings", "activity: meetingz", "poate „meetings”"),
    ("content/ro/news/Știre.yml", None, None, "nu poate fi adresa unei pagini"),
], ids=["country", "tab", "reference", "file name"])
def test_mkdocs_build_stops(tmp_path, rel, old, new, words):
    root = copy_project(tmp_path, BUILT)
    if old is None:
        (root / rel).write_text("title: Știre\nsummary: Rezumat.\n", encoding="utf-8")
        where = f"{rel}: "
    else:
        where = f"{rel}:{edit(root, rel, old, new)}: "
    result = run([sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / "site")], root)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert where in output and words in output
    assert "Site-ul nu a fost construit" in output
    assert "Traceback" not in output
    assert not (tmp_path / "site").exists()
    assert not list((root / "docs").glob("*/index.md")), "no page may be generated from invalid content"


# -- adding an item ------------------------------------------------------------------------------

def test_new_writes_exactly_one_file_per_language(tmp_path):
    root = copy_project(tmp_path, BUILT)
    before = _files(root / "content")
    result = run([sys.executable, "-m", "sitegen", "new", "news", "Întâlnire la Ungheni: ședință"], root)
    assert result.returncode == 0, result.stderr
    assert "„intalnire-la-ungheni-sedinta”" in result.stdout
    after = _files(root / "content")
    added = sorted(after.keys() - before.keys())
    assert added == ["en/news/intalnire-la-ungheni-sedinta.yml", "ro/news/intalnire-la-ungheni-sedinta.yml"]
    assert {path: data for path, data in after.items() if path not in added} == before, "nothing else is touched"
    for path in added:
        assert f"content/{path}" in result.stdout
        item = yaml.safe_load(after[path])
        assert isinstance(item, dict) and "id" not in item  # the file name is the id
        assert set(item) == {"title", "date", "summary", "body", "image", "image_alt", "gallery", "source"}
    assert yaml.safe_load(after["ro/news/intalnire-la-ungheni-sedinta.yml"])["title"] == "Întâlnire la Ungheni: ședință"
    assert yaml.safe_load(after["en/news/intalnire-la-ungheni-sedinta.yml"])["title"] is None  # to translate
    code, out = run_check(root)
    assert code == 1
    problems = [line for line in out.splitlines() if line.startswith("content/") and "only-romanian" not in line]
    assert problems and all("/news/intalnire-la-ungheni-sedinta.yml:" in line and "este gol" in line
                            for line in problems), out


def test_new_item_of_a_kind_without_a_folder(tmp_path):
    root = copy_project(tmp_path)
    edit(root, "content/ro/results/study-report.yml", "documents: [report]\n", "")
    edit(root, "content/en/results/study-report.yml", "documents: [report]\n", "")
    for lang in ("ro", "en"):
        shutil.rmtree(root / f"content/{lang}/documents")
    added = scaffold.add(root, _languages(root), "documents", "Studiul de bază")
    assert added.item_id == "studiul-de-baza"
    assert added.files == ["content/ro/documents/studiul-de-baza.yml", "content/en/documents/studiul-de-baza.yml"]
    assert sorted(p.name for p in (root / "content/ro/documents").iterdir()) == ["studiul-de-baza.yml"]
    assert yaml.safe_load((root / added.files[0]).read_text(encoding="utf-8"))["title"] == "Studiul de bază"


def test_new_ids_are_unique_in_every_language_and_transliterated(tmp_path):
    root = copy_project(tmp_path)
    first = scaffold.add(root, _languages(root), "events", "Vizită la Iași şi Ţara Moldovei")
    second = scaffold.add(root, _languages(root), "events", "Vizită la Iași şi Ţara Moldovei")
    assert (first.item_id, second.item_id) == ("vizita-la-iasi-si-tara-moldovei", "vizita-la-iasi-si-tara-moldovei-2")
    assert "Vizită la Iași și Țara Moldovei" in (root / item_file("events", first.item_id)).read_text(encoding="utf-8")
    # An id taken in one language only is taken: the other language's file would pair with it.
    (root / item_file("events", "past-meeting", "ro")).unlink()
    assert scaffold.add(root, _languages(root), "events", "Past meeting").item_id == "past-meeting-2"
    assert scaffold.add(root, _languages(root), "good_practices", "Only Romanian").item_id == "only-romanian-2"


def test_new_refuses_an_unknown_type(tmp_path):
    code = cli.main(["new", "blog", "Titlu", "--root", str(copy_project(tmp_path))])
    assert code == 1


def _languages(root):
    from sitegen.languages import from_mkdocs_yml
    return from_mkdocs_yml(root / "mkdocs.yml")


# -- one source of truth -------------------------------------------------------------------------

def test_schema_countries_match_babel():
    common = yaml.safe_load((REPO / "schemas/common.schema.json").read_text(encoding="utf-8"))
    assert tuple(common["$defs"]["country"]["enum"]) == countries.codes()


def test_message_tables_agree():
    tables = {lang: messages.table(lang) for lang in messages.available()}
    ro = tables.pop("ro")
    for lang, table in tables.items():
        for section in ro:
            if section == "field_aliases":
                continue
            assert set(table[section]) == set(ro[section]), (lang, section)
            for key, text in ro[section].items():
                assert _placeholders(table[section][key]) == _placeholders(text), (lang, section, key)


def _placeholders(text: str) -> set[str]:
    import string
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_romanian_messages_use_comma_below():
    text = (REPO / "sitegen/messages/ro.yml").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if any(c in line for c in "şţŞŢ")]
    assert all("sedilă" in line for line in lines), lines  # only where the message names the mistake


def test_editor_mapping_covers_every_schema():
    import json
    settings = json.loads((REPO / ".vscode/settings.json").read_text(encoding="utf-8"))["yaml.schemas"]
    assert settings == {**{f"./schemas/{t.key}.schema.json": [f"content/*/{t.key}/*.yml" if t.is_list
                                                                else f"content/*/{t.key}.yml"] for t in TYPES},
                        "./schemas/identity.schema.json": ["content/identity.yml"]}
    for schema in settings:
        assert (REPO / schema).is_file()
