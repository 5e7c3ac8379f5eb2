"""What visitors need of our own files, without what only maintainers read: the indentation of the
theme's HTML (a fifth of every page's bytes), the comments and layout of our style sheet and scripts.

In the HTML, whitespace between words stays (a line break still separates them); elements where whitespace is
content (pre, textarea) or code (script, style) are left exactly as they are.
"""
from __future__ import annotations

import re

_VERBATIM = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_INDENT = re.compile(r"\n\s+")


def strip_indentation(html: str) -> str:
    parts, last = [], 0
    for match in _VERBATIM.finditer(html):
        parts += [_INDENT.sub("\n", html[last:match.start()]), match.group()]
        last = match.end()
    parts.append(_INDENT.sub("\n", html[last:]))
    return "".join(parts)


# A comment or a quoted text, whichever starts first: an apostrophe in a comment starts no text.
_CSS_TOKEN = re.compile(r"/\*.*?\*/|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'", re.DOTALL)
_CSS_SPACE = re.compile(r"\s*([{};,>])\s*")


def style_sheet(css: str) -> str:
    """The site's own style sheet without its comments and layout: the source keeps the reason next
    to each rule; visitors need only the rules. Text in quotes is kept exactly."""
    parts, last = [], 0
    for match in _CSS_TOKEN.finditer(css):
        parts.append(_squeeze(css[last:match.start()]))
        parts.append("" if match.group().startswith("/*") else match.group())
        last = match.end()
    parts.append(_squeeze(css[last:]))
    return "".join(parts).strip() + "\n"


def _squeeze(css: str) -> str:
    return re.sub(r"\s+", " ", _CSS_SPACE.sub(r"\1", css)).replace(";}", "}")


_JS_BLOCK_COMMENT = re.compile(r"^[ \t]*/\*.*?\*/[ \t]*\n", re.MULTILINE | re.DOTALL)
_JS_TRAILING_COMMENT = re.compile(r"^(.*?[;{},)\]])[ \t]{2,}//.*$")


def script(js: str) -> str:
    """The site's own script without its comments and indentation. Only what cannot be code is
    taken out: comment blocks and comment lines of their own, and a comment two spaces after the
    end of a statement on a line whose quotes are all closed; line breaks stay where they were."""
    lines = []
    for line in _JS_BLOCK_COMMENT.sub("", js).split("\n"):
        line = line.strip()
        if not line or line.startswith("//"):
            continue
        trailing = _JS_TRAILING_COMMENT.match(line)
        if trailing and all(trailing.group(1).count(q) % 2 == 0 for q in "'\"`"):
            line = trailing.group(1)
        lines.append(line)
    return "\n".join(lines) + "\n"
