"""The web editor at /admin/: its configuration against the schemas, its page, and a round trip in
Chromium on the editor's test backend: add a news item in Romanian and English with a photo,
save, read the files back, check and build them with the project's own code, and find the page in
both languages; every request the editor makes is recorded, and none may leave the site.
"""
from __future__ import annotations

import functools
import http.server
import json
import re
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

import editor
from conftest import BASE_PATH, ROOT, _SiteHandler, copy_project
from sitegen import admin, check, editor_config, languages as languages_module

LANGS = languages_module.from_mkdocs_yml(ROOT / "mkdocs.yml")
NEW_ID = "atelier-foto-ungheni"
RO = {"title": "Atelier cu fotografii la Ungheni", "summary": "Un atelier de lucru, cu o fotografie.",
      "body": ["Primul paragraf, cu ș și ț: „citat”.", "Al doilea paragraf, 50% din #timp."],
      "alt": "Participanții la atelier, în sala de ședințe"}
EN = {"title": "Photo workshop in Ungheni", "summary": "A workshop, with a photo.",
      "body": ["The first paragraph: a quote."], "alt": "The workshop participants in the meeting room"}


def _config(repository=None) -> dict:
    strings = yaml.safe_load((ROOT / "strings" / "ro.yml").read_text(encoding="utf-8"))
    return editor_config.config(ROOT, LANGS, repository, "https://example.org/site/", strings)


def _fields(fields: list[dict], prefix: str = ""):
    """(dotted path, field) of every field of the editor's configuration, nested ones included."""
    for field in fields:
        path = prefix + field["name"]
        yield path, field
        yield from _fields(field.get("fields", []), path + ".")
        if "field" in field:  # a list of single values: its values are the field itself
            yield from _fields(field["field"].get("fields", []), path + ".")


def _editor_fields(singleton: dict) -> dict[str, dict]:
    fields = singleton["fields"]
    if fields[0].get("root"):  # a list file: the item's fields
        fields = fields[0]["fields"]
    return dict(_fields(fields))


# --- the configuration ---------------------------------------------------------------------------

def test_every_schema_field_is_in_the_editor():
    singletons = {s["name"]: s for s in _config()["singletons"]}
    for key, paths in editor_config.schema_fields(ROOT).items():
        assert key in singletons, f"content type {key} is missing from the editor"
        missing = paths - set(_editor_fields(singletons[key]))
        assert not missing, f"{key}: fields missing from the editor: {sorted(missing)}"


def test_a_field_added_to_a_schema_appears_in_the_editor(tmp_path):
    project = copy_project(tmp_path / "p")
    path = project / "schemas" / "news.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["items"]["properties"]["gallery"] = {"type": "array", "items": {
        "type": "object", "required": ["image", "alt"],
        "properties": {"image": {"$ref": "common.schema.json#/$defs/file"},
                       "alt": {"$ref": "common.schema.json#/$defs/text"}}}}
    path.write_text(json.dumps(schema), encoding="utf-8")
    news = next(s for s in editor_config.config(project, LANGS, None, "https://example.org/")["singletons"]
                if s["name"] == "news")
    fields = _editor_fields(news)
    assert fields["gallery"]["widget"] == "list"
    # The same photos in every language, in the same order; their descriptions translated.
    assert fields["gallery"]["i18n"] == "duplicate"
    assert fields["gallery.image"]["widget"] == "image" and fields["gallery.image"]["i18n"] == "duplicate"
    assert fields["gallery.alt"]["i18n"] is True and fields["gallery.alt"]["required"] is True


def test_labels_are_in_romanian_and_translations_follow_the_model():
    from sitegen.model import BY_KEY
    for singleton in _config()["singletons"]:
        ctype = BY_KEY[singleton["name"]]
        for path, field in _editor_fields(singleton).items():
            name = path.rsplit(".", 1)[-1]
            assert field["label"] != name and field["label"][0].isupper(), \
                f"{ctype.key}.{path}: no label in sitegen/messages/ro.yml (labels:)"
            if "." not in path and name in ctype.neutral:
                assert field["i18n"] == "duplicate", f"{ctype.key}.{path} is the same in every language"
            if "." not in path and field.get("widget") in ("string", "markdown") and field["i18n"] is True:
                assert name not in ctype.neutral


