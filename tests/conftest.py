"""Fixtures: data directories in tmp_path, a CLI runner, and a guard on the real data/."""

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tracker.cli import narrowed
from tracker.cli.exchange import read_ahead_of
from tracker.i18n import set_lang
from tracker.ops import communes
from tracker.ops.workspace import Workspace

REPO = Path(__file__).resolve().parents[1]
REAL_DATA = REPO / "data"
GOLDEN = REPO / "tests" / "golden"
# A copy of data/ as it was when the tests that count its records were written: an
# edit of the real data must not break them (the real data is checked to validate).
SESSION_DATA = REPO / "tests" / "fixtures" / "session-data"


def golden(name: str, text: str) -> None:
    """`text` must be what tests/golden/`name` holds. With UPDATE_GOLDEN=1 the file is
    rewritten, and a test whose file changed fails: a run that updates is never green."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        before = path.read_text("utf-8") if path.exists() else None
        path.write_text(text, "utf-8")
        if before != text:
            pytest.fail(f"rewrote tests/golden/{name}: read its diff, then run again without UPDATE_GOLDEN")
        pytest.skip(f"tests/golden/{name} unchanged (UPDATE_GOLDEN is set)")
    assert path.exists(), f"no tests/golden/{name}: make it with UPDATE_GOLDEN=1"
    assert text == path.read_text("utf-8")


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name != ".tracker.lock":
            h.update(path.relative_to(folder).as_posix().encode() + path.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="session", autouse=True)
def real_data_untouched() -> Iterator[None]:
    """Tests never write to the repository's data/."""
    before = _digest(REAL_DATA)
    yield
    assert _digest(REAL_DATA) == before, "a test wrote to the real data/ folder"


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Run every test in tmp_path, in Vietnamese, on a fixed day, as a fixed person."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TRACKER_DATA_DIR", raising=False)
    monkeypatch.delenv("TRACKER_LANG", raising=False)
    monkeypatch.setenv("TRACKER_TODAY", "2025-10-20")
    monkeypatch.setenv("TRACKER_CACHE_DIR", str(tmp_path / ".cache"))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / ".gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    (tmp_path / ".gitconfig").write_text("[user]\n\tname = Nguyễn Thư Ký\n\temail = tk@example.vn\n", "utf-8")
    set_lang("vi")
    yield
    set_lang("vi")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A data directory with Vạn An and Thiên Nhẫn and no records."""
    root = tmp_path / "data"
    communes.init_data_dir(root)
    ws = Workspace(root)
    communes.add_commune(ws, "Vạn An")
    communes.add_commune(ws, "Thiên Nhẫn")
    return root


class Cli:
    def __init__(self) -> None:
        self.runner = CliRunner()

    # As `tracker` runs a line (cli/__init__.py's `main`): a form it imports begun ahead,
    # then the app with only the command it names (`narrowed`).
    def __call__(self, *args: str, code: int = 0, input: str | None = None) -> str:
        result = self.result(*args, input=input)
        assert result.exit_code == code, f"exit {result.exit_code}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
        return result.stdout

    def result(self, *args: str, input: str | None = None):  # type: ignore[no-untyped-def]
        read_ahead_of(list(args))
        return self.runner.invoke(narrowed(list(args)), list(args), input=input, catch_exceptions=False)


@pytest.fixture
def cli() -> Cli:
    return Cli()


@pytest.fixture
def filled(data: Path, cli: Cli) -> Path:
    """Vạn An with three issues and a plan item; Thiên Nhẫn with one issue."""
    cli(
        "add-issue",
        "--commune",
        "van-an",
        "--dept",
        "NNMT",
        "--title",
        "Chậm cấp GCNQSD đất",
        "--category",
        "dat-dai",
        "--support",
        "TC",
        "--due",
        "2025-10-15",
        "--raised-on",
        "2025-09-20",
    )
    cli(
        "add-issue",
        "--commune",
        "Vạn An",
        "--dept",
        "NV",
        "--title",
        "Thiếu công chức địa chính",
        "--category",
        "nhan-su",
        "--due",
        "2025-12-31",
        "--raised-on",
        "2025-09-20",
    )
    cli(
        "add-issue", "--commune", "17950", "--dept", "TC", "--title", "Kinh phí sửa trụ sở", "--raised-on", "2025-09-20"
    )
    cli(
        "add-issue",
        "--commune",
        "thien nhan",
        "--dept",
        "KHCN",
        "--title",
        "Phần mềm chưa liên thông",
        "--support",
        "VPUB",
        "--raised-on",
        "2025-09-20",
    )
    cli(
        "plan",
        "add",
        "--commune",
        "van-an",
        "--title",
        "Rà soát hồ sơ đất đai",
        "--owner",
        "Vương Hồng Thái",
        "--due",
        "2025-12-31",
        "--issue",
        "VA-1",
        "--milestone",
        "2025-11-15:Lập danh sách",
        "--milestone",
        "2025-12-15:Hoàn thành rà soát",
    )
    return data


SCAN = b"%PDF-1.4 scan"  # the bytes of a scanned document the tests attach


def attached(cli: Cli, data: Path, scans: Path, ident: str) -> Path:
    """'Công văn 45.pdf' (`SCAN`) attached to `ident` with `tracker attach`; where the
    data folder keeps it (`files/<id>-cong-van-45.pdf`)."""
    scan = scans / "Công văn 45.pdf"
    scan.write_bytes(SCAN)
    cli("attach", ident, str(scan))
    return data / "files" / f"{ident.lower()}-cong-van-45.pdf"


def env_without_tracker() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
