"""Property-based tests: any valid record survives write → read unchanged; `fmt` is a
fixed point and idempotent, comments and all; random command sequences keep the data valid."""

import json
import shutil
import tempfile
import unicodedata
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from typer.testing import CliRunner

from tracker import layout, reporting, store, timeline, yamlio
from tracker.cli import app
from tracker.models import CommuneFile, CommuneInfo, HistoryEntry, Issue, Milestone, PlanItem
from tracker.ops import communes as commune_ops
from tracker.ops import reports
from tracker.ops.workspace import Workspace

VIET = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
YAML_SPECIAL = ":#-'\"{}[],&*!|>%@`?~ \t"
TRICKY = ["on", "no", "yes", "off", "true", "null", "~", "010", "0x1F", "1e3", "2025-01-01", "12:30", "- a",
          "# not a comment", "a: b", "'quoted'", '"dq"', "ư", "Đ"]  # fmt: skip
LINE = st.one_of(st.sampled_from(TRICKY), st.text(VIET + YAML_SPECIAL + "0123456789", min_size=1, max_size=40))
TITLE = LINE.map(str.strip).filter(bool)
TEXT = st.one_of(LINE, st.lists(LINE, min_size=1, max_size=4).map("\n".join), st.just("dòng cuối\n"), st.just(" a "))
DAY = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))
DEPTS = st.sampled_from(["NV", "TC", "NNMT", "XD", "KHCN", "VPUB"])


@st.composite
def issues(draw: st.DrawFn, n: int) -> Issue:
    lead = draw(DEPTS)
    return Issue(
        id=f"VA-{n}", title=draw(TITLE), description=draw(st.none() | TEXT),
        category=draw(st.none() | st.just("dat-dai")),
        dept=lead, support=draw(st.lists(DEPTS.filter(lambda d: d != lead), unique=True, max_size=3)),
        status=draw(st.sampled_from(["open", "in_progress", "escalated", "dropped"])),
        priority=draw(st.sampled_from(["high", "normal", "low"])), due=draw(st.none() | DAY),
        owner=draw(st.none() | TITLE),
        source=draw(st.none() | TEXT),
        history=draw(st.lists(st.builds(HistoryEntry, date=DAY, by=TITLE, note=st.none() | TEXT), max_size=3)),
    )  # fmt: skip


@st.composite
def communes(draw: st.DrawFn) -> CommuneFile:
    found = [draw(issues(n)) for n in range(1, draw(st.integers(0, 4)) + 1)]
    plans = [
        PlanItem(id=f"VA-KH{n}", title=draw(TITLE), owner=draw(st.none() | TITLE), due=draw(st.none() | DAY),
                 milestones=draw(st.lists(st.builds(Milestone, due=DAY, target=TITLE), max_size=2)),
                 issues=[i.id for i in found[:1]])
        for n in range(1, draw(st.integers(0, 2)) + 1)
    ]  # fmt: skip
    return CommuneFile(commune=CommuneInfo(code="17950", name="Vạn An", prefix="VA"), issues=found, action_plan=plans)


@settings(max_examples=150, deadline=None)
@given(communes())
def test_any_valid_record_survives_write_then_read(cf: CommuneFile) -> None:
    text = layout.render(store.plain(cf), "../schemas/commune.schema.json")
    assert "\\u" not in text and unicodedata.is_normalized("NFC", text)
    back = CommuneFile.model_validate(yamlio.load(text).data)
    assert back == cf


@settings(max_examples=100, deadline=None)
@given(communes(), st.lists(st.tuples(st.integers(0, 200), LINE), max_size=4))
def test_fmt_is_a_fixed_point_and_keeps_comments(cf: CommuneFile, comments: list[tuple[int, str]]) -> None:
    data = store.plain(cf)
    text = layout.render(data)
    assert layout.reformat(text, data) == text
    lines = text.split("\n")
    blocks = [i for i, line in enumerate(lines) if line.startswith(("- id:", "issues:", "action_plan:"))]
    # Full-line comments at record boundaries, as people write them (last first, so
    # that each insertion leaves the places of the others where they were).
    places = sorted(((blocks[where % len(blocks)], words) for where, words in comments), reverse=True)
    for at, words in places:
        lines.insert(at, "# " + words.replace("\n", " "))
    edited = "\n".join(lines)
    once = layout.reformat(edited, data)
    assert layout.reformat(once, data) == once
    assert sum(1 for line in once.split("\n") if line.startswith("# ")) == len(comments)
    assert CommuneFile.model_validate(yamlio.load(once).data) == cf


@st.composite
def grid_issues(draw: st.DrawFn, n: int) -> Issue:
    """Issues as the status grid sees them: status, deadline, day resolved."""
    status = draw(st.sampled_from(["open", "in_progress", "escalated", "resolved", "dropped"]))
    near = st.dates(min_value=date(2025, 9, 1), max_value=date(2025, 12, 31))  # around the as-of day
    resolved_on = draw(near) if status == "resolved" and draw(st.booleans()) else None
    return Issue(id=f"VA-{n}", title="x", dept=draw(DEPTS), status=status, due=draw(st.none() | near),
                 resolved_on=resolved_on)  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data(), st.dates(min_value=date(2025, 9, 1), max_value=date(2025, 12, 31)))
