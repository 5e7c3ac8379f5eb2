"""The guide's pictures of the web editor, made by driving it through the guide's own steps:

    python3 dev.py screenshots               (writes guide/images/*.png and guide/images/manifest.json)
    python3 dev.py screenshots --out DIR     (the same pictures in another folder)

It builds the site with the test content (tests/fixtures/content: a made-up project, so no picture
shows a real name, date or figure), serves it on 127.0.0.1 and uses Debian's Chromium, like the
browser tests, with the same steps in the editor's Romanian interface (tests/editor.py). The
sign-in pictures show the editor as the published site has it (signing in to GitHub with a token,
the site on https); GitHub's answer to a wrong token is played by the script, so nothing leaves
the machine. The rest works on the editor's test repository in the browser: nothing is saved
anywhere.

guide/images/manifest.json records what the pictures were made from: a SHA-256 over the editor's
sources (SOURCES below) and the list of pictures. tests/test_guide.py fails when those sources
change and the pictures were not made again, and runs this script to prove every step of the guide
still works.
"""
from __future__ import annotations

import argparse
import functools
import hashlib
import http.server
import json
import os
import shutil
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import editor  # noqa: E402  (tests/editor.py: the steps shared with the browser tests)
from conftest import (ARTIFACTS, BASE_PATH, CHROMIUM, CHROMIUM_ARGS, FIXTURE_CONTENT, _SiteHandler,  # noqa: E402
                      copy_project)
from sitegen import admin, editor_config, languages  # noqa: E402

OUT = ROOT / "guide" / "images"
MANIFEST = "manifest.json"
# What the pictures show comes from these: the editor's bundle and the steps; and the configuration
# and words the build gives the editor (their text as generated, so that a change elsewhere in the
# message tables, which no picture shows, leaves the pictures current).
SOURCES = (*admin.BUNDLE_SOURCES, "guide/screenshots.py")
VIEWPORT = {"width": 1280, "height": 800}
# The published site, as the sign-in pictures show it: an https address, answered by this script.
PUBLISHED = "https://site.example" + BASE_PATH
EXAMPLE_REPOSITORY = "proprietar/site"  # never shown: the editor names no repository before sign-in
EXAMPLE_TOKEN = "github_pat_EXEMPLU_nu_este_un_token_adevarat"


def source_key(root: Path = ROOT) -> str:
    """SHA-256 over the sources the pictures are made from, each named, in SOURCES' order, and the
    editor's configuration and rules as the build writes them."""
    digest = hashlib.sha256()
    for name in SOURCES:
        digest.update(name.encode("utf-8") + b"\0" + (root / name).read_bytes() + b"\0")
    langs = languages.from_mkdocs_yml(ROOT / "mkdocs.yml")
    digest.update(editor_config.config_text(editor_config.config(ROOT, langs, None, PUBLISHED)).encode("utf-8"))
    digest.update(json.dumps(editor_config.rules(ROOT, langs[0].code), ensure_ascii=False, sort_keys=True).encode())
    return digest.hexdigest()


class Pictures:
    """Writes each picture into `out` and remembers its name."""

    def __init__(self, out: Path):
        self.out, self.names = out, []

    def shoot(self, page, name: str) -> None:
        page.wait_for_timeout(500)  # let transitions and toasts settle
        page.mouse.move(0, VIEWPORT["height"] - 1)  # no hover effect on what was clicked last
        page.wait_for_timeout(200)
        page.screenshot(path=str(self.out / f"{name}.png"))
        self.names.append(f"{name}.png")
        print(f"{name}.png", flush=True)


def _published(site: Path, route) -> None:
    """The built site's files at PUBLISHED, as GitHub Pages would serve them."""
    path = urlsplit(route.request.url).path
    if not path.startswith(BASE_PATH):
        route.abort()
        return
    file = site / path[len(BASE_PATH):]
    if path.endswith("/"):
        file = file / "index.html"
    if file.is_file():
        route.fulfill(path=str(file))
    else:
        route.fulfill(status=404, body="")


