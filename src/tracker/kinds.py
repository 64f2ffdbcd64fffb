"""The kinds of result a command hands to a format, in a module of their own: a
format's interface (formats/base.py) and the report's model name them, and a command
that makes none of the other results (`import` of a form) need not load them all
(results.py: 13 dataclasses, about 4 ms)."""

from enum import StrEnum


class Kind(StrEnum):
    """The kinds of result a command hands to a format (`formats.PRODUCES`)."""

    LISTING = "listing"
    RECORD = "record"
    GRID = "grid"
    REPORT = "report"  # reporting.Report
    CHANGES = "changes"
    EXPORT = "export"
    DIGEST = "digest"
    REMINDERS = "reminders"
    SIMILAR = "similar"
    CLUSTERS = "clusters"
