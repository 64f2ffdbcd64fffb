"""The corpus of bad inputs in tests/corpus/: each gets one clear answer naming the
file and line, a non-zero exit, and no traceback. docs/bad-inputs.md shows what each
gets; this test keeps that table true (UPDATE_DOCS=1 rewrites it)."""

import os
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO, Cli

CORPUS = REPO / "tests" / "corpus"
DOC = REPO / "docs" / "bad-inputs.md"
HOLDS = {
    "syntax-error.yaml": "an unclosed `[` in a value",
    "tabs.yaml": "a line indented with a tab",
    "duplicate-key.yaml": "`title:` twice in one record",
    "unknown-field.yaml": "`stauts:`, a typo",
    "wrong-type.yaml": "`support: TC` where a list belongs",
    "empty.yaml": "nothing at all",
    "only-comment.yaml": "a comment and no data",
    "unclosed-quote.yaml": 'a `"` never closed',
    "conflict-markers.yaml": "git conflict markers left after a merge",
    "yaml11-booleans.yaml": "`title: on`, `owner: no` (YAML 1.1 reads yes/no values)",
    "yaml11-octal.yaml": "`code: 010` (YAML 1.1 reads an octal number)",
    "anchors.yaml": "an anchor and an alias (`&tpl`, `*tpl`)",
    "alias-bomb.yaml": 'a "billion laughs" alias bomb',
    "deep-nesting.yaml": "5,000 nested `[`",
    "control-escape.yaml": "an escaped NUL (`\\u0000`) in a quoted title",
    "control-raw.yaml": "a raw BEL control character in a title",
    "nul.yaml": "a raw NUL byte",
    "utf8-bom-crlf.yaml": "UTF-8 with a BOM and Windows line ends (valid)",
    "utf16.yaml": "UTF-16, as some Windows editors save",
    "windows-1258.yaml": "Windows-1258 text",
    "tcvn3.yaml": "legacy TCVN3 (ABC) text",
    "nfd.yaml": "decomposed (NFD) Vietnamese (valid: normalised)",
    "impossible-date.yaml": "`due: 2025-02-30`",
    "due-before-raised.yaml": "a deadline before the day it was raised",
    "unknown-references.yaml": "an unknown department, category and issue",
    "duplicate-ids.yaml": "two records with ID `VA-1`",
    "wrong-id-shape.yaml": "IDs `VA1` and `TN-2` in Vạn An's file",
    "long-title.yaml": "a 200,000-character title",
    "cr-only.yaml": "bare CR line ends (old Mac)",
    "bidi-title.yaml": "a right-to-left override (U+202E) in a title",
    "nonchar-title.yaml": "the noncharacter U+FFFE in a title",
    "hand-written.yaml": "records without default fields, `support: []`, an empty `owner:`, `history: []` (valid)",
    "indented-sequences.yaml": "sequences indented by hand (`  - id:`) (valid)",
    "keep-block.yaml": "a text block that keeps its final blank line (YAML's keep chomping) (valid)",
}
# Files that are valid: every command must be able to read and change them.
VALID = {n for n, holds in HOLDS.items() if holds.endswith("(valid)") or "(valid:" in holds}


def answer(cli: Cli, data: Path, name: str) -> tuple[int, str]:
    shutil.copy(CORPUS / name, data / "communes" / name)
    result = cli.result("validate")
    assert "Traceback" not in result.output
    first = (result.stdout.splitlines() or [""])[0]
    return result.exit_code, first


def test_every_corpus_file_is_described() -> None:
    assert sorted(HOLDS) == sorted(p.name for p in CORPUS.iterdir())


@pytest.fixture
def empty_data(tmp_path: Path) -> Path:
    from tracker.ops import communes

    root = tmp_path / "data"
    communes.init_data_dir(root)
    return root


