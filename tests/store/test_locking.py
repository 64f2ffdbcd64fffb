"""The write lock: never through a link (issue #28, point 4), never waiting forever
(point 17), and the record the next holder reads a journal's owner from."""

import time
from pathlib import Path

import pytest

from tests.conftest import Cli
from tracker import store
from tracker.errors import TrackerError, UsageError
from tracker.store import locking


def test_a_committed_lock_link_is_refused_and_its_target_untouched(cli: Cli, data: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_text("giữ nguyên\n", "utf-8")
    (data / store.LOCK).unlink()
    (data / store.LOCK).symlink_to(victim)
    result = cli.result("add-issue", "--commune", "van-an", "--dept", "TC", "--title", "Thử")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "data/.tracker.lock" in result.stderr and "liên kết" in result.stderr
    assert victim.read_text("utf-8") == "giữ nguyên\n"
    assert "VA-1" not in (data / "communes" / "van-an.yaml").read_text("utf-8")


def test_a_lock_that_is_a_folder_is_refused(data: Path) -> None:
    (data / store.LOCK).unlink()
    (data / store.LOCK).mkdir()
    with pytest.raises(TrackerError, match=r"tracker\.lock"), locking.lock(data):
        pass


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "-1", "một phút", ""])
def test_a_timeout_that_is_not_a_number_of_seconds_is_a_clear_error(
    cli: Cli, data: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("TRACKER_LOCK_TIMEOUT", value)
    start = time.monotonic()
    result = cli.result("add-issue", "--commune", "van-an", "--dept", "TC", "--title", "Thử")
    assert time.monotonic() - start < 20
    assert result.exit_code == 2 and "TRACKER_LOCK_TIMEOUT" in result.stderr and "Traceback" not in result.output
    monkeypatch.setenv("TRACKER_LANG", "en")
    assert "must be the seconds" in cli.result("--lang", "en", "add-issue", "--commune", "van-an", "--dept", "TC",
                                                "--title", "Thử").stderr  # fmt: skip


def test_a_timeout_waits_no_longer_than_it_says(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import fcntl
    import os

    monkeypatch.setenv("TRACKER_LOCK_TIMEOUT", "0.2")
    fd = os.open(data / store.LOCK, os.O_RDWR)
    fcntl.flock(fd, fcntl.LOCK_EX)  # another process's hold, as the system sees it
    try:
        start = time.monotonic()
        with pytest.raises(TrackerError, match=r"0\.2"), locking.lock(data):
            pass
        assert time.monotonic() - start < 5
    finally:
        os.close(fd)
    assert locking.timeout() == 0.2
    monkeypatch.setenv("TRACKER_LOCK_TIMEOUT", "nan")
    with pytest.raises(UsageError):
        locking.timeout()


def test_the_next_holder_reads_the_token_the_last_one_left(data: Path) -> None:
    with locking.lock(data):
        first = locking.token(data)
        with locking.lock(data):  # re-entrant: the same hold
            assert locking.token(data) == first and locking.depth(data) == 2
    with locking.lock(data):
        assert locking.left_by(data) == first and locking.token(data) != first
    assert locking.token(data) is None and locking.depth(data) == 0
