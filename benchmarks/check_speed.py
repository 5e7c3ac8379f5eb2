"""How fast the content check is: prints the numbers, asserts nothing (timing tests are flaky).

    /work/main/.venv/bin/python benchmarks/check_speed.py      (from the repository root)

Targets: the real content in at most 0.3 s; 1,000 good practices per language in at most 1 s.
The synthetic content is written into a temporary copy of the project, never into content/.
"""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sitegen.check import check  # noqa: E402
from sitegen.languages import from_mkdocs_yml  # noqa: E402

RUNS = 5
COPIED = ("content", "schemas", "strings", "mkdocs.yml")
# Every field filled, so that every rule runs; fictional text, never published. One file per
# item, content/<lang>/good_practices/practica-<n>.yml (the file name is the id).
ITEM = """\
order: {n}
title: Bună practică de test numărul {n}
country: FI
region: Regiune de test
city: Oraș de test
institution: Instituție de test
partner: {partner}
start: 2020-01-01
end: 2023-12-31
summary: Rezumatul bunei practici de test numărul {n}, pe un singur rând.
description: |
  Descrierea detaliată a bunei practici, pe mai multe rânduri, cu **Markdown**.

  Al doilea paragraf, cu o [legătură](https://example.org/{n}).
resources: Resursele necesare.
evidence: Dovezile succesului.
difficulties: Dificultățile întâmpinate.
transfer: Potențialul de transfer.
theme: skills
website: https://example.org/{n}
contact: test{n}@example.org
source: https://example.org/sursa/{n}
"""


def timed(root: Path) -> tuple[float, float, int]:
    """Seconds of the first check in this process, median of RUNS, and the errors found."""
    languages = from_mkdocs_yml(root / "mkdocs.yml")
    times, errors = [], 0
    for _ in range(RUNS):
        started = time.perf_counter()
        _, problems = check(root, languages)
        times.append(time.perf_counter() - started)
        errors = sum(p.severity == "error" for p in problems)
    return times[0], statistics.median(times), errors


def synthetic(folder: Path, count: int) -> Path:
    for part in COPIED:
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, folder / part)
    # a partner of the content, whichever it has (a good practice names one)
    partner = min(path.stem for path in (folder / "content" / "ro" / "partners").glob("*.yml"))
    for lang in ("ro", "en"):
        practices = folder / "content" / lang / "good_practices"
        shutil.rmtree(practices, ignore_errors=True)
        practices.mkdir()
        for n in range(count):
            (practices / f"practica-{n}.yml").write_text(ITEM.format(n=n + 1, partner=partner), encoding="utf-8")
    return folder


def command_seconds() -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "sitegen", "check"], cwd=ROOT, capture_output=True, check=False)
    return time.perf_counter() - started


def report(label: str, limit: float, first: float, median: float, errors: int) -> None:
    verdict = f"{errors} ERRORS" if errors else "ok" if first <= limit else "OVER"
    print(f"{label:<42} first {first:6.3f} s, median of {RUNS} {median:6.3f} s   (target ≤ {limit} s)   {verdict}")


def main() -> None:
    report("check, real content", 0.3, *timed(ROOT))
    with tempfile.TemporaryDirectory() as tmp:
        report("check, 1,000 good practices per language", 1.0, *timed(synthetic(Path(tmp), 1000)))
    print(f"{'python -m sitegen check, whole command':<42} {command_seconds():6.3f} s (interpreter start included)")
    print(f"load average while measuring: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
