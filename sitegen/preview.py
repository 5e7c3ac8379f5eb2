"""`python -m sitegen preview` (what `python3 dev.py serve` runs): the site at
http://127.0.0.1:8000/, reloaded after each saved edit. A port already in use, say by a preview
left open in another window, is said in the editor's language, and the next free port is used.
"""
from __future__ import annotations

import errno
import os
import socket
import subprocess
import sys
from pathlib import Path

from . import messages

HOST = "127.0.0.1"
FIRST_PORT = 8000
TRIES = 50


def free_port(first: int = FIRST_PORT) -> int | None:
    """The first port from `first` on that nothing listens on, or None."""
    for port in range(first, first + TRIES):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind((HOST, port))
            except OSError as exc:
                if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                    continue
                raise
            return port
    return None


def run(root: Path, first: int = FIRST_PORT, extra: list[str] | None = None) -> int:
    port = free_port(first)
    if port is None:
        print(messages.get("cli", "no_free_port", first=first, last=first + TRIES - 1), file=sys.stderr)
        return 1
    if port != first:
        print(messages.get("cli", "port_busy", port=first, free=port), file=sys.stderr)
    print(messages.get("cli", "preview_at", url=f"http://{HOST}:{port}/"), file=sys.stderr, flush=True)
    command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"{HOST}:{port}", *(extra or [])]
    try:
        return subprocess.run(command, cwd=root, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}).returncode
    except KeyboardInterrupt:  # Ctrl+C ends the preview: nothing went wrong
        return 0
