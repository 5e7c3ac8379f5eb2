#!/usr/bin/env python3
"""The project's two everyday commands, on any machine with Python 3.11:

    python3 dev.py serve   set up, then preview the site at http://127.0.0.1:8000/ (or the next
                           free port; `--port N` starts from another)
    python3 dev.py test    set up, then run every test

Also: `build` (the site into site/, as published), `check` (the content only, in seconds),
`new <type> "<title>"` (an item added to the content in every language),
`migrate` (content kept as one list file per kind moved to one file per item, once) and
`lighthouse` (the site's Lighthouse scores; see benchmarks/lighthouse.py) and
`screenshots` (the guide's pictures of the web editor, guide/images/; see guide/screenshots.py) and
`lock` (requirements*.txt written again from requirements*.in, after a dependency was added or
upgraded there).
Setting up means a virtual environment in .venv with the exact versions of requirements*.txt,
each file checked against its hashes, installed again only when those files change. Standard
library only: it runs before anything is installed.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
FONTS = "/usr/share/fonts/truetype/liberation"
UV = "uv==0.13.8"  # writes the hashed requirements files (`lock`); never needed to build or test


def setup(requirements: str) -> None:
    """Create .venv and install `requirements` unless the same file was installed already."""
    stamp = VENV / f".installed-{requirements}"
    wanted = "".join(hashlib.sha256((ROOT / name).read_bytes()).hexdigest()
                     for name in ("requirements.txt", requirements))
    if stamp.exists() and stamp.read_text() == wanted:
        return
    if not PYTHON.exists():
        print("Setting up .venv …", flush=True)
        venv.create(VENV, with_pip=True)
    run([PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--require-hashes",
         "-r", ROOT / requirements])
    stamp.write_text(wanted)


def lock() -> None:
    """requirements.txt and requirements-test.txt from their .in files: every package the build and
    the tests need, at one version, with the hashes of all its published files (any platform)."""
    if not PYTHON.exists():
        venv.create(VENV, with_pip=True)
    run([PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", UV])
    for source in ("requirements.in", "requirements-test.in"):  # the tests' file is held to the build's
        run([BIN / "uv", "pip", "compile", "--quiet", "--universal", "--generate-hashes", "--python-version", "3.11",
             "--custom-compile-command", "python3 dev.py lock", source, "-o", source.replace(".in", ".txt")])


def ensure_system_tools() -> None:
    """What the tests need from the system: Debian's Chromium (browser tests), a Java runtime (the
    Nu HTML Checker), Liberation fonts (share images) and Node's npm (the checkers' packages).
    Installed where we may (root on Debian/Ubuntu); otherwise the missing ones are named."""
    wanted = {"chromium": Path(CHROMIUM).exists(),
              "default-jre-headless": shutil.which("java") is not None,
              "fonts-liberation": Path(FONTS).is_dir(),
              "npm": shutil.which("npm") is not None}
    missing = [package for package, present in wanted.items() if not present]
    if not missing:
        return
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        run(["apt-get", "update", "-qq"], env=env)
        run(["apt-get", "install", "-y", "-qq", *missing], env=env)
        return
    sys.exit(f"The tests need: {', '.join(missing)}.\n"
             f"On Debian or Ubuntu: sudo apt-get install {' '.join(missing)}\n"
             "Elsewhere: set CHROMIUM_PATH to a Chromium or Chrome executable, and install a Java "
             "runtime and Node.js.")


def setup_npm() -> None:
    """The Nu HTML Checker and Lighthouse at package-lock.json's versions, installed again only when
    package.json or package-lock.json changes."""
    stamp = ROOT / "node_modules" / ".installed-package-lock"
    wanted = "".join(hashlib.sha256((ROOT / name).read_bytes()).hexdigest()
                     for name in ("package.json", "package-lock.json"))
    if stamp.exists() and stamp.read_text() == wanted:
        return
    # --ignore-scripts: vnu-jar's install script would download a Java runtime; we use the system's.
    run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"])
    stamp.write_text(wanted)


def _workers(args: list[str]) -> list[str]:
    """One pytest worker per core (pytest-xdist), unless the command line chooses: the fixture sites
    are built once and shared, the browser and the builds keep every core busy."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    if cores < 2 or any(a == "-n" or a.startswith(("-n", "--numprocesses", "-p")) for a in args):
        return []
    return ["-n", str(cores)]


def run(command, **kwargs) -> None:
    result = subprocess.run([str(part) for part in command], cwd=ROOT, **kwargs)
    if result.returncode:
        sys.exit(result.returncode)


def main(argv: list[str]) -> None:
    command = argv[0] if argv else "help"
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # the notice about MkDocs 2.0 is known
    if command == "serve":
        setup("requirements.txt")
        # On the next free port when 8000 is taken, said in the officer's language (sitegen/preview.py).
        run([PYTHON, "-m", "sitegen", "preview", *argv[1:]])
    elif command == "build":
        setup("requirements.txt")
        run([PYTHON, "-m", "mkdocs", "build", "--strict", "-d", "site", *argv[1:]])
    elif command in ("check", "new", "migrate"):
        setup("requirements.txt")
        run([PYTHON, "-m", "sitegen", command, *argv[1:]])
    elif command == "test":
        setup("requirements-test.txt")
        ensure_system_tools()
        setup_npm()
        run([PYTHON, "-m", "pytest", *_workers(argv[1:]), *argv[1:]])
    elif command == "screenshots":
        setup("requirements-test.txt")
        ensure_system_tools()
        setup_npm()
        run([PYTHON, ROOT / "guide" / "screenshots.py", *argv[1:]])
    elif command == "lock":
        lock()
    elif command == "lighthouse":
        setup("requirements-test.txt")
        ensure_system_tools()
        setup_npm()
        run([PYTHON, ROOT / "benchmarks" / "lighthouse.py", *argv[1:]])
    else:
        print(__doc__)
        sys.exit(0 if command == "help" else 2)


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except KeyboardInterrupt:  # Ctrl+C: the officer stopped it, nothing went wrong
        sys.exit(130)
