"""Nothing lost, nothing leaked, nothing run: what the officer types is what the site shows.

Tried as a new officer and as a hostile contributor would, class by class, each over its variants:
files from outside content/media/ (links, `..`, absolute paths); script links however they are
spelt; ids that would take an address the site already uses; text after ` #`; YAML 1.1 words and
numbers; invisible characters; YAML mistakes worded by their real cause, in Romanian and English;
a busy preview port; line endings in git; the Atom feed and workflow checks live beside their
outputs (test_outputs.py, test_workflows.py).
"""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import FIXTURE_CONTENT
from contentfiles import add_item, item_file, rename_item, write_item
from sitegen import invisible, media, messages, schema, text, urls, writer, yamlfile
from test_validation import BUILT, REPO, copy_project, edit, replace_line, run, run_check, untouched

# The fixture content's items (tests/fixtures/content), never the real ones.
N = item_file("news", "kickoff")  # its title is its first line; body, image and image_alt follow
NEWS_TITLE = "title: Lansarea proiectului de test"
BODY = "body: Textul știrii de test."
PARTNER = item_file("partners", "org-fi")
PRACTICE = item_file("good_practices", "mentoring")
EVENT = item_file("events", "past-meeting")
SOME = settings(max_examples=int(os.environ.get("PROPERTY_EXAMPLES", "150")), deadline=None, suppress_health_check=[HealthCheck.too_slow])
# libyaml's own words: they must never reach the officer, whatever the mistake.
LIBYAML = re.compile(r"not allowed|expected|found |while (scanning|parsing)|could not|token|mapping|block "
                     r"(sequence|scalar)|stream|directive", re.IGNORECASE)


@pytest.fixture(autouse=True)
def romanian(monkeypatch):
    monkeypatch.delenv(messages.ENV, raising=False)


def problems_at(out: str, rel: str, line: int | None) -> list[str]:
    where = f"{rel}:{line}: " if line else f"{rel}: "
    return [text for text in out.splitlines() if text.startswith(where)]


# -- 1. nothing from outside content/media/ is read or published ---------------------------------

