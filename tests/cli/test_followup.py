"""tracker remind: reminders by department and commune, recorded, written, sent."""

import json
import threading
from datetime import date
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from tests.conftest import Cli


@pytest.fixture
def late(data: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> Path:
    """On 20 October: NNMT has an overdue issue, TC one due soon, NV one untouched
    for a month; Vạn An's action plan has an overdue item; KHCN's is done."""
    monkeypatch.setenv("TRACKER_TODAY", "2025-09-15")
    cli("add-issue", "--commune", "van-an", "--dept", "NNMT", "--title", "Chậm cấp GCNQSD", "--due", "2025-10-01")
    cli("add-issue", "--commune", "van-an", "--dept", "NV", "--title", "Thiếu công chức")
    cli("add-issue", "--commune", "thien-nhan", "--dept", "KHCN", "--title", "Phần mềm", "--due", "2025-10-01")
    cli("plan", "add", "--commune", "van-an", "--title", "Rà soát", "--owner", "A", "--due", "2025-10-10")
    monkeypatch.setenv("TRACKER_TODAY", "2025-10-18")
    cli("add-issue", "--commune", "thien-nhan", "--dept", "TC", "--title", "Kinh phí", "--due", "2025-10-20")
    cli("close", "TN-1", "--resolution", "Xong")
    monkeypatch.setenv("TRACKER_TODAY", "2025-10-20")
    departments = data / "departments.yaml"
    text = departments.read_text("utf-8").replace("  name: Sở Nông nghiệp và Môi trường\n",
                                                  "  name: Sở Nông nghiệp và Môi trường\n  email: nnmt@example.vn\n"
                                                  "  head: Giám đốc Sở Nông nghiệp và Môi trường\n")  # fmt: skip
    departments.write_text(text.replace("  name: Sở Tài chính\n", "  name: Sở Tài chính\n  email: tc@example.vn\n"),
                           "utf-8")  # fmt: skip
    return data


def reminders(cli: Cli, *args: str) -> dict:  # type: ignore[type-arg]
    return json.loads(cli("remind", "--format", "json", *args))  # type: ignore[no-any-return]


def test_remind_json_is_one_digest_a_line_and_an_empty_list_when_none_is_due(cli: Cli, late: Path) -> None:
    """A script may read the digests line by line; `--as-of` before anything was raised gives none."""
    lines = cli("remind", "--format", "json").splitlines()
    assert lines[0] == '{"as_of": "2025-10-20", "digests": [' and lines[-1] == "]}"
    assert [json.loads(line.rstrip(","))["to"] for line in lines[1:-1]] == ["NV", "TC", "NNMT", "van-an"]
    assert json.loads(cli("remind", "--format", "json", "--as-of", "2025-09-10")) == {"as_of": "2025-09-10",
                                                                                      "digests": []}  # fmt: skip


def test_each_reason_and_the_order(cli: Cli, late: Path) -> None:
    out = reminders(cli)
    assert out["as_of"] == "2025-10-20"
    assert [(d["kind"], d["to"]) for d in out["digests"]] == [("dept", "NV"), ("dept", "TC"), ("dept", "NNMT"),
                                                              ("commune", "van-an")]  # fmt: skip
    items = {d["to"]: d["items"] for d in out["digests"]}
    assert items["NNMT"] == [{"id": "VA-1", "commune": "van-an", "title": "Chậm cấp GCNQSD", "due": "2025-10-01",
                              "reason": "overdue", "days_overdue": 19, "last_update": "2025-09-15", "reminders": 0,
                              "escalated": False, "explain_by": None}]  # fmt: skip
    assert items["TC"][0]["reason"] == "due_soon" and items["TC"][0]["days_overdue"] == 0  # due today: not overdue
    assert items["NV"][0]["reason"] == "stale" and items["NV"][0]["last_update"] == "2025-09-15"
    assert items["van-an"][0]["id"] == "VA-KH1" and items["van-an"][0]["reason"] == "overdue"
    assert "KHCN" not in items  # done: nothing to remind of


def test_windows_and_who_is_asked(cli: Cli, late: Path) -> None:
    assert [d["to"] for d in reminders(cli, "--within", "0", "--stale", "40")["digests"]] == ["TC", "NNMT", "van-an"]
    assert [d["to"] for d in reminders(cli, "--dept", "NN&MT")["digests"]] == ["NNMT"]
    assert [d["to"] for d in reminders(cli, "--to", "communes")["digests"]] == ["van-an"]
    assert [d["to"] for d in reminders(cli, "--commune", "thien-nhan")["digests"]] == ["TC"]
    assert reminders(cli, "--as-of", "2025-09-10")["digests"] == []  # nothing raised yet
    assert "0 văn bản đôn đốc" in cli.result("remind", "--as-of", "2025-09-10").stderr


def test_record_counts_reminders_once_a_day_and_the_ladder_escalates(cli: Cli, late: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    before = (late / "communes" / "thien-nhan.yaml").read_text("utf-8")
    cli("remind", "--dept", "NNMT", "--record")
    cli("remind", "--dept", "NNMT", "--record")  # the same day: not twice
    text = (late / "communes" / "van-an.yaml").read_text("utf-8")
    assert text.count("reminder: dept-NNMT") == 1
    assert (late / "communes" / "thien-nhan.yaml").read_text("utf-8") == before  # nothing else moves
    monkeypatch.setenv("TRACKER_TODAY", "2025-10-27")
    cli("remind", "--dept", "NNMT", "--record")
    (item,) = reminders(cli, "--dept", "NNMT")["digests"][0]["items"]
    assert item["reminders"] == 2 and item["escalated"] is True  # the ladder: two reminders
    assert item["last_update"] == "2025-09-15"  # a reminder is not progress
    report = cli("report", "--dept", "NNMT")
    assert "Chưa xử lý (đã đôn đốc 2 lần)" in report
    letter = cli("remind", "--dept", "NNMT")
    assert "- Văn phòng UBND tỉnh;<br>" in letter and "Phó Chủ tịch UBND tỉnh" not in letter


def test_days_overdue_escalate_too_and_the_ladder_is_data(cli: Cli, late: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TRACKER_TODAY", "2025-12-10")  # VA-1 is 70 days overdue, never reminded
    letter = cli("remind", "--dept", "NNMT")
    assert "- Văn phòng UBND tỉnh;<br>" in letter
    # Reported up for what really happened (#32.4): 70 days overdue, not "reminded many times".
    assert "**Các nội dung được báo cáo cấp trên:**" in letter and "nhiều lần" not in letter
    assert "| 1 | VA-1 | Chậm cấp GCNQSD | Quá hạn 70 ngày; báo cáo UBND tỉnh (qua Văn phòng UBND tỉnh) |" in letter
    assert "| Quá hạn | 70 | 0 | 15/09/2025 |" in letter  # never reminded: 0, as every table says a count
    (late / "followup.yaml").write_text("ladder:\n- after_days_overdue: 365\n  copy_to: [VPUB]\n", "utf-8")
    assert "Văn phòng UBND tỉnh" not in cli("remind", "--dept", "NNMT")


def test_the_signer_is_never_copied_for_report(cli: Cli, late: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The default letter is signed by the Tổ trưởng: a rung that copies him (PCT) adds
    nobody, and the letter is not copied "for report" to who signs it (#32.4)."""
    monkeypatch.setenv("TRACKER_TODAY", "2025-12-10")
    signer = "letter:\n  signer: Nguyễn Văn Đệ\n  signer_code: PCT\n"
    ladder = ("recipients:\n- code: PCT\n  name: Phó Chủ tịch UBND tỉnh, Tổ trưởng Tổ công tác số 2\n"
              "ladder:\n- after_days_overdue: 60\n  copy_to: [VPUB, PCT]\n")  # fmt: skip
    (late / "followup.yaml").write_text(ladder, "utf-8")
    assert "- Phó Chủ tịch UBND tỉnh, Tổ trưởng Tổ công tác số 2;" in cli("remind", "--dept", "NNMT")
    (late / "followup.yaml").write_text(ladder + signer, "utf-8")
    letter = cli("remind", "--dept", "NNMT")
    assert "- Văn phòng UBND tỉnh;<br>" in letter and "Phó Chủ tịch" not in letter and "Nguyễn Văn Đệ" in letter
    assert "PCT" not in json.dumps(reminders(cli, "--dept", "NNMT"))
    from tracker import seed

    follow = seed.followup()
    copied = {code for step in follow.ladder for code in step.copy_to}
    assert follow.letter.signer_code == "PCT" and "PCT" not in copied  # the default contradicts itself no more


def test_an_item_escalated_by_hand_says_so(cli: Cli, late: Path) -> None:
    cli("update", "VA-1", "--status", "escalated")
    letter = cli("remind", "--dept", "NNMT")
    assert "| 1 | VA-1 | Chậm cấp GCNQSD | Đã kiến nghị cấp trên |" in letter


@pytest.mark.parametrize(("text", "message"), [
    ("letter:\n  signer_code: NOPE\n", "'NOPE' không phải cơ quan"),
    ("ladder:\n- after_reminders: 2\n  copy_too: [VPUB]\n", "copy_too: trường không hợp lệ (có phải 'copy_to'?)"),
    ("ladder:\n- after_reminders: 2\n  copy_to: [NOPE]\n", "'NOPE' không phải cơ quan"),
    ("ladder:\n- copy_to: [VPUB]\n", "cần after_reminders hoặc after_days_overdue"),
    ("recipients:\n- code: PCT\n  name: A\n  email: not-an-address\n", "email: dạng không hợp lệ"),
])  # fmt: skip
def test_a_bad_followup_file_is_reported(cli: Cli, late: Path, text: str, message: str) -> None:
    (late / "followup.yaml").write_text(text, "utf-8")
    result = cli.result("validate")
    assert result.exit_code == 1 and "data/followup.yaml:" in result.stdout and message in result.stdout


def test_files_one_a_reminder_and_a_letter_in_word(cli: Cli, late: Path, tmp_path: Path) -> None:
    from docx import Document

    out = tmp_path / "out"
    out.mkdir()
    for fmt in ("docx", "html", "eml", "md", "json"):
        cli("remind", "--format", fmt, "--output", str(out))
    names = sorted(p.name for p in out.iterdir())
    assert "dept-NNMT.docx" in names and "commune-van-an.eml" in names and "dept-TC.html" in names
    assert len(names) == 4 * 5
    doc = Document(str(out / "dept-NNMT.docx"))
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert any(
        c.startswith("ỦY BAN NHÂN DÂN TỈNH NGHỆ AN") and "Số: …/TCT2-ĐĐ" in c and "V/v đôn đốc" in c for c in cells
    )
    assert any("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in c and "Nghệ An, ngày 20 tháng 10 năm 2025" in c for c in cells)
    assert "Kính gửi: Giám đốc Sở Nông nghiệp và Môi trường" in text
    assert "còn 1 nội dung quá hạn, 0 nội dung đến hạn trong 14 ngày tới" in text
    assert "Chậm cấp GCNQSD" in cells and "Quá hạn" in cells
    assert any("Nơi nhận:" in c and "- Như trên;" in c for c in cells) and any("TM. TỔ CÔNG TÁC" in c for c in cells)
    assert doc.core_properties.author == "Tổ công tác số 2"
    assert "Traceback" not in cli.result("remind", "--format", "docx").output  # docx needs --output: an error


def test_an_email_reads_as_a_mail_client_reads_it(cli: Cli, late: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TRACKER_MAIL_FROM", "to-cong-tac@example.vn")
    cli("remind", "--format", "eml", "--output", str(tmp_path), "--dept", "NNMT")
    msg = message_from_bytes((tmp_path / "dept-NNMT.eml").read_bytes(), policy=policy.default)
    assert (
        msg["Subject"]
        == "V/v đôn đốc thực hiện các nội dung kết luận của Tổ công tác số 2 — Sở Nông nghiệp và Môi trường"
    )
    assert msg["To"] == "Sở Nông nghiệp và Môi trường <nnmt@example.vn>" and msg["From"] == "to-cong-tac@example.vn"
    assert msg.get_content_type() == "multipart/mixed"
    body, *attached = msg.iter_parts()
    assert body.get_content_type() == "multipart/alternative"
    text, html = (part.get_content() for part in body.iter_parts())
    # Plain text, not Markdown: the items as lines, no table pipes, no bold, no <br>.
    assert "1. VA-1 (Vạn An): Chậm cấp GCNQSD\n   Thời hạn: 01/10/2025; Lý do: Quá hạn; Số ngày quá hạn: 19;" in text
    assert "Kính gửi: Giám đốc Sở Nông nghiệp và Môi trường\n" in text
    assert not any(mark in text for mark in ("**", "<br>", "|", "\\"))
    assert "- dept-NNMT.docx\n- phieu-NNMT-2025-10-20.xlsx\n" in text  # the text names what it carries
    assert '<td data-label="Nội dung vướng mắc">Chậm cấp GCNQSD</td>' in html  # a card's cell names its column
    assert [(a.get_filename(), a.get_content_type(), a.get_content_disposition()) for a in attached] == [
        ("dept-NNMT.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "attachment"),
        ("phieu-NNMT-2025-10-20.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "attachment"),
    ]  # fmt: skip
    assert_letter_and_form(attached[0].get_content(), attached[1].get_content(), "NNMT", ["VA-1"])
    raw = (tmp_path / "dept-NNMT.eml").read_bytes()
    assert raw.isascii()  # headers and bodies encoded (RFC 2047, base64 or quoted-printable), as RFC 5322 wants
    assert len(raw) < 120_000  # a letter and a form: well under any server's limit


def assert_letter_and_form(docx: bytes, xlsx: bytes, code: str, ids: list[str], rows: list[str] | None = None) -> None:
    """The attached .docx is the letter (addressed, listing `ids`); the .xlsx is `code`'s
    update form of the same day, one row for each of `rows` (default: `ids`)."""
    import io

    import openpyxl
    from docx import Document

    doc = Document(io.BytesIO(docx))
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "Kính gửi:" in text and all(i in cells for i in ids)
    book = openpyxl.load_workbook(io.BytesIO(xlsx))
    sheet, _, hidden = book.worksheets
    assert sheet.title == "Phiếu cập nhật" and sheet.protection.sheet
    assert [sheet.cell(n, 1).value for n in range(6, sheet.max_row + 1)] == (rows or ids)
    meta = {r[0]: r[1] for r in hidden.iter_rows(max_row=8, values_only=True)}
    assert meta["code"] == code and meta["as_of"] == "2025-10-20" and hidden.sheet_state == "veryHidden"


class Inbox:
    """A real SMTP server on 127.0.0.1 (aiosmtpd), keeping what it receives."""

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.messages: list[tuple[str, list[str], bytes]] = []
        inbox = self

        class Handler:
            async def handle_RCPT(self, server, session, envelope, address, options):  # type: ignore[no-untyped-def]
                if address.endswith("@refused.example"):
                    return "550 no such user"
                envelope.rcpt_tos.append(address)
                return "250 OK"

            async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
                inbox.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
                return "250 Message accepted"

        import socket

        with socket.socket() as probe:  # a free port: aiosmtpd checks the one it is given
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> "Inbox":
        self.controller.start()
        return self

    def __exit__(self, *args: object) -> None:
        self.controller.stop()

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"


def test_send_through_a_real_server_skips_who_has_no_address_and_records_what_was_sent(
    cli: Cli, late: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_MAIL_FROM", "to-cong-tac@example.vn")
    with Inbox() as inbox:
        monkeypatch.setenv("TRACKER_SMTP_URL", inbox.url)
        result = cli.result("remind", "--send", "--record")
        assert result.exit_code == 0, result.output
        got = {tuple(to): message_from_bytes(raw, policy=policy.default) for _, to, raw in inbox.messages}
    assert set(got) == {("tc@example.vn",), ("nnmt@example.vn",)}
    assert "bỏ qua dept-NV: Sở Nội vụ: chưa có địa chỉ thư" in result.stderr
    assert "bỏ qua commune-van-an" in result.stderr
    assert got[("nnmt@example.vn",)]["X-Tracker-Letter"] == "dept-NNMT"
    for (to,), msg in got.items():  # each carries its own letter and form
        docx, xlsx = (a.get_content() for a in msg.iter_attachments())
        code = to.split("@")[0].upper()
        assert [a.get_filename() for a in msg.iter_attachments()] == [f"dept-{code}.docx",
                                                                       f"phieu-{code}-2025-10-20.xlsx"]  # fmt: skip
        assert_letter_and_form(docx, xlsx, code, {"NNMT": ["VA-1"], "TC": ["TN-2"]}[code])
    van_an = (late / "communes" / "van-an.yaml").read_text("utf-8")
    assert "reminder: dept-NNMT" in van_an and "reminder: dept-NV" not in van_an  # only what was sent


def test_a_refused_address_is_not_recorded_and_an_unreachable_server_is_a_clear_error(
    cli: Cli, late: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = late / "departments.yaml"
    path.write_text(path.read_text("utf-8").replace("tc@example.vn", "tc@refused.example"), "utf-8")
    with Inbox() as inbox:
        monkeypatch.setenv("TRACKER_SMTP_URL", inbox.url)
        result = cli.result("remind", "--send", "--record", "--to", "depts")
    assert "không gửi được dept-TC" in result.stderr and "đã gửi dept-NNMT" in result.stderr
    assert "reminder: dept-TC" not in (late / "communes" / "thien-nhan.yaml").read_text("utf-8")
    monkeypatch.setenv("TRACKER_SMTP_URL", "smtp://127.0.0.1:9")  # nothing listens there
    before = (late / "communes" / "van-an.yaml").read_bytes()
    result = cli.result("remind", "--send", "--record")
    assert result.exit_code == 1 and "smtp://127.0.0.1:9" in result.stderr
    assert (late / "communes" / "van-an.yaml").read_bytes() == before
    monkeypatch.setenv("TRACKER_SMTP_URL", "http://example.vn")
    assert cli.result("remind", "--send").exit_code == 2


def test_dry_run_says_who_would_get_what(cli: Cli, late: Path) -> None:
    before = (late / "communes" / "van-an.yaml").read_bytes()
    out = cli("remind", "--dry-run", "--record", "--send")
    assert "dept-NNMT → Sở Nông nghiệp và Môi trường <nnmt@example.vn>: 1 mục" in out
    assert "dept-NV → Sở Nội vụ (chưa có địa chỉ thư): 1 mục" in out
    assert (late / "communes" / "van-an.yaml").read_bytes() == before


def test_threads_are_not_left_running() -> None:
    assert all(not t.name.startswith("aiosmtpd") for t in threading.enumerate())


@pytest.mark.parametrize(("kind", "unit"), [("xa", "xã"), ("phuong", "phường"), ("dac_khu", "đặc khu")])
def test_a_letter_to_a_commune_goes_to_its_peoples_committee(cli: Cli, late: Path, tmp_path: Path, kind: str,
                                                             unit: str) -> None:  # fmt: skip
    """#32.2: "Kính gửi: Ủy ban nhân dân xã Vạn An", the body and the e-mail's To name
    the unit by its kind (from the commune file), and the table says its rows are the
    action plan's tasks."""
    from docx import Document

    path = late / "communes" / "van-an.yaml"
    path.write_text(path.read_text("utf-8").replace("  kind: xa\n", f"  kind: {kind}\n"), "utf-8")
    path.write_text(path.read_text("utf-8").replace("  prefix: VA\n", "  prefix: VA\n  email: vanan@example.vn\n"),
                    "utf-8")  # fmt: skip
    committee = f"Ủy ban nhân dân {unit} Vạn An"
    for fmt in ("docx", "eml", "md"):
        cli("remind", "--to", "communes", "--format", fmt, "--output", str(tmp_path))
    doc = Document(str(tmp_path / "commune-van-an.docx"))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert f"Kính gửi: {committee}" in text
    assert f"tính đến ngày 20/10/2025, {committee} còn 1 nội dung quá hạn" in text
    heads = [c.text for c in doc.tables[1].rows[0].cells]
    assert "Nhiệm vụ trong kế hoạch hành động" in heads and "Nội dung vướng mắc" not in heads
    msg = message_from_bytes((tmp_path / "commune-van-an.eml").read_bytes(), policy=policy.default)
    assert msg["To"] == f"{committee} <vanan@example.vn>"
    markdown = (tmp_path / "commune-van-an.md").read_text("utf-8")
    assert f"**Kính gửi: {committee}**" in markdown and "| Nhiệm vụ trong kế hoạch hành động |" in markdown
    english = cli("remind", "--to", "communes", "--lang", "en")
    kinds = {"xa": "commune", "phuong": "ward", "dac_khu": "special zone"}
    assert f"**To: People's Committee of Vạn An {kinds[kind]}**" in english and "| Action-plan task |" in english
    # A department's letter keeps its words.
    assert "| Nội dung vướng mắc |" in cli("remind", "--dept", "NNMT")


def _escalating(data: Path, pct: str | None = None) -> None:
    """Every overdue item escalates at once, copied to the vice-chair's office (PCT,
    with `pct` as its address) and to VPUB (vpub@example.vn)."""
    email = f"\n  email: {pct}" if pct else ""
    (data / "followup.yaml").write_text(
        f"recipients:\n- code: PCT\n  name: Phó Chủ tịch UBND tỉnh{email}\n"
        "ladder:\n- after_days_overdue: 1\n  copy_to: [VPUB, PCT]\n", "utf-8")  # fmt: skip
    path = data / "departments.yaml"
    text = path.read_text("utf-8")
    head, _, tail = text.partition("- code: VPUB\n")
    path.write_text(head + "- code: VPUB\n  email: vpub@example.vn\n" + tail, "utf-8")


def test_a_name_cannot_add_a_recipient_nor_break_the_message(
    cli: Cli, late: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """#28.6, #28.16: names with quotes, commas, an address or a line break stay one
    recipient's display name; the message is still made and sent to that recipient only."""
    path = late / "departments.yaml"
    hostile = 'Sở "Tài", chính <evil@evil.com>, x@y.z'
    text = path.read_text("utf-8").replace("  name: Sở Tài chính\n", f"  name: '{hostile}'\n")
    broken = '  name: "Sở Nông nghiệp\\nvà Môi trường"\n'
    path.write_text(text.replace("  name: Sở Nông nghiệp và Môi trường\n", broken), "utf-8")
    cli("remind", "--format", "eml", "--output", str(tmp_path), "--to", "depts")
    tc = message_from_bytes((tmp_path / "dept-TC.eml").read_bytes(), policy=policy.default)
    assert [a.addr_spec for a in tc["To"].addresses] == ["tc@example.vn"]
    assert tc["To"].addresses[0].display_name == hostile and "Cc" not in tc
    nnmt = message_from_bytes((tmp_path / "dept-NNMT.eml").read_bytes(), policy=policy.default)
    assert [a.addr_spec for a in nnmt["To"].addresses] == ["nnmt@example.vn"]
    assert nnmt["To"].addresses[0].display_name == "Sở Nông nghiệp và Môi trường"
    assert nnmt["Subject"].endswith("— Sở Nông nghiệp và Môi trường")
    with Inbox() as inbox:
        monkeypatch.setenv("TRACKER_SMTP_URL", inbox.url)
        result = cli.result("remind", "--send", "--to", "depts")
    assert result.exit_code == 0, result.output
    assert sorted(to for _, tos, _ in inbox.messages for to in tos) == ["nnmt@example.vn", "tc@example.vn"]


def test_a_refused_addressee_with_an_accepted_copy_is_not_sent_nor_recorded(
    cli: Cli, late: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """#28.11: the server refuses To (550) and accepts the Cc: not "sent", not recorded,
    and a run that sent nothing it was asked to exits non-zero (the cron line stops)."""
    _escalating(late, "pct@example.vn")
    path = late / "departments.yaml"
    path.write_text(path.read_text("utf-8").replace("nnmt@example.vn", "nnmt@refused.example"), "utf-8")
    with Inbox() as inbox:
        monkeypatch.setenv("TRACKER_SMTP_URL", inbox.url)
        result = cli.result("remind", "--send", "--record", "--dept", "NNMT")
    assert [tos for _, tos, _ in inbox.messages] == [["vpub@example.vn", "pct@example.vn"]]
    assert result.exit_code == 1, result.output
    assert "không gửi được dept-NNMT: nnmt@refused.example: 550 no such user" in result.stderr
    assert "dept-NNMT: chỉ tới vpub@example.vn, pct@example.vn (không ghi là đã đôn đốc)" in result.stderr
    assert "đã gửi dept" not in result.stderr and "đã gửi 0/1 văn bản đôn đốc" in result.stderr
    assert "không gửi được văn bản đôn đốc nào" in result.stderr
    assert "reminder:" not in (late / "communes" / "van-an.yaml").read_text("utf-8")


def test_the_escalation_copy_goes_or_is_said_why_not_and_the_run_ends_with_what_was_sent(
    cli: Cli, late: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """#32.3: the copy --dry-run --send lists is really sent (VPUB), or said why not (the
    vice-chair's office has no address); the run ends with what was sent and what not."""
    _escalating(late)
    dry = cli("remind", "--dry-run", "--send", "--dept", "NNMT")
    assert "cc: vpub@example.vn, Phó Chủ tịch UBND tỉnh (chưa có địa chỉ thư)" in dry
    with Inbox() as inbox:
        monkeypatch.setenv("TRACKER_SMTP_URL", inbox.url)
        result = cli.result("remind", "--send", "--record")
    assert result.exit_code == 0, result.output
    assert ["nnmt@example.vn", "vpub@example.vn"] in [tos for _, tos, _ in inbox.messages]
    assert "đã gửi dept-NNMT tới nnmt@example.vn, vpub@example.vn" in result.stderr
    assert "dept-NNMT: không tới Phó Chủ tịch UBND tỉnh: chưa có địa chỉ thư" in result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last == "đã gửi 2/4 văn bản đôn đốc (4 mục): dept-TC, dept-NNMT; chưa gửi: dept-NV, commune-van-an"


def test_a_run_where_no_one_has_an_address_sends_nothing_and_says_so(
    cli: Cli, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli(
        "add-issue",
        "--commune",
        "van-an",
        "--dept",
        "NV",
        "--title",
        "Thiếu công chức",
        "--due",
        "2025-10-01",
        "--raised-on",
        "2025-09-01",
    )
    with Inbox() as inbox:
        monkeypatch.setenv("TRACKER_SMTP_URL", inbox.url)
        result = cli.result("remind", "--send", "--record")
    assert result.exit_code == 1 and not inbox.messages
    assert "bỏ qua dept-NV: Sở Nội vụ: chưa có địa chỉ thư" in result.stderr
    assert "đã gửi 0/1 văn bản đôn đốc (1 mục): —; chưa gửi: dept-NV" in result.stderr


@pytest.mark.parametrize("url", ["smtp://[::1", "smtp://[::1]:x", "smtp://"])
def test_a_malformed_server_url_is_a_usage_error(
    cli: Cli, late: Path, monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    monkeypatch.setenv("TRACKER_SMTP_URL", url)
    result = cli.result("remind", "--send")
    assert result.exit_code == 2 and "TRACKER_SMTP_URL" in result.stderr, result.output


def test_two_letters_on_one_day_count_one_reminder(cli: Cli, late: Path) -> None:
    """#28.17: a record reminded by two letters on one day was reminded once that day:
    it counts 1, and does not escalate by the ladder's `after_reminders: 2`."""
    cli("remind", "--dept", "NNMT", "--record")
    path = late / "communes" / "van-an.yaml"
    text = path.read_text("utf-8")
    entry = text[text.rindex("  - date: 2025-10-20", 0, text.index("reminder: dept-NNMT")) :]
    entry = entry[: entry.index("reminder: dept-NNMT") + len("reminder: dept-NNMT\n")]
    path.write_text(text.replace(entry, entry + entry.replace("dept-NNMT", "dept-XD")), "utf-8")
    assert path.read_text("utf-8").count("reminder: dept-") == 2
    (item,) = reminders(cli, "--dept", "NNMT")["digests"][0]["items"]
    assert item["reminders"] == 1 and item["escalated"] is False


def test_a_server_that_cannot_be_reached_is_said_in_words_not_errno(
    cli: Cli, late: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """#33.7: no "[Errno 111] Connection refused": what happened, in the user's language."""
    import socket

    with socket.socket() as probe:  # a port on this machine that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("TRACKER_SMTP_URL", f"smtp://127.0.0.1:{port}")
    result = cli.result("remind", "--send", "--dept", "NNMT")
    assert result.exit_code != 0 and "Errno" not in result.stderr
    assert "máy chủ từ chối kết nối" in result.stderr
    english = cli.result("--lang", "en", "remind", "--send", "--dept", "NNMT")
    assert "the server refused the connection" in english.stderr


def test_a_communes_email_carries_its_form_and_a_reminder_with_no_item_carries_nothing(
    cli: Cli, late: Path, tmp_path: Path
) -> None:
    from dataclasses import replace

    from tracker.cli.app import format_context
    from tracker.ops import followup
    from tracker.ops.workspace import Workspace

    cli("remind", "--format", "eml", "--output", str(tmp_path), "--to", "communes")
    msg = message_from_bytes((tmp_path / "commune-van-an.eml").read_bytes(), policy=policy.default)
    docx, xlsx = (a.get_content() for a in msg.iter_attachments())
    # A commune's form: its action plan, then the issues it raised (not the reminder's items alone).
    assert_letter_and_form(docx, xlsx, "van-an", ["VA-KH1"], ["VA-KH1", "VA-1", "VA-2"])
    ws = Workspace(late)
    made = followup.digests(ws, followup.Ask(as_of=date(2025, 10, 20)))
    empty = replace(made.digests[0], items=[])
    assert followup.attachments(ws, empty, format_context(ws)) == []
    assert list(followup.email(ws, empty, format_context(ws)).iter_attachments()) == []
