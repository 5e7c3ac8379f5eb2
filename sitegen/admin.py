"""The web editor at /admin/: its page, its configuration and its code, written into the built site.

The code is Sveltia CMS at the version pinned in package.json, bundled by admin/bundle.mjs (Node,
esbuild) and kept in node_modules/.cache/ until package-lock.json or the bundler changes. Without
Node or the npm packages the site builds as usual and /admin/ says how to get the editor.

The page asks nothing of any host but the site's own and, once the officer has signed in, GitHub's
API; its Content-Security-Policy makes the browser refuse anything else. It is `noindex` and, not
being a page of the site, appears in no sitemap, search index, navigation or open data.
"""
from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

from jinja2 import Environment, FileSystemLoader

from . import editor_config, identity, messages
from . import strings as strings_module
from .languages import Language

FOLDER = "admin"  # in the built site
EDITOR_DATA = "editor.json"  # the rules (admin/rules.js) and preview (admin/preview.js) of the editor
BUNDLER = Path("admin") / "bundle.mjs"
# What the bundle is made from: a change to any of these makes a new one.
BUNDLE_SOURCES = ("admin/bundle.mjs", "admin/main.js", "admin/locale.js", "admin/rules.js", "admin/preview.js",
                  "admin/locales/ro.json", "package-lock.json")
PACKAGES = ("@sveltia/cms", "esbuild")
CACHE = Path("node_modules") / ".cache" / "sitegen-admin"
GITHUB_API = "https://api.github.com"
CSP = "; ".join([
    "default-src 'none'",
    "script-src 'self' 'wasm-unsafe-eval'",  # WebAssembly: photo conversion on upload
    "style-src 'self' 'unsafe-inline' blob:",  # the editor's components insert their own styles; the preview's palette
    "font-src 'self'",
    "img-src 'self' blob: data:",  # previews of uploads and of files read through the API
    "media-src 'self' blob: data:",
    f"connect-src 'self' {GITHUB_API} data: blob:",  # data:, blob: never leave the browser
    "worker-src 'self' blob:",
    "frame-src 'self' blob:",  # the preview pane
    "manifest-src 'self'",
    "base-uri 'self'",
    "form-action 'none'",
    "object-src 'none'",
])


class BundleError(Exception):
    """The editor's code could not be bundled: a defect to fix, never the officer's mistake."""


def write(root: Path, site: Path, languages: list[Language], site_url: str,
          repository: str | None = None) -> list[str]:
    """Write /admin/ into the built `site`; returns notes for the build log."""
    out = site / FOLDER
    if out.exists():
        shutil.rmtree(out)
    bundle, missing = find_bundle(root)
    if bundle is None:
        out.mkdir(parents=True)
        (out / "index.html").write_text(unavailable_page(languages), encoding="utf-8")
        return [f"The web editor (/{FOLDER}/) is not in this build: it needs {missing}. "
                f"/{FOLDER}/ says how to get it."]
    shutil.copytree(bundle, out)
    default = languages[0].code
    strings = strings_module.load(root / "strings", [default], default)[0].tables[default]
    data = editor_config.config(root, languages, repository, site_url, strings)
    (out / "config.yml").write_text(editor_config.config_text(data), encoding="utf-8")
    words = editor_config.rules(root, default) | {"preview": _preview(root, site, default, data)}
    (out / EDITOR_DATA).write_text(json.dumps(words, ensure_ascii=False), encoding="utf-8")
    (out / "index.html").write_text(editor_page(languages[0].code), encoding="utf-8")
    if repository:
        return []
    return [f"The web editor (/{FOLDER}/) works on a test repository kept in the browser: set "
            "GITHUB_REPOSITORY=owner/name (GitHub Actions does) to edit the real one."]


