"""All content of one language as JSON, at a stable URL, for the programme and other sites."""
from __future__ import annotations

import datetime as dt
import json

from .model import TYPES

FORMAT_VERSION = 1  # raise when a field changes meaning, so that reusers notice
EDITORIAL = ("order", "draft")  # how the officer lists and holds items: the lists' order says it


def export(lang: str, data: dict[str, object], item_url, generated: dt.date, photo=str) -> str:
    """`item_url(type key, item)` gives an item's absolute URL (its page, or its file); `photo(path)`
    the site-relative path where a photo of content/media/ is published (sitegen/images.py)."""
    document = {"format_version": FORMAT_VERSION, "language": lang, "generated": generated.isoformat()}
    for ctype in TYPES:
        value = data.get(ctype.key)
        if ctype.key == "sections" or value is None:
            continue
        if ctype.is_list:
            value = [{**_photos(item, photo), "url": item_url(ctype.key, item)} for item in value]
        document[ctype.key] = value
    return json.dumps(document, ensure_ascii=False, indent=1, default=_json_default) + "\n"


def _photos(item: dict, photo) -> dict:
    """The item with its photos' published paths: the originals are not on the site."""
    item = {name: value for name, value in item.items() if name not in EDITORIAL}
    if "image" in item:
        item["image"] = photo(item["image"])
    if "gallery" in item:
        item["gallery"] = [{**entry, "image": photo(entry["image"])} for entry in item["gallery"]]
    return item


def _json_default(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise TypeError(f"cannot export {type(value).__name__}")
