"""CSV: `list --format csv` on stdout (the columns a table would want, `overdue`
included), and `export` for Excel (UTF-8 with a BOM, CRLF, the columns import reads)."""

import csv
import io
from typing import Any

from tracker.cache import Full
from tracker.formats import Context, Format
from tracker.formats.json import record_json
from tracker.models import PlanItem
from tracker.results import Export, Listing
from tracker.sheets import COLUMNS as ISSUE_COLUMNS
from tracker.sheets import guard

_PLAN_COLUMNS = ["id", "commune", "title", "owner", "start", "due", "status", "issues", "milestones_done",
                 "milestones", "done_on", "overdue"]  # fmt: skip


def _cell(value: Any) -> str:
    """A cell as Excel or Calc should show it: lists joined, and never a formula."""
    if isinstance(value, list):
        return guard("; ".join(str(v) for v in value))
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else guard(str(value))


class Csv(Format):
    name = "csv"

    def listing(self, result: Listing, ctx: Context) -> str:
        columns = _PLAN_COLUMNS if result.plan else [*ISSUE_COLUMNS, "overdue"]
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for row in result.rows:
            assert isinstance(row, Full)
            data = record_json(row, result.as_of)
            if isinstance(row.record, PlanItem):
                data["milestones_done"] = sum(1 for m in row.record.milestones if m.done_on)
                data["milestones"] = len(row.record.milestones)
            writer.writerow(_cell(data.get(c)) for c in columns)
        return out.getvalue()

    def export(self, result: Export, ctx: Context) -> bytes:
        """UTF-8 with a BOM: Excel opens it with Vietnamese intact."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(ISSUE_COLUMNS)
        for row in result.records:
            data = record_json(row, result.as_of)
            writer.writerow(_cell(data.get(c)) for c in ISSUE_COLUMNS)
        return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


FORMAT = Csv()
