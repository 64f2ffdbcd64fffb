"""The report's long tables as rows.py writes them, against each column's own text
(`Columns.cells`, which Word reads): the same cells, escaped, in the columns' order."""

from datetime import date

import pytest

from tracker.enums import IssueStatus
from tracker.formats import Context, parts
from tracker.formats.markdown import md_row, md_rule
from tracker.formats.rows import writers
from tracker.reporting import Item

from .conftest import issue_row


def _items() -> list[Item]:
    rows = [
        issue_row("VA-1", title="Đường ống | cống *rãnh* <b>"),
        issue_row("VA-2", due=None, support=()),
        issue_row("VA-10", status=IssueStatus.RESOLVED, due=date(2025, 12, 1)),
    ]
    return [Item(r, "lead", "open_overdue", days) for r, days in zip(rows, [21, 0, 0], strict=True)]


def _shuffled(columns: parts.Columns) -> parts.Columns:
    """The same columns, those of the item itself first and the numbers' last: the
    cells then do not come in the order a row's values are read in."""
    cols = columns.columns
    own = [c for c in cols if c.attr and not c.attr.startswith("issue.")]
    return parts.Columns(own + [c for c in cols if c.attr.startswith("issue.")] + [c for c in cols if not c.attr])


@pytest.mark.parametrize("which", ["late", "upcoming", "appendix", "appendix, shuffled", "late, shuffled"])
def test_a_long_table_in_markdown_is_each_columns_own_text_escaped(vi: Context, which: str) -> None:
    L = vi.labels
    columns = parts.appendix_columns(L, "NNMT", True) if which.startswith("appendix") else \
        parts.issue_columns(L, which.startswith("late"))  # fmt: skip
    if which.endswith("shuffled"):
        columns = _shuffled(columns)
    items = _items()
    made = str(writers("md", vi)["long_table"](items, columns)).split("\n")
    assert made[:2] == [md_row(*columns.heads), md_rule(columns.align)]
    assert made[2:] == [md_row(*cells) for cells in columns.cells(items)]
    assert "Đường ống \\| cống \\*rãnh\\* \\<b\\>" in made[2]  # the bar would split the cell


def test_an_html_table_s_rows_are_each_columns_own_text_escaped(vi: Context) -> None:
    columns = parts.appendix_columns(vi.labels, "NNMT", False)
    made = str(writers("html", vi)["table_rows"](_items(), columns)).split("\n")
    assert len(made) == 3
    assert made[0].startswith('<tr><td class="n">1</td><td class="id">VA-1</td>')
    assert "Đường ống | cống *rãnh* &lt;b&gt;" in made[0] and "<b>" not in made[0]
