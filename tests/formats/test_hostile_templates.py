"""A data repository's templates are untrusted (#28.12): whatever they hold, each
command ends, in bounded time and memory, with a template error naming the file (the
exit code of a data error), never "lỗi không mong đợi" (exit 3)."""

from pathlib import Path

import pytest

from tests.conftest import Cli

LOOP = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"


@pytest.fixture
def fast(monkeypatch: pytest.MonkeyPatch) -> None:
    """Time limits of half a second, so that a test of them is quick."""
    monkeypatch.setattr("tracker.confined.WORDING_SECONDS", 0.5)
    monkeypatch.setattr("tracker.confined.TEMPLATE_SECONDS", 0.5)
    monkeypatch.setattr("tracker.confined.MAX_OUTPUT", 20_000_000)


@pytest.mark.parametrize(("text", "said"), [
    (LOOP, "chạy quá 0.5 giây"),
    ("{% set x = 'x' * 4000000000 %}", "một phép tính tạo ra 4,000,000,000 ký tự"),
    ("{% set x = ['x'] * 4000000000 %}", "một phép tính tạo ra 4,000,000,000 ký tự"),
    ("{% set x = 10 ** 4000000000 %}", "một phép tính tạo ra"),
    ("{% set x = '%4000000000s' % 'x' %}", "một phép tính tạo ra"),
    ("{% macro f() %}{{ f() }}{% endmacro %}{% set x = f() %}", "recursion"),
    ("{% include 'lang/vi.j2' %}", "recursion"),
    ('{% set recipient_list = [] %}', "nhãn 'recipient_list' phải là danh sách 4 mục"),
    ('{% set recipient_list = "abc" %}', "nhãn 'recipient_list' phải là danh sách 4 mục"),
    ('{% set site = "x" %}', "nhãn 'site' phải là bảng"),
    ("{% set site = {'home': 'a\x01b'} %}", "nhãn 'site.home' có ký tự điều khiển U+0001"),
    ("{% set recipient_list = ['a\x01b', 'b', 'c', 'd'] %}", "nhãn 'recipient_list[0]' có ký tự điều khiển U+0001"),
    ("{% set remind_subject = 'a\x0bb' %}", "nhãn 'remind_subject' có ký tự điều khiển U+000B"),
])  # fmt: skip
def test_a_hostile_wording_file_is_a_named_error_for_every_command(
    cli: Cli, filled: Path, fast: None, text: str, said: str
) -> None:
    wording = filled.parent / "templates" / "lang" / "vi.j2"
    wording.parent.mkdir(parents=True)
    wording.write_text(text, "utf-8")
    for command in (["list"], ["report"]):
        result = cli.result(*command)
        assert result.exit_code == 1, (command, result.output)
        assert f"{wording}" in result.stderr and said in result.stderr, result.stderr
        assert "không mong đợi" not in result.stderr


@pytest.mark.parametrize(("text", "said"), [
    (LOOP, "chạy quá 0.5 giây"),
    ("{{ 'x' * 4000000000 }}", "một phép tính tạo ra 4,000,000,000 ký tự"),
    ("{% for i in range(3) %}{{ 'x' * 9000000 }}{% endfor %}", "viết ra quá 20,000,000 ký tự"),
    ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "recursion"),
    ("{% include 'report.md.j2' %}", "recursion"),
])  # fmt: skip
def test_a_hostile_report_template_is_a_named_error(cli: Cli, filled: Path, fast: None, text: str, said: str) -> None:
    template = filled.parent / "templates" / "report.md.j2"
    template.parent.mkdir()
    template.write_text(text, "utf-8")
    result = cli.result("report")
    assert result.exit_code == 1, result.output
    assert "lỗi mẫu báo cáo" in result.stderr and "report.md.j2" in result.stderr and said in result.stderr
    assert "không mong đợi" not in result.stderr


def test_a_good_override_still_works(cli: Cli, filled: Path) -> None:
    wording = filled.parent / "templates" / "lang" / "vi.j2"
    wording.parent.mkdir(parents=True)
    wording.write_text(
        "{% set recipient_list = ['a', 'b', 'c', 'd'] %}{% set remind_subject = 'đôn đốc\\nxã' %}", "utf-8"
    )
    assert cli.result("list").exit_code == 0
