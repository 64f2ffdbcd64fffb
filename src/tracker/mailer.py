"""Sending e-mail, in one place: the SMTP server from the environment, never from
the data files (which anyone with a pull request can change).

    TRACKER_SMTP_URL       smtp://user@host:587 (STARTTLS when the server offers it)
                           smtps://user@host:465 (TLS from the start)
    TRACKER_SMTP_PASSWORD  the user's password
    TRACKER_MAIL_FROM      the sender's address
"""

import os
import smtplib
import ssl
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import getaddresses
from urllib.parse import unquote, urlsplit

from tracker.errors import TrackerError, UsageError
from tracker.i18n import os_error, tr


@dataclass(frozen=True)
class Server:
    host: str
    port: int
    user: str | None
    password: str | None
    tls: bool  # TLS from the start (smtps); else STARTTLS when offered

    def __str__(self) -> str:
        return f"{'smtps' if self.tls else 'smtp'}://{self.host}:{self.port}"


@dataclass
class Delivery:
    """What became of one message: the recipients the server accepted, and those it
    refused with what it said (a message refused whole refuses each of them)."""

    accepted: list[str] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)


def _bad_url(url: str) -> UsageError:
    return UsageError(tr(f"TRACKER_SMTP_URL: cần dạng smtp://người-dùng@máy:587 (nhận '{url}')",
                         f"TRACKER_SMTP_URL: expected smtp://user@host:587 (got '{url}')"))  # fmt: skip


def server() -> Server:
    """The server $TRACKER_SMTP_URL names; a missing or malformed one is a clear error."""
    url = os.environ.get("TRACKER_SMTP_URL", "")
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:  # smtp://[::1 (an unclosed bracket)
        raise _bad_url(url) from None
    if parts.scheme not in ("smtp", "smtps") or not host:
        raise _bad_url(url)
    tls = parts.scheme == "smtps"
    try:
        port = parts.port or (465 if tls else 587)
    except ValueError:
        raise UsageError(
            tr(f"TRACKER_SMTP_URL: cổng không hợp lệ ({url})", f"TRACKER_SMTP_URL: bad port ({url})")
        ) from None
    user = unquote(parts.username) if parts.username else None
    return Server(host, port, user, os.environ.get("TRACKER_SMTP_PASSWORD"), tls)


def recipients(message: EmailMessage) -> list[str]:
    """The addresses `message` goes to, as smtplib's send_message finds them."""
    fields = [str(f) for name in ("To", "Cc", "Bcc") for f in message.get_all(name, [])]
    return [address for _, address in getaddresses(fields)]


def _said(reply: tuple[int, bytes | str]) -> str:
    code, text = reply
    return f"{code} {text.decode(errors='replace') if isinstance(text, bytes) else text}"


def why_not(exc: BaseException) -> str:
    """Why a connection or a send failed, in the user's words rather than the system's
    ("[Errno 111] Connection refused"); a server's own reply ("550 …") as it said it."""
    import socket

    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return tr("sai tên đăng nhập hoặc mật khẩu (TRACKER_SMTP_PASSWORD)",
                  "wrong user name or password (TRACKER_SMTP_PASSWORD)")  # fmt: skip
    if isinstance(exc, smtplib.SMTPResponseException):
        return _said((exc.smtp_code, exc.smtp_error))
    if isinstance(exc, ConnectionRefusedError):
        return tr("máy chủ từ chối kết nối (sai cổng, hoặc máy chủ chưa chạy)",
                  "the server refused the connection (a wrong port, or no server running)")  # fmt: skip
    if isinstance(exc, socket.gaierror):
        return tr("không tìm thấy tên máy chủ", "no such host")
    if isinstance(exc, TimeoutError | socket.timeout):
        return tr("máy chủ không trả lời (hết thời gian chờ)", "the server did not answer (timed out)")
    if isinstance(exc, ssl.SSLError):
        return tr(f"lỗi mã hóa TLS ({exc.reason})", f"a TLS error ({exc.reason})")
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return tr("máy chủ đã ngắt kết nối", "the server closed the connection")
    if isinstance(exc, OSError) and exc.strerror:
        return tr(f"lỗi mạng: {os_error(exc).vi}", f"network error: {os_error(exc).en}")
    return str(exc) or type(exc).__name__


def send(where: Server, messages: list[EmailMessage], timeout: float = 30) -> list[Delivery]:
    """Send `messages` over one connection; for each, whom the server accepted and whom
    it refused (smtplib's send_message raises only when it refused every recipient,
    and returns the refused ones otherwise: a 550 on To with an accepted Cc is a
    message that did not reach its addressee). A server that cannot be reached, or
    refuses the login, is a TrackerError naming it (nothing is sent then)."""
    try:
        if where.tls:
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(where.host, where.port, timeout=timeout,
                                                 context=ssl.create_default_context())  # fmt: skip
        else:
            smtp = smtplib.SMTP(where.host, where.port, timeout=timeout)
    except (OSError, smtplib.SMTPException) as exc:
        why = why_not(exc)
        raise TrackerError(tr(f"không kết nối được máy chủ thư {where}: {why}",
                              f"cannot reach the mail server {where}: {why}")) from None  # fmt: skip
    results: list[Delivery] = []
    with smtp:
        try:
            smtp.ehlo()
            if not where.tls and smtp.has_extn("starttls"):
                smtp.starttls(context=ssl.create_default_context())
                smtp.ehlo()
            if where.user:
                smtp.login(where.user, where.password or "")
        except (OSError, smtplib.SMTPException) as exc:
            why = why_not(exc)
            raise TrackerError(
                tr(f"máy chủ thư {where} từ chối: {why}", f"the mail server {where} refused: {why}")
            ) from None
        for message in messages:
            wanted = recipients(message)
            try:
                refused = {k: _said(v) for k, v in smtp.send_message(message).items()}
            except smtplib.SMTPRecipientsRefused as exc:
                refused = {k: _said(v) for k, v in exc.recipients.items()}
                refused |= {k: refused.get(k, "") for k in wanted}
            except (OSError, smtplib.SMTPException) as exc:
                refused = dict.fromkeys(wanted, why_not(exc))
            results.append(Delivery([a for a in wanted if a not in refused], refused))
    return results
