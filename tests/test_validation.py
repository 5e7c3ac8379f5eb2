"""Every mistake an editor can make in the content ends in one line they can act on, and no site.

Each case copies the real project, breaks one thing and checks it: exit status, `file:line:`, the
field, the words of the message, and never a traceback. Most run the check in this process (the
same `main()` as `python -m sitegen check`); a few run the command and `mkdocs build` for real.
"""
from __future__ import annotations

import contextlib
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

from sitegen import cli, countries, messages, scaffold
from sitegen.model import TYPES

REPO = Path(__file__).resolve().parent.parent
CHECKED = ("content", "schemas", "strings", "mkdocs.yml")
BUILT = CHECKED + ("templates", "sitegen", "hooks", "overrides", "docs/assets")
# A good practice written for the tests only, appended to the real ones: fictional, never published.
GOOD_PRACTICE = """\
- id: exemplu-mentorat
  title: Exemplu de mentorat
  country: FI
  institution: Instituție de test
  partner: jyvaskyla
  summary: Un rezumat de test.
  description: |
    O descriere de test.
  theme: entrepreneurship
  contact: test@example.org
"""


@pytest.fixture(autouse=True)
def romanian(monkeypatch):
    monkeypatch.delenv(messages.ENV, raising=False)


def copy_project(dest: Path, parts=CHECKED) -> Path:
    for part in parts:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / part)
    return dest


