"""The theme's page frame rendered once per kind of page (hooks/frame.py) changes not a byte: the
real and the fixture sites built with it and without it (SITEGEN_FRAMES=off, every frame rendered
in full) are the same, file for file."""
from __future__ import annotations

import os

import pytest

from conftest import FIXTURE_CONTENT, ROOT, build, copy_project


def _files(site):
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*")
            if p.is_file() and p.relative_to(site).parts[0] != "admin"}


@pytest.mark.parametrize("name, content", [("real", ROOT / "content"), ("fixture", FIXTURE_CONTENT)])
def test_frames_made_once_change_not_a_byte(request, tmp_path, monkeypatch, name, content):
    framed = request.getfixturevalue(f"{name}_site")
    project = copy_project(tmp_path / "project", content=content)
    monkeypatch.setenv("SITEGEN_FRAMES", "off")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    mine, theirs = _files(framed), _files(tmp_path / "site")
    assert mine.keys() == theirs.keys()
    differ = [path for path in mine if mine[path] != theirs[path]]
    assert not differ, differ[:10]
    assert os.environ.get("SITEGEN_FRAMES") == "off"  # the comparison build really rendered every frame
