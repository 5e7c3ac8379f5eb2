"""Facts the site states in several places agree, or the check says where they do not
(sitegen/facts.py): the partner countries and the partners listed (with those declared without a
public name), one name per country, one label per role, sources named in the text.

Each case is a copy of the fixture content made to disagree in one way; the message must name
both places (file and line of each) so that the officer sees which one to change.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from contentfiles import edit, item_file
from conftest import ROOT
from sitegen.content import _texts
from sitegen.formatting import Formatter
from test_validation import copy_project, run_check

PROJECT = "content/ro/project.yml"
PROJECT_EN = "content/en/project.yml"
ORG_FI = item_file("partners", "org-fi")
ORG_MD = item_file("partners", "org-md")
KICKOFF = item_file("news", "kickoff")


def _line(root: Path, rel: str, start: str) -> int:
    lines = (root / rel).read_text(encoding="utf-8").split("\n")
    return next(i for i, line in enumerate(lines, 1) if line.startswith(start))


def _countries(root: Path, value: str) -> None:
    """partner_countries written the same in both languages (a language-neutral fact)."""
    for rel in (PROJECT, PROJECT_EN):
        edit(root, rel, "partner_countries: [FI, MD]", f"partner_countries: {value}")


def _problems(out: str, where: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith(where)]


def test_a_partner_country_without_a_partner_names_the_list_and_the_folder(tmp_path):
    root = copy_project(tmp_path)
    _countries(root, "[FI, MD, SE]")
    code, out = run_check(root)
    found = _problems(out, f"{PROJECT}:{_line(root, PROJECT, 'partner_countries')}: ")
    assert code == 1 and len(found) == 1, out
    assert "SE (Suedia)" in found[0] and "content/ro/partners/" in found[0] and "unnamed_partners" in found[0], found
    assert "câmpul „partner_countries”" in found[0]
    assert len([line for line in out.splitlines() if line.startswith("content/")]) == 2, out  # and the RO-only warning


def test_a_partner_declared_without_a_name_makes_the_countries_add_up(tmp_path):
    root = copy_project(tmp_path)
    _countries(root, "[FI, MD, SE]")
    for rel in (PROJECT, PROJECT_EN):
        edit(root, rel, "figures:", "unnamed_partners:\n  - country: SE\nfigures:")
    code, out = run_check(root)
    assert code == 0 and "SE" not in out, out


def test_an_unnamed_partner_must_be_the_same_in_every_language(tmp_path):
    root = copy_project(tmp_path)
    _countries(root, "[FI, MD, SE]")
    edit(root, PROJECT, "figures:", "unnamed_partners:\n  - country: SE\nfigures:")
    code, out = run_check(root)
    assert code == 1 and any("unnamed_partners" in line and "content/ro/project.yml" in line
                             for line in _problems(out, f"{PROJECT_EN}:")), out


def test_a_partner_from_a_country_not_counted_names_its_file_and_the_list(tmp_path):
    root = copy_project(tmp_path)
    _countries(root, "[MD]")
    code, out = run_check(root)
    found = _problems(out, f"{ORG_FI}:{_line(root, ORG_FI, 'country')}: ")
    assert code == 1 and len(found) == 1, out
    assert "FI (Finlanda)" in found[0] and f"{PROJECT}:{_line(root, PROJECT, 'partner_countries')}" in found[0]
    assert "partener „org-fi”, câmpul „country”" in found[0]


def test_an_unnamed_partner_from_a_country_not_counted(tmp_path):
    root = copy_project(tmp_path)
    for rel in (PROJECT, PROJECT_EN):
        edit(root, rel, "figures:", "unnamed_partners:\n  - country: UA\nfigures:")
    code, out = run_check(root)
    found = _problems(out, f"{PROJECT}:{_line(root, PROJECT, '  - country: UA')}: ")
    assert code == 1 and len(found) == 1 and "UA" in found[0], out
    assert f"{PROJECT}:{_line(root, PROJECT, 'partner_countries')}" in found[0]


def test_a_country_counted_twice(tmp_path):
    root = copy_project(tmp_path)
    _countries(root, "[FI, MD, FI]")
    code, out = run_check(root)
    found = _problems(out, f"{PROJECT}:")
    assert code == 1 and any("FI" in line and "3 țări" in line for line in found), out


def test_the_organisations_role_must_be_its_partner_items_label(tmp_path):
    root = copy_project(tmp_path)
    edit(root, PROJECT, "role: partener de proiect", "role: partener cu statut deplin")
    code, out = run_check(root)
    found = _problems(out, f"{PROJECT}:{_line(root, PROJECT, '  role:')}: ")
    assert code == 1 and len(found) == 1, out
    assert "„partener cu statut deplin”" in found[0] and "„Partener de proiect”" in found[0]
    assert f"{ORG_MD}:{_line(root, ORG_MD, 'role')}" in found[0], found  # both places


def test_a_role_changed_on_the_partner_only_is_caught_too(tmp_path):
    root = copy_project(tmp_path)
    for lang in ("ro", "en"):
        edit(root, item_file("partners", "org-md", lang), "role: partner", "role: advisory")
    code, out = run_check(root)
    assert code == 1 and len(_problems(out, f"{PROJECT}:")) == 1 and len(_problems(out, f"{PROJECT_EN}:")) == 1, out
    assert "„Advisory partner”" in _problems(out, f"{PROJECT_EN}:")[0]


def test_a_country_called_otherwise_in_a_text_is_a_warning_naming_both_places(tmp_path):
    root = copy_project(tmp_path)
    # The officer's table of other names (strings/ro.yml): Finland, shown on the partner's page.
    strings = root / "strings" / "ro.yml"
    strings.write_text(strings.read_text(encoding="utf-8").replace(
        "  country_other_names:\n", "  country_other_names:\n    FI: [Suomi]\n"), encoding="utf-8")
    line = edit(root, KICKOFF, "body: Textul știrii de test.", "body: |\n  Textul știrii\n  de test, din Suomi.")
    code, out = run_check(root)
    found = _problems(out, f"{KICKOFF}:{line + 2}: ")
    assert code == 0 and len(found) == 1, out
    assert "avertisment" in found[0] and "„Suomi”" in found[0] and "„Finlanda”" in found[0], found
    assert f"{ORG_FI}:{_line(root, ORG_FI, 'country')}" in found[0], found  # where the site names it


def test_the_real_table_warns_of_another_name_even_when_no_item_shows_the_country(tmp_path):
    root = copy_project(tmp_path)
    edit(root, KICKOFF, "body: Textul știrii de test.", "body: Textul știrii de test, din Olanda.")
    code, out = run_check(root)
    found = _problems(out, f"{KICKOFF}:")
    assert code == 0 and len(found) == 1 and "„Țările de Jos”" in found[0] and "strings/ro.yml" in found[0], out


def test_a_link_named_only_source_is_a_warning(tmp_path):
    root = copy_project(tmp_path)
    line = edit(root, KICKOFF, "body: Textul știrii de test.", "body: Textul știrii de test ([sursa](https://example.org/x)).")
    code, out = run_check(root)
    found = _problems(out, f"{KICKOFF}:{line}: ")
    assert code == 0 and len(found) == 1 and "[example.org](…)" in found[0], out


def test_messages_in_english(tmp_path):
    root = copy_project(tmp_path)
    _countries(root, "[FI, MD, SE]")
    code, out = run_check(root, "--lang", "en")
    assert code == 1 and "is one of the 3 partner countries" in out and "unnamed_partners" in out, out


def test_country_names_come_from_one_table_per_language():
    assert Formatter({"babel": "ro"}).country("NL") == "Țările de Jos"
    assert Formatter({"babel": "ro", "country_names": {"md": "Moldova"}}).country("MD") == "Moldova"
    assert Formatter({"babel": "en_GB", "country_names": {"MD": "the Republic of Moldova"}}).country("md") == \
        "the Republic of Moldova"


# -- the real content, as a whole ------------------------------------------------------------------

def _real(lang: str, kind: str | None = None):
    if kind is None:
        return yaml.safe_load((ROOT / "content" / lang / "project.yml").read_text(encoding="utf-8"))
    items = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "content" / lang / kind).glob("*.yml"))]
    return [i for i in items if not i.get("draft")]


@pytest.mark.parametrize("lang", ["ro", "en"])
def test_the_real_partner_countries_are_the_partners_and_the_declared_unnamed(lang):
    project = _real(lang)
    listed = {p["country"] for p in _real(lang, "partners")}
    unnamed = {p["country"] for p in project.get("unnamed_partners", [])}
    assert len(project["partner_countries"]) == len(set(project["partner_countries"])) == len(listed | unnamed)
    assert set(project["partner_countries"]) == listed | unnamed


@pytest.mark.parametrize("lang", ["ro", "en"])
def test_the_real_content_names_countries_as_the_site_does(lang):
    strings = yaml.safe_load((ROOT / "strings" / f"{lang}.yml").read_text(encoding="utf-8"))
    other = [name for names in strings["locale"].get("country_other_names", {}).values() for name in names]
    for path in (ROOT / "content" / lang).rglob("*.yml"):
        for _, text in _texts(yaml.safe_load(path.read_text(encoding="utf-8")), ()):
            assert not any(re.search(rf"\b{re.escape(name)}\b", text, re.I) for name in other), path
