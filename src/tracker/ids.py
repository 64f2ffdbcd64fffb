"""Record IDs, in one place: their shape, their prefix, the next free number.

An issue of Vạn An is `VA-7`, a plan item `VA-KH3`; the prefix (`VA`) is the
commune's, unique across files.
"""

import re
from collections.abc import Iterable

ISSUE = re.compile(r"^(?P<prefix>[A-Z][A-Z0-9]*)-(?P<n>[1-9]\d*)$")
PLAN = re.compile(r"^(?P<prefix>[A-Z][A-Z0-9]*)-KH(?P<n>[1-9]\d*)$")
PREFIX = r"^[A-Z][A-Z0-9]{0,7}$"
_NUMBER = re.compile(r"-(?:KH)?(\d+)$")
SECTIONS = ("issues", "action_plan")


def normalise(ident: str) -> str:
    """An ID as typed (` va-2 `) in its stored form (`VA-2`)."""
    return ident.strip().upper()


def prefix_of(ident: str) -> str:
    return ident.split("-", 1)[0]


def make(prefix: str, section: str, number: int) -> str:
    return f"{prefix}-KH{number}" if section == "action_plan" else f"{prefix}-{number}"


def shape(prefix: str, section: str) -> str:
    """How IDs of `section` look in a commune with `prefix`, for messages."""
    return f"{prefix}-KH<n>" if section == "action_plan" else f"{prefix}-<n>"


def matches(ident: str, prefix: str, section: str) -> bool:
    """Whether `ident` is an ID of `section` in the commune with `prefix`."""
    found = (PLAN if section == "action_plan" else ISSUE).match(ident)
    return bool(found) and found["prefix"] == prefix  # type: ignore[index]


def highest(taken: Iterable[str]) -> int:
    """The highest number among IDs (0 for none)."""
    return max((int(m[1]) for ident in taken if (m := _NUMBER.search(ident))), default=0)


def next_free(prefix: str, section: str, taken: Iterable[str]) -> str:
    """The ID after the highest number among `taken` (the IDs of that section)."""
    return make(prefix, section, highest(taken) + 1)


def free_prefix(base: str, used: set[str | None]) -> str:
    """`base`, or `base2`, `base3`… when it is taken."""
    if base not in used:
        return base
    return next(f"{base}{n}" for n in range(2, 1000) if f"{base}{n}" not in used)
