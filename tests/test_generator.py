"""The generator on its own small fixture content (tests/fixtures/content), so that an officer's
edit of the real content never breaks these tests."""
from __future__ import annotations

import datetime as dt
import os
import re
import shutil

import pytest

from conftest import FIXTURE_CONTENT, ROOT, build, copy_project, html_pages
from htmlutil import Page, resolve
from sitegen import urls, writer
from sitegen.formatting import Formatter
from sitegen.generate import generate
from sitegen.languages import Language, from_mkdocs_yml

RO = Formatter({"babel": "ro", "money_pattern": "#,##0.00 €", "group_symbol": " "})
EN = Formatter({"babel": "en_GB"})
LANGS = [Language("ro", "Română", True), Language("en", "English")]


def _plain(text: str) -> str:
    return text.replace("\u00a0", " ")


def test_money_dates_and_countries_per_language():
    assert _plain(RO.money(2511810)) == "2 511 810 €"
    assert EN.money(2511810) == "€2,511,810"
    assert RO.date(dt.date(2023, 3, 1)) == "1 martie 2023"
    assert EN.date(dt.date(2023, 3, 1)) == "1 March 2023"
    assert RO.date_range(dt.date(2023, 3, 1), dt.date(2027, 5, 31)) == "1 martie 2023 – 31 mai 2027"  # years differ
    assert (RO.country("FI"), EN.country("FI")) == ("Finlanda", "Finland")
    assert (RO.language("ro"), EN.language("ro")) == ("română", "Romanian")


def test_relative_links_between_pages():
    assert urls.relative("good-practices/x/", "partners/y/") == "../../partners/y/"
    assert urls.relative("", "news/") == "news/"
    assert urls.relative("en/news/a/", "news/a/") == "../../../news/a/"
    assert urls.relative("news/", "media/a.pdf") == "../media/a.pdf"


def test_languages_are_read_from_mkdocs_yml(tmp_path):
    project = copy_project(tmp_path / "p")
    assert [(lang.code, lang.default) for lang in from_mkdocs_yml(project / "mkdocs.yml")] == [
        ("ro", True), ("en", False)]


def test_writer_rewrites_only_changed_files_and_removes_stale_ones(tmp_path):
    assert writer.sync_text(tmp_path, {"a.md": "A", "b/c.md": "C"}) == 2
    before = os.stat(tmp_path / "a.md").st_mtime_ns
    os.utime(tmp_path / "a.md", ns=(before - 10**9, before - 10**9))
    assert writer.sync_text(tmp_path, {"a.md": "A", "b/d.md": "D"}) == 1
    assert os.stat(tmp_path / "a.md").st_mtime_ns == before - 10**9  # untouched
    assert not (tmp_path / "b" / "c.md").exists()


def test_generate_writes_the_same_paths_in_every_language(tmp_path):
    project = copy_project(tmp_path / "p")
    docs = project / "docs"
    report = generate(project, docs, LANGS, today=dt.date(2025, 1, 1))
    ro = sorted(p.relative_to(docs / "ro").as_posix() for p in (docs / "ro").rglob("*.md"))
    en = sorted(p.relative_to(docs / "en").as_posix() for p in (docs / "en").rglob("*.md"))
    assert ro == en
    assert "good-practices/only-romanian.md" in en
    assert report.pages == {"ro": len(ro), "en": len(en)}
    assert report.missing_translations == ["en: /good-practices/only-romanian/ (shown in ro)"]
    assert (docs / "media" / "documents" / "report.pdf").is_file()
    # A second run finds nothing to change: `mkdocs serve` does not loop on its own output.
    assert generate(project, docs, LANGS, today=dt.date(2025, 1, 1)).written == 0


def test_missing_translation_is_marked_and_reported(fixture_build):
    site, result = fixture_build
    assert "Missing translation: en: /good-practices/only-romanian/ (shown in ro)" in result.stderr
    page = Page(site / "en" / "good-practices" / "only-romanian" / "index.html")
    assert page.lang == "en"
    assert "has not been translated into English yet" in page.text
    notice_links = [a for a in page.links() if a.get("hreflang") == "ro" and "only-romanian" in a["href"]]
    assert notice_links and resolve(site, page.path, notice_links[0]["href"]) == \
        site / "good-practices" / "only-romanian" / "index.html"
    assert page.find_all("div", lang="ro")  # the Romanian text is labelled as Romanian
    index = Page(site / "en" / "good-practices" / "index.html")
    assert "Practică doar în română (Romanian)" in index.text


