"""A problem found in the content: where it is, what is wrong, and whether it stops the build."""
from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int | None
    message: str
    item: str | None = None
    field: str | None = None
    severity: str = ERROR

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        subject = ", ".join(
            part for part in (
                f"„{self.item}”" if self.item else "",
                f"field „{self.field}”" if self.field else "",
            ) if part
        )
        head = f"{where}: {subject}: " if subject else f"{where}: "
        tag = "" if self.severity == ERROR else "warning: "
        return f"{head}{tag}{self.message}"


class ContentError(Exception):
    """Raised when content has errors; carries every problem so all are reported at once."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s) in the content")
        self.problems = problems
