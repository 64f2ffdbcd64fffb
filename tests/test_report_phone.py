"""The HTML report on a phone: laid out by headless Chromium in a real 400-px-wide frame,
the page must not scroll sideways (a wide table scrolls in its own box) and the head
(issuing body, motto) must fit. Skipped without Chromium unless CI is set."""

import os
from pathlib import Path

import pytest

from tests.chromium import CHROMIUM, measured
from tests.conftest import Cli

pytestmark = pytest.mark.skipif(not CHROMIUM and not os.environ.get("CI"), reason="needs Chromium (CI installs it)")

WRAPPER = """<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" style="width:{width}px;height:900px;border:0" srcdoc="{page}"></iframe>
<script>
window.addEventListener("load", () => {{
  const doc = document.getElementById("f").contentDocument;
  let head = 0;
  for (const e of doc.querySelectorAll(".head *, h1, .subject")) {{
    head = Math.max(head, e.getBoundingClientRect().right);
  }}
  const out = document.createElement("pre");
  out.id = "measured";
  out.textContent = `scroll=${{doc.documentElement.scrollWidth}} head=${{Math.ceil(head)}}`;
  document.body.appendChild(out);
}});
</script></body></html>"""


def _measure(tmp_path: Path, page: str, width: int) -> tuple[int, int]:
    found = measured(tmp_path, WRAPPER, page, width, r"scroll=(\d+) head=(\d+)")
    return int(found[1]), int(found[2])


def test_the_html_report_reads_in_a_400_px_frame(cli: Cli, filled: Path, tmp_path: Path) -> None:
    page = cli("report", "--format", "html", "--as-of", "2025-11-05")
    scroll, head = _measure(tmp_path, page, 400)
    assert scroll <= 400 and head <= 400, (scroll, head)  # nothing runs off a phone's screen
    scroll, head = _measure(tmp_path, page, 1000)  # a desktop: as it prints
    assert scroll <= 1000 and head <= 1000, (scroll, head)
