"""Driving the web editor at /admin/ as the officer does, for the browser test (tests/test_admin.py)
and the guide's screenshots (guide/screenshots.py): the same steps, the same clicks, in the words of
the editor's Romanian interface (admin/locales/ro.json), which is what the officer sees.

The editor runs on its test backend (`test-repo`): the repository is a folder in the browser's
origin-private file system (OPFS), which these helpers fill with the project's content before the
editor opens and read back after it saved.
"""
from __future__ import annotations

import base64
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

REPOSITORY = "sveltia-cms-test"  # the test backend's folder in OPFS

WRITE_JS = """async ([top, files]) => {
  const root = await navigator.storage.getDirectory();
  await root.removeEntry(top, {recursive: true}).catch(() => {});
  const base = await root.getDirectoryHandle(top, {create: true});
  for (const [path, data] of Object.entries(files)) {
    const parts = path.split('/');
    let dir = base;
    for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, {create: true});
    const writable = await (await dir.getFileHandle(parts.at(-1), {create: true})).createWritable();
    await writable.write(Uint8Array.from(atob(data), c => c.charCodeAt(0)));
    await writable.close();
  }
}"""

READ_JS = """async (top) => {
  const files = {};
  const toBase64 = (bytes) => {
    let text = '';
    for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(text);
  };
  async function walk(dir, prefix) {
    for await (const [name, handle] of dir.entries()) {
      if (handle.kind === 'directory') await walk(handle, prefix + name + '/');
      else files[prefix + name] = toBase64(new Uint8Array(await (await handle.getFile()).arrayBuffer()));
    }
  }
  await walk(await (await navigator.storage.getDirectory()).getDirectoryHandle(top), '');
  return files;
}"""


def seed(page, site_url: str, root: Path) -> None:
    """Put the project's content/ into the test repository of the site's origin."""
    files = {f"content/{p.relative_to(root / 'content').as_posix()}": base64.b64encode(p.read_bytes()).decode()
             for p in sorted((root / "content").rglob("*")) if p.is_file()}
    page.goto(site_url + "robots.txt")  # any page of the origin: OPFS belongs to the origin
    page.evaluate(WRITE_JS, [REPOSITORY, files])


def read_back(page) -> dict[str, bytes]:
    """Every file of the test repository, as the editor left it (read again if the editor was still
    replacing a file while it was listed)."""
    for attempt in range(5):
        try:
            files = page.evaluate(READ_JS, REPOSITORY)
            break
        except Exception:  # NotFoundError: a file listed, then replaced
            if attempt == 4:
                raise
            page.wait_for_timeout(500)
    return {path: base64.b64decode(data) for path, data in files.items()}


def write_content(files: dict[str, bytes], project: Path) -> None:
    """Replace a project's content/ with the files read back from the editor."""
    shutil.rmtree(project / "content")
    for path, data in files.items():
        (project / path).parent.mkdir(parents=True, exist_ok=True)
        (project / path).write_bytes(data)


# The editor names its parts with the names it shows, isolated by U+2068/U+2069 marks.
def _named(template: str, name: str) -> re.Pattern:
    return re.compile(template.format(re.escape(name).join(["[\u2068]?", "[\u2069]?"])))


def pane(page, language: str):
    """The editing pane of a language, by the name the interface gives it ("Română", "Engleză")."""
    return page.get_by_role("group", name=_named("Editează conținutul în {}$", language))


def field(page, where, label: str):
    """A field by its label; fields are drawn only once scrolled into view, so scroll till it is."""
    found = where.get_by_role("group", name=_named("Câmpul „{}”", label)).last
    for _ in range(40):
        if found.count():
            try:
                found.scroll_into_view_if_needed(timeout=3000)
                return found
            except Exception:  # drawn again meanwhile (the editor re-renders as the entry loads)
                page.wait_for_timeout(200)
                continue
        box = where.bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.mouse.wheel(0, 300)
        page.wait_for_timeout(100)
    raise AssertionError(f"the editor shows no field “{label}”")


def sign_in_test_repository(page, site_url: str) -> None:
    page.goto(site_url + "admin/")
    page.get_by_role("button", name="Lucrează cu depozitul de test").click()
    page.get_by_role("radio", name="Conținut").wait_for()


def open_collection(page, label: str) -> None:
    """A kind's list of items (Noutăți, Parteneri…)."""
    page.get_by_text(label, exact=True).first.click()
    page.get_by_role("button", name="Creează o intrare nouă").wait_for()


def open_record(page, label: str) -> None:
    """A one-file record (Proiectul, Titlurile secțiunilor, Identitatea site-ului)."""
    page.get_by_text(label).first.click()
    page.get_by_role("button", name="Salvează", exact=True).wait_for()


def open_item(page, title: str) -> None:
    page.get_by_role("main").get_by_text(title).first.click()
    pane(page, "Română").wait_for()


def new_item(page) -> None:
    page.get_by_role("button", name="Creează o intrare nouă").click()
    pane(page, "Română").wait_for()


def type_text(page, where, label: str, text: str) -> None:
    field(page, where, label).get_by_role("textbox").last.fill(text)


def type_markdown(page, where, label: str, paragraphs: list[str]) -> None:
    box = field(page, where, label).get_by_role("textbox").last
    box.click()
    for i, paragraph in enumerate(paragraphs):
        if i:
            page.keyboard.press("Enter")
        page.keyboard.type(paragraph)


def upload(page, where, label: str, file: Path) -> None:
    """Răsfoiește → Încarcă → the file → Inserează, as the officer picks a photo."""
    dialog = choose_upload(page, where, label, file)
    dialog.get_by_role("button", name="Inserează").click()
    dialog.wait_for(state="hidden")


