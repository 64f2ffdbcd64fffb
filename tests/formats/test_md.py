"""Markdown: the report's tables, exact; escaping."""

from tests.formats.conftest import AS_OF, issue_row
from tracker import reporting
from tracker.enums import IssueStatus
from tracker.formats import Context
from tracker.formats.md import FORMAT


def report(*rows: object, depts: list[str] | None = None) -> reporting.Report:
    return reporting.build(list(rows), [], AS_OF, {"NNMT": "Sở Nông nghiệp và Môi trường", "TC": "Sở Tài chính"},
                           {"dat-dai": "Đất đai"}, depts)  # type: ignore[arg-type]  # fmt: skip


def test_the_grid_table(vi: Context) -> None:
    out = FORMAT.render(report(issue_row(), issue_row("VA-2", IssueStatus.RESOLVED, None)), vi)
    assert isinstance(out, str)
    assert (
        "| Cơ quan chủ trì | Tổng số | Hoàn thành đúng hạn | Hoàn thành quá hạn | Chưa hoàn thành, còn trong hạn "
        "| Chưa hoàn thành, chưa có thời hạn | Chưa hoàn thành, quá hạn | Trong đó: kiến nghị cấp trên "
        "| Trong đó: được gia hạn | Dừng xử lý |\n"
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n"
        "| NNMT — Sở Nông nghiệp và Môi trường | 2 | 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 |\n"
        "| **Tổng cộng** | **2** | **1** | **0** | **0** | **0** | **1** | **0** | **0** | **0** |\n"
    ) in out


def test_the_window_of_next_steps_comes_from_the_rules(vi: Context, en: Context) -> None:
    model = report(issue_row(due=AS_OF))
    assert "### 1. Vướng mắc đến hạn trong 30 ngày tới (đến 05/12/2025)" in FORMAT.render(model, vi)
    model.window = 14  # the template reads the number from the report, never writes one itself
    assert "### 1. Issues falling due in the next 14 days" in FORMAT.render(model, en)


def test_text_cannot_break_a_table(vi: Context) -> None:
    out = FORMAT.render(report(issue_row(title="a | b # <x>")), vi)
    assert "| VA-1 | Vạn An | a \\| b \\# \\<x\\> |" in out
