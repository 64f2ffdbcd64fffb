"""CSV: exact output, for the terminal and for Excel."""

from tests.formats.conftest import AS_OF, full_issue
from tracker.formats import Context
from tracker.formats.csv import FORMAT
from tracker.results import Export, Listing


def test_list_csv_has_the_overdue_column(vi: Context) -> None:
    out = FORMAT.render(Listing([full_issue()], AS_OF), vi)
    assert out == (
        "id,commune,title,description,category,dept,support,status,priority,raised_on,due,owner,source,"
        "resolution,resolved_on,overdue\n"
        "VA-1,van-an,Chậm cấp GCNQSD đất,,,NNMT,TC,open,normal,2025-09-20,2025-10-15,,,,,true\n"
    )


def test_export_csv_is_for_excel(vi: Context) -> None:
    out = FORMAT.render(Export([full_issue()], {}, {}, AS_OF), vi)
    assert isinstance(out, bytes)
    assert out.startswith(b"\xef\xbb\xbfid,commune,title,")
    assert out.decode("utf-8").endswith(
        "VA-1,van-an,Chậm cấp GCNQSD đất,,,NNMT,TC,open,normal,2025-09-20,2025-10-15,,,,\r\n"
    )
