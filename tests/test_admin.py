"""The web editor at /admin/: its configuration against the schemas, its page, and a round trip in
Chromium on the editor's test backend: add a news item in Romanian and English with a photo,
save, read the files back, check and build them with the project's own code, and find the page in
both languages; every request the editor makes is recorded, and none may leave the site.
"""
from __future__ import annotations

import functools
import shutil
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
from conftest import BASE_PATH, FIXTURE_CONTENT, ROOT, _SiteHandler, copy_project
from sitegen import admin, check, editor_config, languages as languages_module, messages

LANGS = languages_module.from_mkdocs_yml(ROOT / "mkdocs.yml")
NEW_ID = "atelier-cu-fotografii-la-ungheni"  # from the title, as the editor names the file
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


def _kinds(config: dict | None = None) -> dict[str, dict]:
    """Every collection and singleton of the configuration, by name."""
    config = config or _config()
    return {c["name"]: c for c in config["collections"] + config["singletons"]}


def _editor_fields(kind: dict) -> dict[str, dict]:
    return dict(_fields(kind["fields"]))


# --- the configuration ---------------------------------------------------------------------------

def test_every_schema_field_is_in_the_editor():
    kinds = _kinds()
    for key, paths in editor_config.schema_fields(ROOT).items():
        assert key in kinds, f"content type {key} is missing from the editor"
        missing = paths - set(_editor_fields(kinds[key]))
        assert not missing, f"{key}: fields missing from the editor: {sorted(missing)}"


def test_each_list_kind_is_a_folder_of_item_files_paired_by_name():
    from sitegen.model import TYPES
    config = _config()
    assert config["i18n"]["structure"] == "multiple_folders"
    collections = {c["name"]: c for c in config["collections"]}
    for ctype in TYPES:
        if not ctype.is_list:
            assert ctype.key in {s["name"] for s in config["singletons"]}
            continue
        kind = collections[ctype.key]
        assert kind["folder"] == f"content/{{{{locale}}}}/{ctype.key}" and kind["extension"] == "yml"
        # The file name is the id: from the title when created, never changed after (the address).
        assert kind["slug"]["editable"] == ["create"] and kind["slug"]["pattern"][0] == editor_config.ID_PATTERN
        assert "id" not in _editor_fields(kind)
        sort = kind["sortable_fields"]["default"]
        assert sort["field"] == (ctype.date_field or "order")
        assert sort["direction"] == ("descending" if ctype.newest_first else "ascending")
        assert "{{fields.draft | ternary(" in kind["summary"]
    identity = _kinds()["identity"]
    assert identity["file"] == "content/identity.yml" and "i18n" not in identity
    assert _editor_fields(identity)["palette.primary"]["widget"] == "color"


def test_a_field_added_to_a_schema_appears_in_the_editor(tmp_path):
    project = copy_project(tmp_path / "p")
    path = project / "schemas" / "news.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["properties"]["gallery"] = {"type": "array", "items": {
        "type": "object", "required": ["image", "alt"],
        "properties": {"image": {"$ref": "common.schema.json#/$defs/file"},
                       "alt": {"$ref": "common.schema.json#/$defs/text"}}}}
    schema["properties"]["place"] = {"$ref": "common.schema.json#/$defs/text"}
    path.write_text(json.dumps(schema), encoding="utf-8")
    fields = _editor_fields(_kinds(editor_config.config(project, LANGS, None, "https://example.org/"))["news"])
    assert fields["place"]["widget"] == "string" and fields["place"]["i18n"] is True
    assert fields["gallery"]["widget"] == "list"
    # The same photos in every language, in the same order; their descriptions translated.
    assert fields["gallery"]["i18n"] == "duplicate"
    assert fields["gallery.image"]["widget"] == "image" and fields["gallery.image"]["i18n"] == "duplicate"
    assert fields["gallery.alt"]["i18n"] is True and fields["gallery.alt"]["required"] is True


def test_labels_are_in_romanian_and_translations_follow_the_model():
    from sitegen.model import BY_KEY
    for name, kind in _kinds().items():
        ctype = BY_KEY.get(name)
        for path, field in _editor_fields(kind).items():
            leaf = path.rsplit(".", 1)[-1]
            assert field["label"] != leaf and field["label"][0].isupper(), \
                f"{name}.{path}: no label in sitegen/messages/ro.yml (labels:)"
            if ctype is None or "." in path:
                continue
            if leaf in ctype.neutral:
                assert field["i18n"] == "duplicate", f"{name}.{path} is the same in every language"
            if field.get("widget") in ("string", "markdown") and field["i18n"] is True:
                assert leaf not in ctype.neutral


