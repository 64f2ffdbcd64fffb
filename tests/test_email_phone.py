"""The reminder e-mail's HTML on a phone: laid out by headless Chromium in a real
400-px-wide frame (an iframe; `--window-size` alone lays out wider), a script
measuring what is wider than the frame. Skipped without Chromium unless CI is set."""

import os
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from tests.chromium import CHROMIUM, measured
from tests.conftest import Cli

pytestmark = pytest.mark.skipif(not CHROMIUM and not os.environ.get("CI"), reason="needs Chromium (CI installs it)")

# The e-mail in a frame 400 px wide; once it is laid out, the widest thing in it.
WRAPPER = """<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" style="width:{width}px;height:900px;border:0" srcdoc="{page}"></iframe>
<script>
window.addEventListener("load", () => {{
  const doc = document.getElementById("f").contentDocument;
  let right = 0;
  for (const e of doc.querySelectorAll("body *")) right = Math.max(right, e.getBoundingClientRect().right);
  const out = document.createElement("pre");
  out.id = "measured";
  out.textContent = `scroll=${{doc.documentElement.scrollWidth}} right=${{Math.ceil(right)}}`;
  document.body.appendChild(out);
}});
</script></body></html>"""


def _measure(tmp_path: Path, mail: str, width: int) -> tuple[int, int]:
    found = measured(tmp_path, WRAPPER, mail, width, r"scroll=(\d+) right=(\d+)")
    return int(found[1]), int(found[2])


def test_the_reminder_email_reads_in_a_400_px_frame(cli: Cli, data: Path, tmp_path: Path) -> None:
    for n in range(3):
        cli("add-issue", "--commune", "van-an", "--dept", "NNMT", "--due", "2025-10-01", "--raised-on", "2025-09-01",
            "--title", f"Hồ sơ cấp đổi giấy chứng nhận quyền sử dụng đất tồn đọng, chưa có hướng dẫn {n}")  # fmt: skip
    cli("remind", "--format", "eml", "--output", str(tmp_path), "--dept", "NNMT", "--as-of", "2025-11-05")
    msg = message_from_bytes((tmp_path / "dept-NNMT.eml").read_bytes(), policy=policy.default)
    mail = msg.get_body(("html",)).get_content()  # type: ignore[union-attr]
    scroll, right = _measure(tmp_path, mail, 400)
    assert scroll <= 400 and right <= 400, (scroll, right)  # nothing runs off a phone's screen
    assert 'data-label="Nội dung vướng mắc"' in mail  # a row's card names each cell
    scroll, right = _measure(tmp_path, mail, 1000)  # a desktop client: the table as it is
    assert scroll <= 1000 and right <= 1000, (scroll, right)
