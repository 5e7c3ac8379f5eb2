"""Shared test fixtures: the real site built once, fixture projects, a local server and a browser.

Every build goes to a temporary folder; the browser is Debian's Chromium driven by Playwright, and
sees only 127.0.0.1.
"""
from __future__ import annotations

import functools
import http.server
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


def build(project: Path, site: Path, *extra: str, site_url: str = "https://example.org" + BASE_PATH
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


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The real content built from a copy of the project (the working tree is never written)."""
    base = tmp_path_factory.mktemp("real")
    project = copy_project(base / "project", content=ROOT / "content")
    site = base / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def fixture_build(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """The fixture content built once: (site folder, build result with its log)."""
    base = tmp_path_factory.mktemp("fixture")
    project = copy_project(base / "project")
    site = base / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stderr
    return site, result


@pytest.fixture(scope="session")
def fixture_site(fixture_build) -> Path:
    return fixture_build[0]


@pytest.fixture(scope="session")
def photo_content(tmp_path_factory) -> Path:
    """The fixture content with phone photos made by tests/photos.py, in a news item and an event."""
    return photos.photo_content(tmp_path_factory.mktemp("photo-content") / "content", FIXTURE_CONTENT)


@pytest.fixture(scope="session")
def photo_build(tmp_path_factory, photo_content) -> tuple[Path, Path, subprocess.CompletedProcess]:
    """(project, site, build result) of the content with photos, built once."""
    base = tmp_path_factory.mktemp("photos")
    project = copy_project(base / "project", content=photo_content)
    site = base / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stderr
    return project, site, result




class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    def translate_path(self, path):
        if not path.startswith(BASE_PATH):
            return str(Path(self.directory) / "__outside_the_site__")
        return super().translate_path("/" + path[len(BASE_PATH):])

    def log_message(self, *args):
        pass


def serve(folder: Path):
    """Serve a built site under BASE_PATH on 127.0.0.1 on a free port; returns (server, site URL)."""
    handler = functools.partial(_SiteHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{BASE_PATH}"


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


def _local_site(tmp_path_factory, name: str, content: Path):
    """A site built for the address it is served at (http://127.0.0.1:<port>/site/), so that its
    absolute links (hreflang, canonical, share images) lead to this server and nowhere else."""
    base = tmp_path_factory.mktemp(name)
    site = base / "site"
    site.mkdir()
    handler = functools.partial(_SiteHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    url = f"http://127.0.0.1:{server.server_address[1]}{BASE_PATH}"
    result = build(copy_project(base / "project", content=content), site, site_url=url)
    assert result.returncode == 0, result.stderr
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, site, url


@pytest.fixture(scope="session")
def local_real(tmp_path_factory):
    """(site folder, address): the real content, served at its own address on 127.0.0.1."""
    server, site, url = _local_site(tmp_path_factory, "local-real", ROOT / "content")
    yield site, url
    server.shutdown()


@pytest.fixture(scope="session")
def local_fixture(tmp_path_factory):
    """(site folder, address): the fixture content, served at its own address on 127.0.0.1."""
    server, site, url = _local_site(tmp_path_factory, "local-fixture", FIXTURE_CONTENT)
    yield site, url
    server.shutdown()


@pytest.fixture(scope="session")
def local_photos(tmp_path_factory, photo_content):
    """(site folder, address): the content with photos, served at its own address on 127.0.0.1."""
    server, site, url = _local_site(tmp_path_factory, "local-photos", photo_content)
    yield site, url
    server.shutdown()


def html_pages(site: Path) -> list[Path]:
    """Every HTML page of a built site, except the theme's 404 page and the web editor (/admin/,
    not a page of the site: tests/test_admin.py)."""
    return sorted(p for p in site.rglob("index.html") if p.relative_to(site).parts[0] != "admin")
