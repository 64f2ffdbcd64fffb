"""One family of expected errors; the CLI turns each into one line and an exit code."""

from dataclasses import dataclass

# Exit codes, as pre-commit does: one per kind of failure.
EXIT_DATA = 1  # a data file is invalid or a write was refused
EXIT_USAGE = 2  # the user asked for something that does not exist or makes no sense
EXIT_BUG = 3  # an unexpected error: a bug in tracker
EXIT_INTERRUPTED = 130


class TrackerError(Exception):
    """An expected failure with a message meant for the user."""

    exit_code = EXIT_DATA

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(TrackerError):
    """A wrong argument: unknown ID, commune, department; a value that cannot be parsed."""

    exit_code = EXIT_USAGE


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a data file, located as precisely as the file allows."""

    path: str
    line: int
    record: str
    field: str
    message: str

    def __str__(self) -> str:
        parts = [f"{self.path}:{self.line}" if self.line else self.path]
        if self.record:
            parts.append(self.record)
        if self.field:
            parts.append(self.field)
        parts.append(self.message)
        return ": ".join(parts)


class DataError(TrackerError):
    """One or more problems in data files; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