def _secret(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_bytes(b"SECRET-BYTES-FROM-OUTSIDE")
    (outside / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\nSECRET-BYTES-FROM-OUTSIDE")
    return outside


LINKS = {
    "file outside": lambda media_dir, outside: (media_dir / "leak.txt").symlink_to(outside / "secret.txt"),
    "folder outside": lambda media_dir, outside: (media_dir / "shared").symlink_to(outside, target_is_directory=True),
    "relative path outside": lambda media_dir, outside: (media_dir / "up.txt").symlink_to(
        os.path.relpath(outside / "secret.txt", media_dir)),
    "inside the folder": lambda media_dir, outside: (media_dir / "twin.txt").symlink_to("own.txt"),
    "dangling": lambda media_dir, outside: (media_dir / "gone.txt").symlink_to(outside / "nothing"),
}


@pytest.mark.parametrize("kind", LINKS)
def test_a_link_under_media_is_refused_by_name(tmp_path, kind):
    root = copy_project(tmp_path / "p")
    media_dir = root / "content" / "media"
    media_dir.mkdir(parents=True, exist_ok=True)
    (media_dir / "own.txt").write_text("own", encoding="utf-8")
    LINKS[kind](media_dir, _secret(tmp_path))
    code, out = run_check(root)
    assert code == 1, out
    (name,) = [p.name for p in media_dir.iterdir() if p.is_symlink()]
    lines = problems_at(out, f"content/media/{name}", None)
    assert lines and "legătură simbolică" in lines[0], out
    assert ("din afara content/media/" in lines[0]) == (kind not in ("inside the folder",)), out
    assert name not in media.files(root)[0]  # never listed, so never copied


def test_the_media_folder_itself_as_a_link_is_refused(tmp_path):
    root = copy_project(tmp_path / "p")
    shutil.rmtree(root / "content" / "media", ignore_errors=True)
    (root / "content" / "media").symlink_to(_secret(tmp_path), target_is_directory=True)
    code, out = run_check(root)
    assert code == 1 and problems_at(out, "content/media", None), out
    assert media.files(root)[0] == {}


def test_a_linked_file_never_reaches_the_site(tmp_path):
    """The real build: a link nobody refers to still stops it, before any page or file is written."""
    root = copy_project(tmp_path / "p", BUILT)
    (root / "content" / "media").mkdir(parents=True, exist_ok=True)
    (root / "content" / "media" / "leak.txt").symlink_to(_secret(tmp_path) / "secret.txt")
    result = run([sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / "site")], root)
    assert result.returncode != 0
    assert "content/media/leak.txt: " in result.stdout + result.stderr
    assert not (tmp_path / "site").exists()
    published = [p for p in (root / "docs").rglob("*") if p.is_file() and b"SECRET" in p.read_bytes()]
    assert published == []


@pytest.mark.parametrize("value, words", [
    ("media/../mkdocs.yml", "fără .."),
    ("media/../../outside/secret.txt", "fără .."),
    ("/etc/passwd", "începând cu media/"),
    ("media\\..\\mkdocs.yml", "fără .."),
    ("media/shared/photo.png", "legătură simbolică"),
    ("media/poza\u200b.png", "U+200B ZERO WIDTH SPACE"),
], ids=["dot-dot", "dot-dot outside", "absolute", "backslashes", "through a linked folder", "invisible character"])
def test_a_content_path_never_leaves_media(tmp_path, value, words):
    root = copy_project(tmp_path / "p")
    (root / "content" / "media").mkdir(parents=True, exist_ok=True)
    (root / "content" / "media" / "shared").symlink_to(_secret(tmp_path), target_is_directory=True)
    line = edit(root, N, "image: media/images/meeting.png", f"image: '{value}'")
    code, out = run_check(root)
    assert code == 1
    assert any(words in text and "câmpul „image”" in text for text in problems_at(out, N, line)), out
    assert media.resolve(root, value) is None


@pytest.mark.parametrize("name", ["pagina.html", "harta.svg", "cod.js", "date.XML", "Raport.HTM"])
def test_a_file_a_browser_would_run_is_never_published(tmp_path, name):
    """An HTML page or an SVG with a script, served from the site's own address, could read what
    the site keeps in the browser: refused, whether content refers to it or not."""
    root = copy_project(tmp_path / "p")
    (root / "content" / "media").mkdir(parents=True, exist_ok=True)
    (root / "content" / "media" / name).write_text("<script>alert(document.cookie)</script>", encoding="utf-8")
    code, out = run_check(root)
    assert code == 1 and problems_at(out, f"content/media/{name}", None), out
    assert "un browser le-ar rula" in out and name not in media.files(root)[0]


def test_a_link_among_the_sites_own_files_is_refused(tmp_path):
    """docs/assets/ is published as it is (the officer drops the official logos there)."""
    root = copy_project(tmp_path / "p", BUILT)
    (root / "docs/assets/logos/leak.png").symlink_to(_secret(tmp_path) / "photo.png")
    code, out = run_check(root)
    assert code == 1 and "docs/assets/logos/leak.png: " in out and "din afara docs/assets/" in out, out


@pytest.mark.parametrize("rel", ["content/en/sections.yml", "content/en/pages/privacy.yml", "content/en/news"],
                         ids=["record file", "item file", "kind folder"])
def test_a_content_file_that_is_a_link_is_not_read(tmp_path, rel):
    root = copy_project(tmp_path / "p")
    outside = tmp_path / "outside"
    shutil.move(root / rel, outside)
    (root / rel).symlink_to(outside, target_is_directory=outside.is_dir())
    code, out = run_check(root)
    shown = rel + "/" if outside.is_dir() else rel
    assert code == 1 and f"{shown}: fișierul este o legătură simbolică" in out, out
    assert "Traceback" not in out


def test_a_language_folder_that_is_a_link_is_not_read(tmp_path):
    root = copy_project(tmp_path / "p")
    shutil.move(root / "content/en", tmp_path / "en")
    (root / "content/en").symlink_to(tmp_path / "en", target_is_directory=True)
    code, out = run_check(root)
    for rel in ("content/en/", "content/en/project.yml"):  # the folder once, not each item in it
        assert code == 1 and f"{rel}: fișierul este o legătură simbolică" in out, out
    assert "content/en/news/" not in out


def test_the_writer_never_writes_or_deletes_through_a_link(tmp_path):
    outside = _secret(tmp_path)
    published = tmp_path / "docs" / "media"
    published.mkdir(parents=True)
    (published / "planted").symlink_to(outside, target_is_directory=True)
    (published / "report.pdf").symlink_to(outside / "secret.txt")
    source = tmp_path / "report.pdf"
    source.write_bytes(b"the officer's report")
    writer.sync_copy({"report.pdf": source}, published)
    assert (outside / "secret.txt").read_bytes() == b"SECRET-BYTES-FROM-OUTSIDE"  # not overwritten
    assert (outside / "photo.png").exists()  # a planted link's target is never emptied
    assert not (published / "planted").exists() and not (published / "report.pdf").is_symlink()
    assert (published / "report.pdf").read_bytes() == b"the officer's report"
    writer.sync_text(published, {"page.md": "text"})
    assert sorted(p.name for p in outside.iterdir()) == ["photo.png", "secret.txt"]


def test_a_generated_folder_planted_as_a_link_is_replaced_not_written_through(tmp_path):
    outside = _secret(tmp_path)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "ro").symlink_to(outside, target_is_directory=True)
    (docs / "media").symlink_to(outside, target_is_directory=True)
    source = tmp_path / "a.pdf"
    source.write_bytes(b"pdf")
    writer.sync_text(docs / "ro", {"secret.txt": "overwritten", "index.md": "home"})
    writer.sync_copy({"sub/a.pdf": source}, docs / "media")
    assert (outside / "secret.txt").read_bytes() == b"SECRET-BYTES-FROM-OUTSIDE"
    assert sorted(p.name for p in outside.iterdir()) == ["photo.png", "secret.txt"]
    assert not (docs / "ro").is_symlink() and (docs / "ro" / "index.md").read_text() == "home"
    assert (docs / "media" / "sub" / "a.pdf").read_bytes() == b"pdf"


