"""The officer's guide (guide/GHID.md, and guide/GUIDE.md in English) and its pictures of the web
editor (guide/images/, made by guide/screenshots.py):

- the screenshot script drives the editor through every step the guide shows and makes every
  picture the guides reference, so a change to the editor that breaks a step turns this red;
- the committed pictures were made from the editor's current sources (guide/images/manifest.json),
  so they cannot silently go stale;
- both guides say the same things in the same order, link only to what exists, and speak of the
  content as it is kept: one file per item.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "guide"))
import screenshots  # noqa: E402  (guide/screenshots.py)

GUIDE = ROOT / "guide"
GUIDES = {"GHID.md": GUIDE / "GHID.md", "GUIDE.md": GUIDE / "GUIDE.md"}
PICTURE = re.compile(r"!\[[^\]]*\]\((images/[^)\s]+)\)")
LINK = re.compile(r"\]\((?!https?:|mailto:)([^)\s]*)\)")
HEADING = re.compile(r"^(#{1,6}) (.+?)\s*$", re.MULTILINE)
FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)
CODE = re.compile(r"(`+)[^`\n]*?\1")


def _text(name: str) -> str:
    return GUIDES[name].read_text(encoding="utf-8")


def _prose(name: str) -> str:
    """The guide without its code blocks (a `# comment` there is no heading)."""
    return FENCE.sub("", _text(name))


def _pictures(name: str) -> list[str]:
    return PICTURE.findall(_text(name))


def _anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    text = re.sub(r"[`*_]", "", heading).lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


# --- (a) the script makes every picture, through every step --------------------------------------

def test_the_screenshot_script_takes_every_step_and_makes_every_picture_the_guides_show(browser, tmp_path):
    """`python3 dev.py screenshots --out <folder>`, with the tests' browser: one build of the test
    content with its editor, then the guide's steps in the editor's Romanian interface."""
    out = tmp_path / "images"
    assert screenshots.main(["--out", str(out)], browser=browser) == 0
    made = {p.name for p in out.glob("*.png")}
    wanted = {Path(p).name for name in GUIDES for p in _pictures(name)}
    assert wanted <= made, f"pictures the guides show that the script no longer makes: {sorted(wanted - made)}"
    for name in made:
        assert (out / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and (out / name).stat().st_size > 5000, name
    manifest = json.loads((out / screenshots.MANIFEST).read_text(encoding="utf-8"))
    assert manifest["key"] == screenshots.source_key() and set(manifest["pictures"]) == made


# --- (b) the committed pictures are those of the current editor ----------------------------------

def test_the_committed_pictures_were_made_from_the_current_editor():
    manifest = json.loads((GUIDE / "images" / screenshots.MANIFEST).read_text(encoding="utf-8"))
    assert manifest["key"] == screenshots.source_key(), (
        "The editor changed since guide/images/ was made (its sources: "
        f"{', '.join(screenshots.SOURCES)}): run `python3 dev.py screenshots` and commit guide/images/.")
    assert manifest["sources"] == list(screenshots.SOURCES)
    committed = {p.name for p in (GUIDE / "images").glob("*.png")}
    assert set(manifest["pictures"]) == committed, (
        "guide/images/ holds other pictures than the script made: run `python3 dev.py screenshots`.")


def test_the_key_changes_with_any_source(tmp_path):
    for name in screenshots.SOURCES:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes((ROOT / name).read_bytes())
    assert screenshots.source_key(tmp_path) == screenshots.source_key()
    for name in screenshots.SOURCES:
        before = (tmp_path / name).read_bytes()
        (tmp_path / name).write_bytes(before + b"\n")
        assert screenshots.source_key(tmp_path) != screenshots.source_key(), name
        (tmp_path / name).write_bytes(before)


# --- (c) the guides themselves -------------------------------------------------------------------

@pytest.mark.parametrize("name", GUIDES)
def test_every_picture_and_link_of_the_guide_exists(name):
    pictures = _pictures(name)
    assert pictures, f"{name} shows no picture"
    missing = [p for p in pictures if not (GUIDE / p).is_file()]
    assert not missing, f"{name} shows pictures that are not in guide/images/: {missing}"
    anchors = {_anchor(title) for _, title in HEADING.findall(_prose(name))}
    for target in LINK.findall(CODE.sub("", _prose(name))):  # `![…](…)` in code is an example, no link
        path, _, anchor = target.partition("#")
        if path:
            assert (GUIDE / path).exists(), f"{name}: link to {target}, which does not exist"
        if anchor and not path:
            assert anchor in anchors, f"{name}: link to #{anchor}, which is no heading of the guide"


def test_both_guides_have_the_same_headings_in_the_same_order():
    levels = {name: [len(hashes) for hashes, _ in HEADING.findall(_prose(name))] for name in GUIDES}
    assert levels["GHID.md"] == levels["GUIDE.md"], "every heading of GHID.md has its counterpart in GUIDE.md"
    assert levels["GHID.md"].count(2) > 5 and levels["GHID.md"].count(3) > 10
    assert _pictures("GHID.md") == _pictures("GUIDE.md"), "both guides show the same pictures, in the same order"


def test_the_romanian_guide_writes_s_and_t_with_a_comma_below():
    cedillas = sorted({m for m in re.findall(r"\w*[şţŞŢ]\w*", _text("GHID.md"))})
    assert not cedillas, f"GHID.md writes with a cedilla: {cedillas} (ș ț have a comma below)"


@pytest.mark.parametrize("name", GUIDES)
def test_the_guide_speaks_of_one_file_per_item(name):
    text = _text(name)
    for old in ("news.yml", "events.yml", "partners.yml", "documents.yml", "activities.yml", "- id:"):
        assert old not in text, f"{name} still speaks of the old list files: {old!r}"
    assert "content/ro/news/" in text and "content/en/news/" in text
