"""Where a build's time goes: `mkdocs build` of synthetic content under cProfile, the time split
into the build's stages; with --hooks-off also the same generated Markdown built without the hooks.

    python benchmarks/buildprofile.py                       # 1,000 items per language, this project
    python benchmarks/buildprofile.py --project DIR --label "before (main)"   # another checkout

Prints the table and writes it, under its label, into the "Where the build's time goes" section of
benchmarks/RESULTS.md (benchmarks/run.py keeps that section when it rewrites the file). cProfile
slows Python code about twofold, unevenly: compare shares and stages, not these seconds with the
times of run.py.
"""
from __future__ import annotations

import argparse
import os
import pstats
import subprocess
import sys
import tempfile
from pathlib import Path

import sites

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
SECTION = "## Where the build's time goes"
HOOKS = "hooks/generate.py"
PAGE_EVENTS = ("on_page_markdown", "on_page_content", "on_page_context", "on_post_page",
               "on_template_context", "on_post_template", "on_post_build", "on_config", "on_serve")
I18N_EVENTS = ("on_config", "on_files", "on_nav", "on_env", "on_template_context", "on_page_markdown",
               "on_page_context", "on_post_page")  # on_post_build: it runs the other languages' builds
# Stages, each a set of functions none of which calls another stage's: (file suffix, function name),
# or (file suffix, function name, only when called from this function of this file).
STAGES = [
    ("content check and page generation (sitegen)", [(HOOKS, "on_pre_build")]),
    ("hooks on each page: head tags, compaction", [(HOOKS, name) for name in PAGE_EVENTS]),
    ("reading sources and front matter (MkDocs)", [("mkdocs/structure/pages.py", "read_source")]),
    ("Markdown to HTML (MkDocs)", [("mkdocs/structure/pages.py", "render")]),
    ("theme templates: page frame, navigation (Material)",
     [("jinja2/environment.py", "render", "mkdocs/commands/build.py", "_build_page"),
      ("jinja2/environment.py", "render", "mkdocs/commands/build.py", "_build_template")]),
    ("search index (Material's search plugin)",
     [("material/plugins/search/plugin.py", name) for name in ("on_config", "on_page_context", "on_post_build")]),
    ("languages (mkdocs-static-i18n)", [("mkdocs_static_i18n/plugin.py", name) for name in I18N_EVENTS]),
    ("files and navigation (MkDocs)", [("mkdocs/structure/files.py", "get_files"),
                                       ("mkdocs/structure/nav.py", "get_navigation")]),
    ("writing and copying files (MkDocs)", [("mkdocs/utils/__init__.py", name)
                                            for name in ("write_file", "copy_file", "clean_directory")]),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1000, help="synthetic items per language (default 1000)")
    parser.add_argument("--project", type=Path, default=sites.ROOT, help="the project to copy (default: this one)")
    parser.add_argument("--label", default="this version", help="the table's heading in RESULTS.md")
    parser.add_argument("--hooks-off", action="store_true", help="also profile the build without the hooks")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="milestone-profile-") as tmp:
        site = sites.copy_site(Path(tmp) / "site", args.project)
        sites.add_synthetic(site, args.items, [lang.code for lang in sites.languages(site)])
        _build(site, Path(tmp) / "out", None)  # generate the pages once, as run.py's later builds find them
        columns = {"with hooks": _profile(site, Path(tmp))}
        if args.hooks_off:
            columns["hooks off"] = _profile(sites.without_hooks(site, Path(tmp) / "bare", args.project), Path(tmp))
    table = render(columns, args.items)
    print(table)
    write_section(args.label, table)
    print(f"Written to {RESULTS.relative_to(sites.ROOT)}")


# cProfile's own clock (wall time): a CPU clock costs a system call per event and slows the
# profiled build sixfold. Other work on the machine slows every stage alike: read the shares.
PROFILED = """import cProfile, runpy, sys
profiler = cProfile.Profile()
sys.argv = ["mkdocs", "build", "-q", "-d", sys.argv[2]]
try:
    profiler.runcall(runpy.run_module, "mkdocs", run_name="__main__")
except SystemExit as exit:
    if exit.code:
        raise
profiler.dump_stats(sys.argv_profile)
"""


def _build(site: Path, out: Path, profile: Path | None) -> None:
    if profile:
        code = PROFILED.replace("sys.argv_profile", repr(str(profile)))
        command = [sys.executable, "-c", code, "-", str(out)]
    else:
        command = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)]
    result = subprocess.run(command, cwd=site, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                            capture_output=True, text=True, timeout=1800)
    if result.returncode:
        raise RuntimeError(f"mkdocs build failed in {site}:\n{result.stderr[-3000:]}")


def _profile(site: Path, tmp: Path) -> dict[str, float]:
    out = tmp / f"{site.name}.prof"
    _build(site, tmp / f"{site.name}-out", out)
    return stages(pstats.Stats(str(out)))


def stages(stats: pstats.Stats) -> dict[str, float]:
    """Cumulative seconds per stage, the rest of the build as "everything else", and the total."""
    table = stats.stats  # type: ignore[attr-defined]  # {(file, line, name): (cc, nc, tt, ct, callers)}
    total = max(ct for _, _, _, ct, _ in table.values())
    result = {}
    for label, functions in STAGES:
        seconds = 0.0
        for (filename, _, name), (_, _, _, ct, callers) in table.items():
            for spec in functions:
                if not filename.endswith(spec[0]) or name != spec[1]:
                    continue
                if len(spec) == 2:
                    seconds += ct
                else:
                    seconds += sum(c[3] for (cf, _, cn), c in callers.items() if cf.endswith(spec[2]) and cn == spec[3])
        result[label] = seconds
    result["everything else: start-up, imports, configuration"] = total - sum(result.values())
    result["total"] = total
    return result


def render(columns: dict[str, dict[str, float]], items: int) -> str:
    names = list(columns)
    header = "| Stage | " + " | ".join(f"{name} s | share" for name in names) + " |"
    rows = [header, "|---|" + "---|---|" * len(names)]
    for stage in next(iter(columns.values())):
        cells = []
        for name in names:
            seconds, total = columns[name][stage], columns[name]["total"]
            cells.append(f"{seconds:.2f} | {100 * seconds / total:.0f} %")
        rows.append(f"| {stage} | " + " | ".join(cells) + " |")
    return (f"{items:,} items per language, one `mkdocs build` under cProfile (seconds inflated by the "
            "profiler: compare shares), after a first build has generated the pages.\n\n" + "\n".join(rows) + "\n")


def write_section(label: str, table: str) -> None:
    """Put `table` under `### label` in RESULTS.md's profile section, replacing an older one."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    head, _, section = text.partition(SECTION)
    parts = {}
    for block in section.split("\n### ")[1:]:
        name, _, body = block.partition("\n")
        parts[name.strip()] = body.strip() + "\n"
    parts[label] = table
    intro = ("\n\n`python benchmarks/buildprofile.py` (see its docstring); `benchmarks/run.py` keeps this "
             "section as it is.\n")
    body = "".join(f"\n### {name}\n\n{table}" for name, table in parts.items())
    RESULTS.write_text(head.rstrip() + "\n\n" + SECTION + intro + body, encoding="utf-8")


if __name__ == "__main__":
    main()