def sign_in_pictures(browser, site: Path, pictures: Pictures) -> None:
    """The sign-in page of the published site, the token dialog and what a wrong token gets."""
    config = yaml.safe_load((site / "admin" / "config.yml").read_text(encoding="utf-8"))
    config["backend"] = {"name": "github", "repo": EXAMPLE_REPOSITORY, "auth_methods": ["token"]}
    context = browser.new_context(viewport=VIEWPORT, locale="ro-RO")
    page = context.new_page()
    asked = []
    page.route("**/*", lambda route: route.abort())  # nothing else leaves the browser
    page.route(PUBLISHED + "**", functools.partial(_published, site))
    page.route("**/admin/config.yml*", lambda route: route.fulfill(
        body=editor_config.config_text(config), content_type="application/yaml"))

    def github(route) -> None:  # GitHub's answer to a token it does not know
        asked.append(route.request.url)
        route.fulfill(status=401, content_type="application/json",
                      body=json.dumps({"message": "Bad credentials", "status": "401"}))

    page.route("https://api.github.com/**", github)
    page.goto(PUBLISHED + "admin/")
    page.get_by_role("button", name="Conectează-te cu un token de acces").wait_for()
    pictures.shoot(page, "01-sign-in")
    dialog = editor.token_dialog(page)
    dialog.get_by_role("textbox").fill(EXAMPLE_TOKEN)
    dialog.get_by_role("textbox").press("End")
    pictures.shoot(page, "02-token")
    dialog.get_by_role("button", name="Conectează-te", exact=True).click()
    page.get_by_text(editor.INVALID_TOKEN).wait_for()
    assert asked, "the editor asked GitHub nothing about the token"
    pictures.shoot(page, "03-token-invalid")
    context.close()


def editing_pictures(browser, url: str, pictures: Pictures, photo: Path) -> None:
    """The officer's first days in the editor, on its test repository."""
    context = browser.new_context(viewport=VIEWPORT, locale="ro-RO")
    page = context.new_page()
    editor.seed(page, url, FIXTURE_CONTENT.parent)  # the test content, as the site was built
    editor.sign_in_test_repository(page, url)
    pictures.shoot(page, "04-collections")

    editor.open_collection(page, "Noutăți")
    page.get_by_role("main").get_by_text("CIORNĂ ·").first.wait_for()
    pictures.shoot(page, "05-news-list")

    # A new item: Romanian first, English beside it; the same facts (date, photo) typed once.
    editor.new_item(page)
    ro = editor.pane(page, "Română")
    editor.type_text(page, ro, "Titlu", "Atelier de lucru la Ungheni")
    editor.type_text(page, ro, "Data", "2025-03-10")
    editor.type_text(page, ro, "Rezumat", "Participanții au discutat propunerile pentru strategia raionului.")
    editor.show_english_beside(page)
    en = editor.pane(page, "Engleză")
    editor.type_text(page, en, "Titlu", "Workshop in Ungheni")
    editor.field(page, ro, "Titlu")
    pictures.shoot(page, "06-new-item")

    # Saved with the English summary still empty: refused, the English tab marked.
    editor.save(page)
    editor.refused(page)
    pictures.shoot(page, "07-english-missing")
    editor.dismiss_refusal(page)
    editor.type_text(page, en, "Rezumat", "The participants discussed the proposals for the district's strategy.")

    # A photo: Răsfoiește → Încarcă → the file; the picture before Inserează.
    dialog = editor.choose_upload(page, ro, "Fotografie", photo)
    pictures.shoot(page, "08-upload-photo")
    editor.insert_upload(page, dialog)
    editor.type_text(page, ro, "Descrierea fotografiei", "Participanții la atelier, în sala de ședințe")
    editor.type_text(page, en, "Descrierea fotografiei", "The workshop participants in the meeting room")

    # A draft, previewed in the site's look with its banner.
    editor.switch_on(page, ro, "Ciornă (nepublicată)")
    editor.show_preview_beside(page)
    editor.preview(page).get_by_text(editor.DRAFT_BANNER).wait_for()
    pictures.shoot(page, "09-preview-draft")
    editor.save(page)
    editor.wait_for_file(page, "content/en/news/atelier-de-lucru-la-ungheni.yml", "meeting room")
    # Saved, the editor goes back to the list and says so.
    page.get_by_role("main").get_by_text("CIORNĂ · 2025-03-10 · Atelier de lucru la Ungheni").wait_for()
    page.get_by_text("Intrarea a fost salvată.").wait_for()
    pictures.shoot(page, "10-draft-in-list")
    page.get_by_text("Intrarea a fost salvată.").wait_for(state="hidden", timeout=15000)

    # Deleting an item: its files in every language, after a question.
    dialog = editor.ask_delete(page, "Știre datată doar cu luna")
    pictures.shoot(page, "11-delete")
    dialog.get_by_role("button", name="Anulează").click()

    # The site's identity: name, colours, logo.
    editor.open_record(page, "Identitatea site-ului")
    pictures.shoot(page, "12-identity")
    page.get_by_role("button", name="Anulează editarea").click()

    # A partner: its place in the list (the order of the partners page and the map's numbers).
    editor.open_collection(page, "Parteneri")
    editor.open_item(page, "Organizația finlandeză")
    ro = editor.pane(page, "Română")
    editor.field(page, ro, "Locul în listă")
    pictures.shoot(page, "13-partner-order")

    # A number typed with a comma: refused before saving, in the check's words.
    editor.type_text(page, ro, "Latitudine", "47,21")
    editor.save(page)
    latitude = editor.field(page, ro, "Latitudine")
    latitude.get_by_text(editor.NUMBER_HINT).wait_for()
    latitude.evaluate("field => field.scrollIntoView({block: 'center'})")
    pictures.shoot(page, "14-refused-comma")

    context.close()


