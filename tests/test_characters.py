"""The check and the build accept exactly the same texts: any Unicode typed into any text field of
any kind (controls, non-characters, lone surrogates written as YAML escapes, astral letters…) is
either refused by the check, with the character's name and column, or built into every page,
feed, calendar and the open data without an error. Before, a title with U+0008 passed the check
and stopped the build with "All strings must be XML compatible" and no file or line."""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURE_CONTENT, copy_project
from sitegen import check, invisible
from sitegen.generate import generate
from sitegen.languages import from_mkdocs_yml
from sitegen.model import BY_KEY, TYPES
from sitegen.problems import ContentError

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = settings(max_examples=int(os.environ.get("PROPERTY_EXAMPLES", "150")) // 3, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def _text_fields() -> list[tuple[str, str, str | None]]:
    """(kind, field, an item id of the fixture or None for a record) for every top-level text and
    Markdown field of every kind, the site's name included."""
    found = []
    for ctype in TYPES:
        schema = json.loads((REPO / "schemas" / f"{ctype.key}.schema.json").read_text(encoding="utf-8"))
        item = (None if not ctype.is_list else
                next(iter(sorted(p.stem for p in (FIXTURE_CONTENT / "ro" / ctype.key).glob("*.yml")
                                 if "draft" not in p.stem)), None))
        if ctype.is_list and item is None:
            continue
        for name, spec in schema["properties"].items():
            if spec.get("$ref", "").endswith(("/text", "/markdown")):
                found.append((ctype.key, name, item))
    return found + [("identity", "site_name", None)]


FIELDS = _text_fields()


def _yaml(text: str) -> str:
    """`text` as a YAML double-quoted scalar: what YAML may not hold as typed (controls, surrogates,
    non-characters, line separators) written as escapes, the rest as it is."""
    out = []
    for char in text:
        point = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif point < 0x20 or point == 0x7F or 0x80 <= point < 0xA0 or 0xD800 <= point <= 0xDFFF \
                or point in (0xFFFE, 0xFFFF, 0x2028, 0x2029, 0xFEFF):
            out.append(f"\\u{point:04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("characters") / "project")


def _set(root: Path, kind: str, name: str, item: str | None, value: str) -> Path:
    """The field set to `value` in the Romanian file (a shared fact would have to agree across
    languages; a text is the language's own)."""
    path = (root / "content" / "identity.yml" if kind == "identity" else
            root / "content" / "ro" / kind / f"{item}.yml" if item else root / "content" / "ro" / f"{kind}.yml")
    lines = path.read_text(encoding="utf-8").split("\n")
    kept, skipping = [], False
    for line in lines:  # drop the field's own lines (a block of text runs on while indented)
        if line.startswith(f"{name}:"):
            skipping = True
            continue
        if skipping and (line.startswith(" ") or not line.strip()):
            continue
        skipping = False
        kept.append(line)
    path.write_text("\n".join(kept).rstrip("\n") + f"\n{name}: {_yaml(value)}\n", encoding="utf-8")
    return path


texts = st.text(alphabet=st.characters(codec=None, exclude_categories=()), min_size=1, max_size=12)
awkward = st.sampled_from(["\x08", "\ufffe", "\uffff", "\ud800", "\udfff", "\ufdd0", "\x00", "\x1b", "\x7f",
                           "\x85", "\u2028", "\U0001F600", "\U0010FFFF", "ș", "\t", "a\u0301"])


@EXAMPLES
@given(field=st.sampled_from(FIELDS), text=st.one_of(texts, st.builds("".join, st.lists(
    st.one_of(awkward, st.text(min_size=1, max_size=3)), min_size=1, max_size=5))))
def test_the_check_and_the_build_accept_the_same_texts(project, field, text):
    kind, name, item = field
    langs = from_mkdocs_yml(REPO / "mkdocs.yml")
    root = Path(tempfile.mkdtemp(dir=project.parent))
    try:
        shutil.copytree(project / "content", root / "content")
        for part in ("schemas", "strings", "templates", "mkdocs.yml", ".cache", "docs"):  # images made once
            (project / part).mkdir(exist_ok=True) if part in (".cache", "docs") else None
            (root / part).symlink_to(project / part)
        _set(root, kind, name, item, text)
        _, problems = check.check(root, langs)
        errors = [p for p in problems if p.severity == "error"]
        try:
            generate(root, root / "docs", langs)
            built = True
        except ContentError:
            built = False
        assert built == (not errors), (kind, name, repr(text), [str(p) for p in errors])
        bad = {f"U+{ord(c):04X}" for c in text if invisible.is_unpublishable(c)}
        if bad:  # what the site cannot publish is named, with its column, on its line
            said = [p.text("ro") for p in errors]
            assert any(code in line and "coloana" in line for code in bad for line in said), said
    finally:
        shutil.rmtree(root)


def test_a_title_with_a_backspace_is_refused_by_the_check_with_its_name(tmp_path):
    root = copy_project(tmp_path / "p")
    _set(root, "news", "title", "kickoff", "Lans\x08area")
    _, problems = check.check(root, from_mkdocs_yml(REPO / "mkdocs.yml"))
    said = [p.text("ro") for p in problems if p.severity == "error"]
    assert said == ["content/ro/news/kickoff.yml:6: știre „kickoff”, câmpul „title”: textul conține caracterul "
                    "U+0008 (control character) (coloana 13), pe care site-ul nu îl poate publica (fluxul de "
                    "știri și harta site-ului sunt XML); ștergeți-l"], said