def test_widgets_follow_the_schema_definitions():
    news = _editor_fields(next(s for s in _config()["singletons"] if s["name"] == "news"))
    assert news["date"]["widget"] == "string"  # a day, a month or a year: no date picker
    assert news["date"]["pattern"][0] == r"^\d{4}(-\d{2}(-\d{2})?)?$" and "2024-12" in news["date"]["pattern"][1]
    events = _editor_fields(next(s for s in _config()["singletons"] if s["name"] == "events"))
    assert events["start"]["pattern"][0] == r"^\d{4}-\d{2}(-\d{2})?$"  # a day or a month, never a year alone
    assert news["body"]["widget"] == "markdown" and news["summary"]["widget"] == "string"
    assert news["image"]["widget"] == "image" and news["image"]["public_folder"] == "media/images"
    assert news["id"]["i18n"] == "duplicate" and news["id"]["pattern"][0].startswith("^[a-z0-9]")
    results = _editor_fields(next(s for s in _config()["singletons"] if s["name"] == "results"))
    assert results["documents"]["widget"] == "relation" and results["documents"]["multiple"] is True
    assert results["activity"]["file"] == "activities"
    assert {o["value"] for o in results["status"]["options"]} == {"expected", "achieved"}
    assert "Obținut" in next(o["label"] for o in results["status"]["options"] if o["value"] == "achieved")
    documents = _editor_fields(next(s for s in _config()["singletons"] if s["name"] == "documents"))
    assert documents["file"]["widget"] == "file" and documents["file"]["media_folder"] == "/content/media/documents"
    partners = _editor_fields(next(s for s in _config()["singletons"] if s["name"] == "partners"))
    assert partners["lat"]["widget"] == "number" and partners["lat"]["min"] == -90
    assert "Finlanda (FI)" in {o["label"] for o in partners["country"]["options"]}


def test_the_configuration_is_valid_for_the_editor():
    """Against the JSON schema the editor's package ships (schema/sveltia-cms.json)."""
    from jsonschema import Draft7Validator, validators
    schema_file = ROOT / "node_modules" / "@sveltia" / "cms" / "schema" / "sveltia-cms.json"
    assert schema_file.is_file(), "npm ci has not run (python3 dev.py test runs it)"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    validator = validators.validator_for(schema, default=Draft7Validator)(schema)
    for config in (_config(), _config("owner/name")):
        data = yaml.safe_load(editor_config.config_text(config))
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}" for e in validator.iter_errors(data)]
        assert not errors, "\n".join(errors[:10])


def test_the_repository_comes_from_github_actions():
    assert _config("council/site")["backend"] == {"name": "github", "repo": "council/site", "auth_methods": ["token"]}
    assert _config()["backend"] == {"name": "test-repo"}


def test_without_node_the_site_says_how_to_get_the_editor(fixture_build, monkeypatch, tmp_path):
    site, result = fixture_build  # the fixture project has no node_modules
    assert "The web editor (/admin/) is not in this build" in result.stderr
    page = (site / "admin" / "index.html").read_text(encoding="utf-8")
    assert "npm ci" in page and "noindex" in page and "<script" not in page
    assert 'lang="en"' in page  # said in every language
    monkeypatch.setenv("PATH", str(tmp_path))  # no node on it
    assert admin.find_bundle(ROOT) == (None, "Node.js")


# --- the built editor ----------------------------------------------------------------------------