def _photo(folder: Path) -> Path:
    """A photo as a phone names it (spaces, capitals), wide enough for a news item's lead."""
    from PIL import Image, ImageDraw
    photo = folder / "IMG_2025 atelier.jpg"
    image = Image.new("RGB", (1600, 1067), (214, 226, 240))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 700, 1600, 1067), fill=(120, 140, 110))
    draw.ellipse((1150, 120, 1350, 320), fill=(250, 210, 90))
    image.save(photo, quality=85)
    return photo


def make(out: Path, browser=None) -> list[str]:
    """Build the test content's site with its editor, take every picture into `out` (old pictures
    there are removed) and write the manifest; returns the pictures' names. `browser`: a Chromium
    already launched by Playwright (the tests'), or None to launch one."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temp:
        base = Path(temp)
        site = base / "site"
        site.mkdir()
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_SiteHandler, directory=str(site)))
        url = f"http://127.0.0.1:{server.server_address[1]}{BASE_PATH}"
        project = copy_project(base / "project", content=FIXTURE_CONTENT)  # the test content, never the real one
        result = editor.build_with_editor(project, site, url, ROOT)
        if result.returncode or not (site / "admin" / "editor.js").is_file():
            raise RuntimeError(f"The site with its editor could not be built:\n{result.stderr}")
        threading.Thread(target=server.serve_forever, daemon=True).start()
        made = base / "pictures"
        made.mkdir()
        pictures = Pictures(made)
        try:
            if browser is None:
                from playwright.sync_api import sync_playwright
                with sync_playwright() as playwright:
                    launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
                    try:
                        _take(launched, site, url, pictures, base)
                    finally:
                        launched.close()
            else:
                _take(browser, site, url, pictures, base)
        finally:
            server.shutdown()
            server.server_close()
        for old in out.glob("*.png"):
            old.unlink()
        for name in pictures.names:
            shutil.move(made / name, out / name)
    manifest = {"key": source_key(), "sources": list(SOURCES), "pictures": pictures.names,
                "made_by": "python3 dev.py screenshots (guide/screenshots.py)"}
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return pictures.names


def _take(browser, site: Path, url: str, pictures: Pictures, base: Path) -> None:
    try:
        sign_in_pictures(browser, site, pictures)
        editing_pictures(browser, url, pictures, _photo(base))
    except Exception:
        # The screen where a step of the guide no longer works, for whoever changed the editor.
        ARTIFACTS.mkdir(exist_ok=True)
        for context in browser.contexts:
            for page in context.pages:
                page.screenshot(path=str(ARTIFACTS / "guide-step-failed.png"))
        print(f"A step of the guide failed after {len(pictures.names)} pictures; the screen then: "
              f"{ARTIFACTS / 'guide-step-failed.png'}", file=sys.stderr)
        raise


def main(argv: list[str] | None = None, browser=None) -> int:
    parser = argparse.ArgumentParser(description="The guide's pictures of the web editor.")
    parser.add_argument("--out", type=Path, default=OUT, help=f"folder of the pictures (default: {OUT.relative_to(ROOT)})")
    args = parser.parse_args(argv)
    names = make(args.out.resolve(), browser)
    print(f"{len(names)} pictures and {MANIFEST} in {args.out}")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    sys.exit(main())