def test_the_docs_table_says_what_each_input_gets(cli: Cli, empty_data: Path) -> None:
    rows = []
    for name in sorted(HOLDS):
        for stale in (empty_data / "communes").glob("*.yaml"):
            stale.unlink()
        code, first = answer(cli, empty_data, name)
        assert (code, name) == (0, name) if name in VALID else code == 1, (name, first)
        if code:
            assert first.startswith(f"data/communes/{name}:"), first
        rows.append(f"| `{name}` | {HOLDS[name]} | {code} | `{first}` |")
    table = "\n".join(
        ["| file | holds | exit | what `tracker validate` says (first line) |", "|---|---|--:|---|", *rows]
    )
    text = DOC.read_text("utf-8") if DOC.exists() else ""
    begin, end = "<!-- corpus:begin -->", "<!-- corpus:end -->"
    if os.environ.get("UPDATE_DOCS"):
        new = re.sub(f"{begin}.*{end}", lambda _: f"{begin}\n{table}\n{end}", text, flags=re.S)
        DOC.write_text(new, "utf-8")
        if new != text:  # a run that updates the docs is never green
            pytest.fail("rewrote docs/bad-inputs.md: read its diff, then run again without UPDATE_DOCS")
    assert f"{begin}\n{table}\n{end}" in text


def test_a_50_mb_file_is_refused_quickly(cli: Cli, empty_data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Refused by its size, before a byte of it is read."""
    big = empty_data / "communes" / "huge.yaml"
    with big.open("wb") as handle:  # sparse: 50 MB that cost nothing to write
        handle.truncate(50 * 2**20)
    opened = []
    real_open = Path.open

    def watched(self: Path, *args: object, **kwargs: object) -> object:
        opened.append(self.name)
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", watched)
    result = cli.result("validate")
    monkeypatch.undo()
    assert "huge.yaml" not in opened
    assert result.exit_code == 1
    assert result.stdout.startswith("data/communes/huge.yaml: tệp quá lớn (50 MB; tối đa 5 MB)")


@pytest.mark.parametrize("name", sorted(VALID))
def test_every_valid_file_can_be_changed_by_every_writer(cli: Cli, empty_data: Path, name: str) -> None:
    """Whatever `validate` accepts, every writer can change (and only what it changes)."""
    path = empty_data / "communes" / name
    shutil.copy(CORPUS / name, path)
    assert "VA-1" in cli("list", "--commune", "van an")
    cli("update", "VA-1", "--note", "Đã xem")
    cli("update", "VA-1", "--note", "Dòng cuối\n\n")  # text ending in blank lines is written so it reads back
    assert cli("show", "VA-1", "--format", "json").count("Dòng cuối\\n\\n") == 1
    cli("add-issue", "--commune", "van an", "--dept", "TC", "--title", "Mới", "--raised-on", "2025-09-01")
    cli("plan", "add", "--commune", "van an", "--title", "Việc", "--owner", "A", "--due", "2026-01-31")
    cli("renumber", "VA-1")
    raw = path.read_bytes()
    if name == "utf8-bom-crlf.yaml":
        assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\n") == raw.count(b"\r\n")
    assert cli("validate").startswith("hợp lệ")
    cli("fmt")
    assert cli("fmt", "--check") == "" and cli("validate").startswith("hợp lệ")


def test_the_docs_say_how_many_cases_are_held() -> None:
    """docs/bad-inputs.md states how many cases the corpus and the fault tests hold."""
    import subprocess
    import sys

    suites = ["tests/test_faults.py", "tests/test_hostile.py", "tests/cli/test_gitcmds.py"]
    out = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", *suites], cwd=REPO,
                         capture_output=True, text=True, check=True).stdout  # fmt: skip
    cases = sum(1 for line in out.splitlines() if "::" in line)
    files = len(list(CORPUS.iterdir()))
    line = (f"The corpus holds {files} files; the fault, hostile-input and merge tests "
            f"(`{'`, `'.join(suites)}`) hold {cases} cases.")  # fmt: skip
    text = DOC.read_text("utf-8")
    begin, end = "<!-- counts:begin -->", "<!-- counts:end -->"
    if os.environ.get("UPDATE_DOCS"):
        new = re.sub(f"{begin}.*{end}", lambda _: f"{begin}\n{line}\n{end}", text, flags=re.S)
        DOC.write_text(new, "utf-8")
        if new != text:
            pytest.fail("rewrote the counts in docs/bad-inputs.md: run again without UPDATE_DOCS")
    assert f"{begin}\n{line}\n{end}" in text