def test_plain_text_is_escaped_and_markdown_shows_html_as_typed(fixture_site):
    page = Page(fixture_site / "en" / "good-practices" / "mentoring" / "index.html")
    assert "Mentoring for &lt;migrant&gt; entrepreneurs" in page.source
    assert "<migrant>" not in page.source
    home = Page(fixture_site / "en" / "index.html")
    assert '<script>alert("x")</script>' not in home.source
    assert '<script>alert("x")</script> a < b' in home.text
    assert "<b>DEMO</b>" in home.text and "<b>DEMO</b>" not in home.source


def test_documents_show_type_size_and_language_per_language(fixture_site):
    ro = Page(fixture_site / "results" / "index.html").text
    en = Page(fixture_site / "en" / "results" / "index.html").text
    assert "PDF · 2,6 KB · limba: română" in ro
    assert "PDF · 2.6 KB · language: Romanian" in en


def test_events_are_split_into_upcoming_and_past(fixture_site):
    text = Page(fixture_site / "en" / "events" / "index.html").text
    upcoming, past = text.split("Past events")
    assert "The future workshop" in upcoming and "The past meeting" in past
    assert "10–11 March 2024" in past


def test_news_image_has_alt_text_in_the_page_language(fixture_site):
    for prefix, alt in ((fixture_site, "Participanți la întâlnirea de test"),
                        (fixture_site / "en", "Participants in the test meeting")):
        images = Page(prefix / "news" / "kickoff" / "index.html").find_all("img", alt=alt)
        assert images and resolve(fixture_site, prefix / "news" / "kickoff" / "index.html", images[0]["src"]).is_file()


def test_a_third_language_takes_a_folder_and_one_configuration_entry(tmp_path):
    project = copy_project(tmp_path / "p")
    shutil.copytree(project / "content" / "en", project / "content" / "uk")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    entry = "        - locale: en\n          name: English\n          build: true\n"
    assert entry in config
    (project / "mkdocs.yml").write_text(
        config.replace(entry, entry + "        - locale: uk\n          name: Українська\n          build: true\n"),
        encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    uk_pages = html_pages(site / "uk")
    assert len(uk_pages) == len(html_pages(site / "en"))
    page = Page(site / "uk" / "partners" / "index.html")
    assert page.lang == "uk"
    assert {a["hreflang"] for a in page.links("md-select__link")} == {"ro", "en", "uk"}
    assert "Фінляндія" in page.text  # country names come from the language's own locale data
    assert "Missing interface string: uk:" in result.stderr  # reported, not silently hidden


@pytest.mark.parametrize("lang", ["ro", "en"])
def test_every_fixture_page_has_a_single_h1(fixture_site, lang):
    prefix = fixture_site if lang == "ro" else fixture_site / "en"
    for path in html_pages(prefix):
        if lang == "ro" and path.relative_to(fixture_site).parts[0] == "en":
            continue
        if path.parent.name == "search":
            continue
        assert len(Page(path).find_all("h1")) == 1, path


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "docs/assets/css").glob("*.css")))
def test_the_published_style_sheet_is_the_source_without_comments_or_layout(real_site, name):
    def rules(css: str) -> str:  # what the browser reads: no comments, no whitespace outside quotes
        css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
        return "".join(part if part[:1] in "\"'" else re.sub(r"\s+", "", part).replace(";}", "}")
                       for part in re.split(r"(\"[^\"]*\"|'[^']*')", css))

    source = (ROOT / "docs/assets/css" / name).read_text(encoding="utf-8")
    published = (real_site / "assets/css" / name).read_text(encoding="utf-8")
    assert "/*" not in published and len(published) < 0.8 * len(source)
    assert rules(published) == rules(source)


def test_quoted_text_in_a_style_sheet_is_kept():
    from sitegen import compact
    css = "/* the theme's note */ a::after { content: \",  (\" attr(href) \") \"; }\n.a > .b ,\n .c { color: red ; }"
    assert compact.style_sheet(css) == 'a::after{content: ",  (" attr(href) ") "}.a>.b,.c{color: red}\n'


def test_published_scripts_are_the_sources_without_comments(real_site):
    from sitegen import compact
    for source in sorted((ROOT / "docs/assets/js").glob("*.js")):
        published = (real_site / "assets/js" / source.name).read_text(encoding="utf-8")
        assert published == compact.script(source.read_text(encoding="utf-8")), source.name
        assert "//" not in published.replace("://", "") and "/*" not in published, source.name


def test_only_comments_leave_a_script():
    from sitegen import compact
    js = ('/* About this. */\n  const a = "x  // y";  // why\n  // a line\n  f(a, `b // c`);\n'
          '  const url = "https://example.org"; // one space: kept\n')
    assert compact.script(js) == ('const a = "x  // y";\nf(a, `b // c`);\n'
                                  'const url = "https://example.org"; // one space: kept\n')