# -- 2. no script link, however it is spelt; no image from another host ---------------------------

UNSAFE = {
    "decimal reference": "[x](javascript&#58;alert(1))",
    "named reference": "[x](javascript&colon;alert(1))",
    "hex reference": "[x](javascript&#x3A;alert(1))",
    "reference without semicolon": "[x](javascript&#58alert(1))",
    "tab reference inside": "[x](java&Tab;script:alert(1))",
    "newline reference inside": "[x](java&NewLine;script:alert(1))",
    "letter as reference": "[x](&#106;avascript:alert(1))",
    "mixed case": "[x](JaVaScRiPt:alert(1))",
    "vbscript": "[x](vbscript:msgbox(1))",
    "data": "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "file": "[x](file:///etc/passwd)",
    "reference definition": "[x][r]\n\n[r]: javascript&#x3A;alert(1)",
    "image from another host": "![x](https://tracker.example/pixel.png)",
    "image, network path": "![x](//tracker.example/pixel.png)",
    "image, backslash path": "![x](/\\tracker.example/pixel.png)",
    "image, script": "![x](javascript:alert(1))",
    "image of the site, in the text": "![Harta](../assets/images/eu-emblem.svg)",
    "photo of the content, in the text": "![Atelier](media/images/atelier.jpg)",
}
SAFE = {
    "web": "[x](https://www.interregeurope.eu/milestone)",
    "mail": "[x](mailto:consiliu@example.md)",
    "telephone": "[x](tel:+37323622000)",
    "page of the site": "[x](/partners/)",  # written from the site's root (sitegen/links.py)
    "anchor": "[x](#scop)",
    "ampersand in a query": "[x](https://example.org/?a=1&b=2)",
}


class _Addresses(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)  # attribute values as the browser reads them
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found += [(tag, name, value) for name, value in attrs if name in ("href", "src")]


def addresses(rendered: str) -> list[tuple[str, str, str]]:
    parser = _Addresses()
    parser.feed(rendered)
    return parser.found


@pytest.mark.parametrize("source", UNSAFE.values(), ids=UNSAFE.keys())
def test_an_unsafe_link_never_reaches_a_page(source):
    rendered = str(text.to_html(source))
    assert "<img" not in rendered  # photos go through image and gallery fields only
    for tag, name, value in addresses(rendered):
        assert not re.match(r"(?i)(javascript|vbscript|data|file):", urls.as_browser_reads(value)), (source, value)


@pytest.mark.parametrize("source", UNSAFE.values(), ids=UNSAFE.keys())
def test_an_unsafe_link_is_reported_with_its_line(tmp_path, source):
    root = copy_project(tmp_path)
    line = _in_body(root, source)
    code, out = run_check(root)
    assert code == 1, out
    found = problems_at(out, N, line)
    assert found and "câmpul „body”" in found[0], out
    assert any(words in found[0] for words in ("nu este permisă", "vine de pe alt site", "este scrisă în text")), out


@pytest.mark.parametrize("source", SAFE.values(), ids=SAFE.keys())
def test_a_safe_link_is_kept(tmp_path, tmp_path_factory, source):
    found = addresses(str(text.to_html(source)))
    assert len(found) == 1 and found[0][2], found
    root = copy_project(tmp_path)
    _in_body(root, source)
    assert run_check(root) == untouched(tmp_path_factory)


def _in_body(root: Path, source: str) -> int:
    """`source` as a paragraph of a news item's text; the line of its `body:`."""
    paragraph = "\n".join("  " + line if line else "" for line in source.splitlines())
    return edit(root, N, BODY, f"body: |\n  Text înainte.\n\n{paragraph}\n\n  Textul știrii de test.")


@pytest.mark.parametrize("value", ["javascript:alert(1)", "JavaScript:alert(1)", "javascript&#58;alert(1)",
                                   "data:text/html,x", "//evil.example/", "ftp://example.org/"])
def test_an_address_field_takes_only_web_addresses(tmp_path, value):
    root = copy_project(tmp_path)
    line = edit(root, PRACTICE, "website: https://example.org/mentoring", f"website: '{value}'")
    code, out = run_check(root)
    assert code == 1 and any("câmpul „website”" in t for t in problems_at(out, PRACTICE, line)), out


# -- 3. an id never hides a page -------------------------------------------------------------------

PAGE = "title: Pagină\ndescription: Despre pagină.\nbody: Text.\n"


@pytest.mark.parametrize("kind, item_id, holder", [
    ("pages", "news", "secțiunea „Noutăți”"),
    ("pages", "partners", "secțiunea"),
    ("pages", "project", "secțiunea"),
    ("pages", "en", "limba „engleză”"),
    ("pages", "ro", "limba „română”"),
    ("pages", "assets", "dosarul site-ului „assets”"),
    ("pages", "media", "dosarul site-ului"),
    ("pages", "search", "dosarul site-ului"),
    ("pages", "data", "dosarul site-ului"),
    ("pages", "admin", "dosarul site-ului"),
    ("pages", "index", "pagina principală"),
    ("pages", "404", "pagina site-ului „404”"),
    ("news", "index", "secțiunea „Noutăți”"),
    ("events", "index", "secțiunea"),
    ("events", "calendar", "fișierul site-ului „events/calendar.ics”"),
])
def test_an_id_that_is_an_address_of_the_site_is_an_error(tmp_path, kind, item_id, holder):
    root = copy_project(tmp_path)
    add_item(root, kind, item_id, {
        "pages": PAGE,
        "news": "title: Știre\ndate: 2025-01-10\nsummary: Rezumat.\n",
        "events": "title: Eveniment\nstart: 2025-01-10\nkind: workshop\nplace: Ungheni\n",
    }[kind])
    code, out = run_check(root)
    assert code == 1, out
    found = problems_at(out, item_file(kind, item_id), None)  # the file's name is the mistake: no line
    assert found and holder in found[0] and "alegeți alt id" in found[0], out
    assert f"„{item_id}”" in found[0], out


def test_a_page_named_like_a_section_stops_the_real_build(tmp_path):
    root = copy_project(tmp_path / "p", BUILT)
    add_item(root, "pages", "news", PAGE)
    result = run([sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / "site")], root)
    assert result.returncode != 0 and "adresa /news/" in result.stdout + result.stderr
    assert not (tmp_path / "site").exists()


