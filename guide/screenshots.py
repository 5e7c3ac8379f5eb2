"""The guide's pictures of the web editor, made by driving it through the guide's own steps:

    python3 dev.py screenshots      (writes guide/images/*.png)

It builds the site with the real content into a temporary folder, serves it on 127.0.0.1 and uses
Debian's Chromium, like the browser test (tests/test_admin.py), with the same steps
(tests/editor.py). The sign-in pictures show the GitHub sign-in of the published site; the rest
works on the editor's test repository in the browser, so nothing is saved anywhere.
"""
from __future__ import annotations

import functools
import http.server
import os
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import editor  # noqa: E402  (tests/editor.py: the steps shared with the browser test)
from conftest import BASE_PATH, CHROMIUM, CHROMIUM_ARGS, _SiteHandler, copy_project  # noqa: E402
from sitegen import editor_config, languages  # noqa: E402

OUT = ROOT / "guide" / "images"
VIEWPORT = {"width": 1200, "height": 760}
EXAMPLE_REPOSITORY = "consiliul-raional/site"  # shown on the sign-in page only


def shoot(page, name: str) -> None:
    page.wait_for_timeout(400)  # let transitions end
    page.screenshot(path=str(OUT / f"{name}.png"))
    print(f"guide/images/{name}.png")


def sign_in_pictures(browser, url: str) -> None:
    langs = languages.from_mkdocs_yml(ROOT / "mkdocs.yml")
    config = editor_config.config_text(editor_config.config(ROOT, langs, EXAMPLE_REPOSITORY, url))
    context = browser.new_context(viewport=VIEWPORT, locale="ro-RO")
    page = context.new_page()
    page.route("**/admin/config.yml*", lambda route: route.fulfill(body=config, content_type="application/yaml"))
    page.goto(url + "admin/")
    page.get_by_role("button", name="Sign In Using Access Token").click()
    page.get_by_role("alertdialog").wait_for()
    shoot(page, "01-sign-in-token")
    context.close()


def editing_pictures(browser, url: str, photo: Path, document: Path) -> None:
    context = browser.new_context(viewport=VIEWPORT, locale="ro-RO")
    page = context.new_page()
    editor.seed(page, url, ROOT)
    editor.sign_in_test_repository(page, url)
    shoot(page, "02-files")
    editor.open_file(page, "Noutăți")
    shoot(page, "03-news")
    editor.add_item(page)
    ro = editor.pane(page, "Romanian")
    editor.type_text(page, ro, "Identificator (id)", "atelier-ungheni-2025")
    editor.type_text(page, ro, "Titlu", "Atelier de lucru la Ungheni")
    editor.type_text(page, ro, "Data", "2025-03-10")
    editor.type_text(page, ro, "Rezumat", "Participanții au discutat propunerile pentru strategia raionului.")
    editor.field(page, ro, "Titlu")
    shoot(page, "04-new-item")
    editor.type_markdown(page, ro, "Text", ["Primul paragraf al știrii."])
    editor.field(page, ro, "Fotografie").get_by_role("button", name="Browse").click()
    dialog = page.get_by_role("dialog")
    with page.expect_file_chooser() as chooser:
        dialog.get_by_role("button", name="Upload").click()
    chooser.value.set_files(str(photo))
    shoot(page, "05-upload-photo")
    dialog.get_by_role("button", name="Insert").click()
    dialog.wait_for(state="hidden")
    editor.type_text(page, ro, "Descrierea fotografiei", "Participanții la atelier, în sala de ședințe")
    editor.show_english_beside(page)
    en = editor.pane(page, "English")
    editor.type_text(page, en, "Titlu", "Workshop in Ungheni")
    editor.type_text(page, en, "Rezumat", "The participants discussed the proposals for the district's strategy.")
    editor.type_text(page, en, "Descrierea fotografiei", "The workshop participants in the meeting room")
    shoot(page, "06-english-beside")
    editor.save(page)
    editor.wait_for_file(page, "content/en/news.yml", "Workshop in Ungheni")
    page.wait_for_timeout(800)  # saved, the editor closes and says so at the bottom right
    shoot(page, "07-saved")
    editor.open_file(page, "Documente")
    editor.add_item(page)
    ro = editor.pane(page, "Romanian")
    editor.type_text(page, ro, "Identificator (id)", "raport-atelier-2025")
    editor.type_text(page, ro, "Titlu", "Raportul atelierului")
    editor.field(page, ro, "Fișier").get_by_role("button", name="Browse").click()
    with page.expect_file_chooser() as chooser:
        page.get_by_role("dialog").get_by_role("button", name="Upload").click()
    chooser.value.set_files(str(document))
    shoot(page, "08-upload-document")
    context.close()


def main() -> None:
    from PIL import Image, ImageDraw
    from playwright.sync_api import sync_playwright
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as temp:
        base = Path(temp)
        photo = base / "IMG_2025 atelier.jpg"
        image = Image.new("RGB", (1600, 1067), (214, 226, 240))
        draw = ImageDraw.Draw(image)
        draw.rectangle((0, 700, 1600, 1067), fill=(120, 140, 110))
        draw.ellipse((1150, 120, 1350, 320), fill=(250, 210, 90))
        image.save(photo, quality=85)
        document = base / "Raport atelier.pdf"
        document.write_bytes(b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
                             b"2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
        site = base / "site"
        site.mkdir()
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_SiteHandler, directory=str(site)))
        url = f"http://127.0.0.1:{server.server_address[1]}{BASE_PATH}"
        project = copy_project(base / "project", content=ROOT / "content")
        result = editor.build_with_editor(project, site, url, ROOT)
        if result.returncode or not (site / "admin" / "editor.js").is_file():
            sys.exit(f"The site with its editor could not be built:\n{result.stderr}")
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
                sign_in_pictures(browser, url)
                editing_pictures(browser, url, photo, document)
                browser.close()
        finally:
            server.shutdown()


if __name__ == "__main__":
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    main()
