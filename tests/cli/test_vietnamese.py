"""tracker.cli.vietnamese: Typer's own help frame and errors said in Vietnamese."""

import re
from pathlib import Path

import pytest
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


def test_the_help_frame_is_vietnamese() -> None:
    english = "Usage: tracker list [OPTIONS]\n  --dept TEXT      Lead department  [required]"
    vietnamese = framed(english).splitlines()
    assert vietnamese == ["Cách dùng: tracker list [TÙY-CHỌN]", "  --dept TEXT      Lead department  [bắt buộc]"]


def _columns(help_text: str) -> set[int]:
    """Where the descriptions of a help's options and arguments start (the first line's
    after two spaces, and the lines that go on below it)."""
    starts = set()
    for line in help_text.splitlines():
        found = re.match(r"^  (-\S.*?|[A-Z]+ ?)(  +)\S", line)
        if found:
            starts.add(found.end() - 1)
        elif re.match(r"^ {8,}\S", line):
            starts.add(len(line) - len(line.lstrip()))
    return starts


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_commands_help_keeps_its_descriptions_in_one_column(cli: Cli, data: Path, lang: str) -> None:
    from tests.test_docs import COMMANDS

    for command in [(), *COMMANDS]:
        shown = cli("--lang", lang, *command, "--help")
        options = shown[shown.index("Options:" if lang == "en" else "Tùy chọn:") :].split("\n\n")[0]
        assert len(_columns(options)) == 1, (command, options)


def test_the_user_reads_the_vietnamese_error_and_help(cli: Cli, data: Path) -> None:
    result = cli.result("list", "--dep", "NNMT")
    assert result.exit_code == 2
    assert result.stderr.startswith("Cách dùng: tracker list [TÙY-CHỌN]\n")
    assert "lỗi: không có tùy chọn --dep (có phải --dept" in result.stderr
    assert COMMANDS["list"].splitlines()[0] in " ".join(cli("list", "--help").split())


def test_help_names_values_by_what_is_typed_not_by_python_types(cli: Cli, data: Path) -> None:
    typer_words = re.compile(r"<(?:str|list\[str\]|int|int range|float)>")  # `<path>` is English too
    for name in ("list", "update", "extend", "plan", "report"):
        command = [name, "update"] if name == "plan" else [name]
        english, vietnamese = cli("--lang", "en", *command, "--help"), cli(*command, "--help")
        assert not typer_words.search(english), english
        assert not typer_words.search(vietnamese) and "<path>" not in vietnamese, vietnamese
    assert re.search(r"--as-of <date> +Date that counts as today", cli("--lang", "en", "list", "--help"))
    update = " ".join(cli("update", "--help").split())
    assert "--due <ngày>" in update and "--status <trạng-thái>" in update and "--note <chữ>" in update
