"""Safe YAML loading that remembers the line of every value and refuses what an editor never means.

libyaml (PyYAML's C parser, safe tags only) builds the node tree fast; this module turns it into
data itself, so that a duplicate key is a problem (PyYAML keeps the last one silently), an alias is
refused (content never needs one, and a "billion laughs" document must not exhaust memory), and
a date that does not exist stays text for the schema to report with its item and field.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from .problems import Problem, problem

MAX_BYTES = 5_000_000  # far above any real content file; bigger is a mistake, not content
MAX_DEPTH = 20  # content nests three levels; deeper is a mistake, and must not exhaust the stack

STR_TAG = "tag:yaml.org,2002:str"
Path_ = tuple  # a path into the data: (3, "title") = the title of the fourth item


class LoadFailure(Exception):
    def __init__(self, line: int | None, code: str, field: str | None = None, **args):
        super().__init__(code)
        self.line, self.code, self.field, self.args_ = line, code, field, args


class Document:
    """The data of one YAML file and the line of each value, addressed by path."""

    def __init__(self, data, lines: dict[Path_, int]):
        self.data = data
        self.lines = lines

    def line(self, path: Path_) -> int | None:
        # The nearest enclosing value that has a line: a missing field is reported at its item.
        path = tuple(path)
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path)


def load(path: Path, shown: str | None = None) -> tuple[Document | None, list[Problem]]:
    """Read one YAML file; return its document, or None and the problem that stopped it."""
    shown = shown or path.as_posix()
    try:
        if path.stat().st_size > MAX_BYTES:  # refused before it is read into memory
            return None, [problem(shown, 1, "file_too_large", size=f"{path.stat().st_size:,}",
                                  limit=f"{MAX_BYTES:,}")]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [problem(shown, None, "file_unreadable", reason=exc.strerror or exc)]
    return read(raw, shown)


def read(raw: bytes, shown: str) -> tuple[Document | None, list[Problem]]:
    """The document in `raw`, or None and the problem that stopped it; never raises."""
    if len(raw) > MAX_BYTES:
        return None, [problem(shown, 1, "file_too_large", size=f"{len(raw):,}", limit=f"{MAX_BYTES:,}")]
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark is harmless: accept it
    except UnicodeDecodeError as exc:
        return None, [problem(shown, raw[: exc.start].count(b"\n") + 1, "file_not_utf8")]
    try:
        return parse(text), []
    except LoadFailure as exc:
        return None, [problem(shown, exc.line, exc.code, field=exc.field, **exc.args_)]
    except yaml.MarkedYAMLError as exc:
        line, code, args = _explain(exc, text)
        return None, [problem(shown, line, code, **args)]
    except yaml.reader.ReaderError as exc:
        return None, [problem(shown, text[: exc.position].count("\n") + 1, "yaml_control",
                              code=f"U+{exc.character:04X}" if isinstance(exc.character, int) else exc.character)]
    except yaml.YAMLError as exc:
        return None, [problem(shown, None, "yaml_other", detail=exc)]


def parse(text: str) -> Document:
    loader = yaml.CSafeLoader(text)
    try:
        node = loader.get_single_node()
        lines: dict[Path_, int] = {}
        data = _construct(loader, node, (), lines, set()) if node is not None else None
    finally:
        loader.dispose()
    return Document(data, lines)


def _construct(loader, node, path: Path_, lines: dict, seen: set) -> object:
    line = node.start_mark.line + 1
    # libyaml hands an alias over as the very node it names: meeting a node twice is an alias.
    if id(node) in seen:
        raise LoadFailure(Document(None, lines).line(path), "yaml_alias")  # where it is used
    if len(path) > MAX_DEPTH:
        raise LoadFailure(line, "yaml_too_deep")
    seen.add(id(node))
    lines.setdefault(path, line)
    if isinstance(node, yaml.MappingNode):
        result, first = {}, {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise LoadFailure(key_node.start_mark.line + 1, "key_not_plain")
            key = key_node.value  # a field name as typed: `yes:` or `2024:` stay text
            key_line = key_node.start_mark.line + 1
            if key in result:
                raise LoadFailure(key_line, "key_twice", field=key, first=first[key])
            first[key] = lines[path + (key,)] = key_line  # a field is found by its key
            result[key] = _construct(loader, value_node, path + (key,), lines, seen)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(loader, child, path + (i,), lines, seen) for i, child in enumerate(node.value)]
    if node.tag == STR_TAG:
        return node.value  # most values: text needs no constructing
    try:
        return loader.construct_object(node)
    except (ValueError, OverflowError, yaml.constructor.ConstructorError):
        return node.value  # e.g. 2023-02-30: looks like a date, is none; the schema says so


def _explain(exc: yaml.MarkedYAMLError, text: str) -> tuple[int | None, str, dict]:
    """Turn libyaml's message into one an editor can act on: (line, code, values)."""
    problem_text, context = exc.problem or "", exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    context_line = exc.context_mark.line + 1 if exc.context_mark else None
    line = mark.line + 1 if mark else None
    source = text.splitlines()[mark.line] if mark and mark.line < len(text.splitlines()) else ""
    if "tab character" in problem_text or "\t" in source[: len(source) - len(source.lstrip())]:
        return line, "yaml_tab", {}
    if "quoted scalar" in context and "end of stream" in problem_text:
        return context_line, "yaml_unclosed_quote", {}
    if "quoted scalar" in context:
        return line, "yaml_escape", {}
    if "mapping values are not allowed" in problem_text:
        # A second ": " on the line is text that needs quotes; otherwise the line is indented too far.
        colon_in_text = ": " in source[: mark.column] if mark else False
        return line, "yaml_colon" if colon_in_text else "yaml_indent", {}
    if "could not find expected ':'" in problem_text:
        return context_line, "yaml_no_colon", {}
    if "cannot start any token" in problem_text or "expected node content" in problem_text:
        char = source[mark.column] if mark and mark.column < len(source) else "?"
        return line, "yaml_bad_start", {"char": char}
    if "flow sequence" in context or "flow mapping" in context:
        return context_line, "yaml_flow", {}
    if "single document" in context:
        return line, "yaml_documents", {}
    if "nesting depth" in problem_text:
        return line, "yaml_too_deep", {}
    if "undefined alias" in problem_text:
        return line, "yaml_alias", {}
    if problem_text.startswith("did not find expected"):
        return line, "yaml_indent", {}
    return line, "yaml_other", {"detail": problem_text or context or exc}
