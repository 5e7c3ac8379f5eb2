"""Property tests: whatever an editor types, the check answers with lines, never a crash, and the
pages show it as text, never as markup."""
from __future__ import annotations

import datetime as dt
import html.parser
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from conftest import copy_project
from sitegen import check, images, languages, messages, pages, scaffold, schema, strings, text, yamlfile
from sitegen.model import BY_KEY, TYPES
from sitegen.problems import SHOWN_CHARS, shown

REPO = Path(__file__).resolve().parent.parent
SHOWN = "content/ro/news/x.yml"  # an item's file, as the messages name it
CHECKERS = schema.load(REPO / "schemas")
ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SOME = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FEW = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Tags and attributes the Markdown renderer may produce itself; anything else came from the text.
MARKDOWN_TAGS = {"p", "em", "strong", "a", "code", "pre", "ul", "ol", "li", "blockquote", "hr", "br", "span",
                 "h2", "h3", "h4", "h5", "h6"}
MARKDOWN_ATTRIBUTES = {"href", "src", "alt", "title", "start"}

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=40),
                    st.dates(), st.sampled_from(["FI", "2024-02-30", "https://example.org", "a@b.md", "skills"]))
documents = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                         | st.dictionaries(st.text(max_size=12), inner, max_size=5), max_leaves=25)
yaml_text = st.text(alphabet=st.sampled_from(list("ab1:- \t\n\r\"'[]{}#&*!|>%@`,?\\ţș\x00\x07\ufeff")), max_size=80)


def one_line_problems(problems, shown_file: str) -> None:
    for problem in problems:
        for lang in messages.available():
            line = problem.text(lang)
            assert "\n" not in line and "\r" not in line
            assert line.startswith(shown_file)


@SOME
@given(st.binary(max_size=300))
def test_loader_takes_any_bytes(raw):
    doc, problems = yamlfile.read(raw, SHOWN)
    assert (doc is None) == bool(problems)
    one_line_problems(problems, SHOWN)


@SOME
@given(yaml_text)
def test_loader_takes_yaml_like_text(source):
    doc, problems = yamlfile.read(source.encode("utf-8"), SHOWN)
    assert (doc is None) == bool(problems)
    one_line_problems(problems, SHOWN)


@SOME
@given(documents, st.sampled_from([t.key for t in TYPES]))
def test_any_document_is_checked_without_a_crash(data, key):
    source = yaml.safe_dump(data, allow_unicode=True)
    item = "x" if BY_KEY[key].is_list else None  # a list kind's file holds one item, named by its file
    shown = f"content/ro/{key}/x.yml" if item else f"content/ro/{key}.yml"
    doc, problems = yamlfile.read(source.encode("utf-8"), shown)
    if doc is None:
        # What safe_dump writes and we refuse: aliases, `? key`, characters that YAML reads as a
        # line break or that look like spaces; each named, never "cannot read".
        assert all(p.code in ("yaml_alias", "key_not_plain", "line_break_char", "indent_invisible")
                   for p in problems), [p.code for p in problems]
        return
    cleaned, empty = schema.without_empty(doc.data)
    found, _ = schema.check(CHECKERS[key], cleaned, shown=shown, doc=doc, kind=key, empty=empty, item=item)
    one_line_problems(found + doc.problems(shown, key, item), shown)


# -- the fast path agrees with jsonschema ------------------------------------------------------------

def example(spec: dict):
    """A valid value for a field's schema (inlined, as the build uses it)."""
    kind = spec.get(schema.DEF)
    if "enum" in spec:
        return spec["enum"][0]
    samples = {"date": "2024-02-29", "url": "https://example.org/a", "email": "a@example.org", "file": "media/a.pdf",
               "language": "ro", "id": "abc-1", "ref": "abc-1", "text": "Text", "markdown": "Text", "money": 1,
               "month_date": "2024-12", "partial_date": "2023-07", "colour": "#004494"}
    if kind in samples:
        return samples[kind]
    if spec.get("type") == "object":
        return {name: example(spec["properties"][name]) for name in spec.get("required", [])}
    return {"array": [], "number": 1.5, "string": "Text"}.get(spec.get("type"), "Text")


def candidates(spec: dict):
    valid = st.just(example(spec))
    junk = st.sampled_from(["", "x\ny", "2023-02-30", "2023-13", "2024", 2024, 12345, "http://nohost", "a@b", "FI ",
                            "Ab_c", 12, -200, 1.5, True,
                            None, [], {}, "media/a b.pdf", "https://exa mple.org", "EL"])
    return st.one_of(valid, valid, junk, st.text(max_size=8))


def items(key: str):
    item = CHECKERS[key].schema  # one item's file (or a record's): a block of fields
    fields = {name: candidates(field) for name, field in item["properties"].items()}
    base = example(item)
    changes = st.dictionaries(st.sampled_from(sorted(fields) + ["unknown"]), st.just(None), max_size=3)
    return changes.flatmap(lambda chosen: st.fixed_dictionaries(
        {name: fields.get(name, st.just("x")) for name in chosen}).map(lambda new: {**base, **new}))


@SOME
@given(st.sampled_from([t.key for t in TYPES]).flatmap(lambda key: st.tuples(st.just(key), items(key))))
def test_fast_path_agrees_with_jsonschema(case):
    key, item = case
    checker = CHECKERS[key]
    assert checker.fast_valid(item) == checker.full.is_valid(item), item


# -- what visitors get ----------------------------------------------------------------------------