# -- 4. nothing after # disappears -----------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["lf", "crlf", "bom+crlf"])
@pytest.mark.parametrize("case", ["title", "empty value", "after |", "continued line", "nested field",
                                  "last line without newline"])
def test_text_after_a_hash_is_never_dropped_silently(tmp_path, case, encoding):
    root = copy_project(tmp_path)
    rel, field, words = N, "title", "ar lipsi de pe site"
    if case == "title":
        line = edit(root, N, NEWS_TITLE, "title: Ziua ușilor deschise #2 la Ungheni")
        words = 'puneți toată valoarea între ghilimele: "Ziua ușilor deschise #2 la Ungheni"'
    elif case == "empty value":
        line = edit(root, N, NEWS_TITLE, "title: #2 Ziua ușilor deschise")
        words = "câmpul ar rămâne gol"
    elif case == "after |":
        field = "body"
        line = edit(root, N, BODY, "body: | #1 prioritate\n  Textul știrii de test.")
    elif case == "continued line":
        line = edit(root, N, NEWS_TITLE, "title: Ziua ușilor deschise\n  la Ungheni #2") + 1
    elif case == "nested field":
        rel, field = "content/ro/project.yml", "organisation.name"
        line = edit(root, rel, "  name: Organizația de test", "  name: Organizația de test #1")
    else:
        add_item(root, "pages", "nou", PAGE)
        rel = write_item(root, "pages", "nou", PAGE.replace("body: Text.\n", "body: Text #final"))
        field = "body"
        line = 3
    path = root / rel
    data = path.read_bytes()
    if "crlf" in encoding:
        data = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    if "bom" in encoding:
        data = b"\xef\xbb\xbf" + data
    path.write_bytes(data)
    code, out = run_check(root)
    assert code == 1, out
    found = [t for t in problems_at(out, rel, line) if f"câmpul „{field}”" in t]
    assert found and words in found[0], out


