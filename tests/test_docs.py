"""Docs stay true: every command has help with an example, and the README's tour
shows every command (as sqlite-utils checks its own)."""

import ast
import os
import re
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from typer.main import get_command

from tests.conftest import REPO, SESSION_DATA, Cli
from tracker.cli import app


def _commands() -> list[tuple[str, ...]]:
    root = get_command(app)
    found: list[tuple[str, ...]] = []

    def walk(command: object, path: tuple[str, ...]) -> None:
        subcommands = getattr(command, "commands", None)
        if subcommands:
            for name, sub in subcommands.items():
                walk(sub, (*path, name))
        else:
            found.append(path)

    walk(root, ())
    return found


COMMANDS = _commands()


def test_the_expected_commands_exist() -> None:
    names = {" ".join(c) for c in COMMANDS}
    expected = {"init", "add-commune", "add-issue", "list", "show", "update", "close", "validate", "fmt",
                "plan add", "plan list", "plan update", "report", "stats"}  # fmt: skip
    assert expected <= names


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_has_help_with_an_example(cli: Cli, command: tuple[str, ...]) -> None:
    out = cli(*command, "--help")
    assert "Ví dụ: tracker " + " ".join(command) in " ".join(out.split())
    english = cli("--lang", "en", *command, "--help")
    assert "Example: tracker " + " ".join(command) in " ".join(english.split())


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_and_option_has_vietnamese_help(command: tuple[str, ...]) -> None:
    """Help in Vietnamese by default: no command or option falls back to its English."""
    from tracker.cli.vietnamese import COMMANDS as WORDS
    from tracker.cli.vietnamese import OPTIONS

    found = get_command(app)
    for name in command:
        found = found.commands[name]  # type: ignore[attr-defined]
    assert " ".join(command) in WORDS
    untranslated = [p.help for p in found.params if getattr(p, "help", None) and p.help not in OPTIONS]
    assert untranslated == []


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_readme_tour_shows_every_command(command: tuple[str, ...]) -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    assert re.search(r"^\s*(\$ )?tracker (--\S+ \S+ )?" + re.escape(" ".join(command)) + r"\b", readme, re.M), command


