"""Config diagnostics: what a failed open or reload says, line by line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, List, Optional, Tuple

# "FILE:LINE[:COL]: [error|warning: ]MESSAGE" (SPEC 4.1; the plugin writes
# the severity-less "FILE:LINE: MESSAGE" in sg_error and its log lines).
_LINE = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+)(?::(?P<col>\d+))?: "
                   r"(?:(?P<sev>error|warning): )?(?P<msg>.*)$")


@dataclass(frozen=True)
class Diagnostic:
    """One message about the config: where, how bad, what."""

    severity: str  # "error" or "warning"
    file: str
    line: int
    column: Optional[int]
    message: str

    def __str__(self) -> str:
        col = ":%d" % self.column if self.column is not None else ""
        return "%s:%d%s: %s: %s" % (self.file, self.line, col, self.severity, self.message)


def parse_line(text: str, severity: str = "error") -> Optional[Diagnostic]:
    """A Diagnostic from one line, or None when it names no file and line."""
    m = _LINE.match(text.strip())
    if m is None:
        return None
    col = int(m.group("col")) if m.group("col") else None
    return Diagnostic(m.group("sev") or severity, m.group("file"), int(m.group("line")),
                      col, m.group("msg"))


def parse_lines(lines: Iterable[Tuple[str, str]]) -> List[Diagnostic]:
    """Diagnostics of (severity, text) pairs, duplicates dropped, order kept."""
    out: List[Diagnostic] = []
    for severity, text in lines:
        for part in text.splitlines():
            d = parse_line(part, severity)
            if d is not None and d not in out:
                out.append(d)
    return out


class ConfigError(Exception):
    """The config could not be loaded; the old one (if any) stays in force.

    ``diagnostics`` lists every message with its place; ``str()`` gives them
    one a line in the form FILE:LINE: error: MESSAGE.
    """

    def __init__(self, message: str, diagnostics: List[Diagnostic]) -> None:
        self.message = message
        self.diagnostics = diagnostics
        text = "\n".join(str(d) for d in diagnostics) if diagnostics else message
        super().__init__(text)
