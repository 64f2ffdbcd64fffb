"""CSV: `list --format csv` on stdout (the columns a table would want, `overdue`
included), and `export` for Excel (UTF-8 with a BOM, CRLF, the columns import reads)."""

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any, assert_never

from tracker.cache import Full, Stored
from tracker.formats.base import Context, Format, Name
from tracker.formats.json import overdue, record_fields
from tracker.results import Export, Listing
from tracker.sheets import COLUMNS as ISSUE_COLUMNS
from tracker.sheets import MAY_NEED_GUARD, guard

_PLAN_COLUMNS = ["id", "commune", "title", "owner", "start", "due", "status", "issues", "milestones_done",
                 "milestones", "done_on", "overdue"]  # fmt: skip


def _cell(value: Any) -> str:
    """A cell as Excel or Calc should show it: lists joined, and never a formula."""
    if type(value) is str:  # most cells, a national export's million and a half
        return guard(value) if value.startswith(MAY_NEED_GUARD) else value
    if value is None:
        return ""
    if isinstance(value, list):
        return guard("; ".join(str(v) for v in value))
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else guard(str(value))


class Csv(Format[Listing | Export]):
    name = Name.CSV
    screen_as_made = True

    def present(self, result: Listing | Export, ctx: Context) -> str | bytes:
        return self.whole(result, ctx)

    def pieces(self, result: Listing | Export, ctx: Context) -> Iterator[str | bytes]:
        match result:
            case Listing():
                yield from _listing(result)
            case Export():
                yield from _export(result)
            case _:
                assert_never(result)


def _listing(result: Listing) -> Iterator[str]:
    columns = _PLAN_COLUMNS if result.plan else [*ISSUE_COLUMNS, "overdue"]
    rows = (_with_milestones(r, _fields(r, result.as_of)) for r in result.rows)  # type: ignore[arg-type]
    return _pieces(columns, rows, "\n")


def _export(result: Export) -> Iterator[bytes]:
    """UTF-8 with a BOM: Excel opens it with Vietnamese intact."""
    yield b"\xef\xbb\xbf"
    rows = (_fields(r, None) for r in result.records)
    for piece in _pieces(ISSUE_COLUMNS, rows, "\r\n"):
        yield piece.encode("utf-8")


def _fields(row: Full | Stored, as_of: date | None) -> dict[str, Any]:
    """What a row of CSV reads of a record: its fields as JSON has them (`record_json`),
    its commune, and whether it is overdue on `as_of` (None: not asked, as `export`,
    whose columns are those `import` reads). Not the deadline's story that JSON adds,
    which no column shows: working it out for every record was a tenth of an export."""
    data = record_fields(row)
    data["commune"] = row.slug
    if as_of is not None:
        data["overdue"] = overdue(row, as_of)
    return data


def _with_milestones(row: Full | Stored, data: dict[str, Any]) -> dict[str, Any]:
    """A plan item's row counts its milestones, and those done."""
    if row.plan:
        stones = data.get("milestones") or []
        data["milestones_done"] = sum(1 for m in stones if m.get("done_on"))
        data["milestones"] = len(stones)
    return data


def _pieces(columns: list[str], rows: Iterable[dict[str, Any]], end: str, batch: int = 500) -> Iterator[str]:
    """The header and rows as CSV, `batch` rows a piece, as the rows come."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=end)
    writer.writerow(columns)
    for n, data in enumerate(rows, 1):
        writer.writerow([_cell(data.get(c)) for c in columns])
        if n % batch == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


FORMAT = Csv()