@pytest.fixture(scope="session")
def editor_site(tmp_path_factory):
    """(project, site folder, address): the real content with the editor, served on 127.0.0.1."""
    base = tmp_path_factory.mktemp("editor")
    site = base / "site"
    site.mkdir()
    handler = functools.partial(_SiteHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    url = f"http://127.0.0.1:{server.server_address[1]}{BASE_PATH}"
    project = copy_project(base / "project", content=ROOT / "content")
    result = editor.build_with_editor(project, site, url, ROOT)
    assert result.returncode == 0, result.stderr
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield project, site, url
    server.shutdown()


def test_the_editor_page_is_private_and_out_of_the_site(editor_site):
    _, site, _ = editor_site
    page = (site / "admin" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in page
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)[1]
    sources = {d.split()[0]: d.split()[1:] for d in csp.split("; ")}
    assert sources["default-src"] == ["'none'"]
    assert sources["connect-src"] == ["'self'", "https://api.github.com", "data:", "blob:"]
    assert all(s in ("'self'", "'none'", "'unsafe-inline'", "'wasm-unsafe-eval'", "data:", "blob:",
                     "https://api.github.com") for values in sources.values() for s in values)
    assert (site / "admin" / "editor.js").is_file() and (site / "admin" / "config.yml").is_file()
    assert "/admin" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "admin/" not in (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "/admin" not in (site / "data" / "content.json").read_text(encoding="utf-8")
    assert "admin/" not in (site / "index.html").read_text(encoding="utf-8")
    # The fonts are the site's own; no stylesheet of the package names a font host.
    assert list((site / "admin" / "assets").glob("*.woff2"))
    bundle = "".join(p.read_text(encoding="utf-8") for p in (site / "admin").glob("*.js"))
    assert "cdn.jsdelivr.net/fontsource" not in bundle


def test_signing_in_to_github_asks_no_other_host_first(editor_site, browser):
    """The GitHub sign-in page, as the published site shows it: nothing is asked of any host (no
    status page, no fonts) until the officer signs in."""
    _, _, url = editor_site
    config = editor_config.config_text(_config("council/site"))
    context = browser.new_context()
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.route("**/admin/config.yml*", lambda route: route.fulfill(body=config, content_type="application/yaml"))
    page.goto(url + "admin/")
    page.get_by_role("button", name="Sign In Using Access Token").wait_for()
    page.wait_for_timeout(1500)
    context.close()
    hosts = {urlsplit(r).netloc for r in requests if urlsplit(r).scheme in ("http", "https")}
    assert hosts == {urlsplit(url).netloc}, sorted(hosts)


def _trimmed(value):
    if isinstance(value, str):
        return value.rstrip("\n")
    if isinstance(value, dict):
        return {k: _trimmed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_trimmed(v) for v in value]
    return value


def _photo(folder: Path) -> Path:
    from PIL import Image, ImageDraw
    image = Image.new("RGB", (1200, 800), (40, 90, 160))
    ImageDraw.Draw(image).rectangle((100, 100, 600, 500), fill=(240, 200, 40))
    path = folder / "Fotografie întâlnire.jpg"  # as a camera or a phone names it: spaces, accents
    image.save(path, quality=85)
    return path


def test_round_trip_adds_a_news_item_in_both_languages(editor_site, browser, tmp_path):
    project, site, url = editor_site
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests, violations, errors = [], [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    editor.seed(page, url, ROOT)
    editor.sign_in_test_repository(page, url)
    editor.open_file(page, "Noutăți")
    editor.add_item(page)
    ro = editor.pane(page, "Romanian")
    editor.type_text(page, ro, "Identificator (id)", NEW_ID)
    editor.type_text(page, ro, "Titlu", RO["title"])
    editor.type_text(page, ro, "Data", "2025-03-10")
    editor.type_text(page, ro, "Rezumat", RO["summary"])
    editor.type_markdown(page, ro, "Text", RO["body"])
    editor.upload(page, ro, "Fotografie", _photo(tmp_path))
    editor.type_text(page, ro, "Descrierea fotografiei", RO["alt"])
    editor.show_english_beside(page)
    en = editor.pane(page, "English")
    editor.type_text(page, en, "Titlu", EN["title"])
    editor.type_text(page, en, "Rezumat", EN["summary"])
    editor.type_markdown(page, en, "Text", EN["body"])
    editor.type_text(page, en, "Descrierea fotografiei", EN["alt"])
    editor.save(page)
    editor.wait_for_file(page, "content/en/news.yml", EN["alt"])
    editor.wait_for_file(page, "content/ro/news.yml", RO["alt"])
    files = editor.read_back(page)
    context.close()

    # What the editor wrote: both languages, the photo under a name the check accepts.
    photo = "content/media/images/fotografie-intalnire.jpg"
    assert photo in files, sorted(files)
    ro_news = files["content/ro/news.yml"].decode("utf-8")
    assert f"image: {photo.removeprefix('content/')}" in ro_news and RO["body"][1] in ro_news

    # The project's own check and build, on a copy holding exactly what the editor left.
    copy = copy_project(tmp_path / "copy", content=ROOT / "content")
    editor.write_content(files, copy)
    checked = subprocess.run([sys.executable, "-m", "sitegen", "check", "--root", str(copy)],
                             capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert checked.returncode == 0, checked.stdout + checked.stderr

    # Every item the officer did not touch reads as before: the editor's key order, quoting and
    # block styles change nothing the generator sees (a long text loses only its final line break,
    # `|-` for `|`, which no page shows).
    before, _ = check.check(ROOT, LANGS)
    after, _ = check.check(copy, LANGS)
    for lang in LANGS:
        for key, data in before.data[lang.code].items():
            saved = after.data[lang.code][key]
            if key == "news":
                saved = [item for item in saved if item["id"] != NEW_ID]
            assert _trimmed(saved) == _trimmed(data), f"{lang.code}/{key} changed"

    rebuilt = tmp_path / "site"
    result = editor.build_with_editor(copy, rebuilt, url, ROOT)
    assert result.returncode == 0, result.stderr
    for prefix, words in (("", RO), ("en/", EN)):
        html = (rebuilt / prefix / "news" / NEW_ID / "index.html").read_text(encoding="utf-8")
        assert words["title"] in html and words["body"][0].split(":")[0] in html
        assert f'alt="{words["alt"]}"' in html and "fotografie-intalnire" in html
    for page_path in ("news/ungheni-study-on-track/index.html", "en/partners/index.html", "project/index.html"):
        assert (rebuilt / page_path).read_bytes() == (site / page_path).read_bytes(), page_path

    hosts = {urlsplit(r).netloc for r in requests if urlsplit(r).scheme in ("http", "https", "ws", "wss")}
    assert hosts == {urlsplit(url).netloc}, sorted(hosts)
    assert not violations, violations
    assert not errors, errors
