"""Markdown for the long fields, with raw HTML shown as typed.

Python-Markdown passes raw HTML through by default; removing its two HTML handlers makes a pasted
`<script>` or `a < b` appear as text, so content can never run code or break a page.

Most long fields are plain paragraphs: a text with no Markdown syntax at all takes a short path
that writes exactly what Python-Markdown would (tests/test_properties.py compares the two on
generated texts), at a fraction of its cost per field.
"""
from __future__ import annotations

import re

import markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from . import urls

# Plain prose: each line starts with a letter (no list, heading, quote or code block), ends with a
# non-space (no hard line break) and holds no character that Markdown or HTML treats specially.
_PLAIN_LINE = re.compile(r"(?![\d_])\w[^\\`*_\[\]<>&#\x00-\x1f\x7f]*(?<! )")
_BLANK = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)*")  # whole blank lines: the next line keeps its indentation
_HEADING = re.compile(r"<h([1-6])\b")
_HEADING_TAG = re.compile(r"<(/?)h([1-6])\b")


class _SafeLinks(Treeprocessor):
    """Drops a link whose address, as the browser reads it, has a scheme other than http(s),
    mailto and tel, and shows an image written into the text as its description: photos go in
    `image` and `gallery` fields, where they are resized and stripped of their metadata. The
    check reports both before a build (sitegen/content.py); this is the last line of defence.
    A link to the site itself is written for the page it is on (`resolve`, sitegen/links.py)."""

    resolve = None  # address -> address as the page writes it; set for each text rendered

    def run(self, root):
        for element in root.iter():
            href = element.get("href")
            if href is not None and not urls.is_safe_link(href):
                del element.attrib["href"]
            elif href is not None and self.resolve:
                element.set("href", self.resolve(href))
            if element.tag == "img":
                alt = element.get("alt", "")
                element.attrib.clear()
                element.tag, element.text = "span", alt


def _renderer() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.treeprocessors.register(_SafeLinks(md), "safe_links", 0)
    return md





_MD = _renderer()
_LINKS = _MD.treeprocessors["safe_links"]


def to_html(text: str | None, shift_headings: int = 1, link=None) -> Markup:
    """Render Markdown with its highest heading at level 1 + `shift_headings` (h2 by default, as the
    page title is the only h1), whatever level the editor started at: headings never skip a level
    because of where a text is shown. `link(address)` writes a link's address for the page."""
    if not text:
        return Markup("")
    paragraphs = _BLANK.split(text.strip("\n"))
    if all(_PLAIN_LINE.fullmatch(line) for paragraph in paragraphs for line in paragraph.split("\n")):
        return Markup("\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs))
    return _markdown(text, shift_headings, link)


def _markdown(text: str, shift_headings: int, link=None) -> Markup:
    _MD.reset()
    _LINKS.resolve = link
    html = _MD.convert(text)
    levels = [int(level) for level in _HEADING.findall(html)]
    if levels:
        offset = 1 + shift_headings - min(levels)
        html = _HEADING_TAG.sub(lambda m: f"<{m[1]}h{max(1, min(6, int(m[2]) + offset))}", html)
    return Markup(html)
