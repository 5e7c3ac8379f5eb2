"""Measure the site's build, content check, live preview and home-page weight; print a table and
write it to benchmarks/RESULTS.md.

    python benchmarks/run.py            # everything but the test suite, about 8 minutes on 2 cores
    python benchmarks/run.py --quick    # without the 5,000-item build
    python benchmarks/run.py --suite    # also the whole test suite, in one process and on every core

Every build runs in a temporary copy of the project; content/ and docs/ are never touched.
"""
from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import os
import platform
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import firstload
import buildprofile
import sites
import timing

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
REAL_RUNS, SYNTHETIC_RUNS = 5, 3
SIZES = (100, 1000, 5000)
LARGE_RUNS = 1  # one build after the first is enough at 5,000 items and keeps the run bounded
PACKAGES = ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "Jinja2", "Markdown", "PyYAML", "jsonschema")


@dataclass
class Build:
    label: str
    pages: dict[str, int]
    first: float
    median: float
    cpu: float  # median CPU seconds of the same builds
    total_bytes: int
    html_bytes: int
    search_bytes: int

    @property
    def page_count(self) -> int:
        return sum(self.pages.values())


@dataclass
class Results:
    builds: list[Build] = field(default_factory=list)
    overhead: list[tuple[str, Build, float, float]] = field(default_factory=list)  # hooks off: wall, CPU
    bare_ratio: tuple[float, float] | None = None  # 1,000 items: with hooks / without, interleaved (wall, CPU)
    rebuild_writes: int | None = None  # files the generator writes on a rebuild with nothing changed
    identical: bool | None = None  # the real site the same with frames made once and every frame rendered
    suite: dict[str, float] = field(default_factory=dict)  # "serial", "parallel (N workers)" -> seconds
    checks: list[tuple[str, float]] = field(default_factory=list)
    serve: float = 0.0
    home: list[firstload.Fetched] = field(default_factory=list)

    def build(self, label: str) -> Build | None:
        return next((b for b in self.builds if b.label == label), None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 5,000-item build")
    parser.add_argument("--suite", action="store_true", help="also time the whole test suite (twice: long)")
    args = parser.parse_args()
    started, load_before, speed = time.perf_counter(), os.getloadavg()[0], timing.speed()
    with tempfile.TemporaryDirectory(prefix="milestone-bench-") as tmp:
        results = measure(Path(tmp), SIZES[:-1] if args.quick else SIZES)
    if args.suite:
        workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
        _step("test suite in one process")
        results.suite["in one process"] = timing.suite(0)
        _step(f"test suite on {workers} workers")
        results.suite[f"on {workers} workers"] = timing.suite(workers)
    report = render(results, time.perf_counter() - started, (load_before, os.getloadavg()[0]), speed)
    print(report)
    RESULTS.write_text(report + _profile_section(), encoding="utf-8")
    print(f"Written to {RESULTS.relative_to(sites.ROOT)}")


def _profile_section() -> str:
    """The profile tables that benchmarks/buildprofile.py wrote into RESULTS.md, kept as they are."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    _, found, section = text.partition(buildprofile.SECTION)
    return "\n" + found + section if found else ""


def measure(tmp: Path, sizes: tuple[int, ...]) -> Results:
    results = Results()
    real = sites.copy_site(tmp / "real")
    langs = sites.languages(real)
    prefixes = {lang.code: lang.prefix for lang in langs}
    _step("real site: builds")
    results.builds.append(_build("real content", real, tmp / "real-out", prefixes, REAL_RUNS))
    _overhead(results, "real content", real, tmp / "real-nohooks", REAL_RUNS)
    _step("real site: content check")
    results.checks.append(("real content", timing.check(real)))
    _step("home page first load (Chromium)")
    results.home = firstload.home_page(tmp / "real-out")
    _step("mkdocs serve: edit to page")
    results.serve = timing.serve_latency(real)  # as `python3 dev.py serve` runs it
    _step("a rebuild with nothing changed")
    results.rebuild_writes = timing.rebuild_writes(real, tmp / "real-rebuild")
    _step("the real site with every frame rendered in full")
    timing.build(real, tmp / "real-frames-once")  # after the live preview's edits, as the next build
    timing.build(real, tmp / "real-frames-off", SITEGEN_FRAMES="off")
    results.identical = sites.same_site(tmp / "real-frames-once", tmp / "real-frames-off")
    for size in sizes:
        label = f"{size:,} items/language"
        site = sites.copy_site(tmp / f"synthetic-{size}")
        sites.add_synthetic(site, size, [lang.code for lang in langs])
        _step(f"{label}: builds")
        runs = LARGE_RUNS if size == max(SIZES) else SYNTHETIC_RUNS
        results.builds.append(_build(label, site, tmp / f"synthetic-{size}-out", prefixes, runs))
        if size == 1000:
            _overhead(results, label, site, tmp / f"synthetic-{size}-nohooks", runs)
            _step(f"{label}: with and without the hooks, in turn")
            bare = tmp / f"synthetic-{size}-nohooks"
            results.bare_ratio = timing.interleaved((site, tmp / f"synthetic-{size}-out"), (bare, bare / "site"), runs)
            _step(f"{label}: content check")
            results.checks.append((label, timing.check(site)))
        shutil.rmtree(tmp / f"synthetic-{size}-out")  # 5,000 items take hundreds of MB
    return results


def _build(label: str, site: Path, out: Path, prefixes: dict[str, str], runs: int) -> Build:
    first, median, cpu = timing.builds(site, out, runs)
    total, html = sites.output_bytes(out)
    return Build(label, sites.pages_per_language(out, prefixes), first, median, cpu, total, html,
                 sites.search_index_bytes(out))


def _overhead(results: Results, label: str, site: Path, copy: Path, runs: int) -> None:
    """The same generated Markdown built with and without the hooks: what the generator adds."""
    _step(f"{label}: build without hooks")
    bare = sites.without_hooks(site, copy)
    _, off, off_cpu = timing.builds(bare, copy / "site", runs)
    results.overhead.append((label, results.build(label), off, off_cpu))


def _step(text: str) -> None:
    print(f"… {text}", flush=True)


# -- report ---------------------------------------------------------------------------------------

def render(results: Results, seconds: float, load: tuple[float, float], speed: float) -> str:
    parts = [
        "# Benchmark results\n",
        "Run, from the project folder with its virtualenv: `python benchmarks/run.py` (about 5 minutes on 2 cores; "
        "`--quick` skips the 5,000-item build). The command prints these tables and rewrites this file: "
        "do not edit it by hand.\n",
        _machine(seconds, load, speed),
        _targets(results),
        _builds(results),
        _overheads(results),
        _checks(results),
        f"## Live preview\n\n`mkdocs serve` shows an edited news title {results.serve:.2f} s after the "
        "YAML file is saved (median of 3 edits, polled every 0.05 s).\n",
        _home(results),
    ]
    return "\n".join(parts)


def _machine(seconds: float, load: tuple[float, float], speed: float) -> str:
    # Other work on the machine slows every timing; the load average says how much there was.
    versions = ", ".join(f"{name} {importlib.metadata.version(name)}" for name in PACKAGES)
    return (f"## Machine\n\n- {dt.datetime.now().isoformat(timespec='minutes')}, whole run {seconds:.0f} s, "
            f"load average {load[0]:.1f} before and {load[1]:.1f} after, speed {speed:.2f} s "
            "(benchmarks/timing.py: lower is faster; compare absolute times only between runs of like speed)\n"
            f"- {_cpu()}, {os.cpu_count()} cores, {_memory_gb():.0f} GB RAM\n"
            f"- {platform.platform()}, Python {platform.python_version()}\n- {versions}\n")


def _cpu() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown CPU"


def _memory_gb() -> float:
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1e9


def _targets(results: Results) -> str:
    rows = []

    def target(name: str, value: float | None, limit: float, unit: str) -> None:
        if value is not None:
            rows.append(f"| {name} | ≤ {limit:g} {unit} | {value:.2f} {unit} | {'yes' if value <= limit else '**no**'} |")

    real, thousand, large = (results.build(label) for label in
                             ("real content", "1,000 items/language", "5,000 items/language"))
    target("real site build (median)", real.median, 2, "s")
    for label, on, off, off_cpu in results.overhead:
        target(f"generator overhead, {label}", 100 * (on.median - off) / off, 10, "%")
        target(f"generator overhead, {label} (CPU time)", 100 * (on.cpu - off_cpu) / off_cpu, 10, "%")
    if thousand:
        target("1,000 items/language: build", thousand.median, 10, "s")
        target("1,000 items/language: output", thousand.total_bytes / 1e6, 40, "MB")
    if thousand and large:
        target("build time 5,000 / 1,000 items", large.median / thousand.median, 5.5, "×")
        target("build time 5,000 / 1,000 items (CPU time)", large.cpu / thousand.cpu, 5.5, "×")
    if results.bare_ratio:
        target("1,000 items/language ÷ bare Material + i18n, same Markdown, in turn (wall)", results.bare_ratio[0], 0.7, "×")
        target("1,000 items/language ÷ bare Material + i18n, same Markdown, in turn (CPU)", results.bare_ratio[1], 0.7, "×")
    for label, seconds in results.checks:
        target(f"content check, {label}", seconds, 0.3 if label == "real content" else 1, "s")
    target("`mkdocs serve` shows a content edit", results.serve, 1, "s")
    if results.rebuild_writes is not None:
        target("rebuild with nothing changed: files the generator writes", results.rebuild_writes, 0, "")
    if results.identical is not None:
        rows.append(f"| published site the same with frames made once | identical | "
                    f"{'identical' if results.identical else '**different**'} | {'yes' if results.identical else '**no**'} |")
    for label, seconds in results.suite.items():
        target(f"test suite, {label}", seconds, 240, "s")
    raw, zipped = (sum(f.raw for f in results.home) / 1e3, sum(f.gzip for f in results.home) / 1e3)
    target("home first load, raw", raw, 280, "KB")
    target("home first load, gzip", zipped, 75, "KB")
    return "## Targets\n\n| Target | Limit | Measured | Holds |\n|---|---|---|---|\n" + "\n".join(rows) + "\n"


def _builds(results: Results) -> str:
    rows = [f"| {b.label} | {' / '.join(str(n) for n in b.pages.values())} | {b.first:.2f} | {b.median:.2f} | "
            f"{b.cpu:.2f} | "
            f"{b.total_bytes / 1e6:.1f} | {b.html_bytes / b.page_count / 1e3:.1f} | {b.search_bytes / 1e3:.0f} |"
            for b in results.builds]
    languages = " / ".join(results.builds[0].pages)
    return (f"## Builds\n\nWall time of `mkdocs build` in a fresh process. *First*: nothing generated yet (as in "
            "CI); *median*: the builds after it. Synthetic content: the real site with its good practices and "
            "news replaced by N items per language, half of each kind.\n\n"
            f"| Content | Pages ({languages}) | First s | Median s | CPU s | Output MB | HTML KB/page | Search index KB |\n"
            "|---|---|---|---|---|---|---|---|\n" + "\n".join(rows) + "\n")


def _overheads(results: Results) -> str:
    rows = [f"| {label} | {on.median:.2f} | {off:.2f} | {on.median / off:.2f} | {on.cpu / off_cpu:.2f} |"
            for label, on, off, off_cpu in results.overhead]
    return ("## Generator overhead\n\nThe same generated Markdown built with the hooks and without them "
            "(MkDocs and the theme alone), median wall time.\n\n"
            "| Content | With hooks s | Hooks off s | Ratio | Ratio of CPU time |\n|---|---|---|---|---|\n"
            + "\n".join(rows) + "\n")


def _checks(results: Results) -> str:
    rows = [f"| {label} | {seconds:.3f} |" for label, seconds in results.checks]
    return ("## Content check\n\n`sitegen.check.check()`, median of 5 calls in one process.\n\n"
            "| Content | Seconds |\n|---|---|\n" + "\n".join(rows) + "\n")


# What Material's own scripts fetched after the page had loaded, by the file names that give them
# away: both wait for the visitor now (docs/assets/js/on-demand.js), so both lines should read 0.
LATER_FETCHES = {"search (index, worker, lunr languages)": ("search", "lunr"),
                 "language selector (sitemaps)": ("sitemap",)}


def _home(results: Results) -> str:
    rows = [f"| `{f.path}` | {f.status} | {f.raw:,} | {f.gzip:,} |" for f in results.home]
    rows.append(_subtotal(f"**total, {len(rows)} responses**", results.home))
    for name, words in LATER_FETCHES.items():
        rows.append(_subtotal(f"of which {name}", [f for f in results.home if any(w in f.path for w in words)]))
    return ("## Home page, first load\n\nEvery response Chromium received loading `/` from a local server, "
            "until the network was idle; gzip as GitHub Pages sends it (level 6, for text types; images as they are).\n\n| File | Status | Raw bytes | Gzip bytes |\n"
            "|---|---|---|---|\n" + "\n".join(rows) + "\n")


def _subtotal(label: str, fetched: list[firstload.Fetched]) -> str:
    return f"| {label} | | {sum(f.raw for f in fetched):,} | {sum(f.gzip for f in fetched):,} |"


if __name__ == "__main__":
    main()
