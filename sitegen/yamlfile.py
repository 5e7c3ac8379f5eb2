"""Safe YAML loading that keeps what the editor typed, remembers where each value is, and refuses
what an editor never means.

libyaml (PyYAML's C parser, safe tags only) builds the node tree fast; this module turns it into
data itself:
- every value is the text as typed: YAML 1.1 would read `NO` (Norway) as false, `10:30` as 630 and
  `1.10` as 1.1. Only the fields a schema declares as dates, numbers or yes/no are converted, by
  `schema.coerce`, and only when the text has exactly that form;
- nothing typed disappears without a message: text after ` #` (a YAML comment), a `!tag` or
  `&anchor` before a value, a `? ` before a field name;
- a duplicate key is a problem (PyYAML keeps the last one silently), an alias is refused (content
  never needs one, and a "billion laughs" document must not exhaust memory);
- invisible characters in indentation or field names, and merge-conflict markers, are named with
  their line and column, since nobody can find them by eye.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from . import invisible
from .problems import ERROR, WARNING, Problem, problem

MAX_BYTES = 5_000_000  # far above any real content file; bigger is a mistake, not content
MAX_DEPTH = 20  # content nests three levels; deeper is a mistake, and must not exhaust the stack
MAX_LINE_PROBLEMS = 20  # of one kind in one file: the rest are the same mistake again

Path_ = tuple  # a path into the data: ("gallery", 2, "alt") = the alt text of the third photo
CONFLICT = re.compile(r"^(<{7}|={7}|>{7}|\|{7})(?=\s|$)")
BLOCK_HEADER = re.compile(r"[|>][-+0-9]*")
NO_SPACE = re.compile(r"^\s*(?:-\s+)?([^\s:#'\"][^:#]*?):(?=[^\s:])")
KEY_VALUE = re.compile(r"^\s*(?:-\s+)?[^\s:#'\"][^:#]*?:\s+(?=\S)")


class LoadFailure(Exception):
    def __init__(self, line: int | None, code: str, field: str | None = None, **args):
        super().__init__(code)
        self.line, self.code, self.field, self.args_ = line, code, field, args


class Document:
    """The data of one YAML file, the line of each value and the text typed for it, by path."""

    def __init__(self, data, lines: dict[Path_, int], text: str = "", spans: dict | None = None,
                 notes: list | None = None):
        self.data = data
        self.lines = lines
        self.text = text
        self.spans = spans or {}  # path -> (start, end) offsets of the value in `text`
        # What the file says that the data cannot: (path, line, code, severity, values).
        self.notes = notes or []

    def line(self, path: Path_) -> int | None:
        # The nearest enclosing value that has a line: a missing field is reported at its item.
        path = tuple(path)
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path)

    def typed(self, path: Path_) -> str | None:
        """The value at `path` exactly as written in the file, for quoting in a message."""
        span = self.spans.get(tuple(path))
        return self.text[span[0]:span[1]] if span else None

    def column(self, path: Path_) -> int | None:
        """1-based column where the value at `path` begins."""
        span = self.spans.get(tuple(path))
        return span[0] - self.text.rfind("\n", 0, span[0]) if span else None

    def problems(self, shown: str, kind: str | None = None, item: str | None = None) -> list[Problem]:
        """The notes as problems, each with the item's id (the file's name) and the field."""
        found = []
        for path, line, code, severity, values in self.notes:
            field = ".".join(p for p in path if isinstance(p, str)) or None
            found.append(problem(shown, line, code, kind=kind if item else None, item=item, field=field,
                                 severity=severity, **values))
        return found


def load(path: Path, shown: str | None = None) -> tuple[Document | None, list[Problem]]:
    """Read one YAML file; return its document, or None and the problem that stopped it."""
    shown = shown or path.as_posix()
    try:
        if path.is_symlink():  # a link could make any file of the machine part of the site
            return None, [problem(shown, None, "file_is_link")]
        if path.stat().st_size > MAX_BYTES:  # refused before it is read into memory
            return None, [problem(shown, 1, "file_too_large", size=f"{path.stat().st_size:,}",
                                  limit=f"{MAX_BYTES:,}")]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [problem(shown, None, "file_unreadable", reason=exc.strerror or exc)]
    return read(raw, shown)


def read(raw: bytes, shown: str) -> tuple[Document | None, list[Problem]]:
    """The document in `raw` and its problems; None when it cannot be read at all. Never raises.
    Problems found in a document that could be read (`Document.notes`) are not included."""
    if len(raw) > MAX_BYTES:
        return None, [problem(shown, 1, "file_too_large", size=f"{len(raw):,}", limit=f"{MAX_BYTES:,}")]
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark is harmless: accept it
    except UnicodeDecodeError as exc:
        return None, [problem(shown, raw[: exc.start].count(b"\n") + 1, "file_not_utf8")]
    found = _scan_lines(text, shown)
    if found:
        return None, found
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
    except yaml.YAMLError:
        return None, [problem(shown, None, "yaml_unreadable")]


def _scan_lines(text: str, shown: str) -> list[Problem]:
    """Mistakes YAML would misread rather than report: merge-conflict markers, and indentation made
    of characters that look like spaces but are not."""
    found: list[Problem] = []
    indents = 0
    clean = invisible.find(text) is None  # nearly every file: then only conflict markers to look for
    for number, line in enumerate(text.split("\n"), 1):  # lines as an editor counts them
        line = line.removesuffix("\r")
        if CONFLICT.match(line):
            found.append(problem(shown, number, "merge_conflict", marker=line[:7]))
            continue
        if clean:
            continue
        separator = invisible.find(line, invisible.BREAKS)
        if separator:  # YAML would break the line there, and the text with it
            found.append(problem(shown, number, "line_break_char", column=separator[0] + 1,
                                 char=invisible.code(separator[1])))
            continue
        lead = 0
        while lead < len(line) and (line[lead] in " \t" or invisible.is_invisible(line[lead])):
            lead += 1
        odd = invisible.find(line[:lead].replace("\t", " "))
        if odd and indents < MAX_LINE_PROBLEMS:
            indents += 1
            found.append(problem(shown, number, "indent_invisible", column=odd[0] + 1,
                                 char=invisible.code(odd[1])))
    return found


def parse(text: str) -> Document:
    loader = yaml.CSafeLoader(text)
    try:
        node = loader.get_single_node()
        doc = Document(None, {}, text)
        doc.data = _construct(doc, node, (), set()) if node is not None else None
    finally:
        loader.dispose()
    return doc


def _construct(doc: Document, node, path: Path_, seen: set) -> object:
    line = node.start_mark.line + 1
    # libyaml hands an alias over as the very node it names: meeting a node twice is an alias.
    if id(node) in seen:
        raise LoadFailure(doc.line(path), "yaml_alias")  # where it is used
    if len(path) > MAX_DEPTH:
        raise LoadFailure(line, "yaml_too_deep")
    seen.add(id(node))
    doc.lines.setdefault(path, line)
    doc.spans[path] = (node.start_mark.index, node.end_mark.index)
    _nothing_dropped(doc, node, path, line)
    if isinstance(node, yaml.MappingNode):
        result, first = {}, {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise LoadFailure(key_node.start_mark.line + 1, "key_not_plain")
            key = _key(doc, key_node, path)
            key_line = key_node.start_mark.line + 1
            if key in result:
                raise LoadFailure(key_line, "key_twice", field=key, first=first[key])
            first[key] = doc.lines[path + (key,)] = key_line  # a field is found by its key
            result[key] = _construct(doc, value_node, path + (key,), seen)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(doc, child, path + (i,), seen) for i, child in enumerate(node.value)]
    return _scalar(doc, node, path, line)


def _key(doc: Document, node, path: Path_) -> str:
    """A field name as typed (`yes:` or `2024:` stay text). An invisible character in it is named,
    and left out so that the field is still checked under the name the editor sees."""
    key = node.value
    line = node.start_mark.line + 1
    before = doc.text[doc.text.rfind("\n", 0, node.start_mark.index) + 1:node.start_mark.index]
    if before.strip() in ("?", "- ?"):
        raise LoadFailure(line, "key_not_plain")
    odd = invisible.find(key) or invisible.find_unpublishable(key)
    if odd:
        doc.notes.append((path + (key,), line, "key_invisible", ERROR,
                          {"char": invisible.code(odd[1]), "column": node.start_mark.column + odd[0] + 1}))
        key = "".join(c for c in key if not invisible.is_invisible(c)) or key
    return key


def _scalar(doc: Document, node, path: Path_, line: int) -> str | None:
    if not node.style:  # plain: no quotes, no block
        if node.value == "":
            return None  # `title:` with nothing after it: left empty
    elif node.style in "|>":
        text, start = doc.text, node.start_mark.index
        header = text[start:text.find("\n", start) if "\n" in text[start:] else len(text)]
        after = header[BLOCK_HEADER.match(header).end():].strip() if BLOCK_HEADER.match(header) else ""
        if after.startswith("#"):
            doc.notes.append((path, line, "comment_after_block", ERROR, {"comment": after}))
    odd = invisible.find_unpublishable(node.value)
    if odd:  # typed as an escape in quotes ("\b", "\uFFFE"), or pasted into a block of text
        raw = doc.text[node.start_mark.index:node.end_mark.index]
        offset = node.start_mark.index + (raw.index(odd[1]) if odd[1] in raw else max(raw.find("\\"), 0))
        where = doc.text.count("\n", 0, offset) + 1
        doc.notes.append((path, where, "char_not_publishable", ERROR,
                          {"char": invisible.code(odd[1]), "column": offset - doc.text.rfind("\n", 0, offset)}))
    found = invisible.find(node.value, invisible.STRAY)
    if found:
        severity = ERROR if found[1] in invisible.BIDI else WARNING
        doc.notes.append((path, line, "text_invisible", severity,
                          {"char": invisible.code(found[1]), "position": found[0] + 1}))
    return node.value


def _nothing_dropped(doc: Document, node, path: Path_, line: int) -> None:
    """What YAML would take out of the text without a word: a `!tag` or `&anchor` in front of a
    value, and a ` #` comment after it on the same line (after a plain text, quotes or brackets)."""
    text, start, end = doc.text, node.start_mark.index, node.end_mark.index
    if text.startswith(("!", "&"), start):
        doc.notes.append((path, line, "yaml_tag_text", ERROR, {"char": text[start]}))
    if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
        return  # the block's own header line is checked in _scalar; its text is all text
    if not isinstance(node, yaml.ScalarNode) and not node.flow_style:
        return
    line_end = text.find("\n", end)  # not `in text[end:]`: a copy of the rest of the file per value
    comment = text[end:line_end if line_end >= 0 else len(text)].lstrip(" \t\r")
    if not comment.startswith("#"):
        return
    typed = text[start:end]
    value = node.value if isinstance(node, yaml.ScalarNode) else typed
    if isinstance(node, yaml.ScalarNode) and node.style:  # quoted: the fix keeps the quotes' content
        fixed = _quoted(f"{value} {comment}".strip())
    else:
        fixed = _quoted(f"{typed} {comment}".strip())
    code = "comment_after_value" if value else "comment_instead_of_value"
    doc.notes.append((path, node.end_mark.line + 1, code, ERROR, {"comment": comment.rstrip(), "fixed": fixed}))


def _quoted(value: str) -> str:
    """`value` as a YAML quoted text the editor can paste back."""
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"


def _explain(exc: yaml.MarkedYAMLError, text: str) -> tuple[int | None, str, dict]:
    """Turn libyaml's message into one an editor can act on, naming the real cause: (line, code,
    values). libyaml's own words are English and speak of tokens: they never reach the editor."""
    problem_text, context = exc.problem or "", exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    lines = text.splitlines()
    line = mark.line + 1 if mark else None
    source = lines[mark.line] if mark and mark.line < len(lines) else ""
    context_line = exc.context_mark.line + 1 if exc.context_mark else line
    context_source = lines[context_line - 1] if context_line and context_line <= len(lines) else ""
    for number, candidate in ((context_line, context_source), (line, source)):
        odd = invisible.find(candidate.replace("\t", " "))
        if odd:  # a look-alike space where YAML needs a real one: the likeliest cause
            return number, "yaml_invisible", {"column": odd[0] + 1, "char": invisible.code(odd[1])}
    if "tab character" in problem_text or "\t" in source[: len(source) - len(source.lstrip())]:
        return line, "yaml_tab", {}
    if "quoted scalar" in context and "end of stream" in problem_text:
        return context_line, "yaml_unclosed_quote", {}
    if "invalid Unicode character escape" in problem_text and mark:
        # "\uD800": a lone surrogate, which no text can hold; named like any unpublishable character
        escape = source.rfind("\\", 0, mark.column + 1)
        digits = re.match(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8}))", source[escape:]) if escape >= 0 else None
        if digits:
            char = chr(int(digits.group(1) or digits.group(2), 16)) if int(digits.group(1) or digits.group(2), 16) <= 0x10FFFF else "?"
            return line, "char_not_publishable", {"char": invisible.code(char) if char != "?" else digits.group(0),
                                                  "column": escape + 1}
    if "quoted scalar" in context:
        return line, "yaml_escape", {}
    if "block scalar" in context:
        return context_line, "yaml_block_text", {}
    if "mapping values are not allowed" in problem_text:
        # A second ": " on the line is text that needs quotes; otherwise the line is indented too far.
        colon_in_text = ": " in source[: mark.column] if mark else False
        before = lines[mark.line - 1] if mark and 0 < mark.line <= len(lines) else ""
        if not colon_in_text and _field_name_runs_on(before, source):
            # The line before has no ": " (the first line of an item's file, where no block of
            # fields has begun): YAML read it as the start of this line's field name.
            odd = invisible.find(before.replace("\t", " "))
            if odd:
                return line - 1, "yaml_invisible", {"column": odd[0] + 1, "char": invisible.code(odd[1])}
            missing_space = NO_SPACE.match(before)
            if missing_space:
                return line - 1, "yaml_no_space", {"name": missing_space.group(1).strip()}
            return line - 1, "yaml_no_colon", {}
        return line, "yaml_colon" if colon_in_text else "yaml_indent", {}
    if "could not find expected ':'" in problem_text:
        missing_space = NO_SPACE.match(context_source)
        if missing_space:
            return context_line, "yaml_no_space", {"name": missing_space.group(1).strip()}
        return context_line, "yaml_no_colon", {}
    if "did not find expected key" in problem_text and mark:
        value = KEY_VALUE.match(source)
        start = source[value.end()] if value else ""
        if start in "\"'" and start and mark.column > value.end():
            return line, "yaml_quote_end", {"quote": start}
        if start in "[{" and start and mark.column > value.end():
            return line, "yaml_flow_text", {"char": start}
        return line, "yaml_indent", {}
    if "block sequence entries" in problem_text:
        return line, "yaml_dash", {}
    if source.rstrip() in ("---", "...") or source.startswith(("--- ", "... ")):
        return line, "yaml_documents", {}  # a marker on the first line: nothing to parse before it
    if "cannot start any token" in problem_text or "expected node content" in problem_text \
            or "alias" in context or "anchor" in context or "tag" in context or "directive" in context:
        # The character where the token began (`*`, `&`, `!`, `%`), not where libyaml gave up.
        column = exc.context_mark.column if exc.context_mark and exc.context_mark.line + 1 == line \
            else (mark.column if mark else 0)
        char = source[column] if column < len(source) else "?"
        return line, "yaml_bad_start", {"char": char}
    if "flow sequence" in context or "flow mapping" in context or "flow" in problem_text:
        return context_line, "yaml_flow", {}
    if "single document" in context or "document start" in problem_text:
        marker = next((n for n in range(min(line or 1, len(lines)), 0, -1)
                       if lines[n - 1].rstrip() in ("---", "...") or lines[n - 1].startswith(("--- ", "... "))), line)
        return marker, "yaml_documents", {}
    if "nesting depth" in problem_text:
        return line, "yaml_too_deep", {}
    if "undefined alias" in problem_text:
        return line, "yaml_alias", {}
    if "expected '-' indicator" in problem_text or problem_text.startswith("did not find expected"):
        return line, "yaml_indent", {}
    return line, "yaml_unreadable", {}


def _field_name_runs_on(before: str, source: str) -> bool:
    """True when `before` is a plain line, without ": ", at the indentation of `source`: YAML then
    reads both lines as one field name (`title Text` above `date: 2024-01-15`)."""
    indent = len(source) - len(source.lstrip(" "))
    return (bool(before.strip()) and ": " not in before and not before.rstrip().endswith(":")
            and len(before) - len(before.lstrip(" ")) == indent
            and not before.lstrip().startswith(("#", "- ", "-\t", "'", '"', "[", "{", "|", ">"))
            and before.strip() not in ("-", "---", "..."))