def edit(root: Path, rel: str, old: str, new: str, after: str = "") -> int:
    """Replace the first `old` (after the text `after`, if given) with `new` in a file; return the
    line where `new` begins."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    at = text.index(old, text.index(after) if after else 0)
    path.write_text(text[:at] + new + text[at + len(old):], encoding="utf-8")
    return text[:at].count("\n") + 1


def add_good_practice(root: Path, rel: str = "content/ro/good_practices.yml", old: str = "", new: str = "") -> int:
    """The test good practice in both languages; in `rel`, `old` replaced by `new`. Line of `new`."""
    for lang in ("ro", "en"):
        with open(root / f"content/{lang}/good_practices.yml", "a", encoding="utf-8") as f:
            f.write(GOOD_PRACTICE)
    return edit(root, rel, old, new, after="- id: exemplu-mentorat") if old else 0


def run_check(root: Path, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = cli.main(["check", "--root", str(root), *args])
    return code, out.getvalue()


def run(command: list[str], cwd: Path, **env) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env})


@dataclass
class Case:
    name: str
    breaks: Callable[[Path], tuple[str, int | None]]  # -> (file, line) of the mistake
    field: str | None
    words: str  # part of the message, in Romanian
    status: int = 1


def line_of(rel, old, new):
    return lambda root: (rel, edit(root, rel, old, new))


def replace_line(rel, start, new):
    """Replace the whole first line that starts with `start`."""
    def breaks(root):
        path = root / rel
        lines = path.read_text(encoding="utf-8").split("\n")
        index = next(i for i, line in enumerate(lines) if line.startswith(start))
        lines[index:index + 1] = [new] if new is not None else []
        path.write_text("\n".join(lines), encoding="utf-8")
        return rel, index + 1
    return breaks


def gp(old, new, rel="content/ro/good_practices.yml"):
    return lambda root: (rel, add_good_practice(root, rel, old, new))


def write(rel: str, data: bytes, line: int | None = 1):
    def breaks(root):
        (root / rel).write_bytes(data)
        return rel, line
    return breaks


def news_image(root: Path, alt: bool) -> tuple[str, int]:
    (root / "content/media").mkdir(parents=True, exist_ok=True)
    (root / "content/media/poza.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    rel = "content/ro/news.yml"
    extra = "\n  image_alt: O fotografie" if alt else ""
    return rel, edit(root, rel, "  date: 2025-02-17", f"  date: 2025-02-17\n  image: media/poza.png{extra}") + 1


def only_in_romanian(root: Path) -> tuple[str, int]:
    rel = "content/ro/pages.yml"
    with open(root / rel, "a", encoding="utf-8") as f:
        f.write("- id: numai-romana\n  title: Pagină\n  description: Doar în română.\n  body: Text.\n")
    return rel, (root / rel).read_text(encoding="utf-8").count("\n") - 3


def crlf_with_error(root: Path) -> tuple[str, int]:
    rel = "content/ro/news.yml"
    line = edit(root, rel, "  date: 2025-02-17", "  date: 2025-02-31")
    path = root / rel
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    return rel, line


def swapped_items(root: Path) -> tuple[str, int]:
    """The first two news items in the other order in English."""
    rel = "content/en/news.yml"
    text = (root / rel).read_text(encoding="utf-8")
    starts = [i for i in range(len(text)) if text.startswith("- id: ", i) and (i == 0 or text[i - 1] == "\n")]
    first, second, third = text[starts[0]:starts[1]], text[starts[1]:starts[2]], text[starts[2]:]
    (root / rel).write_text(text[:starts[0]] + second + first + third, encoding="utf-8")
    return rel, text[:starts[0]].count("\n") + 1


def twin_errors(root: Path) -> tuple[str, int]:
    # A YAML error in one file and a schema error in another: both in the same run.
    edit(root, "content/en/news.yml", "  title: ", "\ttitle: ")
    return "content/ro/partners.yml", edit(root, "content/ro/partners.yml", "  lat: 51.1517", "  lat: nord")


def alias_bomb() -> bytes:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    return ("\n".join(lines) + "\n").encode()


N = "content/ro/news.yml"
CASES = [
    Case("tab indentation", line_of(N, "  title: Studiul", "\ttitle: Studiul"), None, "Tab"),
    Case("unclosed double quote", line_of(N, "  title: Studiul de bază", '  title: "Studiul de bază'), None,
         "ghilimelele deschise pe acest rând"),
    Case("unclosed single quote", line_of(N, "  title: Studiul de bază", "  title: 'Studiul de bază"), None,
         "ghilimelele deschise pe acest rând"),
    Case("bad indentation", line_of(N, "  title: Studiul", "   title: Studiul"), None, "indentare greșită"),
    Case("colon in text", line_of(N, "  summary: La Iași", "  summary: Atenție: La Iași"), None, "între ghilimele"),
    Case("line without colon", line_of(N, "  title: Studiul", "  title Studiul"), None, "câmp: valoare"),
    Case("duplicate key", line_of(N, "  summary: La Iași", "  date: 2025-02-18\n  summary: La Iași"), "date",
         "apare de două ori"),
    Case("wrong type", line_of("content/ro/partners.yml", "  lat: 51.1517", "  lat: nord"), "lat",
         "trebuie să fie număr"),
    Case("list where text is due", line_of(N, "  title: Studiul de bază pentru raionul Ungheni avansează conform planului",
                                           "  title: [Studiul, baza]"), "title", "este listă: „[Studiul, baza]”"),
    Case("number written with a comma", line_of("content/ro/partners.yml", "  lat: 51.1517", "  lat: 51,1517"), "lat",
         "trebuie să fie număr, dar este text: „51,1517”"),
    Case("number out of range as typed", line_of("content/ro/partners.yml", "  lat: 51.1517", "  lat: 95.10"), "lat",
         "95.10 este mai mare"),
    Case("missing required field", lambda root: (N, replace_line(N, "  summary: ", None)(root)[1] - 3),
         "summary", "lipsește; este obligatoriu"),
    Case("field name typo", line_of(N, "  title: Studiul", "  titel: Studiul"), "titel", "poate „title”"),
    Case("Romanian field name", line_of(N, "  title: Studiul", "  titlu: Studiul"), "titlu", "poate „title”"),
    Case("empty required field", replace_line(N, "  summary: ", "  summary:"), "summary", "este gol"),
    Case("misspelt country", line_of("content/ro/partners.yml", "  country: FI", "  country: Finlnd"), "country",
         "„Finlnd” nu este o țară cunoscută (poate „FI”?)"),
    Case("EU country code", line_of("content/ro/partners.yml", "  country: GR", "  country: EL"), "country", "poate „GR”"),
    Case("status not allowed", line_of("content/ro/activities.yml", "  status: done", "  status: finished"), "status",
         "nu este o valoare permisă"),
    Case("event kind not allowed", line_of("content/ro/events.yml", "  kind: study-visit", "  kind: study-visti"), "kind",
         "poate „study-visit”"),
    Case("theme not allowed", gp("  theme: entrepreneurship", "  theme: antreprenoriat"), "theme", "valorile permise"),
    Case("date that does not exist", line_of(N, "  date: 2025-02-17", "  date: 2025-02-30"), "date",
         "nu este o dată reală"),
    Case("date in another form", line_of(N, "  date: 2025-02-17", "  date: 17.02.2025"), "date", "AAAA-LL-ZZ"),
    Case("end before start", line_of("content/ro/events.yml", "  end: 2024-02-29", "  end: 2024-02-27"), "end",
         "înaintea datei de început"),
    # Dates known to the month or year: where each content type allows them, and only real ones.
    Case("month where a day is due", line_of("content/ro/project.yml", "start: 2023-03-01", "start: 2023-03"), "start",
         "nu este o dată reală; scrieți AAAA-LL-ZZ"),
    Case("year for an event", line_of("content/ro/events.yml", "  start: 2024-02-28", "  start: 2024"), "start",
         "luna AAAA-LL (de ex. 2024-12)"),
    Case("month that does not exist", line_of(N, "  date: 2025-02-17", "  date: 2025-13"), "date",
         "anul AAAA (de ex. 2024)"),
    Case("year of five digits", line_of(N, "  date: 2025-02-17", "  date: 20251"), "date", "anul AAAA"),
    Case("month ending before the start", line_of("content/ro/events.yml", "  end: 2024-02-29", "  end: 2024-01"),
         "end", "înaintea datei de început"),
    Case("URL without scheme", line_of(N, "  source: https://www.interregeurope.eu/milestone/news-and-events/news/ungheni",
                                       "  source: www.interregeurope.eu/milestone/news-and-events/news/ungheni"),
         "source", "nu este o adresă web completă"),
    Case("URL without a real host", line_of("content/ro/partners.yml", "  website: https://www.postojna.si",
                                            "  website: https://postojna"), "website", "adresă web completă"),
    Case("e-mail address", gp("  contact: test@example.org", "  contact: test(at)example.org"), "contact",
         "nu este o adresă de e-mail validă"),
    Case("duplicate id", line_of(N, "- id: sixth-stakeholder-meeting-jyvaskyla", "- id: ungheni-study-on-track"), "id",
         "folosit de două ori"),
    Case("unknown activity", line_of("content/ro/events.yml", "  activity: peer-reviews", "  activity: peer-reviewz"),
         "activity", "poate „peer-reviews”"),
    Case("unknown partner", gp("  partner: jyvaskyla", "  partner: jyvaskila"), "partner", "content/ro/partners.yml"),
    Case("unknown organisation partner", line_of("content/ro/project.yml", "  partner: ungheni", "  partner: ungeni"),
         "organisation.partner", "poate „ungheni”"),
    Case("document file missing", lambda root: ("content/ro/documents.yml", edit(
        root, "content/ro/documents.yml", "\n[]\n",
        "\n- id: studiu\n  title: Studiu\n  file: media/nu-exista.pdf\n  language: ro\n") + 3), "file", "nu există"),
    Case("path out of media", lambda root: ("content/ro/documents.yml", edit(
        root, "content/ro/documents.yml", "\n[]\n",
        "\n- id: studiu\n  title: Studiu\n  file: media/../mkdocs.yml\n  language: ro\n") + 3), "file", "fără .."),
    Case("image without alt text", lambda root: news_image(root, alt=False), "image_alt", "descriere"),
    Case("image file missing", lambda root: (N, edit(root, N, "  date: 2025-02-17",
                                                     "  date: 2025-02-17\n  image: media/lipsa.jpg\n  image_alt: X") + 1),
         "image", "nu există"),
    Case("invalid id", line_of(N, "- id: ungheni-study-on-track", "- id: Studiu Ungheni"), "id", "nu este un id valid"),
    Case("text on two lines", replace_line(N, "  summary: ", "  summary: |\n    Două\n    rânduri"), "summary",
         "un singur rând"),
    Case("fact differs between languages", line_of("content/en/news.yml", "  date: 2025-02-17", "  date: 2025-02-18"), "date",
         "diferă de content/ro/news.yml"),
    Case("file missing", lambda root: ((root / "content/en/pages.yml").unlink(), ("content/en/pages.yml", None))[1],
         None, "fișierul lipsește"),
    Case("mapping instead of list", write(N, b"title: Noutati\n"), None, "o listă de elemente"),
    Case("item that is not a block", line_of(N, "- id: project-start", "- doar text\n- id: project-start"), None,
         "bloc de câmpuri"),
    Case("two documents", line_of(N, "- id: project-start", "---\n- id: project-start"), None, "mai multe documente"),
    Case("control character", line_of(N, "  title: Studiul", "  title: Stu\x07diul"), None, "caracter de control"),
    Case("empty project file", write("content/ro/project.yml", b"", 1), None, "fișierul este gol"),
    Case("not UTF-8", write(N, "- id: stire\n  title: Ştire\n".encode("cp1250"), 2), None, "UTF-8"),
    Case("alias bomb", write(N, alias_bomb(), 2), None, "aliasurile YAML"),
    Case("deep nesting", write(N, b"- id: x\n  title: " + b"[" * 5000 + b"]" * 5000 + b"\n", 2), None,
         "imbricate prea adânc"),
    Case("Windows line endings keep line numbers", crlf_with_error, "date", "nu este o dată reală"),
    Case("errors in two files at once", twin_errors, "lat", "număr"),
    # The site's colours keep text readable: WCAG 2.1 AA contrast, checked like any other content.
    Case("colour with too little contrast", line_of("content/identity.yml", '  primary: "#004494"', '  primary: "#7fa7d9"'),
         "palette.primary", "sub cele 4,5:1 cerute de WCAG 2.1 AA"),
    Case("accent too light for text", line_of("content/identity.yml", '  accent: "#a8321e"', '  accent: "#f0a030"'),
         "palette.accent", "fundalul alb al paginilor, #ffffff, este 2,"),
    Case("colour without quotes", line_of("content/identity.yml", '  accent: "#a8321e"', '  accent: #a8321e'),
         "palette.accent", "între ghilimele"),
    Case("not a colour", line_of("content/identity.yml", '  surface: "#f1f5fb"', '  surface: albastru'),
         "palette.surface", "nu este o culoare"),
    Case("id in one language only", only_in_romanian, None, "avertisment: lipsește din content/en/pages.yml", status=0),
    Case("items in another order", swapped_items, "id", "avertisment: este pe locul 1 în listă, dar în "
         "content/ro/news.yml pe locul 1 este", status=0),
    Case("cedilla letters", line_of(N, "  title: Studiul de bază", "  title: Studiul de bază şi ţintele"), "title",
         "avertisment: „şi” este scris cu sedilă (ş ţ); scrieți „și”", status=0),
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
    assert "Traceback" not in out


def test_real_content_is_clean():
    code, out = run_check(REPO)
    assert (code, out.strip()) == (0, messages.get("cli", "ok", "ro"))


def test_every_problem_in_one_run(tmp_path):
    root = copy_project(tmp_path)
    edit(root, "content/ro/partners.yml", "  country: FI", "  country: Finlnd")
    news_line = edit(root, "content/ro/news.yml", "  date: 2025-02-17", "  date: 2025-02-30")
    edit(root, "content/en/events.yml", "  activity: peer-reviews", "  activity: nowhere")
    (root / "content/en/project.yml").write_text("name: [\n", encoding="utf-8")
    code, out = run_check(root)
    assert code == 1
    for where in ("content/ro/partners.yml", f"content/ro/news.yml:{news_line}:", "content/en/events.yml",
                  "content/en/project.yml:"):
        assert where in out


def test_empty_list_file_is_valid(tmp_path):
    root = copy_project(tmp_path)
    for lang in ("ro", "en"):
        (root / f"content/{lang}/news.yml").write_bytes(b"")
    assert run_check(root) == (0, messages.get("cli", "ok", "ro") + "\n")


def test_byte_order_mark_is_accepted(tmp_path):
    root = copy_project(tmp_path)
    path = root / "content/ro/news.yml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert run_check(root)[0] == 0


def test_huge_file_is_refused_quickly(tmp_path):
    root = copy_project(tmp_path)
    (root / "content/ro/news.yml").write_bytes(b"# " + b"x" * 6_000_000 + b"\n")
    started = time.perf_counter()
    code, out = run_check(root)
    assert code == 1 and "content/ro/news.yml:1: fișierul este prea mare" in out
    assert time.perf_counter() - started < 5


def test_english_messages_through_the_environment(tmp_path, monkeypatch):
    root = copy_project(tmp_path)
    line = edit(root, "content/ro/partners.yml", "  country: FI", "  country: Finlnd")
    monkeypatch.setenv(messages.ENV, "en")
    code, out = run_check(root)
    assert code == 1
    assert (f"content/ro/partners.yml:{line}: partner “jyvaskyla”, field “country”: “Finlnd” is not a known "
            "country (did you mean “FI”?)") in out


# -- the real commands -------------------------------------------------------------------------

def test_check_command_in_english(tmp_path):
    root = copy_project(tmp_path, BUILT)
    line = add_good_practice(root, "content/ro/good_practices.yml", "  country: FI", "  country: Finlnd")
    result = run([sys.executable, "-m", "sitegen", "check", "--lang", "en"], root)
    assert result.returncode == 1
    assert (f"content/ro/good_practices.yml:{line}: good practice “exemplu-mentorat”, field “country”: "
            "“Finlnd” is not a known country (did you mean “FI”?)") in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize("data, words", [
    (b"- id: a\n\ttitle: x\n", "content/ro/news.yml:2: un caracter Tab"),
    (alias_bomb(), "content/ro/news.yml:2: aliasurile YAML"),
    ("- id: a\n  title: Ştire\n".encode("utf-16"), "content/ro/news.yml:1: fișierul nu este salvat ca text UTF-8"),
], ids=["tab", "alias bomb", "UTF-16"])
def test_check_command(tmp_path, data, words):
    root = copy_project(tmp_path, BUILT)
    (root / "content/ro/news.yml").write_bytes(data)
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
    ("content/ro/partners.yml", "  country: FI", "  country: Finlnd", "„Finlnd” nu este o țară cunoscută (poate „FI”?)"),
    ("content/en/news.yml", "  title: ", "\ttitle: ", "un caracter Tab"),
    ("content/ro/events.yml", "  activity: peer-reviews", "  activity: peer-reviewz", "poate „peer-reviews”"),
], ids=["country", "tab", "reference"])
def test_mkdocs_build_stops(tmp_path, rel, old, new, words):
    root = copy_project(tmp_path, BUILT)
    line = edit(root, rel, old, new)
    result = run([sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / "site")], root)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"{rel}:{line}: " in output and words in output
    assert "Site-ul nu a fost construit" in output
    assert "Traceback" not in output
    assert not (tmp_path / "site").exists()
    assert not list((root / "docs").glob("*/index.md")), "no page may be generated from invalid content"


# -- adding an item ------------------------------------------------------------------------------

def test_new_item_in_every_language(tmp_path):
    root = copy_project(tmp_path, BUILT)
    before = {lang: (root / f"content/{lang}/news.yml").read_bytes() for lang in ("ro", "en")}
    result = run([sys.executable, "-m", "sitegen", "new", "news", "Întâlnire la Ungheni: ședință"], root)
    assert result.returncode == 0, result.stderr
    assert "„intalnire-la-ungheni-sedinta”" in result.stdout
    for lang in ("ro", "en"):
        after = (root / f"content/{lang}/news.yml").read_bytes()
        assert after.startswith(before[lang]), "the existing text is kept byte for byte"
        items = yaml.safe_load(after)
        assert items[-1]["id"] == "intalnire-la-ungheni-sedinta"
        assert set(items[-1]) == {"id", "title", "date", "summary", "body", "image", "image_alt", "gallery", "source"}
    assert yaml.safe_load((root / "content/ro/news.yml").read_bytes())[-1]["title"] == "Întâlnire la Ungheni: ședință"
    code, out = run_check(root)
    assert code == 1
    problems = [line for line in out.splitlines() if line.startswith("content/")]
    assert problems and all("intalnire-la-ungheni-sedinta" in line and "este gol" in line for line in problems)


def test_new_item_in_an_empty_crlf_list(tmp_path):
    root = copy_project(tmp_path)
    for lang in ("ro", "en"):
        path = root / f"content/{lang}/documents.yml"
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    added = scaffold.add(root, _languages(root), "documents", "Studiul de bază")
    assert added.item_id == "studiul-de-baza"
    text = (root / "content/ro/documents.yml").read_bytes()
    assert b"\n[]" not in text and b"\n" not in text.replace(b"\r\n", b"")
    assert [i["id"] for i in yaml.safe_load(text)] == ["studiul-de-baza"]


def test_new_ids_are_unique_and_transliterated(tmp_path):
    root = copy_project(tmp_path)
    first = scaffold.add(root, _languages(root), "events", "Vizită la Iași şi Ţara Moldovei")
    second = scaffold.add(root, _languages(root), "events", "Vizită la Iași şi Ţara Moldovei")
    assert (first.item_id, second.item_id) == ("vizita-la-iasi-si-tara-moldovei", "vizita-la-iasi-si-tara-moldovei-2")
    assert "Vizită la Iași și Țara Moldovei" in (root / "content/ro/events.yml").read_text(encoding="utf-8")


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
    assert settings == {**{f"./schemas/{t.key}.schema.json": [f"content/*/{t.key}.yml"] for t in TYPES},
                        "./schemas/identity.schema.json": ["content/identity.yml"]}
    for schema in settings:
        assert (REPO / schema).is_file()
