"""Temporary copies of the site, with the real content or with synthetic items, and what a build made.

Nothing here writes into the project: every copy lives in a folder the caller provides.
"""
from __future__ import annotations

import datetime as dt
import random
import re
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the generator's own code, for the languages and the content check
from sitegen.languages import Language, from_mkdocs_yml  # noqa: E402

# Everything a build reads; docs/ holds only the hand-made assets, the rest is generated.
COPIED = ("mkdocs.yml", "content", "schemas", "strings", "templates", "sitegen", "hooks", "overrides",
          "docs/assets")
HOOKS_ENTRY = re.compile(r"^hooks:\n(?:[ \t]+-.*\n)+", re.MULTILINE)

WORDS = {
    "ro": ("integrare migranți piața muncii raionul Ungheni consiliul formare profesională antreprenoriat "
           "comunitate servicii sprijin locuri de muncă competențe politici publice parteneri europeni "
           "experiență transfer cetățeni străini consiliere limba română incluziune socială angajatori "
           "program finanțare rezultate evaluare acțiune regională învățare strategie dezvoltare").split(),
    "en": ("integration migrants labour market Ungheni district council vocational training "
           "entrepreneurship community services support jobs skills public policy European partners "
           "experience transfer foreign citizens counselling language courses social inclusion employers "
           "programme funding results evaluation regional action learning strategy development").split(),
}
COUNTRIES = ("FI", "DE", "GR", "IT", "ES", "PL", "SE", "MD", "RO", "AT", "PT")
THEMES = ("entrepreneurship", "skills", "employment", "social-inclusion", "governance")


def languages(site: Path) -> list[Language]:
    return from_mkdocs_yml(site / "mkdocs.yml")


def copy_site(dest: Path, project: Path = ROOT) -> Path:
    """Copy what a build reads from `project` (this one by default) into `dest` (which must not exist yet)."""
    for name in COPIED:
        source, target = project / name, dest / name
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return dest


def without_hooks(built: Path, dest: Path, project: Path = ROOT) -> Path:
    """A copy of `built` (already generated) whose mkdocs.yml runs no hooks: MkDocs and the theme alone."""
    copy_site(dest, project)
    shutil.rmtree(dest / "docs")
    shutil.copytree(built / "docs", dest / "docs")
    config = dest / "mkdocs.yml"
    text, found = HOOKS_ENTRY.subn("", config.read_text(encoding="utf-8"))
    if found != 1:
        raise RuntimeError(f"{config}: expected one `hooks:` list")
    config.write_text(text, encoding="utf-8")
    return dest


def add_synthetic(site: Path, items: int, languages: list[str]) -> None:
    """Replace the good practices and news of every language with `items` synthetic ones in total,
    half of each kind, one file per item (content/<lang>/<kind>/<id>.yml, as the officer keeps
    them); ids and language-neutral fields are the same in every language."""
    practices, news = items // 2, items - items // 2
    for lang in languages:
        rng = random.Random(f"{items}-{lang}")  # words only; facts derive from the index alone
        folder = site / "content" / lang
        _replace(folder / "good_practices", [_practice(rng, lang, i) for i in range(practices)])
        _replace(folder / "news", [_news(rng, lang, i) for i in range(news)])


def _replace(folder: Path, items: list[dict]) -> None:
    """The kind's item files replaced by `items`' (its notes, README.md, kept)."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in folder.glob("*.yml"):
        path.unlink()
    for item in items:
        fields = {name: value for name, value in item.items() if name != "id"}  # the file name is the id
        (folder / f"{item['id']}.yml").write_text(
            yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")


def _text(rng: random.Random, lang: str, words: int) -> str:
    chosen = [rng.choice(WORDS[lang]) for _ in range(words)]
    return " ".join(chosen).capitalize() + "."


def _paragraphs(rng: random.Random, lang: str, count: int, words: int) -> str:
    return "\n\n".join(_text(rng, lang, words) for _ in range(count)) + "\n"


def _practice(rng: random.Random, lang: str, index: int) -> dict:
    # About 2 KB of YAML, a realistic Interreg Europe good practice in brief.
    start = dt.date(2015, 1, 1) + dt.timedelta(days=index * 37 % 3000)
    return {
        "id": f"practice-{index:05d}", "title": _text(rng, lang, 6)[:-1],
        "country": COUNTRIES[index % len(COUNTRIES)], "city": rng.choice(WORDS[lang]).capitalize(),
        "institution": _text(rng, lang, 4)[:-1], "start": start, "end": start + dt.timedelta(days=700),
        "summary": _text(rng, lang, 18), "description": _paragraphs(rng, lang, 3, 30),
        "resources": _text(rng, lang, 20), "evidence": _text(rng, lang, 20),
        "transfer": _text(rng, lang, 20), "theme": THEMES[index % len(THEMES)],
    }


def _news(rng: random.Random, lang: str, index: int) -> dict:
    return {
        "id": f"news-{index:05d}", "date": dt.date(2023, 3, 1) + dt.timedelta(days=index % 1500),
        "title": _text(rng, lang, 7)[:-1], "summary": _text(rng, lang, 18),
        "body": _paragraphs(rng, lang, 2, 45),
    }


def pages_per_language(site_dir: Path, prefixes: dict[str, str]) -> dict[str, int]:
    """HTML pages of each language; the default language's pages are those outside the others' folders."""
    others = [p.rstrip("/") for p in prefixes.values() if p]
    counts = {}
    for lang, prefix in prefixes.items():
        folder = site_dir / prefix if prefix else site_dir
        found = folder.rglob("index.html")
        if not prefix:
            found = (p for p in found if p.relative_to(site_dir).parts[0] not in others)
        counts[lang] = sum(1 for _ in found)
    return counts


def output_bytes(site_dir: Path) -> tuple[int, int]:
    """Bytes of the whole output, and of its HTML pages alone."""
    total = html = 0
    for path in site_dir.rglob("*"):
        if path.is_file():
            size = path.stat().st_size
            total += size
            html += size if path.name == "index.html" else 0
    return total, html


def search_index_bytes(site_dir: Path) -> int:
    return sum(p.stat().st_size for p in site_dir.rglob("search_index.json"))


def same_site(a: Path, b: Path) -> bool:
    """Whether two built sites hold the same files with the same bytes (the web editor aside)."""
    def files(site: Path) -> dict[str, bytes]:
        return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*")
                if p.is_file() and p.relative_to(site).parts[0] != "admin"}
    return files(a) == files(b)
