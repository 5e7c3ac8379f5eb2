"""What a first-time visitor's browser fetches for the home page, byte by byte.

The built site is served locally and loaded in Debian's Chromium (never a downloaded browser); every
response is recorded until the network has been quiet, so later fetches such as the search index count.
"""
from __future__ import annotations

import functools
import gzip
import http.server
import threading
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError, sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
SETTLE_MS = 1500  # after network idle: the search worker starts its fetch a moment after load
TIMEOUT_MS = 60_000
# Types GitHub Pages sends gzipped (besides text/*); images such as PNG go as they are.
COMPRESSED = ("javascript", "json", "xml", "svg")


@dataclass
class Fetched:
    path: str
    status: int
    raw: int
    gzip: int  # bytes sent as GitHub Pages serves it: text types gzip (level 6), images as they are


def home_page(site_dir: Path) -> list[Fetched]:
    server = _serve(site_dir)
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        return _load(base + "/", base)
    finally:
        server.shutdown()
        server.server_close()


def _serve(site_dir: Path) -> http.server.ThreadingHTTPServer:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _load(url: str, base: str) -> list[Fetched]:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            page = browser.new_page()
            responses = []
            page.on("response", lambda response: responses.append(response))
            page.goto(url, wait_until="networkidle", timeout=TIMEOUT_MS)
            page.wait_for_timeout(SETTLE_MS)
            page.wait_for_load_state("networkidle", timeout=TIMEOUT_MS)
            return [_measure(r, base) for r in responses]
        finally:
            browser.close()


def _measure(response, base: str) -> Fetched:
    try:
        body = response.body()
    except PlaywrightError:  # a redirect or aborted response has no body to count
        body = b""
    kind = response.headers.get("content-type", "")
    compressed = kind.startswith("text/") or any(word in kind for word in COMPRESSED)
    return Fetched(response.url.removeprefix(base), response.status, len(body),
                   len(gzip.compress(body, compresslevel=6, mtime=0)) if body and compressed else len(body))
