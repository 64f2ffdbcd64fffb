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
from dataclasses import dataclass
from email.message import EmailMessage
from urllib.parse import unquote, urlsplit

from tracker.errors import TrackerError, UsageError
from tracker.i18n import tr


@dataclass(frozen=True)
class Server:
    host: str
    port: int
    user: str | None
    password: str | None
    tls: bool  # TLS from the start (smtps); else STARTTLS when offered

    def __str__(self) -> str:
        return f"{'smtps' if self.tls else 'smtp'}://{self.host}:{self.port}"


def server() -> Server:
    """The server $TRACKER_SMTP_URL names; a missing or malformed one is a clear error."""
    url = os.environ.get("TRACKER_SMTP_URL", "")
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise UsageError(tr(f"TRACKER_SMTP_URL: cần dạng smtp://người-dùng@máy:587 (nhận '{url}')",
                            f"TRACKER_SMTP_URL: expected smtp://user@host:587 (got '{url}')"))  # fmt: skip
    tls = parts.scheme == "smtps"
    try:
        port = parts.port or (465 if tls else 587)
    except ValueError:
        raise UsageError(
            tr(f"TRACKER_SMTP_URL: cổng không hợp lệ ({url})", f"TRACKER_SMTP_URL: bad port ({url})")
        ) from None
    user = unquote(parts.username) if parts.username else None
    return Server(parts.hostname, port, user, os.environ.get("TRACKER_SMTP_PASSWORD"), tls)


def send(where: Server, messages: list[EmailMessage], timeout: float = 30) -> list[str | None]:
    """Send `messages` over one connection; for each, None when the server took it,
    else what it said. A server that cannot be reached, or refuses the login, is a
    TrackerError naming it (nothing is sent then)."""
    try:
        if where.tls:
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(where.host, where.port, timeout=timeout,
                                                 context=ssl.create_default_context())  # fmt: skip
        else:
            smtp = smtplib.SMTP(where.host, where.port, timeout=timeout)
    except (OSError, smtplib.SMTPException) as exc:
        raise TrackerError(tr(f"không kết nối được máy chủ thư {where}: {exc}",
                              f"cannot reach the mail server {where}: {exc}")) from None  # fmt: skip
    results: list[str | None] = []
    with smtp:
        try:
            smtp.ehlo()
            if not where.tls and smtp.has_extn("starttls"):
                smtp.starttls(context=ssl.create_default_context())
                smtp.ehlo()
            if where.user:
                smtp.login(where.user, where.password or "")
        except (OSError, smtplib.SMTPException) as exc:
            raise TrackerError(
                tr(f"máy chủ thư {where} từ chối: {exc}", f"the mail server {where} refused: {exc}")
            ) from None
        for message in messages:
            try:
                smtp.send_message(message)
                results.append(None)
            except smtplib.SMTPRecipientsRefused as exc:
                results.append("; ".join(f"{k}: {v[1].decode(errors='replace')}" for k, v in exc.recipients.items()))
            except (TimeoutError, smtplib.SMTPException) as exc:
                results.append(str(exc))
    return results
