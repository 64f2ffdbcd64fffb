"""The formats registry: every format renders every kind of result it claims, each
format a command takes claims what that command produces, and a format asked for a
kind it does not claim is a usage error that says so."""

import io
import json
import zipfile
from email import message_from_bytes
from typing import Any

import pytest

from tests.formats.conftest import AS_OF, VAN_AN, full_issue, issue_row
from tracker import formats, reporting
from tracker.changes import Change, group
from tracker.enums import IssueStatus
from tracker.errors import FieldError, UsageError
from tracker.formats import Context, Kind, Name
from tracker.results import (
    ChangeLog,
    Cluster,
    Clusters,
    Contact,
    Digest,
    DigestItem,
    Export,
    Grid,
    Listing,
    Match,
    RecordView,
    Reminders,
    Similar,
)

DEPTS = {"NNMT": "Sở Nông nghiệp và Môi trường", "TC": "Sở Tài chính"}


def _digest() -> Digest:
    item = DigestItem("VA-1", "Vạn An", "van-an", "Chậm cấp GCNQSD đất", AS_OF, "overdue", 21, AS_OF, 1, False,
                      "NNMT", "open")  # fmt: skip
    return Digest("dept", Contact("NNMT", DEPTS["NNMT"], "nnmt@example.vn"), [item], [], AS_OF, 14, 30, "…/TCT2-ĐĐ")


def sample(kind: Kind, fmt: formats.Format[Any]) -> Any:
    """A small result of `kind`, with one record in it."""
    match kind:
        case Kind.LISTING:
            return Listing([full_issue()] if fmt.full_rows else [issue_row()], AS_OF)
        case Kind.RECORD:
            return RecordView(full_issue(), AS_OF)
        case Kind.GRID:
            return Grid(reporting.stats([full_issue().record], AS_OF))
        case Kind.REPORT:
            return reporting.build([issue_row()], [], AS_OF, DEPTS, {"dat-dai": "Đất đai"}, None)  # type: ignore[arg-type]
        case Kind.CHANGES:
            status = IssueStatus.OPEN, IssueStatus.IN_PROGRESS
            changes = [Change("VA-1", "van-an", "Vạn An", "NNMT", "status", *status, "abc1234", "2025-11-01", "Thư Ký")]
            return ChangeLog(changes, group(changes, DEPTS), "hop-thang-10")
        case Kind.EXPORT:
            grid = reporting.stats([full_issue().record], AS_OF) if fmt.name == Name.XLSX else None
            return Export([full_issue()], grid, DEPTS, AS_OF)
        case Kind.DIGEST:
            return _digest()
        case Kind.REMINDERS:
            return Reminders(AS_OF, [_digest()])
        case Kind.SIMILAR:
            return Similar("VA-1", [Match("VA-2", VAN_AN, "Chậm cấp GCN", "NNMT", "open", 0.8)])
        case Kind.CLUSTERS:
            members = [Match(f"VA-{n}", VAN_AN, "Chậm cấp GCN", "NNMT", "open", 0.8) for n in (1, 2)]
            return Clusters([Cluster("Chậm cấp GCN", members, linked=False)], min_communes=1)
    raise AssertionError(kind)


def readable(name: Name, out: str | bytes, mark: str) -> None:
    """Output that is what its format says it is, and shows `mark` (the record in it)."""
    if name in (Name.DOCX, Name.XLSX):
        assert isinstance(out, bytes)
        assert zipfile.ZipFile(io.BytesIO(out)).testzip() is None
    elif name == Name.EML:
        assert isinstance(out, bytes)
        assert message_from_bytes(out)["X-Tracker-Letter"] == "dept-NNMT"
    elif name == Name.JSON:
        assert mark in json.dumps(json.loads(out))
    else:
        assert mark in (out.decode("utf-8") if isinstance(out, bytes) else out)


CLAIMED = [(name, kind) for name in Name for kind in sorted(formats.get(name).kinds)]


@pytest.mark.parametrize(("name", "kind"), CLAIMED, ids=[f"{n}:{k}" for n, k in CLAIMED])
def test_every_format_renders_every_kind_it_claims(name: Name, kind: Kind, vi: Context, en: Context) -> None:
    fmt = formats.get(name)
    for ctx in (vi, en):
        readable(name, fmt.render(sample(kind, fmt), ctx), "NNMT" if kind == Kind.GRID else "VA-")
        pieces = list(fmt.stream(sample(kind, fmt), ctx))
        whole = b"".join(p if isinstance(p, bytes) else p.encode() for p in pieces)
        if name not in (Name.DOCX, Name.XLSX, Name.EML):  # these carry the time they were made
            rendered = fmt.render(sample(kind, fmt), ctx)
            assert whole == (rendered if isinstance(rendered, bytes) else rendered.encode())


UNCLAIMED = [(name, kind) for name in Name for kind in Kind if kind not in formats.get(name).kinds]


@pytest.mark.parametrize(("name", "kind"), UNCLAIMED, ids=[f"{n}:{k}" for n, k in UNCLAIMED])
def test_a_format_asked_for_a_kind_it_does_not_claim_is_a_usage_error(name: Name, kind: Kind, vi: Context) -> None:
    fmt = formats.get(name)
    result = sample(kind, formats.get("json"))
    message = f"định dạng {name} không trình bày được kết quả này"
    with pytest.raises(UsageError, match=message):
        fmt.render(result, vi)
    with pytest.raises(UsageError, match=message):
        list(fmt.stream(result, vi))


PAIRS = [(command, name) for command, names in formats.COMMANDS.items() for name in names]


@pytest.mark.parametrize(("command", "name"), PAIRS, ids=[f"{c}:{n}" for c, n in PAIRS])
def test_each_format_a_command_takes_claims_what_it_produces(command: str, name: Name) -> None:
    assert formats.check(command, name).supports(formats.PRODUCES[command])


def test_remind_prints_every_reminder_in_the_formats_that_print() -> None:
    printing = [n for n in formats.COMMANDS["remind"] if not formats.get(n).binary and n != Name.HTML]
    assert printing == [Name.MD, Name.JSON]
    assert all(formats.get(n).supports(Kind.REMINDERS) for n in printing)


def test_every_kind_is_produced_or_printed_and_every_result_claimed_by_some_format() -> None:
    assert set(formats.PRODUCES.values()) | {Kind.REMINDERS} == set(Kind)
    assert set().union(*(formats.get(n).kinds for n in Name)) == set(Kind)


def test_a_format_a_command_does_not_take_is_a_field_error_listing_the_choices() -> None:
    with pytest.raises(FieldError) as info:
        formats.check("stats", "csv")
    assert info.value.problems == [("format", "chọn một trong table, json")]


def test_every_format_is_used_by_some_command_and_named_as_it_is_loaded() -> None:
    used = {name for names in formats.COMMANDS.values() for name in names}
    assert used == set(Name)
    assert all(formats.get(n).name is n for n in Name)


def test_only_files_take_binary_formats() -> None:
    assert {n for n in Name if formats.get(n).binary} == {Name.DOCX, Name.XLSX, Name.EML}
