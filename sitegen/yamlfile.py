"""Safe YAML loading that remembers the line of every value and refuses what an editor never means.

PyYAML's safe_load accepts duplicate keys silently and expands aliases without limit; here a
duplicate key is a problem, and aliases are refused outright (content never needs them, and a
"billion laughs" document must not exhaust memory).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from .problems import Problem

MAX_BYTES = 5_000_000  # far above any real content file; bigger is a mistake, not content

Path_ = tuple  # a path into the data: ("items", 3, "title") style tuples of keys and indexes


class LoadFailure(Exception):
    def __init__(self, line: int | None, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


class _Loader(yaml.composer.Composer, yaml.CSafeLoader):
    """libyaml (C) reads the text, ten times faster than PyYAML's Python reader (the PyYAML wheels
    include it); the nodes are still composed here in Python, where aliases are refused."""

    def __init__(self, stream):
        yaml.CSafeLoader.__init__(self, stream)
        yaml.composer.Composer.__init__(self)

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise LoadFailure(event.start_mark.line + 1,
                              "YAML aliases (*name) are not allowed; write the value out")
        return super().compose_node(parent, index)


class Document:
    """The data of one YAML file and the line of each value, addressed by path."""

    def __init__(self, data, lines: dict[Path_, int], text: str = ""):
        self.data = data
        self.lines = lines
        self.text = text  # as read, for checks on the lines themselves

    def line(self, path: Path_) -> int | None:
        # The nearest enclosing value that has a line: a missing field is reported at its item.
        path = tuple(path)
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path)


def load(path: Path) -> tuple[Document | None, list[Problem]]:
    """Read one YAML file; return its document, or None and the problems that stopped it."""
    shown = path.as_posix()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(shown, None, f"cannot read the file ({exc.strerror})")]
    if len(raw) > MAX_BYTES:
        return None, [Problem(shown, None,
                              f"the file is too large ({len(raw):,} bytes; at most {MAX_BYTES:,})")]
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark is harmless: accept it
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(shown, line, "the file is not UTF-8 text; save it as UTF-8")]
    try:
        return _compose(text), []
    except LoadFailure as exc:
        return None, [Problem(shown, exc.line, exc.message)]
    except yaml.MarkedYAMLError as exc:
        return None, [Problem(shown, _mark_line(exc), _yaml_message(exc, text))]
    except yaml.YAMLError as exc:
        return None, [Problem(shown, None, f"invalid YAML: {exc}")]


def _mark_line(exc: yaml.MarkedYAMLError) -> int | None:
    mark = exc.problem_mark or exc.context_mark
    return mark.line + 1 if mark else None


def _yaml_message(exc: yaml.MarkedYAMLError, text: str) -> str:
    mark = exc.problem_mark or exc.context_mark
    line_text = text.splitlines()[mark.line] if mark and mark.line < len(text.splitlines()) else ""
    if "\t" in line_text[: len(line_text) - len(line_text.lstrip())] or "found character '\\t'" in str(exc):
        return "a tab is used for indentation; indent with spaces only"
    what = (exc.problem or exc.context or "invalid YAML").strip()
    return f"invalid YAML: {what}"


def _compose(text: str) -> Document:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        lines: dict[Path_, int] = {}
        data = _construct(loader, node, (), lines) if node is not None else None
    finally:
        loader.dispose()
    return Document(data, lines, text)


def _construct(loader, node, path: Path_, lines: dict) -> object:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result = {}
        for key_node, value_node in node.value:
            key = _scalar(loader, key_node)
            if not isinstance(key, (str, int)):
                raise LoadFailure(key_node.start_mark.line + 1, "a key must be a plain word")
            if key in result:
                raise LoadFailure(key_node.start_mark.line + 1,
                                  f"the key „{key}” appears twice in the same block")
            result[key] = _construct(loader, value_node, path + (key,), lines)
            lines[path + (key,)] = key_node.start_mark.line + 1  # a field is found by its key
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(loader, child, path + (i,), lines) for i, child in enumerate(node.value)]
    return _scalar(loader, node)


def _scalar(loader, node):
    if not isinstance(node, yaml.ScalarNode):
        raise LoadFailure(node.start_mark.line + 1, "a key must be a plain word")
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, yaml.constructor.ConstructorError):
        # PyYAML resolves 2023-02-30 as a timestamp and fails to build it.
        raise LoadFailure(node.start_mark.line + 1,
                          f"„{node.value}” is not a real date (YYYY-MM-DD)") from None


def is_date(value) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
