"""E-mail: a reminder as a standard RFC 5322 message (Python's `email` package):
UTF-8 subject and body, the Markdown reminder as text and the HTML reminder as its
alternative; To the department or commune, Cc whom the ladder copies."""

from email import policy
from email.message import EmailMessage
from email.utils import formataddr, formatdate, make_msgid

from tracker.formats import Context, Format
from tracker.formats.html import FORMAT as HTML
from tracker.formats.md import FORMAT as MARKDOWN
from tracker.results import Digest

# Python folds long encoded headers at 78 columns and, in doing so, drops the space
# between two encoded words ("số 2 — Sở" read back as "số 2 —Sở"): keep them whole
# (RFC 5322 allows 998).
_POLICY = policy.default.clone(max_line_length=998)


def message(digest: Digest, ctx: Context) -> EmailMessage:
    """The reminder as a message; a recipient with no address has no To header."""
    msg = EmailMessage(policy=_POLICY)
    addressee = ctx.labels.unit(digest.to)  # a commune's People's Committee, by its kind of unit
    msg["Subject"] = f"V/v {ctx.labels.remind_subject} — {addressee}"
    msg["From"] = digest.sender or "tracker@localhost"
    if digest.to.email:
        msg["To"] = formataddr((addressee, digest.to.email))
    copies = [formataddr((c.name, c.email)) for c in digest.copies if c.email]
    if copies:
        msg["Cc"] = ", ".join(copies)
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain="tracker.local")
    msg["X-Tracker-Letter"] = digest.ref
    # Quoted-printable: 7-bit clean for any server, still readable as text.
    msg.set_content(str(MARKDOWN.render(digest, ctx)), charset="utf-8", cte="quoted-printable")
    msg.add_alternative(str(HTML.render(digest, ctx)), subtype="html", charset="utf-8", cte="quoted-printable")
    return msg


class Eml(Format):
    name = "eml"
    binary = True

    def digest(self, result: Digest, ctx: Context) -> bytes:
        return message(result, ctx).as_bytes()


FORMAT = Eml()
