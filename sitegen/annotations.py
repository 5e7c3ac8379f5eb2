"""The check's problems as GitHub shows them (`python -m sitegen check --format github`): each one an
annotation on its file and line, in the officer's language, and all of them, in plain words, on
the run's summary page.

Annotations are workflow commands printed on standard output (`::error file=…,line=…,title=…::…`);
GitHub shows them on the changed file and in the run. The summary is Markdown appended to the file
named by $GITHUB_STEP_SUMMARY.
https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands
"""
from __future__ import annotations

from . import messages
from .problems import ERROR, Problem


def annotation(problem: Problem, lang: str | None = None) -> str:
    """One workflow command: `::error file=content/ro/news.yml,line=4,title=…::the message`."""
    lang = lang or messages.language()
    kind = "error" if problem.severity == ERROR else "warning"
    props = {"file": problem.file}
    if problem.line:
        props["line"] = str(problem.line)
    props["title"] = messages.get("github", f"{kind}_title", lang)
    head = ",".join(f"{name}={_property(value)}" for name, value in props.items())
    return f"::{kind} {head}::{_data(message(problem, lang))}"


def message(problem: Problem, lang: str) -> str:
    """The problem without its place, which the annotation gives: "știre „x”, câmpul „date”: …"."""
    where = f"{problem.file}:{problem.line}" if problem.line else problem.file
    return problem.text(lang).removeprefix(f"{where}: ")


def summary(problems: list[Problem], lang: str | None = None) -> str:
    """The run's summary page: how many problems, then each one with its file and line."""
    lang = lang or messages.language()
    say = lambda key, **values: messages.get("github", key, lang, **values)  # noqa: E731
    errors = sum(p.severity == ERROR for p in problems)
    lines = [f"## {say('heading')}", ""]
    if not problems:
        return "\n".join(lines + [say("ok"), ""])
    lines += [messages.get("cli", "summary", lang, errors=errors, warnings=len(problems) - errors),
              say("errors_block" if errors else "warnings_only"), ""]
    for problem in problems:
        place = say("at_line", file=problem.file, line=problem.line) if problem.line else f"`{problem.file}`"
        kind = say("error_word" if problem.severity == ERROR else "warning_word")
        lines.append(f"- **{kind}** {place}: {_markdown(message(problem, lang))}")
    return "\n".join(lines + ["", say("how_to_fix"), ""])


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def _markdown(text: str) -> str:
    """A message as literal text in Markdown: what the officer typed is never read as formatting."""
    for char in "\\`*_[]<>|#":
        text = text.replace(char, "\\" + char)
    return text
