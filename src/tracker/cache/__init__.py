"""A cache of the validated commune files, above the store: repeated commands do
not parse unchanged YAML again. An SQLite index (stdlib `sqlite3`) shaped like the
questions commands ask (by department, status, commune), handing out typed rows
(`rows.py`). Nothing below it imports it; deleting it is always safe."""

from tracker.cache.db import cache_dir, location
from tracker.cache.index import Index, Refreshed
from tracker.cache.queries import PlanCount, Where
from tracker.cache.rows import CommuneRow, DueRow, Full, IssueRow, PastRow, PlanRow, Row, Stored

__all__ = [
    "CommuneRow",
    "DueRow",
    "Full",
    "Index",
    "IssueRow",
    "PastRow",
    "PlanCount",
    "PlanRow",
    "Refreshed",
    "Row",
    "Stored",
    "Where",
    "cache_dir",
    "location",
]
