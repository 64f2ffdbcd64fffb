"""What LibreOffice Calc itself makes of an update form, asked through UNO: run with
the system's python3 (python3-uno), never imported by the suite, which runs it as a
program and reads the JSON it prints (tests/cli/test_forms.py).

    /usr/bin/python3 tests/calc.py FORM.xlsx [ROW]

Opens FORM.xlsx hidden in a headless soffice of its own (its own profile, a pipe
named for this process) and says, of its first sheet and data row ROW (from 1,
default 6): whether the sheet is protected; which cells of the row are locked; the
status column's validation (its type, whether it stops with a message, its entries);
whether Calc flags a status not in the list (the Detective's "mark invalid data") and
leaves one that is; and what typing into a locked and into a fill-in cell, as a user
would (the dispatcher's EnterString on the selected cell), leaves in it."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

STATUS, RESULT = 5, 6  # the columns (from 0) of "Trạng thái mới" and "Kết quả"


def _prop(name: str, value: Any) -> Any:
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def _connect(pipe: str) -> Any:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(120):
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:  # not listening yet
            time.sleep(0.5)
    raise SystemExit("soffice did not answer on its pipe")


def _type(ctx: Any, doc: Any, sheet: Any, col: int, row: int, text: str) -> None:
    """Select the cell and enter `text` as a user typing it would."""
    controller = doc.getCurrentController()
    controller.setActiveSheet(sheet)
    controller.select(sheet.getCellByPosition(col, row))
    dispatcher = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
    dispatcher.executeDispatch(controller.getFrame(), ".uno:EnterString", "", 0, (_prop("StringName", text),))


def probe(path: Path, row: int) -> dict[str, Any]:
    profile = Path(tempfile.mkdtemp(prefix="calc-profile-"))
    pipe = f"tracker-calc-{os.getpid()}"
    office = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
         f"-env:UserInstallation={profile.as_uri()}", f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        ctx = _connect(pipe)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(path.resolve().as_uri(), "_blank", 0, (_prop("Hidden", True),))
        sheet = doc.Sheets.getByIndex(0)
        r = row - 1
        cells = [sheet.getCellByPosition(c, r) for c in range(13)]
        heading = [sheet.getCellByPosition(c, r - 1).getString() for c in range(13)]
        check = cells[STATUS].Validation
        out: dict[str, Any] = {
            "sheets": {s.Name: s.IsVisible for s in (doc.Sheets.getByIndex(n) for n in range(doc.Sheets.Count))},
            "protected": sheet.isProtected(),
            "locked": {h: c.CellProtection.IsLocked for h, c in zip(heading, cells, strict=True)},
            "validation": {
                "type": check.Type.value,
                "show_error": check.ShowErrorMessage,
                "error_style": check.ErrorAlertStyle.value,
                "entries": check.getFormula1(),
                "drop_down": check.ShowList,  # 0: none; 1: as given; 2: sorted
            },
        }
        kept = cells[STATUS].getString()
        cells[STATUS].setString("Xong rồi")  # the API writes past the validation: Calc must flag it
        out["invalid_flagged"] = sheet.showInvalid()
        sheet.clearArrows()
        cells[STATUS].setString("Đang xử lý")
        out["valid_flagged"] = sheet.showInvalid()
        sheet.clearArrows()
        cells[STATUS].setString(kept)
        before = cells[0].getString()
        _type(ctx, doc, sheet, 0, r, "XX-99")  # Mã: locked
        _type(ctx, doc, sheet, RESULT, r, "Đã cấp 12 GCNQSD")  # Kết quả: to fill
        out["typed"] = {"locked_before": before, "locked_after": cells[0].getString(),
                        "fill_in_after": cells[RESULT].getString()}  # fmt: skip
        doc.close(True)
        return out
    finally:
        office.terminate()
        try:
            office.wait(30)
        except subprocess.TimeoutExpired:
            office.kill()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    print(json.dumps(probe(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 6), ensure_ascii=False))
