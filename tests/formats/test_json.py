"""JSON: exact output."""

import json

from tests.formats.conftest import AS_OF, full_issue
from tracker.formats import Context
from tracker.formats.json import FORMAT
from tracker.results import Grid, Listing, RecordView


def test_a_listing_is_one_record_a_line(vi: Context) -> None:
    out = FORMAT.render(Listing([full_issue(), full_issue()], AS_OF), vi)
    assert isinstance(out, str)
    lines = out.splitlines()
    assert lines[0] == "[" and lines[-1] == "]" and len(lines) == 4
    assert lines[1] == (
        '{"id": "VA-1", "commune": "van-an", "title": "Chậm cấp GCNQSD đất", "dept": "NNMT", "support": ["TC"], '
        '"status": "open", "priority": "normal", "raised_on": "2025-09-20", "due": "2025-10-15", "extensions": [], '
        '"same_as": [], "not_same_as": [], "files": [], "history": [{"date": "2025-09-20", "by": "Thư Ký", '
        '"status": "open", "note": "Tạo mới"}], "due_original": "2025-10-15", "extension_pending": null, '
        '"overdue": true},'
    )


def test_an_empty_listing_and_a_record(vi: Context) -> None:
    assert FORMAT.render(Listing([], AS_OF), vi) == "[]\n"
    record = json.loads(FORMAT.render(RecordView(full_issue(), AS_OF), vi))
    assert record["id"] == "VA-1" and record["overdue"] is True


def test_the_grid_as_is(vi: Context) -> None:
    data = {"departments": {"NNMT": {"total": 1}}, "total": {"total": 1}}
    assert FORMAT.render(Grid(data), vi) == json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def test_every_reminder_is_written_in_pieces_that_join_into_one_digest_a_line(vi: Context) -> None:
    """`remind --format json` streams its digests a batch at a time: the pieces, whatever
    the batch or the items that end one, make the same text, and an empty run is an empty list."""
    from datetime import date

    from tracker.formats.json import _reminders
    from tracker.results import Contact, Digest, DigestItem, Reminders

    def digest(code: str) -> Digest:
        item = DigestItem("VA-1", "Vạn An", "van-an", "Chậm cấp", AS_OF, "overdue", 3, None, 0, False, code, "open")
        return Digest("dept", Contact(code, code), [item], [], AS_OF, 14, 30, "1/TCT2")

    made = Reminders(date(2025, 10, 20), [digest("NNMT"), digest("TC"), digest("NV")])
    whole = FORMAT.render(made, vi)
    assert isinstance(whole, str)
    assert ["".join(_reminders(made, batch)) for batch in (1, 2, 3)] == [whole] * 3
    # A piece ends too once it holds enough items (a department's digest of the country holds 5,000).
    assert len(list(_reminders(made, 200, 2))) == 3  # 2 digests (2 items), the third, the end
    assert [len(list(_reminders(made, 200, n))) for n in (1, 3)] == [4, 2]
    assert {"".join(_reminders(made, 200, n)) for n in (1, 2, 3)} == {whole}
    lines = whole.splitlines()
    assert lines[0] == '{"as_of": "2025-10-20", "digests": [' and lines[-1] == "]}" and len(lines) == 5
    assert [json.loads(line.rstrip(","))["to"] for line in lines[1:-1]] == ["NNMT", "TC", "NV"]
    assert FORMAT.render(Reminders(date(2025, 10, 20), []), vi) == '{"as_of": "2025-10-20", "digests": []}\n'


def test_a_digest_s_text_is_what_json_s_encoder_writes_of_it() -> None:
    """Every reminder is written from a template an item (`digest_text`), not through a
    dict each: the same text as the encoder makes of `digest_json`, whatever a title or
    a name holds (quotes, a backslash, control characters, Vietnamese, beyond the BMP),
    with and without dates, escalated or not; an empty digest too."""
    from datetime import date

    from tracker.formats.json import digest_json, digest_text
    from tracker.results import Contact, Digest, DigestItem

    titles = ['Chậm "cấp" GCN', "a\\b\tc\nd\x01\x7f", "Đất 🌾 \u2028", "", 'ε/ς\\"']
    reasons = ["overdue", "due_soon", "stale", "undated", "overdue"]
    items = [
        DigestItem(f"VA-{n}", "Vạn An", "van-an", title, date(2025, 9, n + 1) if n % 2 else None, reason,
                   n * 40, date(2025, 8, 1) if n % 3 else None, n, bool(n % 2), "NNMT", "open", n % 3, "",
                   None, date(2025, 10, 30) if n % 2 else None)
        for n, (title, reason) in enumerate(zip(titles, reasons, strict=True))
    ]  # fmt: skip
    encode = json.JSONEncoder(ensure_ascii=False).encode
    for to, its in ((Contact("NNMT", 'Sở "Nông nghiệp"\\Môi trường'), items), (Contact("VA", "Vạn An"), [])):
        digest = Digest("dept", to, its, [], AS_OF, 14, 30, "1/TCT2")
        assert digest_text(digest) == encode(digest_json(digest))
        assert json.loads(digest_text(digest)) == digest_json(digest)
