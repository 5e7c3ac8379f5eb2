"""The site's identity: its name, its colours and the organisation's visual, in content/identity.yml.

Another partner re-skins the site by editing that one file: the style sheet and the templates read
the colours as CSS custom properties (templates/_identity.html), never as values of their own.
Each colour is checked against the colours it is shown with, so that text keeps the contrast
WCAG 2.1 AA asks for (4.5:1); a colour that falls short is reported like any other content problem.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import schema, yamlfile
from .problems import ERROR, WARNING, LanguageName, Number, Problem, Term, problem

FILE = "content/identity.yml"
MIN_CONTRAST = 4.5  # WCAG 2.1 AA, 1.4.3: text of normal size
WHITE = "#ffffff"
TEXT = "#212121"  # the theme's body text: black at 87 % opacity, as seen on a light background
# (colour, background): every pair in which one is text or an icon on the other.
PAIRS = (
    ("on_primary", "primary"),  # the header, the tabs and filled buttons
    ("primary", WHITE),  # links, figures and outlined buttons on the page
    ("primary", "surface"),  # links and figures in the home page's opening and the cards
    ("accent", WHITE),  # links under the pointer, the timeline's "today"
    ("accent", "surface"),
    (TEXT, "surface"),  # running text in the opening and the cards
)
NAMES = {WHITE: "white", TEXT: "text"}  # how the messages name the fixed colours
COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


@dataclass
class Identity:
    site_name: str
    palette: dict[str, str]
    visual: str | None = None  # a file under content/, e.g. media/identity/logo.png
    visual_alt: dict[str, str] = field(default_factory=dict)  # language -> text alternative

    def favicon(self) -> str:
        """The browser tab's icon: a square in the site's main colour, as a data address, so that
        no visitor's browser makes a request for it (and no logo of the project is drawn)."""
        colour = self.palette.get("primary", "#000000").replace("#", "%23")
        # Spaces written %20: a URL may not contain one (the HTML validator refuses the address).
        return ("data:image/svg+xml,%3Csvg%20xmlns='http://www.w3.org/2000/svg'%20viewBox='0%200%2016%2016'%3E"
                f"%3Crect%20width='16'%20height='16'%20rx='3'%20fill='{colour}'/%3E%3C/svg%3E")

    def alt(self, lang: str) -> tuple[str, str]:
        """The visual's text alternative in `lang`, or in the first language that has one (a
        language added later may lack it: the build warns), with the language it is in."""
        if self.visual_alt.get(lang):
            return self.visual_alt[lang], lang
        return next(((text, code) for code, text in self.visual_alt.items() if text), ("", lang))


def load(root: Path, languages: list[str]) -> tuple[Identity | None, list[Problem]]:
    path = root / FILE
    if not path.is_file():
        return None, [problem(FILE, None, "file_missing")]
    doc, problems = yamlfile.load(path, FILE)
    if doc is None:
        return None, problems
    # What the loader noted (`primary: #004494` reads as empty: # starts a YAML comment) explains
    # what the schema then refuses: one message per problem.
    noted = doc.problems(FILE)
    data, empty = schema.without_empty(doc.data if doc.data is not None else {})
    found, bad = schema.check(schema.load(root / "schemas")["identity"], data, shown=FILE, doc=doc, kind=None,
                              empty=empty)
    causes = {(p.line, p.field) for p in noted}
    problems += noted + [p for p in found if (p.line, p.field) not in causes]
    palette = data.get("palette") if isinstance(data, dict) and isinstance(data.get("palette"), dict) else {}
    problems += _contrast({k: v for k, v in palette.items() if isinstance(v, str) and COLOUR.fullmatch(v)}, doc)
    if bad:
        return None, problems
    identity = Identity(data["site_name"], data["palette"], data.get("visual"), data.get("visual_alt") or {})
    if identity.visual:
        if not (root / "content" / identity.visual).is_file():
            problems.append(problem(FILE, doc.line(("visual",)), "file_not_found", field="visual",
                                    path=f"content/{identity.visual}"))
        if not any(identity.visual_alt.get(lang) for lang in languages):
            problems.append(problem(FILE, doc.line(("visual",)), "logo_no_alt", field="visual_alt",
                                    lang=languages[0]))
        else:  # like a missing translation: shown in another language until it is written
            problems += [problem(FILE, doc.line(("visual",)), "visual_alt_missing", field="visual_alt",
                                 severity=WARNING, language=LanguageName(lang))
                         for lang in languages if not identity.visual_alt.get(lang)]
    return (None if any(p.severity == ERROR for p in problems) else identity), problems


def _contrast(palette: dict[str, str], doc) -> list[Problem]:
    """Every pair of PAIRS whose two colours are known; a missing or malformed one is reported
    by the schema."""
    colours = {**palette, WHITE: WHITE, TEXT: TEXT}
    found = []
    for fg, bg in PAIRS:
        if fg not in colours or bg not in colours:
            continue
        ratio = contrast(colours[fg], colours[bg])
        if ratio < MIN_CONTRAST:
            name, other = (fg, bg) if fg in palette else (bg, fg)
            found.append(problem(FILE, doc.line(("palette", name)), "low_contrast", field=f"palette.{name}",
                                 colour=colours[fg], background=colours[bg],
                                 ratio=Number(math.floor(ratio * 100) / 100), other=Term("colours", NAMES.get(other, other))))
    return found


def contrast(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio of two #rrggbb colours, from 1 to 21."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b