def test_readme_commands_run(cli: Cli, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The README's main command works on a clone's data, found from the clone's root
    (a clone holding a copy of the session's data: an edit of data/ cannot break this)."""
    readme = (REPO / "README.md").read_text("utf-8")
    assert ".venv/bin/tracker report --dept NNMT\n" in readme
    shutil.copytree(SESSION_DATA, tmp_path / "clone" / "data")
    monkeypatch.chdir(tmp_path / "clone")
    out = cli("report", "--dept", "NNMT")
    assert "Phần việc của: Sở Nông nghiệp và Môi trường (NNMT)." in out
    assert "| NNMT — Sở Nông nghiệp và Môi trường |" in out


def test_the_session_reports_ten_issues_led_by_nnmt(cli: Cli, tmp_path: Path) -> None:
    shutil.copytree(SESSION_DATA, tmp_path / "session")  # a copy: an edit of data/ cannot break this
    out = cli("--data-dir", str(tmp_path / "session"), "report", "--dept", "NNMT", "--as-of", "2026-12-01")
    assert "| NNMT — Sở Nông nghiệp và Môi trường | 10 |" in out


def test_root_help_lists_every_command(cli: Cli) -> None:
    out = cli("--help")
    assert "vướng mắc" in out
    for command in {c[0] for c in COMMANDS}:
        assert f"  {command} " in out, command


def test_help_and_add_issue_import_no_rendering_libraries(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Start-up stays light: the commands people run many times a day load neither
    Jinja2 nor Rich tables nor the office libraries."""
    import subprocess
    import sys

    from tracker.ops import communes
    from tracker.ops.workspace import Workspace

    communes.init_data_dir(tmp_path / "data")
    communes.add_commune(Workspace(tmp_path / "data"), "Vạn An")
    probe = (
        "import sys\nfrom tracker.cli import app\n"
        "try:\n    app(sys.argv[1:], prog_name='tracker')\nexcept SystemExit:\n    pass\n"
        "heavy = ('jinja2', 'rich.table', 'openpyxl', 'docx', 'pydantic', 'multiprocessing')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    for args, allowed in ((["--help"], []), (["add-issue", "--commune", "van-an", "--dept", "TC", "--title", "x"],
                                             ["pydantic"])):  # fmt: skip
        out = subprocess.run([sys.executable, "-c", probe, "--data-dir", str(tmp_path / "data"), *args],
                             capture_output=True, text=True, check=True).stdout  # fmt: skip
        assert out.strip().splitlines()[-1] == repr(allowed), args


def test_a_warm_read_parses_no_yaml_and_builds_no_validator(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A command whose files are all cached (the commune files, and the registries)
    imports neither PyYAML nor builds a Pydantic validator of the data files (a third
    of what a warm `list` spent above Typer's own start-up in a province), nor loads
    the commune files' models at all."""
    import subprocess
    import sys

    from tracker.ops import communes, issues
    from tracker.ops.workspace import Workspace

    communes.init_data_dir(tmp_path / "data")
    ws = Workspace(tmp_path / "data")
    communes.add_commune(ws, "Vạn An")
    issues.add_issue(ws, "van-an", "TC", "Kinh phí sửa trụ sở")
    probe = (
        "import sys\nfrom tracker.cli import app\nfrom tracker import registry\n"
        "try:\n    app(sys.argv[1:], prog_name='tracker')\nexcept SystemExit:\n    pass\n"
        "built = [n for n in ('Departments', 'Categories', 'FollowUp') if getattr(registry, n).__pydantic_complete__]\n"
        "models = sys.modules.get('tracker.models')\n"
        "built += ['CommuneFile'] * bool(models and models.CommuneFile.__pydantic_complete__)\n"
        "print(['yaml'] * ('yaml' in sys.modules) + ['models'] * bool(models) + built)\n"
    )
    env = {**os.environ, "TRACKER_CACHE_DIR": str(tmp_path / "cache")}

    def loaded(*args: str) -> str:
        return subprocess.run([sys.executable, "-c", probe, "--data-dir", str(tmp_path / "data"), *args], env=env,
                              capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]  # fmt: skip

    assert loaded("list") == repr(["yaml", "models", "Departments", "Categories", "CommuneFile"])  # cold
    # warm: not even the commune files' models are loaded (15 of the 27 classes, about 8 ms)
    for args in (["list"], ["list", "--dept", "TC", "--format", "json"], ["report", "--dept", "TC"], ["stats"]):
        loaded(*args)  # the report reads followup.yaml too
        assert loaded(*args) == "[]", args


def test_a_warm_listing_loads_nothing_of_the_write_side(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A listing only reads: it loads neither the history's rules, nor the roll-back of
    records to a past day, nor the store's lock, journal and atomic writes, nor git
    (about a tenth of what a warm `list` spends above Typer's start-up in a province);
    a back-dated listing rolls records back, and an edit takes the lock."""
    import subprocess
    import sys

    from tracker.enums import IssueStatus
    from tracker.ops import communes, issues
    from tracker.ops.workspace import Workspace

    communes.init_data_dir(tmp_path / "data")
    ws = Workspace(tmp_path / "data")
    communes.add_commune(ws, "Vạn An")
    issues.add_issue(ws, "van-an", "TC", "Kinh phí sửa trụ sở", raised_on=date(2025, 10, 1))
    issues.update_issue(ws, "VA-1", issues.IssueChanges(note="Đã họp", status=IssueStatus.IN_PROGRESS))
    writing = ("tracker.history", "tracker.timeline", "tracker.store.journal", "tracker.store.locking",
               "tracker.store.files", "tracker.gitio", "tracker.ops.issues")  # fmt: skip
    probe = (
        "import sys\nfrom tracker.cli import app\n"
        "try:\n    app(sys.argv[1:], prog_name='tracker')\nexcept SystemExit:\n    pass\n"
        f"print([m for m in {writing!r} if m in sys.modules])\n"
    )
    env = {**os.environ, "TRACKER_CACHE_DIR": str(tmp_path / "cache")}

    def loaded(*args: str) -> list[str]:
        out = subprocess.run([sys.executable, "-c", probe, "--data-dir", str(tmp_path / "data"), *args], env=env,
                             capture_output=True, text=True, check=True).stdout  # fmt: skip
        return ast.literal_eval(out.strip().splitlines()[-1])  # type: ignore[no-any-return]

    loaded("list")  # the cache is built; files written just now stay "racy" (hashed again, not parsed)
    for args in (["list"], ["list", "--dept", "TC", "--format", "json"], ["list", "--format", "csv"]):
        assert loaded(*args) == [], args
    assert "tracker.timeline" in loaded("list", "--as-of", "2025-10-02")  # the day before its update
    assert {"tracker.store.journal", "tracker.ops.issues"} <= set(loaded("update", "VA-1", "--note", "Gọi lại"))


def _tour() -> list[list[str]]:
    """The README's first steps, from `tracker init` to `tracker stats`, as argument lists."""
    import shlex

    readme = (REPO / "README.md").read_text("utf-8")
    blocks = re.findall(r"^```sh\n(.*?)^```", readme, re.M | re.S)
    lines = [line for block in blocks for line in block.splitlines() if line.startswith("tracker ")]
    start = next(n for n, line in enumerate(lines) if line.startswith("tracker init"))
    end = next(n for n, line in enumerate(lines) if line.startswith("tracker stats"))
    return [shlex.split(line, comments=True)[1:] for line in lines[start : end + 1]]


@pytest.mark.parametrize("day", [None, "2031-06-30"], ids=["today", "years-later"])
def test_the_readme_tour_runs_as_written_on_the_day_it_is_read(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, day: str | None
) -> None:
    steps = _tour()
    if day is None:
        # The real day; read before the last day the tour writes, the tour's own days (the
        # session of 2025) would be in the future, which tracker refuses: its last day then.
        written = [datetime.strptime(a, "%d/%m/%Y").date() for args in steps for a in args
                   if re.fullmatch(r"\d\d/\d\d/\d{4}", a)]  # fmt: skip
        written += [date.fromisoformat(a) for args in steps for a in args if re.fullmatch(r"\d{4}-\d\d-\d\d", a)]
        assert written
        monkeypatch.setenv("TRACKER_TODAY", max(date.today(), *written).isoformat())
    else:
        monkeypatch.setenv("TRACKER_TODAY", day)
    assert len(steps) >= 12 and ["plan", "list", "--commune", "van-an"] in steps
    for args in steps:
        out = cli(*args)
        if args[:2] == ["list", "--dept"] and "--overdue" in args:  # the issue the tour has just added
            assert "VA-1" in out and "VA-2" in out, out
    reminder = _readme_line("tracker remind --dept NNMT --format docx --output dondoc/")
    assert reminder[-1] == "dondoc/"
    cli(*reminder)  # the folder does not exist yet: made, as `site --output` makes its own
    assert (Path("dondoc") / "dept-NNMT.docx").is_file()


def _readme_line(start: str) -> list[str]:
    """The README's command that starts with `start`, as an argument list."""
    import shlex

    readme = (REPO / "README.md").read_text("utf-8")
    line = next(line for line in readme.splitlines() if line.startswith(start))
    return shlex.split(line, comments=True)[1:]


def test_the_page_images_the_readme_shows_exist() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    shown = set(re.findall(r"\((docs/(?:pages|site)/[\w.-]+\.png)\)", readme))
    assert {"docs/pages/report-1.png", "docs/pages/word-1.png", "docs/pages/workbook-1.png",
            "docs/site/index.png"} <= shown  # fmt: skip
    assert [path for path in sorted(shown) if not (REPO / path).is_file()] == []


@pytest.mark.parametrize("command", [(), *COMMANDS], ids=lambda c: " ".join(c) or "tracker")
def test_vietnamese_help_has_no_english_frame(cli: Cli, command: tuple[str, ...]) -> None:
    """`--help` in Vietnamese shows none of Typer's English words (#33.7)."""
    out = cli(*command, "--help")
    for word in ("OPTIONS", "ARGS", "<str>", "<list[str]>", "<int range>", "default:", "Usage:"):
        assert word not in out, (word, out)


def test_usage_lines_name_arguments_as_click_does_in_both_languages(cli: Cli) -> None:
    """`tracker attach [OPTIONS] ID FILE`, `[DIR]` when it may be left out: never
    Typer's `{ID}`, a lowercase `{name}` or a doubled `[[ID]]`."""
    shape = r"(?:Cách dùng|Usage): tracker [a-z -]+? \[(?:TÙY-CHỌN|OPTIONS)\](?: [A-Z]+| \[[A-Z]+\])*(?: \S+\.\.\.)?"
    seen = []
    for command in COMMANDS:
        for lang in ("vi", "en"):
            usage = cli("--lang", lang, *command, "--help").splitlines()[0]
            assert re.fullmatch(shape, usage), (lang, usage)
            seen.append(usage)
    assert "Cách dùng: tracker attach [TÙY-CHỌN] ID FILE" in seen and "Usage: tracker attach [OPTIONS] ID FILE" in seen
    assert "Usage: tracker similar [OPTIONS] [ID]" in seen and "Usage: tracker init [OPTIONS] [DIR]" in seen
    assert "Usage: tracker merge-driver [OPTIONS] BASE OURS THEIRS [NAME]" in seen
