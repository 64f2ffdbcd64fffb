"""cli/__init__.py: the process `tracker` runs in ends as `sys.exit` would end it (its
exit code, its whole output, the `atexit` functions), without the teardown."""

import json
import os
import subprocess
import sys
from pathlib import Path


def _run(*args: str, code: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", code] if code else [sys.executable, "-m", "tracker", *args]
    env = {**os.environ, "TRACKER_LANG": "en"}
    return subprocess.run(command, capture_output=True, text=True, encoding="utf-8", env=env, cwd=cwd, check=False)


def test_a_long_output_reaches_a_pipe_whole(filled: Path) -> None:
    done = _run("--data-dir", str(filled), "list", "--format", "json")
    assert done.returncode == 0
    assert [r["id"] for r in json.loads(done.stdout)] == ["TN-1", "VA-1", "VA-2", "VA-3"]


def test_the_exit_code_of_a_mistake_is_kept(filled: Path) -> None:
    done = _run("--data-dir", str(filled), "show", "VA-99")
    assert done.returncode == 2 and "VA-99" in done.stderr and done.stdout == ""
    assert _run("--data-dir", str(filled), "list", "--no-such-option").returncode == 2


def test_leave_runs_the_atexit_functions_flushes_and_exits_with_the_code() -> None:
    code = ("import atexit, sys; from tracker.cli import leave; atexit.register(lambda: print('bye')); "
            "print('written', end=' '); leave(3)")  # fmt: skip
    done = _run(code=code)
    assert (done.returncode, done.stdout) == (3, "written bye\n")
    done = _run(code="from tracker.cli import leave; leave('a message')")
    assert (done.returncode, done.stderr) == (1, "a message\n")
    assert _run(code="from tracker.cli import leave; leave(None)").returncode == 0