class _Tags(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


@SOME
@given(st.text(max_size=200) | st.sampled_from(["<script>alert(1)</script>", "a < b", "<img src=x onerror=alert(1)>",
                                                 "[x](javascript:alert(1))", "<a href='x'>y</a>", "&lt;b&gt;"]))
def test_markdown_passes_no_html_through(source):
    rendered = str(text.to_html(source))
    parser = _Tags()
    parser.feed(rendered)
    for tag, attrs in parser.found:
        assert tag in MARKDOWN_TAGS, rendered
        for name, value in attrs:
            assert name in MARKDOWN_ATTRIBUTES, rendered
            assert not (value or "").strip().lower().startswith(("javascript:", "data:", "vbscript:")), rendered
    assert "<script" not in rendered.lower()


# Prose as editors type it, with every character that could make Markdown do something besides.
prose = st.text(alphabet=st.sampled_from(list("aăBșțé1 9.,;:!?'\"()-–%/=+*_`#<>&[]\\|~\n\t\r\x02\u00a0")), max_size=120)


@settings(max_examples=400, deadline=None)
@given(prose | st.lists(st.sampled_from(["Ana are mere.", "Line two", "", " ", "  ", "1. x", "- x", "Title", "===",
                                         "---", "a  ", "# h", "> q", "    code", "x *y*", "http://x.md"]),
                        max_size=6).map("\n".join))
def test_plain_prose_takes_the_short_path_to_the_same_html(source):
    """The short path for plain paragraphs writes exactly what Python-Markdown writes."""
    assert text.to_html(source) == (text._markdown(source, 1) if source else "")


def test_plain_prose_takes_the_short_path():
    assert text.to_html("Ana are mere.\nȘi pere.\n\nAlt paragraf (2024).") == \
        "<p>Ana are mere.\nȘi pere.</p>\n<p>Alt paragraf (2024).</p>"
    # An indented line after a blank one is code, not prose: the short path must not take it.
    assert "<pre><code>" in text.to_html("Ana are mere.\n\n    code")


url_paths = st.lists(st.sampled_from(["", "news", "en", "a", "b", ".", "..", "x.png", "page", "2"]), max_size=5).map("/".join)


@settings(max_examples=300, deadline=None)
@given(url_paths, url_paths)
def test_links_between_pages_are_what_posixpath_and_urljoin_say(here, there):
    """The generator's own relative and absolute links agree with the standard library's."""
    import posixpath
    from urllib.parse import urljoin
    from sitegen import seo, urls
    expected = posixpath.relpath("/" + there, "/" + here)
    expected = "./" if expected == "." else expected + "/" if there.endswith("/") else expected
    assert urls.relative(here, there) == expected
    assert seo.absolute("https://example.org/site/", there) == urljoin("https://example.org/site/", there)


def test_markdown_shows_html_as_typed():
    assert "a &lt; b" in text.to_html("a < b")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text.to_html("<script>alert(1)</script>")


@pytest.fixture(scope="module")
def renderer(tmp_path_factory):
    """The pages of the fixture content (tests/fixtures/content), rendered in this process."""
    project = copy_project(tmp_path_factory.mktemp("renderer") / "project")
    langs = languages.from_mkdocs_yml(project / "mkdocs.yml")
    content, problems = check.check(project, langs)
    assert not [p for p in problems if p.severity == "error"]
    table, _ = strings.load(project / "strings", [lang.code for lang in langs], langs[0].code)
    photos = images.Photos(project, content)  # the fixture's news item has a photo
    assert not photos.prepare()
    return pages.Renderer(content, table, project / "templates", dt.date(2026, 1, 1), photos=photos)


@FEW
@given(st.text(min_size=1, max_size=60).filter(lambda s: s.strip()) | st.just('<script>alert("x")</script> & a < b'))
def test_plain_fields_are_escaped_on_every_page(renderer, title):
    marked = f"⟦{title}⟧"  # brackets that appear nowhere else, to find exactly this text
    item = renderer.content.by_id[("ro", "news")]["kickoff"]
    original = dict(item)
    item["title"] = item["summary"] = marked
    try:
        body = "\n".join(page.body for page in renderer.pages())
    finally:
        item.update(original)
    assert str(escape(marked)) in body
    if any(c in title for c in "<>&\"'"):
        assert marked not in body
    # The site's own scripts all have a src, but for the few words that load today.js on an old page.
    assert "<script>" not in re.sub(r"<script>\(function\(\)\{var d=new Date\(\).*?</script>", "", body)


# -- adding an item -------------------------------------------------------------------------------

@SOME
@given(st.text(max_size=120))
def test_any_title_gives_a_valid_id(title):
    assert ID.match(scaffold.slug(title))


@SOME
@given(st.text(max_size=80).filter(lambda s: s.strip()))
def test_any_title_is_written_as_valid_yaml(title):
    fields = scaffold._fields(REPO, "news")
    item = scaffold._item_text("ro", "news", title, title, fields)
    doc, problems = yamlfile.read(item.encode("utf-8"), "content/ro/news/x.yml")
    assume(not problems or problems[0].code != "yaml_control")  # a control character typed in the title
    assert not problems
    assert isinstance(doc.data, dict) and "id" not in doc.data  # one item, its id the file's name
    assert doc.data["title"] == " ".join(title.split())


@SOME
@given(st.one_of(scalars, documents))
def test_a_quoted_value_is_one_short_line(value):
    line = shown(value)
    assert "\n" not in line and len(line) <= SHOWN_CHARS
