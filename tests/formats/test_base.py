"""tracker.formats.base: a format claims the kinds of the results it presents, and refuses others."""

from collections.abc import Iterator

import pytest

from tests.formats.conftest import AS_OF, issue_row
from tracker.errors import UsageError
from tracker.formats import Context, get
from tracker.formats.base import Format, Name
from tracker.results import Grid, Kind, Listing, Similar


class _Counts(Format[Grid | Similar]):
    name = Name.JSON

    def present(self, result: Grid | Similar, ctx: Context) -> str:
        return f"{result.kind}:{ctx.lang}"


def test_a_format_claims_the_kinds_of_its_type_parameter() -> None:
    assert _Counts.kinds == frozenset({Kind.GRID, Kind.SIMILAR})
    assert _Counts().supports(Kind.GRID) and not _Counts().supports(Kind.LISTING)


def test_a_result_of_a_kind_not_claimed_is_a_usage_error_naming_the_format(vi: Context) -> None:
    assert _Counts().render(Grid({}), vi) == "grid:vi"
    with pytest.raises(UsageError) as caught:
        _Counts().render(Listing([issue_row()], AS_OF), vi)
    assert caught.value.message == "định dạng json không trình bày được kết quả này"


class _Lines(Format[Listing]):
    """A format made as it goes, one piece a row; in bytes when `binary`."""

    name = Name.CSV

    def __init__(self, binary: bool = False) -> None:
        self.as_bytes = binary

    def pieces(self, result: Listing, ctx: Context) -> Iterator[str | bytes]:
        for row in result.rows:
            line = f"{row.id}\n"
            yield line.encode() if self.as_bytes else line

    def present(self, result: Listing, ctx: Context) -> str | bytes:
        return self.whole(result, ctx)


def test_a_format_made_in_pieces_streams_them_and_renders_them_joined(vi: Context) -> None:
    listing = Listing([issue_row("VA-1"), issue_row("VA-2")], AS_OF)
    assert list(_Lines().stream(listing, vi)) == ["VA-1\n", "VA-2\n"]
    assert _Lines().render(listing, vi) == "VA-1\nVA-2\n"
    assert _Lines(binary=True).render(listing, vi) == b"VA-1\nVA-2\n"


def test_every_name_is_what_format_takes() -> None:
    assert [n.value for n in Name] == ["table", "json", "csv", "md", "html", "docx", "xlsx", "eml"]
    assert all(get(n).name is n for n in Name)