def test_widgets_follow_the_schema_definitions():
    kinds = _kinds()
    news, events = _editor_fields(kinds["news"]), _editor_fields(kinds["events"])
    assert news["date"]["widget"] == "string"  # a day, a month or a year: no date picker
    assert news["date"]["pattern"][0] == editor_config.DATE_PATTERNS["partial_date"] and "2024-12" in news["date"]["pattern"][1]
    assert events["start"]["pattern"][0] == editor_config.DATE_PATTERNS["month_date"]  # never a year alone
    assert news["body"]["widget"] == "markdown" and news["summary"]["widget"] == "string"
    assert news["summary"]["pattern"][0] == editor_config.ONE_LINE
    assert news["image"]["widget"] == "image" and news["image"]["public_folder"] == "media/images"
    assert news["draft"]["widget"] == "boolean" and news["draft"]["i18n"] == "duplicate"
    results = _editor_fields(kinds["results"])
    assert results["documents"]["widget"] == "relation" and results["documents"]["multiple"] is True
    assert results["activity"]["collection"] == "activities" and results["activity"]["value_field"] == "{{slug}}"
    assert {o["value"] for o in results["status"]["options"]} == {"expected", "achieved"}
    assert "Obținut" in next(o["label"] for o in results["status"]["options"] if o["value"] == "achieved")
    assert results["order"]["pattern"][0] == editor_config.INTEGER
    documents = _editor_fields(kinds["documents"])
    assert documents["file"]["widget"] == "file" and documents["file"]["media_folder"] == "/content/media/documents"
    partners = _editor_fields(kinds["partners"])
    # Typed as text and read as the check reads it: never the browser's number box, which made 21 of 47,21.
    assert partners["lat"]["widget"] == "string" and partners["lat"]["pattern"][0] == editor_config.NUMBER
    assert "Finlanda (FI)" in {o["label"] for o in partners["country"]["options"]}


# The editor's patterns and the check agree on every value, typed right or wrong.
SAMPLES = ["2024", "2024-02", "2024-13", "2024-00", "2024-02-29", "2023-02-29", "2000-02-29", "1900-02-29",
           "2025-02-30", "2025-04-31", "2025-12-31", "2025-1-5", "17.02.2025", "20251", " 2024", "2024-02-29 ",
           "https://www.postojna.si", "https://postojna", "http://a.b/c?d#e", "https://x.org/a b", "www.x.org",
           "ftp://x.org", "https://x.org.", "https://ex-ample.co.uk:8080/p", "https://.org",
           "nume@exemplu.md", "a@b", "test(at)example.org", "A@B.ORG", "a b@c.org",
           "47.21", "47,21", "-3", "+3", "3.", ".5", "1e3", "21", "0", "007"]


@pytest.mark.parametrize("value", SAMPLES)
def test_the_editor_and_the_check_read_a_value_alike(value):
    from sitegen import schema
    checks = {
        "partial_date": schema.FORMATS.checkers["partial-date"][0],
        "month_date": schema.FORMATS.checkers["month-date"][0],
        "date": schema.FORMATS.checkers["date"][0],
        "url": lambda v: schema._uri(v) and bool(re.fullmatch(r"https?://[^\s]+", v)),
        "email": schema._email,
    }
    patterns = {**editor_config.DATE_PATTERNS, "url": editor_config.URL, "email": editor_config.EMAIL}
    for name, accepted in checks.items():
        pattern = patterns[name]
        flags = re.IGNORECASE if pattern.endswith("/i") else 0
        pattern = pattern.removeprefix("/").removesuffix("/i") if flags else pattern
        assert bool(re.search(pattern, value, flags)) == bool(accepted(value)), (name, value)
    # A number field: the editor accepts exactly the text the check reads as a number it keeps.
    number = schema._to_number(value)
    assert bool(re.search(editor_config.NUMBER, value)) == (not isinstance(number, str) and "e" not in value.lower()
                                                            and not value.startswith(("+", ".")) and not value.endswith(".")), value