@pytest.mark.parametrize("new, field", [
    ('title: "Ziua ușilor deschise" #2 la Ungheni', "title"),
    ("title: 'Ziua ușilor deschise' #2 la Ungheni", "title"),
    ("title: [Ziua, ușilor] #2", "title"),
    ("title: !!str Ziua ușilor deschise", "title"),
    ('title: !!str "Ziua ușilor deschise"', "title"),
], ids=["after double quotes", "after single quotes", "after brackets", "tag", "tag before quotes"])
def test_nothing_after_quotes_or_before_a_value_is_dropped(tmp_path, new, field):
    root = copy_project(tmp_path)
    line = edit(root, N, NEWS_TITLE, new)
    code, out = run_check(root)
    assert code == 1
    assert any(f"câmpul „{field}”" in t and ("ar lipsi de pe site" in t or "valoarea începe cu „!”" in t)
               for t in problems_at(out, N, line)), out


def test_a_comment_after_a_list_entry_is_reported(tmp_path):
    root = copy_project(tmp_path)
    rel = "content/ro/project.yml"
    line = edit(root, rel, "  - Beneficiar de test", "  - Beneficiar de test # și regional")
    code, out = run_check(root)
    assert code == 1 and any("ar lipsi de pe site" in t for t in problems_at(out, rel, line)), out


def test_a_hash_inside_a_word_or_in_quotes_is_text(tmp_path, tmp_path_factory):
    root = copy_project(tmp_path)
    edit(root, N, NEWS_TITLE, "title: Ziua#2 la Ungheni")
    edit(root, N, "summary: Proiectul de test a fost lansat.", 'summary: "Proiectul #2 a fost lansat."')
    edit(root, N, BODY, "body: 'Textul #3 al știrii.'")
    assert run_check(root) == untouched(tmp_path_factory)


# -- 5. what was typed stays what was typed ----------------------------------------------------------

TYPED = ["NO", "10:30", "yes", "on", "Off", "1.10", "2025", "0o17", "0x1F", "1e3", ".inf", "+12", "~", "null",
         "2024-02-29", "1_000", "y"]


def test_yaml_words_and_numbers_stay_as_typed():
    source = "".join(f"f{i}: {value}\n" for i, value in enumerate(TYPED))
    doc, problems = yamlfile.read(source.encode(), N)
    assert problems == [] and doc.notes == []
    assert [doc.data[f"f{i}"] for i in range(len(TYPED))] == TYPED


def test_only_what_a_schema_asks_for_is_converted():
    checkers = schema.load(REPO / "schemas")
    partner = {"lat": "45.10", "lon": "-3", "country": "NO", "name": "10:30", "order": "2", "draft": "no"}
    schema.coerce(checkers["partners"].plan, partner)
    assert partner == {"lat": 45.1, "lon": -3, "country": "NO", "name": "10:30", "order": 2, "draft": "no"}
    news = [{"date": "2025-02-17", "title": "2025-02-17", "draft": "true"}, {"date": "17.02.2025", "draft": "da"}]
    for item in news:
        schema.coerce(checkers["news"].plan, item)
    assert str(news[0]["date"]) == "2025-02-17" and not isinstance(news[0]["date"], str)
    assert news[0]["title"] == "2025-02-17" and news[1]["date"] == "17.02.2025"  # left for the check
    assert news[0]["draft"] is True and news[1]["draft"] == "da"


def test_yaml_words_reach_the_pages_as_typed(tmp_path):
    """Norway's code, a time, yes/no words and numbers with trailing zeros, built for real."""
    root = copy_project(tmp_path / "p", BUILT)
    for lang in ("ro", "en"):  # a partner in Norway, where its coordinates say, counted as such
        edit(root, item_file("partners", "org-fi", lang), "country: FI\nlat: 62.2426\nlon: 25.7473",
             "country: NO\nlat: 59.9139\nlon: 10.7522")
        edit(root, f"content/{lang}/project.yml", "partner_countries: [FI, MD]", "partner_countries: [NO, MD]")
    edit(root, N, NEWS_TITLE, "title: 10:30")
    edit(root, item_file("news", "kickoff", "en"), "title: The test project starts", "title: 1.10")
    replace_line(N, "summary: ", "summary: yes")(root)
    result = run([sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / "site")], root)
    assert result.returncode == 0, result.stdout + result.stderr
    site = tmp_path / "site"
    ro = (site / "news/kickoff/index.html").read_text(encoding="utf-8")
    en = (site / "en/news/kickoff/index.html").read_text(encoding="utf-8")
    assert "<h1>10:30</h1>" in ro and "<h1>1.10</h1>" in en
    assert '<meta name="description" content="yes">' in ro
    assert "Norvegia" in (site / "partners/org-fi/index.html").read_text(encoding="utf-8")
    assert "Norway" in (site / "en/partners/org-fi/index.html").read_text(encoding="utf-8")


