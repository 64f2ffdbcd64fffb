"""The report's tables said once (formats/parts.py): Markdown, HTML and Word show a
long table with the same heads and the same cells."""

import dataclasses
import html
import io
import re

from tests.formats.conftest import AS_OF, issue_row
from tracker import reporting
from tracker.enums import IssueStatus
from tracker.formats import Context, docx, md
from tracker.formats import html as html_format


def _report(depts: list[str] | None = None) -> reporting.Report:
    late = dataclasses.replace(issue_row(support=("TC", "XD")), reminders=2)
    return reporting.build([late], [], AS_OF, {"NNMT": "Sở NN"}, {"dat-dai": "Đất đai"}, depts)


def _markdown_tables(out: str) -> list[list[list[str]]]:
    tables: list[list[list[str]]] = []
    for block in re.findall(r"(?:^\|.*\|\n)+", out, re.M):
        rows = [[re.sub(r"\\(.)", r"\1", c).strip() for c in re.split(r"(?<!\\) \| ", line.strip()[1:-1])]
                for line in block.splitlines()]  # fmt: skip
        tables.append([r for r in rows if not set("".join(r)) <= set("-:|")])
    return tables


def _html_tables(out: str) -> list[list[list[str]]]:
    def cells(row: str) -> list[str]:
        return [html.unescape(re.sub("<[^>]+>", "", c)) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]

    tables = [re.findall(r"<tr[^>]*>.*?</tr>", t, re.S) for t in re.findall(r"<table.*?</table>", out, re.S)]
    return [[cells(r) for r in rows if 'class="caption"' not in r] for rows in tables]


def _word_tables(out: bytes) -> list[list[list[str]]]:
    from docx import Document

    return [[[c.text for c in row.cells] for row in t.rows] for t in Document(io.BytesIO(out)).tables]


def test_the_overdue_list_reads_alike_in_markdown_html_and_word(vi: Context) -> None:
    overdue = [["STT", "Mã", "Xã", "Nội dung vướng mắc", "Chủ trì", "Thời hạn", "Số ngày quá hạn", "Trạng thái"],
               ["1", "VA-1", "Vạn An", "Chậm cấp GCNQSD đất", "NNMT", "15/10/2025", "21",
                "Chưa xử lý (đã đôn đốc 2 lần)"]]  # fmt: skip
    report = _report()
    md_out, html_out, word_out = (f.render(report, vi) for f in (md.FORMAT, html_format.FORMAT, docx.FORMAT))
    assert isinstance(md_out, str) and isinstance(html_out, str) and isinstance(word_out, bytes)
    for tables in (_markdown_tables(md_out), _html_tables(html_out), _word_tables(word_out)):
        assert overdue in tables


def test_a_departments_appendix_says_its_part_alike_in_every_format(vi: Context) -> None:
    """A department's own report lists, in its appendix, the part it plays in each issue."""
    appendix = [["STT", "Mã", "Xã", "Nội dung vướng mắc", "Vai trò", "Chủ trì", "Phối hợp", "Thời hạn", "Trạng thái",
                 "Kết quả, ghi chú"],
                ["1", "VA-1", "Vạn An", "Chậm cấp GCNQSD đất", "Chủ trì", "NNMT", "TC, XD", "15/10/2025",
                 "Chưa xử lý", ""]]  # fmt: skip
    report = _report(["NNMT"])
    md_out, html_out, word_out = (f.render(report, vi) for f in (md.FORMAT, html_format.FORMAT, docx.FORMAT))
    assert isinstance(md_out, str) and isinstance(html_out, str) and isinstance(word_out, bytes)
    for tables in (_markdown_tables(md_out), _html_tables(html_out), _word_tables(word_out)):
        assert appendix in tables


def test_a_supporting_departments_appendix_shows_each_issues_part_result_and_braces_alike(vi: Context) -> None:
    """The appendix of a department that leads one issue and supports another: each
    row says its own part and its result with the document that proves it. A title
    with braces and a bar stays that text (rows are written through format strings)."""
    led = dataclasses.replace(issue_row("VA-2", IssueStatus.RESOLVED, title="Thu hồi {đất} | lô 3"),
                              resolution="Đã cấp 35 GCNQSD", document="Số 45/SNNMT-QLĐĐ")  # fmt: skip
    supported = dataclasses.replace(issue_row("VA-10", support=("XD",)), dept="TC")
    report = reporting.build([led, supported], [], AS_OF, {"NNMT": "Sở NN", "TC": "Sở TC"}, {}, ["XD", "NNMT"])
    nnmt = [["1", "VA-2", "Vạn An", "Thu hồi {đất} | lô 3", "Chủ trì", "NNMT", "TC", "15/10/2025", "Đã giải quyết",
             "Đã cấp 35 GCNQSD (Văn bản: Số 45/SNNMT-QLĐĐ)"]]  # fmt: skip
    xd = [["1", "VA-10", "Vạn An", "Chậm cấp GCNQSD đất", "Phối hợp", "TC", "XD", "15/10/2025", "Chưa xử lý", ""]]
    md_out, html_out, word_out = (f.render(report, vi) for f in (md.FORMAT, html_format.FORMAT, docx.FORMAT))
    assert isinstance(md_out, str) and isinstance(html_out, str) and isinstance(word_out, bytes)
    for tables in (_markdown_tables(md_out), _html_tables(html_out), _word_tables(word_out)):
        bodies = [t[1:] for t in tables]
        assert nnmt in bodies and xd in bodies
