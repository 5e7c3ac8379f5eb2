"""`python -m sitegen new`, as an officer first meets it: ids that read as a whole phrase, comments
that show how a list is written and where photos go, and answers in the officer's language."""
from __future__ import annotations

import subprocess
import sys

import yaml

from conftest import ROOT, copy_project
from contentfiles import ids as ids_of, item_file
from sitegen import scaffold


def _new(project, *args, lang=None):
    return subprocess.run([sys.executable, "-m", "sitegen", "new", *args, "--root", str(project),
                           *(["--lang", lang] if lang else [])],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)


def test_a_long_title_is_cut_between_phrases_never_inside_one():
    assert scaffold.slug("Vizită de studiu la Iași: schimb de experiență privind integrarea migranților "
                         "în economia locală") == "vizita-de-studiu-la-iasi"
    assert scaffold.slug("A șasea întâlnire a părților interesate din proiect, la Jyväskylä, în Finlanda, "
                         "în octombrie 2024") == "a-sasea-intalnire-a-partilor-interesate-din-proiect"
    assert scaffold.slug("Ungheni – vizită de studiu") == "ungheni-vizita-de-studiu"
    assert scaffold.slug("Întâlnire la Ungheni: ședință") == "intalnire-la-ungheni-sedinta"  # all fits


def test_without_punctuation_the_id_ends_on_a_whole_word_that_is_not_a_joining_one():
    title = "Un titlu foarte lung fără nicio punctuație care continuă mult peste limita de șaizeci la final"
    found = scaffold.slug(title)
    assert len(found) <= scaffold.ID_CHARS and found.split("-")[-1] not in scaffold.JOINING_WORDS
    assert "-".join(scaffold._words(title)).startswith(found + "-")  # whole words, in order
    assert scaffold.slug("Vizita delegatiei partenerilor din Finlanda si Grecia la Consiliul Raional pentru "
                         "discutii") == "vizita-delegatiei-partenerilor-din-finlanda-si-grecia"
    assert len(scaffold.slug("x" * 100)) == scaffold.ID_CHARS


def test_list_fields_are_shown_written_out_with_real_ids(tmp_path):
    project = copy_project(tmp_path / "p")
    assert _new(project, "results", "Raport final").returncode == 0
    text = (project / item_file("results", "raport-final")).read_text(encoding="utf-8")
    ids = ids_of(project, "documents")  # the fixture's: its file names
    example = text[text.index("# O listă"):]
    assert f"#   documents:\n#     - {ids[0]}\n" in example
    # Uncommented, the example is the YAML the check wants.
    lines = [line[3:] for line in example.splitlines()[1:] if line.startswith("#  ")]
    assert yaml.safe_load("\n".join(lines))["documents"][0] == ids[0]
    # A reference says where the ids are: the kind's folder, without ".yml".
    comment = text.splitlines()[text.splitlines().index("activity:") - 1]
    assert "content/<limbă>/activities/" in comment and "fără .yml" in comment


def test_image_fields_point_at_the_images_folder(tmp_path):
    project = copy_project(tmp_path / "p")
    assert _new(project, "news", "Atelier").returncode == 0
    text = (project / item_file("news", "atelier")).read_text(encoding="utf-8")
    comment = text.splitlines()[text.splitlines().index("image:") - 1]
    assert "content/media/images/" in comment and "media/images/" in comment


def test_the_new_item_has_no_id_line_and_leaves_order_and_draft_to_the_officer(tmp_path):
    """The file name is the id; `order` and `draft` are the officer's tools (the guide and the
    editor explain them), not fields to fill in."""
    project = copy_project(tmp_path / "p")
    assert _new(project, "partners", "Organizația nouă").returncode == 0
    for lang in ("ro", "en"):
        item = yaml.safe_load((project / item_file("partners", "organizatia-noua", lang)).read_text(encoding="utf-8"))
        assert not {"id", "order", "draft"} & set(item) and {"name", "country", "lat", "lon"} <= set(item)


def test_new_without_a_title_or_a_type_answers_in_the_officers_language(tmp_path):
    project = copy_project(tmp_path / "p")
    before = _files(project / "content")
    for args, words in ((["news"], "Lipsește titlul"), ([], "Scrieți ce adăugați"), (["news", "  "], "Lipsește titlul")):
        result = _new(project, *args)
        assert result.returncode == 1 and words in result.stderr, result.stderr
        assert "usage:" not in result.stderr and "Traceback" not in result.stderr
    assert "The title is missing" in _new(project, "news", lang="en").stderr
    assert _files(project / "content") == before  # nothing written


def _files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
