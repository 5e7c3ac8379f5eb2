"""The editor's commands: check the content, add an item. Never a traceback: a plain message.

    python -m sitegen check [--lang en]            exit 0: no errors (warnings allowed), 1: errors
    python -m sitegen check --format github        the same, as GitHub annotations and run summary
    python -m sitegen new <type> "<title>" [--lang en]
    python -m sitegen preview [--port 8000]        the site, reloaded after each edit
    python -m sitegen migrate                      content of the old layout (one list file per
                                                   kind) moved to one file per item

The project is the folder that holds this package (or --root); languages come from its mkdocs.yml.
SITEGEN_DEBUG=1 lets an internal error's traceback through, for whoever maintains the code.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import messages
from .problems import ERROR

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    args.root = getattr(args, "root", ROOT)
    if getattr(args, "lang", None):
        os.environ[messages.ENV] = args.lang  # also read by the problems when they are printed
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if os.environ.get("SITEGEN_DEBUG"):
            raise
        print(messages.get("cli", "internal_error", detail=f"{type(exc).__name__}: {exc}"), file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    lang = argparse.ArgumentParser(add_help=False)
    lang.add_argument("--lang", choices=messages.available(), default=argparse.SUPPRESS,
                      help="language of the messages (default: ro, or $SITEGEN_LANG)")
    lang.add_argument("--root", type=Path, default=argparse.SUPPRESS,
                      help="the project folder (default: the one holding this program)")
    parser = argparse.ArgumentParser(prog="python -m sitegen", parents=[lang],
                                     description="Check the site's content, or add an item to it.")
    commands = parser.add_subparsers(required=True, metavar="{check,new,preview,migrate}")
    check = commands.add_parser("check", parents=[lang], help="check all content without building")
    check.add_argument("--format", choices=["text", "github"], default="text",
                       help="github: each problem as an annotation on its file and line, and all of "
                            "them on the run's summary page ($GITHUB_STEP_SUMMARY)")
    check.set_defaults(run=_check)
    new = commands.add_parser("new", parents=[lang], help="add an item in every language")
    # Both optional for argparse, so that a missing one is answered in the officer's language.
    new.add_argument("type", nargs="?", default="",
                     help="news, events, good_practices, partners, documents, activities, results, pages")
    new.add_argument("title", nargs="?", default="", help="the title in the default language")
    new.set_defaults(run=_new)
    preview = commands.add_parser("preview", parents=[lang], help="preview the site, reloaded after each edit")
    preview.add_argument("--port", type=int, default=8000, help="the first port to try (default: 8000)")
    preview.set_defaults(run=_preview)
    migrate = commands.add_parser("migrate", parents=[lang],
                                  help="move content kept as one list per kind to one file per item")
    migrate.set_defaults(run=_migrate)
    return parser


def _migrate(args) -> int:
    from . import migrate
    moved = migrate.migrate(args.root, _languages(args.root))
    for problem in moved.problems:
        print(problem, file=sys.stderr)
    print(messages.get("cli", "migrated", files=len(moved.files), lists=len(moved.removed)))
    return 1 if moved.problems else 0


def _preview(args) -> int:
    from . import preview
    return preview.run(args.root, args.port)


def _languages(root: Path):
    from .languages import from_mkdocs_yml
    return from_mkdocs_yml(root / "mkdocs.yml")


def _check(args) -> int:
    from .check import check
    _, problems = check(args.root, _languages(args.root))
    if args.format == "github":
        _github(problems)
    for problem in problems if args.format == "text" else ():
        print(problem)
    errors = sum(p.severity == ERROR for p in problems)
    warnings = len(problems) - errors
    if not problems:
        print(messages.get("cli", "ok"))
        return 0
    print(messages.get("cli", "summary", errors=errors, warnings=warnings))
    print(messages.get("cli", "errors_block" if errors else "warnings_only"))
    return 1 if errors else 0


def _github(problems) -> None:
    from . import annotations
    for problem in problems:
        print(annotations.annotation(problem))
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as out:
            out.write(annotations.summary(problems) + "\n")


def _new(args) -> int:
    from . import scaffold
    key = scaffold.type_key(args.type)
    if not args.type.strip():
        print(messages.get("cli", "no_type", known=", ".join(scaffold.LIST_TYPES)), file=sys.stderr)
        return 1
    if key is None:
        print(messages.get("cli", "unknown_type", name=args.type, known=", ".join(scaffold.LIST_TYPES)),
              file=sys.stderr)
        return 1
    if not args.title.strip():
        print(messages.get("cli", "no_title"), file=sys.stderr)
        return 1
    added = scaffold.add(args.root, _languages(args.root), key, args.title)
    print(messages.get("cli", "created", kind=messages.get("kinds", key), id=added.item_id,
                       files=", ".join(added.files)))
    return 0