def show_english_beside(page) -> None:
    """The English pane beside the Romanian one, instead of the preview."""
    page.get_by_role("radio", name="Engleză").last.click()
    pane(page, "Engleză").wait_for()


def show_preview(page) -> None:
    page.get_by_role("radio", name="Previzualizare").click()


def save(page) -> None:
    page.get_by_role("button", name="Salvează", exact=True).click()


def wait_for_file(page, path: str, text: str, seconds: float = 20) -> None:
    """Until the editor has written `text` into `path` of the test repository."""
    page.wait_for_function(
        """async ([top, path, text]) => {
          let dir = await (await navigator.storage.getDirectory()).getDirectoryHandle(top);
          const parts = path.split('/');
          try {
            for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part);
            return (await (await (await dir.getFileHandle(parts.at(-1))).getFile()).text()).includes(text);
          } catch { return false; }
        }""", arg=[REPOSITORY, path, text], timeout=seconds * 1000, polling=250)


def build_env(repository: str | None = None) -> dict[str, str]:
    """The environment of a build whose editor edits `repository`, or the test repository."""
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_REPOSITORY"}
    return env | {"NO_MKDOCS_2_WARNING": "1"} | ({"GITHUB_REPOSITORY": repository} if repository else {})


def build_with_editor(project: Path, site: Path, site_url: str, root: Path,
                      repository: str | None = None) -> subprocess.CompletedProcess:
    """Build a project copy with the editor: the npm packages and their lock are the project's."""
    if not (project / "node_modules").exists():
        (project / "node_modules").symlink_to(root / "node_modules", target_is_directory=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copy2(root / name, project / name)
    env = build_env(repository) | {"SITE_URL": site_url}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
                          cwd=project, capture_output=True, text=True, env=env, timeout=600)


# --- more steps of the guide (guide/screenshots.py), in the same words ----------------------------

def _interface(key: str) -> str:
    """A sentence of the editor's Romanian interface, by its dotted key in admin/locales/ro.json."""
    import json
    words = json.loads((Path(__file__).resolve().parent.parent / "admin/locales/ro.json").read_text(encoding="utf-8"))
    for part in key.split("."):
        words = words[part]
    return words


def _message(section: str, key: str) -> str:
    import yaml
    table = (Path(__file__).resolve().parent.parent / "sitegen/messages/ro.yml").read_text(encoding="utf-8")
    return yaml.safe_load(table)[section][key]


INVALID_TOKEN = _interface("sign_in_error.invalid_token")  # what a wrong or expired token gets
DRAFT_BANNER = _message("editor", "draft_banner")  # the preview's mark of a draft
NUMBER_HINT = _message("editor", "pattern_number")  # a number typed with a comma


def token_dialog(page):
    """Conectează-te cu un token de acces: the dialog where the token is pasted."""
    page.get_by_role("button", name="Conectează-te cu un token de acces").click()
    dialog = page.get_by_role("alertdialog")
    dialog.get_by_role("textbox").wait_for()
    return dialog


def refused(page, seconds: float = 10):
    """The notice of a save refused for a field's mistake (or a dialog saying why it was not saved)."""
    notice = page.get_by_role("alert").filter(has_text=re.compile("are o eroare|au erori")).or_(
        page.get_by_role("alertdialog").filter(has_text="Intrarea nu a fost salvată"))
    notice.first.wait_for(timeout=seconds * 1000)
    return notice.first


def dismiss_refusal(page, seconds: float = 15) -> None:
    """OK on a dialog of refusal; a notice goes away by itself after a few seconds."""
    dialog = page.get_by_role("alertdialog").filter(has_text="Intrarea nu a fost salvată")
    if dialog.count():
        dialog.get_by_role("button", name="OK").click()
    page.get_by_role("alert").filter(has_text=re.compile("are o eroare|au erori")).first.wait_for(
        state="hidden", timeout=seconds * 1000)


def choose_upload(page, where, label: str, file: Path):
    """Răsfoiește → Încarcă → the file: the dialog, before Inserează (see `upload`)."""
    field(page, where, label).get_by_role("button", name="Răsfoiește").click()
    dialog = page.get_by_role("dialog")
    with page.expect_file_chooser() as chooser:
        dialog.get_by_role("button", name="Încarcă").click()
    chooser.value.set_files(str(file))
    dialog.get_by_role("button", name="Inserează").wait_for()
    return dialog


def insert_upload(page, dialog) -> None:
    dialog.get_by_role("button", name="Inserează").click()
    dialog.wait_for(state="hidden")


def switch_on(page, where, label: str) -> None:
    """A yes/no field (Ciornă (nepublicată)) switched on."""
    switch = field(page, where, label).get_by_role("switch")
    if switch.get_attribute("aria-checked") != "true":
        switch.click()


def preview(page):
    """The preview pane's page (the item in the site's look)."""
    return page.frame_locator("iframe").first


def ask_delete(page, title: str):
    """An item ticked in its list, then Șterge: the question asked before deleting (see test_admin)."""
    page.get_by_role("main").get_by_role("row").filter(has_text=title).get_by_role("checkbox").click()
    page.get_by_role("button", name="Șterge").first.click()
    dialog = page.get_by_role("alertdialog")
    dialog.wait_for()
    return dialog


def show_preview_beside(page) -> None:
    """The preview in the right-hand pane again, in place of the other language (see
    `show_english_beside`); it shows the item as the left-hand pane's language has it."""
    page.get_by_role("radio", name="Previzualizare").last.click()
