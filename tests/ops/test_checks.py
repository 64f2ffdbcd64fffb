"""ops.checks: validate and fmt."""

from tracker.ops import checks
from tracker.ops.workspace import Workspace


def test_validate_counts_and_finds_every_problem(filled_ws: Workspace) -> None:
    report = checks.validate(filled_ws)
    assert (report.problems, report.communes, report.issues, report.plan_items) == ([], 2, 4, 1)
    path = filled_ws.data.communes_dir / "van-an.yaml"
    path.write_text(path.read_text("utf-8").replace("dept: NV", "dept: NOPE"), "utf-8")
    (filled_ws.data.communes_dir / "notes.txt").write_text("x", "utf-8")
    problems = [str(p) for p in checks.validate(filled_ws).problems]
    assert any("VA-2: dept: cơ quan 'NOPE'" in p for p in problems)
    assert any(p.startswith("data/communes/notes.txt: tệp lạ") for p in problems)


def test_fmt_restores_the_canonical_form_and_keeps_comments(filled_ws: Workspace) -> None:
    path = filled_ws.data.communes_dir / "van-an.yaml"
    path.write_text(path.read_text("utf-8").replace("\n\n- id: VA-2", "  # ghi chú\n- id: VA-2"), "utf-8")
    assert checks.fmt(filled_ws, check=True) == [path]
    assert checks.fmt(filled_ws, check=False) == [path]
    assert "# ghi chú" in path.read_text("utf-8") and checks.fmt(filled_ws, check=True) == []
