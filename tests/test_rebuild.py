"""Rebuilds do only what changed, as `mkdocs serve` runs them (one process, the configuration
loaded anew each time): with nothing the generator reads changed, it generates nothing and writes
nothing; with one item changed, only the files that show it are written again."""
from __future__ import annotations

import logging
import os
import time
from pathlib import Path

import pytest

from conftest import copy_project
from contentfiles import edit


def _build(project: Path, site: Path, caplog) -> str:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    caplog.clear()
    cwd = os.getcwd()
    os.chdir(project)
    try:
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(site)))
    finally:
        os.chdir(cwd)
    return "\n".join(r.getMessage() for r in caplog.records if r.name == "mkdocs.hooks.generate")


def _generated(project: Path) -> dict[str, int]:
    """Every file the generator owns in docs/, with its modification time."""
    docs = project / "docs"
    return {p.relative_to(docs).as_posix(): p.stat().st_mtime_ns for p in docs.rglob("*")
            if p.is_file() and p.relative_to(docs).parts[0] != "assets"}


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.delenv("SITE_URL", raising=False)
    return copy_project(tmp_path / "project")


def test_a_rebuild_with_nothing_changed_generates_and_writes_nothing(project, tmp_path, caplog):
    caplog.set_level(logging.INFO)
    said = _build(project, tmp_path / "site", caplog)
    assert "Generated " in said
    before = _generated(project)
    pages = {p.relative_to(tmp_path / "site").as_posix(): p.read_bytes() for p in (tmp_path / "site").rglob("*.html")}
    time.sleep(0.01)
    said = _build(project, tmp_path / "site", caplog)
    assert "Content unchanged: nothing generated" in said and "Generated " not in said
    assert _generated(project) == before  # not one file written again
    again = {p.relative_to(tmp_path / "site").as_posix(): p.read_bytes() for p in (tmp_path / "site").rglob("*.html")}
    assert again == pages  # and the site is the same, its head tags and shared parts kept


def test_one_item_changed_rewrites_only_what_shows_it(project, tmp_path, caplog):
    caplog.set_level(logging.INFO)
    _build(project, tmp_path / "site", caplog)
    before = _generated(project)
    time.sleep(0.01)
    edit(project, "content/ro/news/second.yml", "summary: ", "summary: Schimbat. ")
    said = _build(project, tmp_path / "site", caplog)
    after = _generated(project)
    written = {path for path in after if after[path] != before.get(path)}
    assert written, said
    # The item's page and the Romanian files that show its summary; nothing in English.
    assert "ro/news/second.md" in written and not any(path.startswith("en/") for path in written), written
    assert written <= {"ro/news/second.md", "ro/news/index.md", "ro/index.md", "ro/feed.xml", "ro/data/content.json"}, written
    assert f"({len(written)} file(s) changed)" in said
