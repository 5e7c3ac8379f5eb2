"""Characters a reader cannot see: pasted from word processors and web pages, they break ids, links
and indentation while the text looks right. Messages name them, since nobody can find them by eye.
"""
from __future__ import annotations

import unicodedata

# Bidirectional controls reorder what is displayed, so a text can show something other than what
# it holds ("Trojan Source"): never needed in this content.
BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Invisible in running text too, and never typed on purpose: zero-width space, word joiner, a
# byte-order mark inside the text, left-to-right and right-to-left marks.
STRAY = frozenset("\u200b\u2060\ufeff\u200e\u200f") | BIDI
# Characters YAML reads as the end of a line, where an editor shows none.
BREAKS = frozenset("\u2028\u2029\x85")


def is_unpublishable(char: str) -> bool:
    """A character the site cannot publish: one XML 1.0 forbids (controls other than tab and line
    ends, lone surrogates; the feed and the sitemap are XML), or a non-character (U+FFFE, U+FDD0…),
    which stands for nothing in any text."""
    point = ord(char)
    return ((point < 0x20 and char not in "\t\n\r") or 0xD800 <= point <= 0xDFFF or 0xFDD0 <= point <= 0xFDEF
            or (point & 0xFFFE) == 0xFFFE)


def find_unpublishable(text: str) -> tuple[int, str] | None:
    """Index and character of the first character the site cannot publish, or None."""
    # Every such character is one str.isprintable() refuses: one pass in C for nearly every text.
    if _without_tabs_and_breaks(text).isprintable():
        return None
    for index, char in enumerate(text):
        if is_unpublishable(char):
            return index, char
    return None


def is_invisible(char: str) -> bool:
    """A character that shows as nothing or as an ordinary space: format characters, spaces other
    than U+0020, line and paragraph separators, control characters other than tab and newline."""
    if char in " \t\n\r":
        return False
    category = unicodedata.category(char)
    return category in ("Cf", "Zs", "Zl", "Zp", "Cc")


def _without_tabs_and_breaks(text: str) -> str:
    # str.replace runs in C; str.translate with a table calls back into Python for every character.
    for char in "\t\n\r":
        if char in text:
            text = text.replace(char, "")
    return text


def find(text: str, chars=None) -> tuple[int, str] | None:
    """Index and character of the first invisible character (or of one of `chars`), or None."""
    # Nearly every text has none: one pass in C says so. Every character is_invisible() names, and
    # every one of this module's sets, is one that str.isprintable() refuses.
    if (chars is None or chars is STRAY or chars is BREAKS) and _without_tabs_and_breaks(text).isprintable():
        return None
    for index, char in enumerate(text):
        if (char in chars) if chars is not None else is_invisible(char):
            return index, char
    return None


def code(char: str) -> str:
    """U+200B ZERO WIDTH SPACE; a control or a non-character, which have no name, by what it is."""
    name = unicodedata.name(char, "") or _UNNAMED.get(unicodedata.category(char), "")
    return f"U+{ord(char):04X} {name}".strip()


_UNNAMED = {"Cc": "(control character)", "Cs": "(lone surrogate)", "Cn": "(non-character)"}


def visible(text: str) -> str:
    """The text with each invisible character written as ⟨U+200B⟩, for quoting in a message."""
    if not any(is_invisible(c) for c in text):
        return text
    return "".join(f"⟨U+{ord(c):04X}⟩" if is_invisible(c) else c for c in text)
