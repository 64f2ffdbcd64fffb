"""tracker.mailer: the SMTP server from the environment, and what became of each message."""

from email.message import EmailMessage

import pytest

from tests.cli.test_followup import Inbox
from tracker import mailer
from tracker.errors import TrackerError, UsageError


def test_the_server_comes_from_the_url_with_the_default_port_of_its_scheme(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_SMTP_URL", "smtp://to-cong-tac%40nghean.gov.vn@mail.nghean.gov.vn")
    monkeypatch.setenv("TRACKER_SMTP_PASSWORD", "bí mật")
    found = mailer.server()
    assert (found.host, found.port, found.user, found.password, found.tls) == (
        "mail.nghean.gov.vn", 587, "to-cong-tac@nghean.gov.vn", "bí mật", False)  # fmt: skip
    monkeypatch.setenv("TRACKER_SMTP_URL", "smtps://mail.nghean.gov.vn")
    assert (mailer.server().port, str(mailer.server())) == (465, "smtps://mail.nghean.gov.vn:465")


@pytest.mark.parametrize("url", ["", "http://mail.example.vn", "smtp://", "smtp://host:port", "smtp://[::1"])
def test_a_missing_or_malformed_url_is_a_usage_error_naming_the_variable(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_SMTP_URL", url)
    with pytest.raises(UsageError) as caught:
        mailer.server()
    assert caught.value.message.startswith("TRACKER_SMTP_URL: ")


def test_failures_are_said_in_the_users_words() -> None:
    assert mailer.why_not(ConnectionRefusedError(111, "Connection refused")).startswith("máy chủ từ chối kết nối")
    assert mailer.why_not(TimeoutError()) == "máy chủ không trả lời (hết thời gian chờ)"


def _message(to: str, cc: str) -> EmailMessage:
    message = EmailMessage()
    message["From"], message["To"], message["Cc"] = "to-cong-tac@example.vn", to, cc
    message["Subject"] = "Đôn đốc"
    message.set_content("Kính gửi Sở Tài chính")
    return message


def test_a_real_server_accepts_some_recipients_and_refuses_others() -> None:
    message = _message("Sở Tài chính <tc@refused.example>", "vpub@example.vn")
    assert mailer.recipients(message) == ["tc@refused.example", "vpub@example.vn"]
    with Inbox() as inbox:
        (delivery,) = mailer.send(mailer.Server("127.0.0.1", inbox.port, None, None, False), [message])
    assert delivery.accepted == ["vpub@example.vn"]
    assert list(delivery.refused) == ["tc@refused.example"] and delivery.refused["tc@refused.example"].startswith("550")
    assert [to for _, to, _ in inbox.messages] == [["vpub@example.vn"]]


def test_a_server_nobody_listens_on_is_an_error_naming_it() -> None:
    with pytest.raises(TrackerError) as caught:
        mailer.send(mailer.Server("127.0.0.1", 9, None, None, False), [_message("a@example.vn", "")], timeout=5)
    assert "smtp://127.0.0.1:9" in caught.value.message
