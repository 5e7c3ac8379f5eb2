#!/usr/bin/env python3
"""Photos straight from a phone: what a phone downloads, and what they cost the build (a benchmark,
never a test: it prints numbers and asserts nothing).

    .venv/bin/python benchmarks/images.py            # about 5 minutes on 2 quiet cores

1. A news page whose photo is a 20 MB, 6000 × 4000 phone JPEG (rotated by EXIF, with GPS): the
   image bytes Chromium receives on a 390-pixel-wide phone at device pixel ratios 3, 2 and 1.75
   (Lighthouse's phone), when the page has loaded and after scrolling to its end (the gallery).
   Target: at most 200 KB of image on load.
2. The real content plus 10 news items of 5 photos each (50 distinct 20 MB photos): the first
   build (nothing cached: every photo encoded), then rebuilds after a text edit, as `mkdocs build`
   in a fresh process (alternating with the same content without its photos, for comparison) and
   as `mkdocs serve` showing the edit; and the content check. Target: a rebuild after a text edit within 2 s.

The photos are made here with Pillow (tests/photos.py), in temporary copies of the project; content/
is never touched. Prints a table and writes it to benchmarks/RESULTS-images.md.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import firstload
import sites
import timing

sys.path.insert(0, str(sites.ROOT / "tests"))
import photos  # noqa: E402
from conftest import FIXTURE_CONTENT  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "RESULTS-images.md"
PHONE = {"width": 390, "height": 844}
SCALES = (3, 2, 1.75)
ITEMS, PER_ITEM = 10, 5  # news items with photos, photos per item (a lead photo and four more)
REBUILDS = 5
PHOTO_LOG = re.compile(r"Photos: (\d+) file\(s\); (\d+) image\(s\) encoded, (\d+) from the cache")


def main() -> None:
    started, load, speed = time.perf_counter(), os.getloadavg()[0], timing.speed()
    rows: list[tuple[str, str, str]] = []  # (what, measured, target)
    with tempfile.TemporaryDirectory(prefix="milestone-images-") as tmp:
        tmp = Path(tmp)
        step("a 20 MB phone photo (6000 × 4000, grain)")
        heavy = photos.phone_photo(tmp / "heavy.jpg", (6000, 4000), 6, grain=0.45, quality=95, seed=7)
        rows.append(("the phone photo", f"{heavy.stat().st_size / 1e6:.1f} MB", ""))
        rows += phone_bytes(tmp, heavy)
        rows += fifty_photos(tmp, heavy)
    report = render(rows, time.perf_counter() - started, (load, os.getloadavg()[0]), speed)
    print(report)
    RESULTS.write_text(report, encoding="utf-8")
    print(f"Written to {RESULTS.relative_to(sites.ROOT)}")


def step(text: str) -> None:
    print(f"… {text}", flush=True)


# -- 1. what a phone downloads ---------------------------------------------------------------------

def phone_bytes(tmp: Path, heavy: Path) -> list[tuple[str, str, str]]:
    step("news page with the phone photo: build")
    site = sites.copy_site(tmp / "phone")
    shutil.rmtree(site / "content")
    photos.photo_content(site / "content", FIXTURE_CONTENT)
    (site / "content" / "media" / "photos" / "phone.jpg").write_bytes(heavy.read_bytes())
    timing.build(site, tmp / "phone-out")
    server = firstload._serve(tmp / "phone-out")
    rows = []
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/news/photos/"
        for scale in SCALES:
            step(f"news page on a 390-pixel phone at {scale}×")
            on_load, scrolled = _image_bytes(url, scale)
            rows.append((f"image bytes on a 390 px phone at {scale}×, page loaded", f"{on_load / 1e3:.0f} KB",
                         "≤ 200 KB"))
            rows.append((f"image bytes on a 390 px phone at {scale}×, scrolled to the end (gallery)",
                         f"{scrolled / 1e3:.0f} KB", ""))
    finally:
        server.shutdown()
        server.server_close()
    return rows


def _image_bytes(url: str, scale: float) -> tuple[int, int]:
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=firstload.CHROMIUM, headless=True, args=firstload.ARGS)
        try:
            page = browser.new_context(viewport=PHONE, device_scale_factor=scale).new_page()
            responses = []
            page.on("response", lambda r: r.request.resource_type == "image" and responses.append(r))
            page.goto(url, wait_until="networkidle", timeout=firstload.TIMEOUT_MS)
            on_load = sum(len(r.body()) for r in responses)
            page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
            page.wait_for_timeout(500)
            page.wait_for_load_state("networkidle", timeout=firstload.TIMEOUT_MS)
            return on_load, sum(len(r.body()) for r in responses)
        finally:
            browser.close()


# -- 2. fifty photos: build and rebuild --------------------------------------------------------------

def fifty_photos(tmp: Path, heavy: Path) -> list[tuple[str, str, str]]:
    step(f"real content + {ITEMS * PER_ITEM} distinct phone photos")
    site = sites.copy_site(tmp / "fifty")
    bare = sites.copy_site(tmp / "fifty-without-photos")
    media = site / "content" / "media" / "phone"
    media.mkdir(parents=True)
    for n in range(ITEMS * PER_ITEM):  # other bytes each (another cache key), the same pixels
        photos.with_comment(heavy, media / f"photo-{n:02d}.jpg", f"photo {n}")
    for lang in ("ro", "en"):
        for project, with_photos in ((site, True), (bare, False)):
            for item_id, text in _items(lang, with_photos).items():
                (project / "content" / lang / "news" / f"{item_id}.yml").write_text(text, encoding="utf-8")
    rows = []
    step("first build: every photo encoded")
    cold, cold_cpu, log = _build(site, tmp / "fifty-out")
    rows.append((f"first build, {ITEMS * PER_ITEM} photos to encode (as in a fresh checkout)",
                 f"{cold:.1f} s ({cold_cpu:.1f} s CPU; {_photo_log(log)})", "reported"))
    step("rebuilds after a text edit, with and without the photos in turn")
    timing.build(bare, tmp / "bare-out")
    runs: dict[bool, list[tuple[float, float]]] = {True: [], False: []}
    logs = []
    for n in range(REBUILDS):  # alternated, so that other work on the machine slows both alike
        _edit_title(site, n)
        wall, cpu, log = _build(site, tmp / "fifty-out")
        runs[True].append((wall, cpu))
        logs.append(_photo_log(log))
        _edit_title(bare, n)
        runs[False].append(timing.build(bare, tmp / "bare-out"))
    median = {key: (statistics.median(w for w, _ in r), statistics.median(c for _, c in r)) for key, r in runs.items()}
    rows.append((f"`mkdocs build` after a text edit, {ITEMS * PER_ITEM} photos cached (median of {REBUILDS})",
                 f"{median[True][0]:.2f} s ({median[True][1]:.2f} s CPU; {logs[-1]})", "≤ 2 s"))
    rows.append(("`mkdocs build` after a text edit, the same content without its photos (median)",
                 f"{median[False][0]:.2f} s ({median[False][1]:.2f} s CPU)", ""))
    rows.append(("what the photos add to a rebuild", f"{median[True][0] / median[False][0]:.2f} × wall, "
                 f"{median[True][1] / median[False][1]:.2f} × CPU", ""))
    step("mkdocs serve: edit to page, with and without the photos")
    rows.append((f"`mkdocs serve` shows a text edit, {ITEMS * PER_ITEM} photos (median of 3)",
                 f"{timing.serve_latency(site):.2f} s", "≤ 2 s"))
    rows.append(("`mkdocs serve` shows a text edit, the same content without its photos",
                 f"{timing.serve_latency(bare):.2f} s", ""))
    step("content check")
    rows.append((f"content check with {ITEMS * PER_ITEM} photos (in one process, median of 5)",
                 f"{timing.check(site):.3f} s", ""))
    return rows


def _items(lang: str, with_photos: bool) -> dict[str, str]:
    """The news items with photos: id (its file's name) -> the file's text."""
    items = {}
    for i in range(ITEMS):
        first = i * PER_ITEM
        text = (f"title: {'Știre cu fotografii' if lang == 'ro' else 'News with photos'} {i}\n"
                f"date: {dt.date(2024, 1, 1) + dt.timedelta(days=i)}\n"
                f"summary: {'Rezumat.' if lang == 'ro' else 'Summary.'}\n")
        if with_photos:
            alt = "Fotografia" if lang == "ro" else "The photo"
            text += f"image: media/phone/photo-{first:02d}.jpg\nimage_alt: {alt} {first}\ngallery:\n"
            text += "".join(f"  - image: media/phone/photo-{n:02d}.jpg\n    alt: Photo {n}\n"
                            for n in range(first + 1, first + PER_ITEM))
        items[f"photo-news-{i:02d}"] = text
    return items


def _build(site: Path, out: Path) -> tuple[float, float, str]:
    """Wall and CPU seconds of one `mkdocs build`, and its log (timing.build discards it)."""
    start, cpu_start = time.perf_counter(), timing._children_cpu()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(out)], cwd=site, env=timing.ENV,
                            capture_output=True, text=True, timeout=3600)
    wall, cpu = time.perf_counter() - start, timing._children_cpu() - cpu_start
    if result.returncode:
        raise RuntimeError(f"mkdocs build failed in {site}:\n{result.stderr[-3000:]}")
    return wall, cpu, result.stderr


def _photo_log(log: str) -> str:
    found = PHOTO_LOG.search(log)
    return f"{found[2]} encoded, {found[3]} from the cache" if found else "no photo line in the log"


def _edit_title(site: Path, n: int) -> None:
    """A text edit, as the officer makes one: the title of one news item, in its own file."""
    path = site / "content" / "ro" / "news" / "photo-news-00.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^(title: )(.*)$", rf"\g<1>Edit {n} \g<2>", text, count=1, flags=re.M),
                    encoding="utf-8")


# -- report ---------------------------------------------------------------------------------------------

def render(rows: list[tuple[str, str, str]], seconds: float, load: tuple[float, float], speed: float) -> str:
    table = "\n".join(f"| {what} | {measured} | {target} |" for what, measured, target in rows)
    return ("# Photos: benchmark results\n\n"
            "Run: `python benchmarks/images.py` (see its docstring). The command prints this and rewrites this "
            "file: do not edit it by hand.\n\n"
            f"- {dt.datetime.now().isoformat(timespec='minutes')}, whole run {seconds:.0f} s, load average "
            f"{load[0]:.1f} before and {load[1]:.1f} after, {os.cpu_count()} cores, speed {speed:.2f} s "
            "(benchmarks/timing.py: lower is faster; compare absolute times only between runs of like speed)\n\n"
            "| What | Measured | Target |\n|---|---|---|\n" + table + "\n")


if __name__ == "__main__":
    main()
