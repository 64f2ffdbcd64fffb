"""One wording: every output names a status, a priority and a cell of the grid as
wording.py says, whatever format it comes in."""

import re
import typing
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Cli
from tracker.wording import EN, VI, Labels, fill, labels

STATUSES = ["open", "in_progress", "escalated", "resolved", "dropped"]


@pytest.fixture
def every_status(data: Path, cli: Cli) -> Path:
    for n, status in enumerate(STATUSES, 1):
        cli("add-issue", "--commune", "van-an", "--dept", "NNMT", "--title", f"Vướng mắc {n}", "--raised-on",
            "2025-09-01", "--due", "2025-10-01")  # fmt: skip
        if status == "resolved":
            cli("close", f"VA-{n}", "--resolution", "Xong", "--on", "2025-09-30")
        elif status != "open":
            cli("update", f"VA-{n}", "--status", status)
    return data


def _docx_text(path: Path) -> str:
    from docx import Document

    doc = Document(str(path))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def _xlsx_text(path: Path) -> str:
    from openpyxl import load_workbook

    book = load_workbook(path)
    return "\n".join(str(c.value) for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_format_words_the_grid_and_the_statuses_alike(
    cli: Cli, every_status: Path, tmp_path: Path, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "400")  # the stats table unwrapped, so that each heading reads whole
    words = VI if lang == "vi" else EN
    g = ["--lang", lang]
    cli(*g, "report", "--format", "docx", "--output", str(tmp_path / "r.docx"), "--as-of", "2025-10-20")
    cli(*g, "export", "--format", "xlsx", "--output", str(tmp_path / "r.xlsx"), "--as-of", "2025-10-20")
    outputs = {
        "stats": cli(*g, "stats", "--as-of", "2025-10-20"),
        "md": cli(*g, "report", "--as-of", "2025-10-20"),
        "html": cli(*g, "report", "--format", "html", "--as-of", "2025-10-20"),
        "docx": _docx_text(tmp_path / "r.docx"),
        "xlsx": _xlsx_text(tmp_path / "r.xlsx"),
    }
    for name, text in outputs.items():
        flat = " ".join(text.split())
        for key, heading in words["grid"].items():
            assert heading in flat, (name, key, heading)
    status_outputs = {"list": cli(*g, "list"), "md": outputs["md"], "html": outputs["html"], "docx": outputs["docx"]}
    for name, text in status_outputs.items():
        for status in STATUSES:
            assert words["status"][status] in text, (name, status)


def test_import_reads_the_words_the_outputs_write(cli: Cli, every_status: Path, tmp_path: Path) -> None:
    rows = ["id,status,priority"]
    rows += [f"VA-{n},{VI['status']['in_progress']},{VI['priority'][p]}" for n, p in ((1, "high"), (2, "low"))]
    rows += [f"VA-3,{EN['status']['open']},{EN['priority']['normal']}"]
    (tmp_path / "s.csv").write_text("\n".join(rows) + "\n", "utf-8")
    out = cli("import", str(tmp_path / "s.csv"))
    assert "VA-1: Trạng thái: Chưa xử lý → Đang xử lý; Mức ưu tiên: Bình thường → Cao" in out
    assert "VA-3: Trạng thái: Kiến nghị cấp trên → Chưa xử lý" in out


def test_both_languages_have_the_same_labels() -> None:
    assert VI.keys() == EN.keys()
    for key, value in VI.items():
        assert type(value) is type(EN[key]), key
        if isinstance(value, dict):
            assert value.keys() == EN[key].keys(), key


def _of_kind(value: Any, kind: Any) -> bool:
    """Whether a label's value is of the kind Labels declares: text, a list of texts, a
    table of texts, or a TypedDict of exactly its keys."""
    if typing.is_typeddict(kind):
        hints = typing.get_type_hints(kind)
        return isinstance(value, dict) and value.keys() == hints.keys() and all(
            _of_kind(value[k], hints[k]) for k in hints)  # fmt: skip
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin is list:
        return isinstance(value, list) and all(_of_kind(v, args[0]) for v in value)
    if origin is dict:
        return isinstance(value, dict) and all(_of_kind(k, args[0]) and _of_kind(v, args[1]) for k, v in value.items())
    return isinstance(value, kind)


@pytest.mark.parametrize("words", [VI, EN], ids=["vi", "en"])
def test_labels_declare_exactly_the_keys_of_each_language_and_their_kind(words: dict[str, Any]) -> None:
    """mypy checks `L.key` against Labels' attributes: these must be what the
    languages hold, or a misspelt label would pass the check and fail when it runs."""
    declared = typing.get_type_hints(Labels)
    del declared["lang"]
    assert declared.keys() == words.keys()
    wrong = [key for key, kind in declared.items() if not _of_kind(words[key], kind)]
    assert wrong == []
    L = labels("en" if words is EN else "vi")
    assert L.grid["done_late"] == words["grid"]["done_late"] and L["grid"] is L.grid


def test_the_templates_name_only_labels_that_exist() -> None:
    """A template's `L.key` is not checked by mypy: a misspelt one would fail only when
    that part of a report is rendered."""
    folder = Path(__file__).resolve().parents[1] / "templates"
    named = {m for path in folder.glob("*.j2") for m in re.findall(r"\bL\.(\w+)", path.read_text("utf-8"))}
    assert named and named - set(typing.get_type_hints(Labels)) - set(dir(Labels)) == set()


def test_a_label_fills_only_its_own_placeholders() -> None:
    assert fill(VI["upcoming"], days=14) == "1. Vướng mắc đến hạn trong 14 ngày tới"
    assert fill("{days.__class__} {x}", days=1) == "{days.__class__} {x}"


def test_an_override_cannot_run_code(tmp_path: Path) -> None:
    from tracker.errors import TrackerError

    (tmp_path / "lang").mkdir()
    marker = tmp_path / "ran"
    escape = "{% set x = cycler.__init__.__globals__.os.system('touch " + str(marker) + "') %}\n"
    (tmp_path / "lang" / "vi.j2").write_text(escape + '{% set group = "TỔ 3" %}\n', "utf-8")
    with pytest.raises(TrackerError, match=r"vi\.j2"):
        labels("vi", [tmp_path])
    assert not marker.exists()
    (tmp_path / "lang" / "vi.j2").write_text('{% set grop = "TỔ 3" %}\n', "utf-8")
    with pytest.raises(TrackerError, match="grop"):
        labels("vi", [tmp_path])


def test_the_packaged_templates_hold_no_wording_of_their_own() -> None:
    """Every word a template prints comes from L (wording.py): no Vietnamese in them."""
    folder = Path(__file__).resolve().parents[1] / "templates"
    for path in folder.glob("*.j2"):
        body = "\n".join(line for line in path.read_text("utf-8").splitlines() if not line.lstrip().startswith("{#"))
        assert not any(ch in body for ch in "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"), path.name


def test_a_status_or_priority_reads_in_words_of_either_language_or_as_its_code() -> None:
    """One table for every reader of a status typed in words: options, sheets, forms and
    the errors of a file."""
    from tracker.text import fold
    from tracker.wording import codes_by_word

    status, plan, priority = codes_by_word("status"), codes_by_word("plan_status"), codes_by_word("priority")
    for typed in ("Đang xử lý", "dang xu ly", "In progress", "in_progress"):
        assert status[fold(typed)] == "in_progress", typed
    assert plan[fold("Đã hoàn thành")] == "done" and plan[fold("done")] == "done"
    assert priority[fold("Cao")] == "high" and priority[fold("Low")] == "low"
    assert set(status.values()) == set(VI["status"]) and fold("Đã hoàn thành") not in status
