"""E-mail: a reminder as a standard RFC 5322 message (Python's `email` package):
UTF-8 subject and body, the Markdown reminder as text and the HTML reminder as its
alternative; To the department or commune, Cc whom the ladder copies."""

from email import policy
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import assert_never

from tracker.formats.base import Context, Format, Name
from tracker.formats.html import FORMAT as HTML
from tracker.formats.md import FORMAT as MARKDOWN
from tracker.results import Contact, Digest

# Python folds long encoded headers at 78 columns and, in doing so, drops the space
# between two encoded words ("số 2 — Sở" read back as "số 2 —Sở"): keep them whole
# (RFC 5322 allows 998).
_POLICY = policy.default.clone(max_line_length=998)


def one_line(text: str) -> str:
    """A name as a header holds it: one line, its runs of spaces and line breaks one space."""
    return " ".join(text.split())


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


def message(digest: Digest, ctx: Context) -> EmailMessage:
    """The reminder as a message; a recipient with no usable address is left out of
    its headers (`ops.followup.send` says so)."""
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
    msg.set_content(str(MARKDOWN.render(digest, ctx)), charset="utf-8", cte="quoted-printable")
    msg.add_alternative(str(HTML.render(digest, ctx)), subtype="html", charset="utf-8", cte="quoted-printable")
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
