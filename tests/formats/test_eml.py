"""tracker.formats.eml: a reminder as an e-mail: its headers, its parts, its attachments."""

from email import message_from_bytes, policy

from tests.formats.conftest import AS_OF
from tracker.formats import Context
from tracker.formats.eml import DOCX_TYPE, FORMAT, Attachment, address, message
from tracker.results import Contact, Digest, DigestItem


def _digest(to: Contact, copies: list[Contact] | None = None) -> Digest:
    item = DigestItem("VA-1", "Vạn An", "van-an", "Chậm cấp GCNQSD đất", AS_OF, "overdue", 21, AS_OF, 1, False,
                      "NNMT", "open")  # fmt: skip
    return Digest("dept", to, [item], copies or [], AS_OF, 14, 30, "…/TCT2-ĐĐ", sender="to-cong-tac@example.vn")


NNMT = Contact("NNMT", "Sở Nông nghiệp và Môi trường", "nnmt@example.vn")
VPUB = Contact("VPUB", "Văn phòng UBND tỉnh", "vpub@example.vn")


def test_headers_name_the_department_copy_the_ladder_and_the_letter(vi: Context) -> None:
    raw = FORMAT.render(_digest(NNMT, [VPUB, Contact("PCT", "Phó Chủ tịch")]), vi)
    assert isinstance(raw, bytes)
    msg = message_from_bytes(raw, policy=policy.default)
    assert msg["To"] == "Sở Nông nghiệp và Môi trường <nnmt@example.vn>"
    assert msg["Cc"] == "Văn phòng UBND tỉnh <vpub@example.vn>"  # PCT has no address: left out
    assert msg["From"] == "to-cong-tac@example.vn" and msg["X-Tracker-Letter"] == "dept-NNMT"
    assert msg["Subject"].startswith("V/v ") and msg["Subject"].endswith("Sở Nông nghiệp và Môi trường")


def test_plain_text_with_an_html_alternative_both_naming_the_item(vi: Context) -> None:
    msg = message_from_bytes(message(_digest(NNMT), vi).as_bytes(), policy=policy.default)
    assert msg.get_content_type() == "multipart/alternative"
    text = msg.get_body(("plain",))
    html = msg.get_body(("html",))
    assert text is not None and html is not None
    assert "VA-1" in text.get_content() and "Chậm cấp GCNQSD đất" in text.get_content()
    assert "<" in html.get_content() and "VA-1" in html.get_content()


def test_attachments_make_it_mixed_and_keep_their_names_and_bytes(vi: Context) -> None:
    letter = Attachment("dept-NNMT.docx", DOCX_TYPE, b"PK\x03\x04 word")
    msg = message_from_bytes(message(_digest(NNMT), vi, [letter]).as_bytes(), policy=policy.default)
    assert msg.get_content_type() == "multipart/mixed"
    (part,) = msg.iter_attachments()
    assert (part.get_filename(), part.get_content_type(), part.get_content()) == (
        "dept-NNMT.docx", DOCX_TYPE, b"PK\x03\x04 word")  # fmt: skip


def test_a_name_meant_to_add_a_recipient_stays_one_display_name() -> None:
    found = address(Contact("X", 'Sở "A", <evil@evil.com>\nBcc: x@y.z', "nnmt@example.vn"))
    assert found is not None and found.addr_spec == "nnmt@example.vn"
    assert "\n" not in found.display_name
    assert address(Contact("NV", "Sở Nội vụ")) is None
