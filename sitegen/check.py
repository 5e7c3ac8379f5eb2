"""Checks all content and interface strings without building anything (`python -m sitegen check`).

Imports nothing of the page generator (Jinja, Markdown), so that the check stays fast.
"""
from __future__ import annotations

from pathlib import Path

from . import content as content_module
from . import documents, facts, images
from . import identity as identity_module
from . import logos as logos_module
from . import strings as strings_module
from .languages import Language
from .problems import Problem, sort_key


def check(root: Path, languages: list[Language]) -> tuple[content_module.Content, list[Problem]]:
    content, _, problems = load(root, languages)
    return content, problems


def load(root: Path, languages: list[Language], decode_images: bool = True
         ) -> tuple[content_module.Content, strings_module.Strings, list[Problem]]:
    """Content and interface strings, each file read and parsed once, with every problem found.
    `decode_images`: read in full the photos never read before, to find damaged ones (the build
    reads them anyway while encoding, so it says False)."""
    content = content_module.load(root, languages)
    content.problems += images.check(content, decode=decode_images)
    codes = [lang.code for lang in languages]
    strings, problems = strings_module.load(root / "strings", codes, languages[0].code)
    if not any(p.code == "old_layout" for p in content.problems):
        problems += facts.check(content, strings)  # needs the strings' role labels and country names
    problems += logos_module.load(root, codes)[1]
    identity, said = identity_module.load(root, codes)
    problems += said
    if not any(p.code == "old_layout" for p in content.problems):
        used = documents.uses(content)
        problems += documents.check(root, used)
        shown = {ref.path for ref in images.references(content)} | {use.path for use in used}
        problems += documents.unused(root, shown | ({identity.visual} if identity and identity.visual else set()))
    return content, strings, sorted(content.problems + problems, key=sort_key)