def _value_problems(fields: list[dict], data: dict, where: str) -> list[str]:
    """What the editor's widgets refuse in `data`: a required field empty, a value off its pattern
    or not among its choices. Values are as the editor's YAML reader gives them (text, numbers)."""
    found = []
    for field in fields:
        name, value = field["name"], data.get(field["name"]) if isinstance(data, dict) else None
        here = f"{where}.{name}"
        if value in (None, "", []):
            if field.get("required"):
                found.append(f"{here}: required")
            continue
        values = value if isinstance(value, list) and field.get("widget") in ("list", "select", "relation") else [value]
        for one in values:
            if "pattern" in field:
                pattern = field["pattern"][0]
                flags = re.IGNORECASE if pattern.endswith("/i") else 0
                pattern = pattern.removeprefix("/").removesuffix("/i") if flags else pattern
                if not re.search(pattern, str(one), flags):
                    found.append(f"{here}: {one!r} off the pattern")
            if "options" in field and one not in {o["value"] for o in field["options"]}:
                found.append(f"{here}: {one!r} not a choice")
            if "fields" in field:
                found += _value_problems(field["fields"], one, here)
            if "field" in field:
                found += _value_problems([field["field"] | {"name": "_"}], {"_": one}, here)
    return found


def _as_the_editor_reads(path: Path):
    """A content file as the editor's YAML 1.2 reader sees it: numbers as numbers, dates as text."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Yaml12)


class _Yaml12(yaml.SafeLoader):
    pass


_Yaml12.yaml_implicit_resolvers = {k: [(tag, regexp) for tag, regexp in v if tag != "tag:yaml.org,2002:timestamp"]
                                   for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def _node(script: str, data) -> object:
    result = subprocess.run(["node", "--input-type=module", "-e", script], input=json.dumps(data), capture_output=True,
                            text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


RULES_JS = """
import { problems } from './admin/rules.js';
let input = '';
for await (const chunk of process.stdin) input += chunk;
const { words, items } = JSON.parse(input);
console.log(JSON.stringify(items.map(([kind, locales]) => problems(words.collections[kind], words, locales, {}))));
"""


def _rules_problems(items: list[tuple[str, dict[str, dict]]]) -> list[list[str]]:
    """admin/rules.js's verdict on items ([(kind, {language: data})]), in Node, as the editor runs it."""
    words = editor_config.rules(ROOT, "ro")
    words["collections"] = {k: v for k, v in words["collections"].items()} | {
        k: {"numbers": [], "ranges": [], "photos": []} for k in ("sections", "identity") if k not in words["collections"]}
    payload = [(kind, [[["data"] if lang == "ro" else ["i18n", lang, "data"], data] for lang, data in langs.items()])
               for kind, langs in items]
    return _node(RULES_JS, {"words": words, "items": json.loads(json.dumps(payload, default=str))})


@pytest.mark.parametrize("content", [FIXTURE_CONTENT, ROOT / "content"], ids=["fixture", "real"])
def test_the_content_as_it_is_passes_the_editors_rules(content):
    """What the check accepts, the editor saves untouched: every item and record, in every language."""
    kinds, found, items = _kinds(), [], []
    for name, kind in kinds.items():
        if "folder" in kind:
            files = {lang.code: sorted((content / lang.code / name).glob("*.yml")) for lang in LANGS}
            ids = sorted({p.stem for paths in files.values() for p in paths})
            for item_id in ids:
                langs = {lang: _as_the_editor_reads(content / lang / name / f"{item_id}.yml")
                         for lang in files if (content / lang / name / f"{item_id}.yml").is_file()}
                for lang, data in langs.items():
                    found += _value_problems(kind["fields"], data, f"{lang}/{name}/{item_id}")
                items.append((name, langs))
        else:
            paths = {lang.code: content / lang.code / f"{name}.yml" for lang in LANGS} if "i18n" in kind \
                else {"ro": content / "identity.yml"}
            langs = {lang: _as_the_editor_reads(path) for lang, path in paths.items()}
            for lang, data in langs.items():
                found += _value_problems(kind["fields"], data, f"{lang}/{name}")
            items.append((name, langs))
    assert not found, found[:10]
    verdicts = _rules_problems(items)
    assert not any(verdicts), [(item[0], v) for item, v in zip(items, verdicts) if v][:5]