def test_messages_quote_what_was_typed_never_python(tmp_path):
    root = copy_project(tmp_path)
    edit(root, PARTNER, "lat: 62.2426", "lat: [51, 11]")
    edit(root, "content/en/project.yml", "partner_countries: [FI, MD]", "partner_countries: [FI, SE]")
    edit(root, N, NEWS_TITLE, "title:\n  - Studiul\n  - baza")
    code, out = run_check(root)
    assert code == 1
    assert "„[51, 11]”" in out and "„- Studiul - baza”" in out, out
    differs = [t for t in out.splitlines() if "diferă de content/ro/project.yml" in t]
    assert differs and "['" not in differs[0] and "„[FI, MD]”" in differs[0], out
    assert not re.search(r"\b(True|False|None)\b|\['", out), out


# -- 6. characters nobody can see are named ----------------------------------------------------------

PROJECT = "content/ro/project.yml"


@pytest.mark.parametrize("rel, old, new, field, words", [
    (N, NEWS_TITLE, "\u00a0title: Studiul", None,
     "coloana 1 un caracter care arată ca un spațiu, dar nu este: U+00A0 NO-BREAK SPACE"),
    (N, "date: ", "\u00a0date: ", None, "coloana 1 un caracter care arată ca un spațiu, dar nu este: U+00A0 NO-BREAK SPACE"),
    (PROJECT, "  name: Organizația", "\u00a0 name: Organizația", None,
     "coloana 1 un caracter care arată ca un spațiu, dar nu este: U+00A0 NO-BREAK SPACE"),
    (PROJECT, "  name: Organizația", " \u2003name: Organizația", None,
     "coloana 2 un caracter care arată ca un spațiu, dar nu este: U+2003 EM SPACE"),
    (N, NEWS_TITLE, "title:\u00a0Studiul", None, "la coloana 7 este un caracter invizibil, U+00A0 NO-BREAK SPACE"),
    (N, "date: 2024-01-15", "date:\u00a02024-01-15", None, "la coloana 6 este un caracter invizibil, U+00A0 NO-BREAK SPACE"),
    (N, NEWS_TITLE, "title\u00a0: Studiul", "title⟨U+00A0⟩", "U+00A0 NO-BREAK SPACE, la coloana 6"),
    (EVENT, "activity: meetings", "activity: meet\u200bings", "activity",
     "U+200B ZERO WIDTH SPACE, la caracterul 5 (coloana 15), după „meet”"),
    (EVENT, "activity: meetings", "activity: meetings\ufeff", "activity", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
    (N, "date: 2024-01-15", "date: 2024\u200b-01-15", "date", "U+200B ZERO WIDTH SPACE"),
    (N, NEWS_TITLE, "title: Studiul \u202eab", "title", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    (N, NEWS_TITLE, "title: Studiul\u2028de bază", None,
     "la coloana 15 este un caracter invizibil, U+2028 LINE SEPARATOR, pe care YAML îl citește ca sfârșit de rând"),
], ids=["NBSP before the first field", "NBSP before a field", "NBSP indentation", "em space indentation",
        "NBSP after the colon, first line", "NBSP after the colon", "NBSP in a field name",
        "zero-width space in a reference", "byte-order mark in a reference", "zero-width space in a date",
        "bidi override", "line separator"])
def test_an_invisible_character_is_named_with_its_position(tmp_path, rel, old, new, field, words):
    root = copy_project(tmp_path)
    line = edit(root, rel, old, new)
    code, out = run_check(root)
    assert code == 1, out
    found = problems_at(out, rel, line)
    assert any(words in t and (field is None or f"câmpul „{field}”" in t) for t in found), out


def test_an_invisible_character_in_a_file_name_is_named(tmp_path):
    """The file name is the id: a zero-width space typed into it is shown, and a name suggested."""
    root = copy_project(tmp_path)
    rel = rename_item(root, "news", "second", "sec\u200bond.yml")
    code, out = run_check(root)
    assert code == 1
    found = problems_at(out, rel, None)
    assert found and "„sec⟨U+200B⟩ond.yml”" in found[0] and "de ex. „second.yml”" in found[0], out


@pytest.mark.parametrize("rel, old, new, field", [
    (PARTNER, "country: FI", "country: F\u200bI", "country"),
    (PRACTICE, "website: https://example.org/mentoring", "website: https://exam\u200bple.org/mentoring", "website"),
    (EVENT, "activity: meetings", "activity: meetings\u200e", "activity"),
])
def test_an_invisible_character_in_a_code_or_address(tmp_path, rel, old, new, field):
    root = copy_project(tmp_path)
    line = edit(root, rel, old, new)
    code, out = run_check(root)
    assert code == 1
    found = [t for t in problems_at(out, rel, line) if f"câmpul „{field}”" in t]
    assert found and "caracter invizibil, U+" in found[0], out


def test_a_zero_width_space_in_text_is_a_warning_that_names_it(tmp_path):
    root = copy_project(tmp_path)
    line = edit(root, N, NEWS_TITLE, "title: Studiul\u200b de bază")
    code, out = run_check(root)
    assert code == 0
    assert any("avertisment" in t and "U+200B ZERO WIDTH SPACE, la caracterul 8" in t for t in problems_at(out, N, line))


# -- 7. every YAML mistake named by its real cause, in the officer's language --------------------------

YAML_MISTAKES = {
    "no space after the colon": (NEWS_TITLE, "title:Studiul", "după „title:” lipsește spațiul",
                                 "the space after “title:” is missing"),
    "no colon": (NEWS_TITLE, "title Studiul", "rândul nu are forma „câmp: valoare”", "is not of the form “field: value”"),
    "quotes inside quotes": (NEWS_TITLE, 'title: "Ziua "mare" la Ungheni"', "se încheie la a doua ghilimea",
                             "ends at the second"),
    "apostrophe inside single quotes": (NEWS_TITLE, "title: 'Ziua d'informare'", "se încheie la a doua ghilimea",
                                        "ends at the second"),
    "text after a closing quote": (NEWS_TITLE, 'title: "Ziua" la Ungheni', "se încheie la a doua ghilimea",
                                   "ends at the second"),
    "text on the line of |": (BODY, "body: | Text pe același rând", "după „|” (sau „>”) nu poate urma text",
                              "no text may follow “|”"),
    "merge conflict": (NEWS_TITLE, "<<<<<<< HEAD\n" + NEWS_TITLE + "\n=======\ntitle: Altul\n>>>>>>> main",
                       "conflict de îmbinare", "merge conflict"),
    "dash starting a value": (NEWS_TITLE, "title: - Studiul", "„- ” nu poate începe aici", "“- ” cannot start"),
    "list then text": (NEWS_TITLE, "title: [Nou] Studiul", "valoarea începe cu „[”", "starts with “[”"),
    "braces then text": (NEWS_TITLE, "title: {Nou} Studiul", "valoarea începe cu „{”", "starts with “{”"),
    "tag": (NEWS_TITLE, "title: !important Studiul", "valoarea începe cu „!”", "starts with “!”"),
    "anchor": (NEWS_TITLE, "title: &Co Studiul", "valoarea începe cu „&”", "starts with “&”"),
    "alias-like star": (NEWS_TITLE, "title: *Nou* Studiul", "nu poate începe cu „*”", "cannot start with “*”"),
    "at sign": (NEWS_TITLE, "title: @ungheni", "nu poate începe cu „@”", "cannot start with “@”"),
    "document end": (NEWS_TITLE, "...\n" + NEWS_TITLE, "„...” împarte fișierul", "“...” splits the file"),
    "unclosed bracket": (NEWS_TITLE, "title: [Studiul", "nu este închisă", "is never closed"),
    "block indicator zero": (BODY, "body: |0\n  Text", "nu poate urma text", "no text may follow"),
}


@pytest.mark.parametrize("position", ["first line", "after other fields"])
@pytest.mark.parametrize("name", YAML_MISTAKES)
def test_a_yaml_mistake_is_named_by_its_cause(tmp_path, name, position, monkeypatch):
    """Each mistake on the file's first line (where an item's title usually is, with no field
    before it) and after other fields."""
    old, new, ro, en = YAML_MISTAKES[name]
    root = copy_project(tmp_path)
    if position != "first line":  # the title and the body moved after the other fields
        lines = (root / N).read_text(encoding="utf-8").splitlines()
        moved = [line for line in lines if line in (NEWS_TITLE, BODY)]
        (root / N).write_text("\n".join([line for line in lines if line not in moved] + moved) + "\n",
                              encoding="utf-8")
    line = edit(root, N, old, new)
    assert (line == 1) == (position == "first line" and old == NEWS_TITLE)
    code, out = run_check(root)
    assert code == 1
    assert any(ro in t for t in problems_at(out, N, line)), out
    assert not LIBYAML.search(out), out
    monkeypatch.setenv(messages.ENV, "en")
    code, out = run_check(root)
    assert any(en in t for t in problems_at(out, N, line)), out
    assert not re.search("[ăâîșț]", out.replace(N, "")), out


yaml_like = st.lists(st.sampled_from(list("ab1:- \t\n\"'[]{}#&*!|>%@`,?\\ș\u00a0\u200b\u2028")
                                     + ["<<<<<<<", "...", "---", "  ", "\n  ", "\n- "]), max_size=30).map("".join)


@SOME
@given(yaml_like)
def test_no_message_speaks_the_parsers_english(source):
    doc, problems = yamlfile.read(("title: " + source).encode("utf-8"), N)
    problems += doc.problems(N, "news", "kickoff") if doc else []
    for problem in problems:
        assert not LIBYAML.search(problem.text("ro")), problem.text("ro")


# -- the property: typed text comes out as typed, or a message says why ---------------------------------

PIECES = st.sampled_from(["#", " #", ": ", ":", "'", '"', "\u00a0", "\u200b", "\u2028", "\u202e", "yes", "NO",
                          "10:30", "1.10", "~", "null", "- ", "[", "]", "{", "!", "&", "*", "|", ">", "%", "@",
                          "`", "ș", "ţ", "\t", ",", "?", " ", "\\", "€", "…"])
TYPED_TEXT = st.lists(st.one_of(PIECES, st.text(alphabet=st.characters(blacklist_categories=("Cs",),
                                                                        blacklist_characters="\r\n"),
                                                 max_size=6)), max_size=8).map("".join)
CHECKERS = schema.load(REPO / "schemas")


@SOME
@given(TYPED_TEXT)
def test_what_goes_in_comes_out_or_a_message_says_why(typed):
    expected = typed.strip(" \t")
    assume(expected and not expected.startswith(("'", '"')))  # quotes around a text are YAML's own
    source = f"title: {typed}\ndate: 2025-01-10\nsummary: S\n"
    doc, problems = yamlfile.read(source.encode("utf-8"), N)
    if doc is not None:
        problems += doc.problems(N, "news", "kickoff")
        if isinstance(doc.data, dict):
            data, empty = schema.without_empty(doc.data)
            data = schema.coerce(CHECKERS["news"].plan, data)
            problems += schema.check(CHECKERS["news"], data, shown=N, doc=doc, kind="news", empty=empty,
                                     item="kickoff")[0]
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        for error in errors:  # said in words, never as a converted value (quoting the typed text is fine)
            said = error.text("ro").replace(expected, "")
            assert not re.search(r"\b(True|False|None)\b|\['", said), error.text("ro")
        return
    assert doc.data["title"] == expected, (typed, doc.data["title"])
    stray = invisible.find(expected, invisible.STRAY)
    if stray:  # kept as typed, and named
        assert any(invisible.code(stray[1]) in p.text("ro") for p in problems)


# -- 8. a busy preview port ----------------------------------------------------------------------------

@pytest.mark.parametrize("lang, words", [("ro", "Portul {busy} este deja folosit"),
                                         ("en", "Port {busy} is already in use")])
def test_preview_on_a_busy_port_moves_to_the_next_and_says_so(tmp_path, lang, words):
    from conftest import copy_project as buildable
    project = buildable(tmp_path / "p")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        log = tmp_path / "preview.log"
        with log.open("w") as out:
            server = subprocess.Popen([sys.executable, "-m", "sitegen", "preview", "--port", str(port),
                                       "--root", str(project), "--lang", lang],
                                      cwd=REPO, stdout=out, stderr=subprocess.STDOUT,
                                      env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, start_new_session=True)
        try:
            deadline = time.monotonic() + 90
            served = ""
            while time.monotonic() < deadline and not served:
                found = re.search(r"http://127\.0\.0\.1:(\d+)/", log.read_text())
                if found:
                    try:
                        with urllib.request.urlopen(found[0], timeout=2) as response:
                            served = response.read().decode("utf-8")
                    except OSError:
                        pass
                time.sleep(0.3)
            text_ = log.read_text()
            assert served, text_
            assert words.format(busy=port) in text_ and int(found[1]) != port
            assert "Traceback" not in text_ and "Errno" not in text_
        finally:
            os.killpg(server.pid, 15)
            server.wait(timeout=20)


# -- 9. line endings in git -------------------------------------------------------------------------------

def test_a_file_saved_with_windows_line_endings_diffs_only_its_changed_line(tmp_path):
    repo = tmp_path / "repo"
    (repo / N).parent.mkdir(parents=True)
    shutil.copy2(REPO / ".gitattributes", repo / ".gitattributes")
    shutil.copy2(FIXTURE_CONTENT / N.removeprefix("content/"), repo / N)

    def git(*args):
        return subprocess.run(["git", "-c", "core.autocrlf=false", "-c", "user.name=t", "-c", "user.email=t@t",
                               *args], cwd=repo, capture_output=True, text=True, check=True).stdout

    git("init", "-q")
    git("add", ".")
    git("commit", "-qm", "content")
    path = repo / N
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[3] = lines[3] + " (modificat)"
    path.write_bytes("\r\n".join(lines).encode("utf-8"))  # as Windows Notepad saves it
    git("add", N)
    assert git("diff", "--cached", "--numstat").split() == ["1", "1", N]
