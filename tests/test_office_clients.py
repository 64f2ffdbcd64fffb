"""Files for officials, opened in the programs officials open them with: LibreOffice
Calc (Debian's `libreoffice-calc`, headless). CI installs it; elsewhere these tests
are skipped unless CI is set."""

import csv
import io
import os
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from tests.cli.test_exchange import HOSTILE
from tests.conftest import Cli
from tracker.sheets import guard

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_office = pytest.mark.skipif(not SOFFICE and not os.environ.get("CI"), reason="needs LibreOffice (CI installs it)")


def soffice(tmp_path: Path, *args: str) -> None:
    assert SOFFICE, "CI must install LibreOffice"
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run([SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={profile}", *args],
                   check=True, capture_output=True, timeout=180)  # fmt: skip


@needs_office
def test_calc_shows_formula_like_titles_as_text(cli: Cli, data: Path, tmp_path: Path) -> None:
    for title in HOSTILE:
        cli("add-issue", "--commune", "van-an", "--dept", "TC", "--title", title)
    cli("export", "--format", "xlsx", "--output", str(tmp_path / "x.xlsx"))
    cli("export", "--format", "csv", "--output", str(tmp_path / "x.csv"))
    # The workbook's TC sheet (the second), as Calc computes it, back out as CSV.
    soffice(tmp_path, "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2",
            str(tmp_path / "x.xlsx"), "--outdir", str(tmp_path / "calc"))  # fmt: skip
    (shown,) = (tmp_path / "calc").glob("*.csv")
    titles = [row[2] for row in list(csv.reader(io.StringIO(shown.read_text("utf-8"))))[1:]]
    assert titles == HOSTILE  # not a link, not 2, not Err:509: the titles, as text
    # The CSV, as Calc opens it (UTF-8, commas), saved as a workbook: every title a text cell.
    soffice(tmp_path, "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", str(tmp_path / "x.csv"),
            "--outdir", str(tmp_path / "calc2"))  # fmt: skip
    sheet = openpyxl.load_workbook(tmp_path / "calc2" / "x.xlsx").active
    assert sheet is not None
    cells = [row[2] for row in sheet.iter_rows(min_row=2)]
    assert {c.data_type for c in cells} == {"s"}
    assert [c.value for c in cells] == [guard(t) for t in HOSTILE]  # as the CSV holds them: text, never evaluated