def test_the_editors_rules_refuse_in_the_checks_words():
    """admin/rules.js, with the check's own messages: a number out of range (typed as text too), an
    end before its start (known to the month or the year), a photo without its description."""
    partner = {"name": "X", "lat": "95.5", "lon": 200}
    far = {"name": "X", "country": "DE", "lat": 21, "lon": "11.8"}  # Germany's latitude typed 21 for 51
    event = {"title": "X", "start": "2024-03", "end": "2024-02-29"}
    practice = {"title": "X", "start": "2024", "end": "2023-12"}
    news = {"title": "X", "image": "media/images/a.jpg", "gallery": [{"image": "media/images/b.jpg", "alt": "B"},
                                                                      {"image": "media/images/c.jpg"}]}
    fine = {"title": "X", "start": "2024-03", "end": "2024-03-01", "image": "media/images/a.jpg", "image_alt": "A"}
    verdicts = _rules_problems([("partners", {"ro": partner, "en": partner}), ("events", {"ro": event}),
                                ("good_practices", {"ro": practice}), ("news", {"ro": news, "en": {k: v for k, v in fine.items() if k not in ("start", "end")}}),
                                ("events", {"ro": fine, "en": fine}), ("partners", {"ro": far}),
                                ("partners", {"ro": far | {"lat": 51.15}})])
    said = messages.table("ro")["problems"]
    assert verdicts[0] == ["Câmpul „Latitudine”: 95.5 este mai mare decât maximul permis (90)",
                           "Câmpul „Longitudine”: 200 este mai mare decât maximul permis (180)"]
    assert verdicts[1] == ["Câmpul „Data de sfârșit”: " + said["end_before_start"].format(start="2024-03", end="2024-02-29")]
    assert len(verdicts[2]) == 1 and "2023-12" in verdicts[2][0]
    assert verdicts[3] == ["Câmpul „Descrierea fotografiei”: " + said["image_no_alt"],
                           "Câmpul „Galerie foto › Descrierea fotografiei”: " + said["image_no_alt"]]
    assert verdicts[4] == []
    assert len(verdicts[5]) == 1 and verdicts[5][0].startswith("Câmpul „Latitudine”: coordonatele 21, 11.8 sunt la circa ")
    assert verdicts[6] == []


