"""The fixed vocabularies of the data: statuses, priorities, kinds of commune.

Kept apart from the Pydantic models so that the command line can offer them as
choices without importing pydantic.
"""

from enum import StrEnum


class IssueStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    ESCALATED = "escalated"
    RESOLVED = "resolved"
    DROPPED = "dropped"


class PlanStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


class Priority(StrEnum):
    HIGH = "high"
    NORMAL = "normal"
    LOW = "low"


class ExtensionStatus(StrEnum):
    """Where a request for a new deadline (gia hạn) stands."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class CommuneKind(StrEnum):
    XA = "xa"
    PHUONG = "phuong"
    DAC_KHU = "dac_khu"


__all__ = ["CommuneKind", "ExtensionStatus", "IssueStatus", "PlanStatus", "Priority"]
