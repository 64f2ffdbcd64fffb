"""The report's long tables, one row a line, written in Python rather than in the
template: a department of a national data set lists 14,000 issues, the whole
country 100,000, and a row spelt out in Jinja costs ten writes or more. Their
columns are said once, in parts.py (`issue_columns`, `appendix_columns`), which
Word reads too; the templates call `table_rows` with what they would loop over and
those columns, or `issue_rows` (the overdue and upcoming lists) and `appendix_rows`
(the appendix), which a data repository's own template may call as well, or spell
its rows out. Each cell that repeats (a commune, a deadline, a status) is made once."""

import functools
from collections.abc import Callable
from typing import Any

from tracker.formats import parts
from tracker.formats.base import Context
from tracker.reporting import Item


def writers(fmt: str, ctx: Context) -> dict[str, Callable[..., Any]]:
    """The functions the templates of `fmt` ("md" or "html") are given."""
    from markupsafe import Markup, escape

    from tracker.formats.markdown import md_text

    html = fmt == "html"
    escape_cell: Callable[[object], str] = (lambda v: str(escape(v))) if html else md_text
    L = ctx.labels
    made: dict[Callable[[Any], str], _Memo] = {}  # a column's text function: the text of each value, made once

    def memo_of(column: parts.Column) -> _Memo:
        if column.text not in made:
            made[column.text] = _Memo(lambda v: escape_cell(column.text(v)))
        return made[column.text]

    def table_rows(items: list[Item], columns: parts.Columns) -> Markup:
        """The rows of a long table: in HTML each cell of its column's class, in Markdown
        a row of cells."""
        out = []
        # A cell is its value looked up in its column's texts: 1.4 million cells in the
        # whole country's report, most of them seen before (an issue is in the appendix
        # of its lead and of each department supporting it).
        of = [(c.value, memo_of(c)) for c in columns.columns]
        opens = [f'<td class="{c.cell_class}">' if c.cell_class else "<td>" for c in columns.columns]
        for n, i in enumerate(items, 1):
            cells = [memo[value(n, i)] for value, memo in of]
            if html:
                out.append("<tr>" + "".join(f"{td}{c}</td>" for td, c in zip(opens, cells, strict=True)) + "</tr>")
            else:
                out.append("| " + " | ".join(cells) + " |")
        return Markup("\n".join(out))

    @functools.cache  # the same functions for every table of a kind: their cells made once
    def issue_columns(late: bool = False) -> parts.Columns:
        return parts.issue_columns(L, late)

    @functools.cache
    def appendix_columns(dept: str, roles: bool) -> parts.Columns:
        return parts.appendix_columns(L, dept, roles)

    def issue_rows(items: list[Item], late: bool = False) -> Markup:
        """The rows of an overdue (`late`) or upcoming list."""
        return table_rows(items, issue_columns(late))

    def appendix_rows(items: list[Item], dept: str, roles: bool) -> Markup:
        """The rows of a group in the appendix of department `dept`."""
        return table_rows(items, appendix_columns(dept, roles))

    return {"table_rows": table_rows, "issue_columns": issue_columns, "appendix_columns": appendix_columns,
            "issue_rows": issue_rows, "appendix_rows": appendix_rows}  # fmt: skip


class _Memo(dict[Any, str]):
    """Each cell's text made once: most repeat from row to row."""

    def __init__(self, make: Callable[[Any], str]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, value: Any) -> str:
        text = self[value] = self.make(value)
        return text
