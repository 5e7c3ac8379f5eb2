"""The way off MkDocs, proven: ProperDocs (a maintained continuation of MkDocs 1.6) builds the same
project from the same mkdocs.yml, and every file of its site equals MkDocs' but for the differences
listed in MIGRATION.md. Also: the generator in sitegen/ imports nothing from MkDocs."""
from __future__ import annotations

import ast
import gzip
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, copy_project

# MIGRATION.md, "Switching engines": the only differences allowed between the two sites.
GENERATOR_TAG = re.compile(rb'<meta name="generator" content="[^"]*">')
ENGINE_PACKAGES = ("mkdocs", "properdocs", "material", "mkdocs_static_i18n")


def _build(engine: str, project: Path, site: Path, **extra: str) -> None:
    # One build time for both: it is written into the compressed sitemap's header.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true",
           "SITE_URL": "https://example.org/site/", "SOURCE_DATE_EPOCH": "1764000000", **extra}
    result = subprocess.run([sys.executable, "-m", engine, "build", "--strict", "-f", "mkdocs.yml", "-d", str(site)],
                            cwd=project, capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def two_sites(tmp_path_factory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("engines")
    project = copy_project(base / "project", content=ROOT / "content")
    _build("mkdocs", project, base / "mkdocs-site")
    _build("properdocs", project, base / "properdocs-site")
    return base / "mkdocs-site", base / "properdocs-site"


def _files(site: Path) -> set[Path]:
    return {path.relative_to(site) for path in site.rglob("*") if path.is_file()}


def _comparable(path: Path) -> bytes:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return GENERATOR_TAG.sub(b"", data) if path.suffix == ".html" else data


def test_properdocs_builds_the_same_site_as_mkdocs(two_sites):
    mkdocs_site, properdocs_site = two_sites
    files = _files(mkdocs_site)
    assert files == _files(properdocs_site)
    assert len([f for f in files if f.name == "index.html"]) >= 20  # the sections alone, in two languages
    differing = [str(rel) for rel in sorted(files)
                 if _comparable(mkdocs_site / rel) != _comparable(properdocs_site / rel)]
    assert differing == []
    # The allowed difference is really there: the two builds did run different engines.
    home = [GENERATOR_TAG.search((site / "index.html").read_bytes())[0] for site in two_sites]
    assert b"mkdocs-1.6.1" in home[0] and b"ProperDocs" in home[1]


def test_templates_from_the_cache_build_the_same_site(two_sites, tmp_path):
    """The templates' bytecode cache (hooks/generate.py on_env, sitegen/pages.py) lives in the
    temporary folder: a build that finds it filled writes the very site a build without it does."""
    mkdocs_site, _ = two_sites
    project = copy_project(tmp_path / "project", content=ROOT / "content")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    for run in ("cold", "warm"):
        _build("mkdocs", project, tmp_path / run, TMPDIR=str(temporary))
    cached = list(temporary.glob("_jinja2-cache-*/*.cache"))
    assert len(cached) > 50  # the theme's templates and ours, written by the cold build
    for run in ("cold", "warm"):
        site = tmp_path / run
        assert _files(site) == _files(mkdocs_site)
        assert [str(rel) for rel in sorted(_files(site))
                if (site / rel).read_bytes() != (mkdocs_site / rel).read_bytes()] == []


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_the_generator_never_depended_on_mkdocs():
    """sitegen/ is plain Python: nothing from MkDocs, its forks, the theme or the i18n plugin,
    whatever engine builds the site after it (MIGRATION.md)."""
    modules = sorted((ROOT / "sitegen").rglob("*.py"))
    assert len(modules) > 20
    used = {path.relative_to(ROOT).as_posix(): _imports(path) & set(ENGINE_PACKAGES) for path in modules}
    assert {path: names for path, names in used.items() if names} == {}
    # And at run time: importing the whole generator loads none of them.
    code = ("import sys, pkgutil, importlib, sitegen\n"
            "for m in pkgutil.walk_packages(sitegen.__path__, 'sitegen.'):\n"
            "    if m.name != 'sitegen.__main__':  # the command line: it would run\n"
            "        importlib.import_module(m.name)\n"
            f"print(sorted(n for n in sys.modules if n.split('.')[0] in {ENGINE_PACKAGES!r}))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
