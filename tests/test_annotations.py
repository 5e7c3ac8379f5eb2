"""`python -m sitegen check --format github`, as the Pages workflow runs it after an edit on
github.com: each problem an annotation on its file and line, in Romanian; all of them, in plain
words, on the run's summary page; an error fails the step (no deploy), a warning does not."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, copy_project
from contentfiles import item_file
from sitegen import annotations
from sitegen.problems import WARNING, problem


def _run(project: Path, summary: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "SITEGEN_LANG"} | {"GITHUB_STEP_SUMMARY": str(summary)}
    return subprocess.run([sys.executable, "-m", "sitegen", "check", "--format", "github", "--root", str(project)],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)


NEWS = item_file("news", "second")  # the fixture content's (tests/fixtures/content)


def _edit(path: Path, old: str, new: str) -> int:
    """Replace `old` in a file; returns the line of the change."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def test_errors_and_warnings_are_annotations_on_their_lines(tmp_path):
    project = copy_project(tmp_path / "p")
    news = project / NEWS
    date_line = _edit(news, "date: 2024-05-01", "date: 2024-02-30")
    cedilla_line = _edit(news, "title: A doua știre", "title: A doua ştire")
    summary = tmp_path / "summary.md"
    summary.write_text("Earlier step.\n", encoding="utf-8")
    result = _run(project, summary)

    assert result.returncode == 1  # the step fails: nothing is deployed
    lines = result.stdout.splitlines()
    error = next(line for line in lines if line.startswith("::error "))
    assert error.startswith(f"::error file={NEWS},line={date_line},title=Eroare în conținut::")
    assert "știre „second”, câmpul „date”: „2024-02-30” nu este o dată reală" in error
    warnings = [line for line in lines if line.startswith("::warning ")]
    warning = next(line for line in warnings if f"file={NEWS}," in line)
    assert warning.startswith(f"::warning file={NEWS},line={cedilla_line},title=Avertisment în conținut::")
    assert "ș ț (virgulă dedesubt)" in warning
    assert not any("Traceback" in text for text in (result.stdout, result.stderr))

    page = summary.read_text(encoding="utf-8")
    assert page.startswith("Earlier step.\n## Verificarea conținutului\n")  # appended, never replaced
    # The fixture's own warning too: its Romanian-only good practice (a file, no line).
    assert "Erori: 1. Avertismente: 2." in page and "**Site-ul nu a fost publicat**" in page
    assert f"- **Eroare** `{NEWS}`, rândul {date_line}: știre „second”" in page
    assert f"- **Avertisment** `{NEWS}`, rândul {cedilla_line}:" in page
    assert "- **Avertisment** `content/ro/good_practices/only-romanian.yml`: bună practică „only-romanian”" in page
    assert any(line.startswith("::warning file=content/ro/good_practices/only-romanian.yml,title=") for line in warnings)


def test_warnings_alone_publish(tmp_path):
    project = copy_project(tmp_path / "p")
    _edit(project / NEWS, "title: A doua știre", "title: A doua ştire")
    summary = tmp_path / "summary.md"
    result = _run(project, summary)
    assert result.returncode == 0
    assert [line.split(" ", 1)[0] for line in result.stdout.splitlines() if line.startswith("::")] == ["::warning"] * 2
    assert "Avertismentele nu opresc publicarea" in summary.read_text(encoding="utf-8")


def test_correct_content_says_so(tmp_path):
    summary = tmp_path / "summary.md"
    result = _run(copy_project(tmp_path / "p", content=ROOT / "content"), summary)
    assert result.returncode == 0 and "::" not in result.stdout
    assert "nicio eroare, niciun avertisment" in summary.read_text(encoding="utf-8")


def test_what_the_officer_typed_cannot_break_a_command_or_the_page():
    found = problem("content/ro/a,b:c.yml", 3, "bad_date", kind="news", item="x", field="date",
                    value="50%\nline two", severity=WARNING)
    line = annotations.annotation(found, "ro")
    assert line.startswith("::warning file=content/ro/a%2Cb%3Ac.yml,line=3,title=Avertisment în conținut::")
    assert "\n" not in line and "50%25" in line
    page = annotations.summary([problem("content/ro/news.yml", 2, "bad_date", value="*[x](y)*")], "ro")
    assert "\\*\\[x\\](y)\\*" in page


def test_english_for_a_maintainer(tmp_path):
    found = problem("content/en/news.yml", 7, "bad_date", kind="news", item="x", field="date", value="2024-02-30")
    assert annotations.annotation(found, "en").startswith("::error file=content/en/news.yml,line=7,title=Content error::")
