#!/usr/bin/env python3
"""Lighthouse's four scores for the site's main page kinds, in both languages (a benchmark, not a test).

    python3 dev.py lighthouse            # or: .venv/bin/python benchmarks/lighthouse.py

Builds the real content and the
fixture content with phone photos made by tests/photos.py (a news item with a 6000 × 4000 photo and
a gallery), each for the address it is then served at on 127.0.0.1, with gzip as GitHub Pages serves it, and runs
Lighthouse 12 (node_modules, from package.json) in its default mobile profile in Debian's Chromium.
Prints Performance, Accessibility, Best Practices and SEO per page, then every audit short of full
marks in the last three. Target: 100 in all four.

Performance depends on how busy the machine is: each page is measured `--runs` times (3 by
default) and the median run is shown, as Lighthouse's own documentation advises.
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from conftest import FIXTURE_CONTENT, CHROMIUM, build, copy_project  # noqa: E402
from photos import photo_content  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
COMPRESSED = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt"}


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, text ones gzipped when the browser accepts it (as GitHub Pages does)."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (path.suffix not in COMPRESSED or "gzip" not in self.headers.get("Accept-Encoding", "")
                or not path.is_file() or not self.path.split("?")[0].endswith(("/", path.suffix))):
            return super().send_head()
        data = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        return io.BytesIO(data)


def serve_built(content: Path, workdir: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Build `content` for its own address on 127.0.0.1 and serve it there."""
    site = workdir / "site"
    site.mkdir(parents=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    result = build(copy_project(workdir / "project", content=content), site, site_url=url)
    if result.returncode:
        sys.exit(result.stderr)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, url


def first_item(site_url: str, site: Path, section: str) -> str:
    items = sorted(p.parent.name for p in (site / section).glob("*/index.html"))
    return f"{section}/{items[0]}/" if items else f"{section}/"


def lighthouse(url: str) -> dict:
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    result = subprocess.run(
        [str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
         f"--only-categories={','.join(CATEGORIES)}",
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run "
         "--disable-background-networking --disable-component-update --disable-sync"],
        capture_output=True, text=True, env=env, timeout=300)
    if result.returncode:
        raise RuntimeError(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="runs per page; the median is shown (default 3)")
    runs = parser.parse_args().runs
    if not LIGHTHOUSE.exists():
        sys.exit(f"{LIGHTHOUSE} is missing: run `npm ci` (python3 dev.py lighthouse does it)")
    with tempfile.TemporaryDirectory() as tmp:
        real_server, real = serve_built(ROOT / "content", Path(tmp) / "real")
        photo_server, photos = serve_built(photo_content(Path(tmp) / "photo-content", FIXTURE_CONTENT),
                                           Path(tmp) / "photos")
        news = first_item(real, Path(tmp) / "real" / "site", "news")
        practice = first_item(real, Path(tmp) / "real" / "site", "good-practices")
        pages = [real + p for prefix in ("", "en/")
                 for p in (prefix, prefix + "partners/", prefix + "region/", prefix + news, prefix + practice)]
        pages += [photos + prefix + "news/photos/" for prefix in ("", "en/")]
        print(f"{'page':58} {'perf':>5} {'a11y':>5} {'bp':>5} {'seo':>5}", flush=True)
        shortfalls = set()
        for url in pages:
            reports = sorted((lighthouse(url) for _ in range(runs)),
                             key=lambda r: r["categories"]["performance"]["score"] or 0)
            report = reports[len(reports) // 2]  # the median run by performance
            scores = [round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES]
            label = url.replace(real, "real: /").replace(photos, "photos: /")
            spread = sorted(round(100 * (r["categories"]["performance"]["score"] or 0)) for r in reports)
            print(f"{label:58} " + " ".join(f"{s:>5}" for s in scores)
                  + (f"   (performance runs: {', '.join(map(str, spread))})" if runs > 1 else ""), flush=True)
            for category in CATEGORIES[1:]:
                for ref in report["categories"][category]["auditRefs"]:
                    audit = report["audits"][ref["id"]]
                    if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                        shortfalls.add(f"{category}: {ref['id']} ({audit['title']}) on {label}")
        real_server.shutdown()
        photo_server.shutdown()
    print("\n".join(["", "Audits short of full marks:", *sorted(shortfalls)] if shortfalls else ["", "No audit short of full marks."]))


if __name__ == "__main__":
    main()
