"""tracker.cli.vietnamese: Typer's own help frame and errors said in Vietnamese."""

from pathlib import Path

from typer._click import exceptions as ce

from tests.conftest import Cli
from tracker.cli.vietnamese import COMMANDS, error, framed, worded


def test_typers_errors_are_worded_with_the_near_miss() -> None:
    assert worded(ce.NoSuchOption("--dep", possibilities=["--dept"])) == "không có tùy chọn --dep (có phải --dept?)"
    assert error("Invalid value for '--limit': 'abc' is not a valid integer.") == (
        "giá trị không hợp lệ cho '--limit': 'abc' không phải số nguyên"
    )
    assert error("No such command 'lst'. Did you mean 'list'?") == "không có lệnh 'lst' (có phải 'list'?)"


def test_an_error_not_known_is_left_as_it_is() -> None:
    assert error("Something else entirely") == "Something else entirely"


def test_the_help_frame_is_vietnamese_and_keeps_its_column() -> None:
    english = "Usage: tracker list [OPTIONS]\n  --dept <str>      Lead department"
    vietnamese = framed(english)
    assert vietnamese.splitlines()[0] == "Cách dùng: tracker list [TÙY-CHỌN]"
    assert vietnamese.splitlines()[1].index("Lead") == english.splitlines()[1].index("Lead")


def test_the_user_reads_the_vietnamese_error_and_help(cli: Cli, data: Path) -> None:
    result = cli.result("list", "--dep", "NNMT")
    assert result.exit_code == 2
    assert result.stderr.startswith("Cách dùng: tracker list [TÙY-CHỌN]\n")
    assert "lỗi: không có tùy chọn --dep (có phải --dept" in result.stderr
    assert COMMANDS["list"].splitlines()[0] in " ".join(cli("list", "--help").split())


def test_help_names_values_by_what_is_typed_not_by_python_types(cli: Cli, data: Path) -> None:
    import re

    typer_words = re.compile(r"<(?:str|list\[str\]|int|int range|float)>")  # `<path>` is English too
    for name in ("list", "update", "extend", "plan", "report"):
        command = [name, "update"] if name == "plan" else [name]
        english, vietnamese = cli("--lang", "en", *command, "--help"), cli(*command, "--help")
        assert not typer_words.search(english), english
        assert not typer_words.search(vietnamese) and "<path>" not in vietnamese, vietnamese
    assert re.search(r"--as-of <date> +Date that counts as today", cli("--lang", "en", "list", "--help"))
    update = " ".join(cli("update", "--help").split())
    assert "--due <ngày>" in update and "--status <trạng-thái>" in update and "--note <văn-bản>" in update
