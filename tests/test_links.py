"""Every link from a text to the site itself leads somewhere, and every published file's address
works whatever its name: the check names each dead link (a page renamed or deleted, a draft, a
missing anchor or file, an address written relative to the page) with its file and line, without
building; the build stops on it (MkDocs' own check never sees the generated pages); and a site
whose files are named with spaces, %, #, +, Romanian letters and capitals is built and every link
of every page followed."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import BASE_PATH, build, copy_project as copy_buildable
from contentfiles import edit, write_item
from linkcheck import check as follow_links
from test_validation import CHECKED, copy_project, run_check

NEWS = "content/ro/news/second.yml"  # a fixture news item with a body-less text we give it


def _with_body(root: Path, body: str, lang: str = "ro") -> int:
    """The fixture's second news item with `body`; the line of the body's last line of text."""
    rel = f"content/{lang}/news/second.yml"
    text = (root / rel).read_text(encoding="utf-8").rstrip("\n") + "\nbody: |\n"
    text += "".join(f"  {row}\n" for row in body.split("\n"))
    (root / rel).write_text(text, encoding="utf-8")
    return text.count("\n")


DEAD = [
    ("[a](/news/nu-exista/)", "nu duce la nicio pagină a site-ului"),
    ("[a](/news/kickof/)", "(poate „/news/kickoff/”?)"),
    ("[a](../kickoff/)", "nu este scris ca adresă a site-ului"),
    ("[a](news/kickoff/)", "nu este scris ca adresă a site-ului"),
    ("[a](media/documents/lipsa.pdf)", "duce la content/media/documents/lipsa.pdf, care nu există"),
    ("[a](/news/draft-news/)", "duce la o ciornă"),
    ("[a](/events/#nu-exista)", "nu are secțiunea „#nu-exista”"),
    ("[a](/en/news/nu-exista/)", "nu duce la nicio pagină"),
    ("[a][ref]\n\n[ref]: /nowhere/", "nu duce la nicio pagină"),
]


@pytest.mark.parametrize("text, words", DEAD, ids=[d[0] for d in DEAD])
def test_a_dead_link_is_named_with_its_file_and_line(tmp_path, text, words):
    root = copy_project(tmp_path, CHECKED + ("templates",))  # the templates say which anchors a page has
    line = _with_body(root, f"Primul rând.\n\nVedeți {text}.")
    code, out = run_check(root)
    said = [row for row in out.splitlines() if row.startswith(f"{NEWS}:{line}: ") and words in row]
    assert code == 1 and said, out
    assert "câmpul „body”" in said[0]


def test_links_that_lead_somewhere_pass(tmp_path):
    root = copy_project(tmp_path)
    _with_body(root, "[a](/news/kickoff/) [b](/events/#past) [c](/en/news/kickoff/) [d](/feed.xml) "
                     "[e](/events/calendar.ics) [f](media/documents/report.pdf) [g](/) [h](/region/) "
                     "[i](mailto:a@b.md) [j](#sus) [k](/news/kickoff) [l](/data/content.json)")
    code, out = run_check(root)
    assert code == 0, out


def test_the_build_stops_on_a_dead_link(tmp_path):
    project = copy_buildable(tmp_path / "project")
    line = _with_body(project, "Vedeți [știrea](/news/sters/).")
    result = build(project, tmp_path / "site")
    assert result.returncode == 1
    assert f"{NEWS}:{line}: " in result.stderr and "nu duce la nicio pagină" in result.stderr
    assert not (tmp_path / "site" / "news" / "second").exists()


ODD = "Raport_final-2025(v2)+ță#1%.PDF"  # as a scanner or a colleague names a file (spaces: below)


@pytest.fixture(scope="module")
def odd_site(tmp_path_factory):
    """The fixture content with a document and a linked file named with spaces, %, #, +,
    Romanian letters and capitals, and texts linking pages, anchors and files; built at its own
    public address. (site, site URL)"""
    base = tmp_path_factory.mktemp("odd-names")
    project = copy_buildable(base / "project")
    folder = project / "content" / "media" / "documents"
    (folder / ODD).write_bytes(b"%PDF-1.4\n%%EOF\n")
    (folder / "Anexă A.PDF").write_bytes(b"%PDF-1.4\n%%EOF\n")
    for lang in ("ro", "en"):
        edit(project, f"content/{lang}/documents/report.yml", "file: media/documents/report.pdf",
             f'file: "media/documents/{ODD}"')
    encoded = "media/documents/Anex%C4%83%20A.PDF"
    for lang in ("ro", "en"):
        _with_body(project, f"[a](/news/kickoff/), [b](/events/#past), [c]({encoded}), [d](/documents/)", lang)
    site, url = base / "site", "https://example.org" + BASE_PATH
    result = build(project, site, site_url=url)
    assert result.returncode == 0, result.stderr
    return site, url


def test_every_link_of_a_site_with_odd_file_names_leads_somewhere(odd_site):
    site, url = odd_site
    broken, _ = follow_links(site, url)
    assert not broken, broken[:10]
    for prefix in ("", "en/"):
        page = (site / prefix / "news" / "second" / "index.html").read_text(encoding="utf-8")
        assert 'href="../kickoff/"' in page and 'href="../../events/#past"' in page
        assert "Anex%C4%83%20A.PDF" in page
    documents = (site / "documents" / "index.html").read_text(encoding="utf-8")
    assert "Raport_final-2025%28v2%29%2B%C8%9B%C4%83%231%25.PDF" in documents
    assert (site / "media" / "documents" / ODD).is_file()


def test_the_open_data_names_each_file_by_a_working_address(odd_site):
    site, url = odd_site
    data = json.loads((site / "data" / "content.json").read_text(encoding="utf-8"))
    address = next(d["url"] for d in data["documents"] if "Raport" in d["url"])
    assert address == url + "media/documents/Raport_final-2025%28v2%29%2B%C8%9B%C4%83%231%25.PDF"
    from urllib.parse import unquote
    assert (site / unquote(address.removeprefix(url))).is_file()


def test_a_file_name_with_spaces_is_refused_with_the_name_to_use(tmp_path):
    root = copy_project(tmp_path)
    (root / "content/media/documents/Raport final 2025.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    line = edit(root, "content/ro/documents/report.yml", "file: media/documents/report.pdf",
                "file: media/documents/Raport final 2025.pdf")
    code, out = run_check(root)
    assert code == 1 and (f"content/ro/documents/report.yml:{line}: " in out
                          and "scrieți aici „media/documents/raport-final-2025.pdf”" in out), out
