"""The journal of a write of several files: carried out only when this program
left it (issue #28, point 1); the store's modules import one way (issue #27)."""

import ast
import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import Cli
from tracker import store
from tracker.errors import TrackerError
from tracker.store import journal, locking
from tracker.store.files import stage

SRC = Path(__file__).resolve().parents[2] / "src" / "tracker" / "store"
ENV = {"GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@x", "GIT_COMMITTER_NAME": "A", "GIT_COMMITTER_EMAIL": "a@x"}


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env={**os.environ, **ENV})


def hostile(data: Path, tmp_path: Path, token: str | None = None) -> tuple[Path, Path]:
    """The journal of issue #28: a hook put into .git/hooks, an outside file moved into data/."""
    (data / "hook.sh").write_text("#!/bin/sh\ntouch pwned\n", "utf-8")
    victim = tmp_path / "victim.txt"
    victim.write_text("bí mật\n", "utf-8")
    (tmp_path / ".git" / "hooks").mkdir(parents=True, exist_ok=True)
    record = {"replace": [["hook.sh", "../.git/hooks/pre-commit"], [str(victim), "communes/x.txt"]]}
    if token is not None:
        record["token"] = token
    (data / store.JOURNAL).write_text(json.dumps(record), "utf-8")
    return tmp_path / ".git" / "hooks" / "pre-commit", victim


def untouched(data: Path, hook: Path, victim: Path) -> bool:
    return not hook.exists() and victim.exists() and not (data / "communes" / "x.txt").exists()


def test_a_committed_journal_is_refused_and_named(cli: Cli, data: Path, tmp_path: Path) -> None:
    hook, victim = hostile(data, tmp_path)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-f", "data")
    git(tmp_path, "commit", "-qm", "pull request")
    for command in (["validate"], ["list"], ["add-issue", "--commune", "van-an", "--dept", "TC", "--title", "X"]):
        result = cli.result(*command)
        assert result.exit_code == 1, command
        assert ".tracker-journal.json" in result.stderr and "git" in result.stderr
        assert "hợp lệ" not in result.stdout and "Traceback" not in result.output
    assert untouched(data, hook, victim) and (data / store.JOURNAL).exists()


def test_a_journal_the_last_holder_did_not_leave_is_reported_not_carried_out(cli: Cli, data: Path,
                                                                             tmp_path: Path) -> None:  # fmt: skip
    hook, victim = hostile(data, tmp_path, token="0" * 32)  # not in git: copied in, or made by hand
    result = cli.result("validate")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "data/.tracker-journal.json" in result.stderr and "không thực hiện" in result.stderr
    assert untouched(data, hook, victim)
    english = cli.result("--lang", "en", "validate")
    assert english.exit_code == 1 and "not carried out" in english.stderr


def test_a_journal_bearing_the_holders_token_still_renames_nothing_outside(data: Path, tmp_path: Path) -> None:
    """Even with the right token (a committed lock file beside it), an entry that is
    not a staged file beside its data file refuses the whole journal."""
    with locking.lock(data):
        left = locking.token(data)
    hook, victim = hostile(data, tmp_path, token=left)
    staged = data / "communes" / ".van-an.yaml.ab12.tmp"
    staged.write_text("commune: {}\n", "utf-8")
    before = (data / "communes" / "van-an.yaml").read_bytes()
    record = json.loads((data / store.JOURNAL).read_text("utf-8"))
    record["replace"].insert(0, ["communes/.van-an.yaml.ab12.tmp", "communes/van-an.yaml"])
    (data / store.JOURNAL).write_text(json.dumps(record), "utf-8")
    with pytest.raises(TrackerError, match="không thực hiện"):
        store.finish_interrupted(data)
    assert untouched(data, hook, victim) and (data / "communes" / "van-an.yaml").read_bytes() == before


@pytest.mark.parametrize(
    "entry",
    [["../x.tmp", "../x"], ["/tmp/.a.yaml.1.tmp", "/tmp/a.yaml"], [".a.yaml.1.tmp", "communes/a.yaml"],
     ["communes/.b.yaml.1.tmp", "communes/a.yaml"], ["hook.sh", "communes/a.yaml"], ["x"], "x",
     [".tracker.lock.1.tmp", ".tracker.lock"], ["communes/..yaml.1.tmp", "communes/..yaml"]],
)  # fmt: skip
def test_each_entry_must_rename_a_staged_file_beside_its_target(data: Path, entry: object) -> None:
    with locking.lock(data):
        left = locking.token(data)
    (data / store.JOURNAL).write_text(json.dumps({"token": left, "replace": [entry]}), "utf-8")
    with pytest.raises(TrackerError, match="không thực hiện"):
        store.finish_interrupted(data)
    assert (data / store.JOURNAL).exists()


def test_the_journal_left_by_the_last_holder_is_carried_out(data: Path) -> None:
    target = data / "communes" / "van-an.yaml"
    new = target.read_bytes().replace(b"prefix: VA", b"prefix: VA  # ok")
    with locking.lock(data):  # a process that dies after writing the journal
        staged = stage(target, new)
        journal._write(data, [(staged, target)])
    store.finish_interrupted(data)  # as the next command does
    assert target.read_bytes() == new and not (data / store.JOURNAL).exists()


def test_init_and_setup_git_keep_the_journal_and_lock_out_of_git(cli: Cli, data: Path, tmp_path: Path) -> None:
    ignore = data / ".gitignore"
    assert ignore.read_text("utf-8").splitlines() == list(store.IGNORED)
    ignore.write_bytes(b"*.bak\r\n")  # a data folder made before, with its own rules
    git(tmp_path, "init", "-q")
    cli("setup-git")
    assert ignore.read_bytes() == b"*.bak\r\n.tracker.lock\r\n.tracker-journal.json\r\n.*.tmp\r\n"
    (data / store.JOURNAL).write_text("{}", "utf-8")
    git(tmp_path, "add", "data")
    listed = subprocess.run(["git", "ls-files", "data"], cwd=tmp_path, capture_output=True, text=True).stdout
    assert ".tracker-journal.json" not in listed and ".tracker.lock" not in listed


def _imports(path: Path) -> set[str]:
    """The store modules `path` imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "tracker.store":
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("tracker.store."):
            found.add(str(node.module).split(".")[2])
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "import_module":
            found.add("*")  # the façade's lazy names: it is above every module
    return found & ({p.stem for p in SRC.glob("*.py")} - {"__init__"})


def test_no_cycle_among_the_store_modules_even_deferred() -> None:
    graph = {p.stem: _imports(p) for p in SRC.glob("*.py") if p.stem != "__init__"}

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        return any(n == goal or (n not in seen and reaches(n, goal, seen | {n})) for n in graph.get(start, ()))

    cycles = [name for name in graph if reaches(name, name, set())]
    assert cycles == [], graph
    assert "journal" not in graph["locking"] and "saving" not in graph["locking"]
