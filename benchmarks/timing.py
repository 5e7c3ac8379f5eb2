"""Wall-clock measurements of the commands an editor and the deploy workflow run.

Builds run as separate `mkdocs` processes, as they do for real: the hook keeps state per process,
and a fresh process also counts the start-up an editor waits for.
"""
from __future__ import annotations

import os
import re
import resource
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import sites
from sitegen.check import check as check_content

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
BUILD_TIMEOUT = 600  # seconds; far above the slowest expected build (5,000 items)
SERVE_START_TIMEOUT = 120
SERVE_CHANGE_TIMEOUT = 30
POLL = 0.05


def build(site: Path, out: Path, **env: str) -> tuple[float, float]:
    """Wall and CPU seconds of one `mkdocs build` of `site` into `out` (`env`: more environment
    variables); a failed build stops the benchmark. CPU time barely moves when other work shares
    the machine; wall time does."""
    start, cpu_start = time.perf_counter(), _children_cpu()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(out)], cwd=site, env=ENV | env,
                            capture_output=True, text=True, timeout=BUILD_TIMEOUT)
    elapsed, cpu = time.perf_counter() - start, _children_cpu() - cpu_start
    if result.returncode:
        raise RuntimeError(f"mkdocs build failed in {site}:\n{result.stderr[-3000:]}")
    return elapsed, cpu


def builds(site: Path, out: Path, runs: int) -> tuple[float, float, float]:
    """Wall seconds of the first build (nothing generated yet, as in CI), then the median wall and
    CPU seconds of `runs` builds after it."""
    first, _ = build(site, out)
    later = [build(site, out) for _ in range(runs)]
    return first, statistics.median(w for w, _ in later), statistics.median(c for _, c in later)


def interleaved(a: tuple[Path, Path], b: tuple[Path, Path], runs: int) -> tuple[float, float]:
    """Median ratios (wall, CPU) of `mkdocs build` of a (site, out) over b, built in turn A B A B …
    after one build of each: each pair shares the machine's speed of the moment."""
    build(*a), build(*b)
    pairs = [(build(*a), build(*b)) for _ in range(runs)]
    return (statistics.median(x[0] / y[0] for x, y in pairs), statistics.median(x[1] / y[1] for x, y in pairs))


def rebuild_writes(site: Path, out: Path) -> int:
    """Files the generator writes when a site is built twice in one process (as `mkdocs serve`
    rebuilds) with nothing changed in between: what the second build wrote into docs/."""
    code = f"""
import os, sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
docs = Path("docs")
def stamps():
    return {{p: p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file() and p.relative_to(docs).parts[0] != "assets"}}
build(load_config("mkdocs.yml", site_dir={str(out)!r}))
before = stamps()
build(load_config("mkdocs.yml", site_dir={str(out)!r}))
after = stamps()
print(sum(1 for p in after if after[p] != before.get(p)) + len(before.keys() - after.keys()))
"""
    result = subprocess.run([sys.executable, "-c", code], cwd=site, env=ENV, capture_output=True, text=True,
                            timeout=BUILD_TIMEOUT)
    if result.returncode:
        raise RuntimeError(f"the double build failed in {site}:\n{result.stderr[-3000:]}")
    return int(result.stdout.strip().splitlines()[-1])


def suite(workers: int) -> float:
    """Wall seconds of the whole test suite (`python -m pytest`), with `workers` pytest-xdist workers (0:
    one process)."""
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", str(workers)],
                            cwd=sites.ROOT, env=ENV, capture_output=True, text=True, timeout=7200)
    elapsed = time.perf_counter() - start
    if result.returncode:
        raise RuntimeError(f"the test suite failed:\n{result.stdout[-3000:]}")
    return elapsed


def speed(runs: int = 5) -> float:
    """Median seconds of a fixed pure-Python loop. These machines' speed drifts by twofold from one
    day to the next: compare two runs' absolute times only when their speeds agree (ratios, such as
    the generator's overhead, hold either way)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        sum(i * i for i in range(5_000_000))
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def check(site: Path, runs: int = 5) -> float:
    """Median seconds of the content check, in this process (imports excluded)."""
    langs = sites.languages(site)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        _, problems = check_content(site, langs)
        times.append(time.perf_counter() - start)
        errors = [p for p in problems if p.severity == "error"]
        if errors:
            raise RuntimeError(f"content check found errors in {site}: {errors[:3]}")
    return statistics.median(times)


def serve_latency(site: Path, edits: int = 3, flags: tuple[str, ...] = ()) -> float:
    """Median seconds from saving an edited news title to `mkdocs serve` serving the new title."""
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", *flags, "-a", f"127.0.0.1:{port}"], cwd=site,
                              env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}/"
        _wait_until(lambda: _get(base) is not None, SERVE_START_TIMEOUT, "mkdocs serve did not start")
        return statistics.median(_edit_and_wait(site, base, n) for n in range(edits))
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _edit_and_wait(site: Path, base: str, n: int) -> float:
    news = min(p for p in (site / "content" / "ro" / "news").glob("*.yml")  # a published news item's own file
               if "draft: true" not in p.read_text(encoding="utf-8"))
    text = news.read_text(encoding="utf-8")
    item_id = news.stem
    marker = f"Benchmark edit {n} {time.time_ns()}"
    edited = re.sub(r"^(title: )(.*)$", rf"\g<1>{marker}", text, count=1, flags=re.MULTILINE)
    start = time.perf_counter()
    news.write_text(edited, encoding="utf-8")
    url = f"{base}news/{item_id}/"
    _wait_until(lambda: marker in (_get(url) or ""), SERVE_CHANGE_TIMEOUT,
                f"the edit did not appear at {url}")
    return time.perf_counter() - start


def _wait_until(condition, timeout: float, failure: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{failure} within {timeout} s")
        time.sleep(POLL)


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
