"""The site on a phone (issue #32, point 6): each page laid out by headless Chromium in
a real 400-px-wide frame (an iframe; `--window-size` alone lays out at 500), a script
measuring what runs off the frame, how narrow a title's cell is and how large a
chart's labels are shown. Screenshots of the frame, and of a desktop's width, go to
docs/site/ with UPDATE_SCREENSHOTS=1. Skipped without Chromium unless CI is set."""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO, Cli

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(not CHROMIUM and not os.environ.get("CI"), reason="needs Chromium (CI installs it)")

PAGES = ("index", "dept/NNMT", "overdue", "commune/van-an", "issue/VA-1")

# The page in a frame `width` px wide; once it is laid out (and the tables' script has
# run), what is wider than the frame, the narrowest title cell, the smallest chart label.
WRAPPER = """<!DOCTYPE html><html><body style="margin:0;background:#ddd">
<iframe id="f" style="width:{width}px;height:{height}px;border:0;background:#fff" src="{src}"></iframe>
<script>
window.addEventListener("load", () => {{
  const doc = document.getElementById("f").contentDocument, win = doc.defaultView;
  const seen = e => e.getClientRects().length > 0;
  const titles = [...doc.querySelectorAll("td.title")].filter(seen).map(e => e.getBoundingClientRect().width);
  let label = 1000;
  for (const svg of [...doc.querySelectorAll(".chart svg")].filter(seen)) {{
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    for (const t of svg.querySelectorAll("text"))
      if (t.textContent.trim()) label = Math.min(label, parseFloat(win.getComputedStyle(t).fontSize) * scale);
  }}
  const out = document.createElement("pre");
  out.id = "measured";
  const charts = [...doc.querySelectorAll(".chart svg")].filter(seen).length;
  out.textContent = JSON.stringify({{scroll: doc.documentElement.scrollWidth, title: Math.min(1000, ...titles),
                                    label: label, charts: charts}});
  document.body.appendChild(out);
}});
</script></body></html>"""


def _chromium(tmp_path: Path, page: Path, *args: str) -> str:
    assert CHROMIUM, "CI must install Chromium"
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run", "--allow-file-access-from-files",
               f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=5000",
               *args, page.as_uri()]  # fmt: skip
    return subprocess.run(command, check=True, capture_output=True, text=True, timeout=120).stdout


def _wrapper(tmp_path: Path, page: Path, width: int, height: int = 1300) -> Path:
    wrapper = tmp_path / f"wrapper-{width}-{page.stem}.html"
    wrapper.write_text(WRAPPER.format(width=width, height=height, src=page.as_uri()), "utf-8")
    return wrapper


def measure(tmp_path: Path, page: Path, width: int) -> dict[str, float]:
    dom = _chromium(tmp_path, _wrapper(tmp_path, page, width), "--dump-dom")
    found = re.search(r'<pre id="measured">(.*?)</pre>', dom)
    assert found, dom[-2000:]
    return dict(json.loads(found[1]))


@pytest.fixture
def site(cli: Cli, tmp_path: Path) -> Path:
    """The site of the repository's data (a copy), with deadlines passed and an
    escalated item, so that every table has rows and long titles."""
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    for ident, due in (("VA-1", "2026-03-31"), ("VA-2", "2026-06-30"), ("TN-1", "2026-09-30")):
        cli("--data-dir", str(data), "update", ident, "--due", due)
    cli("--data-dir", str(data), "update", "VA-3", "--status", "escalated")
    out = tmp_path / "site"
    cli("--data-dir", str(data), "site", "--output", str(out), "--as-of", "2026-12-01")
    return out


def test_every_page_reads_in_a_400_px_frame(site: Path, tmp_path: Path) -> None:
    for name in PAGES:
        got = measure(tmp_path, site / f"{name}.html", 400)
        assert got["scroll"] <= 400, (name, got)  # nothing runs off the screen: a wide table scrolls in its frame
        assert got["title"] >= 150, (name, got)  # a title is not one word a line
        assert got["title"] < 1000 or name in ("index", "issue/VA-1"), (name, got)  # the long tables were measured
        assert got["label"] >= 11, (name, got)  # a chart's labels shown at 11 px or more
        desk = measure(tmp_path, site / f"{name}.html", 1100)
        assert desk["scroll"] <= 1100 and desk["label"] >= 11, (name, desk)
        assert got["charts"] == desk["charts"], (name, got, desk)  # one chart of each, phone or desktop


def test_the_docs_screenshots_are_made_at_a_phones_width_and_a_desktops(site: Path, tmp_path: Path) -> None:
    """Makes the screenshots of docs/site (with UPDATE_SCREENSHOTS, copies them there):
    it checks only that Chromium drew each page; the layout itself is measured by
    the tests above (nothing wider than the frame, cells and labels large enough)."""
    shots = REPO / "docs" / "site"
    for name in ("index", "dept/NNMT", "overdue"):
        stem = name.replace("/", "-")
        for width, suffix in ((400, "-phone"), (1100, "")):
            shot = tmp_path / f"{stem}{suffix}.png"
            _chromium(tmp_path, _wrapper(tmp_path, site / f"{name}.html", width, 1400), f"--screenshot={shot}",
                      f"--window-size={max(width, 800)},1400")  # fmt: skip
            assert shot.stat().st_size > 10_000
            if os.environ.get("UPDATE_SCREENSHOTS"):
                shutil.copyfile(shot, shots / shot.name)
