"""What every page carries beyond its content: head tags for search engines and sharing, share
images, the skip link and the 404 text, per language (see sitegen/seo.py, shareimage.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from . import seo, shareimage
from .content import Content
from .strings import Strings

SHARE_FOLDER = "share"  # docs/share/<lang>/<section>.png, generated, never committed
SKIP_TARGET = "ms-content"  # id of the element the skip link leads to (overrides/main.html)


@dataclass
class Extras:
    heads: dict[str, str] = field(default_factory=dict)  # page URL with language prefix -> head HTML
    chrome: dict[str, dict[str, str]] = field(default_factory=dict)  # language -> name -> HTML
    written: int = 0
    notes: list[str] = field(default_factory=list)


def build(content: Content, strings: Strings, pages: list, root: Path, docs: Path,
          site_url: str, base_path: str, site_name: str, photos=None) -> Extras:
    """Head tags of `pages` (sitegen.pages.Page), their share images and the per-language chrome.
    `photos` (sitegen.images.Photos) gives an item with a photo a share image of its own."""
    extras = Extras()
    images = _share_images(content, strings, pages, docs, extras, photos)
    head = seo.Head(content, strings, root / "templates", site_url, site_name)
    prefixes = {lang.code: lang.prefix for lang in content.languages}
    for page in pages:
        image = images.get((page.lang, page.url)) or images.get((page.lang, seo.section_key(seo.section_of(page.url))))
        extras.heads[prefixes[page.lang] + page.url] = head.render(
            page.lang, page.url, page.title, page.description, image)
    extras.chrome = _chrome(content, strings, root / "templates", base_path)
    return extras


def _share_images(content: Content, strings: Strings, pages: list, docs: Path,
                  extras: Extras, photos=None) -> dict[tuple[str, str], seo.ShareImage]:
    """Share images by (language, section key) and, for items with a photo, by (language, page URL)."""
    fonts = shareimage.find_fonts()
    if fonts is None:
        extras.notes.append("No font for the share images (install fonts-liberation): pages are shared "
                            "without a picture.")
        return {}
    cards, images = {}, {}
    for lang, key in sorted({(p.lang, seo.section_key(seo.section_of(p.url))) for p in pages}):
        card = _card(content, strings, lang, key)
        rel = f"{lang}/{key}.png"
        cards[rel] = card
        words = " – ".join(part for part in (card.title, card.project) if part)
        images[(lang, key)] = seo.ShareImage(f"{SHARE_FOLDER}/{rel}", shareimage.WIDTH, shareimage.HEIGHT,
                                             f"{words}. {card.statement}")
    for page in pages if photos else []:
        if page.photo is None:
            continue
        path, alt = page.photo
        file, variant = photos.largest_file(path)
        if not shareimage.fits_photo(variant.width, variant.height):
            continue  # too small to fill the card: the section's card is shared instead
        card = shareimage.Card(title="", project="", byline="", statement=strings.get(page.lang, "funded_by"),
                               photo=file, photo_key=variant.key)
        rel = f"{page.lang}/{page.url.rstrip('/')}-{shareimage.photo_name(card, fonts)}"
        cards[rel] = card
        images[(page.lang, page.url)] = seo.ShareImage(f"{SHARE_FOLDER}/{rel}", shareimage.WIDTH, shareimage.HEIGHT,
                                                       f"{alt}. {card.statement}", "image/jpeg")
    extras.written += shareimage.sync(docs / SHARE_FOLDER, cards, fonts)
    return images


def _card(content: Content, strings: Strings, lang: str, key: str) -> shareimage.Card:
    project = content.data[lang]["project"]
    sections = content.data[lang]["sections"]
    # The home card carries the project's full title once; a section's card its own title above it.
    if key == "home":
        return shareimage.Card(title=project["title"], project="",
                               byline=f"{project['programme']} · {project['organisation']['name']}",
                               statement=strings.get(lang, "funded_by"))
    title = sections.get(key, {}).get("title", project["name"])
    return shareimage.Card(title=title, project=project["title"],
                           byline=f"{project['programme']} · {project['organisation']['name']}",
                           statement=strings.get(lang, "funded_by"))


def _chrome(content: Content, strings: Strings, templates: Path, base_path: str) -> dict[str, dict[str, str]]:
    env = Environment(loader=FileSystemLoader(templates), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    languages = list(content.languages)

    def not_found(lang, level: int) -> str:
        return env.get_template("_not_found.html").render(
            t=strings.translator(lang.code), lang=lang.code, level=level, home=base_path + lang.prefix)

    chrome = {}
    for lang in languages:
        text = not_found(lang, 1)
        if lang.default:  # the host serves this one for every missing address, in any language
            text += "".join(not_found(other, 2) for other in languages if not other.default)
        chrome[lang.code] = {
            "skip": env.get_template("_skip.html").render(t=strings.translator(lang.code), target=SKIP_TARGET),
            "not_found": text,
            "search_label": strings.get(lang.code, "search"),
            "menu_label": strings.get(lang.code, "menu"),
            "close_search_label": strings.get(lang.code, "close_search"),
        }
    return chrome
