"""Shared test fixtures: the real site built once, fixture projects, a local server and a browser.

Every build goes to a temporary folder; the browser is Debian's Chromium driven by Playwright, and
sees only 127.0.0.1.
"""
from __future__ import annotations

import fcntl
import functools
import http.server
import io
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import photos

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_CONTENT = Path(__file__).resolve().parent / "fixtures" / "content"
# What a project copy needs to build: everything but the content and the generated pages.
PROJECT_PARTS = ("mkdocs.yml", "sitegen", "hooks", "schemas", "strings", "templates", "overrides", "docs/assets",
                 "admin")
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = ROOT / "test-artifacts"
BASE_PATH = "/site/"  # the path of SITE_URL in build(): served there, as GitHub Pages serves a project
CANONICAL = "https://example.org" + BASE_PATH  # the public address fixture sites are built for


def copy_project(dest: Path, content: Path | None = FIXTURE_CONTENT) -> Path:
    """A buildable copy of the project in `dest`, with the fixture content (or the real one)."""
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            (dest / part).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / part)
    shutil.copytree(content or ROOT / "content", dest / "content")
    return dest


def build(project: Path, site: Path, *extra: str, site_url: str = CANONICAL
          ) -> subprocess.CompletedProcess:
    """Run the real `mkdocs build --strict`, as the officer and the workflow do."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site), *extra],
                          cwd=project, capture_output=True, text=True, env=env, timeout=600)


@pytest.fixture(autouse=True)
def _messages_in_romanian(monkeypatch):
    """Every test starts with the officer's messages in Romanian: `--lang en` sets the language for
    the whole process (as a command should), and must not leak into the next test."""
    monkeypatch.delenv("SITEGEN_LANG", raising=False)


def _shared(tmp_path_factory) -> Path:
    """A folder every worker of this run sees (pytest-xdist gives each its own temporary folder,
    inside the run's)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if base.name.startswith("popen-gw") else base


def once_per_run(tmp_path_factory, name: str, make, wait: bool = True):
    """What `make()` returns (data JSON can hold), made once per test run however many workers ask
    for it: the first makes it, the others wait and read it (or, without `wait`, get None while
    another worker is making it)."""
    folder = _shared(tmp_path_factory) / "once"
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / f"{name}.lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))  # released when the file closes
        except BlockingIOError:
            return None
        saved = folder / f"{name}.json"
        if not saved.exists():
            saved.write_text(json.dumps(make()), encoding="utf-8")
        return json.loads(saved.read_text(encoding="utf-8"))


def built_once(tmp_path_factory, name: str, content=None) -> tuple[Path, Path, subprocess.CompletedProcess]:
    """(project, site, build result) of a fixture site, built once per test run however many
    workers ask for it. `content`: the content folder, or a function making it in the folder it is
    given (called once)."""
    folder = _shared(tmp_path_factory) / "sites" / name

    def make() -> dict:
        source = content(folder / "content") if callable(content) else content
        result = build(copy_project(folder / "project", content=source), folder / "site")
        return {"returncode": result.returncode, "stdout": result.stdout, "stderr": result.stderr}

    data = once_per_run(tmp_path_factory, f"site-{name}", make)
    result = subprocess.CompletedProcess(["mkdocs", "build"], data["returncode"], data["stdout"], data["stderr"])
    assert result.returncode == 0, result.stderr
    return folder / "project", folder / "site", result


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The real content built from a copy of the project (the working tree is never written)."""
    return built_once(tmp_path_factory, "real", ROOT / "content")[1]


@pytest.fixture(scope="session")
def fixture_build(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """The fixture content built once: (site folder, build result with its log)."""
    _, site, result = built_once(tmp_path_factory, "fixture", FIXTURE_CONTENT)
    return site, result


@pytest.fixture(scope="session")
def fixture_site(fixture_build) -> Path:
    return fixture_build[0]


def _with_photos(dest: Path) -> Path:
    return photos.photo_content(dest, FIXTURE_CONTENT)


@pytest.fixture(scope="session")
def photo_build(tmp_path_factory) -> tuple[Path, Path, subprocess.CompletedProcess]:
    """(project, site, build result) of the fixture content with phone photos made by
    tests/photos.py, in a news item and an event; built once."""
    return built_once(tmp_path_factory, "photos", _with_photos)


@pytest.fixture(scope="session")
def photo_content(photo_build) -> Path:
    """The fixture content with the photos (as the photo site was built from)."""
    return photo_build[0] / "content"


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site under BASE_PATH, as GitHub Pages serves a project. The site was built
    for CANONICAL: its absolute addresses (hreflang, canonical, share images, sitemap, feeds) are
    written as this server's, so that they lead here and nowhere else."""
    own = CANONICAL  # set per server
    TEXT = (".html", ".xml", ".json", ".ics", ".txt", ".js", ".css", ".svg", ".webmanifest")

    def translate_path(self, path):
        if not path.startswith(BASE_PATH):
            return str(Path(self.directory) / "__outside_the_site__")
        return super().translate_path("/" + path[len(BASE_PATH):])

    def send_head(self):
        path = Path(self.translate_path(self.path.split("?")[0]))
        if path.is_dir():
            path = path / "index.html"
        if self.own == CANONICAL or path.suffix not in self.TEXT or not path.is_file():
            return super().send_head()
        data = path.read_bytes().replace(CANONICAL.encode(), self.own.encode())
        self.send_response(200)
        self.send_header("Content-type", self.guess_type(str(path)))
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        return io.BytesIO(data)

    def log_message(self, *args):
        pass


def serve(folder: Path, own_address: bool = False):
    """Serve a built site under BASE_PATH on 127.0.0.1 on a free port; returns (server, site URL).
    `own_address`: its absolute addresses are written as this server's (see _SiteHandler)."""
    handler = type("Handler", (_SiteHandler,), {})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    url = f"http://127.0.0.1:{server.server_address[1]}{BASE_PATH}"
    handler.own = url if own_address else CANONICAL
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, url


@pytest.fixture(scope="session")
def real_url(real_site):
    server, url = serve(real_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def fixture_url(fixture_site):
    server, url = serve(fixture_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def photo_site(photo_build) -> Path:
    return photo_build[1]


@pytest.fixture(scope="session")
def photo_url(photo_build):
    server, url = serve(photo_build[1])
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (see .ci/run)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _local(site: Path):
    server, url = serve(site, own_address=True)
    return server, site, url


@pytest.fixture(scope="session")
def local_real(real_site):
    """(site folder, address): the real content, served at its own address on 127.0.0.1."""
    server, site, url = _local(real_site)
    yield site, url
    server.shutdown()


@pytest.fixture(scope="session")
def local_fixture(fixture_site):
    """(site folder, address): the fixture content, served at its own address on 127.0.0.1."""
    server, site, url = _local(fixture_site)
    yield site, url
    server.shutdown()


@pytest.fixture(scope="session")
def local_photos(photo_build):
    """(site folder, address): the content with photos, served at its own address on 127.0.0.1."""
    server, site, url = _local(photo_build[1])
    yield site, url
    server.shutdown()


def html_pages(site: Path) -> list[Path]:
    """Every HTML page of a built site, except the theme's 404 page and the web editor (/admin/,
    not a page of the site: tests/test_admin.py)."""
    return sorted(p for p in site.rglob("index.html") if p.relative_to(site).parts[0] != "admin")
