"""Markdown for the long fields, with raw HTML shown as typed.

Python-Markdown passes raw HTML through by default; removing its two HTML handlers makes a pasted
`<script>` or `a < b` appear as text, so content can never run code or break a page.
"""
from __future__ import annotations

import re

import markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

SAFE_URL = re.compile(r"^(https?:|mailto:|tel:|#|/|\.|[^:]*$)", re.IGNORECASE)


class _SafeLinks(Treeprocessor):
    """Drops link and image targets with a scheme other than http(s), mailto and tel."""

    def run(self, root):
        for element in root.iter():
            for attr in ("href", "src"):
                value = element.get(attr)
                if value is not None and not SAFE_URL.match(value.strip()):
                    del element.attrib[attr]


def _renderer() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.treeprocessors.register(_SafeLinks(md), "safe_links", 0)
    return md


_MD = _renderer()


def to_html(text: str | None, shift_headings: int = 1) -> Markup:
    """Render Markdown; headings move down a level because the page title is the only h1."""
    if not text:
        return Markup("")
    _MD.reset()
    html = _MD.convert(text)
    for level in range(6 - shift_headings, 0, -1):
        html = html.replace(f"<h{level}", f"<h{level + shift_headings}").replace(
            f"</h{level}>", f"</h{level + shift_headings}>")
    return Markup(html)
