"""MkDocs glue: the theme's page frame (head, header, tabs, drawer, footer, scripts) rendered once per
kind of page instead of once per page.

Pages of one language, at the same depth under the same section, made from the same template, differ
in their frame only by a few values: the title, the description, the canonical address, the links
to the page in the other languages, the head tags the generator made (hooks/generate.py) and the
page's own HTML. The first page of each kind renders the frame with markers in place of those
values; every page, the first included, gets that frame with its own values put in, through the
same functions the theme's templates call (the `url` filter's `normalize_url`), and the theme
renders `overrides/ms_frame.html`, which only writes it out. Pages nobody generated (none today)
keep the theme's rendering. SITEGEN_FRAMES=off renders every frame in full: the tests build with
and without and compare the sites byte for byte.
"""
from __future__ import annotations

import os

from mkdocs.plugins import event_priority
from mkdocs.utils import normalize_url

# Values put in by marks no text can hold (U+0001), except the two the theme passes through its
# `url` filter, which must look like relative links to be treated as the real ones are.
TITLE, DESCRIPTION, CONTENT, HEAD = "\x01ms-title\x01", "\x01ms-description\x01", "\x01ms-content\x01", "\x01ms-head\x01"
CANONICAL = "https://ms-canonical.invalid/\x01/"
ALTERNATE = "ms-alternate-{}/"
_env = {}  # the theme's environment of the current build
_frames: dict[tuple, str] = {}  # kind of page -> its frame, with marks


def on_env(env, config, files):
    _env["env"] = env
    _frames.clear()  # a new build (or language): templates, navigation and configuration may differ
    return env


@event_priority(-200)  # after every plugin and hook has set the page's context (alternates, head tags)
def on_page_context(context, page, config, nav):
    if os.environ.get("SITEGEN_FRAMES") == "off" or "env" not in _env or not _generated(page):
        return context
    # As the theme's templates read it: the attribute first (the i18n plugin sets a new list there for
    # each page), then the key.
    extra = config.extra
    alternates = getattr(extra, "alternate", None) or (extra.get("alternate") if hasattr(extra, "get") else None) or []
    key = _kind(page, context, alternates, nav)
    if key not in _frames:
        _frames[key] = _render_marked(context, page, alternates)
    context["ms_frame"] = _fill(_frames[key], context, page, alternates)
    return context


def _generated(page) -> bool:
    """A page the generator wrote (its front matter says so): its HTML is whole, its meta known."""
    meta = page.meta or {}
    return (meta.get("search") or {}).get("exclude") is True and "title" in meta and "description" in meta \
        and "template" not in meta


def _kind(page, context, alternates, nav) -> tuple:
    """What makes two pages' frames the same but for the marked values. A page of the navigation
    (a section's index) is a kind of its own: the tabs mark it, the previous and next link to its
    neighbours."""
    if any(p is page for p in nav.pages):
        return (context.get("i18n_page_locale"), page.url, "in navigation")
    folder = page.url.rsplit("/", 2)[0] if page.url.count("/") > 1 else ""
    return (context.get("i18n_page_locale"), page.url.count("/"), folder, page.is_homepage, page.is_index,
            id(page.parent), "<h1" in (page.content or ""), tuple(sorted((page.meta or {}).keys())),
            repr((page.meta or {}).get("hide")), bool(context.get("page_head")),
            tuple((alt.get("lang"), alt.get("name")) for alt in alternates), page.previous_page is None,
            page.next_page is None)


def _render_marked(context, page, alternates) -> str:
    """The frame of this kind of page, the page's own values replaced by marks."""
    saved = (page.meta["title"], page.meta["description"], page.canonical_url, page.content,
             context.get("page_head"), [alt.get("link") for alt in alternates])
    # The theme writes the title as a heading when the page's HTML has none: the mark keeps that fact.
    page.meta["title"], page.meta["description"], page.canonical_url, page.content = (
        TITLE, DESCRIPTION, CANONICAL, _content_mark(saved[3]))
    context["page_head"] = HEAD if saved[4] else saved[4]
    for number, alt in enumerate(alternates):
        alt["link"] = ALTERNATE.format(number)
    try:
        return _env["env"].get_template("main.html").render(context)
    finally:
        page.meta["title"], page.meta["description"], page.canonical_url, page.content = saved[:4]
        context["page_head"] = saved[4]
        for alt, link in zip(alternates, saved[5]):
            alt["link"] = link


def _fill(frame: str, context, page, alternates) -> str:
    base = context.get("base_url", "")
    for number, alt in enumerate(alternates):
        frame = frame.replace(normalize_url(ALTERNATE.format(number), page=page, base=base),
                              normalize_url(str(alt.get("link")), page=page, base=base))
    for mark, value in ((TITLE, page.meta["title"]), (DESCRIPTION, page.meta["description"]),
                        (CANONICAL, page.canonical_url or ""), (HEAD, context.get("page_head") or "")):
        frame = frame.replace(mark, str(value))
    # Last: the page's HTML is never searched for marks.
    return frame.replace(_content_mark(page.content), page.content or "")


def _content_mark(content: str | None) -> str:
    return CONTENT + ("<h1>" if "<h1" in (content or "") else "")