def _preview(root: Path, site: Path, lang: str, data: dict) -> dict:
    """What admin/preview.js needs to show an item in the site's look: the site's style sheets
    (from /admin/), its palette as CSS (templates/_identity.html, the same rule as every page's)."""
    styles = sorted(f"../{p.relative_to(site).as_posix()}" for p in (site / "assets" / "stylesheets").glob("main.*.css"))
    styles += [f"../{p.relative_to(site).as_posix()}" for p in sorted((site / "assets" / "css").glob("*.css"))]
    found = identity.load(root, [lang])[0]
    palette = ""
    if found:
        env = Environment(loader=FileSystemLoader(root / "templates"), autoescape=True)
        palette = re.sub(r"</?style>", "", env.get_template("_identity.html").render(identity=found)).strip()
    return {"styles": styles, "palette": palette, "lang": lang, "draft": messages.get("editor", "draft_banner", lang),
            "collections": [collection["name"] for collection in data["collections"]]}


def find_bundle(root: Path) -> tuple[Path | None, str | None]:
    """(folder of the bundled editor, None), or (None, what is missing to make it)."""
    node = shutil.which("node")
    if node is None:
        return None, "Node.js"
    if not all((root / "node_modules" / name / "package.json").is_file() for name in PACKAGES):
        return None, "the npm packages of package.json (npm ci)"
    if not all((root / name).is_file() for name in BUNDLE_SOURCES):
        return None, "admin/bundle.mjs and admin/main.js"
    key = hashlib.sha256(b"".join((root / name).read_bytes() for name in BUNDLE_SOURCES)).hexdigest()[:16]
    cache = root / CACHE
    folder = cache / key
    if (folder / "editor.js").is_file():
        return folder, None
    # Several builds may bundle at once (the tests' workers): each writes its own folder, the first
    # one done is kept, and another's folder being written is never touched.
    partial = cache / f"{key}.{os.getpid()}.partial"
    result = subprocess.run([node, str(root / BUNDLER), str(partial)], cwd=root, capture_output=True,
                            text=True, timeout=600)
    if result.returncode or not (partial / "editor.js").is_file():
        shutil.rmtree(partial, ignore_errors=True)
        raise BundleError((result.stderr or result.stdout).strip() or "no editor.js was written")
    try:
        os.replace(partial, folder)
    except OSError:  # another build was first
        shutil.rmtree(partial, ignore_errors=True)
    for old in cache.iterdir():  # one bundle kept: the current one (and any still being written)
        if old != folder and (not old.name.endswith(".partial") or time.time() - old.stat().st_mtime > 3600):
            shutil.rmtree(old, ignore_errors=True)
    return folder, None


def _page(lang: str, title: str, csp: str, head: str, body: str) -> str:
    """/admin/'s pages: never indexed, never sending a referrer, held to their policy."""
    return f"""<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>{title}</title>
{head}</head>
<body>
{body}
</body>
</html>
"""


def editor_page(lang: str) -> str:
    title = html.escape(messages.get("editor", "app_title", lang))
    noscript = html.escape(messages.get("editor", "noscript", lang))
    head = ('<link rel="cms-config-url" type="application/yaml" href="config.yml">\n'
            '<script type="module" src="editor.js"></script>\n')
    return _page(lang, title, CSP, head, f"<noscript><p>{noscript}</p></noscript>")


def unavailable_page(languages: list[Language]) -> str:
    """/admin/ without the editor: what it needs, in every language."""
    lang = languages[0].code
    title = html.escape(messages.get("editor", "app_title", lang))
    parts = []
    for language in [lang for lang in languages if lang.code in messages.available()]:  # with a table
        say = lambda key: html.escape(messages.get("editor", key, language.code))  # noqa: E731
        parts.append(f'<section lang="{language.code}">\n<h2>{say("unavailable_title")}</h2>\n'
                     f'<p>{say("unavailable_why")}</p>\n<p>{say("unavailable_meanwhile")}</p>\n</section>')
    sections = "\n".join(parts)
    return _page(lang, title, "default-src 'none'", "", f"<main>\n<h1>{title}</h1>\n{sections}\n</main>")
