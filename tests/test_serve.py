"""`mkdocs serve`, as the officer previews: one rebuild per saved edit, and the edit shows."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import copy_project


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(predicate, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def test_serve_rebuilds_once_per_content_edit(tmp_path):
    project = copy_project(tmp_path / "p")
    port = _free_port()
    log = tmp_path / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with log.open("w") as out:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                                  cwd=project, stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        url = f"http://127.0.0.1:{port}/en/news/second/"
        _wait(lambda: "The second news item" in _get(url), 60, "the first build")
        news = project / "content" / "en" / "news" / "second.yml"
        news.write_text(news.read_text(encoding="utf-8").replace("The second news item", "Edited title"),
                        encoding="utf-8")
        _wait(lambda: "Edited title" in _get(url), 30, "the edit to show")
        time.sleep(3)  # a second, self-triggered rebuild would start within this time
        assert log.read_text().count("Building documentation") == 2
    finally:
        server.terminate()
        server.wait(timeout=10)
