"""One family of expected errors; the CLI turns each into one line and an exit code.

Errors speak of the data, never of the command line: a bad value names its field
(`due`), and the CLI turns that into the option the user typed (`--due`), an
import into the sheet's column.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from tracker.i18n import Said, tr

# Exit codes, as pre-commit does: one per kind of failure.
EXIT_DATA = 1  # a data file is invalid or a write was refused
EXIT_USAGE = 2  # the user asked for something that does not exist or makes no sense
EXIT_BUG = 3  # an unexpected error: a bug in tracker
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141  # the reader of the output went away (128 + SIGPIPE, as a shell says)


class TrackerError(Exception):
    """An expected failure with a message meant for the user."""

    exit_code = EXIT_DATA

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(TrackerError):
    """A wrong argument: unknown ID, commune, department; a value that cannot be parsed."""

    exit_code = EXIT_USAGE


class FieldError(UsageError):
    """Values given for fields that cannot be used: (field, message) for each. A
    message may name another field as `{field}`: `worded` puts it the caller's way
    (an option for the CLI, a column for an import)."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        super().__init__(self.worded(lambda name: name))

    def filled(self, name_of: Callable[[str], str]) -> list[tuple[str, str]]:
        """(field, message) for each problem, other fields named by `name_of`."""
        return [(name, re.sub(r"\{(\w+)\}", lambda m: name_of(m[1]), message)) for name, message in self.problems]

    def worded(self, name_of: Callable[[str], str]) -> str:
        return "; ".join(f"{name_of(name)}: {message}" for name, message in self.filled(name_of))

    @classmethod
    def one(cls, name: str, message: str) -> "FieldError":
        return cls([(name, message)])


class WrongKind(UsageError):
    """An ID of an issue where a plan item is wanted, or the other way round."""

    def __init__(self, ident: str, kind: str) -> None:
        self.ident, self.kind = ident, kind
        what = tr("mục kế hoạch", "a plan item") if kind == "action_plan" else tr("vướng mắc", "an issue")
        super().__init__(tr(f"{ident} là {what}", f"{ident} is {what}"))


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a data file, located as precisely as the file allows."""

    path: str
    line: int
    record: str
    field: str
    message: Said

    def __str__(self) -> str:
        parts = [f"{self.path}:{self.line}" if self.line else self.path]
        if self.record:
            parts.append(self.record)
        if self.field:
            parts.append(self.field)
        parts.append(str(self.message))
        return ": ".join(parts)


class DataError(TrackerError):
    """One or more problems in data files; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
