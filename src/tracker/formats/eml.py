"""E-mail: a reminder as a standard RFC 5322 message (Python's `email` package):
UTF-8 subject and body, the reminder as plain text (templates/remind.txt.j2: no
Markdown) and the HTML reminder as its alternative; To the department or commune,
Cc whom the ladder copies. Attachments (ops/followup.attachments: the letter as
.docx, the recipient's update form as .xlsx) make it multipart/mixed."""

from dataclasses import dataclass
from email import policy
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import assert_never

from tracker.formats import templates
from tracker.formats.base import Context, Format, Name
from tracker.formats.html import FORMAT as HTML
from tracker.results import Contact, Digest
from tracker.text import one_line

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Attachment:
    """A file an e-mail carries: its name (ASCII), MIME type and bytes."""

    name: str
    mime: str  # "application/…"
    data: bytes


# Python folds long encoded headers at 78 columns and, in doing so, drops the space
# between two encoded words ("số 2 — Sở" read back as "số 2 —Sở"): keep them whole
# (RFC 5322 allows 998).
_POLICY = policy.default.clone(max_line_length=998)


def address(contact: Contact, name: str | None = None) -> Address | None:
    """Whom a header names, built as an address and never by joining strings: a name
    holding quotes, commas, `<evil@evil.com>` or a line break stays that one recipient's
    display name (encoded), never a second recipient. None when there is no address,
    or one a mail header cannot hold."""
    if not contact.email:
        return None
    try:
        return Address(display_name=one_line(name or contact.name), addr_spec=contact.email)
    except (ValueError, IndexError, HeaderParseError):
        return None


def message(digest: Digest, ctx: Context, attachments: list[Attachment] | None = None) -> EmailMessage:
    """The reminder as a message, with `attachments` (whose names its text lists); a
    recipient with no usable address is left out of its headers (`ops.followup.send`
    says so)."""
    msg = EmailMessage(policy=_POLICY)
    addressee = ctx.labels.unit(digest.to)  # a commune's People's Committee, by its kind of unit
    msg["Subject"] = one_line(f"V/v {ctx.labels.remind_subject} — {addressee}")
    msg["From"] = digest.sender or "tracker@localhost"
    to = address(digest.to, addressee)
    if to is not None:
        msg["To"] = to
    copies = [a for a in map(address, digest.copies) if a is not None and a != to]
    if copies:
        msg["Cc"] = copies
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain="tracker.local")
    msg["X-Tracker-Letter"] = digest.ref
    # Quoted-printable: 7-bit clean for any server, still readable as text.
    attached = attachments or []
    text = templates.render("remind.txt.j2", "txt", ctx, {"d": digest, "attached": [a.name for a in attached]})
    msg.set_content(text, charset="utf-8", cte="quoted-printable")
    msg.add_alternative(str(HTML.render(digest, ctx)), subtype="html", charset="utf-8", cte="quoted-printable")
    for one in attached:  # base64; the message becomes multipart/mixed
        maintype, subtype = one.mime.split("/", 1)
        msg.add_attachment(one.data, maintype=maintype, subtype=subtype, filename=one.name)
    return msg


class Eml(Format[Digest]):
    name = Name.EML
    binary = True

    def present(self, result: Digest, ctx: Context) -> bytes:
        match result:
            case Digest():
                return message(result, ctx).as_bytes()
            case _:
                assert_never(result)


FORMAT = Eml()