def test_the_caches_status_grid_counts_as_the_report_does(data: st.DataObject, as_of: date) -> None:
    """The grid by the cache's SQL (as of a day after every record's dates) or, back-dated,
    from the records rolled back, is the grid `rules.grid_cell` gives the records of that day."""
    found = [data.draw(grid_issues(n)) for n in range(1, data.draw(st.integers(0, 25)) + 1)]
    if data.draw(st.booleans()):  # half the time, a day the SQL counts for
        as_of = max([as_of, *(i.resolved_on for i in found if i.resolved_on)])
    cf = CommuneFile(commune=CommuneInfo(code="17950", name="Vạn An", prefix="VA"), issues=found)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        commune_ops.init_data_dir(root)
        (root / "communes" / "van-an.yaml").write_text(layout.render(store.plain(cf)), "utf-8")
        then = [p for i in found if (p := timeline.as_of(i, as_of)) is not None]
        order = list(Workspace(root).department_names())  # ties in the ranking: in the registry's order
        expected = reporting.stats(then, as_of, order)  # type: ignore[arg-type]
        assert reports.stats(Workspace(root), as_of) == expected


class Secretariat(RuleBasedStateMachine):
    """Random sequences of everyday commands: the data stays valid after every one."""

    @initialize()
    def start(self) -> None:
        self.dir = Path(tempfile.mkdtemp())
        self.data = self.dir / "data"
        commune_ops.init_data_dir(self.data)
        ws = Workspace(self.data)
        commune_ops.add_commune(ws, "Vạn An")
        commune_ops.add_commune(ws, "Thiên Nhẫn")
        self.runner = CliRunner()
        self.ids: list[str] = []
        self.plans: list[str] = []

    def run(self, *args: str) -> str:
        result = self.runner.invoke(app, ["--data-dir", str(self.data), *args], catch_exceptions=False)
        assert result.exit_code in (0, 2), result.output  # 2: a refused but sensible request
        return result.stdout

    @rule(commune=st.sampled_from(["van-an", "17989"]), dept=DEPTS, title=TITLE, due=st.none() | DAY)
    def add_issue(self, commune: str, dept: str, title: str, due: date | None) -> None:
        args = ["add-issue", "--commune", commune, "--dept", dept, "--title", title, "--raised-on", "2000-01-01"]
        out = self.run(*args, *(["--due", due.isoformat()] if due else []))
        if out.strip():
            self.ids.append(out.split()[-1])

    @rule(data=st.data(), status=st.sampled_from(["open", "in_progress", "escalated", "dropped"]), note=TEXT)
    def update(self, data: st.DataObject, status: str, note: str) -> None:
        if self.ids:
            self.run("update", data.draw(st.sampled_from(self.ids)), "--status", status, "--note", note)

    @rule(data=st.data(), resolution=TEXT)
    def close(self, data: st.DataObject, resolution: str) -> None:
        if self.ids:
            self.run("close", data.draw(st.sampled_from(self.ids)), "--resolution", resolution, "--on", "2030-01-01")

    @rule(data=st.data(), title=TITLE, owner=TITLE, due=DAY, goal=TITLE)
    def plan(self, data: st.DataObject, title: str, owner: str, due: date, goal: str) -> None:
        issue = [i for i in self.ids if i.startswith("VA-")]
        extra = ["--issue", data.draw(st.sampled_from(issue))] if issue else []
        out = self.run("plan", "add", "--commune", "Vạn An", "--title", title, "--owner", owner, "--due",
                       due.isoformat(), "--milestone", f"{due.isoformat()}:{goal}", *extra)  # fmt: skip
        if out.strip():
            self.plans.append(out.split()[-1])

    @rule(data=st.data())
    def milestone(self, data: st.DataObject) -> None:
        if self.plans:
            self.run("plan", "update", data.draw(st.sampled_from(self.plans)), "--milestone-done", "1")

    @invariant()
    def valid(self) -> None:
        if hasattr(self, "data"):
            result = self.runner.invoke(app, ["--data-dir", str(self.data), "validate"])
            assert result.exit_code == 0, result.output
            fmt = self.runner.invoke(app, ["--data-dir", str(self.data), "fmt", "--check"])
            assert fmt.exit_code == 0, fmt.output
            listed = self.runner.invoke(app, ["--data-dir", str(self.data), "list", "--format", "json"])
            assert sorted(r["id"] for r in json.loads(listed.stdout)) == sorted(self.ids)

    def teardown(self) -> None:
        if hasattr(self, "dir"):
            shutil.rmtree(self.dir, ignore_errors=True)


TestSecretariat = Secretariat.TestCase
TestSecretariat.settings = settings(
    max_examples=12, stateful_step_count=10, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
