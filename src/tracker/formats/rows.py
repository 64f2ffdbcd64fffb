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
from operator import attrgetter
from typing import Any

from tracker.formats import parts
from tracker.formats.base import Context
from tracker.memo import Memo
from tracker.reporting import Item


def writers(fmt: str, ctx: Context) -> dict[str, Callable[..., Any]]:
    """The functions the templates of `fmt` ("md" or "html") are given."""
    from markupsafe import Markup, escape

    from tracker.formats.markdown import md_row, md_rule, md_text

    html = fmt == "html"
    escape_cell: Callable[[object], str] = (lambda v: str(escape(v))) if html else md_text
    L = ctx.labels
    made: dict[Callable[[Any], str], Memo[Any, str]] = {}  # a column's text function: each value's text, once

    def memo_of(column: parts.Column) -> Memo[Any, str]:
        if column.text not in made:
            made[column.text] = Memo(lambda v: escape_cell(column.text(v)))
        return made[column.text]

    def table_rows(items: list[Item], columns: parts.Columns) -> Markup:
        """The rows of a long table: in HTML each cell of its column's class, in Markdown
        a row of cells."""
        return Markup("\n".join(lines(items, columns)))

    def long_table(items: list[Item], columns: parts.Columns) -> Markup:
        """A long table whole, in Markdown: its head, its rule and its rows, made in one
        piece. The national report's tables are 20 million characters: each filter or
        macro a template passes them through copies them once more."""
        return Markup("\n".join([md_row(*columns.heads), md_rule(columns.align), *lines(items, columns)]))

    def issue_table(items: list[Item], late: bool = False) -> Markup:
        """An overdue (`late`) or upcoming list as a Markdown table, or "nothing"."""
        return long_table(items, issue_columns(late)) if items else Markup(md_text(L.nothing))

    def table(t: parts.Table) -> Markup:
        """A small table (the ranking, the undated items, …) whole in Markdown, every
        cell escaped, or "nothing"."""
        if not t.rows:
            return Markup(md_text(L.nothing))
        return Markup("\n".join([md_row(*t.heads), md_rule(t.align), *(md_row(*cells) for cells in t.rows)]))

    def lines(items: list[Item], columns: parts.Columns) -> list[str]:
        # 1.4 million cells in the whole country's report, most of them seen before (a
        # commune, a deadline, a status). A row's values are read in two calls, those of
        # its issue and those of the item itself (each item is read from memory once), and
        # each is looked up in its column's texts: no Python call a cell.
        cols = columns.columns
        of_issue = [c for c in cols if c.attr.startswith("issue.")]
        of_item = [c for c in cols if c.attr and not c.attr.startswith("issue.")]
        read_issue, read_item = _reader([c.attr[6:] for c in of_issue]), _reader([c.attr for c in of_item])
        memos = [memo_of(c) for c in of_issue + of_item]
        place = {id(c): k for k, c in enumerate(of_issue + of_item, 1)}  # 0: the row's number
        order = [place.get(id(c), 0) for c in cols]
        look = dict.__getitem__  # a Memo's __missing__ still makes what is new
        if not html and order == list(range(len(cols))):
            # The cells come in the columns' order: joined, with no format string parsed
            # a row (the whole country's report, 160,000 rows: 4% fewer instructions).
            join = " | ".join
            return ["| " + join((str(n), *map(look, memos, read_issue(i.issue) + read_item(i)))) + " |"
                    for n, i in enumerate(items, 1)]  # fmt: skip
        fields = [f"{{{k}}}" for k in order]
        if html:
            row = "<tr>" + "".join(f'<td class="{_braced(c.cell_class)}">{f}</td>' if c.cell_class else f"<td>{f}</td>"
                                   for c, f in zip(cols, fields, strict=True)) + "</tr>"  # fmt: skip
        else:
            row = "| " + " | ".join(fields) + " |"
        write = row.format
        return [write(n, *map(look, memos, read_issue(i.issue) + read_item(i))) for n, i in enumerate(items, 1)]

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

    given: dict[str, Callable[..., Any]] = {
        "table_rows": table_rows, "issue_columns": issue_columns, "appendix_columns": appendix_columns,
        "issue_rows": issue_rows, "appendix_rows": appendix_rows}  # fmt: skip
    return given if html else {**given, "long_table": long_table, "issue_table": issue_table, "table": table}


def _reader(paths: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    """The values at these dotted paths of an object, as a tuple, in one call."""
    if len(paths) > 1:
        return attrgetter(*paths)
    if paths:
        one = attrgetter(paths[0])
        return lambda obj: (one(obj),)
    return lambda obj: ()


def _braced(text: str) -> str:
    """`text` as itself in a format string."""
    return text.replace("{", "{{").replace("}", "}}")
