"""Any sequence of changes to the data, pages deleted from the folder and builds that
fail half way ends, after one more build, equal to a full build (issue #28, point 13).
A failure is an exception injected after some pages were written (a real SIGKILL is
in test_incremental.py)."""

import contextlib
import shutil
from itertools import count
from pathlib import Path
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import Cli
from tests.ops.site.conftest import AS_OF, assert_as_full
from tracker.ops.site.folder import Folder

IDS = ["VA-1", "VA-2", "VA-3", "TN-1"]
STATUSES = ["open", "in_progress", "escalated", "dropped"]
DEPTS = ["NNMT", "TC", "NV", "KHCN", "VPUB"]
COMMUNES = ["van-an", "thien-nhan"]

STEP = st.one_of(
    st.tuples(st.just("status"), st.sampled_from(IDS), st.sampled_from(STATUSES)),
    st.tuples(st.just("note"), st.sampled_from(IDS)),
    st.tuples(st.just("due"), st.sampled_from(IDS), st.sampled_from(["2025-10-01", "2025-12-31", "-"])),
    st.tuples(st.just("lead"), st.sampled_from(IDS), st.sampled_from(DEPTS)),
    st.tuples(st.just("add"), st.sampled_from(COMMUNES), st.sampled_from(DEPTS), st.booleans()),
    st.tuples(st.just("plan"), st.sampled_from(COMMUNES), st.sampled_from(IDS)),
    st.tuples(st.just("rename"), st.sampled_from(COMMUNES)),
    st.tuples(st.just("department"), st.sampled_from(DEPTS)),
    st.tuples(st.just("delete"), st.integers(0, 10_000)),
    st.tuples(st.just("fail"), st.integers(0, 20), st.booleans()),  # then, or not, the change undone
    st.tuples(st.just("undo")),
    st.tuples(st.just("build")),
)
_example = count()


class _Failed(Exception):
    pass


def _state(data: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in data.rglob("*") if p.is_file() and not p.name.startswith(".")}


def _restore(data: Path, state: dict[Path, bytes]) -> None:
    for path in set(_state(data)) - set(state):
        path.unlink()
    for path, raw in state.items():
        path.write_bytes(raw)


def _apply(cli: Cli, data: Path, out: Path, step: tuple, states: list[dict[Path, bytes]]) -> None:  # type: ignore[type-arg]
    run = ("--data-dir", str(data))
    kind = step[0]
    if kind not in ("delete", "fail", "build", "undo"):
        states.append(_state(data))
    if kind == "undo":
        if states:
            _restore(data, states.pop())
    elif kind == "status":
        cli.result(*run, "update", step[1], "--status", step[2], "--allow-reopen")
    elif kind == "note":
        cli.result(*run, "update", step[1], "--note", "Đã họp")
    elif kind == "due":
        cli.result(*run, "update", step[1], "--due", step[2])
    elif kind == "lead":
        cli.result(*run, "update", step[1], "--dept", step[2])
    elif kind == "add":
        due = ["--due", "2025-10-10", "--raised-on", "2025-09-01"] if step[3] else []
        cli.result(*run, "add-issue", "--commune", step[1], "--dept", step[2], "--title", "Vướng mắc mới", *due)
    elif kind == "plan":
        cli.result(*run, "plan", "add", "--commune", step[1], "--title", "Kế hoạch", "--owner", "Lê B",
                   "--due", "2025-12-31", "--issue", step[2])  # fmt: skip
    elif kind == "rename":  # van-an.yaml ↔ van-an-2.yaml
        files = sorted((data / "communes").glob(f"{step[1]}*.yaml"))
        if files:
            old = files[0]
            new = old.with_name(f"{step[1]}.yaml" if old.stem != step[1] else f"{step[1]}-2.yaml")
            old.rename(new)
    elif kind == "department":
        registry = data / "departments.yaml"
        text = registry.read_text("utf-8")
        at = text.find(f"code: {step[1]}\n  name: ") + len(f"code: {step[1]}\n  name: ")
        registry.write_text(text[:at] + "Ban " + text[at:], "utf-8")
    elif kind == "delete":
        present = sorted(p for p in out.rglob("*.html")) if out.exists() else []
        if present:
            present[step[1] % len(present)].unlink()
    elif kind == "fail":
        real, left = Folder.put, [step[1]]

        def put(self: Folder, name: str, text: str) -> None:
            if left[0] == 0:
                raise _Failed(name)
            left[0] -= 1
            real(self, name, text)

        # the app's error boundary may let it through (the runner does not catch exceptions)
        with mock.patch.object(Folder, "put", put), contextlib.suppress(_Failed):
            cli.result(*run, "site", "--output", str(out), "--as-of", AS_OF)
        if step[2] and states:
            _restore(data, states.pop())
    else:
        cli.result(*run, "site", "--output", str(out), "--as-of", AS_OF)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(STEP, min_size=1, max_size=8))
def test_any_sequence_ends_as_a_full_build(cli: Cli, filled: Path, tmp_path: Path, steps: list[tuple]) -> None:  # type: ignore[type-arg]
    where = tmp_path / f"example{next(_example)}"
    data = where / "data"
    shutil.copytree(filled, data)
    out = where / "site"
    cli("--data-dir", str(data), "site", "--output", str(out), "--as-of", AS_OF)
    states: list[dict[Path, bytes]] = []  # the data before each change, for "undo"
    for step in steps:
        _apply(cli, data, out, step, states)
    assert_as_full(cli, data, out, where)
