"""JSON: records with their stored fields, plus `commune` (the slug) and `overdue`;
dates as ISO strings. Long lists one record a line, through json's C encoder."""

import json
from datetime import date
from typing import Any

from tracker.cache import Full
from tracker.formats import Context, Format
from tracker.results import ChangeLog, Export, Grid, Listing, RecordView


def record_json(row: Full, as_of: date) -> dict[str, Any]:
    """Stored fields plus `commune` (slug) and `overdue`; dates as ISO strings."""
    data: dict[str, Any] = row.record.model_dump(mode="json", exclude_none=True)
    return {"id": data.pop("id"), "commune": row.slug, **data, "overdue": row.record.is_overdue(as_of)}


def dumps_lines(items: list[Any]) -> str:
    """A JSON array, one item a line: readable, and written by json's fast C encoder
    (which `indent` would turn off) — lists can hold a hundred thousand records."""
    if not items:
        return "[]\n"
    return "[\n" + ",\n".join(json.dumps(item, ensure_ascii=False) for item in items) + "\n]\n"


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


class Json(Format):
    name = "json"

    def listing(self, result: Listing, ctx: Context) -> str:
        return dumps_lines([record_json(r, result.as_of) for r in result.rows])  # type: ignore[arg-type]

    def record(self, result: RecordView, ctx: Context) -> str:
        return dumps(record_json(result.full, result.as_of)) + "\n"

    def grid(self, result: Grid, ctx: Context) -> str:
        return dumps(result.data) + "\n"

    def changes(self, result: ChangeLog, ctx: Context) -> str:
        return dumps({"changes": [c.as_json() for c in result.changes]}) + "\n"

    def export(self, result: Export, ctx: Context) -> bytes:
        return dumps([record_json(r, result.as_of) for r in result.records]).encode("utf-8") + b"\n"


FORMAT = Json()