def test_the_romanian_interface_has_every_string_of_the_editor():
    """admin/locales/ro.json against the package's source strings: the same keys, every placeholder
    kept, plural forms for Romanian, comma-below ș ț."""
    source = json.loads((ROOT / "node_modules/@sveltia/cms/locales/en-US.json").read_text(encoding="utf-8"))
    ours = json.loads((ROOT / "admin/locales/ro.json").read_text(encoding="utf-8"))

    def leaves(tree, prefix=""):
        for key, value in tree.items():
            yield from leaves(value, f"{prefix}{key}.") if isinstance(value, dict) else [(prefix + key, value)]

    english, romanian = dict(leaves(source)), dict(leaves(ours))
    assert romanian.keys() == english.keys()
    for key, text in english.items():
        assert set(re.findall(r"\{\$\w+", text)) <= set(re.findall(r"\{\$\w+", romanian[key])), key
        assert (".match" in text) == (".match" in romanian[key]), key
    assert not re.search("[şţŞŢ]", json.dumps(ours, ensure_ascii=False))
    assert romanian["save"] == "Salvează"


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
    """(project, site folder, address): the fixture content with the editor, served on 127.0.0.1."""
    base = tmp_path_factory.mktemp("editor")
    site = base / "site"
    site.mkdir()
    handler = functools.partial(_SiteHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    url = f"http://127.0.0.1:{server.server_address[1]}{BASE_PATH}"
    project = copy_project(base / "project")
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
    for name in ("editor.js", "config.yml", "editor.json"):
        assert (site / "admin" / name).is_file(), name
    assert "/admin" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "admin/" not in (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "/admin" not in (site / "data" / "content.json").read_text(encoding="utf-8")
    assert "admin/" not in (site / "index.html").read_text(encoding="utf-8")
    # The fonts are the site's own; no stylesheet of the package names a font host.
    assert list((site / "admin" / "assets").glob("*.woff2"))
    bundle = "".join(p.read_text(encoding="utf-8") for p in (site / "admin").glob("*.js"))
    assert "cdn.jsdelivr.net/fontsource" not in bundle
    # The preview's style sheets are the site's own, as published.
    words = json.loads((site / "admin" / "editor.json").read_text(encoding="utf-8"))
    for sheet in words["preview"]["styles"]:
        assert (site / "admin" / sheet).resolve().is_file(), sheet
    assert "--md-primary-fg-color:" in words["preview"]["palette"]


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
    page.get_by_role("button", name="Conectează-te cu un token de acces").wait_for()
    page.wait_for_timeout(1500)
    context.close()
    hosts = {urlsplit(r).netloc for r in requests if urlsplit(r).scheme in ("http", "https")}
    assert hosts == {urlsplit(url).netloc}, sorted(hosts)


def test_the_interface_speaks_romanian_whatever_the_browser_and_english_stays_available(editor_site, browser):
    _, _, url = editor_site
    for locale in ("en-US", "ro-RO", "de-DE"):
        context = browser.new_context(locale=locale)
        page = context.new_page()
        page.goto(url + "admin/")
        page.get_by_role("button", name="Lucrează cu depozitul de test").wait_for()
        assert page.locator("html").get_attribute("lang") == "ro"
        context.close()
    # Once the officer picks English in the editor's settings, it stays English.
    context = browser.new_context(locale="ro-RO")
    page = context.new_page()
    page.goto(url + "admin/")
    page.get_by_role("button", name="Lucrează cu depozitul de test").wait_for()
    page.evaluate("""() => { const prefs = JSON.parse(localStorage.getItem('sveltia-cms.prefs'));
                             localStorage.setItem('sveltia-cms.prefs', JSON.stringify({...prefs, locale: 'en-US'})); }""")
    page.reload()
    page.get_by_role("button", name="Work with Test Repository").wait_for()
    context.close()


def _photo(folder: Path, width: int = 1200, name: str = "Fotografie întâlnire.jpg") -> Path:
    from PIL import Image, ImageDraw
    image = Image.new("RGB", (width, width * 2 // 3), (40, 90, 160))
    ImageDraw.Draw(image).rectangle((width // 12, width // 12, width // 2, width // 2.4), fill=(240, 200, 40))
    path = folder / name  # as a camera or a phone names it: spaces, accents
    image.save(path, quality=85)
    return path


class _Session:
    """The editor on its test backend, seeded with a project's content; every request recorded."""

    def __init__(self, browser, url: str, content_root: Path):
        self.url = url
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.requests, self.errors = [], []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: self.errors.append(m.text) if "Content Security Policy" in m.text else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        editor.seed(self.page, url, content_root)
        self.before = editor.read_back(self.page)
        editor.sign_in_test_repository(self.page, url)

    def changed(self) -> dict[str, bytes | None]:
        """Every file the editor wrote, added or deleted since the session began."""
        after = editor.read_back(self.page)
        return {path: after.get(path) for path in set(self.before) | set(after)
                if self.before.get(path) != after.get(path)}

    def close(self) -> None:
        self.context.close()
        hosts = {urlsplit(r).netloc for r in self.requests if urlsplit(r).scheme in ("http", "https", "ws", "wss")}
        assert hosts == {urlsplit(self.url).netloc}, sorted(hosts)
        assert not self.errors, self.errors


def _wait_saved(page, path: str, text: str) -> None:
    editor.wait_for_file(page, path, text)
    page.wait_for_timeout(300)  # the other language's file is written in the same commit


def test_a_news_item_added_in_both_languages_touches_its_own_files_only(editor_site, browser, tmp_path):
    project, site, url = editor_site
    session = _Session(browser, url, project)
    page = session.page
    editor.open_collection(page, "Noutăți")
    editor.new_item(page)
    ro = editor.pane(page, "Română")
    editor.type_text(page, ro, "Titlu", RO["title"])
    editor.type_text(page, ro, "Data", "2025-03-10")
    editor.type_text(page, ro, "Rezumat", RO["summary"])
    editor.type_markdown(page, ro, "Text", RO["body"])
    editor.upload(page, ro, "Fotografie", _photo(tmp_path))
    editor.type_text(page, ro, "Descrierea fotografiei", RO["alt"])
    editor.show_english_beside(page)
    en = editor.pane(page, "Engleză")
    editor.type_text(page, en, "Titlu", EN["title"])
    editor.type_text(page, en, "Rezumat", EN["summary"])
    editor.type_markdown(page, en, "Text", EN["body"])
    editor.type_text(page, en, "Descrierea fotografiei", EN["alt"])
    editor.save(page)
    _wait_saved(page, f"content/en/news/{NEW_ID}.yml", EN["alt"])
    changed = session.changed()
    session.close()

    # The item's two files and its photo, under names the check accepts; nothing else.
    photo = "content/media/images/fotografie-intalnire.jpg"
    assert set(changed) == {f"content/ro/news/{NEW_ID}.yml", f"content/en/news/{NEW_ID}.yml", photo}, sorted(changed)
    ro_news = changed[f"content/ro/news/{NEW_ID}.yml"].decode("utf-8")
    assert f"image: {photo.removeprefix('content/')}" in ro_news and RO["body"][1] in ro_news
    assert "id:" not in ro_news  # the id is the file's name

    # The project's own check and build, on a copy holding exactly what the editor left.
    copy = copy_project(tmp_path / "copy")
    editor.write_content(session.before | {k: v for k, v in changed.items() if v is not None}, copy)
    checked = subprocess.run([sys.executable, "-m", "sitegen", "check", "--root", str(copy)],
                             capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    rebuilt = tmp_path / "site"
    result = editor.build_with_editor(copy, rebuilt, url, ROOT)
    assert result.returncode == 0, result.stderr
    for prefix, words in (("", RO), ("en/", EN)):
        html = (rebuilt / prefix / "news" / NEW_ID / "index.html").read_text(encoding="utf-8")
        assert words["title"] in html and words["body"][0].split(":")[0] in html
        assert f'alt="{words["alt"]}"' in html and "fotografie-intalnire" in html
    for page_path in ("news/kickoff/index.html", "en/partners/index.html", "project/index.html"):
        assert (rebuilt / page_path).read_bytes() == (site / page_path).read_bytes(), page_path


def test_an_edit_and_a_deletion_touch_that_items_files_only(editor_site, browser):
    project, _, url = editor_site
    session = _Session(browser, url, project)
    page = session.page
    editor.open_collection(page, "Noutăți")
    editor.open_item(page, "A doua știre")
    editor.type_text(page, editor.pane(page, "Română"), "Rezumat", "Rezumat schimbat.")
    editor.save(page)
    _wait_saved(page, "content/ro/news/second.yml", "Rezumat schimbat.")
    changed = session.changed()
    assert set(changed) <= {"content/ro/news/second.yml", "content/en/news/second.yml"}, sorted(changed)
    assert "content/ro/news/second.yml" in changed
    # Only the field typed in changes what the generator reads (the editor may quote or order keys its way).
    before = yaml.safe_load(session.before["content/ro/news/second.yml"])
    after = yaml.safe_load(changed["content/ro/news/second.yml"])
    assert {k: v for k, v in after.items() if k != "draft"} == before | {"summary": "Rezumat schimbat."}

    editor.open_collection(page, "Noutăți")
    page.get_by_role("main").get_by_role("row").filter(has_text="Știre datată doar cu luna").get_by_role("checkbox").click()
    page.get_by_role("button", name="Șterge").first.click()
    page.get_by_role("alertdialog").get_by_role("button", name="Șterge").click()
    for _ in range(40):  # until the deletion is written
        if session.changed().get("content/en/news/month-only.yml", b"") is None:
            break
        page.wait_for_timeout(500)
    changed = session.changed()
    session.close()
    assert set(changed) - {"content/en/news/second.yml"} == {
        "content/ro/news/second.yml", "content/ro/news/month-only.yml", "content/en/news/month-only.yml"}
    assert changed["content/ro/news/month-only.yml"] is None and changed["content/en/news/month-only.yml"] is None


def test_a_number_typed_with_a_comma_is_refused_and_a_point_saves_a_number(editor_site, browser):
    project, _, url = editor_site
    session = _Session(browser, url, project)
    page = session.page
    editor.open_collection(page, "Parteneri")
    editor.open_item(page, "Organizația finlandeză")
    ro = editor.pane(page, "Română")
    editor.type_text(page, ro, "Latitudine", "62,24")  # the Finnish partner's, with a comma
    editor.save(page)
    error = editor.field(page, ro, "Latitudine").get_by_text("Un număr scris cu punct zecimal, de ex. 47.21 (nu 47,21)")
    error.wait_for()
    page.wait_for_timeout(1000)
    assert session.changed() == {}  # nothing saved: never 24
    editor.type_text(page, ro, "Latitudine", "62.24")
    editor.save(page)
    _wait_saved(page, "content/ro/partners/org-fi.yml", "62.24")
    changed = session.changed()
    session.close()
    for lang in ("ro", "en"):
        data = yaml.safe_load(changed[f"content/{lang}/partners/org-fi.yml"])
        assert data["lat"] == 62.24 and isinstance(data["lat"], float)  # a number, as typed: not the text "62.24"


def test_a_draft_is_saved_marked_and_never_published(editor_site, browser, tmp_path):
    project, _, url = editor_site
    session = _Session(browser, url, project)
    page = session.page
    editor.open_collection(page, "Noutăți")
    editor.new_item(page)
    ro = editor.pane(page, "Română")
    editor.type_text(page, ro, "Titlu", "Știre nepublicată încă")
    editor.type_text(page, ro, "Rezumat", "Încă nu e gata.")
    editor.field(page, ro, "Ciornă (nepublicată)").get_by_role("switch").click()
    # The preview shows it as visitors will see it, in the site's look, marked as a draft.
    preview = page.frame_locator("iframe").first
    preview.get_by_text(messages.get("editor", "draft_banner", "ro")).wait_for()
    assert preview.get_by_role("heading", level=1).inner_text() == "Știre nepublicată încă"
    editor.show_english_beside(page)
    en = editor.pane(page, "Engleză")
    editor.type_text(page, en, "Titlu", "Work in progress")
    editor.type_text(page, en, "Rezumat", "Not ready yet.")
    editor.save(page)
    _wait_saved(page, "content/en/news/stire-nepublicata-inca.yml", "Not ready yet.")
    editor.open_collection(page, "Noutăți")
    page.get_by_role("main").get_by_text("CIORNĂ · fără dată · Știre nepublicată încă").wait_for()  # marked in the list
    changed = session.changed()
    session.close()
    assert yaml.safe_load(changed["content/ro/news/stire-nepublicata-inca.yml"])["draft"] is True

    copy = copy_project(tmp_path / "copy")
    editor.write_content(session.before | {k: v for k, v in changed.items() if v is not None}, copy)
    site = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)], cwd=copy,
                            capture_output=True, text=True, env=editor.build_env(), timeout=600)
    assert result.returncode == 0, result.stderr
    assert not (site / "news" / "stire-nepublicata-inca").exists() and not (site / "en" / "news" / "stire-nepublicata-inca").exists()
    published = "".join(p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*")
                        if p.is_file() and p.suffix in (".html", ".xml", ".json", ".ics"))
    assert "stire-nepublicata-inca" not in published and "Work in progress" not in published


def _corpus(tmp_path: Path) -> tuple[Path, dict[str, tuple[object, str]]]:
    """The check's own corpus of single-item mistakes (tests/test_validation.py), each made on a copy
    of the fixture content and kept as an item of its own, `case-<n>`, in both languages: a content
    folder to seed the editor with, and slug -> (case, kind)."""
    from test_validation import CASES, copy_project as checked_copy
    seed = tmp_path / "seed"
    shutil.copytree(FIXTURE_CONTENT, seed / "content")
    cases = {}
    for number, case in enumerate(CASES, 1):
        if not case.item or case.status != 1 or "renamed" in case.name:
            continue  # a file name the editor never makes: its names come from the slug's pattern
        kind, item_id = case.item
        root = checked_copy(tmp_path / f"case-{number}")
        case.breaks(root)
        slug = f"case-{number}"
        for lang in ("ro", "en"):
            broken = root / "content" / lang / kind / f"{item_id}.yml"
            if broken.is_file():
                (seed / "content" / lang / kind).mkdir(parents=True, exist_ok=True)
                shutil.copy2(broken, seed / "content" / lang / kind / f"{slug}.yml")
        cases[slug] = (case, kind)
    return seed, cases


# Single-item mistakes of the check's corpus that the editor saves, each for its reason:
# - about other items or files: its relation and file widgets offer only items and files that exist,
#   so the officer cannot make these; a file written elsewhere keeps them, and the check says so;
ACROSS = {"unknown activity", "reference to a draft", "invalid id", "document file missing", "image file missing",
          # a link in a text to another page or file: it needs the site's pages and files
          "link to a page that is not there", "link to a file that is not there", "link to a draft",
          "link to an anchor that is not there",
          # a file's own size: the editor uploads nothing larger, a file put there otherwise is the check's
          "document too large"}
# - read differently: the editor shows the default language's fact for every language (and saves
#   it so), and a list typed into a text field as its first element, shown before it is saved.
SHOWN_AS_SAVED = {"fact differs between languages", "list where text is due"}


@pytest.mark.parametrize("half", [0, 1], ids=["first half", "second half"])  # on two workers at once
def test_the_editor_refuses_each_single_item_mistake_of_the_check(editor_site, browser, tmp_path, half):
    """Every mistake the check refuses in one item is refused by the editor too, before it saves:
    opened, changed and saved, each shows an error and writes nothing; a file YAML cannot read is not
    opened (or shown switched off, with nothing to save). The few exceptions are named above."""
    _, _, url = editor_site
    seed, cases = _corpus(tmp_path)
    assert ACROSS | SHOWN_AS_SAVED | UNREADABLE <= {case.name for case, _ in cases.values()}
    cases = dict(list(cases.items())[half::2])
    names = {case.name for case, _ in cases.values()}
    session = _Session(browser, url, seed)
    page = session.page
    outcome = {}
    for slug, (case, kind) in cases.items():
        page.goto(f"{url}admin/#/collections/{kind}/entries/{slug}")
        opened = editor.pane(page, "Română")
        missing = page.get_by_text(re.compile("Intrarea nu a fost găsită|nu a putut fi citit|eroare la citirea"))
        for _ in range(300):  # a loaded machine (the suite on every core) may take its time
            if opened.count() or missing.count():
                break
            page.wait_for_timeout(100)
        # A language file YAML cannot read is shown switched off, with nothing to save.
        switched_off = opened.get_by_text("a fost dezactivat")
        for _ in range(300):
            if not opened.count() or switched_off.count() or opened.get_by_role("group").count():
                break
            page.wait_for_timeout(100)
        if not opened.count() or switched_off.count():
            save = page.get_by_role("button", name="Salvează", exact=True)
            assert save.count() == 0 or save.is_disabled()  # an entry not found has no button at all
            outcome[case.name] = "not opened"
            continue
        # An untouched entry has nothing to save: the officer changes something, the mistake stays.
        try:
            editor.field(page, opened, "Ciornă (nepublicată)").get_by_role("switch").click()
        except AssertionError as error:
            page.screenshot(path=str(tmp_path / "case.png"))
            raise AssertionError(f"{case.name}: {error}") from None
        editor.save(page)
        # The editor's answer: refused (a dialog, or the fields' errors), or saved (it goes back to
        # the list; its notice is no sign: the one of the case before may still be showing).
        refused = page.get_by_text(re.compile("Intrarea nu a fost salvată|are o eroare|au erori"))
        for _ in range(300):
            if refused.count() or not opened.count():
                break
            page.wait_for_timeout(100)
        if not refused.count():
            assert not opened.count(), f"{case.name}: neither refused nor saved"
            outcome[case.name] = "saved"
            continue
        outcome[case.name] = "refused"
        dialog = page.get_by_role("alertdialog")
        if dialog.count():
            dialog.get_by_role("button", name="OK").click()
    written = session.changed()
    session.close()
    saved = {name for name, how in outcome.items() if how == "saved"}
    assert saved == (ACROSS | SHOWN_AS_SAVED) & names, json.dumps(outcome, ensure_ascii=False, indent=1)
    slugs = {case.name: slug for slug, (case, _) in cases.items()}
    allowed = {f"content/{lang}/{cases[slugs[name]][1]}/{slugs[name]}.yml" for name in saved for lang in ("ro", "en")}
    assert set(written) <= allowed, sorted(set(written) - allowed)  # nothing else was saved
    # What the editor saved where it reads a mistake differently passes the check: shown, then saved.
    copy = copy_project(tmp_path / "copy")
    for name in SHOWN_AS_SAVED & names:
        for lang in ("ro", "en"):
            path = f"content/{lang}/{cases[slugs[name]][1]}/{slugs[name]}.yml"
            if written.get(path):
                (copy / path).write_bytes(written[path])
    checked = subprocess.run([sys.executable, "-m", "sitegen", "check", "--root", str(copy)],
                             capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert checked.returncode == 0, checked.stdout
    unreadable = {name for name, how in outcome.items() if how == "not opened"}
    assert unreadable == UNREADABLE & names, json.dumps(outcome, ensure_ascii=False, indent=1)


# A file that YAML cannot read, or that holds no block of fields: the editor cannot open it.
UNREADABLE = {"tab indentation", "unclosed double quote", "unclosed single quote", "bad indentation", "colon in text",
              "line without colon", "duplicate key", "item file that is a list", "item file that is plain text",
              "two documents", "empty item file", "alias bomb", "deep nesting"}
