"""The official visuals next to the EU emblem: files the communications officer drops into
docs/assets/logos/ and lists in its logos.yml, with a text alternative per language.

Interreg Europe supplies each project's visual (programme logo with the project name); the site
never draws a substitute. A listed file that is missing, or one without alternative text in a
language, stops the build.
"""
from __future__ import annotations

from pathlib import Path

from . import yamlfile
from .problems import Problem, problem

FOLDER = Path("docs") / "assets" / "logos"
MANIFEST = FOLDER / "logos.yml"


def load(root: Path, languages: list[str]) -> tuple[list[dict], list[Problem]]:
    """The listed logos ({"file", "alt": {lang: text}}) and the problems found in the list."""
    path = root / MANIFEST
    if not path.is_file():
        return [], []
    doc, problems = yamlfile.load(path)
    if problems or doc is None:
        return [], problems
    entries = (doc.data or {}).get("logos") or [] if isinstance(doc.data, dict) else []
    logos = []
    for index, entry in enumerate(entries):
        name = str(entry.get("file", "")) if isinstance(entry, dict) else ""
        line = doc.line(("logos", index))
        if not name or not (root / FOLDER / name).is_file():
            problems.append(problem(MANIFEST.as_posix(), line, "logo_file_missing", field="file",
                                    path=f"{FOLDER.as_posix()}/{name}"))
            continue
        alt = entry.get("alt") if isinstance(entry.get("alt"), dict) else {}
        for lang in languages:
            if not str(alt.get(lang) or "").strip():
                problems.append(problem(MANIFEST.as_posix(), line, "logo_no_alt", field="alt", lang=lang))
        logos.append({"file": name, "alt": {lang: str(alt.get(lang) or "").strip() for lang in languages}})
    return logos, problems


def for_language(logos: list[dict], lang: str) -> list[dict]:
    """What the footer template needs: file and alternative text in `lang`."""
    return [{"file": logo["file"], "alt": logo["alt"][lang]} for logo in logos]
